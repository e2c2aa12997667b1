"""The sample catalog and agency directory shipped in ``db/seed_data``: valid by the rules,
loaded through the services on the first start of a fresh database, once, and never into an
office that already keeps its own.

Runs on fresh databases (a new SQLite file, a new PostgreSQL database) made for each test.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime

from sqlalchemy import func, select

from dashboard.audit import Actor
from dashboard.library.agencies import validate_agency
from dashboard.library.agency_service import add_agency
from dashboard.library.catalog import SUBJECTS, validate_publication
from dashboard.library.catalog_service import add_publication
from dashboard.setup.database import prepare_database
from dashboard.setup.starter_data import (
    STARTER_OFFICE_CODE,
    load_starter_data,
    starter_agencies,
    starter_publications,
)
from db.migrate import upgrade_to_newest
from db.models import Agency, AuditEvent, Publication
from db.reference_data import DEFAULT_OFFICE, OfficeSeed, ensure_office
from db.session import Database

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
DISTRICTS = {
    "Belida Darat",
    "Belimbing",
    "Benakat",
    "Empat Petulai Dangku",
    "Gelumbang",
    "Gunung Megang",
    "Kelekar",
    "Lawang Kidul",
    "Lembak",
    "Lubai",
    "Lubai Ulu",
    "Muara Belida",
    "Muara Enim",
    "Panang Enim",
    "Rambang",
    "Rambang Niru",
    "Semende Darat Laut",
    "Semende Darat Tengah",
    "Semende Darat Ulu",
    "Sungai Rotan",
    "Tanjung Agung",
    "Ujan Mas",
}
"""The 22 districts (kecamatan) of Kabupaten Muara Enim."""


def counts(database: Database) -> tuple[int, int, int]:
    with database.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(Publication)) or 0,
            session.scalar(select(func.count()).select_from(Agency)) or 0,
            session.scalar(select(func.count()).select_from(AuditEvent)) or 0,
        )


def test_the_shipped_files_follow_the_rules() -> None:
    publications = starter_publications(current_year=2026)
    assert 250 <= len(publications) <= 400
    numbers = [p.catalog_number for p in publications]
    assert len(set(numbers)) == len(numbers)
    assert {p.subject for p in publications} <= set(SUBJECTS)
    assert len({p.subject for p in publications}) >= 12
    titles = {p.title for p in publications}
    assert {f"Kabupaten Muara Enim Dalam Angka {year}" for year in range(2015, 2026)} <= titles
    districts = {
        p.region.removeprefix("Kecamatan ")
        for p in publications
        if p.region and p.region.startswith("Kecamatan ")
    }
    assert districts == DISTRICTS
    assert all(p.has_softcopy for p in publications if p.year >= 2020)
    assert all(p.shelf_location for p in publications if p.has_hardcopy)
    assert "1603-DDA-2024" in numbers

    agencies = starter_agencies()
    assert 20 <= len(agencies) <= 40
    names = {agency.name for agency in agencies}
    assert {"Dinas Kesehatan", "Dinas Pendidikan", "Dinas Sosial"} <= names
    assert all(len(agency.topics) >= 5 and agency.address for agency in agencies)


def test_the_shipped_files_are_what_the_rules_would_store() -> None:
    """Re-validating a loaded entry changes nothing: the files are already normalised."""
    for data in starter_publications(current_year=2026):
        assert validate_publication(asdict(data), current_year=2026) == data
    for agency in starter_agencies():
        raw = {**asdict(agency), "topics": "; ".join(agency.topics)}
        assert validate_agency(raw) == agency


def test_first_start_loads_the_samples_once(fresh: Database) -> None:
    office = prepare_database(fresh)
    publications, agencies, audits = counts(fresh)
    assert publications == len(starter_publications(current_year=2026))
    assert agencies == len(starter_agencies())
    assert audits == 3  # one event each for the catalog, the directory and the tariffs
    with fresh.reading() as session:
        stored = session.scalars(select(Publication)).all()
        assert {p.office_id for p in stored} == {office.id}
        assert all(p.is_sample and p.retired_at is None for p in stored)
        assert all(p.search_title and p.search_subject and p.search_notes for p in stored)
        subjects = Counter(p.subject for p in stored)
        assert subjects["wilayah"] > subjects["harga"] > 0
        directory = session.scalars(select(Agency)).all()
        assert all(a.is_sample and a.active and a.search_topics for a in directory)

    prepare_database(fresh)
    assert counts(fresh) == (publications, agencies, audits)


def test_an_office_with_its_own_catalog_gets_only_the_missing_directory(
    fresh: Database,
) -> None:
    upgrade_to_newest(fresh.engine)
    with fresh.transaction() as session:
        office = ensure_office(session, DEFAULT_OFFICE)
        data = validate_publication(
            {
                "catalog_number": "OWN-1",
                "title": "Publikasi milik kantor",
                "year": 2025,
                "subject": "lainnya",
                "has_softcopy": True,
            },
            current_year=2026,
        )
        add_publication(session, Actor(None, office.id, NOW), data)
    prepare_database(fresh)
    publications, agencies, _ = counts(fresh)
    assert publications == 1
    assert agencies == len(starter_agencies())


def test_an_office_with_its_own_directory_keeps_it(fresh: Database) -> None:
    upgrade_to_newest(fresh.engine)
    with fresh.transaction() as session:
        office = ensure_office(session, DEFAULT_OFFICE)
        own = validate_agency({"name": "Dinas Sosial", "topics": "sosial"})
        add_agency(session, Actor(None, office.id, NOW), own)
    prepare_database(fresh)
    with fresh.reading() as session:
        assert session.scalars(select(Agency.name)).all() == ["Dinas Sosial"]
        assert (session.scalar(select(func.count()).select_from(Publication)) or 0) > 250


def test_other_offices_get_no_samples(fresh: Database) -> None:
    upgrade_to_newest(fresh.engine)
    with fresh.transaction() as session:
        office = ensure_office(session, OfficeSeed(code="9899", name="BPS Lain", city="Lain"))
        assert office.code != STARTER_OFFICE_CODE
        summary = load_starter_data(session, Actor(None, office.id, NOW), office)
    assert (summary.publications, summary.agencies) == (0, 0)
    assert counts(fresh)[:2] == (0, 0)
