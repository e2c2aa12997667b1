"""The aggregates of the publications asked for and sold most.

- Asked for: the data requests of the scope's admitted visits (by visit day) to which the
  officer linked a publication at step 6 or 7 (``data_request_publication``); a publication
  counts once per request.
- Sold: the items of sales not voided (DESIGN.md, "PNBP revenue") paid in the scope (by the
  office-local day paid, as revenue is) that name a publication (hardcopy or softcopy); the
  copies (quantity) and the sales holding it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Publication, Sale, SaleItem
from db.queries.metrics import MetricScope, counts_in_scope, offset_groups
from db.queries.metrics_pnbp import paid_in
from db.queries.revenue import counted_sale
from db.rollups.visits import PUBLICATION


class PublicationCount(NamedTuple):
    """One publication: ``requests`` it answered, or ``copies`` sold in ``sales``."""

    publication_id: int
    catalog_number: str
    title: str
    year: int
    requests: int
    copies: int
    sales: int


def requested_publications(
    session: Session, scope: MetricScope, limit: int
) -> list[PublicationCount]:
    """The ``limit`` publications linked to the most data requests of the scope."""
    counts = counts_in_scope(scope, [PUBLICATION])
    count = func.sum(counts.c.requests)
    statement = (
        select(
            Publication.id, Publication.catalog_number, Publication.title, Publication.year, count
        )
        .join(Publication, Publication.id == counts.c.number)
        .group_by(Publication.id, Publication.catalog_number, Publication.title, Publication.year)
        .order_by(count.desc(), Publication.title, Publication.id)
        .limit(limit)
    )
    return [
        PublicationCount(int(pid), number, title, int(year), int(requests), 0, 0)
        for pid, number, title, year, requests in session.execute(statement)
    ]


def sold_publications(session: Session, scope: MetricScope, limit: int) -> list[PublicationCount]:
    """The ``limit`` publications sold in the most copies in the scope (then in most sales)."""
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for offset, office_ids in offset_groups(
        session, scope.office_ids, scope.first_day, scope.last_day
    ):
        statement = (
            select(
                SaleItem.publication_id,
                func.sum(SaleItem.quantity),
                func.count(func.distinct(SaleItem.sale_id)),
            )
            .join(Sale, Sale.id == SaleItem.sale_id)
            .where(
                *paid_in(office_ids, offset, scope.first_day, scope.last_day),
                counted_sale(),
                SaleItem.publication_id.is_not(None),
            )
            .group_by(SaleItem.publication_id)
        )
        for publication_id, copies, sales in session.execute(statement):
            totals[int(publication_id)][0] += int(copies or 0)
            totals[int(publication_id)][1] += int(sales)
    if not totals:
        return []
    found = session.execute(
        select(
            Publication.id, Publication.catalog_number, Publication.title, Publication.year
        ).where(Publication.id.in_(sorted(totals)))
    )
    rows = [
        PublicationCount(int(pid), number, title, int(year), 0, *totals[int(pid)])
        for pid, number, title, year in found
    ]
    rows.sort(key=lambda row: (-row.copies, -row.sales, row.title, row.publication_id))
    return rows[:limit]
