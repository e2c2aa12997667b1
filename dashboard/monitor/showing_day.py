"""Which day the wall screen shows: today from the office's opening time on a working day;
before opening, and on weekends and holidays, the last working day's summary."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from dashboard.clock import to_local
from dashboard.office.service_hours import OfficeHours, is_working_day, previous_working_day


def showing_day(now: datetime, office: OfficeHours) -> date:
    """The office-local day the screen shows at ``now`` (pure: the clock and the calendar)."""
    local = to_local(now, ZoneInfo(office.timezone))
    today = local.date()
    if is_working_day(today) and local.time().replace(tzinfo=None) >= office.service_start:
        return today
    return previous_working_day(today)
