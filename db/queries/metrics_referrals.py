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

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Agency, VisitDay
from db.queries.metrics import MetricScope, as_date, counts_in_scope, in_offices
from db.rollups.visits import AGENCY


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


def referrals_by_day(session: Session, scope: MetricScope) -> list[ReferralDayRow]:
    """The scope's visit days with a decided request, in order (from the rollup
    ``visit_day``, ``db.rollups.visits``)."""
    decided = func.sum(VisitDay.requests_decided)
    statement = (
        select(
            VisitDay.visit_date,
            func.sum(VisitDay.visits_referred),
            func.sum(VisitDay.visits_decided),
            func.sum(VisitDay.requests_referred),
            decided,
        )
        .where(
            *in_offices(VisitDay.office_id, scope.office_ids),
            VisitDay.visit_date.between(scope.first_day, scope.last_day),
        )
        .group_by(VisitDay.visit_date)
        .having(decided > 0)
        .order_by(VisitDay.visit_date)
    )
    return [
        ReferralDayRow(as_date(day), *(int(value or 0) for value in counts))
        for day, *counts in session.execute(statement)
    ]


def top_referral_agencies(session: Session, scope: MetricScope, limit: int = 10) -> list[AgencyRow]:
    """The agencies referred to most (by visits, then requests, then name)."""
    counts = counts_in_scope(scope, [AGENCY])
    name = func.coalesce(Agency.name, counts.c.value)
    visits, requests = func.sum(counts.c.visits), func.sum(counts.c.requests)
    statement = (
        select(counts.c.number, name, visits, requests)
        .outerjoin(Agency, Agency.id == counts.c.number)
        .group_by(counts.c.number, counts.c.value, Agency.name)
        .order_by(visits.desc(), requests.desc(), name.asc().nulls_last())
        .limit(limit)
    )
    return [
        AgencyRow(agency_id, found_name, int(count), int(asked))
        for agency_id, found_name, count, asked in session.execute(statement)
    ]
