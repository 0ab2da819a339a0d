"""Search by name over units and establishments (~300k at national scale), outside whoosh.

The same analyzer turns every name into stems; each stem keeps a sorted int32 array of row numbers;
a query is the AND of its words, each word exact, else (last word or unknown) a prefix, else a typo.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .analyse import WORD_PATTERN, WORD_RE, Termes, borner, plier
from .fautes import VocabulaireFlou
from .textes import Textes as Textes  # was defined here: still importable from here

MIN_PREFIX = 2  # an unfinished word of one letter matches nothing by prefix
MAX_PREFIX_WORDS = 400  # most frequent expansions kept for a very short prefix
WORD_CACHE = 2048  # per-word row sets kept (oldest dropped first)
EMPTY = np.empty(0, dtype=np.int32)


def intersect_sorted(small: np.ndarray, big: np.ndarray) -> np.ndarray:
    """Rows in both sorted, duplicate-free arrays: a binary search of the smaller in the bigger,
    O(small · log big), where `np.intersect1d` would sort both again."""
    if len(small) > len(big):
        small, big = big, small
    if not len(small) or not len(big):
        return EMPTY
    top = int(max(small[-1], big[-1])) + 1
    if len(small) * 32 >= top:  # both large ("centre hospitalier"): one flag per row beats a
        # binary search of each (cache misses across the bigger array)
        flags = np.zeros(top, dtype=bool)
        flags[big] = True
        return np.asarray(small[flags[small]])
    at = np.searchsorted(big, small)
    at[at == len(big)] = 0
    return np.asarray(small[big[at] == small])
_ROW_WORDS = re.compile(WORD_PATTERN + r"|\n")


class Postings(Mapping[str, np.ndarray]):
    """Each term's sorted rows, as slices of one array (one out-of-band buffer in an image instead
    of one per term)."""

    __slots__ = ("_at", "rows", "starts")

    def __init__(self, at: dict[str, int], rows: np.ndarray, starts: np.ndarray) -> None:
        self._at = at  # term → its slice number
        self.rows = rows  # int32
        self.starts = starts  # int64, len(at) + 1

    def __getitem__(self, term: str) -> np.ndarray:
        k = self._at[term]
        return self.rows[self.starts[k]: self.starts[k + 1]]

    def __len__(self) -> int:
        return len(self._at)

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __contains__(self, term: object) -> bool:
        return term in self._at

# How establishment names are abbreviated: each side found in a name (as analysed terms, stop
# words aside) adds the other side's terms to that row, so "CHU Rennes" finds "Centre hospitalier
# universitaire de Rennes" and back, and "St-Malo" finds "Saint-Malo".
ABREVIATIONS_NOMS: tuple[tuple[str, str], ...] = (
    ("chu", "centre hospitalier universitaire"),
    ("chru", "centre hospitalier regional universitaire"),
    ("chr", "centre hospitalier regional"),
    ("chi", "centre hospitalier intercommunal"),
    ("chs", "centre hospitalier specialise"),
    ("ch", "centre hospitalier"),
    ("ghu", "groupe hospitalier universitaire"),
    ("gh", "groupe hospitalier"),
    ("hl", "hopital local"),
    ("clcc", "centre de lutte contre le cancer"),
    ("ehpad", "etablissement d hebergement pour personnes agees dependantes"),
    ("usld", "unite de soins de longue duree"),
    ("hdj", "hopital de jour"),
    ("cmp", "centre medico psychologique"),
    ("pmi", "protection maternelle et infantile"),
    ("ssr", "soins de suite et de readaptation"),
    ("smr", "soins medicaux et de readaptation"),
    ("ssr", "smr"),
    ("st", "saint"),
    ("ste", "sainte"),
)


@dataclass(frozen=True, slots=True)
class MotTrouve:
    """How one query word was matched: for explanations ("rennse" → rennes, via faute)."""

    mot: str
    via: str  # "exact" | "prefixe" | "faute" | "aucun"
    termes: tuple[str, ...]
    lignes: int


def _abbreviations(flat: np.ndarray, rows: np.ndarray, termes: Termes, term_of: dict[str, int],
                   terms: list[str], surface: dict[str, set[str]]
                   ) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(term, row) pairs that ABREVIATIONS_NOMS adds: wherever one side's terms occur in a row,
    consecutively, the other side's terms are added to that row (new terms are registered)."""
    out_terms: list[np.ndarray] = []
    out_rows: list[np.ndarray] = []
    for left, right in ABREVIATIONS_NOMS + tuple((b, a) for a, b in ABREVIATIONS_NOMS):
        ids = [term_of.get(t, -3) for t in termes.termes(left)]
        if not ids or -3 in ids or len(ids) > len(flat):
            continue
        hit = flat[: len(flat) - len(ids) + 1] == ids[0]
        for k, tid in enumerate(ids[1:], start=1):
            hit &= flat[k: len(flat) - len(ids) + 1 + k] == tid
        found = np.unique(rows[: len(hit)][hit])
        if not len(found):
            continue
        for m in termes.mots(right):
            if m.terme not in term_of:
                term_of[m.terme] = len(terms)
                terms.append(m.terme)
            surface.setdefault(m.plie, set()).add(m.terme)
            out_terms.append(np.full(len(found), term_of[m.terme], dtype=np.int64))
            out_rows.append(found)
    return out_terms, out_rows


