"""Fast typo tolerance: a symmetric-deletion (SymSpell) index over a vocabulary of folded words.

whoosh's fuzzy query walks the whole term list (~48 ms at p95 on 1,500 labels); here a misspelt word
costs a few dozen dict lookups plus an exact edit distance on the few candidates.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.distance import OSA

# Deletions are generated on the first PREFIX_LENGTH characters only (SymSpell's prefix trick):
# a typo further in the word is still found because the prefix then matches exactly, and the full
# word is checked with a real edit distance afterwards.
PREFIX_LENGTH = 7
MAX_DISTANCE = 2


def distance_permise(length: int) -> int:
    """Edits tolerated for a word of `length` letters: none under 4, one under 8, two beyond."""
    if length < 4:
        return 0
    if length < 8:
        return 1
    return 2


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
                 index_distance: int | None = None) -> None:
        self.max_distance = max_distance
        self.index_distance = max_distance if index_distance is None else index_distance
        self.prefix_length = prefix_length
        self.poids = poids or {}
        self.words: list[str] = sorted(set(words))
        self._index: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            if len(w) < 4:
                continue  # short words are abbreviations: never corrected, never proposed
            for d in _deletions(w[:prefix_length], self.index_distance):
                self._index.setdefault(d, []).append(i)

    def __len__(self) -> int:
        return len(self.words)

    def chercher(self, word: str, max_distance: int | None = None) -> list[tuple[str, int]]:
        """Vocabulary words within the tolerated distance of `word`: [(word, distance)], best first."""
        limit = distance_permise(len(word)) if max_distance is None else max_distance
        limit = min(limit, self.max_distance)
        if limit == 0:
            return []
        seen: set[int] = set()
        found: list[tuple[str, int]] = []
        for d in _deletions(word[: self.prefix_length], limit):
            for i in self._index.get(d, ()):
                if i in seen:
                    continue
                seen.add(i)
                cand = self.words[i]
                if abs(len(cand) - len(word)) > limit:
                    continue
                dist = OSA.distance(word, cand, score_cutoff=limit)
                if dist <= limit and dist <= distance_permise(len(cand)):
                    found.append((cand, dist))
        found.sort(key=lambda wd: (wd[1], -self.poids.get(wd[0], 0), wd[0]))
        return found
