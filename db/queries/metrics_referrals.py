"""The aggregates of referrals (DESIGN.md, "Referral rate"), over admitted visits of a scope of
visit days, imported ones included.

A request is *decided* when step 7 said whether BPS has it (``available`` is not NULL), and
*referred* when it did not (``available`` is false: the visitor is sent to another agency, the
same rule as ``db.queries.unmet_demand``). Agencies are counted by directory entry
(``referred_agency_id``), or by the name typed where none was chosen.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from db.models import Agency, DataRequest, Visit
from db.queries.metrics import MetricScope, as_date, visits_in_scope


class ReferralDayRow(NamedTuple):
    """One visit day: admitted visits with a referred request and with a decided request;
    referred and decided requests (additive, so days add up into any period)."""

    day: date
    visits_referred: int
    visits_decided: int
    requests_referred: int
    requests_decided: int


class AgencyRow(NamedTuple):
    """An agency visitors were referred to: ``agency_id`` (``None`` for a typed name), its name
    (the directory's, or as typed; ``None`` when the request records none), the admitted visits
    referred to it and the requests."""

    agency_id: int | None
    name: str | None
    visits: int
    requests: int


def _admitted_in(scope: MetricScope) -> list[ColumnElement[bool]]:
    return [*visits_in_scope(scope), Visit.admitted.is_(True)]


def referrals_by_day(session: Session, scope: MetricScope) -> list[ReferralDayRow]:
    """The scope's visit days with a decided request, in order."""
    referred = case((DataRequest.available.is_(False), 1), else_=0)
    decided = case((DataRequest.available.is_not(None), 1), else_=0)
    per_visit = (
        select(
            Visit.visit_date.label("day"),
            func.sum(referred).label("referred"),
            func.sum(decided).label("decided"),
        )
        .join(DataRequest, DataRequest.visit_id == Visit.id)
        .where(*_admitted_in(scope))
        .group_by(Visit.id, Visit.visit_date)
        .subquery("per_visit")
    )
    statement = (
        select(
            per_visit.c.day,
            func.count().filter(per_visit.c.referred > 0),
            func.count().filter(per_visit.c.decided > 0),
            func.sum(per_visit.c.referred),
            func.sum(per_visit.c.decided),
        )
        .group_by(per_visit.c.day)
        .having(func.sum(per_visit.c.decided) > 0)
        .order_by(per_visit.c.day)
    )
    return [
        ReferralDayRow(as_date(day), *(int(value or 0) for value in counts))
        for day, *counts in session.execute(statement)
    ]


def top_referral_agencies(session: Session, scope: MetricScope, limit: int = 10) -> list[AgencyRow]:
    """The agencies referred to most (by visits, then requests, then name)."""
    typed = case((DataRequest.referred_agency_id.is_(None), DataRequest.referred_agency))
    name = func.coalesce(Agency.name, typed)
    visits = func.count(func.distinct(Visit.id))
    requests = func.count(DataRequest.id)
    statement = (
        select(DataRequest.referred_agency_id, name, visits, requests)
        .join(Visit, Visit.id == DataRequest.visit_id)
        .outerjoin(Agency, Agency.id == DataRequest.referred_agency_id)
        .where(*_admitted_in(scope), DataRequest.available.is_(False))
        .group_by(DataRequest.referred_agency_id, Agency.name, typed)
        .order_by(visits.desc(), requests.desc(), name.asc().nulls_last())
        .limit(limit)
    )
    return [
        AgencyRow(agency_id, found_name, int(count), int(asked))
        for agency_id, found_name, count, asked in session.execute(statement)
    ]
