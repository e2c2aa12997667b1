"""The service window the wall screen's clock is set against: when the desk opens and closes
on the day shown, the days it stays closed after it, and the next opening. All of it follows
from the showing day alone (``showing_day``), so a snapshot keyed by its day stays true: the
browser compares these times with its own clock, second by second."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dashboard.office.service_hours import (
    OfficeHours,
    next_working_day,
    public_holiday_name,
)

WEEKEND = "weekend"
HOLIDAY = "holiday"


def _moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone)


def closed_day(day: date) -> dict[str, Any]:
    """A non-working day: a weekend, or a holiday / *cuti bersama* with its name."""
    name = public_holiday_name(day)
    if name is not None:
        return {"date": day.isoformat(), "kind": HOLIDAY, "name": name}
    return {"date": day.isoformat(), "kind": WEEKEND, "name": None}


def service_window(day: date, office: OfficeHours) -> dict[str, Any]:
    """The window of the showing ``day`` (a working day) as moments (aware, office zone) and
    days: ``opens_at`` / ``closes_at`` that day, ``closed_days`` between it and the next
    working day, ``next_opens_at`` then, and the zone's UTC offset in minutes (Indonesian
    zones have fixed offsets: the browser needs no time-zone data)."""
    zone = ZoneInfo(office.timezone)
    following = next_working_day(day)
    offset = _moment(day, office.service_start, zone).utcoffset() or timedelta(0)
    return {
        "utc_offset_minutes": int(offset.total_seconds() // 60),
        "opens_at": _moment(day, office.service_start, zone),
        "closes_at": _moment(day, office.service_end, zone),
        "next_opens_at": _moment(following, office.service_start, zone),
        "closed_days": [
            closed_day(day + timedelta(days=offset_days))
            for offset_days in range(1, (following - day).days)
        ],
    }
