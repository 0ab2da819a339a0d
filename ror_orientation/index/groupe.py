"""What the reader of a query makes of its words: groups of consecutive words, each meaning any of
some concepts (`ConceptMatch`, with how it was found and how well it fits). The reading's rules
(concepts.py and the modules it calls: sigles, professions, imagerie...) pass groups around."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Via = Literal["exact", "synonyme", "prefixe", "faute", "terminologie"]


@dataclass(frozen=True, slots=True)
class ConceptMatch:
    """One concept a group of words can mean, how it was found, and how well it fits (0..1]."""

    concept: str
    table: str
    label: str
    score: float
    via: Via
    actif: bool = True
    synonyme: str | None = None  # the synonym key that led here, if any


@dataclass(frozen=True, slots=True)
class Groupe:
    """Consecutive query words explained together ("accident vasculaire cérébral" is one group)."""

    texte: str
    start: int
    end: int
    via: Via
    matches: tuple[ConceptMatch, ...]
    total: int  # matches before the MAX_MATCHES cut
    souple: bool = False  # who the patient is ("enfant", "personne âgée"): ranks, never excludes
    sources: tuple[str, ...] = ()  # the vocabulary labels that carried a terminology reading

    @property
    def concepts(self) -> tuple[str, ...]:
        return tuple(m.concept for m in self.matches)
