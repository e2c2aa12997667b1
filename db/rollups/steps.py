"""The rollups of step times (tables ``step_time_day``, ``step_time_month``, ``step_day``), by
the rules of DESIGN.md ("Step duration", "Meets target"):

- ``step_time_day``: per office, visit day, measure and SOP step, how many times lasted
  exactly ``seconds``: a step's own time (ended steps), the wait before it (started steps),
  a done visit's service time (first start → last end, step 0). Imported visits have none.
  Exact distributions, so medians and p90 read from them are exact.
- ``step_time_month``: the same added up per calendar month.
- ``step_day``: per office, visit day and step: ended, open (no start or no end), not
  started, and against the target in force on the visit day: ended with a target, meeting
  it, seconds beyond it.

``db.rollups`` says when a day is recomputed; this module says how, from the raw rows.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import (
    Delete,
    Insert,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select, Subquery
from sqlalchemy.sql.elements import ColumnElement

from db.models import (
    STEP_DURATION,
    STEP_WAIT,
    VISIT_DONE,
    VISIT_SERVICE,
    SopStep,
    StepDay,
    StepTimeDay,
    StepTimeMonth,
    Visit,
    VisitStep,
)
from db.queries.metrics import epoch_seconds, month_of
from db.upsert import dialect_insert

UPSERT_CHUNK = 500
"""Rows per upsert statement (SQLite limits a statement's parameters)."""

Key = tuple[int, int, int]
"""A distribution's row within one office and day: (measure, step number, seconds)."""


# -- the definitions, from the raw rows -----------------------------------------------------------


def _not_imported(conditions: Sequence[ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    return [*conditions, Visit.imported.is_(False)]


def _ended() -> ColumnElement[bool]:
    return and_(VisitStep.started_at.is_not(None), VisitStep.ended_at.is_not(None))


def _step_times(
    session: Session, measure: int, conditions: Sequence[ColumnElement[bool]]
) -> Select[Any]:
    """One measure of the steps: (office, visit day, measure, step, seconds, how many)."""
    if measure == STEP_DURATION:
        start, end, present = VisitStep.started_at, VisitStep.ended_at, _ended()
    else:
        start, end = VisitStep.queued_at, VisitStep.started_at
        present = VisitStep.started_at.is_not(None)
    seconds = (epoch_seconds(session, end) - epoch_seconds(session, start)).label("seconds")
    return (
        select(
            Visit.office_id,
            Visit.visit_date,
            literal(measure).label("measure"),
            VisitStep.step_number,
            seconds,
            func.count().label("count"),
        )
        .join(Visit, Visit.id == VisitStep.visit_id)
        .where(*_not_imported(conditions), present)
        .group_by(Visit.office_id, Visit.visit_date, VisitStep.step_number, seconds)
    )


def _service_times(session: Session, conditions: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """Done visits' service time (first step's start → last step's end), as step 0."""
    first = epoch_seconds(session, func.min(VisitStep.started_at))
    last = epoch_seconds(session, func.max(VisitStep.ended_at))
    per_visit = (
        select(Visit.office_id, Visit.visit_date, (last - first).label("seconds"))
        .join(Visit, Visit.id == VisitStep.visit_id)
        .where(*_not_imported(conditions), Visit.status == VISIT_DONE)
        .group_by(Visit.id, Visit.office_id, Visit.visit_date)
        .subquery("per_visit")
    )
    return (
        select(
            per_visit.c.office_id,
            per_visit.c.visit_date,
            literal(VISIT_SERVICE).label("measure"),
            literal(0).label("step_number"),
            per_visit.c.seconds,
            func.count().label("count"),
        )
        .where(per_visit.c.seconds.is_not(None))
        .group_by(per_visit.c.office_id, per_visit.c.visit_date, per_visit.c.seconds)
    )


def _distributions(session: Session, conditions: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """Every measure's distribution of the visits meeting ``conditions``, per office and day."""
    return union_all(
        _step_times(session, STEP_DURATION, conditions),
        _step_times(session, STEP_WAIT, conditions),
        _service_times(session, conditions),
    )  # type: ignore[return-value]


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


def _step_counts(session: Session, conditions: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """Per office, visit day and step: the columns of ``step_day``, in its order."""
    targets = _targets()
    in_force = and_(
        targets.c.number == VisitStep.step_number,
        targets.c.starts <= Visit.visit_date,
        or_(targets.c.ends.is_(None), targets.c.ends > Visit.visit_date),
    )
    ended = _ended()
    seconds = epoch_seconds(session, VisitStep.ended_at) - epoch_seconds(
        session, VisitStep.started_at
    )
    limit = targets.c.target_minutes * 60
    timed = and_(ended, targets.c.target_minutes.is_not(None))
    return (
        select(
            Visit.office_id,
            Visit.visit_date,
            VisitStep.step_number,
            func.count().filter(ended),
            func.count().filter(~ended),
            func.count().filter(VisitStep.started_at.is_(None)),
            func.count().filter(timed),
            func.count().filter(timed, seconds <= limit),
            func.coalesce(func.sum(case((and_(timed, seconds > limit), seconds - limit))), 0),
        )
        .join(Visit, Visit.id == VisitStep.visit_id)
        .outerjoin(targets, in_force)
        .where(*_not_imported(conditions))
        .group_by(Visit.office_id, Visit.visit_date, VisitStep.step_number)
    )


STEP_DAY_COLUMNS = (
    "office_id",
    "visit_date",
    "step_number",
    "ended",
    "open",
    "not_started",
    "with_target",
    "meeting",
    "missed_seconds",
)
DISTRIBUTION_COLUMNS = ("office_id", "visit_date", "measure", "step_number", "seconds", "count")


# -- keeping them exact, day by day -----------------------------------------------------------


class _DayStatements(NamedTuple):
    """The statements of one office day's refresh, built once per database dialect (their
    office and day are parameters: ``office_id``, ``day``)."""

    computed: Select[Any]
    stored: Select[Any]
    forget_times: Delete
    forget_counts: Delete
    count: Insert


_STATEMENTS: dict[str, _DayStatements] = {}


def _day_statements(session: Session) -> _DayStatements:
    dialect = session.get_bind().dialect.name
    if dialect not in _STATEMENTS:
        raw = [Visit.office_id == bindparam("office_id"), Visit.visit_date == bindparam("day")]
        times = StepTimeDay.__table__.c
        of_day = [times.office_id == bindparam("office_id"), times.visit_date == bindparam("day")]
        _STATEMENTS[dialect] = _DayStatements(
            computed=_distributions(session, raw),
            stored=select(*(times[name] for name in DISTRIBUTION_COLUMNS)).where(*of_day),
            forget_times=delete(StepTimeDay.__table__).where(*of_day),
            forget_counts=delete(StepDay.__table__).where(
                StepDay.__table__.c.office_id == bindparam("office_id"),
                StepDay.__table__.c.visit_date == bindparam("day"),
            ),
            count=insert(StepDay.__table__).from_select(
                list(STEP_DAY_COLUMNS), _step_counts(session, raw)
            ),
        )
    return _STATEMENTS[dialect]


def refresh(session: Session, office_id: int, day: date) -> None:
    """Recompute the office's day from its raw rows; move its month by the difference."""
    statements, where = _day_statements(session), {"office_id": office_id, "day": day}
    new = _distribution_of(session, statements.computed, where)
    stored = _distribution_of(session, statements.stored, where)
    if new != stored:
        session.execute(statements.forget_times, where)
        _insert_distribution(session, StepTimeDay, "visit_date", office_id, day, new)
        _move_month(session, office_id, day.replace(day=1), _difference(new, stored))
    session.execute(statements.forget_counts, where)
    session.execute(statements.count, where)


def _distribution_of(
    session: Session, statement: Select[Any], where: dict[str, Any]
) -> dict[Key, int]:
    return {
        (int(measure), int(step), int(seconds)): int(count)
        for _office, _day, measure, step, seconds, count in session.execute(statement, where)
    }


def _difference(new: dict[Key, int], old: dict[Key, int]) -> dict[Key, int]:
    keys = set(new) | set(old)
    return {key: new.get(key, 0) - old.get(key, 0) for key in keys if new.get(key) != old.get(key)}


def _rows(
    day_column: str, office_id: int, day: date, counts: dict[Key, int]
) -> list[dict[str, Any]]:
    return [
        {
            "office_id": office_id,
            day_column: day,
            "measure": measure,
            "step_number": step,
            "seconds": seconds,
            "count": count,
        }
        for (measure, step, seconds), count in sorted(counts.items())
    ]


def _insert_distribution(
    session: Session,
    model: type[StepTimeDay] | type[StepTimeMonth],
    day_column: str,
    office_id: int,
    day: date,
    counts: dict[Key, int],
) -> None:
    rows = _rows(day_column, office_id, day, counts)
    for start in range(0, len(rows), UPSERT_CHUNK):
        session.execute(insert(model), rows[start : start + UPSERT_CHUNK])


def _move_month(session: Session, office_id: int, month: date, change: dict[Key, int]) -> None:
    """Add ``change`` to the office's month (a missing row starts at 0; rows left at 0 go)."""
    table = StepTimeMonth.__table__
    rows = _rows("month", office_id, month, change)
    for start in range(0, len(rows), UPSERT_CHUNK):
        statement = dialect_insert(session, table).values(rows[start : start + UPSERT_CHUNK])
        session.execute(
            statement.on_conflict_do_update(
                index_elements=[
                    table.c.office_id,
                    table.c.month,
                    table.c.measure,
                    table.c.step_number,
                    table.c.seconds,
                ],
                set_={"count": table.c.count + statement.excluded["count"]},
            )
        )
    if any(count < 0 for count in change.values()):
        session.execute(
            delete(StepTimeMonth).where(
                StepTimeMonth.office_id == office_id,
                StepTimeMonth.month == month,
                StepTimeMonth.count <= 0,
            )
        )


# -- rebuilding them whole ------------------------------------------------------------------------


def rebuild(session: Session, office_ids: Collection[int] | None = None) -> None:
    """Recompute the step rollups of these offices (``None``: every office) from all their
    rows, in the caller's transaction."""
    scope = [] if office_ids is None else [Visit.office_id.in_(sorted(set(office_ids)))]
    for model in (StepTimeMonth, StepTimeDay, StepDay):
        statement = delete(model)
        if office_ids is not None:
            statement = statement.where(model.office_id.in_(sorted(set(office_ids))))
        session.execute(statement)
    session.execute(
        insert(StepTimeDay).from_select(list(DISTRIBUTION_COLUMNS), _distributions(session, scope))
    )
    session.execute(
        insert(StepDay).from_select(list(STEP_DAY_COLUMNS), _step_counts(session, scope))
    )
    day_table = StepTimeDay.__table__
    month = month_of(session, day_table.c.visit_date)
    monthly = select(
        day_table.c.office_id,
        month,
        day_table.c.measure,
        day_table.c.step_number,
        day_table.c.seconds,
        func.sum(day_table.c.count),
    ).group_by(
        day_table.c.office_id,
        month,
        day_table.c.measure,
        day_table.c.step_number,
        day_table.c.seconds,
    )
    if office_ids is not None:
        monthly = monthly.where(day_table.c.office_id.in_(sorted(set(office_ids))))
    session.execute(
        insert(StepTimeMonth).from_select(
            ["office_id", "month", "measure", "step_number", "seconds", "count"], monthly
        )
    )
