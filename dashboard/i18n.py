"""Indonesian formats for what the UI shows: numbers 1.234.567,89, dates 26 Nov 2026,
times in WIB."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

from dashboard.clock import WIB, to_local

LOCALE = "id_ID"


def format_number(value: int | float | Decimal, decimals: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def format_rupiah(amount: int) -> str:
    return f"Rp {format_number(amount)}"


def format_day(day: date) -> str:
    """26 Nov 2026"""
    return babel_format_date(day, format="d MMM y", locale=LOCALE)


def format_long_day(day: date) -> str:
    """Kamis, 26 November 2026"""
    return babel_format_date(day, format="EEEE, d MMMM y", locale=LOCALE)


def format_place_date(place: str, day: date) -> str:
    """Above a signature, without the weekday: 'Muara Enim, 26 November 2026'."""
    return f"{place}, {babel_format_date(day, format='d MMMM y', locale=LOCALE)}"


def format_clock(moment: datetime | None) -> str:
    """The WIB wall-clock time of a stored UTC moment: 09:15."""
    if moment is None:
        return "—"
    return to_local(moment, WIB).strftime("%H:%M")


def format_moment(moment: datetime | None) -> str:
    """26 Nov 2026 09:15 WIB"""
    if moment is None:
        return "—"
    local = to_local(moment, WIB)
    return f"{format_day(local.date())} {local:%H:%M} WIB"


def format_duration(minutes: float | None) -> str:
    """A step's duration as an officer reads it: '4 mnt 05 dtk', '1 jam 02 mnt'."""
    if minutes is None:
        return "—"
    total_seconds = max(0, round(minutes * 60))
    hours, rest = divmod(total_seconds, 3600)
    whole_minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} jam {whole_minutes:02d} mnt"
    return f"{whole_minutes} mnt {seconds:02d} dtk"


def format_celsius(value: Decimal | float | None) -> str:
    return "—" if value is None else f"{format_number(value, 1)} °C"
