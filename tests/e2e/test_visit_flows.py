"""Whole visits as the desk officer records them in the browser, on SQLite and PostgreSQL:
the officer types, clicks and presses Enter; then the database must hold what was done.

The database is shared by the tests of this module (per backend), so every check filters on
the visit this test made (found by the code the page showed)."""

from __future__ import annotations

import re
from decimal import Decimal

from playwright.sync_api import expect

from dashboard import sop
from dashboard.clock import local_date, utc_now
from dashboard.visits import arrival_ids as arrival
from dashboard.visits import board_ids as in_progress
from dashboard.visits import service_ids as service
from db.models import VISIT_DONE, VISIT_IN_PROGRESS, VISIT_REFUSED
from tests.helpers.browser import (
    Desk,
    GuestBook,
    corrections_of_step,
    dict_id,
    stored_visit,
    type_into,
    type_keys,
    visit_id_of,
    visitors_named,
    visitors_with_phone,
)
from tests.helpers.live_app import LiveApp

WAITING_STEPS = (sop.PURPOSE, sop.PURCHASE_OFFER, sop.BAG_RETURN)
INVALID = re.compile(r"\bis-invalid\b")


def shot_name(live_app: LiveApp, name: str) -> str:
    return f"visit-{name}-{live_app.prepared.backend}"


def assert_step_times_in_order(steps: dict) -> None:  # type: ignore[type-arg]
    for number, step in steps.items():
        assert step.started_at is not None and step.ended_at is not None, number
        assert step.started_at <= step.ended_at, number
        if number in WAITING_STEPS:
            assert step.queued_at <= step.started_at, number


def arrival_step_selector(step_number: int) -> str:
    return dict_id(arrival.STEPPER_STEP, step_number)


def test_full_visit_purchase_declined(page, live_app: LiveApp, shot) -> None:  # type: ignore[no-untyped-def]
    desk = Desk(page, live_app)
    entry = GuestBook(
        name="Siti Rahmawati",
        phone="+62 812-7100-0001",
        email="Siti.Rahma@Contoh.ac.id",
        gender="Perempuan",
        birth_year="1994",
        education="S2",
        occupation="Peneliti/Dosen",
        institution="Universitas Sriwijaya",
        institution_type="Lembaga pendidikan & penelitian dalam negeri",
    )
    code = desk.new_visitor()
    shot(shot_name(live_app, "full-1-screening"))
    desk.screen("Ya", "36,5")
    slot = desk.accept_rack_slot()
    desk.fill_guest_book(entry)
    shot(shot_name(live_app, "full-2-guest-book"))
    desk.save_guest_book()
    expect(page.locator(f"#{arrival.RESULT_TEXT}")).to_contain_text("menunggu petugas")
    visit_id = visit_id_of(live_app, code)

    # The board lists the visit waiting for step 4; its "Mulai" opens the service page.
    desk.open_board()
    expect(page.locator(dict_id(in_progress.VISITOR, visit_id))).to_have_text(entry.name)
    expect(page.locator(dict_id(in_progress.RACK_SLOT, visit_id))).to_have_text(str(slot))
    shot(shot_name(live_app, "full-3-board"))
    desk.start_from_board(visit_id)
    expect(page.locator(f"#{service.CODE}")).to_have_text(code)
    expect(page.locator(f"#{service.VISITOR_NAME}")).to_have_text(entry.name)

    desk.record_purpose(
        "Konsultasi statistik",
        ["PDRB Kabupaten Muara Enim 2025", "Angka kematian bayi per kecamatan 2024"],
    )
    desk.finish_search("PDRB ada di Muara Enim Dalam Angka 2025, Bab 11")
    expect(page.locator(f"#{service.SEARCH_NOTE_SHOWN}")).to_contain_text("Bab 11")
    desk.decide_availability([None, "Dinas Kesehatan Kabupaten Muara Enim"])
    shot(shot_name(live_app, "full-4-reading-table"))
    table = desk.seat_at_suggested_table()
    desk.start_step(sop.PURCHASE_OFFER)
    desk.declines_purchase()
    desk.start_step(sop.BAG_RETURN)
    desk.return_bag(code.lower())
    expect(page.locator(f"#{service.STATUS}")).to_have_text("Selesai")
    shot(shot_name(live_app, "full-5-done"))
    desk.open_board()
    expect(page.locator(dict_id(in_progress.ROW, visit_id))).to_have_count(0)

    stored = stored_visit(live_app, visit_id)
    visit = stored.visit
    assert visit.status == VISIT_DONE
    assert visit.left_at is not None and visit.left_at >= visit.arrived_at
    assert visit.admitted is True and visit.mask_worn is True
    assert visit.temperature_celsius == Decimal("36.5")
    assert (visit.rack_slot, visit.reading_table) == (slot, table)
    assert visit.service_type == "konsultasi"
    assert sorted(stored.steps) == [1, 2, 3, 4, 6, 7, 8, 9, 10]
    assert_step_times_in_order(stored.steps)
    assert stored.steps[sop.PURCHASE_OFFER].outcome == sop.OUTCOME_DECLINES
    assert stored.steps[sop.BAG_RETURN].outcome == sop.OUTCOME_BAG_RETURNED
    assert stored.steps[sop.BAG_RETURN].ended_at == visit.left_at
    visitor = stored.visitor
    assert visitor is not None
    assert (visitor.name, visitor.phone, visitor.email) == (
        "Siti Rahmawati",
        "081271000001",
        "siti.rahma@contoh.ac.id",
    )
    assert (visitor.gender, visitor.birth_year, visitor.education) == ("P", 1994, "s2")
    assert (visitor.occupation, visitor.institution_type) == ("peneliti", "pendidikan")
    assert visitor.institution == "Universitas Sriwijaya"
    found, referred = stored.requests
    assert (found.description, found.available, found.referred_agency) == (
        "PDRB Kabupaten Muara Enim 2025",
        True,
        None,
    )
    assert (referred.available, referred.referred_agency) == (
        False,
        "Dinas Kesehatan Kabupaten Muara Enim",
    )
    assert found.decided_at is not None and referred.decided_at is not None


