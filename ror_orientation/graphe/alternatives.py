"""What the offer graph answers about one unit at run time (the unit sheet's "alternatives"):
the other units of its site (what can be combined there), units doing the same activities at the
other sites of its legal entity (where to turn when it is full), the units most like it, and what
those declare that it does not (a hint for the establishment keeping its offer up to date).

Walks of the networkx graph (`construction.build_graph`): a few hundred edges per answer, never on
the search hot path.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .construction import ACTE, ACTIVITE, EG, EJ, OI, UO, ident_of, kind_of, node
from .parcours import concepts_de, hierarchie, unites_du_concept, unites_voisines

if TYPE_CHECKING:  # networkx (~11 MiB) is imported where a graph is built
    import networkx as nx


@dataclass(frozen=True, slots=True)
class Semblable:
    """A unit sharing `communs` concepts (activities, aptitudes, equipment, publics) with another."""

    uo_id: str
    communs: int


@dataclass(frozen=True, slots=True)
class Alternatives:
    """The graph's answer for one unit; every list is of unit ids, best first."""

    uo_id: str
    eg_id: str | None
    ej_id: str | None
    meme_site: tuple[str, ...]
    autres_sites: tuple[str, ...]
    semblables: tuple[Semblable, ...]
    declares_par_semblables: tuple[tuple[str, int], ...]  # (concept, similar units declaring it)


def site_de(g: nx.Graph, uo_id: str) -> str | None:
    """The EG node a unit hangs from, through any depth of organisations internes."""
    return next((n for n in hierarchie(g, uo_id) if kind_of(n) == EG), None)


def unites_du_site(g: nx.Graph, eg: str) -> list[str]:
    """Unit ids under an EG node, whatever the depth of its organisations internes, sorted."""
    out: list[str] = []
    frontier = [eg]
    seen = {eg}
    while frontier:
        parent = frontier.pop()
        for child in g.adj[parent]:
            if child in seen or kind_of(child) not in (OI, UO):
                continue
            if g.nodes[child].get("parent") != parent:
                continue
            seen.add(child)
            if kind_of(child) == UO:
                out.append(ident_of(child))
            else:
                frontier.append(child)
    return sorted(out)


def alternatives(g: nx.Graph, uo_id: str, limit: int = 10, quorum: int = 2) -> Alternatives:
    """The unit's neighbourhood in the offer graph. `autres_sites`: units of the legal entity's
    other sites holding one of the unit's activities (its acts when it declares no activity), those
    sharing the most first; `declares_par_semblables`: concepts declared by at least `quorum` of the
    similar units and not by this one."""
    n = node(UO, uo_id)
    if n not in g:
        return Alternatives(uo_id, None, None, (), (), (), ())
    eg = site_de(g, uo_id)
    ej = g.nodes[eg].get("parent") if eg is not None else None
    own = set(concepts_de(g, uo_id))

    def shared(other: str) -> int:
        return len(own.intersection(concepts_de(g, other)))

    meme_site: list[str] = []
    if eg is not None:
        meme_site = [u for u in unites_du_site(g, eg) if u != uo_id]
        meme_site.sort(key=lambda u: (-shared(u), u))

    autres: list[str] = []
    if eg is not None and ej is not None:
        freres = {m for m in g.adj[ej] if kind_of(m) == EG and m != eg}
        wanted = [c for c in sorted(own) if kind_of(c) == ACTIVITE] or \
                 [c for c in sorted(own) if kind_of(c) == ACTE]
        found = {u for c in wanted for u in unites_du_concept(g, c)
                 if u != uo_id and site_de(g, u) in freres}
        autres = sorted(found, key=lambda u: (-shared(u), u))

    semblables = tuple(Semblable(u, k) for u, k in unites_voisines(g, uo_id, limit=limit))
    declared: Counter[str] = Counter()
    for s in semblables:
        declared.update(c for c in concepts_de(g, s.uo_id) if c not in own)
    hints = sorted(((c, k) for c, k in declared.items() if k >= quorum), key=lambda t: (-t[1], t[0]))
    return Alternatives(uo_id, ident_of(eg) if eg else None,
                        ident_of(ej) if ej and kind_of(ej) == EJ else None,
                        tuple(meme_site[:limit]), tuple(autres[:limit]), semblables,
                        tuple(hints[:limit]))
