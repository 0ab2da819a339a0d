"""Open at an instant, on the survivors of the cheaper filters only.

Units share schedules (templates, 24/7): each distinct `Horaires` gets an id once. A plain schedule
(boundaries on quarter hours) also gets a weekly bitmap of 672 quarter-hour slots, ranges across
midnight spilling into the next day, and its dates (validity, closures) as arrays, read as one
column per day: on a day that is neither a public holiday nor the day after one, and on which its
dates let it open both that day and the day before, its answer is one array lookup for all
candidates. Any other case calls `horaires.is_open` (holidays, closures, validity) once per
distinct schedule among the candidates, answered from a per-(schedule, day) table of the times its
answer may change at.
"""

from __future__ import annotations

import bisect
import pickle
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

import numpy as np

from ..horaires import PARIS, TYPE_FERMETURE, Horaires, is_open, is_public_holiday
from ..index.textes import Paquets, pack_bytes

SLOT_MIN = 15
SLOTS_PER_DAY = 24 * 60 // SLOT_MIN
WEEK_SLOTS = 7 * SLOTS_PER_DAY
NEXT_CACHE = 20_000  # (schedule, day) entries of `Ouverture.next_opening`
NEXT_SEEN = 4_096  # its answers at the last instants asked
OPEN_DAYS = 50_000  # (schedule, day) entries of `Ouverture._is_open`
VALID_DAYS = 8  # days whose column of schedules open that day (and the day before) is kept
FIRST_DAY, LAST_DAY = 0, np.iinfo(np.int32).max  # day ordinals standing for "no bound"


def _minutes(t: datetime | time) -> int:
    return int(t.hour * 60 + t.minute)


