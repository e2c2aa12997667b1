"""The aggregates of step times (DESIGN.md, "Step duration" and "Meets target"): per SOP step
over a scope of visit days, the count of ended steps, their exact median and p90, the
longest, how many had a target and how many met the target in force on their visit day, the
seconds beyond target; the waits before the steps a visitor waits for; the whole visit's
service time.

- A step belongs to its visit's day (``visit.visit_date``), whenever it ended.
- Imported visits have no steps; they are excluded all the same (``visit.imported``).
- A duration is ``ended_at - started_at`` in whole seconds (each moment truncated to the
  second, on both databases), so a step of exactly its target meets it everywhere.
- A step with no start or no end is open: not in the durations, counted apart.
- The target in force on day d is the ``sop_step`` row with the greatest ``effective_from``
  ≤ d for that number (``sop_step`` is versioned).
- Median and p90 are PostgreSQL's ``percentile_cont`` (linear interpolation between the two
  neighbouring ranks); on SQLite the same is computed from the two neighbours, found with
  window functions, and the same floating-point formula (``lo + (hi - lo) * fraction``), so
  both databases give the same value, bit for bit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import NamedTuple

from sqlalchemy import Float, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select, Subquery
from sqlalchemy.sql.elements import ColumnElement

from db.models import VISIT_DONE, SopStep, Visit, VisitStep
from db.queries.metrics import (
    MetricScope,
    as_date,
    epoch_seconds,
    is_postgresql,
    visits_in_scope,
)

MEDIAN = 0.5
P90 = 0.9
_PERCENT = {MEDIAN: 50, P90: 90}
"""The two quantiles, and each as a whole percentage for SQLite's integer rank arithmetic."""


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


# -- the SOP targets in force ------------------------------------------------------------------


def _targets() -> Subquery:
    """Each ``sop_step`` version with the day it took effect and the day the next version of
    the same number did (``None``: still in force)."""
    following = func.lead(SopStep.effective_from).over(
        partition_by=SopStep.number, order_by=SopStep.effective_from
    )
    return select(
        SopStep.number,
        SopStep.target_minutes,
        SopStep.effective_from.label("starts"),
        following.label("ends"),
    ).subquery("targets")


def _target_in_force(targets: Subquery) -> ColumnElement[bool]:
    return and_(
        targets.c.number == VisitStep.step_number,
        targets.c.starts <= Visit.visit_date,
        or_(targets.c.ends.is_(None), targets.c.ends > Visit.visit_date),
    )


def _steps_of_scope(scope: MetricScope) -> list[ColumnElement[bool]]:
    return [*visits_in_scope(scope), Visit.imported.is_(False)]


def _ended() -> ColumnElement[bool]:
    return and_(VisitStep.started_at.is_not(None), VisitStep.ended_at.is_not(None))


def _step_durations(session: Session, scope: MetricScope) -> Subquery:
    """One row per ended step of the scope: its number, visit day, seconds and target."""
    targets = _targets()
    seconds = epoch_seconds(session, VisitStep.ended_at) - epoch_seconds(
        session, VisitStep.started_at
    )
    return (
        select(
            VisitStep.step_number.label("step"),
            Visit.visit_date.label("day"),
            seconds.label("seconds"),
            targets.c.target_minutes.label("target"),
        )
        .join(Visit, Visit.id == VisitStep.visit_id)
        .outerjoin(targets, _target_in_force(targets))
        .where(*_steps_of_scope(scope), _ended())
        .subquery("durations")
    )


def _target_columns(values: Subquery) -> list[ColumnElement[int]]:
    """With a target, meeting it, seconds beyond it: over rows with ``seconds`` and
    ``target``."""
    limit = values.c.target * 60
    beyond = case((values.c.seconds > limit, values.c.seconds - limit), else_=0)
    return [
        func.count(values.c.target),
        func.count().filter(values.c.seconds <= limit),
        func.coalesce(func.sum(beyond), 0),
    ]


# -- exact percentiles ---------------------------------------------------------------------------


def _summaries(
    session: Session,
    values: Subquery,
    extra: Callable[[Subquery], list[ColumnElement[int]]] = lambda _values: [],
) -> Select[tuple[object, ...]]:
    """Per ``values.c.key``: count, median, p90 and max of ``values.c.seconds``, then the
    ``extra`` aggregates over the same rows."""
    key, seconds = values.c.key, values.c.seconds
    if is_postgresql(session):
        return select(
            key,
            func.count(),
            func.percentile_cont(MEDIAN).within_group(seconds),
            func.percentile_cont(P90).within_group(seconds),
            func.max(seconds),
            *extra(values),
        ).group_by(key)
    ranked = select(
        values,
        func.row_number().over(partition_by=key, order_by=seconds).label("position"),
        func.count().over(partition_by=key).label("n"),
    ).subquery("ranked")
    n, position, value = ranked.c.n, ranked.c.position, ranked.c.seconds

    def neighbours(quantile: float) -> list[ColumnElement[int]]:
        scaled = _PERCENT[quantile] * (n - 1)  # exact: the rank times 100
        lower, upper = scaled // 100 + 1, (scaled + 99) // 100 + 1  # 1-based row numbers
        return [
            func.max(value).filter(position == lower).label(f"lo{_PERCENT[quantile]}"),
            func.max(value).filter(position == upper).label(f"hi{_PERCENT[quantile]}"),
        ]

    grouped = (
        select(
            ranked.c.key,
            func.count().label("count"),
            func.max(n).label("n"),
            *neighbours(MEDIAN),
            *neighbours(P90),
            func.max(value).label("longest"),
            *(column.label(f"extra{i}") for i, column in enumerate(extra(ranked))),
        )
        .group_by(ranked.c.key)
        .subquery("grouped")
    )

    def interpolated(quantile: float) -> ColumnElement[float]:
        # percentile_cont: rank = q·(n-1); lo + (hi - lo)·(rank - floor(rank)) in float8.
        lo, hi = grouped.c[f"lo{_PERCENT[quantile]}"], grouped.c[f"hi{_PERCENT[quantile]}"]
        rank = literal(quantile, Float) * (grouped.c.n - 1)
        floor = (_PERCENT[quantile] * (grouped.c.n - 1)) // 100
        return lo + (hi - lo) * (rank - floor)

    extras = [column for name, column in grouped.c.items() if name.startswith("extra")]
    return select(
        grouped.c.key,
        grouped.c.count,
        interpolated(MEDIAN),
        interpolated(P90),
        grouped.c.longest,
        *extras,
    )


