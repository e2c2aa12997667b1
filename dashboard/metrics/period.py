"""Periods of office-local days, the presets of the trends page and the monitor (this month,
month to date, last month, this quarter, this year, last year, the last 12 months), the
comparison periods (the same period a year before, the previous period) and the grains a
period is drawn in (day, week, month)."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any, Literal, Protocol, TypeVar

from db.queries.metrics import MetricScope, metric_scope

Grain = Literal["day", "week", "month"]
GRAINS: tuple[Grain, ...] = ("day", "week", "month")


@dataclass(frozen=True, order=True)
class Period:
    """Office-local days ``first_day`` … ``last_day``, both included (never reversed)."""

    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(f"period ends ({self.last_day}) before it begins ({self.first_day})")

    @property
    def length(self) -> int:
        """How many days the period has."""
        return (self.last_day - self.first_day).days + 1

    def days(self) -> Iterator[date]:
        for offset in range(self.length):
            yield self.first_day + timedelta(days=offset)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first_day <= day <= self.last_day

    def scope(self, office_ids: Sequence[int] | None = None) -> MetricScope:
        """The query scope of the period over ``office_ids`` (``None``: every office)."""
        return metric_scope(self.first_day, self.last_day, office_ids)


def single_day(day: date) -> Period:
    return Period(day, day)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` later (earlier when negative), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def this_month(today: date) -> Period:
    """The whole calendar month of ``today``."""
    return Period(today.replace(day=1), _month_end(today.year, today.month))


def month_to_date(today: date) -> Period:
    """The month of ``today`` up to and including it (the monitor's "this month")."""
    return Period(today.replace(day=1), today)


def last_month(today: date) -> Period:
    return this_month(_add_months(today.replace(day=1), -1))


def this_quarter(today: date) -> Period:
    first_month = (today.month - 1) // 3 * 3 + 1
    return Period(date(today.year, first_month, 1), _month_end(today.year, first_month + 2))


def this_year(today: date) -> Period:
    return Period(date(today.year, 1, 1), date(today.year, 12, 31))


def last_year(today: date) -> Period:
    return this_year(date(today.year - 1, 1, 1))


def last_twelve_months(today: date) -> Period:
    """The twelve whole months up to and including the month of ``today``."""
    return Period(_add_months(today.replace(day=1), -11), _month_end(today.year, today.month))


def _whole_months(period: Period) -> int | None:
    """How many calendar months the period covers exactly (``None``: not whole months)."""
    first, last = period.first_day, period.last_day
    if first.day != 1 or last != _month_end(last.year, last.month):
        return None
    return (last.year - first.year) * 12 + last.month - first.month + 1


def same_period_a_year_before(period: Period) -> Period:
    """The same days one year earlier (29 February becomes 28 February; a period ending on
    the last day of a month ends on the last day of that month a year before)."""
    months = _whole_months(period)
    last = _add_months(period.last_day, -12)
    if months is not None:
        last = _month_end(last.year, last.month)
    return Period(_add_months(period.first_day, -12), last)


def previous_period(period: Period) -> Period:
    """The period just before: as many whole months before a period of whole months (the
    month before November is all of October), otherwise as many days."""
    months = _whole_months(period)
    if months is not None:
        first = _add_months(period.first_day, -months)
        before = period.first_day - timedelta(days=1)
        return Period(first, before)
    last = period.first_day - timedelta(days=1)
    return Period(last - timedelta(days=period.length - 1), last)


def bucket_start(day: date, grain: Grain) -> date:
    """The first day of the grain's bucket holding ``day`` (weeks begin on Monday)."""
    if grain == "day":
        return day
    if grain == "week":
        return day - timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown grain {grain!r}")


def buckets(period: Period, grain: Grain) -> tuple[Period, ...]:
    """The period cut into days, weeks (Monday to Sunday) or months, the first and last
    cut to the period."""
    if grain not in GRAINS:
        raise ValueError(f"unknown grain {grain!r}")
    cuts: list[Period] = []
    start = period.first_day
    while start <= period.last_day:
        if grain == "day":
            end = start
        elif grain == "week":
            end = bucket_start(start, "week") + timedelta(days=6)
        else:
            end = _month_end(start.year, start.month)
        cuts.append(Period(start, min(end, period.last_day)))
        start = cuts[-1].last_day + timedelta(days=1)
    return tuple(cuts)


def share(part: int, whole: int) -> float | None:
    """``part / whole``; ``None`` (not 0) when ``whole`` is 0: no base, no share."""
    return part / whole if whole else None


def change(now: int, before: int) -> float | None:
    """The relative change from ``before`` to ``now`` (0.25: up a quarter); ``None`` when
    ``before`` is 0: no base, no change."""
    return (now - before) / before if before else None


class _Counts(Protocol):
    period: Period


C = TypeVar("C", bound=_Counts)


def add_up(kind: type[C], period: Period, parts: Iterable[C]) -> C:
    """The ``parts`` (counts of ``kind``, a dataclass whose fields other than ``period`` are
    additive counts) that begin inside ``period``, added up field by field."""
    inside = [part for part in parts if part.period.first_day in period]
    names = [field.name for field in fields(kind) if field.name != "period"]  # type: ignore[arg-type]
    totals: dict[str, Any] = {name: sum(getattr(part, name) for part in inside) for name in names}
    return kind(period=period, **totals)
