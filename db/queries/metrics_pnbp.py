"""The aggregates of PNBP (DESIGN.md, "PNBP revenue"), by the office-local day paid.

- Revenue: the sum of the totals of sales not voided (as the books stand now).
- Sales (receipts) of a period: sales not voided paid in it, imported ones included; voided
  sales are counted beside them, never inside.
- Zero-rupiah sales: sales not voided recorded with a zero-rupiah reason (receipts, Rp0).
- The undeposited balance at the end of a day: money of sales recorded here (not imported,
  not voided, above Rp0) paid by the end of that day and not deposited on or before it.

``sale.paid_at`` is UTC: the period becomes a half-open range of UTC moments per UTC offset
(so ``ix_sale_office_paid_at`` serves it) and the local day is taken at that offset.

What a counted sale and revenue are is ``db.queries.revenue``'s, shared with the books.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from db.models import Deposit, Sale, SaleItem
from db.queries.metrics import MetricScope, as_date, day_start_utc, local_day, offset_groups
from db.queries.revenue import counted_sale, revenue


class RevenueDayRow(NamedTuple):
    """One local day paid: receipts (sales not voided, imported included), revenue (their
    totals), zero-rupiah receipts, imported receipts, and voided sales (beside, not inside)."""

    day: date
    receipts: int
    revenue: int
    zero_rupiah: int
    imported: int
    voided: int


class KindDayRow(NamedTuple):
    """Revenue of one item kind (``sale_item.item_kind``) on one local day paid."""

    day: date
    item_kind: str
    revenue: int


def paid_in(
    office_ids: Sequence[int], offset: int, first: date, last: date
) -> list[ColumnElement[bool]]:
    return [
        Sale.office_id.in_(tuple(office_ids)),
        Sale.paid_at >= day_start_utc(first, offset),
        Sale.paid_at < day_start_utc(last + timedelta(days=1), offset),
    ]


def revenue_by_day(session: Session, scope: MetricScope) -> list[RevenueDayRow]:
    """The scope's local days with a sale (voided ones too), in order."""
    totals: dict[date, list[int]] = defaultdict(lambda: [0] * 5)
    counted = counted_sale()
    for offset, office_ids in offset_groups(
        session, scope.office_ids, scope.first_day, scope.last_day
    ):
        day = local_day(session, Sale.paid_at, offset).label("day")
        statement = (
            select(
                day,
                func.count(Sale.id).filter(counted),
                revenue(),
                func.count(Sale.id).filter(counted, Sale.zero_rupiah_reason.is_not(None)),
                func.count(Sale.id).filter(counted, Sale.imported.is_(True)),
                func.count(Sale.id).filter(~counted),
            )
            .where(*paid_in(office_ids, offset, scope.first_day, scope.last_day))
            .group_by(day)
        )
        for found, *values in session.execute(statement):
            running = totals[as_date(found)]
            for index, value in enumerate(values):
                running[index] += int(value or 0)
    return [RevenueDayRow(day, *values) for day, values in sorted(totals.items())]


def revenue_by_kind(session: Session, scope: MetricScope) -> list[KindDayRow]:
    """Revenue per local day paid and item kind (the items of sales not voided)."""
    totals: dict[tuple[date, str], int] = defaultdict(int)
    for offset, office_ids in offset_groups(
        session, scope.office_ids, scope.first_day, scope.last_day
    ):
        day = local_day(session, Sale.paid_at, offset).label("day")
        statement = (
            select(day, SaleItem.item_kind, func.sum(SaleItem.amount))
            .join(SaleItem, SaleItem.sale_id == Sale.id)
            .where(*paid_in(office_ids, offset, scope.first_day, scope.last_day), counted_sale())
            .group_by(day, SaleItem.item_kind)
        )
        for found, kind, amount in session.execute(statement):
            totals[(as_date(found), kind)] += int(amount or 0)
    return [KindDayRow(day, kind, amount) for (day, kind), amount in sorted(totals.items())]


def undeposited_at_end(session: Session, office_ids: Sequence[int] | None, day: date) -> int:
    """The money not yet deposited at the end of local ``day`` (see the module's rules)."""
    total = 0
    for offset, ids in offset_groups(session, office_ids, day, day):
        statement = (
            select(func.coalesce(func.sum(Sale.total), 0))
            .outerjoin(Deposit, Deposit.id == Sale.deposit_id)
            .where(
                Sale.office_id.in_(ids),
                Sale.imported.is_(False),
                counted_sale(),
                Sale.total > 0,
                Sale.paid_at < day_start_utc(day + timedelta(days=1), offset),
                or_(Sale.deposit_id.is_(None), Deposit.deposited_on > day),
            )
        )
        total += int(session.scalar(statement) or 0)
    return total