def test_visitor_refused_at_screening(page, live_app: LiveApp, shot) -> None:  # type: ignore[no-untyped-def]
    desk = Desk(page, live_app)
    result = page.locator(f"#{arrival.RESULT_TEXT}")
    fever_code = desk.new_visitor()
    desk.screen("Ya", "38,2")
    expect(result).to_contain_text("Tidak diizinkan masuk")
    expect(result).to_contain_text("38,2")
    expect(page.locator(f"#{arrival.RESULT_CODE}")).to_have_text(fever_code)
    expect(page.locator(arrival_step_selector(sop.SCREENING))).to_have_class(
        re.compile("is-refused")
    )
    shot(shot_name(live_app, "refused"))
    no_mask_code = desk.new_visitor(press_enter=True)
    assert no_mask_code != fever_code
    desk.screen("Tidak", "36,4")
    expect(result).to_contain_text("Tidak diizinkan masuk: Tidak memakai masker")

    for code, mask, temperature in (
        (fever_code, True, Decimal("38.2")),
        (no_mask_code, False, Decimal("36.4")),
    ):
        stored = stored_visit(live_app, visit_id_of(live_app, code))
        visit = stored.visit
        assert (visit.status, visit.admitted, visit.mask_worn) == (VISIT_REFUSED, False, mask)
        assert visit.temperature_celsius == temperature
        assert visit.left_at is not None
        assert list(stored.steps) == [sop.SCREENING]
        screening = stored.steps[sop.SCREENING]
        assert screening.ended_at == visit.left_at
        assert screening.outcome == sop.OUTCOME_REFUSED

    desk.open_board()
    board = page.locator(f"#{in_progress.BOARD}")
    for code in (fever_code, no_mask_code):
        visit_id = visit_id_of(live_app, code)
        expect(page.locator(dict_id(in_progress.ROW, visit_id))).to_have_count(0)
        expect(board).not_to_contain_text(code)


