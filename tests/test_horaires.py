"""Opening at an instant: 24/7, ranges across midnight, public holidays, closures."""

from __future__ import annotations

from datetime import date, datetime, time

from ror_orientation.horaires import PARIS, Fermeture, Horaires, Plage, is_open, next_opening

from .factories import WEEKDAYS_8_18


def at(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=PARIS)


def test_permanent_unit_is_open_at_any_hour() -> None:
    assert is_open(Horaires(permanent=True), at(2026, 11, 29, 3, 10))


def test_weekday_range_is_closed_at_night_and_on_sunday() -> None:
    assert is_open(WEEKDAYS_8_18, at(2026, 11, 26, 14))  # Thursday
    assert not is_open(WEEKDAYS_8_18, at(2026, 11, 26, 2))
    assert not is_open(WEEKDAYS_8_18, at(2026, 11, 29, 14))  # Sunday
    assert not is_open(WEEKDAYS_8_18, at(2026, 11, 26, 18))  # end is exclusive


def test_range_across_midnight_covers_the_early_hours_of_the_next_day() -> None:
    night = Horaires(plages=(Plage(4, time(22), time(6)),))  # Friday 22:00 → Saturday 06:00
    assert is_open(night, at(2026, 11, 27, 23))
    assert is_open(night, at(2026, 11, 28, 5, 59))
    assert not is_open(night, at(2026, 11, 28, 6))
    assert not is_open(night, at(2026, 11, 27, 21))


def test_unit_closed_on_public_holidays_is_closed_on_christmas() -> None:
    h = Horaires(plages=tuple(Plage(d, time(8), time(18)) for d in range(7)), ferme_jours_feries=True)
    assert not is_open(h, at(2026, 12, 25, 10))
    assert is_open(h, at(2026, 12, 24, 10))


def test_temporary_closure_ends_at_planned_reopening() -> None:
    h = Horaires(permanent=True, fermetures=(Fermeture(date(2026, 12, 1), date(2026, 12, 10)),))
    assert not is_open(h, at(2026, 12, 5, 12))
    assert is_open(h, at(2026, 12, 10, 0, 1))


def test_next_opening_of_weekday_unit_on_friday_night_is_monday_8am() -> None:
    assert next_opening(WEEKDAYS_8_18, at(2026, 11, 27, 20)) == at(2026, 11, 30, 8)
