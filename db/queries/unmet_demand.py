"""Unmet demand: the data requests BPS could not answer (``data_request.available`` is false,
the visitor was referred elsewhere), over a period of visit days.

Filtering by office and period, and counting, happen in SQL: identical request texts referred
to the same agency come back as one row with their count. Grouping the texts into topics
needs the Indonesian stemmer and is done in ``dashboard.library.unmet_demand``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import ReferredRequest, VisitDay


@dataclass(frozen=True)
class UnmetRow:
    """Requests with one wording, referred to one agency (None: no agency recorded)."""

    description: str
    referred_agency: str | None
    count: int
    last_asked: date


Offices = int | Sequence[int] | None
"""One office, several, or (``None``) every office of the database."""


def unmet_requests(
    session: Session, office_id: Offices, first_day: date, last_day: date
) -> list[UnmetRow]:
    """Requests not available at the desk, on visits of the office whose visit day is in
    ``first_day`` … ``last_day`` (inclusive), counted per wording and agency (from the rollup
    ``referred_request``, ``db.rollups.visits``)."""
    count = func.count(ReferredRequest.data_request_id)
    offices = [] if office_id is None else [ReferredRequest.office_id.in_(_office_ids(office_id))]
    rows = session.execute(
        select(
            ReferredRequest.description,
            ReferredRequest.referred_agency,
            count.label("count"),
            func.max(ReferredRequest.visit_date).label("last_asked"),
        )
        .where(*offices, ReferredRequest.visit_date.between(first_day, last_day))
        .group_by(ReferredRequest.description, ReferredRequest.referred_agency)
        .order_by(count.desc(), ReferredRequest.description)
    )
    return [UnmetRow(*row) for row in rows]


def requests_in_period(
    session: Session, office_id: Offices, first_day: date, last_day: date
) -> int:
    """Every data request of the period's visits (answered, referred or not yet decided): the
    base of each topic's share (from the rollup ``visit_day``, ``db.rollups.visits``)."""
    offices = [] if office_id is None else [VisitDay.office_id.in_(_office_ids(office_id))]
    return int(
        session.scalar(
            select(func.coalesce(func.sum(VisitDay.requests), 0)).where(
                *offices, VisitDay.visit_date.between(first_day, last_day)
            )
        )
        or 0
    )


def _office_ids(offices: int | Sequence[int]) -> tuple[int, ...]:
    return (offices,) if isinstance(offices, int) else tuple(offices)
