"""Traversals of the offer graph (never on the search hot path): the units reachable from a
concept, a unit's concepts, its hierarchy up to its EJ, and the units sharing the most concepts
with it. The engine patches its postings with `concepts_de`; `alternatives.py` builds on the rest.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .construction import CONCEPT_KINDS, UO, ident_of, kind_of, node

if TYPE_CHECKING:  # networkx (~11 MiB) is imported where a graph is built
    import networkx as nx


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


def concepts_de(g: nx.Graph, uo_id: str) -> list[str]:
    n = node(UO, uo_id)
    if n not in g:
        return []
    return sorted(m for m in g.adj[n] if kind_of(m) in CONCEPT_KINDS)


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

