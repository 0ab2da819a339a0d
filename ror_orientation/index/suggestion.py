"""Prefix autocompletion over nomenclature labels and synonym keys, for every keystroke.

Ranking: active codes first; a whole key or label typed ("réa", "IRM"), then its first word typed
in full, then started, then another word started, then a word containing what was typed; label
matches before synonym ones; activities and aptitudes before rarer tables, an EG's category after
every unit's own code; shorter labels first. The big candidate lists (one- and two-letter prefixes)
are ranked at build time, the rest on first use.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..errors import ValidationError
from ..memo import remember
from .analyse import STOP_WORDS, WORD_RE, borner, plier
from .espaces import GROSSIERS, TABLE_RANK, Concept, espace_de
from .synonymes import Synonymes

EAGER_PREFIX = 2  # prefixes up to this length are ranked at build time
TOP_K = 64  # ranked entries kept per eager prefix
MAX_LIMIT = 50
MIN_INFIX = 4  # a prefix found inside a word ("dialy" in "hémodialyse") only from this length
CACHE_SIZE = 4096
MULTI_SET_MAX = 4000  # a typed word matching more entries is checked per candidate instead


@dataclass(frozen=True, slots=True)
class Suggestion:
    concept: str  # "R211:014"
    table: str  # "TRE_R211"
    label: str
    actif: bool
    synonyme: str | None  # the synonym key that matched, None when the label itself did
    texte: str  # the text the prefix matched (label, short label or synonym key)


@dataclass(frozen=True, slots=True)
class _Entry:
    doc: int
    words: tuple[str, ...]
    texte: str
    synonyme: str | None
    rank: int  # position among all entries by (synonym?, table, label length, id)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as one constructor call (an offer image holds ~10-20k of them): twice as fast
        to load as a dataclass's field-by-field state."""
        return type(self), tuple(getattr(self, name) for name in self.__slots__)


class Lexique(Protocol):
    """What suggestions are drawn from: the concepts, the synonym table and, per synonym entry,
    the concepts it reaches (a ConceptIndex)."""

    @property
    def concepts(self) -> Sequence[Concept]: ...
    @property
    def synonymes(self) -> Synonymes: ...
    @property
    def entry_docs(self) -> Mapping[str, tuple[int, ...]]: ...