def test_data_not_available_is_referred_straight_to_bag_return(
    page, live_app: LiveApp, shot
) -> None:  # type: ignore[no-untyped-def]
    desk = Desk(page, live_app)
    code = desk.register(GuestBook(name="Ahmad Fauzi", phone="0813 7300 0003"))
    visit_id = visit_id_of(live_app, code)
    desk.follow_result_link(visit_id)
    desk.start_step(sop.PURPOSE)
    desk.record_purpose("Perpustakaan", ["Curah hujan harian Muara Enim 2025"])
    desk.finish_search("")
    shot(shot_name(live_app, "availability"))
    desk.decide_availability(["BMKG Stasiun Klimatologi Sumatera Selatan"])

    # Nothing available: no reading table, no purchase offer; the visitor collects the bag.
    desk.expect_panel(sop.BAG_RETURN)
    expect(page.locator(f"#{service.REQUEST_SUMMARY}")).to_contain_text(
        "dirujuk ke BMKG Stasiun Klimatologi Sumatera Selatan"
    )
    stored = stored_visit(live_app, visit_id)
    assert sorted(stored.steps) == [1, 2, 3, 4, 6, 7, 10]
    assert stored.steps[sop.AVAILABILITY].outcome == sop.OUTCOME_REFERRED
    assert stored.steps[sop.BAG_RETURN].started_at is None
    desk.start_step(sop.BAG_RETURN)

    # A tag that is not this visit's is refused beside the field; the visit stays open.
    wrong = "Z-999" if code != "Z-999" else "Y-999"
    desk.type_tag_code(wrong)
    feedback = page.locator(f"#{service.TAG_CODE_FEEDBACK}")
    expect(feedback).to_have_text(
        f"Kode {wrong} tidak cocok dengan kunjungan ini. Periksa label tas."
    )
    expect(page.locator(f"#{service.TAG_CODE}")).to_have_class(INVALID)
    shot(shot_name(live_app, "wrong-tag"))
    stored = stored_visit(live_app, visit_id)
    assert stored.visit.status == VISIT_IN_PROGRESS and stored.visit.left_at is None
    assert stored.steps[sop.BAG_RETURN].ended_at is None

    desk.return_bag(code)
    stored = stored_visit(live_app, visit_id)
    assert stored.visit.status == VISIT_DONE and stored.visit.left_at is not None
    assert sorted(stored.steps) == [1, 2, 3, 4, 6, 7, 10]
    assert_step_times_in_order(stored.steps)
    assert stored.steps[sop.BAG_RETURN].outcome == sop.OUTCOME_BAG_RETURNED
    assert stored.steps[sop.SEARCH].note is None
    (request,) = stored.requests
    assert (request.available, request.referred_agency) == (
        False,
        "BMKG Stasiun Klimatologi Sumatera Selatan",
    )
    assert stored.visit.reading_table is None


def test_birth_year_in_the_future_is_refused_beside_the_field(
    page, live_app: LiveApp, shot
) -> None:  # type: ignore[no-untyped-def]
    desk = Desk(page, live_app)
    next_year = local_date(utc_now()).year + 1
    entry = GuestBook(
        name="Dewi Lestari Purnama", phone="0852 7400 0004", birth_year=str(next_year)
    )
    code = desk.new_visitor()
    desk.screen("Ya", "36,8")
    desk.accept_rack_slot()
    desk.fill_guest_book(entry)
    page.click(f"#{arrival.GUEST_BOOK_SUBMIT}")
    expect(page.locator(f"#{arrival.BIRTH_YEAR_FEEDBACK}")).to_have_text(
        "Tahun lahir tidak boleh di masa depan."
    )
    expect(page.locator(f"#{arrival.BIRTH_YEAR_FEEDBACK}")).to_be_visible()
    expect(page.locator(f"#{arrival.BIRTH_YEAR}")).to_have_class(INVALID)
    expect(page.locator(f"#{arrival.NAME}")).not_to_have_class(INVALID)
    expect(page.locator(f"#{arrival.GUEST_BOOK_ALERT}")).to_contain_text("Periksa isian")
    shot(shot_name(live_app, "birth-year"))

    visit_id = visit_id_of(live_app, code)
    stored = stored_visit(live_app, visit_id)
    assert visitors_named(live_app, entry.name) == 0
    assert visitors_with_phone(live_app, "085274000004") == 0
    assert stored.visit.visitor_id is None
    assert stored.steps[sop.GUEST_BOOK].ended_at is None

    # The form keeps what was typed: correcting the year and pressing Enter saves it.
    birth_year = page.locator(f"#{arrival.BIRTH_YEAR}")
    type_keys(birth_year, "1990")
    birth_year.press("Enter")
    page.wait_for_selector(f"#{arrival.RESULT_SERVICE_LINK}")
    stored = stored_visit(live_app, visit_id)
    assert stored.visitor is not None
    assert (stored.visitor.name, stored.visitor.birth_year) == (entry.name, 1990)


