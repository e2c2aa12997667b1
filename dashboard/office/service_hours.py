"""Working days and service hours (08:30-15:30 on working days): arrivals outside are
flagged, never refused.

Non-working days are weekends, Indonesian public holidays and the government's collective
leave days (*cuti bersama*), on which government offices such as BPS are closed.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

import holidays

from dashboard.clock import WIB, to_local

SERVICE_START = time(8, 30)
SERVICE_END = time(15, 30)


class OfficeHours(Protocol):
    timezone: str
    service_start: time
    service_end: time


@lru_cache(maxsize=64)
def _indonesian_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(
        "ID", years=year, language="id", categories=("public", "government")
    )


def public_holiday_name(day: date) -> str | None:
    """The Indonesian name of the holiday or collective leave day, or None."""
    return _indonesian_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and public_holiday_name(day) is None


def previous_working_day(day: date) -> date:
    """The last working day before ``day``."""
    earlier = day - timedelta(days=1)
    while not is_working_day(earlier):
        earlier -= timedelta(days=1)
    return earlier


def next_working_day(day: date) -> date:
    """The first working day after ``day``."""
    later = day + timedelta(days=1)
    while not is_working_day(later):
        later += timedelta(days=1)
    return later


def is_outside_service_hours(
    moment: datetime,
    zone: ZoneInfo = WIB,
    start: time = SERVICE_START,
    end: time = SERVICE_END,
) -> bool:
    local = to_local(moment, zone)
    if not is_working_day(local.date()):
        return True
    return not (start <= local.time().replace(tzinfo=None) <= end)


def office_flags_outside_hours(office: OfficeHours, moment: datetime) -> bool:
    """The flag for an arrival at ``moment``, by the office's own time zone and hours."""
    return is_outside_service_hours(
        moment, ZoneInfo(office.timezone), office.service_start, office.service_end
    )
