"""The SOP rules of recording a visit, through the services, on SQLite and PostgreSQL.

Every refused action must name the field, speak Indonesian, and leave the database exactly as
it was.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.audit import Actor
from dashboard.errors import FORM
from dashboard.visits import services as visits
from db.models import (
    VISIT_DONE,
    VISIT_IN_PROGRESS,
    VISIT_REFUSED,
    AuditEvent,
    Visit,
    Visitor,
    VisitStep,
)
from db.queries import visits as queries
from tests.helpers.clock import at
from tests.helpers.database import PreparedDatabase
from tests.helpers.desk import (
    RACK_SLOTS,
    READING_TABLES,
    SERVICE_TYPES,
    THRESHOLD,
    Desk,
    decide_all,
    guest,
    refused,
    snapshot,
)


def count(db: PreparedDatabase, model: type) -> int:
    with db.database.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


# -- step 1: screening ----------------------------------------------------------------------


@pytest.mark.parametrize("temperature", ["33,9", "43,5", "100"])
def test_temperature_out_of_range(desk: Desk, temperature: str) -> None:
    visit_id = desk.new_visit()
    refused(
        desk,
        lambda s, a: visits.record_screening(s, a, visit_id, True, temperature, THRESHOLD),
        "temperature",
        "Suhu tubuh harus antara 34 dan 43 °C",
    )
    assert desk.open_step(visit_id) == (sop.SCREENING, True)


def test_missing_temperature_and_mask_are_reported_together(desk: Desk) -> None:
    visit_id = desk.new_visit()
    errors = refused(
        desk,
        lambda s, a: visits.record_screening(s, a, visit_id, None, "", THRESHOLD),
        "mask",
        "Pilih apakah pengunjung memakai masker",
    )
    assert errors["temperature"] == "Suhu tubuh wajib diisi."


def test_missing_mask_answer(desk: Desk) -> None:
    visit_id = desk.new_visit()
    refused(
        desk,
        lambda s, a: visits.record_screening(s, a, visit_id, None, "36,5", THRESHOLD),
        "mask",
        "masker",
    )


def test_refused_visit_is_closed_with_left_at_and_frees_nothing(desk: Desk) -> None:
    other = desk.new_visit()
    desk.walk(other, sop.GUEST_BOOK, slot=3)
    visit_id = desk.new_visit()
    desk.do(lambda s, a: visits.record_screening(s, a, visit_id, False, "38,0", THRESHOLD))
    refused_at = desk.now
    visit = desk.visit(visit_id)
    assert visit.status == VISIT_REFUSED
    assert visit.admitted is False
    assert visit.left_at == refused_at
    assert visit.rack_slot is None and visit.reading_table is None
    assert visit.refusal_reason is not None and "masker" in visit.refusal_reason
    assert [(st.step_number, st.outcome) for st in visit.steps] == [(1, sop.OUTCOME_REFUSED)]
    assert visit.steps[0].ended_at == refused_at
    with desk.db.database.reading() as session:
        assert queries.taken_rack_slots(session, desk.db.office_id) == [3]
        assert [row.visit_id for row in queries.active_visit_rows(session, desk.db.office_id)] == [
            other
        ]


def test_closed_refused_visit_cannot_be_changed(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.do(lambda s, a: visits.record_screening(s, a, visit_id, True, "39", THRESHOLD))
    refused(
        desk,
        lambda s, a: visits.record_screening(s, a, visit_id, True, "36,5", THRESHOLD),
        FORM,
        "sudah ditutup",
    )
    refused(
        desk, lambda s, a: visits.place_bag(s, a, visit_id, 2, RACK_SLOTS), FORM, "sudah ditutup"
    )


def test_screening_twice_is_the_wrong_step(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.BAG_RACK)
    refused(
        desk,
        lambda s, a: visits.record_screening(s, a, visit_id, True, "36,5", THRESHOLD),
        FORM,
        "sedang di langkah 2. Titip tas di rak",
    )


# -- step 2: the rack -----------------------------------------------------------------------


def test_rack_slot_taken_by_another_active_visit(desk: Desk) -> None:
    first = desk.new_visit()
    desk.walk(first, sop.GUEST_BOOK, slot=5)
    second = desk.new_visit()
    desk.walk(second, sop.BAG_RACK)
    refused(
        desk,
        lambda s, a: visits.place_bag(s, a, second, 5, RACK_SLOTS),
        "rack_slot",
        "Rak nomor 5 sedang terpakai",
    )
    desk.do(lambda s, a: visits.place_bag(s, a, second, 6, RACK_SLOTS))
    assert desk.visit(second).rack_slot == 6


@pytest.mark.parametrize("slot", [0, 31, "-1"])
def test_rack_slot_out_of_range(desk: Desk, slot: object) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.BAG_RACK)
    refused(
        desk,
        lambda s, a: visits.place_bag(s, a, visit_id, slot, RACK_SLOTS),
        "rack_slot",
        "Nomor rak harus antara 1 dan 30",
    )


def test_rack_slot_must_be_chosen(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.BAG_RACK)
    refused(
        desk,
        lambda s, a: visits.place_bag(s, a, visit_id, None, RACK_SLOTS),
        "rack_slot",
        "Pilih nomor rak",
    )


def test_placing_the_bag_twice_is_the_wrong_step(desk: Desk) -> None:
    """A double Enter on step 2 must say the visit has moved on, not that the visit's own
    slot is taken by someone."""
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.GUEST_BOOK, slot=4)
    refused(
        desk,
        lambda s, a: visits.place_bag(s, a, visit_id, 4, RACK_SLOTS),
        FORM,
        "sedang di langkah 3. Mengisi buku tamu",
    )


def test_seating_twice_is_the_wrong_step(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURCHASE_OFFER, table=2)
    refused(
        desk,
        lambda s, a: visits.seat_at_reading_table(s, a, visit_id, 2, READING_TABLES),
        FORM,
        "sedang di langkah 9. Penawaran publikasi",
    )


def test_bag_before_screening_is_the_wrong_step(desk: Desk) -> None:
    visit_id = desk.new_visit()
    refused(
        desk,
        lambda s, a: visits.place_bag(s, a, visit_id, 1, RACK_SLOTS),
        FORM,
        "bukan 2. Titip tas di rak",
    )


# -- step 3: the guest book and returning visitors ------------------------------------------


def test_returning_visitor_is_found_by_phone_in_another_form(desk: Desk) -> None:
    first = desk.new_visit()
    desk.walk(first, None)
    first_visitor = desk.visit(first).visitor_id
    assert first_visitor is not None

    second = desk.new_visit()
    desk.walk(second, sop.GUEST_BOOK)
    changed = guest(
        name="Siti Aminah, S.E.",
        phone="+62 812-3456-7890",
        institution="Bappeda Muara Enim",
        institution_type="pemerintah",
        occupation="asn",
        birth_year="",
        email="siti@contoh.go.id",
    )
    desk.do(lambda s, a: visits.record_guest_book(s, a, second, changed))
    updated_at = desk.now

    assert desk.visit(second).visitor_id == first_visitor
    assert count(desk.db, Visitor) == 1
    with desk.db.database.reading() as session:
        visitor = session.get(Visitor, first_visitor)
        assert visitor is not None
        assert visitor.name == "Siti Aminah, S.E."
        assert visitor.phone == "081234567890"
        assert visitor.email == "siti@contoh.go.id"
        assert visitor.institution == "Bappeda Muara Enim"
        assert visitor.institution_type == "pemerintah"
        assert visitor.occupation == "asn"
        assert visitor.birth_year == 1999  # left empty this time: the known value stays
        assert visitor.updated_at == updated_at
        assert visitor.created_at < updated_at


def test_returning_visitor_is_found_by_email(desk: Desk) -> None:
    first = desk.new_visit()
    desk.walk(first, sop.GUEST_BOOK)
    desk.do(
        lambda s, a: visits.record_guest_book(
            s, a, first, guest(phone=None, email="budi@contoh.id")
        )
    )
    second = desk.new_visit()
    desk.walk(second, sop.GUEST_BOOK, slot=2)
    desk.do(
        lambda s, a: visits.record_guest_book(
            s, a, second, guest(phone="0811 1111 1111", email="BUDI@contoh.id")
        )
    )
    assert desk.visit(first).visitor_id == desk.visit(second).visitor_id
    assert count(desk.db, Visitor) == 1


def test_new_visitor_without_contact_is_a_new_row(desk: Desk) -> None:
    first = desk.new_visit()
    desk.walk(first, sop.GUEST_BOOK)
    desk.do(lambda s, a: visits.record_guest_book(s, a, first, guest(phone=None)))
    second = desk.new_visit()
    desk.walk(second, sop.GUEST_BOOK, slot=2)
    desk.do(lambda s, a: visits.record_guest_book(s, a, second, guest(phone=None)))
    assert count(desk.db, Visitor) == 2


# -- steps 4, 6 and 7 -----------------------------------------------------------------------


def test_ending_a_waiting_step_not_yet_started(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURPOSE, start_waiting=False)
    assert desk.open_step(visit_id) == (sop.PURPOSE, False)
    refused(
        desk,
        lambda s, a: visits.record_purpose(s, a, visit_id, "perpustakaan", ["PDRB"], SERVICE_TYPES),
        FORM,
        "belum dimulai",
    )


def test_purpose_needs_a_known_service_type_and_a_request(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURPOSE)
    errors = refused(
        desk,
        lambda s, a: visits.record_purpose(
            s, a, visit_id, "jalan-jalan", ["  ", ""], SERVICE_TYPES
        ),
        "service_type",
        "Pilih jenis layanan PST",
    )
    assert "paling sedikit satu data" in errors["requests"]


def test_starting_a_step_the_visit_is_not_waiting_for(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURPOSE, start_waiting=False)
    refused(
        desk,
        lambda s, a: visits.start_waiting_step(s, a, visit_id, sop.BAG_RETURN),
        FORM,
        "tidak sedang menunggu 10. Ambil tas & pulang",
    )


def test_acting_on_the_wrong_step(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.SEARCH)
    refused(
        desk,
        lambda s, a: visits.seat_at_reading_table(s, a, visit_id, 1, READING_TABLES),
        FORM,
        "sedang di langkah 6. Pencarian data, bukan 8. Ke meja baca",
    )
    refused(
        desk,
        lambda s, a: visits.record_availability(s, a, visit_id, []),
        FORM,
        "sedang di langkah 6. Pencarian data",
    )


def test_availability_with_an_undecided_request(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.AVAILABILITY)
    with desk.db.database.reading() as session:
        first, second = (r.id for r in queries.requests_of_visit(session, visit_id))
    errors = refused(
        desk,
        lambda s, a: visits.record_availability(
            s, a, visit_id, [visits.RequestDecision(first, True)]
        ),
        f"request-{second}",
        "Tentukan ketersediaan: Jumlah penduduk",
    )
    assert set(errors) == {f"request-{second}"}
    refused(
        desk,
        lambda s, a: visits.record_availability(
            s,
            a,
            visit_id,
            [visits.RequestDecision(first, True), visits.RequestDecision(second, None)],
        ),
        f"request-{second}",
        "Tentukan ketersediaan",
    )


@pytest.mark.parametrize("agency", [None, "", "   "])
def test_not_available_needs_an_agency(desk: Desk, agency: str | None) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.AVAILABILITY)
    with desk.db.database.reading() as session:
        first, second = (r.id for r in queries.requests_of_visit(session, visit_id))
    refused(
        desk,
        lambda s, a: visits.record_availability(
            s,
            a,
            visit_id,
            [visits.RequestDecision(first, True), visits.RequestDecision(second, False, agency)],
        ),
        f"request-{second}",
        "Tuliskan dinas/instansi rujukan",
    )


def test_all_requests_referred_goes_to_bag_return(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.AVAILABILITY, slot=4)
    desk.do(lambda s, a: visits.record_availability(s, a, visit_id, decide_all(s, visit_id, False)))
    referred_at = desk.now
    assert desk.open_step(visit_id) == (sop.BAG_RETURN, False)
    visit = desk.visit(visit_id)
    assert [st.step_number for st in visit.steps] == [1, 2, 3, 4, 6, 7, 10]
    availability, bag_return = visit.steps[5], visit.steps[6]
    assert availability.outcome == sop.OUTCOME_REFERRED
    assert bag_return.queued_at == referred_at and bag_return.started_at is None
    assert all(
        r.available is False and r.referred_agency == "Dinas Kesehatan" for r in visit.requests
    )
    assert all(r.decided_at == referred_at for r in visit.requests)

    desk.walk(visit_id, None)
    visit = desk.visit(visit_id)
    assert visit.status == VISIT_DONE
    assert [st.step_number for st in visit.steps] == [1, 2, 3, 4, 6, 7, 10]
    assert visit.reading_table is None


def test_one_request_available_goes_to_the_reading_table(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.AVAILABILITY)
    with desk.db.database.reading() as session:
        first, second = (r.id for r in queries.requests_of_visit(session, visit_id))
    desk.do(
        lambda s, a: visits.record_availability(
            s,
            a,
            visit_id,
            [
                visits.RequestDecision(first, True, "ignored", " di rak 3 "),
                visits.RequestDecision(second, False, "  Disdukcapil  "),
            ],
        )
    )
    assert desk.open_step(visit_id) == (sop.READING_TABLE, True)
    visit = desk.visit(visit_id)
    assert visit.steps[-2].outcome == sop.OUTCOME_FOUND
    found, referred_request = visit.requests
    assert (found.available, found.referred_agency, found.answer_note) == (True, None, "di rak 3")
    assert (referred_request.available, referred_request.referred_agency) == (False, "Disdukcapil")


# -- steps 8 to 10 --------------------------------------------------------------------------


def test_reading_table_taken_and_out_of_range(desk: Desk) -> None:
    first = desk.new_visit()
    desk.walk(first, sop.PURCHASE_OFFER, slot=1, table=2, start_waiting=False)
    second = desk.new_visit()
    desk.walk(second, sop.READING_TABLE, slot=2)
    refused(
        desk,
        lambda s, a: visits.seat_at_reading_table(s, a, second, 2, READING_TABLES),
        "reading_table",
        "Meja baca nomor 2 sedang terpakai",
    )
    refused(
        desk,
        lambda s, a: visits.seat_at_reading_table(s, a, second, 9, READING_TABLES),
        "reading_table",
        "Nomor meja baca harus antara 1 dan 8",
    )


def test_purchase_declined_goes_to_bag_return(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURCHASE_OFFER)
    desk.do(lambda s, a: visits.record_purchase_offer(s, a, visit_id, False))
    assert desk.open_step(visit_id) == (sop.BAG_RETURN, False)
    visit = desk.visit(visit_id)
    assert visit.steps[-2].step_number == sop.PURCHASE_OFFER
    assert visit.steps[-2].outcome == sop.OUTCOME_DECLINES


def test_purchase_yes_waits_for_the_treasurer(desk: Desk) -> None:
    """'Yes' keeps step 9 open (the treasurer's receipt ends it); a second 'yes' changes
    nothing; 'no' afterwards (the visitor changed their mind) ends it as declined."""
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURCHASE_OFFER)
    desk.do(lambda s, a: visits.record_purchase_offer(s, a, visit_id, True))
    assert desk.open_step(visit_id) == (sop.PURCHASE_OFFER, True)
    step = desk.visit(visit_id).steps[-1]
    assert (step.step_number, step.outcome, step.ended_at) == (
        sop.PURCHASE_OFFER,
        sop.OUTCOME_BUYS,
        None,
    )

    before = snapshot(desk.db)
    desk.do(lambda s, a: visits.record_purchase_offer(s, a, visit_id, True))
    assert snapshot(desk.db) == before

    desk.do(lambda s, a: visits.record_purchase_offer(s, a, visit_id, False))
    changed_mind_at = desk.now
    assert desk.open_step(visit_id) == (sop.BAG_RETURN, False)
    offer = desk.visit(visit_id).steps[-2]
    assert offer.outcome == sop.OUTCOME_DECLINES
    assert offer.ended_at == changed_mind_at


def test_purchase_answer_is_required(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURCHASE_OFFER)
    refused(
        desk,
        lambda s, a: visits.record_purchase_offer(s, a, visit_id, None),
        "purchase",
        "membeli atau tidak",
    )


def test_purchase_offer_not_yet_started(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURCHASE_OFFER, start_waiting=False)
    refused(
        desk,
        lambda s, a: visits.record_purchase_offer(s, a, visit_id, False),
        FORM,
        "belum dimulai",
    )


def test_bag_return_not_yet_started(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.BAG_RETURN, start_waiting=False)
    refused(
        desk,
        lambda s, a: visits.return_bag(s, a, visit_id, "A-001"),
        FORM,
        "belum dimulai",
    )


@pytest.mark.parametrize(
    ("tag", "fragment"),
    [
        ("A-2", "Kode A-002 tidak cocok dengan kunjungan ini"),
        ("B001", "Kode B-001 tidak cocok"),
        ("", "Ketik kode pada label tas"),
        (None, "Ketik kode pada label tas"),
        ("tas", "Ketik kode pada label tas"),
    ],
)
def test_wrong_bag_tag(desk: Desk, tag: str | None, fragment: str) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.BAG_RETURN)
    refused(desk, lambda s, a: visits.return_bag(s, a, visit_id, tag), "tag_code", fragment)
    assert desk.visit(visit_id).status == VISIT_IN_PROGRESS


def test_done_visit_is_closed(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, None)
    visit = desk.visit(visit_id)
    assert visit.status == VISIT_DONE
    assert visit.left_at == desk.now
    assert visit.steps[-1].outcome == sop.OUTCOME_BAG_RETURNED
    refused(desk, lambda s, a: visits.return_bag(s, a, visit_id, "A-001"), FORM, "sudah ditutup")
    refused(
        desk,
        lambda s, a: visits.start_waiting_step(s, a, visit_id, sop.BAG_RETURN),
        FORM,
        "Kunjungan A-001 sudah ditutup",
    )


def test_unknown_visit(desk: Desk) -> None:
    refused(desk, lambda s, a: visits.finish_search(s, a, 999_999, None), FORM, "tidak ditemukan")


def test_finished_visit_frees_its_rack_slot_and_reading_table(desk: Desk) -> None:
    first = desk.new_visit()
    desk.walk(first, sop.PURCHASE_OFFER, slot=7, table=3, start_waiting=False)
    with desk.db.database.reading() as session:
        assert queries.taken_rack_slots(session, desk.db.office_id) == [7]
        assert queries.taken_reading_tables(session, desk.db.office_id) == [3]
    desk.walk(first, None)
    with desk.db.database.reading() as session:
        assert queries.taken_rack_slots(session, desk.db.office_id) == []
        assert queries.taken_reading_tables(session, desk.db.office_id) == []
    finished = desk.visit(first)
    assert (finished.rack_slot, finished.reading_table) == (7, 3)  # history is kept

    second = desk.new_visit()
    desk.walk(second, sop.PURCHASE_OFFER, slot=7, table=3, start_waiting=False)
    taken_again = desk.visit(second)
    assert (taken_again.rack_slot, taken_again.reading_table) == (7, 3)


# -- times: waiting apart from the step's own time ------------------------------------------


def test_waiting_time_is_kept_apart(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, None)
    steps = {step.step_number: step for step in desk.visit(visit_id).steps}
    assert list(steps) == [1, 2, 3, 4, 6, 7, 8, 9, 10]
    assert steps[1].queued_at == steps[1].started_at
    for number in (2, 3, 6, 7, 8):
        previous = steps[sop.VISIT_STEP_NUMBERS[sop.VISIT_STEP_NUMBERS.index(number) - 1]]
        assert steps[number].queued_at == previous.ended_at, number
        assert steps[number].started_at == previous.ended_at, number
    for number in (4, 9, 10):
        previous = steps[sop.VISIT_STEP_NUMBERS[sop.VISIT_STEP_NUMBERS.index(number) - 1]]
        assert steps[number].queued_at == previous.ended_at, number
        # walk() starts a waiting step one action (one minute) after it was queued
        assert steps[number].started_at == previous.ended_at + timedelta(minutes=1), number
    for step in steps.values():
        assert step.ended_at is not None and step.started_at is not None
        assert step.started_by_id == desk.officer and step.ended_by_id == desk.officer


def test_starting_a_waiting_step_twice_keeps_the_first_start(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURPOSE, start_waiting=False)
    desk.do(lambda s, a: visits.start_waiting_step(s, a, visit_id, sop.PURPOSE), minutes_later=4)
    first_start = desk.now
    desk.do(lambda s, a: visits.start_waiting_step(s, a, visit_id, sop.PURPOSE), minutes_later=2)
    purpose = desk.visit(visit_id).steps[-1]
    assert purpose.step_number == sop.PURPOSE
    assert purpose.started_at == first_start
    assert purpose.started_at - purpose.queued_at == timedelta(minutes=4)


# -- arrival: codes, service hours, double submits ------------------------------------------


def test_visit_codes_per_wib_day(desk: Desk) -> None:
    desk.now = at("2026-11-25 23:58")
    late = desk.new_visit()  # 23:59 WIB on 25 Nov
    desk.now = at("2026-11-26 00:00")
    first = desk.new_visit()  # 00:01 WIB on 26 Nov, which is still 25 Nov in UTC
    second = desk.new_visit()
    desk.now = at("2026-11-27 08:59")
    next_day = desk.new_visit()
    codes = {v: (desk.visit(v).code, desk.visit(v).visit_date) for v in (late, first, second)}
    assert codes == {
        late: ("A-001", date(2026, 11, 25)),
        first: ("A-001", date(2026, 11, 26)),
        second: ("A-002", date(2026, 11, 26)),
    }
    assert desk.visit(first).arrived_at.date() == date(2026, 11, 25)  # stored in UTC
    assert (desk.visit(next_day).code, desk.visit(next_day).visit_date) == (
        "A-001",
        date(2026, 11, 27),
    )


def test_new_visit_starts_screening(desk: Desk) -> None:
    visit_id = desk.new_visit()
    visit = desk.visit(visit_id)
    assert visit.status == VISIT_IN_PROGRESS
    assert visit.arrived_at == desk.now
    assert visit.created_by_id == desk.officer
    assert [(s.step_number, s.started_at) for s in visit.steps] == [(sop.SCREENING, desk.now)]


@pytest.mark.parametrize(
    ("arrival", "outside"),
    [
        ("2026-11-28 10:00", True),  # Saturday
        ("2026-11-26 07:59", True),
        ("2026-11-26 08:30", False),
        ("2026-11-26 15:30", False),
        ("2026-11-26 15:31", True),
        ("2026-08-17 10:00", True),  # Independence Day, a Monday
    ],
)
def test_outside_service_hours_is_flagged_not_refused(
    desk: Desk, arrival: str, outside: bool
) -> None:
    desk.now = at(arrival) - timedelta(minutes=1)
    visit_id = desk.new_visit()
    visit = desk.visit(visit_id)
    assert visit.arrived_at == at(arrival)
    assert visit.outside_service_hours is outside
    assert visit.status == VISIT_IN_PROGRESS
    desk.walk(visit_id, sop.GUEST_BOOK)  # and it can be served


def test_double_submit_returns_the_same_visit(desk: Desk) -> None:
    first = desk.new_visit(client_key="form-123")
    again = desk.new_visit(client_key="form-123")
    assert again == first
    assert count(desk.db, Visit) == 1
    assert count(desk.db, VisitStep) == 1
    other = desk.new_visit(client_key="form-456")
    assert other != first
    assert desk.code(other) == "A-002"


def test_double_submit_in_one_transaction(desk: Desk) -> None:
    def twice(session: Session, actor: Actor) -> tuple[int, int]:
        one = visits.start_visit(session, actor, "form-xyz")
        two = visits.start_visit(session, actor, "form-xyz")
        return one.id, two.id

    one, two = desk.do(twice)
    assert one == two
    assert count(desk.db, Visit) == 1


def test_each_action_is_audited(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, None)
    with desk.db.database.reading() as session:
        actions = list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.table_name == "visit", AuditEvent.row_id == visit_id)
                .order_by(AuditEvent.id)
            )
        )
    assert actions == [
        "visit.start",
        "visit.screening",
        "visit.bag_rack",
        "visit.guest_book",
        "visit.start_step",
        "visit.purpose",
        "visit.search",
        "visit.availability",
        "visit.reading_table",
        "visit.start_step",
        "visit.purchase_offer",
        "visit.start_step",
        "visit.done",
    ]
