"""Reads for importing past guest books: which rows are in already, which receipt numbers
are taken, the imported visit codes of a day, and the visitors and agencies rows are matched
against."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Agency, Sale, Visit, Visitor

CHUNK = 500
"""Values per ``IN (…)`` list, well under every backend's limit on bound parameters."""

T = TypeVar("T")


def _chunks(values: Collection[T]) -> Iterator[list[T]]:
    ordered = list(values)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def imported_keys(session: Session, keys: Collection[str]) -> set[str]:
    """The ``keys`` some visit already carries as its ``import_key``."""
    found: set[str] = set()
    for chunk in _chunks(keys):
        found.update(session.scalars(select(Visit.import_key).where(Visit.import_key.in_(chunk))))
    return found


def taken_receipt_numbers(session: Session, numbers: Collection[str]) -> set[str]:
    """The receipt ``numbers`` a sale already has (receipt numbers are unique database-wide)."""
    found: set[str] = set()
    for chunk in _chunks(numbers):
        found.update(
            session.scalars(select(Sale.receipt_number).where(Sale.receipt_number.in_(chunk)))
        )
    return found


def imported_codes_on(
    session: Session, office_id: int, days: Collection[date]
) -> list[tuple[date, str]]:
    """(day, code) of the office's imported visits on ``days``."""
    rows: list[tuple[date, str]] = []
    for chunk in _chunks(days):
        statement = select(Visit.visit_date, Visit.code).where(
            Visit.office_id == office_id, Visit.imported.is_(True), Visit.visit_date.in_(chunk)
        )
        rows.extend((day, code) for day, code in session.execute(statement))
    return rows


def office_visitors(session: Session, office_id: int) -> Sequence[Visitor]:
    """Every visitor of the office, least recently updated first."""
    return session.scalars(
        select(Visitor)
        .where(Visitor.office_id == office_id)
        .order_by(Visitor.updated_at, Visitor.id)
    ).all()


def office_agencies(session: Session, office_id: int) -> Sequence[Agency]:
    """The office's agency directory, inactive entries included (a past referral may name
    an agency no longer in use)."""
    return session.scalars(
        select(Agency).where(Agency.office_id == office_id).order_by(Agency.active, Agency.id)
    ).all()
