"""Build the offer graph (networkx) from an `Offre`: the model that is checked, traversed for
explanations and alternatives, and compiled into arrays for queries (see `compilation.py`).

Nodes are prefixed strings ("UO:<id>", "EG:<id>", "R211:<code>"...), edges carry no attributes and
only hierarchy nodes carry a `parent` attribute: at national scale (300k units) a lean graph is what
keeps the process under its memory target; everything a query needs lives in the compiled arrays.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..offre import EntiteGeographique, Offre, UniteOperationnelle
from ..territoire import Territoire, departement_of_insee

if TYPE_CHECKING:  # networkx (~11 MiB) is imported where a graph is built
    import networkx as nx

# Node kinds, by prefix. Concept prefixes are the nomenclature table numbers (TRE_Rxxx).
EJ, EG, OI, UO, PS = "EJ", "EG", "OI", "UO", "PS"
COMMUNE, DEPARTEMENT, REGION = "COM", "DEP", "REG"
ACTIVITE, ACTE, COMPETENCE, EQUIPEMENT, PUBLIC = "R211", "R210", "R243", "R212", "R239"
SPECIALISATION, TEMPORALITE_ACCUEIL = "R245", "R240"
CONCEPT_KINDS = (ACTIVITE, ACTE, COMPETENCE, EQUIPEMENT, PUBLIC, SPECIALISATION, TEMPORALITE_ACCUEIL)


def node(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


def kind_of(n: str) -> str:
    return n.split(":", 1)[0]


def ident_of(n: str) -> str:
    return n.split(":", 1)[1]


def uo_concepts(uo: UniteOperationnelle) -> Iterator[str]:
    """The concept nodes a unit is linked to: activities, aptitudes, equipment, publics,
    specialisations of its patientèle and its temporalités d'accueil."""
    yield node(ACTIVITE, uo.activite)
    for c in uo.actes:
        yield node(ACTE, c)
    for c in uo.competences:
        yield node(COMPETENCE, c)
    for e in uo.equipements:
        yield node(EQUIPEMENT, e.code)
    for c in uo.publics:
        yield node(PUBLIC, c)
    for c in uo.specialisations:
        yield node(SPECIALISATION, c)
    for c in uo.temporalites_accueil:
        yield node(TEMPORALITE_ACCUEIL, c)


def eg_commune(eg: EntiteGeographique) -> str | None:
    return eg.adresse.commune_insee if eg.adresse else None


def eg_departement(eg: EntiteGeographique) -> str | None:
    if eg.departement:
        return eg.departement
    insee = eg_commune(eg)
    return departement_of_insee(insee) if insee else None


def eg_region(eg: EntiteGeographique, territoire: Territoire | None) -> str | None:
    if eg.region:
        return eg.region
    dep = eg_departement(eg)
    if dep and territoire is not None:
        return territoire.region_of_departement(dep)
    return None


def _uo_parent(uo: UniteOperationnelle, offre: Offre) -> str:
    if uo.oi_id and uo.oi_id in offre.oi:
        return node(OI, uo.oi_id)
    return node(EG, uo.eg_id)


def _territory_edges(offre: Offre, territoire: Territoire | None) -> Iterator[tuple[str, str]]:
    seen_dep: set[str] = set()
    for eg in offre.eg.values():
        insee = eg_commune(eg)
        dep = eg_departement(eg)
        if insee:
            yield node(EG, eg.id), node(COMMUNE, insee)
            if dep:
                yield node(COMMUNE, insee), node(DEPARTEMENT, dep)
        elif dep:
            yield node(EG, eg.id), node(DEPARTEMENT, dep)
        reg = eg_region(eg, territoire)
        if dep and reg and dep not in seen_dep:
            seen_dep.add(dep)
            yield node(DEPARTEMENT, dep), node(REGION, reg)


def _professional_edges(offre: Offre) -> Iterator[tuple[str, str]]:
    for ps in offre.professionnels.values():
        p = node(PS, ps.id)
        for ex in ps.exercices:
            yield p, node(UO, ex.uo_id)
            if ex.activite:
                yield p, node(ACTIVITE, ex.activite)
            for code in ex.equipements:
                yield p, node(EQUIPEMENT, code)


def _uo_edges(offre: Offre) -> Iterator[tuple[str, str]]:
    for uo in offre.uo.values():
        n = node(UO, uo.id)
        yield _uo_parent(uo, offre), n
        for c in uo_concepts(uo):
            yield n, c


def build_graph(offre: Offre, territoire: Territoire | None = None) -> nx.Graph:
    """The whole offer as one undirected graph; hierarchy parents as the `parent` node attribute.
    Nodes and edges are added in a few bulk calls (per-call overhead dominates at 1M+ edges)."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(node(EJ, ej.id) for ej in offre.ej.values())
    g.add_nodes_from((node(EG, eg.id), {"parent": node(EJ, eg.ej_id)}) if eg.ej_id
                     else node(EG, eg.id) for eg in offre.eg.values())
    g.add_nodes_from((node(OI, oi.id),
                      {"parent": node(OI, oi.parent_id) if oi.parent_id else node(EG, oi.eg_id)})
                     for oi in offre.oi.values())
    g.add_nodes_from((node(UO, uo.id), {"parent": _uo_parent(uo, offre)})
                     for uo in offre.uo.values())
    g.add_edges_from((node(EJ, eg.ej_id), node(EG, eg.id)) for eg in offre.eg.values() if eg.ej_id)
    g.add_edges_from((g.nodes[node(OI, oi.id)]["parent"], node(OI, oi.id))
                     for oi in offre.oi.values())
    g.add_edges_from(_uo_edges(offre))
    g.add_edges_from(_territory_edges(offre, territoire))
    g.add_edges_from(_professional_edges(offre))
    return g


def add_uo(g: nx.Graph, uo: UniteOperationnelle, offre: Offre) -> None:
    n = node(UO, uo.id)
    parent = _uo_parent(uo, offre)
    g.add_node(n, parent=parent)
    g.add_edge(parent, n)
    g.add_edges_from((n, c) for c in uo_concepts(uo))


def update_uo(g: nx.Graph, uo: UniteOperationnelle, offre: Offre) -> None:
    """Replace a unit's concept and hierarchy edges in place (professional edges are kept)."""
    n = node(UO, uo.id)
    if n in g:
        stale = [m for m in g.adj[n] if kind_of(m) in CONCEPT_KINDS or kind_of(m) in (OI, EG)]
        g.remove_edges_from((n, m) for m in stale)
    add_uo(g, uo, offre)


def concept_nodes(g: nx.Graph, kinds: Iterable[str] = CONCEPT_KINDS) -> Iterator[str]:
    wanted = set(kinds)
    return (n for n in g.nodes if kind_of(n) in wanted)
