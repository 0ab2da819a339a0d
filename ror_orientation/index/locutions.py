"""A misspelt word of a synonym phrase, corrected where the phrase then reads.

Some words exist only inside the synonym table's phrases ("contrainte" of "hospitalisation sous
contrainte"): no label holds them, so the labels' typo correction never proposes them, and the
phrase typed with one of them misspelt read nothing of it. Here such a word is corrected only
where the words around it complete the phrase: the context is the proof, a word alone is left as
typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rapidfuzz.distance import OSA

from .analyse import Mot
from .fautes import ENTENDU_MIN, distance_entendue, distance_permise
from .sons import cle

Match = Callable[[list[str], int], tuple[int, tuple[str, ...]]]


class Locutions:
    """The words of several-word synonym keys no label holds (folded word → stem)."""

    def __init__(self, mots: Iterable[Mot], connus: Callable[[str], bool]) -> None:
        self.stems = {m.plie: m.terme for m in mots if not connus(m.plie) and m.plie.isalpha()}
        self._cles = {w: cle(w) for w in self.stems if len(w) >= ENTENDU_MIN}

    def proches(self, plie: str) -> list[tuple[str, int]]:
        """The phrase words within the tolerated edits of a folded word, or else heard like it
        (`fautes.VocabulaireFlou`'s two ways, over a vocabulary of a few dozen words: each is
        compared, which costs less than generating the word's deletions)."""
        limit = distance_permise(len(plie))
        found = sorted((d, w) for w in self.stems if len(w) >= ENTENDU_MIN
                       and (d := OSA.distance(plie, w, score_cutoff=limit)) <= min(limit, distance_permise(len(w))))
        if not found and len(plie) >= ENTENDU_MIN:
            son, loin = cle(plie), distance_entendue(len(plie))
            found = sorted((d, w) for w, c in self._cles.items()
                           if c == son and 0 < (d := OSA.distance(plie, w, score_cutoff=loin)) <= loin)
        return [(w, d) for d, w in found]

    def corriger(self, mots: Sequence[Mot], termes: list[str], match: Match,
                 connu: Callable[[Mot], bool]) -> list[str]:
        """`termes` (the stems read so far, one per word), each word no vocabulary knows replaced
        by the phrase word it misspells when a synonym phrase then covers it."""
        out = list(termes)
        for k, m in enumerate(mots):
            if connu(m):
                continue
            cands = self.proches(m.plie) if distance_permise(len(m.plie)) else []
            for w, d in cands:
                if d != cands[0][1]:
                    break
                essai = out[:k] + [self.stems[w]] + out[k + 1:]
                if any((n := match(essai, i)[0]) > 1 and i + n > k for i in range(k + 1)):
                    out = essai
                    break
        return out
