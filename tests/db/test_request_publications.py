"""SOP steps 6 and 7 with the library: a publication picked for a data request (and taken
back), referrals to an agency of the directory, and the referral slip; on SQLite and
PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.audit import Actor
from dashboard.errors import FORM, InputError
from dashboard.library import agency_service as agency_services
from dashboard.library import catalog_service as catalog_services
from dashboard.library.agencies import AgencyInput
from dashboard.library.catalog import PublicationInput
from dashboard.library.referral_slip import NOT_RECORDED, load_slip
from dashboard.library.referral_slip_layout import slip_body
from dashboard.visits import services as visits
from dashboard.visits.desk_search import pick_publication, unpick_publication
from dashboard.visits.service_page import load_view, record_availability_from_form
from dashboard.visits.services import RequestDecision
from db.models import AuditEvent, DataRequest, DataRequestPublication
from db.queries import visits as queries
from db.queries.library_desk import publications_by_request
from tests.helpers.components import text_of
from tests.helpers.desk import Desk

REQUESTS = ["Jumlah penduduk per kecamatan 2024", "Angka kematian bayi 2024"]


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def add_publication(desk: Desk, title: str, *, stock: int = 2, shelf: str = "Rak G-1") -> int:
    data = PublicationInput(
        catalog_number=unique("UJI"),
        title=title,
        year=2025,
        subject="kependudukan",
        region="Kabupaten Muara Enim",
        isbn=None,
        issn=None,
        has_hardcopy=True,
        hardcopy_stock=stock,
        shelf_location=shelf,
        has_softcopy=True,
        notes=None,
    )
    return desk.do(lambda s, a: catalog_services.add_publication(s, a, data).id)


def add_agency(desk: Desk, name: str, topics: tuple[str, ...], phone: str | None = None) -> int:
    data = AgencyInput(
        name=name,
        topics=topics,
        address="Jl. Uji No. 1, Muara Enim",
        phone=phone,
        email=None,
        website=None,
        notes=None,
    )
    return desk.do(lambda s, a: agency_services.add_agency(s, a, data).id)


def visit_at(desk: Desk, step: int, texts: list[str] | None = None) -> tuple[int, list[int]]:
    """A visit whose open step is ``step`` (6 or 7), with its request ids in order."""
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURPOSE, slot=visit_id % 30 + 1)
    requests = texts or REQUESTS
    desk.do(
        lambda s, a: visits.record_purpose(
            s, a, visit_id, "perpustakaan", requests, ["perpustakaan"]
        )
    )
    if step == sop.AVAILABILITY:
        desk.do(lambda s, a: visits.finish_search(s, a, visit_id, None))
    with desk.db.database.reading() as session:
        request_ids = [request.id for request in queries.requests_of_visit(session, visit_id)]
    return visit_id, request_ids


def stored_requests(desk: Desk, visit_id: int) -> list[DataRequest]:
    with desk.db.database.reading() as session:
        rows = queries.requests_of_visit(session, visit_id)
        session.expunge_all()
    return rows


def links(desk: Desk, visit_id: int) -> dict[int, list[int]]:
    with desk.db.database.reading() as session:
        return {
            request_id: [item.publication_id for item in items]
            for request_id, items in publications_by_request(session, visit_id).items()
        }


def refused(desk: Desk, action: Callable[[Session, Actor], Any]) -> dict[str, str]:
    with pytest.raises(InputError) as error:
        desk.do(action)
    return error.value.errors


# -- picking a publication at step 6 ------------------------------------------------------


def test_marking_a_request_found_links_the_publication(desk: Desk) -> None:
    publication = add_publication(desk, "Kabupaten Muara Enim Dalam Angka 2025")
    visit_id, (first, _second) = visit_at(desk, sop.SEARCH)
    desk.do(lambda s, a: visits.mark_request_found(s, a, visit_id, first, publication))
    found, other = stored_requests(desk, visit_id)
    assert found.available is True and found.decided_at == desk.now
    assert found.referred_agency is None and found.referred_agency_id is None
    assert other.available is None and other.decided_at is None
    assert links(desk, visit_id) == {first: [publication]}
    with desk.db.database.reading() as session:
        audit = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "request.found")
        ).all()
    assert [event.row_id for event in audit] == [first]


def test_marking_twice_changes_nothing_and_a_second_publication_adds(desk: Desk) -> None:
    one = add_publication(desk, "Statistik Daerah Kabupaten Muara Enim 2025")
    two = add_publication(desk, "Proyeksi Penduduk 2020-2035")
    visit_id, (first, _second) = visit_at(desk, sop.SEARCH)
    desk.do(lambda s, a: visits.mark_request_found(s, a, visit_id, first, one))
    decided = stored_requests(desk, visit_id)[0].decided_at
    desk.do(lambda s, a: visits.mark_request_found(s, a, visit_id, first, one))
    assert stored_requests(desk, visit_id)[0].decided_at == decided
    desk.do(lambda s, a: visits.mark_request_found(s, a, visit_id, first, two))
    assert links(desk, visit_id) == {first: sorted([one, two])}


def test_unmark_removes_the_link_and_the_last_one_makes_it_undecided(desk: Desk) -> None:
    one = add_publication(desk, "Statistik Daerah 2025")
    two = add_publication(desk, "Statistik Daerah 2024")
    visit_id, (first, _second) = visit_at(desk, sop.SEARCH)
    for publication in (one, two):
        desk.do(lambda s, a, p=publication: visits.mark_request_found(s, a, visit_id, first, p))
    desk.do(lambda s, a: visits.unmark_request_found(s, a, visit_id, first, one))
    assert links(desk, visit_id) == {first: [two]}
    assert stored_requests(desk, visit_id)[0].available is True
    desk.do(lambda s, a: visits.unmark_request_found(s, a, visit_id, first, two))
    desk.do(lambda s, a: visits.unmark_request_found(s, a, visit_id, first, two))  # again: no-op
    request = stored_requests(desk, visit_id)[0]
    assert links(desk, visit_id) == {}
    assert (request.available, request.decided_at) == (None, None)


def test_picking_is_allowed_at_step_7_but_not_before_or_after(desk: Desk) -> None:
    publication = add_publication(desk, "Indikator Kesejahteraan Rakyat 2025")
    visit_id, (first, _second) = visit_at(desk, sop.AVAILABILITY)
    desk.do(lambda s, a: visits.mark_request_found(s, a, visit_id, first, publication))
    assert links(desk, visit_id) == {first: [publication]}

    waiting = desk.new_visit()
    desk.walk(waiting, sop.PURPOSE, slot=29)
    errors = refused(
        desk, lambda s, a: visits.mark_request_found(s, a, waiting, first, publication)
    )
    assert "langkah 4" in errors[FORM]

    done_id, (done_request, _) = visit_at(desk, sop.AVAILABILITY)
    desk.walk(done_id, None, slot=28, table=5)
    errors = refused(
        desk, lambda s, a: visits.mark_request_found(s, a, done_id, done_request, publication)
    )
    assert "sudah ditutup" in errors[FORM]


def test_a_retired_or_unknown_publication_or_foreign_request_is_refused(desk: Desk) -> None:
    retired = add_publication(desk, "Statistik Daerah 2019")
    desk.do(lambda s, a: catalog_services.set_publication_retired(s, a, retired, True))
    visit_id, (first, _second) = visit_at(desk, sop.SEARCH)
    other_visit, (foreign, _) = visit_at(desk, sop.SEARCH)
    active = add_publication(desk, "Statistik Daerah 2025")

    errors = refused(desk, lambda s, a: visits.mark_request_found(s, a, visit_id, first, retired))
    assert "ditarik dari katalog" in errors[FORM]
    errors = refused(
        desk, lambda s, a: visits.mark_request_found(s, a, visit_id, first, active + 10_000)
    )
    assert "tidak ada di katalog" in errors[FORM]
    errors = refused(desk, lambda s, a: visits.mark_request_found(s, a, visit_id, foreign, active))
    assert "bukan milik kunjungan ini" in errors[FORM]
    assert links(desk, visit_id) == {} and links(desk, other_visit) == {}


def test_pick_and_unpick_for_the_page_return_the_requests_and_a_message(desk: Desk) -> None:
    publication = add_publication(desk, "Kecamatan Lawang Kidul Dalam Angka 2025", shelf="B-3")
    visit_id, (first, _second) = visit_at(desk, sop.SEARCH)
    picked = desk.do(lambda s, a: pick_publication(s, a, visit_id, first, publication))
    assert "Kecamatan Lawang Kidul Dalam Angka 2025" in picked.message
    assert "permintaan 1" in picked.message
    assert [view.found for view in picked.requests] == [True, False]
    assert picked.requests[0].publications[0].shelf_location == "B-3"
    taken_back = desk.do(lambda s, a: unpick_publication(s, a, visit_id, first, publication))
    assert "belum ditemukan lagi" in taken_back.message
    assert not any(view.found for view in taken_back.requests)


# -- step 7: found requests, referrals with the directory -----------------------------------


def test_step_7_view_shows_found_requests_and_suggests_agencies(desk: Desk) -> None:
    health = add_agency(desk, unique("Dinas Kesehatan Uji"), ("kematian bayi", "kesehatan ibu"))
    publication = add_publication(desk, "Jumlah Penduduk Menurut Kecamatan 2025")
    visit_id, (first, _second) = visit_at(desk, sop.SEARCH)
    desk.do(lambda s, a: visits.mark_request_found(s, a, visit_id, first, publication))
    desk.do(lambda s, a: visits.finish_search(s, a, visit_id, None))
    with desk.db.database.reading() as session:
        view = load_view(session, desk.db.office_id, visit_id, 8)
    assert view is not None
    found, referred = view.visit.requests
    assert found.found and found.available is True
    assert [item.publication_id for item in found.publications] == [publication]
    assert health in [suggestion.id for suggestion in referred.suggestions]
    assert health in [agency.id for agency in view.agencies]


def test_referral_to_a_directory_agency_keeps_its_id_and_name(desk: Desk) -> None:
    name = unique("Dinas Kesehatan Uji")
    agency = add_agency(desk, name, ("kematian bayi",), phone="0734 421000")
    visit_id, (first, second) = visit_at(desk, sop.AVAILABILITY)
    desk.do(
        lambda s, a: visits.record_availability(
            s,
            a,
            visit_id,
            [
                RequestDecision(first, True, answer_note="Tabel 3.1"),
                RequestDecision(second, False, "diabaikan", referred_agency_id=agency),
            ],
        )
    )
    found, referred = stored_requests(desk, visit_id)
    assert (found.available, found.referred_agency_id, found.answer_note) == (
        True,
        None,
        "Tabel 3.1",
    )
    assert (referred.available, referred.referred_agency_id) == (False, agency)
    assert referred.referred_agency == name  # the directory's name, as it is now


def test_referral_by_typed_name_matches_the_directory_or_stays_free_text(desk: Desk) -> None:
    name = unique("Dinas Sosial Uji")
    agency = add_agency(desk, name, ("kemiskinan",))
    visit_id, (first, second) = visit_at(desk, sop.AVAILABILITY)
    desk.do(
        lambda s, a: record_availability_from_form(
            s,
            a,
            visit_id,
            {first: "tidak", second: "tidak"},
            {first: f"  {name.upper()} ", second: "BMKG Stasiun Klimatologi Palembang"},
            {},
        )
    )
    matched, typed = stored_requests(desk, visit_id)
    assert (matched.referred_agency_id, matched.referred_agency) == (agency, name)
    assert (typed.referred_agency_id, typed.referred_agency) == (
        None,
        "BMKG Stasiun Klimatologi Palembang",
    )
    with desk.db.database.reading() as session:
        assert queries.open_step(session, visit_id).step_number == sop.BAG_RETURN


def test_referral_to_an_inactive_or_missing_agency_is_refused(desk: Desk) -> None:
    agency = add_agency(desk, unique("Dinas Lama"), ("arsip",))
    desk.do(lambda s, a: agency_services.set_agency_active(s, a, agency, False))
    visit_id, (first, second) = visit_at(desk, sop.AVAILABILITY)
    decisions = [
        RequestDecision(first, False, None, referred_agency_id=agency),
        RequestDecision(second, False, None),
    ]
    errors = refused(desk, lambda s, a: visits.record_availability(s, a, visit_id, decisions))
    assert "tidak ada (lagi) di direktori" in errors[f"request-{first}"]
    assert errors[f"request-{second}"] == "Tuliskan dinas/instansi rujukan."
    assert all(request.available is None for request in stored_requests(desk, visit_id))


def test_a_found_request_referred_after_all_loses_its_publications(desk: Desk) -> None:
    publication = add_publication(desk, "Statistik Kesehatan 2025")
    visit_id, (first, second) = visit_at(desk, sop.SEARCH)
    desk.do(lambda s, a: visits.mark_request_found(s, a, visit_id, first, publication))
    desk.do(lambda s, a: visits.finish_search(s, a, visit_id, None))
    desk.do(
        lambda s, a: visits.record_availability(
            s,
            a,
            visit_id,
            [RequestDecision(first, False, "Dinas Kesehatan"), RequestDecision(second, True)],
        )
    )
    assert links(desk, visit_id) == {}
    with desk.db.database.reading() as session:
        assert session.scalars(select(DataRequestPublication)).all() == []


# -- the referral slip ------------------------------------------------------------------------


def test_referral_slip_lists_each_referral_with_contacts(desk: Desk) -> None:
    name = unique("Dinas Kesehatan Uji")
    agency = add_agency(desk, name, ("kematian bayi",), phone="0734 421000")
    visit_id, (first, second) = visit_at(desk, sop.AVAILABILITY)
    desk.do(
        lambda s, a: visits.record_availability(
            s,
            a,
            visit_id,
            [
                RequestDecision(first, False, "Puskesmas Tanjung Enim", answer_note="Bu Sari"),
                RequestDecision(second, False, None, referred_agency_id=agency),
            ],
        )
    )
    with desk.db.database.reading() as session:
        slip = load_slip(session, desk.db.office_id, visit_id)
        assert load_slip(session, desk.db.office_id, visit_id + 10_000) is None
    assert slip is not None
    assert slip.office_name == "BPS Kabupaten Muara Enim"
    assert slip.code == desk.code(visit_id) and slip.visitor_name == "Siti Aminah"
    assert slip.date_text == "Kamis, 26 November 2026"
    assert slip.place_and_date == "Muara Enim, 26 November 2026"
    assert slip.office_contact == "Muara Enim", "no address recorded: the city under the name"
    assert slip.officer_name == "Uji Petugas"
    free, directory = slip.lines
    assert (free.number, free.agency, free.ask_for, free.note) == (
        1,
        "Puskesmas Tanjung Enim",
        REQUESTS[0],
        "Bu Sari",
    )
    assert (free.address, free.phone) == (NOT_RECORDED, NOT_RECORDED)
    assert (directory.agency, directory.phone) == (name, "0734 421000")
    assert directory.address == "Jl. Uji No. 1, Muara Enim"
    sheet = text_of(slip_body(slip, visit_id))
    for expected in (
        "BPS Kabupaten Muara Enim",
        "Surat Rujukan Data",
        slip.code,
        "Siti Aminah",
        "Kamis, 26 November 2026",
        name,
        "Jl. Uji No. 1, Muara Enim",
        "0734 421000",
        REQUESTS[1],
        "Uji Petugas",
    ):
        assert expected in sheet


def test_a_visit_without_referrals_has_an_empty_slip(desk: Desk) -> None:
    visit_id, _requests = visit_at(desk, sop.AVAILABILITY)
    with desk.db.database.reading() as session:
        slip = load_slip(session, desk.db.office_id, visit_id)
    assert slip is not None and slip.lines == ()
    assert "tidak ada surat rujukan" in text_of(slip_body(slip, visit_id))
    assert "tidak ditemukan" in text_of(slip_body(None, 12345))
