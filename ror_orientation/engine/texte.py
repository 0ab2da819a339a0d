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
from functools import lru_cache
from typing import Any

from ..territoire import fold

CONCEPT_RE = re.compile(r"\bR\d{3}:[0-9A-Za-z]+\b")


@dataclass(frozen=True, slots=True)
class Comprehension:
    """What a text was understood as. Each group of words (all groups must match) means any of
    its concepts, each with a confidence in (0, 1]; units found by name match on their own."""

    groupes: tuple[tuple[tuple[str, float], ...], ...] = ()
    noms: dict[str, float] = field(default_factory=dict)  # uo_id → relevance in (0, 1]

    @property
    def concepts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for g in self.groupes for c, _ in g))

    @property
    def vide(self) -> bool:
        return not self.groupes and not self.noms


def _groupes_from(result: Any) -> tuple[tuple[tuple[str, float], ...], ...]:
    """The index's Interpretation (groups of ConceptMatch), or a flat list of ids (one group)."""
    if result is None:
        return ()
    groupes = getattr(result, "groupes", None)
    if groupes is not None:
        out = []
        for g in groupes:
            matches = tuple((m.concept, float(min(1.0, max(m.score, 1e-6)))) for m in g.matches)
            if matches:
                out.append(matches)
        return tuple(out)
    flat = tuple((item if isinstance(item, str) else item[0], 1.0) for item in result)
    return (flat,) if flat else ()


class NomsSimples:
    """Whole-word search over folded unit + establishment names (used until a NameIndex is given):
    an inverted list word → unit ids; every word of 3+ letters of the query must be in the name."""

    def __init__(self, names: dict[str, str]) -> None:
        self.postings: dict[str, set[str]] = {}
        self.words: dict[str, set[str]] = {}
        for uo_id, n in names.items():
            self.set(uo_id, n)

    def set(self, uo_id: str, name: str) -> None:
        for w in self.words.get(uo_id, ()):
            self.postings.get(w, set()).discard(uo_id)
        words = set(fold(name).split())
        self.words[uo_id] = words
        for w in words:
            self.postings.setdefault(w, set()).add(uo_id)

    def chercher(self, text: str) -> dict[str, float]:
        q = sorted({w for w in fold(text).split() if len(w) > 2},
                   key=lambda w: len(self.postings.get(w, ())))
        if not q:
            return {}
        found = set(self.postings.get(q[0], ()))
        for w in q[1:]:
            found &= self.postings.get(w, set())
            if not found:
                break
        return dict.fromkeys(found, 1.0)


@lru_cache(maxsize=1)
def default_concept_index() -> Any | None:
    """The index package's ConceptIndex over the shipped nomenclatures, built once per process."""
    try:
        from ..index.concepts import ConceptIndex
    except ImportError:  # the index package is optional for the engine
        return None
    return ConceptIndex.build()


def comprendre(texte: str, concept_index: Any | None, name_search: Any | None) -> Comprehension:
    """Turn free text into groups of concepts and name matches."""
    literal = tuple((c, 1.0) for c in CONCEPT_RE.findall(texte))
    groupes: tuple[tuple[tuple[str, float], ...], ...] = (literal,) if literal else ()
    if concept_index is not None:
        groupes += _groupes_from(concept_index.resolve(texte))
    noms: dict[str, float] = {}
    if name_search is not None:
        noms = name_search(texte)
    return Comprehension(groupes, noms)