class Suggesteur:
    """Entries are (concept, text) pairs: a label, a short label, or a synonym key of the concept."""

    def __init__(self, index: Lexique) -> None:
        self.index = index
        # (concept, text, synonym key, kind): 0 label, 1 concept a synonym names outright,
        # 2 concept whose label holds one of the synonym's phrases.
        raw: list[tuple[int, str, str | None, int]] = []
        for d, c in enumerate(index.concepts):
            raw.append((d, c.libelle, None, 0))
            if c.libelle_court and plier(c.libelle_court) != plier(c.libelle):
                raw.append((d, c.libelle_court, None, 0))
        for key, eid, _folded in index.synonymes.cles:
            named = set(index.synonymes.entrees[eid].concepts)
            for d in index.entry_docs[eid]:
                raw.append((d, key, key, 1 if index.concepts[d].id in named else 2))

        def order(r: tuple[int, str, str | None, int]) -> tuple[bool, int, int, int, str, str]:
            c = index.concepts[r[0]]
            return (c.espace in GROSSIERS, r[3], TABLE_RANK[c.espace], len(c.libelle), c.id, r[1])

        raw.sort(key=order)
        self.entries = [_Entry(d, tuple(WORD_RE.findall(plier(t))), t, syn, rank)
                        for rank, (d, t, syn, _kind) in enumerate(raw)]
        self._n = len(self.entries)
        by_word: dict[str, list[int]] = {}
        for e_idx, e in enumerate(self.entries):
            for w in set(e.words):
                by_word.setdefault(w, []).append(e_idx)
        self._by_word = by_word
        self._words = sorted(by_word)
        # Entries before each word (in sorted order): the size of any prefix range in O(1).
        self._cum = [0]
        for w in self._words:
            self._cum.append(self._cum[-1] + len(by_word[w]))
        # All words in one string, for infix search by str.find instead of a Python loop.
        self._joined = "\n".join(self._words) + "\n"
        self._offsets = []
        pos = 0
        for w in self._words:
            self._offsets.append(pos)
            pos += len(w) + 1
        self._ranked: dict[str, list[int]] = {}
        prefixes = {w[:n] for w in self._words for n in range(1, EAGER_PREFIX + 1) if len(w) >= n}
        for p in prefixes:
            self._ranked[p] = self._rank_single(p)[:TOP_K]
        self._lazy: dict[str, list[int]] = {}

    # -- ranking ------------------------------------------------------------------------------

    def _key(self, e_idx: int, first: str) -> int:
        """Sort key: inactive last; then the whole text typed ("réa" for the key "réa", "IRM"),
        its first word typed in full, started, another word started; then the entry's rank."""
        e = self.entries[e_idx]
        actif = self.index.concepts[e.doc].actif
        head = e.words[0] if e.words else ""
        if head == first:
            classe = 0 if len(e.words) == 1 else 1
        else:
            classe = 2 if head.startswith(first) else 3
        return ((0 if actif else 4) + classe) * self._n + e.rank

    def _range(self, prefix: str) -> tuple[int, int]:
        lo = bisect.bisect_left(self._words, prefix)
        return lo, bisect.bisect_left(self._words, prefix + "\uffff", lo)

    def _words_with(self, prefix: str) -> list[str]:
        lo, hi = self._range(prefix)
        return self._words[lo:hi]

    def _rank_single(self, prefix: str) -> list[int]:
        cands = {e for w in self._words_with(prefix) for e in self._by_word[w]}
        return sorted(cands, key=lambda e: self._key(e, prefix))

    def _single(self, prefix: str) -> list[int]:
        ranked = self._ranked.get(prefix)
        if ranked is not None:
            return ranked
        ranked = self._lazy.get(prefix)
        if ranked is None:
            ranked = remember(self._lazy, prefix, self._rank_single(prefix), CACHE_SIZE)
        return ranked

    def _multi(self, words: list[str]) -> list[int]:
        """Entries where every typed word starts some word of the text (the last one a prefix)."""
        def size(q: str) -> int:
            lo, hi = self._range(q)
            return self._cum[hi] - self._cum[lo]

        def entries(q: str) -> set[int]:
            return {e for w in self._words_with(q) for e in self._by_word[w]}

        # Intersect the candidate sets of the selective words (C-speed set operations), then
        # check the broad ones ("s" in "soins de s") word by word on the few survivors.
        by_size = sorted(words, key=size)
        cands = entries(by_size[0])
        rest = []
        for q in by_size[1:]:
            if size(q) <= MULTI_SET_MAX:
                cands &= entries(q)
            else:
                rest.append(q)
        out = [e for e in cands
               if all(any(x.startswith(q) for x in self.entries[e].words) for q in rest)]
        return sorted(out, key=lambda e: self._key(e, words[0]))

    def _infix(self, prefix: str) -> list[int]:
        """Entries with a word containing `prefix` past its start (after every prefix match)."""
        cands: set[int] = set()
        find, joined = self._joined.find, self._joined
        at = find(prefix, 1)
        while at != -1:
            k = bisect.bisect_right(self._offsets, at) - 1
            if at > self._offsets[k] and "\n" not in joined[at:at + len(prefix)]:
                cands.update(self._by_word[self._words[k]])
            at = find(prefix, at + 1)
        return sorted(cands, key=lambda e: self._key(e, prefix))

    # -- public -------------------------------------------------------------------------------

    def suggest(self, prefix: object, limit: object = 10,
                tables: Iterable[str] | None = None) -> list[Suggestion]:
        """Up to `limit` concepts for what was typed; `tables` restricts to "R211", "TRE_R212"..."""
        text, _ = borner(prefix)
        words = WORD_RE.findall(plier(text))
        if len(words) > 1:
            words = [w for w in words[:-1] if w not in STOP_WORDS] + words[-1:]
        if not words:
            return []
        try:
            cap = max(0, min(int(limit), MAX_LIMIT))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            raise ValidationError(f"limit must be an integer, got {limit!r}", field="limit") from None
        if cap == 0:
            return []
        if isinstance(tables, str):
            tables = (tables,)
        espaces = None if tables is None else {espace_de(str(t)) for t in tables}
        out: list[Suggestion] = []
        seen: set[int] = set()

        def take(ranked: list[int]) -> bool:
            for e_idx in ranked:
                e = self.entries[e_idx]
                if e.doc in seen:
                    continue
                c = self.index.concepts[e.doc]
                if espaces is not None and c.espace not in espaces:
                    continue
                seen.add(e.doc)
                out.append(Suggestion(c.id, c.table, c.libelle, c.actif, e.synonyme, e.texte))
                if len(out) >= cap:
                    return True
            return False

        if len(words) == 1:
            w = words[0]
            ranked = self._single(w)
            if take(ranked):
                return out
            if w in self._ranked and len(ranked) >= TOP_K:  # the eager list was cut: go wide
                if take(self._rank_single(w)):
                    return out
            if len(w) >= MIN_INFIX:
                take(self._infix(w))
            return out
        take(self._multi(words))
        return out