class NameIndex:
    """Rows (id, kind, name) searchable by name words; `search` returns sorted row numbers."""

    def __init__(self, ids: Sequence[str], kinds: Sequence[str], names: Sequence[str],
                 postings: Mapping[str, np.ndarray], surface: dict[str, tuple[str, ...]],
                 termes: Termes) -> None:
        # packed: a worker maps them from the offer image instead of holding str objects
        self.ids = ids if isinstance(ids, Textes) else Textes.pack(ids)
        self.kinds = kinds if isinstance(kinds, Textes) else Textes.pack(kinds)
        self.names = names if isinstance(names, Textes) else Textes.pack(names)
        self.postings = postings
        self.termes = termes
        self._surface = surface
        self._words = sorted(surface)
        freq = {w: sum(len(postings[t]) for t in ts) for w, ts in surface.items()}
        self._freq = freq
        self.fautes = VocabulaireFlou(self._words, freq, index_distance=1, sons=False)
        self._row_of: dict[str, int] | None = None  # built on the first `row` call
        self._cache: dict[tuple[str, str, bool], tuple[np.ndarray, MotTrouve]] = {}

    @classmethod
    def build(cls, items: Iterable[tuple[str, str, str, str | None]],
              termes: Termes | None = None) -> NameIndex:
        """Index (id, kind, name, extra_text) rows; extra text (e.g. the town) is searchable too."""
        termes = termes or Termes()
        ids: list[str] = []
        kinds: list[str] = []
        names: list[str] = []
        texts: list[str] = []
        for id_, kind, name, extra in items:
            ids.append(id_)
            kinds.append(kind)
            names.append(name)
            texts.append(f"{name} {extra}" if extra else name)
        # One regex pass over all rows; a newline token marks where each row ends.
        tokens = _ROW_WORDS.findall("\n".join(t.replace("\n", " ") for t in texts))
        # The chain runs once per distinct word; stop words get -1, the row separator -2.
        term_of: dict[str, int] = {}
        terms: list[str] = []
        word_term: dict[str, int] = {"\n": -2}
        surface: dict[str, set[str]] = {}
        for w in set(tokens) - {"\n"}:
            plie, terme = termes.analyser(w)
            if terme is None:
                word_term[w] = -1
                continue
            if terme not in term_of:
                term_of[terme] = len(terms)
                terms.append(terme)
            word_term[w] = term_of[terme]
            surface.setdefault(plie, set()).add(terme)
        flat = np.fromiter(map(word_term.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        rows = np.cumsum(flat == -2)
        words = flat != -1  # stop words out, row separators kept: phrases never span two rows
        flat, rows = flat[words], rows[words]
        extra_terms, extra_rows = _abbreviations(flat, rows, termes, term_of, terms, surface)
        keep = flat >= 0
        flat = np.concatenate([flat[keep], *extra_terms])
        rows = np.concatenate([rows[keep], *extra_rows])
        keep = np.ones(len(flat), dtype=bool)
        # Postings as one sorted, deduplicated (term, row) array cut into per-term slices.
        n = max(1, len(texts))
        keys = np.sort(flat[keep] * n + rows[keep])
        if len(keys):
            first = np.empty(len(keys), dtype=bool)
            first[0] = True
            np.not_equal(keys[1:], keys[:-1], out=first[1:])
            keys = keys[first]
        term_ids = keys // n
        all_rows = (keys % n).astype(np.int32)
        if not len(keys):
            return cls(ids, kinds, names, {}, {}, termes)
        cuts = np.flatnonzero(np.diff(term_ids)) + 1
        starts = np.concatenate(([0], cuts))
        postings = Postings({terms[int(term_ids[s])]: k for k, s in enumerate(starts.tolist())},
                            all_rows, np.concatenate((starts, [len(keys)])).astype(np.int64))
        return cls(ids, kinds, names, postings, {w: tuple(s) for w, s in surface.items()}, termes)

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, id_: str) -> int | None:
        if self._row_of is None:
            self._row_of = {i: r for r, i in enumerate(self.ids)}
        return self._row_of.get(id_)

    # -- query --------------------------------------------------------------------------------

    def _union(self, arrays: list[np.ndarray]) -> np.ndarray:
        arrays = [a for a in arrays if len(a)]
        if not arrays:
            return EMPTY
        if len(arrays) == 1:
            return arrays[0]
        arrays.sort(key=len)
        total = sum(len(a) for a in arrays)
        if (total - len(arrays[-1])) * 16 <= len(arrays[-1]):
            # a common word and a few rarer forms ("hospitali" and "hospitalier"): the rarer rows
            # the common word lacks are inserted in place, the common word's rows are not sorted
            big = arrays[-1]
            extra = np.unique(np.concatenate(arrays[:-1]))
            at = np.searchsorted(big, extra)
            new = extra[big[np.minimum(at, len(big) - 1)] != extra]
            return np.insert(big, np.searchsorted(big, new), new).astype(np.int32, copy=False)
        if total > len(self.ids) // 8:
            mask = np.zeros(len(self.ids), dtype=bool)
            for a in arrays:
                mask[a] = True
            return np.flatnonzero(mask).astype(np.int32)
        merged = np.sort(np.concatenate(arrays))
        keep = np.empty(len(merged), dtype=bool)
        keep[0] = True
        np.not_equal(merged[1:], merged[:-1], out=keep[1:])
        return merged[keep]

    def _prefix_terms(self, prefix: str) -> set[str]:
        lo = bisect.bisect_left(self._words, prefix)
        hi = bisect.bisect_left(self._words, prefix + "\uffff")
        words = self._words[lo:hi]
        if len(words) > MAX_PREFIX_WORDS:
            words = sorted(words, key=lambda w: -self._freq[w])[:MAX_PREFIX_WORDS]
        return {t for w in words for t in self._surface[w]}

    def _word_rows(self, plie: str, terme: str, last: bool) -> tuple[np.ndarray, MotTrouve]:
        """Rows of one query word, cached: common words ("saint", "chu") are unions of big arrays."""
        key = (plie, terme, last)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._compute_word_rows(plie, terme, last)
            if len(self._cache) >= WORD_CACHE:
                try:  # oldest first; another thread may be trimming too
                    self._cache.pop(next(iter(self._cache)), None)
                except (RuntimeError, StopIteration):
                    self._cache.clear()
            self._cache[key] = hit
        return hit

    def _compute_word_rows(self, plie: str, terme: str, last: bool) -> tuple[np.ndarray, MotTrouve]:
        exact = self.postings.get(terme)
        terms: set[str] = set()
        if last and len(plie) >= MIN_PREFIX and not plie.isdigit():
            terms = self._prefix_terms(plie)
        if exact is not None:
            rows = self._union([exact] + [self.postings[t] for t in terms - {terme}])
            return rows, MotTrouve(plie, "exact", (terme,), len(rows))
        if not terms and len(plie) >= 3 and not plie.isdigit():
            terms = self._prefix_terms(plie)
        if terms:
            rows = self._union([self.postings[t] for t in terms])
            return rows, MotTrouve(plie, "prefixe", tuple(sorted(terms))[:20], len(rows))
        cands = self.fautes.chercher(plie)
        if cands:
            best = cands[0][1]
            terms = {t for w, d in cands if d == best for t in self._surface[w]}
            rows = self._union([self.postings[t] for t in terms])
            return rows, MotTrouve(plie, "faute", tuple(sorted(terms)), len(rows))
        return EMPTY, MotTrouve(plie, "aucun", (), 0)

    def explain(self, text: object) -> tuple[np.ndarray, list[MotTrouve]]:
        """Matching rows (sorted int32) and how each query word was matched."""
        text, _ = borner(text)
        mots = self.termes.mots(text)
        per_word = [self._word_rows(m.plie, m.terme, last=k == len(mots) - 1)
                    for k, m in enumerate(mots)]
        # An unfinished last word that is also a stop word ("saint-ma") still counts as a prefix.
        tail = WORD_RE.findall(text)[-1:] if text[-1:].isalnum() else []
        if tail and self.termes.terme(tail[0]) is None and len(tail[0]) >= MIN_PREFIX:
            plie = plier(tail[0])
            terms = self._prefix_terms(plie)
            rows = self._union([self.postings[t] for t in terms])
            per_word.append((rows, MotTrouve(plie, "prefixe", tuple(sorted(terms))[:20], len(rows))))
        if not per_word:
            return EMPTY, []
        arrays = sorted((rows for rows, _ in per_word), key=len)
        result = arrays[0]
        for a in arrays[1:]:
            if not len(result):
                break
            result = intersect_sorted(result, a)
        return result.astype(np.int32, copy=False), [m for _, m in per_word]

    def tient(self, plie: str) -> bool:
        """Whether some name holds this folded word as written, not only a word of its stem
        ("talons" typed is not the commune "Talon")."""
        return plie in self._surface

    def search(self, text: object) -> np.ndarray:
        """Rows whose name (or extra text) holds every query word: sorted int32 row numbers."""
        return self.explain(text)[0]
