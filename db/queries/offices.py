"""Queries about offices."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Office


def lock_office(session: Session, office_id: int) -> Office:
    """Load the office, locking its row (PostgreSQL) for the rest of the transaction.

    Visit codes are numbered per office and day; holding this lock while numbering makes
    simultaneous arrivals at several desks take turns, so codes never clash or skip.
    """
    office = session.get(Office, office_id, with_for_update=True)
    if office is None:
        raise LookupError(f"office {office_id} does not exist")
    return office


def office(session: Session, office_id: int) -> Office:
    found = session.get(Office, office_id)
    if found is None:
        raise LookupError(f"office {office_id} does not exist")
    return found


def office_by_code(session: Session, code: str) -> Office | None:
    """The office with this code, if any."""
    return session.scalar(select(Office).where(Office.code == code))


class OfficeRow(NamedTuple):
    id: int
    code: str
    name: str


def all_offices(session: Session) -> list[OfficeRow]:
    """Every office of the database, by code (a province's PostgreSQL holds several)."""
    rows = session.execute(select(Office.id, Office.code, Office.name).order_by(Office.code))
    return [OfficeRow(*row) for row in rows]
