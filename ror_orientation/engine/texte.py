"""Free text → concepts and names, through the index package when it is there.

The index (ror_orientation.index) owns the French analysis, synonyms and typo tolerance: its
`ConceptIndex.resolve(text)` gives concept ids ("R210:0460", "R211:...") — a synonym such as AVC
expands to several concepts, any of which matches — and its `NameIndex` finds units by their own or
their establishment's name. Without an index, only literal concept ids and whole-word name
containment are understood (a degraded but honest mode for tests of other stages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..territoire import fold

CONCEPT_RE = re.compile(r"\bR\d{3}:[0-9A-Za-z]+\b")


@dataclass(frozen=True, slots=True)
class Comprehension:
    """What a text was understood as: concepts (any of them matches) and units matched by name."""

    concepts: tuple[str, ...] = ()
    noms: dict[str, float] = field(default_factory=dict)  # uo_id → relevance in (0, 1]

    @property
    def vide(self) -> bool:
        return not self.concepts and not self.noms


def _concepts_from(result: Any) -> tuple[str, ...]:
    """Accept the index's answer as ids, (id, score) pairs or objects with `.concepts`/`.id`."""
    if result is None:
        return ()
    if hasattr(result, "concepts"):
        result = result.concepts
    out: list[str] = []
    for item in result:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, tuple) and item and isinstance(item[0], str):
            out.append(item[0])
        elif hasattr(item, "concept"):
            out.append(item.concept)
        elif hasattr(item, "id"):
            out.append(item.id)
    return tuple(dict.fromkeys(out))


class NomsSimples:
    """Whole-word containment over folded unit and establishment names (no-index fallback)."""

    def __init__(self, names: dict[str, str]) -> None:
        self.words = {uo_id: set(fold(n).split()) for uo_id, n in names.items()}

    def chercher(self, text: str) -> dict[str, float]:
        q = [w for w in fold(text).split() if len(w) > 2]
        if not q:
            return {}
        return {u: 1.0 for u, words in self.words.items() if all(w in words for w in q)}


def comprendre(texte: str, concept_index: Any | None, name_search: Any | None) -> Comprehension:
    """Turn free text into concepts and name matches."""
    concepts = tuple(CONCEPT_RE.findall(texte))
    if concept_index is not None:
        concepts = tuple(dict.fromkeys(concepts + _concepts_from(concept_index.resolve(texte))))
    noms: dict[str, float] = {}
    if name_search is not None:
        noms = name_search(texte)
    return Comprehension(concepts, noms)
