"""The rollups of visits (tables ``visit_day``, ``visit_hour``, ``visit_day_count``,
``visit_month_count``), by the rules of DESIGN.md ("Daily visitors", "Referral rate"):

- ``visit_day``: per office and visit day, the admitted visits (imported included), the
  refused at screening, and among the admitted the imported, the returning (the visitor has
  an earlier visit, at any office), those outside service hours; the admitted visits with a
  referred request (``available`` false) and with a decided one (``available`` not NULL),
  and those requests; every request of the day's visits (whatever their screening).
  Pending screening is in none of the visit counts.
- ``visit_hour``: arrivals (admitted, refused) by office-local hour of ``arrived_at``.
- ``visit_day_count``: admitted visits by service type, by each profile field of the visitor
  and by age on the visit day (visit year − birth year); the agencies referred to (by
  directory entry in ``number``, or the typed name in ``value``: visits and requests); the
  publications linked to their requests (``number``: the publication; requests).
- ``visit_month_count``: ``visit_day_count`` added up per calendar month.
- ``referred_request``: each request the library could not answer, with its visit's office
  and day (the unmet demand's rows, without a join).

``db.rollups`` says when a day is recomputed; this module says how, from the raw rows.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlalchemy import (
    Delete,
    Insert,
    Integer,
    String,
    bindparam,
    case,
    cast,
    delete,
    extract,
    func,
    insert,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from db.models import (
    NO_NUMBER,
    NO_VALUE,
    DataRequest,
    DataRequestPublication,
    ReferredRequest,
    Visit,
    VisitDay,
    VisitDayCount,
    VisitHour,
    VisitMonthCount,
    Visitor,
)
from db.queries.metrics import (
    as_date,
    is_postgresql,
    local_hour,
    month_of,
    next_month,
    offset_groups,
)

SERVICE_TYPE = "service_type"
PROFILE_FIELDS: tuple[str, ...] = ("education", "occupation", "institution_type", "gender")
"""The visitor's columns the profile counts by, besides the age."""
AGE = "age"
AGENCY = "agency"
PUBLICATION = "publication"
"""The ``dimension`` of each kind of ``visit_day_count`` row."""

VISIT_DAY_COLUMNS = (
    "office_id",
    "visit_date",
    "admitted",
    "refused",
    "imported",
    "returning_visits",
    "outside_hours",
    "visits_referred",
    "visits_decided",
    "requests_referred",
    "requests_decided",
    "requests",
)
VISIT_HOUR_COLUMNS = ("office_id", "visit_date", "hour", "admitted", "refused")
COUNT_COLUMNS = ("office_id", "visit_date", "dimension", "value", "number", "visits", "requests")


# -- the definitions, from the raw rows -----------------------------------------------------------


def _returning() -> ColumnElement[bool]:
    """The visit's visitor has an earlier visit (an earlier arrival; the same moment: a
    smaller id)."""
    earlier = Visit.__table__.alias("earlier")
    return (
        select(earlier.c.id)
        .where(
            earlier.c.visitor_id == Visit.visitor_id,
            (earlier.c.arrived_at < Visit.arrived_at)
            | ((earlier.c.arrived_at == Visit.arrived_at) & (earlier.c.id < Visit.id)),
        )
        .exists()
    )


