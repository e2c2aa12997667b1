"""Reads of the admin pages of the library: the catalog and the agency directory as lists for
their grids, one entry for the edit form, and the catalog for export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Agency, Publication
from db.queries.catalog import CatalogColumns


@dataclass(frozen=True)
class PublicationListRow(CatalogColumns):
    """One catalog entry as the catalog grid lists it."""

    id: int
    is_sample: bool
    retired_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True)
class AgencyListRow:
    """One agency as the directory grid lists it."""

    id: int
    name: str
    topics: str
    address: str | None
    phone: str | None
    email: str | None
    website: str | None
    is_sample: bool
    active: bool
    updated_at: datetime


def publication_rows(session: Session, office_id: int) -> list[PublicationListRow]:
    """Every catalog entry of the office, retired ones included, by catalog number."""
    columns = [getattr(Publication, name) for name in PublicationListRow.__dataclass_fields__]
    result = session.execute(
        select(*columns)
        .where(Publication.office_id == office_id)
        .order_by(Publication.catalog_number)
    )
    return [PublicationListRow(*row) for row in result]


def publication_of_office(
    session: Session, office_id: int, publication_id: int
) -> Publication | None:
    """One catalog entry, when it belongs to the office."""
    return session.scalar(
        select(Publication).where(
            Publication.id == publication_id, Publication.office_id == office_id
        )
    )


def publications_for_export(session: Session, office_id: int) -> list[Publication]:
    """Every entry of the office for an export file (retired ones are marked there), by
    catalog number."""
    return list(
        session.scalars(
            select(Publication)
            .where(Publication.office_id == office_id)
            .order_by(Publication.catalog_number)
        )
    )


def catalog_numbers(session: Session, office_id: int) -> set[str]:
    """The catalog numbers the office already holds (an import updates those entries)."""
    return set(
        session.scalars(
            select(Publication.catalog_number).where(Publication.office_id == office_id)
        )
    )


def agency_rows(session: Session, office_id: int) -> list[AgencyListRow]:
    """Every agency of the office's directory, inactive ones included, by name."""
    columns = [getattr(Agency, name) for name in AgencyListRow.__dataclass_fields__]
    result = session.execute(
        select(*columns).where(Agency.office_id == office_id).order_by(Agency.name)
    )
    return [AgencyListRow(*row) for row in result]


def agency_of_office(session: Session, office_id: int, agency_id: int) -> Agency | None:
    """One agency, when it belongs to the office's directory."""
    return session.scalar(
        select(Agency).where(Agency.id == agency_id, Agency.office_id == office_id)
    )
