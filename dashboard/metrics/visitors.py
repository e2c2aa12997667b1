"""Visitors (DESIGN.md, "Visit day", "Daily visitors", "Usual for this weekday"): counts per
visit day and per grain, arrivals by hour and by weekday × hour, and the usual for a weekday.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dashboard.metrics.period import Grain, Period, add_up, buckets, share
from db.queries.metrics import HourRow, VisitorDayRow, WeekdayHourRow

HOURS = 24
WEEKDAYS = 7
USUAL_WEEKS = 8
"""The usual for a weekday is the mean over this many earlier working days of that weekday."""
USUAL_LOOKBACK_WEEKS = 104
"""How far back to look for them (two years: holidays never leave fewer in reach)."""


@dataclass(frozen=True)
class VisitorCount:
    """Visitors of a span of visit days (one day or a bucket): "admitted visits that arrived
    that day (imported past visits included)"; ``refused`` at screening beside it, never
    inside; ``imported`` and ``returning`` (visitor seen on an earlier visit) among the
    visitors; ``outside_hours``: visitors flagged outside service hours."""

    period: Period
    visitors: int
    refused: int
    imported: int
    returning: int
    outside_hours: int

    @property
    def new(self) -> int:
        """Visitors not seen on an earlier visit (first visits and visits with no guest-book
        entry yet)."""
        return self.visitors - self.returning


@dataclass(frozen=True)
class VisitorFigures:
    """The visitors of a period, in total and for each of its days (days without a visit
    count 0)."""

    total: VisitorCount
    by_day: tuple[VisitorCount, ...]

    def by(self, grain: Grain) -> tuple[VisitorCount, ...]:
        """The days added up into days, weeks or months of the period."""
        return tuple(
            add_up(VisitorCount, bucket, self.by_day)
            for bucket in buckets(self.total.period, grain)
        )

    @property
    def returning_share(self) -> float | None:
        """Returning visitors / visitors (``None`` without visitors)."""
        return share(self.total.returning, self.total.visitors)


def visitor_figures(period: Period, rows: Iterable[VisitorDayRow]) -> VisitorFigures:
    """From ``db.queries.metrics.visitors_by_day`` rows of the period."""
    found = {row.day: row for row in rows}
    by_day = tuple(
        VisitorCount(Period(day, day), *found[day][1:])
        if day in found
        else VisitorCount(Period(day, day), 0, 0, 0, 0, 0)
        for day in period.days()
    )
    return VisitorFigures(add_up(VisitorCount, period, by_day), by_day)


@dataclass(frozen=True)
class HourlyArrivals:
    """Arrivals by local hour of arrival: ``visitors[h]`` admitted and ``refused[h]`` refused
    visits that arrived in hour h (0-23) of their visit day."""

    visitors: tuple[int, ...]
    refused: tuple[int, ...]


def hourly_arrivals(rows: Iterable[HourRow]) -> HourlyArrivals:
    visitors, refused = [0] * HOURS, [0] * HOURS
    for row in rows:
        visitors[row.hour] += row.admitted
        refused[row.hour] += row.refused
    return HourlyArrivals(tuple(visitors), tuple(refused))


@dataclass(frozen=True)
class WeekdayHours:
    """Visitors by weekday of the visit day × local hour of arrival: ``cells[w][h]``, Monday
    (0) to Sunday (6) × 0-23 (the staffing heat map)."""

    cells: tuple[tuple[int, ...], ...]


def weekday_hours(rows: Iterable[WeekdayHourRow]) -> WeekdayHours:
    cells = [[0] * HOURS for _ in range(WEEKDAYS)]
    for row in rows:
        cells[row.weekday][row.hour] += row.admitted
    return WeekdayHours(tuple(tuple(hours) for hours in cells))


def usual_days(
    day: date,
    is_working_day: Callable[[date], bool],
    weeks: int = USUAL_WEEKS,
    lookback_weeks: int = USUAL_LOOKBACK_WEEKS,
) -> tuple[date, ...]:
    """The last ``weeks`` days before ``day`` of its weekday that were working days, newest
    first. ``is_working_day`` is the office calendar's rule
    (``dashboard.office.service_hours.is_working_day``: weekends, public holidays, *cuti
    bersama*), given by the caller because the calendar sits above the metrics."""
    found: list[date] = []
    for back in range(1, lookback_weeks + 1):
        earlier = day - timedelta(weeks=back)
        if is_working_day(earlier):
            found.append(earlier)
            if len(found) == weeks:
                break
    return tuple(found)


@dataclass(frozen=True)
class UsualWeekday:
    """The usual for a weekday: "the mean of the same weekday's visitors over the last 8 such
    weekdays that were working days" (``days``), overall and per local hour of arrival;
    ``None`` when no such day is in reach."""

    day: date
    days: tuple[date, ...]
    visitors: float | None
    by_hour: tuple[float, ...] | None


def usual_weekday(
    day: date,
    days: Sequence[date],
    visitor_rows: Iterable[VisitorDayRow],
    hour_rows: Iterable[HourRow],
) -> UsualWeekday:
    """From ``visitors_on_days`` and ``arrivals_by_hour_on_days`` over ``days``."""
    if not days:
        return UsualWeekday(day, (), None, None)
    chosen = set(days)
    total = sum(row.admitted for row in visitor_rows if row.day in chosen)
    hours = hourly_arrivals(hour_rows).visitors
    return UsualWeekday(
        day,
        tuple(days),
        total / len(days),
        tuple(count / len(days) for count in hours),
    )
