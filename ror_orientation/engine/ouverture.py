"""Open at an instant, on the survivors of the cheaper filters only.

Units share schedules (templates, 24/7): each distinct `Horaires` gets an id once, and a query
evaluates `horaires.is_open` (holidays, ranges across midnight, closures, validity) once per
distinct schedule among its candidates, with a cache keyed by (schedule, minute).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta

import numpy as np

from ..horaires import Horaires, is_open, next_opening


class Ouverture:
    def __init__(self, n: int) -> None:
        self.sched = np.zeros(n, dtype=np.int32)
        self.schedules: list[Horaires] = []
        self._ids: dict[Horaires, int] = {}
        self._minute_aligned: list[bool] = []
        self._open_cache: OrderedDict[tuple[int, datetime], bool] = OrderedDict()
        self._next_cache: OrderedDict[tuple[int, datetime, timedelta], datetime | None] = OrderedDict()

    def grow(self, n: int) -> None:
        extra = n - len(self.sched)
        if extra > 0:
            self.sched = np.concatenate([self.sched, np.zeros(extra, dtype=np.int32)])

    def schedule_id(self, h: Horaires) -> int:
        sid = self._ids.get(h)
        if sid is None:
            sid = self._ids[h] = len(self.schedules)
            self.schedules.append(h)
            self._minute_aligned.append(all(
                p.debut.second == 0 == p.fin.second and not p.debut.microsecond
                and not p.fin.microsecond for p in h.plages))
        return sid

    def _key(self, sid: int, instant: datetime) -> datetime:
        """Cache key instant: the minute, when the schedule's boundaries are whole minutes (then
        every instant of that minute has the same answer), else the exact instant."""
        if self._minute_aligned[sid]:
            return instant.replace(second=0, microsecond=0)
        return instant

    def set(self, row: int, h: Horaires) -> None:
        self.sched[row] = self.schedule_id(h)

    def _is_open(self, sid: int, instant: datetime) -> bool:
        key = (sid, self._key(sid, instant))
        hit = self._open_cache.get(key)
        if hit is None:
            hit = is_open(self.schedules[sid], instant)
            self._open_cache[key] = hit
            if len(self._open_cache) > 200_000:
                self._open_cache.popitem(last=False)
        return hit

    def open_mask(self, rows: np.ndarray, instant: datetime, deadline: float | None = None,
                  clock=None) -> tuple[np.ndarray, bool]:
        """Which rows are open at `instant`; (mask, complete). When a deadline (clock value) passes,
        the rows not yet checked are reported closed and complete is False."""
        sids = self.sched[rows]
        uniq, inverse = np.unique(sids, return_inverse=True)
        verdict = np.zeros(len(uniq), dtype=bool)
        complete = True
        for i, sid in enumerate(uniq):
            if deadline is not None and clock is not None and i % 64 == 63 and clock() > deadline:
                complete = False
                break
            verdict[i] = self._is_open(int(sid), instant)
        return verdict[inverse], complete

    def wait_minutes(self, rows: np.ndarray, instant: datetime, horizon: timedelta) -> np.ndarray:
        """Minutes until each row opens (0 if open, NaN if not within the horizon)."""
        sids = self.sched[rows]
        uniq, inverse = np.unique(sids, return_inverse=True)
        out = np.full(len(uniq), np.nan)
        for i, sid in enumerate(uniq):
            nxt = self.next_opening(int(sid), instant, horizon)
            if nxt is not None:
                out[i] = max(0.0, (nxt - instant).total_seconds() / 60.0)
        return out[inverse]

    def next_opening(self, sid: int, instant: datetime, horizon: timedelta) -> datetime | None:
        key = (sid, instant, horizon)
        if key not in self._next_cache:
            self._next_cache[key] = next_opening(self.schedules[sid], instant, horizon=horizon)
            if len(self._next_cache) > 50_000:
                self._next_cache.popitem(last=False)
        return self._next_cache[key]
