"""SOP step 9 paid: a sale recorded as a visitor's purchase.

The treasurer's books (``dashboard.pnbp``) know nothing of visits; a sale that pays for a
visit's purchase is given a ``VisitPurchase`` (their ``PayingVisit``): it checks the visit
waits for payment (step 9 open with the answer "buys") before the sale is priced, and ends
step 9 (queuing step 10) once the receipt is issued.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.pnbp.rules import SaleInput
from dashboard.pnbp.sales import record_sale
from dashboard.visits import services
from db.models import Sale, Visit


@dataclass
class VisitPurchase:
    """The visit a sale pays for (``dashboard.pnbp.sales.PayingVisit``)."""

    visit_id: int
    _visit: Visit | None = field(default=None, init=False, repr=False)

    def check(self, session: Session, actor: Actor) -> int:
        """The visit, locked, when it waits for the treasurer; ``InputError`` otherwise."""
        self._visit = services.visit_awaiting_payment(session, actor, self.visit_id)
        return self._visit.id

    def receipt_issued(self, session: Session, actor: Actor, sale: Sale) -> None:
        """The receipt ends step 9 at ``actor.now``; the visitor then waits for step 10."""
        if self._visit is None:
            raise RuntimeError("receipt_issued before check")
        services.end_purchase_with_receipt(session, actor, self._visit)


def record_visit_purchase(
    session: Session, actor: Actor, data: SaleInput, visit_id: int | None
) -> Sale:
    """Record the sale of ``data``: the purchase of visit ``visit_id`` at step 9, or a walk-in
    buyer's sale when ``visit_id`` is None (``dashboard.pnbp.sales.record_sale``)."""
    paying = VisitPurchase(visit_id) if visit_id is not None else None
    return record_sale(session, actor, data, paying_visit=paying)
