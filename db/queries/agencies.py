"""Queries about the agency directory, for its writes."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Agency


def agency_named(session: Session, office_id: int, name: str) -> Agency | None:
    """The office's agency with this name, whatever its case."""
    return session.scalar(
        select(Agency).where(Agency.office_id == office_id, func.lower(Agency.name) == name.lower())
    )


def agency_names(session: Session, office_id: int) -> list[str]:
    """The names of every agency of the office."""
    return list(session.scalars(select(Agency.name).where(Agency.office_id == office_id)))
