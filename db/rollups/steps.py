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
from sqlalchemy.schema import Table
from sqlalchemy.sql import Select, Subquery
from sqlalchemy.sql.elements import ColumnElement

from db.models import (
    STEP_DURATION,
    STEP_WAIT,
    VISIT_DONE,
    VISIT_SERVICE,
    CorrectionDay,
    SopStep,
    StepDay,
    StepMinutesDay,
    StepMinutesMonth,
    StepTimeCorrection,
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


def _corrections(conditions: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """Per office, visit day, step and officer: the columns of ``correction_day``. The officer
    is the one who recorded the time that was corrected: the step's ``started_by`` for a
    corrected start, ``ended_by`` for a corrected end (the one who corrected it when the step
    does not say)."""
    recorded_by = func.coalesce(
        case(
            (StepTimeCorrection.field_name == "started_at", VisitStep.started_by_id),
            else_=VisitStep.ended_by_id,
        ),
        StepTimeCorrection.corrected_by_id,
    )
    return (
        select(
            Visit.office_id,
            Visit.visit_date,
            VisitStep.step_number,
            recorded_by,
            func.count(StepTimeCorrection.id),
            func.count(func.distinct(VisitStep.id)),
        )
        .select_from(StepTimeCorrection)
        .join(VisitStep, VisitStep.id == StepTimeCorrection.visit_step_id)
        .join(Visit, Visit.id == VisitStep.visit_id)
        .where(*conditions)
        .group_by(Visit.office_id, Visit.visit_date, VisitStep.step_number, recorded_by)
    )


CORRECTION_COLUMNS = (
    "office_id",
    "visit_date",
    "step_number",
    "officer_id",
    "corrections",
    "steps_corrected",
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


class _Level(NamedTuple):
    """One of the four distribution tables: by day or month, by second or minute."""

    model: type[StepTimeDay] | type[StepTimeMonth] | type[StepMinutesDay] | type[StepMinutesMonth]
    day_column: str
    value_column: str

    @property
    def table(self) -> Table:
        return self.model.__table__  # type: ignore[return-value]

    def key(self) -> list[Any]:
        columns = self.table.c
        return [
            columns.office_id,
            columns[self.day_column],
            columns.measure,
            columns.step_number,
            columns[self.value_column],
        ]


SECONDS_OF_DAY = _Level(StepTimeDay, "visit_date", "seconds")
SECONDS_OF_MONTH = _Level(StepTimeMonth, "month", "seconds")
MINUTES_OF_DAY = _Level(StepMinutesDay, "visit_date", "minute")
MINUTES_OF_MONTH = _Level(StepMinutesMonth, "month", "minute")


def minute_of(seconds: ColumnElement[int]) -> ColumnElement[int]:
    """The whole minute that holds ``seconds`` (floor, negative times included), in SQL; the
    numerator is a multiple of 60, so integer division is exact on both databases."""
    return (seconds - ((seconds % 60) + 60) % 60) // 60


def by_minute(counts: dict[Key, int]) -> dict[Key, int]:
    """A distribution by second added up by whole minute (floor), zero sums left out."""
    minutes: dict[Key, int] = {}
    for (measure, step, seconds), count in counts.items():
        key = (measure, step, seconds // 60)
        minutes[key] = minutes.get(key, 0) + count
    return {key: count for key, count in minutes.items() if count}


class _DayStatements(NamedTuple):
    """The statements of one office day's refresh, built once per database dialect (their
    office and day are parameters: ``office_id``, ``day``)."""

    computed: Select[Any]
    stored: Select[Any]
    forget_distributions: tuple[Delete, ...]
    forget_counts: tuple[Delete, ...]
    count: tuple[Insert, ...]


_STATEMENTS: dict[str, _DayStatements] = {}


def _of_day(table: Table) -> list[ColumnElement[bool]]:
    return [table.c.office_id == bindparam("office_id"), table.c.visit_date == bindparam("day")]


def _day_statements(session: Session) -> _DayStatements:
    dialect = session.get_bind().dialect.name
    if dialect not in _STATEMENTS:
        raw = [Visit.office_id == bindparam("office_id"), Visit.visit_date == bindparam("day")]
        times = SECONDS_OF_DAY.table
        _STATEMENTS[dialect] = _DayStatements(
            computed=_distributions(session, raw),
            stored=select(*(times.c[name] for name in DISTRIBUTION_COLUMNS)).where(*_of_day(times)),
            forget_distributions=tuple(
                delete(level.table).where(*_of_day(level.table))
                for level in (SECONDS_OF_DAY, MINUTES_OF_DAY)
            ),
            forget_counts=tuple(
                delete(table).where(*_of_day(table))
                for table in (StepDay.__table__, CorrectionDay.__table__)
            ),
            count=(
                insert(StepDay.__table__).from_select(
                    list(STEP_DAY_COLUMNS), _step_counts(session, raw)
                ),
                insert(CorrectionDay.__table__).from_select(
                    list(CORRECTION_COLUMNS), _corrections(raw)
                ),
            ),
        )
    return _STATEMENTS[dialect]


def refresh(session: Session, office_id: int, day: date) -> None:
    """Recompute the office's day from its raw rows; move its month by the difference."""
    statements, where = _day_statements(session), {"office_id": office_id, "day": day}
    new = _distribution_of(session, statements.computed, where)
    stored = _distribution_of(session, statements.stored, where)
    if new != stored:
        for statement in statements.forget_distributions:
            session.execute(statement, where)
        for level, counts in ((SECONDS_OF_DAY, new), (MINUTES_OF_DAY, by_minute(new))):
            _insert(session, level, _rows(level, office_id, day, counts))
        change = _difference(new, stored)
        month = day.replace(day=1)
        for level, moved in ((SECONDS_OF_MONTH, change), (MINUTES_OF_MONTH, by_minute(change))):
            _move_month(session, level, office_id, month, moved)
    for statement in (*statements.forget_counts, *statements.count):
        session.execute(statement, where)


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


def _rows(level: _Level, office_id: int, day: date, counts: dict[Key, int]) -> list[dict[str, Any]]:
    return [
        {
            "office_id": office_id,
            level.day_column: day,
            "measure": measure,
            "step_number": step,
            level.value_column: value,
            "count": count,
        }
        for (measure, step, value), count in sorted(counts.items())
    ]


def _insert(session: Session, level: _Level, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), UPSERT_CHUNK):
        session.execute(insert(level.table), rows[start : start + UPSERT_CHUNK])


def _move_month(
    session: Session, level: _Level, office_id: int, month: date, change: dict[Key, int]
) -> None:
    """Add ``change`` to the office's month (a missing row starts at 0; rows left at 0 go)."""
    table = level.table
    rows = _rows(level, office_id, month, change)
    for start in range(0, len(rows), UPSERT_CHUNK):
        statement = dialect_insert(session, table).values(rows[start : start + UPSERT_CHUNK])
        session.execute(
            statement.on_conflict_do_update(
                index_elements=level.key(),
                set_={"count": table.c["count"] + statement.excluded["count"]},
            )
        )
    if any(count < 0 for count in change.values()):
        session.execute(
            delete(table).where(
                table.c.office_id == office_id, table.c.month == month, table.c["count"] <= 0
            )
        )


# -- rebuilding them whole ------------------------------------------------------------------------


def _added_up(
    session: Session, source: _Level, target: _Level, offices: list[int] | None
) -> Insert:
    """``target``'s rows from ``source``'s: by month and/or by minute."""
    columns = source.table.c
    day = columns[source.day_column]
    value = columns[source.value_column]
    keys = [
        columns.office_id,
        month_of(session, day) if target.day_column == "month" else day,
        columns.measure,
        columns.step_number,
        minute_of(value) if target.value_column != source.value_column else value,
    ]
    statement = select(*keys, func.sum(columns["count"])).group_by(*keys)
    if offices is not None:
        statement = statement.where(columns.office_id.in_(offices))
    names = ["office_id", target.day_column, "measure", "step_number", target.value_column, "count"]
    return insert(target.table).from_select(names, statement)


def rebuild(session: Session, office_ids: Collection[int] | None = None) -> None:
    """Recompute the step rollups of these offices (``None``: every office) from all their
    rows, in the caller's transaction."""
    offices = None if office_ids is None else sorted(set(office_ids))
    scope = [] if offices is None else [Visit.office_id.in_(offices)]
    levels = (SECONDS_OF_DAY, SECONDS_OF_MONTH, MINUTES_OF_DAY, MINUTES_OF_MONTH)
    for table in (*(level.table for level in levels), StepDay.__table__, CorrectionDay.__table__):
        statement = delete(table)
        if offices is not None:
            statement = statement.where(table.c.office_id.in_(offices))
        session.execute(statement)
    session.execute(
        insert(SECONDS_OF_DAY.table).from_select(
            list(DISTRIBUTION_COLUMNS), _distributions(session, scope)
        )
    )
    session.execute(
        insert(StepDay.__table__).from_select(list(STEP_DAY_COLUMNS), _step_counts(session, scope))
    )
    session.execute(
        insert(CorrectionDay.__table__).from_select(list(CORRECTION_COLUMNS), _corrections(scope))
    )
    for target in (SECONDS_OF_MONTH, MINUTES_OF_DAY):
        session.execute(_added_up(session, SECONDS_OF_DAY, target, offices))
    session.execute(_added_up(session, MINUTES_OF_DAY, MINUTES_OF_MONTH, offices))
