"""Weekly opening schedules of a unit (horaires) and whether it is open at an instant.

A regulator's first question is "can they take the patient now?": this module owns that answer,
including 24/7 units, ranges across midnight, effective dates, public holidays and closures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
HOLIDAY = 7  # pseudo day index for "jours fériés" ranges


TYPE_FERMETURE = "08"  # TRE_R252 "Horaire de fermeture": a range when the unit is closed


@dataclass(frozen=True, slots=True)
class Plage:
    """One opening range on a day. `fin <= debut` means the range runs past midnight into the next day."""

    jour: int  # 0 = lundi ... 6 = dimanche, 7 = jours fériés
    debut: time
    fin: time
    type_horaire: str | None = None  # TRE_R252 (ouverture, garde, consultation sur RDV...)

    @property
    def crosses_midnight(self) -> bool:
        return self.fin <= self.debut


@dataclass(frozen=True, slots=True)
class Fermeture:
    """A closure: definitive (no reopening) or temporary with a planned reopening date."""

    debut: date
    reouverture_prevue: date | None = None
    definitive: bool = False
    motif: str | None = None

    def covers(self, day: date) -> bool:
        if day < self.debut:
            return False
        if self.definitive or self.reouverture_prevue is None:
            return True
        return day < self.reouverture_prevue


@dataclass(frozen=True, slots=True)
class Horaires:
    """A unit's schedule. `permanent` is 24/7; `plages` otherwise; holidays use day 7 ranges if any,
    else are closed when `ferme_jours_feries`, else follow the ordinary weekday."""

    permanent: bool = False
    plages: tuple[Plage, ...] = ()
    ferme_jours_feries: bool = False
    debut_validite: date | None = None
    fin_validite: date | None = None
    fermetures: tuple[Fermeture, ...] = field(default=())

    def is_empty(self) -> bool:
        return not self.permanent and not self.plages


# Years whose holidays were computed elsewhere (an offer image carries them: importing the holidays
# package reads ~360 country modules, ~0.3 s of a worker's start); other years are computed here.
_KNOWN: dict[int, frozenset[date]] = {}


def french_holidays(years: range) -> dict[int, frozenset[date]]:
    """The French public holidays of `years`, by year (what `know_holidays` takes back)."""
    return {y: _french_holidays(y) for y in years}


def know_holidays(table: dict[int, frozenset[date]]) -> None:
    """Take the holidays of some years as computed by `french_holidays` in another process."""
    _KNOWN.update(table)


@lru_cache(maxsize=64)
def _french_holidays(year: int) -> frozenset[date]:
    known = _KNOWN.get(year)
    if known is not None:
        return known
    import holidays

    return frozenset(holidays.country_holidays("FR", years=year).keys())


def is_public_holiday(day: date) -> bool:
    return day in _french_holidays(day.year)


def _to_paris(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        return instant.replace(tzinfo=PARIS)
    return instant.astimezone(PARIS)


def _day_kind(day: date, horaires: Horaires) -> int | None:
    """The ranges that apply to `day`: its weekday, HOLIDAY, or None when closed for the holiday."""
    if is_public_holiday(day):
        if any(p.jour == HOLIDAY for p in horaires.plages):
            return HOLIDAY
        if horaires.ferme_jours_feries:
            return None
    return day.weekday()


def _in_validity(horaires: Horaires, day: date) -> bool:
    if horaires.debut_validite and day < horaires.debut_validite:
        return False
    if horaires.fin_validite and day > horaires.fin_validite:
        return False
    return not any(f.covers(day) for f in horaires.fermetures)


def is_open(horaires: Horaires, instant: datetime) -> bool:
    """True when the unit receives patients at `instant` (naive instants are Paris local time)."""
    local = _to_paris(instant)
    today = local.date()
    if not _in_validity(horaires, today):
        return False
    if horaires.permanent:
        return True
    now = local.time().replace(tzinfo=None)
    kind = _day_kind(today, horaires)
    plages = [p for p in horaires.plages if p.type_horaire != TYPE_FERMETURE]
    if kind is not None:
        for p in plages:
            if p.jour != kind:
                continue
            if p.crosses_midnight:
                if now >= p.debut:
                    return True
            elif p.debut <= now < p.fin:
                return True
    # a range of yesterday running past midnight
    yesterday = today - timedelta(days=1)
    if not _in_validity(horaires, yesterday):
        return False
    kind_y = _day_kind(yesterday, horaires)
    if kind_y is None:
        return False
    return any(p.jour == kind_y and p.crosses_midnight and now < p.fin for p in plages)


def next_opening(horaires: Horaires, instant: datetime, horizon: timedelta = timedelta(days=8),
                 step: timedelta = timedelta(minutes=15)) -> datetime | None:
    """The first instant within `horizon` at which the unit is open (None if never): "opening soon"."""
    local = _to_paris(instant)
    if is_open(horaires, local):
        return local
    # candidate instants are range starts and midnights; check them in order
    candidates: list[datetime] = []
    for offset in range(int(horizon / timedelta(days=1)) + 1):
        day = local.date() + timedelta(days=offset)
        midnight = datetime.combine(day, time(0), tzinfo=PARIS)
        candidates.append(midnight)
        for p in horaires.plages:
            candidates.append(datetime.combine(day, p.debut, tzinfo=PARIS))
    for c in sorted(set(candidates)):
        if c > local and c - local <= horizon and is_open(horaires, c):
            return c
    return None
