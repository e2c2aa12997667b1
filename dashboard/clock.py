"""Time: stored in UTC, shown in the office's time zone (WIB, Asia/Jakarta)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")

Clock = Callable[[], datetime]


def _system_now() -> datetime:
    """The machine's own clock, in UTC."""
    return datetime.now(UTC)


_clock: Clock = _system_now


def utc_now() -> datetime:
    """Now, by the app's clock: the machine's, unless a test has set another (``set_clock``)."""
    return _clock()


def set_clock(clock: Clock) -> Clock:
    """Make ``utc_now`` read ``clock`` (for tests: the wall screen's day depends on the hour);
    returns the clock it replaces, to put back. Every ``utc_now`` of the process reads it,
    the app's served in a thread included."""
    global _clock
    previous, _clock = _clock, clock
    return previous


def to_local(moment: datetime, zone: ZoneInfo = WIB) -> datetime:
    return moment.astimezone(zone)


def local_date(moment: datetime, zone: ZoneInfo = WIB) -> date:
    """The office-local calendar day of a moment (the 'visit day' of an arrival)."""
    return to_local(moment, zone).date()


def minutes_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 60
