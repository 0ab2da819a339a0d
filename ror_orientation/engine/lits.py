"""Beds and places: available capacity of a nature / status / temporality, by gender, with the age
of the figure — compiled into dense per-key arrays so the bed filter is array arithmetic.

Rules: an "indéterminé" (04, formerly "indifférencié" 03) bed takes anyone; a unit that declares
gendered beds only offers a patient the beds of the patient's sex plus the undifferentiated ones;
in a crisis (plan blanc, SSE), supplementary beds that are mobilised (statut 06, type 01, with a
crisis code) count as available. A figure older than the caller's maximum age counts as none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np

from ..offre import Capacite
from ..requete import Sexe

DISPONIBLE = "02"
SUPPLEMENTAIRE = "06"
MOBILISE = "01"  # TRE_R334
SUPP_MOBILISE = "06m"  # internal status: supplementary beds mobilised in a declared crisis
FEMME, HOMME = "01", "02"
NONE_TS = np.iinfo(np.int64).min  # no figure
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
GROUPS = ("f", "h", "x")  # femme, homme, indéterminé / indifférencié (any)


def to_ts(moment: datetime | None) -> int:
    """Seconds since 2000-01-01 UTC, held as int64 so no stored date can overflow the arrays;
    naive datetimes are taken as UTC."""
    if moment is None:
        return int(NONE_TS)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int((moment - EPOCH).total_seconds())


def from_ts(ts: int) -> datetime | None:
    if ts == NONE_TS:
        return None
    return EPOCH + timedelta(seconds=int(ts))


def group_of(genre: str) -> str:
    return {FEMME: "f", HOMME: "h"}.get(genre, "x")


def effective_statut(c: Capacite) -> str:
    if c.statut == SUPPLEMENTAIRE and c.type_lit_supplementaire == MOBILISE and c.crise:
        return SUPP_MOBILISE
    return c.statut


def grouped(capacites: Iterable[Capacite]) -> dict[tuple[str, str, str, str], tuple[int, int]]:
    """(nature, effective statut, temporalité, gender group) → (count, latest update ts)."""
    out: dict[tuple[str, str, str, str], tuple[int, int]] = {}
    for c in capacites:
        key = (c.nature, effective_statut(c), c.temporalite, group_of(c.genre))
        n, ts = out.get(key, (0, int(NONE_TS)))
        out[key] = (n + max(0, int(c.nombre)), max(ts, to_ts(c.maj)))
    return out


def crise_of(capacites: Iterable[Capacite]) -> str | None:
    codes = sorted({c.crise for c in capacites if c.crise})
    return codes[-1] if codes else None


class _Key:
    """Dense arrays of one (nature, statut, temporalité): counts, update time, declared flag."""

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
    """Per candidate row: available count, update ts of that figure, gendered declaration."""

    free: np.ndarray
    ts: np.ndarray
    gendered: np.ndarray


class Lits:
    """All capacity figures of all units, one `_Key` per (nature, statut, temporalité) seen."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.keys: dict[tuple[str, str, str], _Key] = {}
        self.crise = np.zeros(n, dtype=bool)

    def grow(self, n: int) -> None:
        self.n = max(self.n, n)
        for k in self.keys.values():
            k.grow(self.n)
        extra = self.n - len(self.crise)
        if extra > 0:
            self.crise = np.concatenate([self.crise, np.zeros(extra, dtype=bool)])

    def set(self, row: int, capacites: Sequence[Capacite]) -> None:
        """Replace one unit's figures (an update of capacities patches only its row)."""
        for k in self.keys.values():
            k.clear(row)
        for (nature, statut, temp, g), (count, ts) in grouped(capacites).items():
            key = self.keys.get((nature, statut, temp))
            if key is None:
                key = self.keys[(nature, statut, temp)] = _Key(self.n)
            key.count[g][row] = count
            key.ts[g][row] = ts
            key.declared[g][row] = True
        self.crise[row] = crise_of(capacites) is not None

    def fill(self, all_capacites: Sequence[Sequence[Capacite]]) -> None:
        """Bulk load of every row from empty arrays (same result as `set` on each row)."""
        cols: dict[tuple[str, str, str, str], tuple[list[int], list[int], list[int]]] = {}
        for row, capacites in enumerate(all_capacites):
            if not capacites:
                continue
            for (nature, statut, temp, g), (count, ts) in grouped(capacites).items():
                r, c, t = cols.setdefault((nature, statut, temp, g), ([], [], []))
                r.append(row)
                c.append(count)
                t.append(ts)
            if crise_of(capacites) is not None:
                self.crise[row] = True
        for (nature, statut, temp, g), (r, c, t) in cols.items():
            key = self.keys.get((nature, statut, temp))
            if key is None:
                key = self.keys[(nature, statut, temp)] = _Key(self.n)
            idx = np.asarray(r, dtype=np.int64)
            key.count[g][idx] = c
            key.ts[g][idx] = t
            key.declared[g][idx] = True

    def disponibles(self, rows: np.ndarray, natures: Sequence[str], statut: str,
                    temporalites: Sequence[str], sexe: Sexe | None, now_ts: int,
                    max_age_s: float | None) -> Dispo:
        """Best figure over `temporalites` of Σ natures (statut + mobilised supplementary beds when
        asking for available ones), counting the patient's sex and undifferentiated beds only."""
        m = len(rows)
        best = np.zeros(m, dtype=np.int64)
        best_ts = np.full(m, NONE_TS, dtype=np.int64)
        gendered = np.zeros(m, dtype=bool)
        groups = {Sexe.FEMME: ("f", "x"), Sexe.HOMME: ("h", "x")}.get(sexe, GROUPS) if sexe else GROUPS
        statuts = (statut, SUPP_MOBILISE) if statut == DISPONIBLE else (statut,)
        oldest = None if max_age_s is None else now_ts - max_age_s
        for i, t in enumerate(temporalites):
            free_t = np.zeros(m, dtype=np.int64)
            ts_t = np.full(m, NONE_TS, dtype=np.int64)
            for nature in natures:
                for st in statuts:
                    key = self.keys.get((nature, st, t))
                    if key is None:
                        continue
                    gendered |= key.declared["f"][rows] | key.declared["h"][rows]
                    for g in GROUPS:
                        # an undeclared group's ts is NONE_TS, the minimum: max() ignores it
                        ts = key.ts[g][rows]
                        np.maximum(ts_t, ts, out=ts_t)
                        if g not in groups:
                            continue
                        count = key.count[g][rows]
                        if oldest is not None:
                            count = np.where(ts >= oldest, count, 0)
                        free_t += count
            better = free_t > best if i else np.ones(m, dtype=bool)
            best = np.where(better, free_t, best)
            best_ts = np.where(better, ts_t, best_ts)
        return Dispo(best, best_ts, gendered)


def age_minutes(ts: np.ndarray, now_ts: int) -> np.ndarray:
    """Age of figures in minutes (NaN when there is no figure)."""
    t = np.asarray(ts, dtype=np.float64)
    return np.where(t == NONE_TS, np.nan, (now_ts - t) / 60.0)
