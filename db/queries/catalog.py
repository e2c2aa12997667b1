"""Queries about the catalog, for its writes."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Publication


def publication_by_number(
    session: Session, office_id: int, catalog_number: str
) -> Publication | None:
    """The office's publication with this catalog number, if any."""
    return session.scalar(
        select(Publication).where(
            Publication.office_id == office_id, Publication.catalog_number == catalog_number
        )
    )


def publications_by_numbers(
    session: Session, office_id: int, catalog_numbers: Sequence[str]
) -> Sequence[Publication]:
    """The office's publications whose catalog number is one of ``catalog_numbers``."""
    return session.scalars(
        select(Publication).where(
            Publication.office_id == office_id, Publication.catalog_number.in_(catalog_numbers)
        )
    ).all()
