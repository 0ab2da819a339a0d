"""Signatures: the unit's own criteria a search checks on every candidate — shown to any caller,
the age bounds of its patientèle, its département (the patient's land) — as one small int per row,
the id of its combination (~5,800 distinct ones nationally).

A query's checks then read one column at its candidates' rows and a table over the combinations
(a few kilobytes, kept per engine for the same age and land), instead of four columns of half a
million rows at the same random rows: one cache miss per candidate instead of four, and three
numpy gathers fewer. Combinations are only ever appended, so a table made for the first
`k` of them stays right for those.
"""

from __future__ import annotations

import numpy as np

from .patientele import AGE_ATTEINT, OPEN_MAX, OPEN_MIN

# the parts of a row's key: département id + 1, age_max + 1, age_min + 1, public
_DEP_BITS, _AGE_BITS = 20, 16


class Signatures:
    """Per row, the id of its (public, age_min, age_max, département) combination; per
    combination, those four values."""

    def __init__(self, n: int = 0) -> None:
        self.of_row = np.zeros(n, dtype=np.int32)  # every row starts as combination 0
        self.public = np.zeros(1, dtype=bool)
        self.age_min = np.full(1, OPEN_MIN, dtype=np.int16)
        self.age_max = np.full(1, OPEN_MAX, dtype=np.int16)
        self.departement = np.full(1, -1, dtype=np.int32)  # a `Codes` id, −1: unknown
        self._ids: dict[tuple[bool, int, int, int], int] | None = None  # built on first `set`

    def __getstate__(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in ("of_row", "public", "age_min", "age_max", "departement")}

    def __setstate__(self, state: dict[str, object]) -> None:
        for k, v in state.items():
            setattr(self, k, v)
        self._ids = None

    def __len__(self) -> int:
        return len(self.public)

    def fill(self, public: np.ndarray, age_min: np.ndarray, age_max: np.ndarray,
             departement: np.ndarray) -> None:
        """Every row at once, from the columns they fold."""
        key = ((departement.astype(np.int64) + 1)
               | ((age_max.astype(np.int64) + 1) << _DEP_BITS)
               | ((age_min.astype(np.int64) + 1) << (_DEP_BITS + _AGE_BITS))
               | (public.astype(np.int64) << (_DEP_BITS + 2 * _AGE_BITS)))
        uniq, of_row = np.unique(key, return_inverse=True)
        mask = (1 << _AGE_BITS) - 1
        self.of_row = of_row.astype(np.int32).reshape(-1)
        self.departement = ((uniq & ((1 << _DEP_BITS) - 1)) - 1).astype(np.int32)
        self.age_max = (((uniq >> _DEP_BITS) & mask) - 1).astype(np.int16)
        self.age_min = (((uniq >> (_DEP_BITS + _AGE_BITS)) & mask) - 1).astype(np.int16)
        self.public = (uniq >> (_DEP_BITS + 2 * _AGE_BITS)).astype(bool)
        self._ids = None

    def grow(self, n: int) -> None:
        extra = n - len(self.of_row)
        if extra > 0:
            self.of_row = np.concatenate([self.of_row, np.zeros(extra, dtype=np.int32)])

    def set(self, row: int, public: bool, age_min: int, age_max: int, departement: int) -> None:
        """One row's values (an update): its combination, appended when new."""
        if self._ids is None:
            self._ids = {(bool(p), int(a), int(b), int(d)): i for i, (p, a, b, d) in enumerate(zip(
                self.public.tolist(), self.age_min.tolist(), self.age_max.tolist(),
                self.departement.tolist(), strict=True))}
        key = (bool(public), int(age_min), int(age_max), int(departement))
        ident = self._ids.get(key)
        if ident is None:
            ident = self._ids[key] = len(self.public)
            self.public = np.append(self.public, key[0])
            self.age_min = np.append(self.age_min, np.int16(key[1]))
            self.age_max = np.append(self.age_max, np.int16(key[2]))
            self.departement = np.append(self.departement, np.int32(key[3]))
        self.of_row[row] = ident

    def table(self, public: bool, age: int | None, terre: np.ndarray | None) -> np.ndarray:
        """Per combination: shown to any caller (when `public`), takes a patient of `age` (given)
        and lies on the land `terre` keeps (a table over département ids, the last slot for −1)."""
        out = self.public.copy() if public else np.ones(len(self.public), dtype=bool)
        if age is not None:
            out &= (self.age_min <= age) & (self.age_max >= age)
        if terre is not None:
            out &= terre[self.departement]
        return out

    def declares_age(self) -> np.ndarray:
        """Per combination, `Patientele.declares_age`: half a point per bound keeping someone out."""
        return ((self.age_min > 0).astype(np.float64) + (self.age_max < AGE_ATTEINT)) / 2.0
