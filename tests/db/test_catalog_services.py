"""Keeping the catalog and the agency directory through the services, on SQLite and
PostgreSQL: search text filled on every write, duplicates refused, edits and retirements
audited.

Every test works in an office of its own (code 9811), emptied of publications and agencies
first, so that the sample catalog of the main office is left alone.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select

from dashboard.audit import Actor
from dashboard.errors import InputError
from dashboard.library.agencies import validate_agency
from dashboard.library.agency_service import (
    add_agency,
    deactivate_sample_agencies,
    set_agency_active,
    update_agency,
)
from dashboard.library.catalog import PublicationInput, validate_publication
from dashboard.library.catalog_service import (
    add_publication,
    retire_sample_publications,
    search_columns,
    set_publication_retired,
    update_publication,
)
from db.models import Agency, AuditEvent, Publication
from db.reference_data import OfficeSeed, ensure_office
from tests.helpers.clock import at
from tests.helpers.library import Library, LibrarySetup

TEST_OFFICE = OfficeSeed(code="9811", name="BPS Uji Katalog", city="Uji")
NOW = at("2026-11-26 09:00")


LIBRARY = LibrarySetup(offices=[TEST_OFFICE], now=NOW)


def entry(number: str = "1603-DDA-2024", **changes: object) -> PublicationInput:
    values: dict[str, object] = {
        "catalog_number": number,
        "title": "Kabupaten Muara Enim Dalam Angka 2024",
        "year": 2024,
        "subject": "wilayah",
        "region": "Kabupaten Muara Enim",
        "has_hardcopy": True,
        "hardcopy_stock": 3,
        "shelf_location": "Rak A-1",
        "has_softcopy": True,
        "notes": "Geografi, penduduk, PDRB",
    }
    values.update(changes)
    return validate_publication(values, current_year=2026)


def add(library: Library, data: PublicationInput, **kwargs: bool) -> int:
    with library.prepared.database.transaction() as session:
        return add_publication(session, library.actor(), data, **kwargs).id


def audit_actions(library: Library) -> list[tuple[str, int | None, dict, dict]]:
    with library.prepared.database.reading() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        return [
            (e.action, e.row_id, json.loads(e.before or "{}"), json.loads(e.after or "{}"))
            for e in events
            if e.table_name in {"publication", "agency"}
        ]


def test_add_fills_search_columns_times_and_audit(library: Library) -> None:
    data = entry()
    publication_id = add(library, data)
    with library.prepared.database.reading() as session:
        stored = session.get(Publication, publication_id)
        assert stored is not None
        assert (stored.office_id, stored.catalog_number, stored.is_sample) == (
            library.office_id,
            "1603-DDA-2024",
            False,
        )
        assert (stored.created_at, stored.updated_at, stored.retired_at) == (NOW, NOW, None)
        assert stored.search_title == search_columns(data)["search_title"]
        assert "duduk" in stored.search_notes.split()
        assert stored.search_subject.startswith("wilayah dalam angka")
    [(action, row_id, _, after)] = audit_actions(library)
    assert (action, row_id, after["catalog_number"], after["hardcopy_stock"]) == (
        "publication.add",
        publication_id,
        "1603-DDA-2024",
        3,
    )


def test_duplicate_catalog_number_is_refused(library: Library) -> None:
    add(library, entry())
    with pytest.raises(InputError) as caught:
        add(library, entry("1603-dda-2024".upper(), title="Lain"))
    assert caught.value.errors == {
        "catalog_number": (
            "Nomor katalog 1603-DDA-2024 sudah dipakai oleh "
            "“Kabupaten Muara Enim Dalam Angka 2024” (2024)."
        )
    }
    with library.prepared.database.reading() as session:
        count = session.scalar(
            select(func.count())
            .select_from(Publication)
            .where(Publication.office_id == library.office_id)
        )
    assert count == 1


def test_the_same_number_may_be_used_by_another_office(library: Library) -> None:
    with library.prepared.database.transaction() as session:
        other = ensure_office(session, OfficeSeed(code="9812", name="BPS Uji Lain", city="Uji"))
        other_id = other.id
        session.execute(delete(Publication).where(Publication.office_id == other_id))
        elsewhere = add_publication(session, Actor(None, other_id, NOW), entry()).id
    here = add(library, entry())
    assert here != elsewhere
    with library.prepared.database.reading() as session:
        stored = session.execute(
            select(Publication.id, Publication.office_id)
            .where(
                Publication.catalog_number == "1603-DDA-2024",
                Publication.office_id.in_([other_id, library.office_id]),
            )
            .order_by(Publication.id)
        ).all()
    assert [tuple(row) for row in stored] == [(elsewhere, other_id), (here, library.office_id)]
    assert [(action, row_id) for action, row_id, *_ in audit_actions(library)] == [
        ("publication.add", elsewhere),
        ("publication.add", here),
    ]


def test_update_replaces_values_and_audits_only_the_changes(library: Library) -> None:
    publication_id = add(library, entry(), is_sample=True)
    changed = entry(title="Kabupaten Muara Enim Dalam Angka 2024 (Revisi)", hardcopy_stock=1)
    with library.prepared.database.transaction() as session:
        stored = update_publication(session, library.actor(5), publication_id, changed)
        assert stored.title.endswith("(Revisi)")
        assert stored.updated_at == NOW + timedelta(minutes=5)
        assert stored.created_at == NOW
        assert stored.is_sample is False  # the office made it its own
        assert "revisi" in stored.search_title.split()
    _, (action, row_id, before, after) = audit_actions(library)
    assert (action, row_id) == ("publication.update", publication_id)
    assert before == {"title": "Kabupaten Muara Enim Dalam Angka 2024", "hardcopy_stock": 3}
    assert after == {"title": changed.title, "hardcopy_stock": 1}


def test_an_edit_that_changes_nothing_is_not_recorded(library: Library) -> None:
    publication_id = add(library, entry())
    with library.prepared.database.transaction() as session:
        stored = update_publication(session, library.actor(5), publication_id, entry())
        assert stored.updated_at == NOW
    assert [action for action, *_ in audit_actions(library)] == ["publication.add"]


def test_update_to_a_taken_number_is_refused(library: Library) -> None:
    add(library, entry("A-1"))
    second = add(library, entry("A-2"))
    with (
        pytest.raises(InputError) as caught,
        library.prepared.database.transaction() as session,
    ):
        update_publication(session, library.actor(), second, entry("a-1"))
    assert "Nomor katalog A-1 sudah dipakai" in caught.value.errors["catalog_number"]
    with library.prepared.database.transaction() as session:
        renamed = update_publication(session, library.actor(), second, entry("A-3"))
        assert renamed.catalog_number == "A-3"
        assert "3" in renamed.search_notes.split()


def test_another_offices_publication_is_not_found(library: Library) -> None:
    publication_id = add(library, entry())
    stranger = Actor(None, library.office_id + 1000, NOW)
    with (
        pytest.raises(InputError) as caught,
        library.prepared.database.transaction() as session,
    ):
        update_publication(session, stranger, publication_id, entry())
    assert caught.value.errors == {"_form": "Publikasi tidak ditemukan di katalog."}


def test_retire_and_bring_back(library: Library) -> None:
    publication_id = add(library, entry())
    with library.prepared.database.transaction() as session:
        assert set_publication_retired(session, library.actor(1), publication_id, True).retired_at
    with library.prepared.database.transaction() as session:
        again = set_publication_retired(session, library.actor(2), publication_id, True)
        assert again.retired_at == NOW + timedelta(minutes=1)  # the first retirement stays
    with library.prepared.database.transaction() as session:
        back = set_publication_retired(session, library.actor(3), publication_id, False)
        assert back.retired_at is None
    assert [action for action, *_ in audit_actions(library)] == [
        "publication.add",
        "publication.retire",
        "publication.unretire",
    ]


def test_retire_sample_publications(library: Library) -> None:
    add(library, entry("S-1"), is_sample=True)
    add(library, entry("S-2"), is_sample=True)
    own = add(library, entry("O-1"))
    with library.prepared.database.transaction() as session:
        assert retire_sample_publications(session, library.actor()) == 2
    with library.prepared.database.transaction() as session:
        assert retire_sample_publications(session, library.actor()) == 0
        active = session.scalars(
            select(Publication.id).where(
                Publication.office_id == library.office_id, Publication.retired_at.is_(None)
            )
        ).all()
    assert active == [own]


def test_stock_is_zero_without_hardcopy(library: Library) -> None:
    data = entry(has_hardcopy=False, hardcopy_stock="", shelf_location="")
    publication_id = add(library, data)
    with library.prepared.database.reading() as session:
        stored = session.get(Publication, publication_id)
        assert stored is not None
        assert (stored.has_hardcopy, stored.hardcopy_stock) == (False, 0)


# -- agencies ----------------------------------------------------------------------------------


def health(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "name": "Dinas Kesehatan",
        "topics": "kesehatan; puskesmas; gizi; stunting; imunisasi",
        "address": "Jl. Jenderal Sudirman, Muara Enim",
        "phone": "(0734) 421234",
    }
    values.update(changes)
    return values


def test_add_agency_fills_search_topics(library: Library) -> None:
    with library.prepared.database.transaction() as session:
        agency = add_agency(session, library.actor(), validate_agency(health()), is_sample=True)
        agency_id = agency.id
    with library.prepared.database.reading() as session:
        stored = session.get(Agency, agency_id)
        assert stored is not None
        assert stored.topics == "kesehatan; puskesmas; gizi; stunting; imunisasi"
        assert stored.search_topics.split()[:4] == ["dinas", "kesehatan", "sehat", "kesehatan"]
        assert (stored.active, stored.is_sample, stored.created_at) == (True, True, NOW)
    [(action, row_id, _, after)] = audit_actions(library)
    assert (action, row_id, after["name"]) == ("agency.add", agency_id, "Dinas Kesehatan")


def test_agency_names_are_unique_whatever_their_case(library: Library) -> None:
    with library.prepared.database.transaction() as session:
        add_agency(session, library.actor(), validate_agency(health()))
    with (
        pytest.raises(InputError) as caught,
        library.prepared.database.transaction() as session,
    ):
        add_agency(session, library.actor(), validate_agency(health(name="DINAS KESEHATAN")))
    assert caught.value.errors == {"name": "Instansi “Dinas Kesehatan” sudah ada di direktori."}


def test_update_agency_and_switch_it_off_and_on(library: Library) -> None:
    with library.prepared.database.transaction() as session:
        agency_id = add_agency(session, library.actor(), validate_agency(health())).id
    renamed = validate_agency(health(name="Dinas kesehatan", topics="kesehatan; rumah sakit"))
    with library.prepared.database.transaction() as session:
        agency = update_agency(session, library.actor(1), agency_id, renamed)
        assert agency.topics == "kesehatan; rumah sakit"
        assert "rumah" in agency.search_topics.split()
        assert agency.updated_at == NOW + timedelta(minutes=1)
    with library.prepared.database.transaction() as session:
        assert set_agency_active(session, library.actor(2), agency_id, False).active is False
        assert set_agency_active(session, library.actor(2), agency_id, False).active is False
    with library.prepared.database.transaction() as session:
        assert set_agency_active(session, library.actor(3), agency_id, True).active is True
    actions = audit_actions(library)
    assert [action for action, *_ in actions] == [
        "agency.add",
        "agency.update",
        "agency.deactivate",
        "agency.activate",
    ]
    assert actions[1][2:] == (
        {"name": "Dinas Kesehatan", "topics": "kesehatan; puskesmas; gizi; stunting; imunisasi"},
        {"name": "Dinas kesehatan", "topics": "kesehatan; rumah sakit"},
    )


def test_deactivate_sample_agencies(library: Library) -> None:
    with library.prepared.database.transaction() as session:
        add_agency(session, library.actor(), validate_agency(health()), is_sample=True)
        own = add_agency(session, library.actor(), validate_agency(health(name="Dinas Sosial")))
        own_id = own.id
    with library.prepared.database.transaction() as session:
        assert deactivate_sample_agencies(session, library.actor()) == 1
        active = session.scalars(
            select(Agency.id).where(Agency.office_id == library.office_id, Agency.active)
        ).all()
    assert active == [own_id]
