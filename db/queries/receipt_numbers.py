"""The receipt counter: the next number of an office's receipts in a year, taken inside the
sale's own transaction so the numbers stay unique and gapless (the printed form of the number
is ``dashboard.pnbp.receipt_numbers``)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import ReceiptCounter
from db.upsert import dialect_insert


def take_receipt_sequence(session: Session, office_id: int, year: int) -> int:
    """The next receipt sequence of the office and year, taken in the caller's transaction.

    The counter row is created when missing (``INSERT … ON CONFLICT DO NOTHING``: two first
    sales of a year cannot both create it), then incremented with ``UPDATE … RETURNING``. On
    PostgreSQL that UPDATE locks the row until the transaction ends, so simultaneous sales take
    turns and each sees the number the previous one committed; on SQLite the writing
    transaction already holds the database's write lock. A transaction that rolls back gives
    its number back: the sequence has no gaps.
    """
    table = ReceiptCounter.__table__
    session.execute(
        dialect_insert(session, table)
        .values(office_id=office_id, year=year, last_number=0)
        .on_conflict_do_nothing(index_elements=[table.c.office_id, table.c.year])
    )
    taken = session.execute(
        update(table)
        .where(table.c.office_id == office_id, table.c.year == year)
        .values(last_number=table.c.last_number + 1)
        .returning(table.c.last_number)
    ).scalar_one()
    return int(taken)


def last_receipt_sequence(session: Session, office_id: int, year: int) -> int:
    """The last sequence given in the year (0 when none yet)."""
    return (
        session.scalar(
            select(ReceiptCounter.last_number).where(
                ReceiptCounter.office_id == office_id, ReceiptCounter.year == year
            )
        )
        or 0
    )
