"""Service hours: 08:30-15:30 WIB on working days; arrivals outside are flagged."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from dashboard.office.service_hours import (
    SERVICE_END,
    SERVICE_START,
    is_outside_service_hours,
    is_working_day,
    public_holiday_name,
)
from tests.helpers.clock import at


def test_service_hours_are_the_sop_ones() -> None:
    assert time(8, 30) == SERVICE_START
    assert time(15, 30) == SERVICE_END


@pytest.mark.parametrize(
    ("wib", "outside"),
    [
        ("2026-11-26 08:29", True),
        ("2026-11-26 08:30", False),
        ("2026-11-26 12:00", False),
        ("2026-11-26 15:30", False),
        ("2026-11-26 15:31", True),
        ("2026-11-26 07:59", True),
        ("2026-11-26 00:00", True),
        ("2026-11-26 23:59", True),
    ],
)
def test_edges_are_inclusive_on_a_working_day(wib: str, outside: bool) -> None:
    assert is_outside_service_hours(at(wib)) is outside


def test_hours_are_judged_in_wib_not_utc() -> None:
    # 02:00 UTC is 09:00 WIB (inside); 09:00 UTC is 16:00 WIB (outside).
    assert is_outside_service_hours(datetime(2026, 11, 26, 2, 0, tzinfo=UTC)) is False
    assert is_outside_service_hours(datetime(2026, 11, 26, 9, 0, tzinfo=UTC)) is True
    # 25 Nov 2026 (Wed) 18:00 UTC is Thu 26 Nov 01:00 WIB: the WIB day counts.
    assert is_outside_service_hours(datetime(2026, 11, 25, 18, 0, tzinfo=UTC)) is True


def test_weekends_are_outside_all_day() -> None:
    assert is_working_day(date(2026, 11, 28)) is False  # Saturday
    assert is_working_day(date(2026, 11, 29)) is False  # Sunday
    assert is_outside_service_hours(at("2026-11-28 10:00")) is True
    assert is_outside_service_hours(at("2026-11-29 10:00")) is True


def test_weekdays_are_working_days() -> None:
    for day in range(23, 28):  # Mon 23 - Fri 27 Nov 2026
        assert is_working_day(date(2026, 11, day)) is True


def test_independence_day_is_a_holiday() -> None:
    independence = date(2026, 8, 17)  # a Monday
    assert independence.weekday() == 0
    assert public_holiday_name(independence) is not None
    assert is_working_day(independence) is False
    assert is_outside_service_hours(at("2026-08-17 10:00")) is True
    assert is_outside_service_hours(at("2026-08-18 10:00")) is False


def test_idul_fitri_2026() -> None:
    assert public_holiday_name(date(2026, 3, 21)) is not None
    assert is_working_day(date(2026, 3, 21)) is False


@pytest.mark.parametrize(
    "day",
    [date(2026, 1, 1), date(2026, 5, 1), date(2026, 6, 1), date(2026, 12, 25), date(2027, 8, 17)],
)
def test_other_national_holidays(day: date) -> None:
    assert public_holiday_name(day) is not None
    assert is_working_day(day) is False


def test_ordinary_day_has_no_holiday_name() -> None:
    assert public_holiday_name(date(2026, 11, 26)) is None
