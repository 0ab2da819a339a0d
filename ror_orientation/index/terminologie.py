"""Clinical vocabulary: what a diagnosis, a symptom or a lay word typed by a user means in ROR terms.

Diagnoses come from the CIM-10 FR labels (ATIH), routed to ROR concepts by code prefix
(`cim10_vers_ror.csv`: chapter, block, category; the longest prefix wins), so every one of the
~15,000 labels is reachable, not a hand list of phrases; lay words go through `lexique.csv` (lay word →
CIM-10 codes or concepts), abbreviations through the CHU de Bordeaux sense inventory. A query's words
are matched against the labels (all words of the best-covered labels), and the concepts of those
labels vote, weighted by how often the diagnosis is coded nationally (PMSI dénombrement).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import fixtures_dir
from .analyse import Termes, plier
from .fautes import VocabulaireFlou

MIN_PART = 0.25  # a concept voted by less than this share of the best one is dropped
MAX_CONCEPTS = 24
MAX_LIBELLES = 3  # labels shown in an explanation
LEXIQUE_POIDS = 20.0  # a curated lay word says the usual meaning: above any coded diagnosis (≤ ~15)
NEAR_BEST = 0.6
HEAD_BONUS = 1.5  # weight of the labels holding the query's first (head) word
RANK_STEP, RANK_FLOOR = 0.06, 0.5  # weight of the n-th concept of a mapping row: 1 − n·step ≥ floor
SHARPEN = 1.5  # confidence = (votes / best votes) ** SHARPEN  # labels covering at least this share of the best (IDF-weighted) coverage vote too


@dataclass(frozen=True, slots=True)
class Terme:
    """One document of the vocabulary: a CIM-10 label or a lay word, and the concepts it means."""

    source: str  # "CIM-10 K650", "lexique"
    libelle: str
    concepts: tuple[str, ...]
    poids: float


@dataclass(frozen=True, slots=True)
class Lecture:
    """What some words of a query mean through the vocabulary: which words (indices into the words
    given), the concepts with a confidence in (0, 1], and the labels that carried them."""

    mots: tuple[int, ...]
    concepts: tuple[tuple[str, float], ...]
    libelles: tuple[str, ...]


def _lire_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


class Prefixes:
    """CIM-10 code → concepts of its longest mapped prefix."""

    def __init__(self, rows: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        self.table = dict(rows)
        self.longest = max((len(p) for p in self.table), default=0)

    def concepts(self, code: str) -> tuple[str, ...]:
        for n in range(min(self.longest, len(code)), 0, -1):
            hit = self.table.get(code[:n])
            if hit is not None:
                return hit
        return ()


class Terminologie:
    """Postings stem → documents; `lire(stems)` finds the labels covering most of the words."""

    def __init__(self, termes: Sequence[Terme], analyseur: Termes) -> None:
        self.termes = list(termes)
        self.analyseur = analyseur
        postings: dict[str, list[int]] = {}
        surface: dict[str, set[str]] = {}
        for i, t in enumerate(self.termes):
            for m in analyseur.mots(t.libelle):
                lst = postings.setdefault(m.terme, [])
                if not lst or lst[-1] != i:
                    lst.append(i)
                surface.setdefault(m.plie, set()).add(m.terme)
        self.postings = postings
        # Words of the lay lexicon: everyday words people use for their need ("boule", "sein"),
        # never mistaken for the place names that share them.
        self.courants = frozenset(m.plie for t in self.termes if t.source == "lexique"
                                  for m in analyseur.mots(t.libelle.split("  ")[0]))
        n = max(1, len(self.termes))
        self.idf = {s: math.log(1 + n / len(d)) for s, d in postings.items()}
        self.surface = {w: min(st) for w, st in surface.items()}
        self.fautes = VocabulaireFlou(self.surface, {w: len(postings[s]) for w, s in self.surface.items()},
                                      index_distance=1)
        self._cache: dict[tuple[str, ...], Lecture | None] = {}

    def __len__(self) -> int:
        return len(self.termes)

    def connait(self, stem: str) -> bool:
        return stem in self.postings

    def corriger(self, plie: str) -> str | None:
        """The stem a misspelt folded word most likely stands for (None: no close word)."""
        found = self.fautes.chercher(plie)
        return self.surface[found[0][0]] if found else None

    def _votes(self, docs: Iterable[int]) -> dict[str, float]:
        """Concepts of some labels, weighted by how often the diagnosis is coded."""
        local: dict[str, float] = {}
        for d in docs:
            t = self.termes[d]
            for rank, c in enumerate(t.concepts):
                # a mapping row lists its concepts from the most to the least fitting
                local[c] = local.get(c, 0.0) + t.poids * max(RANK_FLOOR, 1.0 - RANK_STEP * rank)
        return local

    def lire(self, stems: Sequence[str | None]) -> Lecture | None:
        """The labels holding the largest (IDF-weighted) share of `stems`; None entries are skipped.
        A reading needs the best labels to hold every word they are credited with."""
        key = tuple(s or "" for s in stems)
        if key in self._cache:
            return self._cache[key]
        hits: dict[int, set[int]] = {}
        for k, s in enumerate(stems):
            if not s:
                continue
            for d in self.postings.get(s, ()):
                hits.setdefault(d, set()).add(k)
        result = None
        if hits:
            def gain(words: frozenset[int]) -> float:
                total = 0.0
                for k in words:
                    stem = stems[k]
                    if stem:
                        total += self.idf[stem]
                return total

            by_set: dict[frozenset[int], list[int]] = {}
            for d, held in hits.items():
                by_set.setdefault(frozenset(held), []).append(d)
            # French puts the head noun first ("colite aiguë grave", "hémoptysie massive"): among
            # labels covering as many words, those holding the first word read the query best.
            head = min(k for k, s in enumerate(stems) if s)

            def rank(ws: frozenset[int]) -> tuple[int, float]:
                return len(ws), gain(ws) * (HEAD_BONUS if head in ws and len(ws) == 1 else 1.0)

            top_set = max(by_set, key=rank)
            top_gain = gain(top_set)
            # Each set of words the labels cover votes once, by its share of the best coverage, so a
            # common word held by hundreds of labels does not outvote the rare word of the query.
            # Another set of words votes only where it agrees with the best reading ("hématome" +
            # "intracérébral": both say neurosurgery), so a qualifier read alone ("grave" →
            # "Retard mental grave") never adds a speciality of its own.
            votes: dict[str, float] = {}
            best: set[int] = set()
            docs: list[int] = []
            top_local = self._votes(by_set[top_set])
            for ws, ds in sorted(by_set.items(), key=lambda item: item[0] != top_set):
                share = gain(ws) / top_gain
                if share < NEAR_BEST:
                    continue
                local = top_local if ws == top_set else self._votes(ds)
                if ws != top_set:
                    local = {c: v for c, v in local.items() if c in top_local}
                    if not local:
                        continue
                share = share ** 2  # a reading of fewer or commoner words counts much less
                best |= ws
                docs += ds
                peak = max(local.values(), default=1.0)
                for c, v in local.items():
                    votes[c] = votes.get(c, 0.0) + share * v / peak
            if votes:
                top = max(votes.values())
                concepts = tuple((c, round(min(1.0, (v / top) ** SHARPEN), 4))
                                 for c, v in sorted(votes.items(), key=lambda cv: -cv[1])[:MAX_CONCEPTS]
                                 if v >= MIN_PART * top)
                shown = sorted(docs, key=lambda d: -self.termes[d].poids)[:MAX_LIBELLES]
                result = Lecture(tuple(sorted(best)), concepts,
                                 tuple(f"{self.termes[d].libelle} ({self.termes[d].source})" for d in shown))
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[key] = result
        return result


def charger(dossier: Path | None = None, analyseur: Termes | None = None,
            connus: Iterable[str] | None = None) -> Terminologie:
    """The shipped vocabulary. `connus`: concept ids that exist (others are dropped, so a mapping
    row naming a retired code never reaches the engine; a test keeps the tables clean)."""
    dossier = dossier or fixtures_dir() / "terminologie"
    known = set(connus) if connus is not None else None
    prefixes = Prefixes((r["prefixe"], tuple(r["concepts"].split()))
                        for r in _lire_csv(dossier / "cim10_vers_ror.csv"))
    termes: list[Terme] = []

    def keep(cs: Iterable[str]) -> tuple[str, ...]:
        return tuple(c for c in dict.fromkeys(cs) if known is None or c in known)

    cim: dict[str, tuple[str, float]] = {}
    for r in _lire_csv(dossier / "cim10_libelles.csv"):
        code = r["code"]
        n = int(r["denombrement"]) if r["denombrement"] else 5
        poids = math.log(2 + n)
        cim[code] = (r["libelle"], poids)
        concepts = keep(prefixes.concepts(code))
        if concepts:
            termes.append(Terme(f"CIM-10 {code}", r["libelle"], concepts, poids))
    for r in _lire_csv(dossier / "lexique.csv"):
        lus: list[str] = list(r["concepts"].split())
        for code in r["cim10"].split():
            lus += prefixes.concepts(code)
        cs = keep(lus)
        if cs:
            # A lay word's document also holds the labels of its codes, so "fracture de la
            # mandibule" finds "mandibule" → S02.6 "Fracture du maxillaire inférieur" whole.
            labels = " ".join(cim[c][0] for c in r["cim10"].split() if c in cim)
            termes.append(Terme("lexique", f"{r['terme']}  {labels}".strip(), cs, LEXIQUE_POIDS))
    return Terminologie(termes, analyseur or Termes())


@lru_cache(maxsize=4)
def abreviations(dossier: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Folded abbreviation → its preferred long forms (one per sense), from the sense inventory."""
    dossier = dossier or fixtures_dir() / "terminologie"
    out: dict[str, list[str]] = {}
    for r in _lire_csv(dossier / "abreviations.csv"):
        out.setdefault(plier(r["abreviation"]), []).append(r["forme_longue"])
    return {k: tuple(v) for k, v in out.items()}
