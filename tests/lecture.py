"""How a phrase is read, as the reading tests look at it: the required needs' concepts, in order."""

from __future__ import annotations

from ror_orientation.index.concepts import ConceptIndex


def groupes(index: ConceptIndex, text: str, enfant: bool | None = None,
            profil: str = "mobile") -> list[list[str]]:
    """Each required need's concepts, best first (ranking-only groups left out)."""
    return [[m.concept for m in g.matches] for g in index.resolve(text, enfant, profil).groupes
            if not g.souple]


def besoins(index: ConceptIndex, text: str, enfant: bool | None = None,
            profil: str = "mobile") -> list[str]:
    """Every required need's concepts, one list in reading order."""
    return [c for g in groupes(index, text, enfant, profil) for c in g]
