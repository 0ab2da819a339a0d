"""Quarters of the programme ("2019T2"): parsing, validation, ordering and the end of a date's quarter.

Snapshots are keyed by quarter; the table shows a quarter beside the previous one ("T1 2019" /
"T2 2019"), so a quarter knows its predecessor and its printed label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import ValidationError

_PATTERN = re.compile(r"^(\d{4})T([1-4])$")


@dataclass(frozen=True, slots=True, order=True)
class Trimestre:
    annee: int
    numero: int  # 1..4

    @classmethod
    def parse(cls, text: str, field: str = "trimestre") -> Trimestre:
        """"2019T2" → Trimestre(2019, 2); anything else is a ValidationError naming the field."""
        m = _PATTERN.match((text or "").strip().upper())
        if not m:
            raise ValidationError(
                f"{field}: malformed quarter {text!r}, expected YYYYTn with n in 1..4 (e.g. 2019T2)",
                field=field)
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def de_date(cls, d: date) -> Trimestre:
        return cls(d.year, (d.month - 1) // 3 + 1)

    @property
    def debut(self) -> date:
        return date(self.annee, 3 * self.numero - 2, 1)

    @property
    def fin(self) -> date:
        """Last day of the quarter."""
        nxt = self.suivant()
        return date(nxt.annee, 3 * nxt.numero - 2, 1) - timedelta(days=1)

    def precedent(self) -> Trimestre:
        return Trimestre(self.annee - 1, 4) if self.numero == 1 else Trimestre(self.annee, self.numero - 1)

    def suivant(self) -> Trimestre:
        return Trimestre(self.annee + 1, 1) if self.numero == 4 else Trimestre(self.annee, self.numero + 1)

    @property
    def libelle(self) -> str:
        """The programme's column heading: "T2 2019"."""
        return f"T{self.numero} {self.annee}"

    def __str__(self) -> str:
        return f"{self.annee}T{self.numero}"


def fin_de_trimestre(d: date) -> date:
    """The last day of the quarter of `d` (2024-02-21 → 2024-03-31)."""
    return Trimestre.de_date(d).fin
