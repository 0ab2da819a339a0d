"""Aptitudes to propose for a unit: what units with the same activity and mode declare.

Read from the offer graph (`graphe/pratiques.py`): peers are the published units sharing one of
the activities and the mode; an aptitude is proposed when enough of them declare it. The user
confirms each one; nothing is added behind their back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..graphe.pratiques import aptitudes_des_pairs
from ..nomenclatures import Nomenclatures
from ..offre import Offre

if TYPE_CHECKING:  # networkx (~11 MiB) is imported where a graph is built
    import networkx as nx

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
    """Peer aptitudes over the offer graph (`graphe/pratiques.py`); the units' modes from the offer
    the graph was built from (the mode is a unit attribute, not a graph node)."""

    def __init__(self, graphe: nx.Graph, offre: Offre) -> None:
        self.graphe = graphe
        self.offre = offre

    def _mode(self, uo_id: str) -> str | None:
        uo = self.offre.uo.get(uo_id)
        return uo.mode_prise_en_charge if uo is not None else None

    def proposer(self, activite: str | None, mode: str | None, nom: Nomenclatures,
                 exclure: str | None = None, limite: int = 20) -> tuple[int, list[Proposition]]:
        n, compte = aptitudes_des_pairs(self.graphe, activite, mode, self._mode, exclure)
        if n < PAIRS_MIN:
            return n, []
        out: list[Proposition] = []
        for code, k in sorted(compte.items(), key=lambda t: (-t[1], t[0])):
            part = k / n
            if part < PART_MIN or len(out) >= limite:
                break
            table, valeur = code.split(":", 1)
            libelle = nom.label("TRE_R210" if table == "R210" else "TRE_R243", valeur)
            out.append(Proposition(code, libelle, part, n, part >= PART_COCHEE))
        return n, out
