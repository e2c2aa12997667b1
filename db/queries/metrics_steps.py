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
from typing import NamedTuple

from sqlalchemy import BigInteger, Float, Integer, case, cast, func, literal, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery
from sqlalchemy.sql.elements import ColumnElement

from db.models import (
    STEP_DURATION,
    STEP_WAIT,
    VISIT_SERVICE,
    StepDay,
    StepTimeDay,
    StepTimeMonth,
)
from db.queries.metrics import MetricScope, as_date, day_spans, in_offices, is_postgresql

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


def _distribution(scope: MetricScope, measure: int, steps: Sequence[int] | None) -> Subquery:
    """(step_number, seconds, count) rows of one measure over the scope."""
    spans = day_spans(scope.first_day, scope.last_day)
    parts = []
    for model, day in ((StepTimeMonth, StepTimeMonth.month), (StepTimeDay, StepTimeDay.visit_date)):
        ranges = ([spans.months] if spans.months else []) if model is StepTimeMonth else spans.days
        if not ranges:
            continue
        conditions = [*in_offices(model.office_id, scope.office_ids), model.measure == measure]
        if steps is not None:
            conditions.append(model.step_number.in_(tuple(steps)))
        parts.append(
            select(model.step_number, model.seconds, model.count).where(
                *conditions, or_(*(day.between(a, b) for a, b in ranges))
            )
        )
    return union_all(*parts).subquery("distribution")


# -- exact percentiles ---------------------------------------------------------------------------


def _floor(session: Session, value: ColumnElement[float]) -> ColumnElement[int]:
    """The floor of a non-negative number (SQLite's CAST truncates; PostgreSQL's rounds)."""
    return func.floor(value) if is_postgresql(session) else cast(value, Integer)


def _summaries(
    session: Session,
    scope: MetricScope,
    measure: int,
    steps: Sequence[int] | None = None,
    extra: Callable[[Subquery], list[ColumnElement[int]]] = lambda _values: [],
) -> dict[int, tuple[DurationSummary, list[int]]]:
    """Per step: the summary of the measure's times over the scope, and the ``extra``
    aggregates over the cumulative rows (``seconds``, ``count``)."""
    values = _distribution(scope, measure, steps)
    grouped = (
        select(values.c.step_number, values.c.seconds, func.sum(values.c.count).label("count"))
        .group_by(values.c.step_number, values.c.seconds)
        .subquery("grouped")
    )
    step, seconds = grouped.c.step_number, grouped.c.seconds
    cumulative = select(
        step,
        seconds,
        grouped.c.count,
        func.sum(grouped.c.count).over(partition_by=step, order_by=seconds).label("upto"),
        func.sum(grouped.c.count).over(partition_by=step).label("n"),
    ).subquery("cumulative")
    n = cast(cumulative.c.n, BigInteger)

    def neighbours(quantile: float) -> list[ColumnElement[int]]:
        rank = literal(quantile, Float) * (n - 1)
        lower = _floor(session, rank)
        upper = lower + case((rank > lower, 1), else_=0)
        return [
            func.min(cumulative.c.seconds).filter(cumulative.c.upto >= lower + 1),
            func.min(cumulative.c.seconds).filter(cumulative.c.upto >= upper + 1),
        ]

    statement = select(
        cumulative.c.step_number,
        func.max(n),
        *neighbours(MEDIAN),
        *neighbours(P90),
        func.max(cumulative.c.seconds),
        *extra(cumulative),
    ).group_by(cumulative.c.step_number)
    return {
        int(key): (
            DurationSummary(
                int(count),
                _interpolated(MEDIAN, int(count), lo50, hi50),
                _interpolated(P90, int(count), lo90, hi90),
                int(longest),
            ),
            [int(value or 0) for value in extras],
        )
        for key, count, lo50, hi50, lo90, hi90, longest, *extras in session.execute(statement)
    }


def _interpolated(quantile: float, count: int, low: object, high: object) -> float:
    """``percentile_cont``'s arithmetic (``float8_lerp``): the value at rank q·(n-1) between
    its two neighbours, in double precision."""
    rank = quantile * (count - 1)
    low_value, high_value = float(low), float(high)  # type: ignore[arg-type]
    return low_value + (rank - math.floor(rank)) * (high_value - low_value)


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
            summaries.get(int(step), (EMPTY_SUMMARY, []))[0],
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
            summaries.get(step, (EMPTY_SUMMARY, []))[0],
            int(waiting.get(step, 0) or 0),
        )
        for step in wanted
    ]


# -- the whole visit ------------------------------------------------------------------------------


def visit_service_time(
    session: Session, scope: MetricScope, limit_seconds: int | None = None
) -> ServiceTimeRow:
    """Done, non-imported visits of the scope: first step's start → last step's end."""

    def within(values: Subquery) -> list[ColumnElement[int]]:
        if limit_seconds is None:
            return []
        return [func.sum(values.c.count).filter(values.c.seconds <= limit_seconds)]

    summary, extras = _summaries(session, scope, VISIT_SERVICE, (0,), within).get(
        0, (EMPTY_SUMMARY, [0])
    )
    return ServiceTimeRow(summary, None if limit_seconds is None else extras[0])
