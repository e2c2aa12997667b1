"""The library of a test office: its catalog and agency directory, in an office of its own
(or two, for the tests that look across offices) emptied first, so that the sample catalog
of the main office is left alone."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select

from dashboard.audit import Actor
from dashboard.library.catalog_io import ImportSummary, ParsedCatalog, import_catalog
from dashboard.library.catalog_service import publication_input
from db.models import Agency, AuditEvent, Publication
from db.queries.catalog_search import (
    AgencySuggestion,
    PublicationHit,
    search_publications,
    suggest_agencies,
)
from db.reference_data import OfficeSeed, ensure_office
from db.search_text import index_text
from tests.helpers.database import PreparedDatabase

SUBJECT_LABELS = {
    "kependudukan": "Kependudukan",
    "pertanian": "Pertanian, Kehutanan dan Perikanan",
    "wilayah": "Wilayah dalam Angka",
    "harga": "Harga dan Inflasi",
    "lainnya": "Lainnya",
}
"""The labels the search indexes of the subjects the search tests use."""


@dataclass(frozen=True)
class LibrarySetup:
    """What a test module's ``library`` fixture opens (declared as the module's ``LIBRARY``):
    its office(s), the moment its actions happen, and whether the agency directory of the
    offices is emptied too."""

    offices: Sequence[OfficeSeed]
    now: datetime
    empty_agencies: bool = True


@dataclass
class Library:
    """The catalog and directory of the test office (``other_office_id``: a second office,
    when the setup has two), and helpers to fill and read them."""

    prepared: PreparedDatabase
    office_id: int
    now: datetime
    other_office_id: int | None = None

    def actor(self, minutes: int = 0) -> Actor:
        return Actor(None, self.office_id, self.now + timedelta(minutes=minutes))

    # -- reading the catalog --------------------------------------------------------------

    def publications(self) -> list[Publication]:
        with self.prepared.database.reading() as session:
            return list(
                session.scalars(
                    select(Publication)
                    .where(Publication.office_id == self.office_id)
                    .order_by(Publication.catalog_number)
                )
            )

    def snapshot(self) -> list[dict[str, Any]]:
        """Everything stored of the office's catalog that an import may change."""
        return [
            {
                **asdict(publication_input(p)),
                "retired_at": p.retired_at,
                "is_sample": p.is_sample,
                "updated_at": p.updated_at,
                "search": (p.search_title, p.search_subject, p.search_notes),
            }
            for p in self.publications()
        ]

    def catalog(self) -> list[dict[str, Any]]:
        """The catalog as an admin sees it: the entries and whether each is retired."""
        return [
            {**asdict(publication_input(p)), "retired": p.retired_at is not None}
            for p in self.publications()
        ]

    def audit_count(self) -> int:
        with self.prepared.database.reading() as session:
            return session.scalar(select(func.count()).select_from(AuditEvent)) or 0

    # -- changing it through the services -------------------------------------------------

    def run_import(self, parsed: ParsedCatalog, minutes: int = 0) -> ImportSummary:
        with self.prepared.database.transaction() as session:
            return import_catalog(session, self.actor(minutes), parsed)

    def wipe(self) -> None:
        with self.prepared.database.transaction() as session:
            session.execute(delete(Publication).where(Publication.office_id == self.office_id))

    # -- rows written straight into the tables (what the full-text indexes see) ------------

    def add_publication(
        self,
        title: str,
        *,
        year: int = 2024,
        subject: str = "lainnya",
        notes: str | None = None,
        hardcopy: bool = True,
        softcopy: bool = False,
        retired: bool = False,
        office_id: int | None = None,
    ) -> int:
        with self.prepared.database.transaction() as session:
            publication = Publication(
                office_id=office_id or self.office_id,
                catalog_number=f"UJI-{uuid.uuid4().hex[:10]}",
                title=title,
                year=year,
                subject=subject,
                region="Kabupaten Muara Enim",
                has_hardcopy=hardcopy,
                hardcopy_stock=3 if hardcopy else 0,
                shelf_location="R1-A" if hardcopy else None,
                has_softcopy=softcopy,
                notes=notes,
                retired_at=self.now if retired else None,
                created_at=self.now,
                updated_at=self.now,
                search_title=index_text(title),
                search_subject=index_text(SUBJECT_LABELS[subject]),
                search_notes=index_text(notes),
            )
            session.add(publication)
            session.flush()
            return publication.id

    def add_agency(
        self, name: str, topics: str, *, active: bool = True, office_id: int | None = None
    ) -> int:
        with self.prepared.database.transaction() as session:
            agency = Agency(
                office_id=office_id or self.office_id,
                name=name,
                topics=topics,
                address="Jl. Jenderal Sudirman, Muara Enim",
                phone="0734 421000",
                active=active,
                created_at=self.now,
                updated_at=self.now,
                search_topics=index_text(topics),
            )
            session.add(agency)
            session.flush()
            return agency.id

    # -- searching ------------------------------------------------------------------------

    def search(self, text: str, **filters: object) -> list[PublicationHit]:
        with self.prepared.database.reading() as session:
            return search_publications(session, self.office_id, text, **filters)  # type: ignore[arg-type]

    def titles(self, text: str, **filters: object) -> list[str]:
        return [hit.title for hit in self.search(text, **filters)]

    def suggest(self, request_text: str, limit: int = 5) -> list[AgencySuggestion]:
        with self.prepared.database.reading() as session:
            return suggest_agencies(session, self.office_id, request_text, limit)


def open_library(prepared: PreparedDatabase, setup: LibrarySetup) -> Library:
    """The offices of ``setup``, made if missing and emptied of publications (and agencies,
    unless the setup keeps them): the first is the library's office, a second its other."""
    with prepared.database.transaction() as session:
        office_ids = [ensure_office(session, seed).id for seed in setup.offices]
        session.execute(delete(Publication).where(Publication.office_id.in_(office_ids)))
        if setup.empty_agencies:
            session.execute(delete(Agency).where(Agency.office_id.in_(office_ids)))
    other = office_ids[1] if len(office_ids) > 1 else None
    return Library(prepared, office_ids[0], setup.now, other)
