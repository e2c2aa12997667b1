"""The aggregates of who came and for what (DESIGN.md, "Daily visitors"): the PST service type
of the admitted visits of a scope, and their visitors' profile (education, occupation,
institution type, gender, age on the visit day). Counted per admitted visit, imported visits
included (a visitor who came twice counts twice); a visit with no guest-book entry yet, or a
field left empty, counts under ``None`` (*tidak diketahui*).
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Integer, cast, extract, func, literal, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from db.models import LookupOption, Visit, Visitor
from db.queries.metrics import MetricScope, is_postgresql, visits_in_scope

PROFILE_FIELDS: tuple[str, ...] = ("education", "occupation", "institution_type", "gender")
"""The visitor's columns the profile counts by, besides the age."""
AGE = "age"
"""The dimension of ``ProfileRow`` holding the age in whole years (visit year − birth year)."""


class CodeCount(NamedTuple):
    """Admitted visits of one code (``None``: none recorded)."""

    code: str | None
    visits: int


class ProfileRow(NamedTuple):
    """Admitted visits of one value of one dimension (a field of ``PROFILE_FIELDS`` or
    ``AGE``, whose value is the age as text); ``None``: not known."""

    dimension: str
    value: str | None
    visits: int


def _admitted(scope: MetricScope) -> list[ColumnElement[bool]]:
    return [*visits_in_scope(scope), Visit.admitted.is_(True)]


def service_types(session: Session, scope: MetricScope) -> list[CodeCount]:
    """Admitted visits of the scope by ``visit.service_type``, most first."""
    count = func.count(Visit.id)
    statement = (
        select(Visit.service_type, count)
        .where(*_admitted(scope))
        .group_by(Visit.service_type)
        .order_by(count.desc(), Visit.service_type)
    )
    return [CodeCount(code, int(visits)) for code, visits in session.execute(statement)]


def _visit_year(session: Session) -> ColumnElement[int]:
    if is_postgresql(session):
        return cast(extract("year", Visit.visit_date), Integer)
    return cast(func.strftime("%Y", Visit.visit_date), Integer)


def visitor_profile(session: Session, scope: MetricScope) -> list[ProfileRow]:
    """Admitted visits of the scope by each profile field and by age, in one statement (one
    small grouped select per dimension, united)."""
    age = cast(_visit_year(session) - Visitor.birth_year, Integer)
    dimensions: list[tuple[str, ColumnElement[object]]] = [
        *((name, getattr(Visitor, name)) for name in PROFILE_FIELDS),
        (AGE, age),
    ]
    parts = [
        select(
            literal(name).label("dimension"),
            cast(column, Visitor.education.type).label("value"),
            func.count(Visit.id).label("visits"),
        )
        .select_from(Visit)
        .outerjoin(Visitor, Visitor.id == Visit.visitor_id)
        .where(*_admitted(scope))
        .group_by(column)
        for name, column in dimensions
    ]
    return [
        ProfileRow(str(dimension), None if value is None else str(value), int(visits))
        for dimension, value, visits in session.execute(union_all(*parts))
    ]


def option_labels(session: Session) -> dict[tuple[str, str], str]:
    """Every lookup option's label by (kind, code), retired ones included (old visits keep
    their codes)."""
    rows = session.execute(select(LookupOption.kind, LookupOption.code, LookupOption.label))
    return {(kind, code): label for kind, code, label in rows}
