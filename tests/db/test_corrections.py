"""Correcting a wrongly clicked step time: the step keeps the corrected value, the old value,
the reason and who corrected it are kept beside it; impossible times are refused."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from dashboard import sop
from dashboard.errors import FORM
from dashboard.visits import services as visits
from dashboard.visits.corrections import correct_step_time
from db.models import AuditEvent, StepTimeCorrection, Visit, VisitStep
from tests.helpers.clock import at
from tests.helpers.desk import Desk, refused


def step_of(desk: Desk, visit_id: int, number: int) -> VisitStep:
    with desk.db.database.reading() as session:
        step = session.scalar(
            select(VisitStep).where(VisitStep.visit_id == visit_id, VisitStep.step_number == number)
        )
        assert step is not None
        return step


def corrections(desk: Desk) -> list[StepTimeCorrection]:
    with desk.db.database.reading() as session:
        return list(session.scalars(select(StepTimeCorrection).order_by(StepTimeCorrection.id)))


def correct(
    desk: Desk, step_id: int, field: str, value: datetime | None, reason: str | None
) -> None:
    desk.do(lambda s, a: correct_step_time(s, a, step_id, field, value, reason))


def test_corrected_end_is_kept_with_old_value_reason_and_who(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURPOSE)
    bag = step_of(desk, visit_id, sop.BAG_RACK)
    assert bag.started_at is not None and bag.ended_at is not None
    old_end = bag.ended_at
    new_end = bag.started_at + timedelta(seconds=30)
    correct(desk, bag.id, "ended_at", new_end, "  Lupa klik selesai tepat waktu  ")
    corrected_at = desk.now

    assert step_of(desk, visit_id, sop.BAG_RACK).ended_at == new_end
    [row] = corrections(desk)
    assert (row.visit_step_id, row.field_name) == (bag.id, "ended_at")
    assert (row.old_value, row.new_value) == (old_end, new_end)
    assert row.reason == "Lupa klik selesai tepat waktu"
    assert (row.corrected_by_id, row.corrected_at) == (desk.officer, corrected_at)
    with desk.db.database.reading() as session:
        audit = session.scalar(
            select(AuditEvent).where(AuditEvent.action == "visit_step.correct_time")
        )
        assert audit is not None
        assert (audit.table_name, audit.row_id, audit.user_id) == (
            "visit_step",
            bag.id,
            desk.officer,
        )


def test_corrected_start_of_a_waiting_step(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURPOSE, start_waiting=False)
    desk.now += timedelta(minutes=10)  # the visitor waits
    desk.do(lambda s, a: visits.start_waiting_step(s, a, visit_id, sop.PURPOSE))
    purpose = step_of(desk, visit_id, sop.PURPOSE)
    assert purpose.started_at is not None
    earlier = purpose.queued_at + timedelta(minutes=2)
    correct(desk, purpose.id, "started_at", earlier, "Petugas lupa klik Mulai")
    corrected = step_of(desk, visit_id, sop.PURPOSE)
    assert corrected.started_at == earlier
    assert corrected.queued_at == purpose.queued_at  # the wait begins when it began


def test_start_before_the_wait_began_is_refused(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURPOSE)
    purpose = step_of(desk, visit_id, sop.PURPOSE)
    refused(
        desk,
        lambda s, a: correct_step_time(
            s, a, purpose.id, "started_at", purpose.queued_at - timedelta(minutes=1), "Salah klik"
        ),
        "corrected_time",
        "sebelum langkah ini mulai ditunggu",
    )


def test_end_before_start_is_refused(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.SEARCH)
    guest_book = step_of(desk, visit_id, sop.GUEST_BOOK)
    assert guest_book.started_at is not None
    refused(
        desk,
        lambda s, a: correct_step_time(
            s,
            a,
            guest_book.id,
            "ended_at",
            guest_book.started_at - timedelta(seconds=1),
            "Salah klik selesai",
        ),
        "corrected_time",
        "Waktu selesai tidak boleh sebelum waktu mulai",
    )


def test_start_after_end_is_refused(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.SEARCH)
    purpose = step_of(desk, visit_id, sop.PURPOSE)
    assert purpose.ended_at is not None
    refused(
        desk,
        lambda s, a: correct_step_time(
            s,
            a,
            purpose.id,
            "started_at",
            purpose.ended_at + timedelta(seconds=1),
            "Salah klik mulai",
        ),
        "corrected_time",
        "Waktu selesai tidak boleh sebelum waktu mulai",
    )


def test_future_time_is_refused(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.GUEST_BOOK)
    bag = step_of(desk, visit_id, sop.BAG_RACK)
    refused(
        desk,
        lambda s, a: correct_step_time(
            s, a, bag.id, "ended_at", a.now + timedelta(minutes=1), "Perkiraan selesai"
        ),
        "corrected_time",
        "tidak boleh di masa depan",
    )


@pytest.mark.parametrize("reason", [None, "", "     ", "abc", " ok  "])
def test_reason_is_required(desk: Desk, reason: str | None) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.GUEST_BOOK)
    bag = step_of(desk, visit_id, sop.BAG_RACK)
    assert bag.started_at is not None
    refused(
        desk,
        lambda s, a: correct_step_time(s, a, bag.id, "ended_at", bag.started_at, reason),
        "correction_reason",
        "Tuliskan alasan koreksi",
    )


def test_all_form_problems_are_reported_together(desk: Desk) -> None:
    visit_id = desk.new_visit()
    errors = refused(
        desk,
        lambda s, a: correct_step_time(s, a, visit_id, "queued_at", None, ""),
        "corrected_field",
        "Pilih waktu yang dikoreksi",
    )
    assert set(errors) == {"corrected_field", "corrected_time", "correction_reason"}


def test_end_of_an_open_step_cannot_be_corrected(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.GUEST_BOOK)
    open_step = step_of(desk, visit_id, sop.GUEST_BOOK)
    refused(
        desk,
        lambda s, a: correct_step_time(
            s, a, open_step.id, "ended_at", a.now - timedelta(seconds=5), "Sudah selesai tadi"
        ),
        "corrected_field",
        "belum punya waktu selesai",
    )


def test_unknown_step(desk: Desk) -> None:
    refused(
        desk,
        lambda s, a: correct_step_time(s, a, 999_999, "ended_at", a.now, "Salah klik"),
        FORM,
        "tidak ditemukan",
    )


def test_a_done_visit_can_be_corrected(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, None)
    search = step_of(desk, visit_id, sop.SEARCH)
    assert search.started_at is not None
    correct(desk, search.id, "ended_at", search.started_at + timedelta(seconds=40), "Salah klik")
    assert step_of(desk, visit_id, sop.SEARCH).ended_at == search.started_at + timedelta(seconds=40)


def arrival(desk: Desk, visit_id: int) -> tuple[datetime, bool]:
    with desk.db.database.reading() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None
        return visit.arrived_at, visit.outside_service_hours


def test_later_start_of_step_1_moves_the_arrival(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.BAG_RACK)
    screening = step_of(desk, visit_id, sop.SCREENING)
    assert screening.ended_at is not None
    later = screening.ended_at - timedelta(seconds=20)
    correct(desk, screening.id, "started_at", later, "Tombol diklik sebelum tamu masuk")
    assert step_of(desk, visit_id, sop.SCREENING).started_at == later
    assert arrival(desk, visit_id)[0] == later


def test_earlier_start_of_step_1_moves_the_arrival(desk: Desk) -> None:
    """The usual mistake: the officer clicked 'Kunjungan baru' only after the visitor had
    come in. Step 1 has no wait before it, so its start may move earlier."""
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.BAG_RACK)
    screening = step_of(desk, visit_id, sop.SCREENING)
    assert screening.started_at is not None
    earlier = screening.started_at - timedelta(minutes=3)
    correct(desk, screening.id, "started_at", earlier, "Tamu sudah datang sebelum diklik")
    assert step_of(desk, visit_id, sop.SCREENING).started_at == earlier
    assert arrival(desk, visit_id)[0] == earlier


def test_moving_the_arrival_updates_the_service_hours_flag(desk: Desk) -> None:
    """The flag is derived from the arrival; after a correction it must follow it."""
    desk.now = at("2026-11-26 15:28")
    visit_id = desk.new_visit()  # 15:29 WIB: inside service hours
    assert arrival(desk, visit_id) == (at("2026-11-26 15:29"), False)
    desk.now += timedelta(minutes=5)
    correct(
        desk,
        step_of(desk, visit_id, sop.SCREENING).id,
        "started_at",
        at("2026-11-26 15:33"),
        "Tamu baru masuk pukul 15.33",
    )
    assert arrival(desk, visit_id) == (at("2026-11-26 15:33"), True)


def test_moving_a_shared_boundary_keeps_the_chain_without_gap(desk: Desk) -> None:
    """Step 3 starts the moment step 2 ends: correcting step 2's end moves step 3's start
    (and the moment it became due) with it."""
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURPOSE)
    bag = step_of(desk, visit_id, sop.BAG_RACK)
    assert bag.started_at is not None
    new_end = bag.started_at + timedelta(seconds=40)
    correct(desk, bag.id, "ended_at", new_end, "Tas sudah di rak lebih awal")
    guest_book = step_of(desk, visit_id, sop.GUEST_BOOK)
    assert guest_book.queued_at == guest_book.started_at == new_end


def test_moving_a_start_that_shares_the_boundary_moves_the_previous_end(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURPOSE)
    guest_book = step_of(desk, visit_id, sop.GUEST_BOOK)
    assert guest_book.started_at is not None
    new_start = guest_book.started_at - timedelta(seconds=20)
    correct(desk, guest_book.id, "started_at", new_start, "Mulai mengisi lebih awal")
    assert step_of(desk, visit_id, sop.BAG_RACK).ended_at == new_start


def test_a_waiting_step_start_moves_alone(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.SEARCH)
    purpose = step_of(desk, visit_id, sop.PURPOSE)
    assert purpose.started_at is not None
    new_start = purpose.started_at - timedelta(seconds=30)
    correct(desk, purpose.id, "started_at", new_start, "Petugas lupa klik mulai")
    moved = step_of(desk, visit_id, sop.PURPOSE)
    assert moved.started_at == new_start and moved.queued_at == purpose.queued_at
    assert step_of(desk, visit_id, sop.GUEST_BOOK).ended_at == purpose.queued_at


def test_an_end_past_the_next_step_is_refused(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURPOSE)
    bag = step_of(desk, visit_id, sop.BAG_RACK)
    guest_book = step_of(desk, visit_id, sop.GUEST_BOOK)
    assert guest_book.ended_at is not None
    refused(
        desk,
        lambda s, a: correct_step_time(
            s, a, bag.id, "ended_at", guest_book.ended_at + timedelta(seconds=1), "Salah klik"
        ),
        "corrected_time",
        "melewati langkah berikutnya",
    )


def test_correcting_the_last_step_moves_the_departure(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, None)
    bag_return = step_of(desk, visit_id, sop.BAG_RETURN)
    assert bag_return.started_at is not None
    new_end = bag_return.started_at + timedelta(seconds=45)
    correct(desk, bag_return.id, "ended_at", new_end, "Tas diambil lebih awal")
    with desk.db.database.reading() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None and visit.left_at == new_end
