"""What units with the same activity and mode declare, read from the offer graph: activity node →
its units (those of the mode) → their aptitude nodes (acts R210, competences R243).

The graph is the engine's, patched in place when a unit is published, so the counts follow the
offer without an index to rebuild; a query walks only the activity's units.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from .construction import ACTE, ACTIVITE, COMPETENCE, UO, node

if TYPE_CHECKING:  # networkx (~11 MiB) is imported where a graph is built
    import networkx as nx

_APTITUDES = (f"{ACTE}:", f"{COMPETENCE}:")  # node prefixes (a prefix test, not a split: hot loop)
_UO = f"{UO}:"


def aptitudes_des_pairs(g: nx.Graph, activite: str | None, mode: str | None,
                        mode_de: Callable[[str], str | None], exclure: str | None = None
                        ) -> tuple[int, Counter[str]]:
    """The peer units (same activity and same mode) and, per aptitude node ("R210:0460"), how many
    of them declare it."""
    pairs: set[str] = set()
    concept = node(ACTIVITE, activite) if activite else None
    if concept is not None and concept in g:
        pairs = {u for u in g.adj[concept] if u.startswith(_UO) and mode_de(u[len(_UO):]) == mode}
    if exclure is not None:
        pairs.discard(node(UO, exclure))
    compte: Counter[str] = Counter()
    for u in pairs:
        compte.update(c for c in g.adj[u] if c.startswith(_APTITUDES))
    return len(pairs), compte
