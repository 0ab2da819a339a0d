"""Beds and places as dense arrays, so the bed filter and score are array arithmetic over every unit.

The rules are not here: records are grouped by `disponibilite.grouper` (nature × role × temporalité ×
gender group, with the oldest time of each group) and counted as `disponibilite.disponibilite` counts
them — the caller's natures or the unit's own, compatible genders, crisis extra beds with available
now, forecasts only when asked. A property test holds the two to the same figure for any unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from ..disponibilite import (
    COURANT,
    DISPONIBLE,
    ROLE_CRISE,
    ROLE_SUPP,
    en_crise,
    grouper,
    groupes_compatibles,
    natures_unite,
)
from ..offre import Capacite
from ..requete import Sexe

NONE_TS = np.iinfo(np.int64).min  # no time (unknown: the oldest possible)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
GROUPS = ("f", "h", "x")  # femme, homme, indéterminé / indifférencié (any)
NATURE_BITS = {"01": 1, "02": 2, "03": 4, "04": 8}  # TRE_R329 → bit of the per-row natures mask


def to_ts(moment: datetime | None) -> int:
    """Seconds since 2000-01-01 UTC, held as int64 so no stored date can overflow the arrays;
    naive datetimes are taken as UTC."""
    if moment is None:
        return int(NONE_TS)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int((moment - EPOCH).total_seconds())


EPOCH_UNIX = int(EPOCH.timestamp())


def from_ts(ts: int) -> datetime | None:
    if ts == NONE_TS:
        return None
    # the same instant as EPOCH + timedelta(seconds=ts), without building the timedelta
    return datetime.fromtimestamp(EPOCH_UNIX + int(ts), UTC)


def decale(ts: np.ndarray, secondes: int) -> np.ndarray:
    """`ts` moved `secondes` forward, an unknown time (NONE_TS) left unknown."""
    return np.where(ts == NONE_TS, NONE_TS, ts + secondes)


def nature_mask(natures: Sequence[str]) -> int:
    m = 0
    for n in natures:
        m |= NATURE_BITS.get(n, 0)
    return m


class _Key:
    """Dense arrays of one (nature, role, temporalité): counts, oldest time, declared flag."""

    __slots__ = ("count", "ts", "declared")

    def __init__(self, n: int) -> None:
        self.count = {g: np.zeros(n, dtype=np.int32) for g in GROUPS}
        self.ts = {g: np.full(n, NONE_TS, dtype=np.int64) for g in GROUPS}
        self.declared = {g: np.zeros(n, dtype=bool) for g in GROUPS}

    def grow(self, n: int) -> None:
        for g in GROUPS:
            extra = n - len(self.count[g])
            if extra > 0:
                self.count[g] = np.concatenate([self.count[g], np.zeros(extra, dtype=np.int32)])
                self.ts[g] = np.concatenate([self.ts[g], np.full(extra, NONE_TS, dtype=np.int64)])
                self.declared[g] = np.concatenate([self.declared[g], np.zeros(extra, dtype=bool)])

    def clear(self, row: int) -> None:
        for g in GROUPS:
            self.count[g][row] = 0
            self.ts[g][row] = NONE_TS
            self.declared[g][row] = False


@dataclass(slots=True)
class Dispo:
    """Per candidate row: counted figure, time of its oldest record, whether there is a figure at
    all, and whether the unit declares gendered beds for what was asked."""

    free: np.ndarray
    ts: np.ndarray
    present: np.ndarray
    gendered: np.ndarray


class Lits:
    """All capacity figures of all units, one `_Key` per (nature, role, temporalité) seen."""

    # seconds to add to every stored time to give the true one: a re-dating (`decaler`) moves it
    # instead of rewriting the arrays, which an offer image maps from its file
    decalage = 0

    def __init__(self, n: int) -> None:
        self.n = n
        self.keys: dict[tuple[str, str, str], _Key] = {}
        self.crise = np.zeros(n, dtype=bool)
        self.natures = np.zeros(n, dtype=np.int8)  # the unit's own natures (bit mask)
        # (statut, temporalité, sexe, supplementaires) → the figure of every row, each unit's own
        # natures, no age limit: built on first use, patched row by row on `set`
        self._colonnes: dict[tuple[str, str, Sexe | None, bool], Dispo] = {}

    def grow(self, n: int) -> None:
        self.n = max(self.n, n)
        self._colonnes.clear()
        for k in self.keys.values():
            k.grow(self.n)
        extra = self.n - len(self.crise)
        if extra > 0:
            self.crise = np.concatenate([self.crise, np.zeros(extra, dtype=bool)])
            self.natures = np.concatenate([self.natures, np.zeros(extra, dtype=np.int8)])

    def _key(self, k: tuple[str, str, str]) -> _Key:
        key = self.keys.get(k)
        if key is None:
            key = self.keys[k] = _Key(self.n)
        return key

    def set(self, row: int, capacites: Sequence[Capacite], mode: str | None = None) -> None:
        """Replace one unit's figures (an update of capacities patches only its row)."""
        for k in self.keys.values():
            k.clear(row)
        self.crise[row] = False
        self.natures[row] = nature_mask(natures_unite(capacites, mode))
        known = len(self.keys)
        self.set_new(row, capacites)
        if len(self.keys) != known:  # a new (nature, role, temporalité): every column may change
            self._colonnes.clear()
        one = np.asarray([row], dtype=np.int64)
        for (statut, temp, sexe, supp), col in self._colonnes.items():
            d = self.disponibles(one, None, statut, temp, sexe, 0, None, supp)
            col.free[row], col.ts[row] = d.free[0], d.ts[0]
            col.present[row], col.gendered[row] = d.present[0], d.gendered[0]

    def decaler(self, secondes: int) -> None:
        """Every figure's time moved `secondes` forward (a served demo re-dated): the precomputed
        columns' times move, the arrays keep theirs and the offset is added where they are read."""
        self.decalage += secondes
        for col in self._colonnes.values():
            col.ts = decale(col.ts, secondes)

    def fill(self, units: Sequence[tuple[Sequence[Capacite], str | None]]) -> None:
        """Bulk load of every row from empty arrays (same result as `set` on each row)."""
        self._colonnes.clear()
        for row, (capacites, mode) in enumerate(units):
            self.natures[row] = nature_mask(natures_unite(capacites, mode))
            if capacites:
                self.set_new(row, capacites)

    def set_new(self, row: int, capacites: Sequence[Capacite]) -> None:
        """Write one row's groups into arrays where the row is empty."""
        for (nature, role, temp, g), grp in grouper(capacites).items():
            key = self._key((nature, role, temp))
            key.count[g][row] = min(grp.nombre, np.iinfo(np.int32).max)
            ts = to_ts(grp.oldest)
            key.ts[g][row] = ts - self.decalage if ts != NONE_TS else ts
            key.declared[g][row] = True
        if en_crise(capacites) is not None:
            self.crise[row] = True

    def disponibles(self, rows: np.ndarray, natures: Sequence[str] | None, statut: str,
                    temporalite: str, sexe: Sexe | None, now_ts: int,
                    max_age_s: float | None, supplementaires: bool = False) -> Dispo:
        """What `disponibilite` counts, for many rows: Σ over the natures (the caller's, or each
        unit's own when None) of `statut` at `temporalite` — plus activated crisis extra beds (and,
        on request, other mobilised ones) for available-now — for the patient's compatible genders."""
        m = len(rows)
        free = np.zeros(m, dtype=np.int64)
        oldest_ts = np.full(m, np.iinfo(np.int64).max, dtype=np.int64)
        present = np.zeros(m, dtype=bool)
        gendered = np.zeros(m, dtype=bool)
        allowed = groupes_compatibles(sexe)
        oldest_ok = None if max_age_s is None else now_ts - max_age_s - self.decalage
        row_natures = self.natures[rows]
        nature_ok: np.ndarray | None
        now_extra = statut == DISPONIBLE and temporalite == COURANT
        for (nature, role, temp), key in self.keys.items():
            if temp != temporalite:
                continue
            if role != statut and not (now_extra and (role.startswith(ROLE_CRISE) or (
                    supplementaires and role == ROLE_SUPP))):
                continue
            if natures is not None:
                if nature not in natures:
                    continue
                nature_ok = None
            else:
                bit = NATURE_BITS.get(nature, 0)
                if not bit:
                    continue
                nature_ok = np.asarray((row_natures & bit) != 0, dtype=bool)
            for g in GROUPS:
                declared = key.declared[g][rows]
                if nature_ok is not None:
                    declared = declared & nature_ok
                if g in ("f", "h"):
                    gendered |= declared
                if g not in allowed:
                    continue
                ts = key.ts[g][rows]
                if oldest_ok is not None:
                    declared = declared & (ts >= oldest_ok)
                free += np.where(declared, key.count[g][rows], 0)
                np.minimum(oldest_ts, np.where(declared, ts, oldest_ts), out=oldest_ts)
                present |= declared
        ts_out = np.where(present, oldest_ts, NONE_TS)
        if self.decalage:
            ts_out = decale(ts_out, self.decalage)
        return Dispo(free, ts_out, present, gendered)

    def colonne(self, statut: str, temporalite: str, sexe: Sexe | None,
                supplementaires: bool = False) -> Dispo:
        """The figure of every row for one kind of patient (each unit's own natures, no age
        limit) — what `disponibles` gives, precomputed so a search reads it by row: the bed
        check costs one gather, before any distance."""
        key = (statut, temporalite, sexe, supplementaires)
        col = self._colonnes.get(key)
        if col is None:
            col = self._colonnes[key] = self.disponibles(
                np.arange(self.n, dtype=np.int64), None, statut, temporalite, sexe, 0, None,
                supplementaires)
        return col

    def peut_avoir(self, statut: str | None, temporalite: str | None, groupe_genre: str | None,
                   au_moins: int) -> np.ndarray:
        """Rows that may hold ONE record [of `statut`] [at `temporalite`] [in that gender group]
        counting at least `au_moins`: a necessary condition read from the arrays (a group's figure
        is the sum of its records, each ≥ 0, so it is at least each record's). Exact only after a
        per-record check. Statut 06 is not answered here, nor any statut with `au_moins` ≤ 0 (0-bed
        mobilised records are dropped from the arrays)."""
        if statut == "06" or (statut is None and au_moins <= 0):
            raise ValueError("0-bed statut 06 records are not in the arrays")
        ok = np.zeros(self.n, dtype=bool)
        groupes = (groupe_genre,) if groupe_genre else GROUPS
        for (_nature, role, temp), key in self.keys.items():
            if (statut is not None and role != statut) or (temporalite and temp != temporalite):
                continue
            for g in groupes:
                if au_moins > 0:
                    ok |= key.declared[g] & (key.count[g] >= au_moins)
                else:
                    ok |= key.declared[g]
        return ok


def age_minutes(ts: np.ndarray, now_ts: int) -> np.ndarray:
    """Age of figures in minutes (NaN when there is no time)."""
    t = np.asarray(ts, dtype=np.float64)
    return np.where(np.asarray(ts) == NONE_TS, np.nan, (now_ts - t) / 60.0)
