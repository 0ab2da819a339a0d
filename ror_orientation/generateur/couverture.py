"""How much of the nomenclature a generated offer covers: for each active code of the unit tables,
how many units carry it. An act the engine understands but no unit carries can only fall back to a
generic speciality, so the codes without a carrier are the generator's coverage gaps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..nomenclatures import Nomenclatures, default_nomenclatures
from ..offre import UniteOperationnelle

# table → the value set a unit's code is drawn from (None: the whole table)
TABLES: dict[str, str | None] = {"TRE_R211": "JDV_J17", "TRE_R210": None, "TRE_R244": "JDV_J238"}


@dataclass(frozen=True, slots=True)
class Couverture:
    """Per table, the number of units carrying each active code (codes with no carrier count 0)."""

    porteurs: dict[str, dict[str, int]]

    def sans_porteur(self, table: str) -> list[str]:
        return sorted(c for c, n in self.porteurs[table].items() if n == 0)


def _codes(uo: UniteOperationnelle, table: str) -> Iterable[str]:
    if table == "TRE_R211":
        return (uo.activite,)
    if table == "TRE_R210":
        return uo.actes
    return (uo.categorie_organisation,) if uo.categorie_organisation else ()


def couverture(unites: Iterable[UniteOperationnelle], nom: Nomenclatures | None = None) -> Couverture:
    """Count the carriers of every active code of `TABLES` (restricted to its value set)."""
    nom = nom or default_nomenclatures()
    counts: dict[str, Counter[str]] = {t: Counter() for t in TABLES}
    for uo in unites:
        for t, c in counts.items():
            c.update(_codes(uo, t))
    porteurs: dict[str, dict[str, int]] = {}
    for t, jdv in TABLES.items():
        allowed = set(nom.table(jdv).codes) if jdv else None
        porteurs[t] = {code: counts[t][code] for code, e in nom.table(t).codes.items()
                       if e.actif and (allowed is None or code in allowed)}
    return Couverture(porteurs)


__all__ = ["Couverture", "TABLES", "couverture"]