def test_returning_visitor_is_recognised_by_phone(page, live_app: LiveApp, shot) -> None:  # type: ignore[no-untyped-def]
    desk = Desk(page, live_app)
    first = GuestBook(
        name="Rina Marlina",
        phone="0813 7500 0005",
        gender="Perempuan",
        birth_year="1988",
        education="D4/S1",
        occupation="ASN/TNI/Polri",
        institution="Bappeda Kabupaten Muara Enim",
        institution_type="Lembaga negara/pemerintah",
    )
    first_code = desk.register(first)

    second_code = desk.new_visitor()
    desk.screen("Ya", "36,6")
    desk.accept_rack_slot()
    phone = page.locator(f"#{arrival.PHONE}")
    type_keys(phone, "+62 813-7500-0005")
    phone.press("Tab")
    expect(page.locator(f"#{arrival.NAME}")).to_have_value(first.name)
    expect(page.locator(f"#{arrival.INSTITUTION}")).to_have_value(first.institution)
    expect(page.locator(f"#{arrival.BIRTH_YEAR}")).to_have_value(first.birth_year)
    expect(page.locator(f"#{arrival.OCCUPATION}")).to_have_value("asn")
    expect(page.locator(f"#{arrival.GENDER} input[value='P']")).to_be_checked()
    expect(page.locator(f"#{arrival.RETURNING_NOTICE}")).to_contain_text(
        "Pengunjung lama: Rina Marlina"
    )
    shot(shot_name(live_app, "returning"))
    desk.save_guest_book()

    assert visitors_with_phone(live_app, "081375000005") == 1
    first_visit = stored_visit(live_app, visit_id_of(live_app, first_code))
    second_visit = stored_visit(live_app, visit_id_of(live_app, second_code))
    assert first_visit.visitor is not None
    assert second_visit.visit.visitor_id == first_visit.visitor.id


def test_time_correction_of_a_done_visit(page, live_app: LiveApp, shot) -> None:  # type: ignore[no-untyped-def]
    desk = Desk(page, live_app)
    code = desk.register(GuestBook(name="Hendra Wijaya", phone="0821 7600 0006"))
    visit_id = visit_id_of(live_app, code)
    desk.follow_result_link(visit_id)
    desk.start_step(sop.PURPOSE)
    desk.record_purpose("Konsultasi statistik", ["Indeks Pembangunan Manusia 2025"])
    desk.finish_search("Belum dirilis")
    desk.decide_availability(["Bappeda Kabupaten Muara Enim"])
    desk.start_step(sop.BAG_RETURN)
    desk.return_bag(code)
    purpose_before = stored_visit(live_app, visit_id).steps[sop.PURPOSE]

    # "Lupa klik Mulai": step 4 really began when the visitor started waiting for it.
    purpose_row = page.locator(dict_id(service.HISTORY_ROW_TYPE, sop.PURPOSE))
    queued_text = purpose_row.locator("td").nth(1).inner_text().strip()
    assert re.fullmatch(r"\d{2}:\d{2}:\d{2}", queued_text), queued_text
    page.select_option(f"#{service.CORRECTION_STEP}", label=sop.step_label(sop.PURPOSE))
    page.locator(f"#{service.CORRECTION_FIELD}").get_by_text("mulai", exact=True).click()
    expect(page.locator(f"#{service.CORRECTION_CURRENT}")).to_contain_text(
        "Waktu mulai yang tercatat sekarang"
    )
    reason = "Lupa klik Mulai saat pengunjung dilayani"
    type_keys(page.locator(f"#{service.CORRECTION_TIME}"), queued_text)
    reason_field = page.locator(f"#{service.CORRECTION_REASON}")
    type_into(reason_field, reason)
    reason_field.press("Enter")

    started_cell = page.locator(dict_id(service.HISTORY_STARTED_TYPE, sop.PURPOSE))
    expect(started_cell).to_contain_text("dikoreksi")
    expect(started_cell).to_contain_text(queued_text)
    expect(page.locator(f"#{service.CORRECTIONS_TABLE}")).to_contain_text(reason)
    expect(page.locator(f"#{service.CORRECTION_ALERT}")).to_contain_text("dikoreksi menjadi")
    expect(page.locator(f"#{service.CORRECTION_REASON}")).to_have_value("")
    shot(shot_name(live_app, "correction"))

    (correction,) = corrections_of_step(live_app, purpose_before.id)
    assert correction.field_name == "started_at"
    assert correction.reason == reason
    assert correction.old_value == purpose_before.started_at
    assert correction.new_value == purpose_before.queued_at
    purpose_after = stored_visit(live_app, visit_id).steps[sop.PURPOSE]
    assert purpose_after.started_at == purpose_before.queued_at
    assert purpose_after.ended_at == purpose_before.ended_at