def weekly_bitmap(h: Horaires) -> np.ndarray | None:
    """672 quarter-hour slots (lundi 00:00 first) when `h` is plain, else None. Its dates
    (validity, closures) are not in it: `Ouverture` reads them per day (`dates`)."""
    if any(p.type_horaire == TYPE_FERMETURE for p in h.plages):
        return None  # `is_open` reads such a range as no opening: not in a bitmap of openings
    if h.permanent:
        return np.ones(WEEK_SLOTS, dtype=bool)
    bits = np.zeros(WEEK_SLOTS, dtype=bool)
    for p in h.plages:
        if p.jour > 6:
            continue  # holiday ranges: holidays never take this path
        a, b = _minutes(p.debut), _minutes(p.fin)
        if a % SLOT_MIN or b % SLOT_MIN or p.debut.second or p.fin.second:
            return None
        start = p.jour * SLOTS_PER_DAY + a // SLOT_MIN
        if p.crosses_midnight:
            bits[start:(p.jour + 1) * SLOTS_PER_DAY] = True
            nxt = ((p.jour + 1) % 7) * SLOTS_PER_DAY
            bits[nxt:nxt + b // SLOT_MIN] = True
        else:
            bits[start:p.jour * SLOTS_PER_DAY + b // SLOT_MIN] = True
    return bits


def dates(sid: int, h: Horaires) -> tuple[tuple[int, int], list[tuple[int, int, int]]]:
    """The days schedule `sid` may open on, as `horaires._in_validity` reads them: its validity
    (first and last day ordinals, inclusive) and its closures (schedule, first day, day it
    reopens — exclusive; LAST_DAY when definitive or with no reopening planned)."""
    validity = (h.debut_validite.toordinal() if h.debut_validite else FIRST_DAY,
                h.fin_validite.toordinal() if h.fin_validite else LAST_DAY)
    closures = [(sid, f.debut.toordinal(),
                 LAST_DAY if f.definitive or f.reouverture_prevue is None
                 else f.reouverture_prevue.toordinal()) for f in h.fermetures]
    return validity, closures


class Paquet(Paquets[Horaires]):
    """Schedules pickled one by one into one byte array with offsets, each decoded on first use:
    an offer image maps the array, shared by every worker, where unpickling the list made ~40k
    small objects per worker at national scale (most never read: plain schedules are answered
    by their bitmap)."""

    __slots__ = ("_decoded",)

    def __init__(self, data: np.ndarray, offsets: np.ndarray) -> None:
        super().__init__(data, offsets)
        self._decoded: dict[int, Horaires] = {}

    @classmethod
    def pack(cls, items: Iterable[Horaires]) -> Paquet:
        return cls(*pack_bytes([pickle.dumps(h, protocol=5) for h in items]))

    def __reduce__(self) -> tuple[Any, ...]:
        return Paquet, (self.data, self.offsets)

    def _item(self, k: int) -> Horaires:
        h = self._decoded.get(k)
        if h is None:
            a, b = int(self.offsets[k]), int(self.offsets[k + 1])
            h = self._decoded[k] = pickle.loads(self.data[a:b].tobytes())  # noqa: S301 - the image's own
        return h


class Ouverture:
    def __init__(self, n: int) -> None:
        self.sched = np.zeros(n, dtype=np.int32)
        self.schedules: Sequence[Horaires] = []
        # the next four are None in an engine mapped from an image until a schedule is added
        self._ids: dict[Horaires, int] | None = {}
        self._minute_aligned: Sequence[bool] = []
        self._bits: list[np.ndarray] | None = []
        self._plain_list: list[bool] | None = []
        self._bitmaps = np.zeros((0, WEEK_SLOTS), dtype=bool)
        self._plain = np.zeros(0, dtype=bool)
        # each schedule's validity (first, last day) and every closure (schedule, first day,
        # reopening day), as lists while schedules are added, as arrays once asked
        self._validity_list: list[tuple[int, int]] | None = []
        self._closure_list: list[tuple[int, int, int]] | None = []
        self._validity = np.zeros((0, 2), dtype=np.int32)
        self._closures = np.zeros((0, 3), dtype=np.int32)
        # day → (schedules whose dates let them open that day, and that day and the day before)
        self._valid_days: OrderedDict[date, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        # (day, quarter hour) → per schedule, open by its bitmap, and left to ask (`_at_slot`)
        self._slots: OrderedDict[tuple[date, int], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        # (schedule, day) → the times its answer may change at, sorted, and its answer at each
        self._open_days: OrderedDict[tuple[int, date], tuple[list[time], list[bool | None]]] = \
            OrderedDict()
        # minute → verdict of each minute-aligned schedule at that minute (−1: not asked yet)
        self._verdicts: OrderedDict[datetime, np.ndarray] = OrderedDict()
        self._aligned = np.zeros(0, dtype=bool)
        # (day, days of horizon) → per schedule, whether its bitmap answers them all (`_quiet`)
        self._quiet_days: OrderedDict[tuple[date, int], np.ndarray] = OrderedDict()
        # (day, days of horizon) → per schedule, whether its dates close it on all those days
        self._shut_days: OrderedDict[tuple[date, int], np.ndarray] = OrderedDict()
        self._next_seen: OrderedDict[tuple[int, datetime, timedelta], datetime | None] = OrderedDict()
        # (schedule, day, days of horizon) → the instants `next_opening` tries, sorted, and the
        # verdict at each (None: not asked yet)
        self._next_cache: OrderedDict[tuple[int, date, int],
                                      tuple[list[datetime], list[bool | None]]] = OrderedDict()

    def __getstate__(self) -> dict[str, Any]:
        """What an offer image keeps: arrays only (the schedules pickled one by one)."""
        bitmaps, plain = self._tables()
        validity, closures = self._dates()
        schedules = self.schedules if isinstance(self.schedules, Paquet) else Paquet.pack(self.schedules)
        return {"sched": self.sched, "bitmaps": bitmaps, "plain": plain, "schedules": schedules,
                "aligned": np.asarray(self._minute_aligned, dtype=bool), "validity": validity,
                "closures": closures}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(0)  # type: ignore[misc]
        self.sched = state["sched"]
        self._bitmaps, self._plain = state["bitmaps"], state["plain"]
        self.schedules = state["schedules"]
        self._minute_aligned = state["aligned"]
        self._validity, self._closures = state["validity"], state["closures"]
        self._ids = self._bits = self._plain_list = None
        self._validity_list = self._closure_list = None

    def _thaw(self) -> tuple[dict[Horaires, int], list[Horaires], list[np.ndarray], list[bool]]:
        """The growable lists, made from the image's arrays on the first schedule added after
        a load (a publication): decodes every schedule, once."""
        if self._ids is None or self._bits is None or self._plain_list is None:
            schedules = list(self.schedules)
            self.schedules = schedules
            self._ids = {h: i for i, h in enumerate(schedules)}
            self._minute_aligned = [bool(b) for b in self._minute_aligned]
            self._bits = list(self._bitmaps)
            self._plain_list = [bool(b) for b in self._plain]
            self._validity_list = [(int(a), int(b)) for a, b in self._validity.tolist()]
            self._closure_list = [(int(s), int(a), int(b)) for s, a, b in self._closures.tolist()]
        assert isinstance(self.schedules, list)
        return self._ids, self.schedules, self._bits, self._plain_list

    def grow(self, n: int) -> None:
        extra = n - len(self.sched)
        if extra > 0:
            self.sched = np.concatenate([self.sched, np.zeros(extra, dtype=np.int32)])

    def schedule_id(self, h: Horaires) -> int:
        ids, schedules, bits_of, plain_of = self._thaw()
        sid = ids.get(h)
        if sid is None:
            sid = ids[h] = len(schedules)
            schedules.append(h)
            assert isinstance(self._minute_aligned, list)
            self._minute_aligned.append(all(
                p.debut.second == 0 == p.fin.second and not p.debut.microsecond
                and not p.fin.microsecond for p in h.plages))
            bits = weekly_bitmap(h)
            bits_of.append(bits if bits is not None else np.zeros(WEEK_SLOTS, dtype=bool))
            plain_of.append(bits is not None)
            validity, closures = dates(sid, h)
            assert self._validity_list is not None and self._closure_list is not None
            self._validity_list.append(validity)
            self._closure_list.extend(closures)
        return sid

    def _tables(self) -> tuple[np.ndarray, np.ndarray]:
        """(bitmaps [schedule, slot], plain [schedule]) stacked again after new schedules."""
        if self._bits is not None and len(self._plain) != len(self._bits):
            self._bitmaps = np.stack(self._bits) if self._bits else self._bitmaps
            self._plain = np.asarray(self._plain_list, dtype=bool)
        return self._bitmaps, self._plain

    def _dates(self) -> tuple[np.ndarray, np.ndarray]:
        """(validity [schedule, (first, last)], closures [k, (schedule, first, reopening)])
        stacked again after new schedules."""
        if self._validity_list is not None and len(self._validity) != len(self._validity_list):
            assert self._closure_list is not None
            self._validity = np.asarray(self._validity_list, dtype=np.int32).reshape(-1, 2)
            self._closures = np.asarray(self._closure_list, dtype=np.int32).reshape(-1, 3)
        return self._validity, self._closures

    def _valid_on(self, day: date) -> tuple[np.ndarray, np.ndarray]:
        """Per schedule, whether its dates let it open on `day` (`horaires._in_validity`), and
        on `day` and the day before (a range of the day before may run past midnight): two
        columns made from the date arrays once per day, then read by row."""
        validity, _ = self._dates()
        hit = self._valid_days.get(day)
        if hit is None or len(hit[0]) != len(validity):
            cols = [self._dates_permettent(d) for d in (day.toordinal(), day.toordinal() - 1)]
            hit = self._valid_days[day] = (cols[0], cols[0] & cols[1])
            if len(self._valid_days) > VALID_DAYS:
                self._valid_days.popitem(last=False)
        return hit

    def _dates_permettent(self, d: int) -> np.ndarray:
        """Per schedule, whether its dates (validity, closures) let it open on day ordinal `d`
        (`horaires._in_validity`)."""
        validity, closures = self._dates()
        ok: np.ndarray = (validity[:, 0] <= d) & (d <= validity[:, 1])
        ok[closures[(closures[:, 1] <= d) & (d < closures[:, 2]), 0]] = False
        return ok

    def set(self, row: int, h: Horaires) -> None:
        self.sched[row] = self.schedule_id(h)

    def _is_open(self, sid: int, instant: datetime) -> bool:
        """`horaires.is_open`, kept per schedule and day: on a given day its answer only changes
        at the times its ranges start or end (every test it makes on the time of day compares it
        with one of them), so the answer at `instant` is the one at the last such time before it,
        asked once per day — a new minute costs a search in a few times, not `is_open`."""
        local = instant.astimezone(PARIS) if instant.tzinfo else instant.replace(tzinfo=PARIS)
        day = local.date()
        table = self._open_days.get((sid, day))
        if table is None:
            h = self.schedules[sid]
            bounds = sorted({time(0), *(p.debut for p in h.plages), *(p.fin for p in h.plages)})
            table = self._open_days[(sid, day)] = (bounds, [None] * len(bounds))
            if len(self._open_days) > OPEN_DAYS:
                self._open_days.popitem(last=False)
        bounds, verdicts = table
        i = bisect.bisect_right(bounds, local.time()) - 1
        ok = verdicts[i]
        if ok is None:
            ok = verdicts[i] = is_open(self.schedules[sid],
                                       datetime.combine(day, bounds[i], tzinfo=PARIS))
        return ok

    def open_mask(self, rows: np.ndarray, instant: datetime, deadline: float | None = None,
                  clock: Callable[[], float] | None = None) -> tuple[np.ndarray, bool]:
        """Which rows are open at `instant`; (mask, complete). When a deadline (clock value) passes,
        the rows not yet checked are reported closed and complete is False."""
        sids = self.sched[rows]
        local = instant.astimezone(PARIS) if instant.tzinfo else instant.replace(tzinfo=PARIS)
        day = local.date()
        if not is_public_holiday(day) and not is_public_holiday(day - timedelta(days=1)):
            slot = local.weekday() * SLOTS_PER_DAY + _minutes(local) // SLOT_MIN
            verdict, ask = self._at_slot(day, slot)
            out = verdict[sids]
            rest = ask[sids]
            if not rest.any():
                return out, True
            sub, complete = self._slow(sids[rest], instant, deadline, clock)
            out[rest] = sub
            return out, complete
        return self._slow(sids, instant, deadline, clock)

    def _at_slot(self, day: date, slot: int) -> tuple[np.ndarray, np.ndarray]:
        """Per schedule, at a quarter hour of an ordinary day: open by its bitmap (a plain
        schedule its dates let open that day and the day before), and whether it is left to ask
        `is_open` (not plain, or its dates changed overnight; one its dates close today is
        closed). Worked out once per quarter hour for every schedule (µs), so a search reads two
        small columns by its rows' schedules instead of the 672-slot bitmap of each row."""
        hit = self._slots.get((day, slot))
        bitmaps, plain_of = self._tables()
        if hit is None or len(hit[0]) != len(plain_of):
            today, both = self._valid_on(day)
            plain = plain_of & both
            hit = self._slots[(day, slot)] = (bitmaps[:, slot] & plain, ~plain & today)
            if len(self._slots) > VALID_DAYS:
                self._slots.popitem(last=False)
        return hit

    def _slow(self, sids: np.ndarray, instant: datetime, deadline: float | None,
              clock: Callable[[], float] | None) -> tuple[np.ndarray, bool]:
        """The rows whose schedules the bitmaps do not answer: each minute keeps one verdict per
        schedule (−1: not asked yet), so a row costs a gather and only schedules not yet seen at
        that minute are asked (`horaires.is_open`, once each)."""
        minute = instant.replace(second=0, microsecond=0)
        n = len(self.schedules)
        known = self._verdicts.get(minute)
        if known is None or len(known) < n:
            grown = np.full(n, -1, dtype=np.int8)
            if known is not None:
                grown[: len(known)] = known
            known = self._verdicts[minute] = grown
            if len(self._verdicts) > 64:
                self._verdicts.popitem(last=False)
        if len(self._aligned) != n:
            self._aligned = np.asarray(self._minute_aligned, dtype=bool)
        vals = known[sids]
        todo = (vals < 0) | ~self._aligned[sids]
        out = vals == 1
        complete = True
        if todo.any():
            uniq = np.unique(sids[todo])
            verdict = np.zeros(len(uniq), dtype=bool)
            for i, sid in enumerate(uniq.tolist()):
                if deadline is not None and clock is not None and i % 64 == 63 and clock() > deadline:
                    complete = False
                    break
                verdict[i] = ok = self._is_open(sid, instant)
                if self._minute_aligned[sid]:  # the same answer all that minute
                    known[sid] = ok
            out[todo] = verdict[np.searchsorted(uniq, sids[todo])]
        return out, complete

    def wait_minutes(self, rows: np.ndarray, instant: datetime, horizon: timedelta) -> np.ndarray:
        """Minutes until each row opens (0 if open, NaN if not within the horizon)."""
        sids = self.sched[rows]
        # one slot per schedule, not `np.unique(return_inverse=True)`: numpy 2's hashing unique
        # cost ~0.3 ms on 3,000 rows; the schedules are a few thousand, a flag per one is µs
        seen = np.zeros(len(self.schedules), dtype=bool)
        seen[sids] = True
        wait = np.full(len(seen), np.nan)
        uniq = np.flatnonzero(seen)
        for sid, nxt in zip(uniq.tolist(), self.next_openings(uniq, instant, horizon), strict=True):
            if nxt is not None:
                wait[sid] = max(0.0, (nxt - instant).total_seconds() / 60.0)
        return np.asarray(wait[sids])

    def next_openings(self, sids: np.ndarray, instant: datetime, horizon: timedelta
                      ) -> list[datetime | None]:
        """`next_opening` of each schedule of `sids`. Those the weekly bitmaps answer over the
        whole horizon (`_quiet`) are read from their bitmaps at once: a closed one opens at the
        first quarter hour after `instant` its bitmap opens (its ranges start on quarter hours,
        and an opening starts at a range start or a midnight — the instants `next_opening`
        tries), if within the horizon and the days `next_opening` tries. Kept as
        `next_opening` keeps its answers, so the page reads them back."""
        local = instant.astimezone(PARIS) if instant.tzinfo else instant.replace(tzinfo=PARIS)
        day = local.date()
        days = int(horizon / timedelta(days=1)) + 1
        quiet = self._quiet(day, days)[sids]
        out: list[datetime | None] = [None] * len(sids)
        if quiet.any():
            fast = np.flatnonzero(quiet)
            bitmaps, _ = self._tables()
            bits = bitmaps[sids[fast]]
            start = _minutes(local) // SLOT_MIN  # the slot of `instant`, counted from `day`
            # the last slot whose start is within the horizon, on a day `next_opening` tries
            last = min(days * SLOTS_PER_DAY - 1,
                       (local - datetime.combine(day, time(0), tzinfo=PARIS) + horizon)
                       // timedelta(minutes=SLOT_MIN))
            week = local.weekday() * SLOTS_PER_DAY
            slots = (week + np.arange(start, max(start, last) + 1)) % WEEK_SLOTS
            grid = bits[:, slots]  # [schedule, slot from `instant`'s on]
            after = grid[:, 1:]
            opens = after.any(axis=1)
            first = start + 1 + (after.argmax(axis=1) if after.shape[1] else np.zeros(len(fast), int))
            # plain values, read once: a numpy scalar read per schedule costs ~0.1 µs each
            fast_l: list[int] = fast.tolist()
            for j, now_open, later, slot in zip(fast_l, grid[:, 0].tolist(), opens.tolist(),
                                                first.tolist(), strict=True):
                if now_open:
                    out[j] = local
                elif later:
                    minutes = slot % SLOTS_PER_DAY * SLOT_MIN
                    out[j] = datetime.combine(day + timedelta(days=slot // SLOTS_PER_DAY),
                                              time(minutes // 60, minutes % 60), tzinfo=PARIS)
            for j, sid in zip(fast_l, sids[fast].tolist(), strict=True):
                self._remember((sid, instant, horizon), out[j])
        rest = np.flatnonzero(~quiet)
        if len(rest):
            # a schedule its dates close on every day tried (shut for works, valid from a later
            # day: what a fallback relaxing the opening scores, ~80 % of the rest on the SAMU
            # mix) opens at none of the instants tried: None, without asking its ranges
            shut = self._shut(day, days)[sids[rest]]
            for j, sid, ferme in zip(rest.tolist(), sids[rest].tolist(), shut.tolist(),
                                     strict=True):
                if ferme:
                    self._remember((sid, instant, horizon), None)
                else:
                    out[j] = self.next_opening(sid, instant, horizon)
        return out

    def _shut(self, day: date, days: int) -> np.ndarray:
        """Per schedule, whether its dates keep it closed on each of the `days` days from `day`
        on: `horaires.is_open` asks the dates of an instant's day first, so such a schedule is
        closed at every instant `next_opening` tries (those days' midnights and range starts)."""
        key = (day, days)
        validity, _ = self._dates()
        hit = self._shut_days.get(key)
        if hit is None or len(hit) != len(validity):
            hit = np.ones(len(validity), dtype=bool)
            for d in range(day.toordinal(), day.toordinal() + days):
                hit &= ~self._dates_permettent(d)
            self._shut_days[key] = hit
            if len(self._shut_days) > VALID_DAYS:
                self._shut_days.popitem(last=False)
        return hit

    def _quiet(self, day: date, days: int) -> np.ndarray:
        """Per schedule, whether its bitmap alone says when it is open on the `days` days from
        `day` on: plain, its dates letting it open on each of them and on the day before, none
        of which is a public holiday (what `open_mask` asks of one day, over the horizon)."""
        key = (day, days)
        _, plain = self._tables()
        hit = self._quiet_days.get(key)
        if hit is None or len(hit) != len(plain):
            first, last = day.toordinal() - 1, day.toordinal() + days - 1
            if any(is_public_holiday(date.fromordinal(d)) for d in range(first, last + 1)):
                hit = np.zeros(len(plain), dtype=bool)
            else:
                validity, closures = self._dates()
                hit = plain & (validity[:, 0] <= first) & (last <= validity[:, 1])
                hit[closures[(closures[:, 1] <= last) & (first < closures[:, 2]), 0]] = False
            self._quiet_days[key] = hit
            if len(self._quiet_days) > VALID_DAYS:
                self._quiet_days.popitem(last=False)
        return hit

    def _remember(self, exact: tuple[int, datetime, timedelta], found: datetime | None) -> None:
        self._next_seen[exact] = found
        if len(self._next_seen) > NEXT_SEEN:
            self._next_seen.popitem(last=False)

    def next_opening(self, sid: int, instant: datetime, horizon: timedelta) -> datetime | None:
        """`horaires.next_opening`, with what it reads kept per schedule and day: the instants it
        tries (midnights and range starts of the days within the horizon, sorted) depend on the
        day only, and whether the unit is open at each of them on nothing else, so a query a few
        seconds after another (a new instant each time) reads them back instead of asking
        `is_open` again at each; the first one after `instant` within the horizon that is open."""
        exact = (sid, instant, horizon)  # the same query asks again (its score, then its page)
        if exact in self._next_seen:
            return self._next_seen[exact]
        found = self._next_opening(sid, instant, horizon)
        self._remember(exact, found)
        return found

    def _next_opening(self, sid: int, instant: datetime, horizon: timedelta) -> datetime | None:
        local = instant.astimezone(PARIS) if instant.tzinfo else instant.replace(tzinfo=PARIS)
        if self._is_open(sid, local):
            return local
        days = int(horizon / timedelta(days=1)) + 1
        key = (sid, local.date(), days)
        tried = self._next_cache.get(key)
        h = self.schedules[sid]
        if tried is None:
            found: set[datetime] = set()
            for offset in range(days):
                day = local.date() + timedelta(days=offset)
                found.add(datetime.combine(day, time(0), tzinfo=PARIS))
                found.update(datetime.combine(day, p.debut, tzinfo=PARIS) for p in h.plages)
            ordered = sorted(found)
            tried = self._next_cache[key] = (ordered, [None] * len(ordered))
            if len(self._next_cache) > NEXT_CACHE:
                self._next_cache.popitem(last=False)
        instants, verdicts = tried
        for i in range(bisect.bisect_right(instants, local), len(instants)):
            c = instants[i]
            if c - local > horizon:
                return None
            ok = verdicts[i]
            if ok is None:
                ok = verdicts[i] = is_open(h, c)
            if ok:
                return c
        return None
