"""Time in WIB and the Indonesian formats the UI shows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from dashboard.clock import WIB, local_date, minutes_between, to_local
from dashboard.i18n import (
    format_celsius,
    format_clock,
    format_day,
    format_duration,
    format_long_day,
    format_moment,
    format_number,
    format_rupiah,
)

LATE_UTC = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # = 26 Nov 2026 01:00 WIB


# -- clock ----------------------------------------------------------------------------------


def test_wib_is_utc_plus_7() -> None:
    assert to_local(LATE_UTC).utcoffset() == timedelta(hours=7)
    assert str(WIB) == "Asia/Jakarta"


def test_utc_evening_is_next_day_in_wib() -> None:
    local = to_local(LATE_UTC)
    assert (local.date(), local.hour, local.minute) == (date(2026, 11, 26), 1, 0)
    assert local_date(LATE_UTC) == date(2026, 11, 26)


def test_last_utc_moment_of_wib_day() -> None:
    assert local_date(datetime(2026, 11, 26, 16, 59, tzinfo=UTC)) == date(2026, 11, 26)
    assert local_date(datetime(2026, 11, 26, 17, 0, tzinfo=UTC)) == date(2026, 11, 27)


def test_minutes_between() -> None:
    start = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    assert minutes_between(start, start + timedelta(minutes=4, seconds=30)) == 4.5
    assert minutes_between(start, start) == 0


# -- numbers --------------------------------------------------------------------------------


def test_number_uses_dot_thousands_and_comma_decimals() -> None:
    assert format_number(1234567.89, 2) == "1.234.567,89"
    assert format_number(Decimal("1234567.89"), 2) == "1.234.567,89"
    assert format_number(1234567) == "1.234.567"
    assert format_number(0) == "0"
    assert format_number(-1234) == "-1.234"
    assert format_number(12.5, 1) == "12,5"
    assert format_number(3, 2) == "3,00"


def test_rupiah() -> None:
    assert format_rupiah(150000) == "Rp 150.000"
    assert format_rupiah(0) == "Rp 0"


def test_celsius() -> None:
    assert format_celsius(Decimal("36.6")) == "36,6 °C"
    assert format_celsius(37) == "37,0 °C"
    assert format_celsius(None) == "—"


# -- dates and times ------------------------------------------------------------------------


def test_day_formats() -> None:
    assert format_day(date(2026, 11, 26)) == "26 Nov 2026"
    assert format_day(date(2026, 8, 17)) == "17 Agu 2026"
    assert format_day(date(2026, 5, 1)) == "1 Mei 2026"
    assert format_long_day(date(2026, 11, 26)) == "Kamis, 26 November 2026"


def test_clock_and_moment_are_wib() -> None:
    assert format_clock(LATE_UTC) == "01:00"
    assert format_moment(LATE_UTC) == "26 Nov 2026 01:00 WIB"
    assert format_clock(datetime(2026, 11, 26, 2, 15, tzinfo=UTC)) == "09:15"


def test_missing_moments_show_a_dash() -> None:
    assert format_clock(None) == "—"
    assert format_moment(None) == "—"


# -- durations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 mnt 00 dtk"),
        (0.5, "0 mnt 30 dtk"),
        (4 + 5 / 60, "4 mnt 05 dtk"),
        (59 + 59 / 60, "59 mnt 59 dtk"),
        (60, "1 jam 00 mnt"),
        (62, "1 jam 02 mnt"),
        (125.5, "2 jam 05 mnt"),
    ],
)
def test_format_duration(minutes: float, text: str) -> None:
    assert format_duration(minutes) == text


def test_duration_of_an_open_step_is_a_dash() -> None:
    assert format_duration(None) == "—"


def test_negative_duration_is_shown_as_zero() -> None:
    assert format_duration(-3) == "0 mnt 00 dtk"
