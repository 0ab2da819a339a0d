"""The organ systems a reading is about: each concept's CIM-10 chapters (those whose rows of
`cim10_vers_ror.csv` route to it), so the other words of a query can choose an abbreviation's sense
("IRC oxygène": the respiratory failure, chapter J; "IRC dialyse": the renal one, chapter N)."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..paths import fixtures_dir

# An abbreviation's other sense is taken when the other words' reading is this close to it
# (cosine of the two chapter profiles, 0..1) and much closer to it than to the usual sense: a
# general concept mapped from many chapters ("Médecine générale") stays below it.
PROCHE = 0.6
ECART = 2.0


class Domaines:
    """Concept → the CIM-10 chapters (first letter of a mapped prefix) that route to it."""

    def __init__(self, rows: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        chapitres: dict[str, set[str]] = {}
        for prefixe, concepts in rows:
            for c in concepts:
                chapitres.setdefault(c, set()).add(prefixe[:1])
        self.chapitres = {c: frozenset(s) for c, s in chapitres.items()}

    def profil(self, concepts: Iterable[tuple[str, float]]) -> dict[str, float]:
        """The reading's weight on each chapter, of norm 1: a concept's confidence shared among
        its chapters (a concept routed from one chapter says more of its organ)."""
        poids: dict[str, float] = {}
        for c, conf in concepts:
            chs = self.chapitres.get(c, ())
            for ch in chs:
                poids[ch] = poids.get(ch, 0.0) + conf / len(chs)
        norme = math.sqrt(sum(v * v for v in poids.values()))
        return {ch: v / norme for ch, v in poids.items()} if norme else {}

    def affinite(self, a: Iterable[tuple[str, float]], b: Iterable[tuple[str, float]]) -> float:
        """How much two readings are about the same organ systems (cosine, 0..1)."""
        pa, pb = self.profil(a), self.profil(b)
        return sum(v * pb.get(ch, 0.0) for ch, v in pa.items())

    def prefere(self, usuel: Iterable[tuple[str, float]], autre: Iterable[tuple[str, float]],
                contexte: Iterable[tuple[str, float]]) -> bool:
        """Whether the other words' reading (`contexte`) chooses an abbreviation's other sense
        over its usual one."""
        ctx = list(contexte)
        proche = self.affinite(autre, ctx)
        return proche >= PROCHE and proche > ECART * self.affinite(usuel, ctx)


@lru_cache(maxsize=4)
def charger_domaines(dossier: Path | None = None) -> Domaines:
    """The chapters of the shipped CIM-10 → ROR mapping."""
    dossier = dossier or fixtures_dir() / "terminologie"
    with (dossier / "cim10_vers_ror.csv").open(encoding="utf-8", newline="") as fh:
        return Domaines((r["prefixe"], tuple(r["concepts"].split())) for r in csv.DictReader(fh))
