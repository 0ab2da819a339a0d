"""Traversals of the offer graph used for explanations and alternatives (never on the hot path).

The units reachable from a concept, a unit's hierarchy up to its EJ and its territory, and the
neighbour concepts a regulator may fall back to: same family of activities, concepts often found
together on the same units (acts, equipment), and units sharing the most concepts with a unit.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import networkx as nx

from ..nomenclatures import Nomenclatures, default_nomenclatures
from .construction import (
    ACTIVITE,
    COMMUNE,
    CONCEPT_KINDS,
    DEPARTEMENT,
    EG,
    REGION,
    UO,
    ident_of,
    kind_of,
    node,
)

_STOP = {"de", "du", "des", "la", "le", "les", "et", "en", "a", "au", "aux", "d", "l", "sans", "avec",
         "pour", "par", "sur", "dont", "hors"}


def unites_du_concept(g: nx.Graph, concept: str) -> list[str]:
    """Unit ids linked to a concept node ("R210:0460"), sorted."""
    if concept not in g:
        return []
    return sorted(ident_of(m) for m in g.adj[concept] if kind_of(m) == UO)


def hierarchie(g: nx.Graph, uo_id: str) -> list[str]:
    """The chain UO → organisations internes → EG → EJ, following `parent` attributes."""
    chain: list[str] = []
    n: str | None = node(UO, uo_id)
    seen: set[str] = set()
    while n is not None and n in g and n not in seen:
        seen.add(n)
        chain.append(n)
        n = g.nodes[n].get("parent")
    return chain


def territoire_de(g: nx.Graph, eg_id: str) -> list[str]:
    """EG → commune → département → région, as far as the graph knows them."""
    out: list[str] = []
    frontier = [node(EG, eg_id)]
    for kind in (COMMUNE, DEPARTEMENT, REGION):
        nxt = [m for f in frontier if f in g for m in g.adj[f] if kind_of(m) == kind]
        if not nxt and kind == COMMUNE:
            continue  # an EG linked straight to its département
        out.extend(sorted(set(nxt)))
        frontier = nxt or frontier
    return out


def concepts_de(g: nx.Graph, uo_id: str) -> list[str]:
    n = node(UO, uo_id)
    if n not in g:
        return []
    return sorted(m for m in g.adj[n] if kind_of(m) in CONCEPT_KINDS)


def _fold(text: str) -> str:
    t = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in t if not unicodedata.combining(ch))


def famille_label(label: str) -> str:
    """The family of an activity label: its first meaningful word ("Chirurgie digestive" → chirurgie)."""
    for word in re.split(r"[^a-z0-9]+", _fold(label)):
        if word and word not in _STOP:
            return word
    return ""


@lru_cache(maxsize=4)
def _familles(nom: Nomenclatures) -> dict[str, tuple[str, ...]]:
    by_family: dict[str, list[str]] = {}
    for code, entry in nom.table("TRE_R211").codes.items():
        if entry.actif:
            by_family.setdefault(famille_label(entry.libelle), []).append(code)
    return {f: tuple(sorted(codes)) for f, codes in by_family.items()}


def meme_famille(concept: str, nom: Nomenclatures | None = None) -> list[str]:
    """Other active activities of the same family as an activity concept ("R211:xxx")."""
    if kind_of(concept) != ACTIVITE:
        return []
    nom = nom or default_nomenclatures()
    code = ident_of(concept)
    label = nom.table("TRE_R211").label(code)
    fam = famille_label(label)
    return [node(ACTIVITE, c) for c in _familles(nom).get(fam, ()) if c != code]


def cooccurrents(g: nx.Graph, concept: str, kinds: tuple[str, ...] = CONCEPT_KINDS,
                 limit: int = 10) -> list[tuple[str, int]]:
    """Concepts found on the same units as `concept` (acts often found together, shared
    equipment), most shared units first."""
    if concept not in g:
        return []
    counts: Counter[str] = Counter()
    for u in g.adj[concept]:
        if kind_of(u) != UO:
            continue
        for c in g.adj[u]:
            if c != concept and kind_of(c) in kinds:
                counts[c] += 1
    return sorted(counts.items(), key=lambda t: (-t[1], t[0]))[:limit]


def unites_voisines(g: nx.Graph, uo_id: str, kinds: tuple[str, ...] = CONCEPT_KINDS,
                    limit: int = 10) -> list[tuple[str, int]]:
    """Units sharing the most concepts (activities, aptitudes, equipment) with a unit."""
    n = node(UO, uo_id)
    if n not in g:
        return []
    counts: Counter[str] = Counter()
    for c in g.adj[n]:
        if kind_of(c) not in kinds:
            continue
        for u in g.adj[c]:
            if u != n and kind_of(u) == UO:
                counts[ident_of(u)] += 1
    return sorted(counts.items(), key=lambda t: (-t[1], t[0]))[:limit]


def alternatives(g: nx.Graph, concept: str, nom: Nomenclatures | None = None,
                 limit: int = 10) -> list[str]:
    """Neighbour concepts to propose when a concept finds nothing: same family first, then
    concepts of the same kind most often found together with it."""
    out = meme_famille(concept, nom)
    seen = set(out) | {concept}
    for c, _ in cooccurrents(g, concept, kinds=(kind_of(concept),), limit=limit):
        if c not in seen:
            out.append(c)
            seen.add(c)
    return out[:limit]
