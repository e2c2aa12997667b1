"""The aggregates under the figures of DESIGN.md ("What the numbers mean"): visitors by visit
day, arrivals by local hour and by weekday × hour. Steps, referrals and PNBP have modules of
their own (``metrics_steps``, ``metrics_referrals``, ``metrics_pnbp``); this one also holds
what they share: the scope of a figure and the dialect's expressions of local time.

Every figure is counted in SQL over a scope: some offices (``None``: all) and a span of
office-local days. Visits are filtered on ``visit.office_id`` and ``visit.visit_date`` (the
office-local day of the arrival, stored with the visit), which the unique index
``(office_id, visit_date, code)`` serves. Where a UTC moment must become a local hour or day,
the office's UTC offset is worked out in Python from ``office.timezone`` and passed to SQL:
Indonesian zones (WIB, WITA, WIT) have fixed offsets, so a query over offices of several zones
runs once per offset and the rows are added up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, Date, Integer, cast, extract, func, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery
from sqlalchemy.sql.elements import ColumnElement

from db.models import (
    NO_NUMBER,
    NO_VALUE,
    Office,
    Visit,
    VisitDay,
    VisitDayCount,
    VisitHour,
    VisitMonthCount,
)

# -- the scope of a figure --------------------------------------------------------------------


class MetricScope(NamedTuple):
    """Which offices (``None``: every office of the database) over which office-local days
    (``first_day`` … ``last_day``, both included)."""

    office_ids: tuple[int, ...] | None
    first_day: date
    last_day: date


def metric_scope(
    first_day: date, last_day: date, office_ids: Sequence[int] | None = None
) -> MetricScope:
    """The scope, checked: a reversed span is an error, not an empty figure."""
    if last_day < first_day:
        raise ValueError(f"period ends ({last_day}) before it begins ({first_day})")
    return MetricScope(None if office_ids is None else tuple(office_ids), first_day, last_day)


def visit_days(first_day: date, last_day: date) -> list[ColumnElement[bool]]:
    """The conditions on ``visit`` of a span of visit days."""
    return [Visit.visit_date >= first_day, Visit.visit_date <= last_day]


def visits_in_scope(scope: MetricScope) -> list[ColumnElement[bool]]:
    """The conditions on ``visit`` of the scope (office and visit day)."""
    conditions = visit_days(scope.first_day, scope.last_day)
    if scope.office_ids is not None:
        conditions.append(Visit.office_id.in_(scope.office_ids))
    return conditions


def visits_on_days(
    office_ids: Sequence[int] | None, days: Iterable[date]
) -> list[ColumnElement[bool]]:
    """The conditions on ``visit`` for a set of visit days (e.g. the usual weekday's days)."""
    conditions = [Visit.visit_date.in_(sorted(set(days)))]
    if office_ids is not None:
        conditions.append(Visit.office_id.in_(tuple(office_ids)))
    return conditions


# -- offsets and local time --------------------------------------------------------------------


def offset_seconds(zone: ZoneInfo, first_day: date, last_day: date) -> int:
    """The zone's UTC offset over the days; a zone whose offset changes within them (daylight
    saving, never in Indonesia) is refused rather than counted wrong."""
    offsets = {
        zone.utcoffset(datetime.combine(day, time(12))) or timedelta(0)
        for day in (first_day, last_day)
    }
    if len(offsets) != 1:
        raise ValueError(f"time zone {zone.key} changes its UTC offset within the period")
    return int(offsets.pop().total_seconds())


def offset_groups(
    session: Session, office_ids: Sequence[int] | None, first_day: date, last_day: date
) -> list[tuple[int, tuple[int, ...]]]:
    """The offices of the scope grouped by UTC offset (seconds): ``[(offset, office ids)]``,
    smallest offset first. One office gives one group."""
    statement = select(Office.id, Office.timezone).order_by(Office.id)
    if office_ids is not None:
        statement = statement.where(Office.id.in_(tuple(office_ids)))
    groups: dict[int, list[int]] = defaultdict(list)
    for office_id, zone_name in session.execute(statement):
        groups[offset_seconds(ZoneInfo(zone_name), first_day, last_day)].append(office_id)
    return [(offset, tuple(ids)) for offset, ids in sorted(groups.items())]


def is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def local_hour(
    session: Session, moment: ColumnElement[datetime], offset: int
) -> ColumnElement[int]:
    """The local hour (0-23) of a UTC moment at ``offset`` seconds from UTC."""
    if is_postgresql(session):
        shifted = func.timezone("UTC", moment) + timedelta(seconds=offset)
        return cast(extract("hour", shifted), Integer)
    # SQLite keeps UTC moments as naive text; strftime shifts it by the modifier.
    return cast(func.strftime("%H", moment, f"{offset:+d} seconds"), Integer)


def local_day(
    session: Session, moment: ColumnElement[datetime], offset: int
) -> ColumnElement[date]:
    """The local calendar day of a UTC moment at ``offset`` seconds from UTC."""
    if is_postgresql(session):
        return cast(func.timezone("UTC", moment) + timedelta(seconds=offset), Date)
    return func.date(moment, f"{offset:+d} seconds")


def month_of(session: Session, day: ColumnElement[date]) -> ColumnElement[date]:
    """The first day of ``day``'s calendar month."""
    if is_postgresql(session):
        return cast(func.date_trunc("month", day), Date)
    return func.date(day, "start of month")


def epoch_seconds(session: Session, moment: ColumnElement[datetime]) -> ColumnElement[int]:
    """A UTC moment as whole seconds since 1970 (fractions of a second dropped), so that the
    difference of two moments is an exact integer on both databases."""
    if is_postgresql(session):
        return cast(func.floor(extract("epoch", moment)), BigInteger)
    return cast(func.strftime("%s", moment), Integer)


def weekday(session: Session, day: ColumnElement[date]) -> ColumnElement[int]:
    """The weekday of a date column as Python counts it: Monday 0 … Sunday 6."""
    if is_postgresql(session):
        return cast(extract("isodow", day), Integer) - 1
    return (cast(func.strftime("%w", day), Integer) + 6) % 7


def day_start_utc(day: date, offset: int) -> datetime:
    """The UTC moment at which local day ``day`` begins, at ``offset`` seconds from UTC."""
    return datetime.combine(day, time(0), UTC) - timedelta(seconds=offset)


def as_date(value: date | str) -> date:
    """A date from SQL (SQLite's date() gives text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


# -- visitors ----------------------------------------------------------------------------------


class VisitorDayRow(NamedTuple):
    """One visit day: ``admitted`` visits (imported included), visits ``refused`` at screening
    (admitted is false), and among the admitted the ``imported``, the ``returning`` (the visitor
    has an earlier visit) and those flagged ``outside_hours``. Pending screening is in none."""

    day: date
    admitted: int
    refused: int
    imported: int
    returning: int
    outside_hours: int


def visitors_by_day(session: Session, scope: MetricScope) -> list[VisitorDayRow]:
    """The scope's visit days that had a visit, in order (days without one are omitted)."""
    return _visitors_by_day(
        session,
        [
            *in_offices(VisitDay.office_id, scope.office_ids),
            VisitDay.visit_date.between(scope.first_day, scope.last_day),
        ],
    )


def visitors_on_days(
    session: Session, office_ids: Sequence[int] | None, days: Iterable[date]
) -> list[VisitorDayRow]:
    """The same counts on chosen visit days (the usual weekday's days)."""
    return _visitors_by_day(
        session,
        [*in_offices(VisitDay.office_id, office_ids), VisitDay.visit_date.in_(sorted(set(days)))],
    )


def _visitors_by_day(
    session: Session, conditions: list[ColumnElement[bool]]
) -> list[VisitorDayRow]:
    """From the rollup ``visit_day`` (``db.rollups.visits`` holds the definitions)."""
    statement = (
        select(
            VisitDay.visit_date,
            func.sum(VisitDay.admitted),
            func.sum(VisitDay.refused),
            func.sum(VisitDay.imported),
            func.sum(VisitDay.returning_visits),
            func.sum(VisitDay.outside_hours),
        )
        .where(*conditions)
        .group_by(VisitDay.visit_date)
        .order_by(VisitDay.visit_date)
    )
    return [
        VisitorDayRow(as_date(day), *(int(value) for value in counts))
        for day, *counts in session.execute(statement)
    ]


def in_offices(
    column: ColumnElement[int], office_ids: Sequence[int] | None
) -> list[ColumnElement[bool]]:
    """The condition on a rollup's ``office_id`` (none: every office)."""
    return [] if office_ids is None else [column.in_(tuple(office_ids))]


# -- arrivals by hour --------------------------------------------------------------------------


class HourRow(NamedTuple):
    """Visits that arrived in one local hour (0-23): admitted ones and refused ones."""

    hour: int
    admitted: int
    refused: int


class WeekdayHourRow(NamedTuple):
    """Admitted visits that arrived on one weekday (Monday 0 … Sunday 6) in one local hour."""

    weekday: int
    hour: int
    admitted: int


def arrivals_by_hour(session: Session, scope: MetricScope) -> list[HourRow]:
    """Arrivals of the scope by local hour of ``arrived_at`` (hours without one omitted)."""
    return _arrivals_by_hour(
        session,
        [
            *in_offices(VisitHour.office_id, scope.office_ids),
            VisitHour.visit_date.between(scope.first_day, scope.last_day),
        ],
    )


def arrivals_by_hour_on_days(
    session: Session, office_ids: Sequence[int] | None, days: Sequence[date]
) -> list[HourRow]:
    """The same on chosen visit days (the usual weekday's days)."""
    if not days:
        return []
    return _arrivals_by_hour(
        session,
        [*in_offices(VisitHour.office_id, office_ids), VisitHour.visit_date.in_(sorted(set(days)))],
    )


def _arrivals_by_hour(session: Session, conditions: list[ColumnElement[bool]]) -> list[HourRow]:
    """From the rollup ``visit_hour`` (office-local hours, ``db.rollups.visits``)."""
    statement = (
        select(VisitHour.hour, func.sum(VisitHour.admitted), func.sum(VisitHour.refused))
        .where(*conditions)
        .group_by(VisitHour.hour)
        .having(func.sum(VisitHour.admitted) + func.sum(VisitHour.refused) > 0)
        .order_by(VisitHour.hour)
    )
    return [
        HourRow(int(hour), int(admitted), int(refused))
        for hour, admitted, refused in session.execute(statement)
    ]


def arrivals_by_weekday_hour(session: Session, scope: MetricScope) -> list[WeekdayHourRow]:
    """Admitted visits of the scope by weekday of the visit day and local hour of arrival
    (the heat map's cells; empty cells omitted)."""
    day = weekday(session, VisitHour.visit_date)
    statement = (
        select(day, VisitHour.hour, func.sum(VisitHour.admitted))
        .where(
            *in_offices(VisitHour.office_id, scope.office_ids),
            VisitHour.visit_date.between(scope.first_day, scope.last_day),
        )
        .group_by(day, VisitHour.hour)
        .having(func.sum(VisitHour.admitted) > 0)
        .order_by(day, VisitHour.hour)
    )
    return [
        WeekdayHourRow(int(found_day), int(hour), int(count))
        for found_day, hour, count in session.execute(statement)
    ]


class DaySpans(NamedTuple):
    """A span of visit days as whole calendar months (``months``: first days, from … to,
    both included; ``None`` when it holds no whole month) and the days around them."""

    months: tuple[date, date] | None
    days: tuple[tuple[date, date], ...]


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def day_spans(first_day: date, last_day: date) -> DaySpans:
    """Split ``first_day`` … ``last_day`` into its whole months and the days left over."""
    start = first_day if first_day.day == 1 else next_month(first_day)
    after = last_day + timedelta(days=1)
    end = after if after.day == 1 else after.replace(day=1)  # the month after the last whole one
    if start >= end:
        return DaySpans(None, ((first_day, last_day),))
    edges = ((first_day, start - timedelta(days=1)), (end, last_day))
    last_month = (end - timedelta(days=1)).replace(day=1)
    return DaySpans((start, last_month), tuple((a, b) for a, b in edges if a <= b))


def counts_in_scope(scope: MetricScope, dimensions: Sequence[str]) -> Subquery:
    """The rollup's visit counts of these dimensions over the scope (``db.rollups.visits``):
    (dimension, value, number, visits, requests) rows, a missing value or id as NULL: the
    monthly ones of the scope's whole months and the daily ones of the days around them."""
    spans = day_spans(scope.first_day, scope.last_day)
    parts = []
    for model, day, ranges in (
        (VisitMonthCount, VisitMonthCount.month, [spans.months] if spans.months else []),
        (VisitDayCount, VisitDayCount.visit_date, list(spans.days)),
    ):
        if ranges:
            parts.append(
                select(
                    model.dimension,
                    func.nullif(model.value, NO_VALUE).label("value"),
                    func.nullif(model.number, NO_NUMBER).label("number"),
                    model.visits,
                    model.requests,
                ).where(
                    *in_offices(model.office_id, scope.office_ids),
                    model.dimension.in_(tuple(dimensions)),
                    or_(*(day.between(first, last) for first, last in ranges)),
                )
            )
    return union_all(*parts).subquery("counts")
