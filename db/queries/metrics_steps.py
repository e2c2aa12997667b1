"""The aggregates of step times (DESIGN.md, "Step duration" and "Meets target"): per SOP step
over a scope of visit days, the count of ended steps, their exact median and p90, the
longest, how many had a target and how many met the target in force on their visit day, the
seconds beyond target; the waits before the steps a visitor waits for; the whole visit's
service time.

They are read from the rollups of ``db.rollups.steps``, which hold the definitions (a step
belongs to its visit's day; imported visits have none; a duration is whole seconds; a step
with no start or no end is open, counted apart; the target in force on day d is the
``sop_step`` version with the greatest ``effective_from`` <= d) and which every write keeps
exact. A period reads the monthly distributions of its whole months and the daily ones of
the days at its edges.

Median and p90 are PostgreSQL's ``percentile_cont`` (linear interpolation between the two
neighbouring ranks): the neighbours are found in SQL from the cumulative counts of the
distribution, the interpolation is ``percentile_cont``'s arithmetic in double precision, so
both databases give the same value, bit for bit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import func, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from db.models import (
    STEP_DURATION,
    STEP_WAIT,
    VISIT_SERVICE,
    Office,
    StepDay,
    StepMinutesDay,
    StepMinutesMonth,
    StepTimeDay,
    StepTimeMonth,
)
from db.queries.metrics import DaySpans, MetricScope, as_date, day_spans, in_offices, next_month

MEDIAN = 0.5
P90 = 0.9


class DurationSummary(NamedTuple):
    """The summary of a group of durations (seconds): how many, the exact median and p90
    (``None`` when there is none), the longest."""

    count: int
    median: float | None
    p90: float | None
    max: int | None


class StepRow(NamedTuple):
    """One SOP step over the scope (see the module's rules)."""

    step: int
    durations: DurationSummary
    """Of the ended steps (a start and an end)."""
    open: int
    """Steps with no start or no end, counted apart."""
    with_target: int
    """Ended steps whose visit day had a target for the step."""
    meeting: int
    """Of those, steps whose duration ≤ target × 60 seconds."""
    missed_seconds: int
    """Sum over the steps with a target of the seconds beyond it (0 for a step within it)."""


class StepDayRow(NamedTuple):
    """One step on one visit day: ended steps, those with a target, those meeting it, the
    seconds beyond target (additive, so days add up into weeks and months)."""

    day: date
    step: int
    ended: int
    with_target: int
    meeting: int
    missed_seconds: int


class WaitRow(NamedTuple):
    """The waits before one step (queued → started) over the scope: the summary of the
    started ones, and how many are still waiting (queued, not started)."""

    step: int
    waits: DurationSummary
    waiting: int


class ServiceTimeRow(NamedTuple):
    """Done visits' service time (first step's start → last step's end), and how many took
    no longer than the limit asked for (``None`` when none was given)."""

    visits: DurationSummary
    within_limit: int | None


# -- where a scope's distribution is read -------------------------------------------------------


Counts = dict[int, list[tuple[int, int]]]
"""Per step: (value, how many) pairs in ascending order of value."""


def _months(spans: DaySpans) -> list[date]:
    """The first days of the whole months of the spans."""
    if spans.months is None:
        return []
    first, last = spans.months
    months = [first]
    while months[-1] < last:
        months.append(next_month(months[-1]))
    return months


def _office_ids(session: Session, scope: MetricScope) -> tuple[int, ...]:
    """The scope's offices, every office of the database spelled out: the rollups' keys begin
    with the office, so naming them lets each read seek instead of scan."""
    if scope.office_ids is not None:
        return scope.office_ids
    return tuple(session.scalars(select(Office.id).order_by(Office.id)))


def _minutes(
    session: Session, scope: MetricScope, measure: int, steps: Sequence[int] | None
) -> Counts:
    """One measure's distribution over the scope by whole minute: the monthly rows of the
    scope's whole months and the daily rows of the days around them."""
    spans, offices = day_spans(scope.first_day, scope.last_day), _office_ids(session, scope)
    parts = []
    for model, day in ((StepMinutesMonth, None), (StepMinutesDay, StepMinutesDay.visit_date)):
        conditions = [model.office_id.in_(offices), model.measure == measure]
        if day is None:
            if spans.months is None:
                continue
            conditions.append(StepMinutesMonth.month.in_(_months(spans)))
        elif spans.days:
            conditions.append(or_(*(day.between(first, last) for first, last in spans.days)))
        else:
            continue
        if steps is not None:
            conditions.append(model.step_number.in_(tuple(steps)))
        parts.append(
            select(model.step_number, model.minute.label("value"), model.count).where(*conditions)
        )
    return _added_up(session, parts)


def _seconds_of_minutes(
    session: Session, scope: MetricScope, measure: int, minutes: Sequence[tuple[int, int]]
) -> Counts:
    """One measure's times by second within the asked (step, minute) pairs over the scope: one
    select per pair and table, each a seek on the rollup's key."""
    if not minutes:
        return {}
    spans, offices = day_spans(scope.first_day, scope.last_day), _office_ids(session, scope)
    months = _months(spans)
    parts = []
    for step, minute in minutes:
        seconds = (minute * 60, minute * 60 + 59)
        if months:
            parts.append(
                select(
                    StepTimeMonth.step_number,
                    StepTimeMonth.seconds.label("value"),
                    StepTimeMonth.count,
                ).where(
                    StepTimeMonth.office_id.in_(offices),
                    StepTimeMonth.month.in_(months),
                    StepTimeMonth.measure == measure,
                    StepTimeMonth.step_number == step,
                    StepTimeMonth.seconds.between(*seconds),
                )
            )
        if spans.days:
            parts.append(
                select(
                    StepTimeDay.step_number, StepTimeDay.seconds.label("value"), StepTimeDay.count
                ).where(
                    StepTimeDay.office_id.in_(offices),
                    or_(*(StepTimeDay.visit_date.between(a, b) for a, b in spans.days)),
                    StepTimeDay.measure == measure,
                    StepTimeDay.step_number == step,
                    StepTimeDay.seconds.between(*seconds),
                )
            )
    return _added_up(session, parts)


def _added_up(session: Session, parts: list[Select[Any]]) -> Counts:
    """The (step, value, count) rows of ``parts`` added up per step and value, in order."""
    if not parts:
        return {}
    rows = union_all(*parts).subquery("distribution")
    statement = (
        select(rows.c.step_number, rows.c.value, func.sum(rows.c.count))
        .group_by(rows.c.step_number, rows.c.value)
        .order_by(rows.c.step_number, rows.c.value)
    )
    counts: Counts = {}
    for step, value, count in session.execute(statement):
        counts.setdefault(int(step), []).append((int(value), int(count)))
    return counts


# -- exact percentiles ---------------------------------------------------------------------------


class _Step(NamedTuple):
    """One step's distribution by minute, and the minutes to read by second."""

    minutes: list[tuple[int, int]]

    @property
    def count(self) -> int:
        return sum(count for _minute, count in self.minutes)

    def minute_of_rank(self, rank: int) -> tuple[int, int]:
        """The minute that holds the ``rank``-th time (0-based) and the rank within it."""
        before = 0
        for minute, count in self.minutes:
            if rank < before + count:
                return minute, rank - before
            before += count
        raise ValueError(f"rank {rank} beyond {before} times")

    def ranks(self) -> list[int]:
        """The 0-based ranks whose times the summary needs: each quantile's two neighbours
        and the longest."""
        last = self.count - 1
        found = {last}
        for quantile in (MEDIAN, P90):
            rank = quantile * last
            found.update((math.floor(rank), math.ceil(rank)))
        return sorted(found)


def _value_at(seconds: list[tuple[int, int]], offset: int) -> int:
    """The ``offset``-th time (0-based) of a minute's times by second."""
    before = 0
    for value, count in seconds:
        before += count
        if offset < before:
            return value
    raise ValueError(f"offset {offset} beyond {before} times")


def _summaries(
    session: Session,
    scope: MetricScope,
    measure: int,
    steps: Sequence[int] | None = None,
    limit: int | None = None,
) -> dict[int, tuple[DurationSummary, int]]:
    """Per step: the summary of the measure's times over the scope, and how many took no
    longer than ``limit`` seconds (0 when none is given). The distribution by minute is read
    first; then, by second, only the minutes that hold the ranks asked for (and the limit)."""
    wanted = None if steps is None else tuple(steps)
    by_minute = _minutes(session, scope, measure, wanted)
    distributions = {step: _Step(minutes) for step, minutes in by_minute.items()}
    needed = {
        (step, distribution.minute_of_rank(rank)[0])
        for step, distribution in distributions.items()
        for rank in distribution.ranks()
    }
    if limit is not None:
        needed.update((step, limit // 60) for step in distributions)
    by_second = _seconds_of_minutes(session, scope, measure, sorted(needed))

    def seconds_of(step: int, minute: int) -> list[tuple[int, int]]:
        return [pair for pair in by_second.get(step, []) if pair[0] // 60 == minute]

    summaries = {}
    for step, distribution in distributions.items():

        def at(rank: int, step: int = step, distribution: _Step = distribution) -> int:
            minute, offset = distribution.minute_of_rank(rank)
            return _value_at(seconds_of(step, minute), offset)

        count = distribution.count
        within = 0
        if limit is not None:
            within = sum(n for minute, n in distribution.minutes if minute < limit // 60)
            within += sum(n for value, n in seconds_of(step, limit // 60) if value <= limit)
        summaries[step] = (
            DurationSummary(
                count,
                _quantile(MEDIAN, count, at),
                _quantile(P90, count, at),
                at(count - 1),
            ),
            within,
        )
    return summaries


def _quantile(quantile: float, count: int, at: Callable[[int], int]) -> float:
    """``percentile_cont``'s arithmetic (``float8_lerp``): the value at rank q·(n-1) between
    its two neighbours, in double precision."""
    rank = quantile * (count - 1)
    low, high = float(at(math.floor(rank))), float(at(math.ceil(rank)))
    return low + (rank - math.floor(rank)) * (high - low)


EMPTY_SUMMARY = DurationSummary(0, None, None, None)


def _step_days(scope: MetricScope) -> list[ColumnElement[bool]]:
    return [
        *in_offices(StepDay.office_id, scope.office_ids),
        StepDay.visit_date.between(scope.first_day, scope.last_day),
    ]


# -- steps ----------------------------------------------------------------------------------------


def step_figures(session: Session, scope: MetricScope) -> list[StepRow]:
    """Every step that occurred in the scope (ended or open), by number."""
    summaries = _summaries(session, scope, STEP_DURATION)
    counts = session.execute(
        select(
            StepDay.step_number,
            func.sum(StepDay.open),
            func.sum(StepDay.with_target),
            func.sum(StepDay.meeting),
            func.sum(StepDay.missed_seconds),
        )
        .where(*_step_days(scope))
        .group_by(StepDay.step_number)
        .order_by(StepDay.step_number)
    )
    return [
        StepRow(
            int(step),
            summaries.get(int(step), (EMPTY_SUMMARY, 0))[0],
            int(open_steps),
            int(with_target),
            int(meeting),
            int(missed),
        )
        for step, open_steps, with_target, meeting, missed in counts
    ]


def step_compliance_by_day(session: Session, scope: MetricScope) -> list[StepDayRow]:
    """Per visit day and step with an ended step: ended steps, with a target, meeting it,
    seconds beyond it."""
    statement = (
        select(
            StepDay.visit_date,
            StepDay.step_number,
            func.sum(StepDay.ended),
            func.sum(StepDay.with_target),
            func.sum(StepDay.meeting),
            func.sum(StepDay.missed_seconds),
        )
        .where(*_step_days(scope))
        .group_by(StepDay.visit_date, StepDay.step_number)
        .having(func.sum(StepDay.ended) > 0)
        .order_by(StepDay.visit_date, StepDay.step_number)
    )
    return [
        StepDayRow(as_date(day), int(step), *(int(value) for value in counts))
        for day, step, *counts in session.execute(statement)
    ]


# -- waits ----------------------------------------------------------------------------------------


def waits_before_steps(
    session: Session, scope: MetricScope, step_numbers: Sequence[int]
) -> list[WaitRow]:
    """The waits (``queued_at`` → ``started_at``) before each of ``step_numbers`` (the steps a
    visitor waits for: ``dashboard.sop``), over the scope; every asked step gets a row."""
    wanted = tuple(sorted(set(step_numbers)))
    summaries = _summaries(session, scope, STEP_WAIT, wanted)
    waiting = dict(
        session.execute(
            select(StepDay.step_number, func.sum(StepDay.not_started))
            .where(*_step_days(scope), StepDay.step_number.in_(wanted))
            .group_by(StepDay.step_number)
        ).all()
    )
    return [
        WaitRow(
            step,
            summaries.get(step, (EMPTY_SUMMARY, 0))[0],
            int(waiting.get(step, 0) or 0),
        )
        for step in wanted
    ]


# -- the whole visit ------------------------------------------------------------------------------


def visit_service_time(
    session: Session, scope: MetricScope, limit_seconds: int | None = None
) -> ServiceTimeRow:
    """Done, non-imported visits of the scope: first step's start → last step's end."""
    summary, within = _summaries(session, scope, VISIT_SERVICE, (0,), limit_seconds).get(
        0, (EMPTY_SUMMARY, 0)
    )
    return ServiceTimeRow(summary, None if limit_seconds is None else within)