def _visit_days(conditions: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """The columns of ``visit_day`` for the visits meeting ``conditions``."""
    referred = case((DataRequest.available.is_(False), 1), else_=0)
    decided = case((DataRequest.available.is_not(None), 1), else_=0)
    per_visit = (
        select(
            DataRequest.visit_id,
            func.sum(referred).label("referred"),
            func.sum(decided).label("decided"),
            func.count(DataRequest.id).label("asked"),
        )
        .join(Visit, Visit.id == DataRequest.visit_id)
        .where(*conditions)
        .group_by(DataRequest.visit_id)
        .subquery("per_visit")
    )
    admitted = Visit.admitted.is_(True)
    return (
        select(
            Visit.office_id,
            Visit.visit_date,
            func.count(Visit.id).filter(admitted),
            func.count(Visit.id).filter(Visit.admitted.is_(False)),
            func.count(Visit.id).filter(admitted, Visit.imported.is_(True)),
            func.count(Visit.id).filter(admitted, Visit.visitor_id.is_not(None), _returning()),
            func.count(Visit.id).filter(admitted, Visit.outside_service_hours.is_(True)),
            func.count(Visit.id).filter(admitted, per_visit.c.referred > 0),
            func.count(Visit.id).filter(admitted, per_visit.c.decided > 0),
            func.coalesce(func.sum(per_visit.c.referred).filter(admitted), 0),
            func.coalesce(func.sum(per_visit.c.decided).filter(admitted), 0),
            func.coalesce(func.sum(per_visit.c.asked), 0),
        )
        .outerjoin(per_visit, per_visit.c.visit_id == Visit.id)
        .where(*conditions)
        .group_by(Visit.office_id, Visit.visit_date)
    )


def _visit_hours(
    session: Session, conditions: Sequence[ColumnElement[bool]], offset: int
) -> Select[Any]:
    """The columns of ``visit_hour`` for visits at ``offset`` seconds from UTC."""
    hour = local_hour(session, Visit.arrived_at, offset)
    return (
        select(
            Visit.office_id,
            Visit.visit_date,
            hour,
            func.count(Visit.id).filter(Visit.admitted.is_(True)),
            func.count(Visit.id).filter(Visit.admitted.is_(False)),
        )
        .where(*conditions, Visit.admitted.is_not(None))
        .group_by(Visit.office_id, Visit.visit_date, hour)
    )


def _visit_year(session: Session) -> ColumnElement[int]:
    if is_postgresql(session):
        return cast(extract("year", Visit.visit_date), Integer)
    return cast(func.strftime("%Y", Visit.visit_date), Integer)


def _counted(
    dimension: str,
    value: ColumnElement[Any],
    number: ColumnElement[Any],
    visits: ColumnElement[int],
    requests: ColumnElement[int],
) -> list[ColumnElement[Any]]:
    return [
        Visit.office_id,
        Visit.visit_date,
        literal(dimension).label("dimension"),
        func.coalesce(cast(value, String(200)), NO_VALUE).label("value"),
        func.coalesce(cast(number, Integer), NO_NUMBER).label("number"),
        visits.label("visits"),
        requests.label("requests"),
    ]


def _visit_counts(session: Session, conditions: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """The columns of ``visit_day_count`` for the admitted visits meeting ``conditions``."""
    admitted = [*conditions, Visit.admitted.is_(True)]
    day = (Visit.office_id, Visit.visit_date)
    visits = func.count(Visit.id)
    service = (
        select(*_counted(SERVICE_TYPE, Visit.service_type, null(), visits, literal(0)))
        .where(*admitted)
        .group_by(*day, Visit.service_type)
    )
    age = cast(_visit_year(session) - Visitor.birth_year, Integer)
    profile = [
        select(*_counted(name, column, null(), visits, literal(0)))
        .select_from(Visit)
        .outerjoin(Visitor, Visitor.id == Visit.visitor_id)
        .where(*admitted)
        .group_by(*day, column)
        for name, column in (
            *((name, getattr(Visitor, name)) for name in PROFILE_FIELDS),
            (AGE, age),
        )
    ]
    typed = case((DataRequest.referred_agency_id.is_(None), DataRequest.referred_agency))
    agencies = (
        select(
            *_counted(
                AGENCY,
                typed,
                DataRequest.referred_agency_id,
                func.count(func.distinct(Visit.id)),
                func.count(DataRequest.id),
            )
        )
        .join(Visit, Visit.id == DataRequest.visit_id)
        .where(*admitted, DataRequest.available.is_(False))
        .group_by(*day, DataRequest.referred_agency_id, typed)
    )
    publications = (
        select(
            *_counted(
                PUBLICATION,
                null(),
                DataRequestPublication.publication_id,
                literal(0),
                func.count(DataRequestPublication.data_request_id),
            )
        )
        .select_from(DataRequestPublication)
        .join(DataRequest, DataRequest.id == DataRequestPublication.data_request_id)
        .join(Visit, Visit.id == DataRequest.visit_id)
        .where(*admitted)
        .group_by(*day, DataRequestPublication.publication_id)
    )
    return union_all(service, *profile, agencies, publications)  # type: ignore[return-value]


def _referred_requests(conditions: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """The columns of ``referred_request`` for the visits meeting ``conditions`` (whatever
    their screening, as the unmet demand counts them)."""
    return (
        select(
            DataRequest.id,
            Visit.office_id,
            Visit.visit_date,
            DataRequest.description,
            DataRequest.referred_agency,
        )
        .join(Visit, Visit.id == DataRequest.visit_id)
        .where(*conditions, DataRequest.available.is_(False))
    )


REFERRED_COLUMNS = ("data_request_id", "office_id", "visit_date", "description", "referred_agency")


def _monthly(session: Session, conditions: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """``visit_month_count`` rows from the ``visit_day_count`` rows meeting ``conditions``."""
    table = VisitDayCount.__table__.c
    month = month_of(session, table.visit_date)
    keys = (table.office_id, month, table.dimension, table.value, table.number)
    return (
        select(*keys, func.sum(table.visits), func.sum(table.requests))
        .where(*conditions)
        .group_by(*keys)
    )


MONTH_COLUMNS = ("office_id", "month", "dimension", "value", "number", "visits", "requests")


# -- keeping them exact, day by day ---------------------------------------------------------------


def _end_of_month(month: date) -> date:
    return next_month(month) - timedelta(days=1)


class _DayStatements(NamedTuple):
    """The statements of one office day's refresh, built once per database dialect and UTC
    offset (their office, day and month are parameters: ``office_id``, ``day``, ``month``,
    ``month_end``)."""

    forget: tuple[Delete, ...]
    count: tuple[Insert, ...]
    forget_month: Delete
    count_month: Insert


_STATEMENTS: dict[tuple[str, int], _DayStatements] = {}


def _day_statements(session: Session, offset: int) -> _DayStatements:
    key = (session.get_bind().dialect.name, offset)
    if key not in _STATEMENTS:
        office, day = bindparam("office_id"), bindparam("day")
        raw = [Visit.office_id == office, Visit.visit_date == day]
        days = VisitDayCount.__table__.c
        in_month = [
            days.office_id == office,
            days.visit_date.between(bindparam("month"), bindparam("month_end")),
        ]
        _STATEMENTS[key] = _DayStatements(
            forget=tuple(
                delete(model.__table__).where(
                    model.__table__.c.office_id == office, model.__table__.c.visit_date == day
                )
                for model in (VisitDay, VisitHour, VisitDayCount, ReferredRequest)
            ),
            count=(
                insert(VisitDay.__table__).from_select(list(VISIT_DAY_COLUMNS), _visit_days(raw)),
                insert(VisitHour.__table__).from_select(
                    list(VISIT_HOUR_COLUMNS), _visit_hours(session, raw, offset)
                ),
                insert(VisitDayCount.__table__).from_select(
                    list(COUNT_COLUMNS), _visit_counts(session, raw)
                ),
                insert(ReferredRequest.__table__).from_select(
                    list(REFERRED_COLUMNS), _referred_requests(raw)
                ),
            ),
            forget_month=delete(VisitMonthCount.__table__).where(
                VisitMonthCount.__table__.c.office_id == office,
                VisitMonthCount.__table__.c.month == bindparam("month"),
            ),
            count_month=insert(VisitMonthCount.__table__).from_select(
                list(MONTH_COLUMNS), _monthly(session, in_month)
            ),
        )
    return _STATEMENTS[key]


def refresh(session: Session, office_id: int, day: date, offset: int) -> None:
    """Recompute the office's day (``offset``: the office's seconds from UTC) from its raw
    rows, and its month's counts from its days."""
    statements = _day_statements(session, offset)
    month = day.replace(day=1)
    where = {"office_id": office_id, "day": day, "month": month, "month_end": _end_of_month(month)}
    for statement in (*statements.forget, *statements.count):
        session.execute(statement, where)
    session.execute(statements.forget_month, where)
    session.execute(statements.count_month, where)


def rebuild(session: Session, office_ids: Collection[int] | None = None) -> None:
    """Recompute the visit rollups of these offices (``None``: every office) from all their
    rows, in the caller's transaction."""
    chosen = None if office_ids is None else sorted(set(office_ids))
    for model in (VisitMonthCount, VisitDayCount, VisitHour, VisitDay, ReferredRequest):
        statement = delete(model)
        if chosen is not None:
            statement = statement.where(model.office_id.in_(chosen))
        session.execute(statement)
    scope = [] if chosen is None else [Visit.office_id.in_(chosen)]
    session.execute(insert(VisitDay).from_select(list(VISIT_DAY_COLUMNS), _visit_days(scope)))
    session.execute(
        insert(VisitDayCount).from_select(list(COUNT_COLUMNS), _visit_counts(session, scope))
    )
    session.execute(
        insert(ReferredRequest).from_select(list(REFERRED_COLUMNS), _referred_requests(scope))
    )
    span = session.execute(
        select(func.min(Visit.visit_date), func.max(Visit.visit_date)).where(*scope)
    ).one()
    if span[0] is not None:
        first, last = (as_date(value) for value in span)
        for offset, offices in offset_groups(session, chosen, first, last):
            grouped = [*scope, Visit.office_id.in_(offices)]
            session.execute(
                insert(VisitHour).from_select(
                    list(VISIT_HOUR_COLUMNS), _visit_hours(session, grouped, offset)
                )
            )
    days = VisitDayCount.__table__.c
    counted = [] if chosen is None else [days.office_id.in_(chosen)]
    session.execute(
        insert(VisitMonthCount).from_select(list(MONTH_COLUMNS), _monthly(session, counted))
    )


def office_offsets(
    session: Session, office_ids: Collection[int], first_day: date, last_day: date
) -> dict[int, int]:
    """Each office's seconds from UTC over ``first_day`` … ``last_day`` (one statement)."""
    return {
        office_id: offset
        for offset, offices in offset_groups(session, sorted(set(office_ids)), first_day, last_day)
        for office_id in offices
    }
