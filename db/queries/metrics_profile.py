"""The aggregates of who came and for what (DESIGN.md, "Daily visitors"): the PST service type
of the admitted visits of a scope, and their visitors' profile (education, occupation,
institution type, gender, age on the visit day). Counted per admitted visit, imported visits
included (a visitor who came twice counts twice); a visit with no guest-book entry yet, or a
field left empty, counts under ``None`` (*tidak diketahui*).
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import LookupOption
from db.queries.metrics import MetricScope, counts_in_scope
from db.rollups.visits import AGE, PROFILE_FIELDS, SERVICE_TYPE


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


def service_types(session: Session, scope: MetricScope) -> list[CodeCount]:
    """Admitted visits of the scope by ``visit.service_type``, most first."""
    counts = counts_in_scope(scope, [SERVICE_TYPE])
    visits = func.sum(counts.c.visits)
    statement = (
        select(counts.c.value, visits)
        .group_by(counts.c.value)
        .order_by(visits.desc(), counts.c.value)
    )
    return [CodeCount(code, int(found)) for code, found in session.execute(statement)]


def visitor_profile(session: Session, scope: MetricScope) -> list[ProfileRow]:
    """Admitted visits of the scope by each profile field and by age."""
    counts = counts_in_scope(scope, [*PROFILE_FIELDS, AGE])
    statement = select(counts.c.dimension, counts.c.value, func.sum(counts.c.visits)).group_by(
        counts.c.dimension, counts.c.value
    )
    return [
        ProfileRow(str(dimension), None if value is None else str(value), int(visits))
        for dimension, value, visits in session.execute(statement)
    ]


def option_labels(session: Session) -> dict[tuple[str, str], str]:
    """Every lookup option's label by (kind, code), retired ones included (old visits keep
    their codes)."""
    rows = session.execute(select(LookupOption.kind, LookupOption.code, LookupOption.label))
    return {(kind, code): label for kind, code, label in rows}
