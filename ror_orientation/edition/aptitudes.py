"""Aptitudes to propose for a unit: what units with the same activity and mode declare.

Read from the published offer in memory (the engine's `Offre`): peers are the units sharing one of
the activities and the mode; an aptitude is proposed when enough of them declare it. The user
confirms each one; nothing is added behind their back.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..nomenclatures import Nomenclatures
from ..offre import Offre

PART_MIN = 0.2  # proposed when at least this share of peers declares it
PART_COCHEE = 0.5  # pre-ticked at or above this share
PAIRS_MIN = 3  # fewer peers than this: no proposal (three units are not a practice)


@dataclass(frozen=True, slots=True)
class Proposition:
    code: str  # "R210:xxx" or "R243:yyy"
    libelle: str
    part: float
    pairs: int
    cochee: bool

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "libelle": self.libelle, "part": round(self.part, 3),
                "pairs": self.pairs, "cochee": self.cochee}


class Pratiques:
    """Index of the published units by (activity, mode), built once per offer."""

    def __init__(self, offre: Offre) -> None:
        self.taille = len(offre.uo)
        self.par_cle: dict[tuple[str, str | None], list[tuple[str, ...]]] = defaultdict(list)
        for uo in offre.uo.values():
            for a in uo.activites:
                self.par_cle[(a, uo.mode_prise_en_charge)].append(uo.aptitudes)

    def proposer(self, activites: Iterable[str], mode: str | None, nom: Nomenclatures,
                 exclure: str | None = None, limite: int = 20) -> tuple[int, list[Proposition]]:
        pairs: list[tuple[str, ...]] = []
        for a in dict.fromkeys(activites):
            pairs += self.par_cle.get((a, mode), [])
        if len(pairs) < PAIRS_MIN:
            return len(pairs), []
        compte = Counter(c for apt in pairs for c in set(apt))
        out: list[Proposition] = []
        for code, n in compte.most_common():
            part = n / len(pairs)
            if part < PART_MIN or len(out) >= limite:
                break
            table, valeur = code.split(":", 1)
            libelle = nom.label("TRE_R210" if table == "R210" else "TRE_R243", valeur)
            out.append(Proposition(code, libelle, part, len(pairs), part >= PART_COCHEE))
        return len(pairs), out
