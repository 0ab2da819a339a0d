"""Fast typo tolerance: a symmetric-deletion (SymSpell) index over a vocabulary of folded words.

whoosh's fuzzy query walks the whole term list (~48 ms at p95 on 1,500 labels); here a misspelt word
costs a few dozen dict lookups plus an exact edit distance on the few candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from rapidfuzz.distance import OSA

from .sons import cle
from .textes import Groupes, Textes

# Deletions are generated on the first PREFIX_LENGTH characters only (SymSpell's prefix trick):
# a typo further in the word is still found because the prefix then matches exactly, and the full
# word is checked with a real edit distance afterwards.
PREFIX_LENGTH = 7
MAX_DISTANCE = 2
ENTENDU_MIN = 5  # letters of a word corrected by its sound: a shorter one is heard like too many


def distance_permise(length: int) -> int:
    """Edits tolerated for a word of `length` letters: none under 4, one under 8, two beyond."""
    if length < 4:
        return 0
    if length < 8:
        return 1
    return 2


def distance_entendue(length: int, max_distance: int = MAX_DISTANCE) -> int:
    """One edit beyond what a word of this length tolerates: the bound of a correction found
    through a respelling or a sound, whose likeness is the evidence for the extra edit."""
    return min(distance_permise(length), max_distance) + 1


def vraisemblable(tape: str, mot: str) -> bool:
    """Whether `mot` is at most one edit further from the word typed than its length tolerates."""
    limit = distance_entendue(len(tape))
    return OSA.distance(tape, mot, score_cutoff=limit) <= limit


def _deletions(word: str, max_distance: int) -> set[str]:
    """`word` and every string made by deleting up to `max_distance` of its letters."""
    out = {word}
    level = {word}
    for _ in range(max_distance):
        level = {w[:i] + w[i + 1:] for w in level if len(w) > 1 for i in range(len(w))}
        out |= level
    return out


class VocabulaireFlou:
    """Folded words, found back from a misspelling within `distance_permise(len)` edits.

    `poids` (e.g. document frequency) breaks ties between candidates at the same distance.
    `index_distance` < `max_distance` trades recall for build time on big vocabularies: every typo
    within `index_distance` is found, and those up to `max_distance` whose deletions fall on the
    query's side (an extra or a swapped letter in the query, most substitutions late in the word).
    """

    def __init__(self, words: Iterable[str], poids: dict[str, int] | None = None,
                 max_distance: int = MAX_DISTANCE, prefix_length: int = PREFIX_LENGTH,
                 index_distance: int | None = None, sons: bool = True) -> None:
        self.max_distance = max_distance
        self.index_distance = max_distance if index_distance is None else index_distance
        self.prefix_length = prefix_length
        vocabulary = sorted(set(words))
        poids = poids or {}
        # arrays, not lists and dicts: an offer image maps them, shared by every worker
        self.words = Textes.pack(vocabulary)
        self._lengths = np.fromiter(map(len, vocabulary), dtype=np.int32, count=len(vocabulary))
        self._poids = np.fromiter((poids.get(w, 0) for w in vocabulary), dtype=np.int64,
                                  count=len(vocabulary))
        index: dict[str, list[int]] = {}
        for i, w in enumerate(vocabulary):
            if len(w) < 4:
                continue  # short words are abbreviations: never corrected, never proposed
            for d in _deletions(w[:prefix_length], self.index_distance):
                index.setdefault(d, []).append(i)
        self._index = Groupes.pack(index)
        # words by sound key (`sons.cle`): `sons=False` leaves it empty (names are no French words)
        heard: dict[str, list[int]] = {}
        for i, w in enumerate(vocabulary if sons else ()):
            if len(w) >= ENTENDU_MIN:
                heard.setdefault(cle(w), []).append(i)
        self._sons = Groupes.pack(heard)

    def __len__(self) -> int:
        return len(self.words)

    def chercher(self, word: str, max_distance: int | None = None) -> list[tuple[str, int]]:
        """Vocabulary words within the tolerated distance of `word`: [(word, distance)], best first."""
        limit = distance_permise(len(word)) if max_distance is None else max_distance
        limit = min(limit, self.max_distance)
        if limit == 0:
            return []
        rows = self._index.union(_deletions(word[: self.prefix_length], limit))
        rows = rows[np.abs(self._lengths[rows] - len(word)) <= limit]
        return self._classer(word, rows, limit, lambda cand, dist: dist <= distance_permise(len(cand)))

    def entendus(self, word: str) -> list[tuple[str, int]]:
        """Vocabulary words heard like `word` (one sound key), one edit further than `chercher`
        tolerates at most: "hemeautorax" is "hemothorax" (3 edits), "vomissemant" "vomissements".
        [(word, distance)], best first."""
        if len(word) < ENTENDU_MIN:
            return []
        limit = distance_entendue(len(word), self.max_distance)
        return self._classer(word, self._sons.union((cle(word),)), limit, lambda _cand, dist: dist > 0)

    def _classer(self, word: str, rows: np.ndarray, limit: int,
                 garde: Callable[[str, int], bool]) -> list[tuple[str, int]]:
        """The candidate rows within `limit` edits of `word` that `garde` keeps, nearest first,
        then the most used, then in alphabetical order."""
        found: list[tuple[str, int, int]] = []
        for cand, weight in zip(self.words.many(rows), self._poids[rows].tolist(), strict=True):
            dist = OSA.distance(word, cand, score_cutoff=limit)
            if dist <= limit and garde(cand, dist):
                found.append((cand, dist, weight))
        found.sort(key=lambda wdp: (wdp[1], -wdp[2], wdp[0]))
        return [(w, d) for w, d, _ in found]
