"""The destinations of lay needs no ROR label or terminology route names as a whole (a mother's
distress after a birth, a teenager who stops eating): `terminologie/besoins_profanes.csv`, one row
per need, its concepts most fitting first, with the text that says so."""

from __future__ import annotations

import csv
from functools import cache

from ..paths import fixtures_dir


@cache
def besoins_profanes() -> dict[str, tuple[str, ...]]:
    """A lay need's key → its concepts (TRE_R211, TRE_R244, TRE_R245...), most fitting first."""
    with (fixtures_dir() / "terminologie" / "besoins_profanes.csv").open(encoding="utf-8", newline="") as fh:
        return {r["besoin"]: tuple(r["concepts"].split()) for r in csv.DictReader(fh)}
