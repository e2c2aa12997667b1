"""PNBP revenue in SQL, defined once (DESIGN.md, "PNBP revenue"): the receipts books, the
treasurer's pages and every metric of the monitor, the trends page, the API and the report
count sales with these expressions.

- A sale is *counted* unless it is voided (as the books stand now): a void keeps its number
  and is counted beside the receipts, never inside.
- Revenue is the sum of the totals of the counted sales.
"""

from __future__ import annotations

from sqlalchemy import case, func
from sqlalchemy.sql.elements import ColumnElement

from db.models import Sale


def counted_sale() -> ColumnElement[bool]:
    """A sale that counts as a receipt and in revenue: one not voided."""
    return Sale.voided_at.is_(None)


def revenue_amount() -> ColumnElement[int]:
    """What one sale adds to PNBP revenue: its total, or nothing when it is voided."""
    return case((counted_sale(), Sale.total), else_=0)


def revenue() -> ColumnElement[int]:
    """PNBP revenue: the sum of the totals of the counted sales (0 when there are none)."""
    return func.coalesce(func.sum(revenue_amount()), 0)


def receipt_counts() -> tuple[ColumnElement[int], ColumnElement[int], ColumnElement[int]]:
    """(receipts counted, sales voided, revenue) of the sales selected."""
    counted = counted_sale()
    return func.count(Sale.id).filter(counted), func.count(Sale.id).filter(~counted), revenue()
