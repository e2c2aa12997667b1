"""Queries about the catalog, for its writes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Publication


@dataclass(frozen=True)
class CatalogColumns:
    """The columns describing a catalog entry, in form order: what the admin types, an
    import row holds and the catalog grid lists (each of those adds its own)."""

    catalog_number: str
    title: str
    year: int
    subject: str
    region: str | None
    isbn: str | None
    issn: str | None
    has_hardcopy: bool
    hardcopy_stock: int
    shelf_location: str | None
    has_softcopy: bool


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
