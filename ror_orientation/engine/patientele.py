"""Patientèle: the age range and publics a unit takes, as arrays (None bound = open-ended)."""

from __future__ import annotations

import numpy as np

from ..offre import UniteOperationnelle

OPEN_MIN, OPEN_MAX = -1, 10_000  # sentinels for an open bound
AGE_ATTEINT = 120  # a maximum at or past this age keeps no one out ("130" in the ROR: none)


class Patientele:
    def __init__(self, n: int) -> None:
        self.age_min = np.full(n, OPEN_MIN, dtype=np.int16)
        self.age_max = np.full(n, OPEN_MAX, dtype=np.int16)

    def grow(self, n: int) -> None:
        extra = n - len(self.age_min)
        if extra > 0:
            self.age_min = np.concatenate([self.age_min, np.full(extra, OPEN_MIN, dtype=np.int16)])
            self.age_max = np.concatenate([self.age_max, np.full(extra, OPEN_MAX, dtype=np.int16)])

    def set(self, row: int, uo: UniteOperationnelle) -> None:
        self.age_min[row] = OPEN_MIN if uo.age_min is None else uo.age_min
        self.age_max[row] = OPEN_MAX if uo.age_max is None else min(uo.age_max, OPEN_MAX - 1)

    def accepts_age(self, rows: np.ndarray, age: int) -> np.ndarray:
        """age_min ≤ age ≤ age_max, both inclusive, an open bound accepting everyone."""
        return np.asarray((self.age_min[rows] <= age) & (self.age_max[rows] >= age))

    def declares_age(self, rows: np.ndarray) -> np.ndarray:
        """How explicit the unit's age range is, in [0, 1]: half a point per bound that keeps
        someone out (a minimum above 0, a maximum below AGE_ATTEINT), so an adult service
        [18, 62] says more about a 45-year-old than one declaring only "from 0" (no one out)."""
        low = self.age_min[rows] > 0
        high = self.age_max[rows] < AGE_ATTEINT
        return np.asarray((low.astype(np.float64) + high) / 2.0)


def accepts_age(uo: UniteOperationnelle, age: int) -> bool:
    """Plain-Python form of the rule, for one unit."""
    return (uo.age_min is None or uo.age_min <= age) and (uo.age_max is None or age <= uo.age_max)