def _summary(count: object, median: object, p90: object, longest: object) -> DurationSummary:
    return DurationSummary(
        int(count or 0),
        None if median is None else float(median),  # type: ignore[arg-type]
        None if p90 is None else float(p90),  # type: ignore[arg-type]
        None if longest is None else int(longest),  # type: ignore[call-overload]
    )


EMPTY_SUMMARY = DurationSummary(0, None, None, None)


# -- steps ----------------------------------------------------------------------------------------


def step_figures(session: Session, scope: MetricScope) -> list[StepRow]:
    """Every step that occurred in the scope (ended or open), by number."""
    durations = _step_durations(session, scope)
    keyed = select(durations, durations.c.step.label("key")).subquery("keyed")
    summaries = {
        int(key): (_summary(count, median, p90, longest), [int(x or 0) for x in extra])
        for key, count, median, p90, longest, *extra in session.execute(
            _summaries(session, keyed, _target_columns)
        )
    }
    open_steps = dict(
        session.execute(
            select(VisitStep.step_number, func.count(VisitStep.id))
            .join(Visit, Visit.id == VisitStep.visit_id)
            .where(*_steps_of_scope(scope), ~_ended())
            .group_by(VisitStep.step_number)
        ).all()
    )
    rows = []
    for step in sorted(set(summaries) | set(open_steps)):
        summary, (with_target, meeting, missed) = summaries.get(step, (EMPTY_SUMMARY, [0, 0, 0]))
        rows.append(
            StepRow(step, summary, int(open_steps.get(step, 0)), with_target, meeting, missed)
        )
    return rows


def step_compliance_by_day(session: Session, scope: MetricScope) -> list[StepDayRow]:
    """Per visit day and step: ended steps, with a target, meeting it, seconds beyond it."""
    durations = _step_durations(session, scope)
    statement = (
        select(durations.c.day, durations.c.step, func.count(), *_target_columns(durations))
        .group_by(durations.c.day, durations.c.step)
        .order_by(durations.c.day, durations.c.step)
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
    wanted = [*_steps_of_scope(scope), VisitStep.step_number.in_(tuple(step_numbers))]
    seconds = epoch_seconds(session, VisitStep.started_at) - epoch_seconds(
        session, VisitStep.queued_at
    )
    waits = (
        select(VisitStep.step_number.label("key"), seconds.label("seconds"))
        .join(Visit, Visit.id == VisitStep.visit_id)
        .where(*wanted, VisitStep.started_at.is_not(None))
        .subquery("waits")
    )
    summaries = {
        int(key): _summary(count, median, p90, longest)
        for key, count, median, p90, longest in session.execute(_summaries(session, waits))
    }
    waiting = dict(
        session.execute(
            select(VisitStep.step_number, func.count(VisitStep.id))
            .join(Visit, Visit.id == VisitStep.visit_id)
            .where(*wanted, VisitStep.started_at.is_(None))
            .group_by(VisitStep.step_number)
        ).all()
    )
    return [
        WaitRow(step, summaries.get(step, EMPTY_SUMMARY), int(waiting.get(step, 0)))
        for step in sorted(set(step_numbers))
    ]


# -- the whole visit ------------------------------------------------------------------------------


def visit_service_time(
    session: Session, scope: MetricScope, limit_seconds: int | None = None
) -> ServiceTimeRow:
    """Done, non-imported visits of the scope: first step's start → last step's end."""
    first = epoch_seconds(session, func.min(VisitStep.started_at))
    last = epoch_seconds(session, func.max(VisitStep.ended_at))
    per_visit = (
        select(literal(1).label("key"), (last - first).label("seconds"))
        .join(Visit, Visit.id == VisitStep.visit_id)
        .where(*_steps_of_scope(scope), Visit.status == VISIT_DONE)
        .group_by(Visit.id)
        .subquery("per_visit")
    )

    def within(values: Subquery) -> list[ColumnElement[int]]:
        if limit_seconds is None:
            return []
        return [func.count().filter(values.c.seconds <= limit_seconds)]

    row = session.execute(_summaries(session, per_visit, within)).first()
    if row is None:
        return ServiceTimeRow(EMPTY_SUMMARY, None if limit_seconds is None else 0)
    _key, count, median, p90, longest, *extra = row
    return ServiceTimeRow(_summary(count, median, p90, longest), int(extra[0]) if extra else None)
