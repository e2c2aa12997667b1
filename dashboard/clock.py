"""Time: stored in UTC, shown in the office's time zone (WIB, Asia/Jakarta)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_local(moment: datetime, zone: ZoneInfo = WIB) -> datetime:
    return moment.astimezone(zone)


def local_date(moment: datetime, zone: ZoneInfo = WIB) -> date:
    """The office-local calendar day of a moment (the 'visit day' of an arrival)."""
    return to_local(moment, zone).date()


def minutes_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 60
