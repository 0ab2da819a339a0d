"""Accents a user typed that tell two words of the vocabulary apart.

The reader folds accents, so a query typed without them reads as before. But a final « é » makes
another word of the same stem ("côté" is not "côte", "équipé" not "équipe", "brûlés" not "brûle"):
when the user typed accents and the final « é » of the typed word contradicts the labels' word, those
labels do not hold it. Other accent differences are left folded: they are mostly variant spellings
("aigüe" / "aiguë") or slips ("diabéte"), and a user typing without accents must still be read.
"""

from __future__ import annotations

from .analyse import plier


def accentue(surface: str) -> bool:
    """Whether a word carries an accent (its folded form differs)."""
    low = surface.lower()
    return plier(low) != low


def finale(surface: str) -> bool:
    """Whether a word ends in a stressed « é » (a participle or adjective: "côté", "âgées",
    "brûlés"), as opposed to a mute « e » or a consonant ("côte", "âge")."""
    low = surface.lower()
    low = low[:-1] if low.endswith("s") else low
    low = low[:-1] if low.endswith("e") and low[-2:-1] == "é" else low
    return low.endswith("é")


def base(surface: str) -> str:
    """A word folded without its ending « s » and « e »s: "côte", "côtés" and "cotes" share "cot",
    while "précisé" and "précision", one stem, are two words ("precis", "precision")."""
    low = plier(surface.lower())
    low = low[:-1] if low.endswith("s") else low
    for _ in range(2):
        low = low[:-1] if low.endswith("e") else low
    return low


class Accents:
    """For each word the labels write both with and without a final « é » ("côte", "côté"), the
    labels holding its stem only in one of the two ways."""

    def __init__(self) -> None:
        # stem → document → the (base, final é?) of its words there (None: typed without accents)
        self._formes: dict[str, dict[int, set[tuple[str, bool | None]]]] = {}
        self._seuls: dict[tuple[str, bool], frozenset[int]] = {}

    def ajouter(self, doc: int, surface: str, stem: str) -> None:
        """One word of one label (building)."""
        kind = finale(surface) if accentue(surface) else None
        self._formes.setdefault(stem, {}).setdefault(doc, set()).add((base(surface), kind))

    def figer(self) -> None:
        """Keep only the words written both ways (building done)."""
        for docs in self._formes.values():
            formes = set().union(*docs.values())
            for b in {b for b, k in formes if k is True and (b, False) in formes}:
                for k in (True, False):
                    seuls = frozenset(d for d, fs in docs.items() if fs == {(b, k)})
                    self._seuls[(b, k)] = self._seuls.get((b, k), frozenset()) | seuls
        self._formes = {}

    def __len__(self) -> int:
        return len({b for b, _ in self._seuls})

    def contredits(self, surface: str, stem: str) -> frozenset[int]:
        """The labels a typed word cannot mean: those writing `stem` only as the other word, when
        the word was typed with accents (nothing otherwise)."""
        if not self._seuls or not accentue(surface):
            return frozenset()
        return self._seuls.get((base(surface), not finale(surface)), frozenset())
