"""Kedatangan (SOP steps 1-3): where a visit stands at the door, the wizard's browser state,
rack suggestions, returning visitors, and what the callbacks return for each outcome."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from dash import no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.arrival import (
    bag_outputs,
    clicked,
    guest_book_outputs,
    returning_outputs,
    screening_outputs,
    stage_outputs,
    start_outputs,
)
from callbacks.common import Outcome
from dashboard import sop
from dashboard.audit import Actor
from dashboard.errors import FORM, InputError
from dashboard.paths import parse_id
from dashboard.ui.forms import field_feedback
from dashboard.visits import arrival_ids as ids
from dashboard.visits import arrival_layout as cards
from dashboard.visits import services as visits
from dashboard.visits.arrival_desk import (
    GUEST_BOOK_FIELDS,
    IDLE,
    STAGE_BAG,
    STAGE_GUEST_BOOK,
    STAGE_IDLE,
    STAGE_REFUSED,
    STAGE_REGISTERED,
    STAGE_SCREENING,
    ArrivalView,
    RackSuggestion,
    StageData,
    StoredVisitor,
    arrival_view,
    contact_for_lookup,
    merge_returning_visitor,
    parse_mask,
    pending_arrivals,
    rack_suggestion,
    refusal_text,
    registered_text,
    returning_notice,
    start_or_resume,
    stepper_states,
    stored_visit_id,
    visit_store,
    visitor_form_values,
)
from dashboard.visits.arrival_layout import INVALID_CHOICE
from db.models import VISIT_DONE, VISIT_IN_PROGRESS, VISIT_REFUSED, Visit, Visitor, VisitStep
from db.queries.visits import ActiveVisitRow
from tests.helpers.clock import at
from tests.helpers.database import PreparedDatabase
from tests.helpers.staff import create_staff

OFFICE = 1
ARRIVED = at("2026-11-26 09:00")
TARGETS: dict[int, int | None] = {sop.SCREENING: None, sop.BAG_RACK: 3, sop.GUEST_BOOK: 5}
OPTIONS = {
    "education": [("s1", "D4/S1")],
    "occupation": [("pelajar", "Pelajar/Mahasiswa")],
    "institution_type": [("pendidikan", "Lembaga pendidikan")],
}


def make_visit(
    open_step: int | None = sop.SCREENING,
    *,
    status: str = VISIT_IN_PROGRESS,
    open_started: bool = True,
    office_id: int = OFFICE,
    refusal_reason: str | None = None,
) -> Visit:
    """A visit in memory whose steps before ``open_step`` are ended (no step open: None)."""
    visit = Visit(
        id=17,
        office_id=office_id,
        code="A-017",
        arrived_at=ARRIVED,
        status=status,
        outside_service_hours=True,
        refusal_reason=refusal_reason,
    )
    numbers = list(sop.VISIT_STEP_NUMBERS)
    last = numbers.index(open_step) if open_step else 0
    steps = [
        VisitStep(step_number=number, queued_at=ARRIVED, started_at=ARRIVED, ended_at=ARRIVED)
        for number in numbers[:last]
    ]
    if open_step:
        steps.append(
            VisitStep(
                step_number=open_step,
                queued_at=ARRIVED,
                started_at=ARRIVED if open_started else None,
            )
        )
    visit.steps = steps
    return visit


def walk(component: Any) -> Iterator[Component]:
    if isinstance(component, Component):
        yield component
        children = getattr(component, "children", None)
        for child in children if isinstance(children, list | tuple) else [children]:
            yield from walk(child)


def find(component: Any, component_id: object) -> Component | None:
    return next((c for c in walk(component) if getattr(c, "id", None) == component_id), None)


def text_of(component: Any) -> str:
    parts: list[str] = []

    def collect(node: Any) -> None:
        if isinstance(node, str | int):
            parts.append(str(node))
        elif isinstance(node, list | tuple):
            for item in node:
                collect(item)
        elif isinstance(node, Component):
            collect(getattr(node, "children", None))

    collect(component)
    return "".join(parts)


# -- where a visit stands -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("open_step", "stage"),
    [
        (sop.SCREENING, STAGE_SCREENING),
        (sop.BAG_RACK, STAGE_BAG),
        (sop.GUEST_BOOK, STAGE_GUEST_BOOK),
        (sop.PURPOSE, STAGE_REGISTERED),
        (sop.SEARCH, STAGE_REGISTERED),
    ],
)
def test_arrival_view_follows_the_open_step(open_step: int, stage: str) -> None:
    view = arrival_view(make_visit(open_step), OFFICE)
    assert view.stage == stage
    assert (view.visit_id, view.code, view.open_step) == (17, "A-017", open_step)
    assert view.outside_service_hours is True


def test_arrival_view_of_refused_done_and_missing_visits() -> None:
    refused = make_visit(None, status=VISIT_REFUSED, refusal_reason="Tidak memakai masker")
    assert arrival_view(refused, OFFICE).stage == STAGE_REFUSED
    assert arrival_view(make_visit(None, status=VISIT_DONE), OFFICE).stage == STAGE_REGISTERED
    assert arrival_view(None, OFFICE) == IDLE
    assert arrival_view(make_visit(office_id=2), OFFICE) == IDLE


def test_step_number_only_in_form_stages() -> None:
    assert arrival_view(make_visit(sop.BAG_RACK), OFFICE).step_number == sop.BAG_RACK
    assert arrival_view(make_visit(sop.PURPOSE), OFFICE).step_number is None
    assert IDLE.step_number is None


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        (STAGE_IDLE, ["todo", "todo", "todo"]),
        (STAGE_SCREENING, ["current", "todo", "todo"]),
        (STAGE_BAG, ["done", "current", "todo"]),
        (STAGE_GUEST_BOOK, ["done", "done", "current"]),
        (STAGE_REGISTERED, ["done", "done", "done"]),
        (STAGE_REFUSED, ["refused", "todo", "todo"]),
    ],
)
def test_stepper_states(stage: str, expected: list[str]) -> None:
    states = stepper_states(stage)
    assert [states[number] for number in (1, 2, 3)] == expected


def test_registered_text_says_where_the_visit_is_now() -> None:
    waiting = arrival_view(make_visit(sop.PURPOSE, open_started=False), OFFICE)
    assert (
        registered_text(waiting)
        == "Kunjungan A-017 tercatat; pengunjung menunggu petugas (langkah 4)"
    )
    searching = arrival_view(make_visit(sop.SEARCH), OFFICE)
    assert registered_text(searching) == "Kunjungan A-017 tercatat; sekarang di langkah 6. " + (
        sop.STEP_BY_NUMBER[sop.SEARCH].label
    )
    done = arrival_view(make_visit(None, status=VISIT_DONE), OFFICE)
    assert registered_text(done) == "Kunjungan A-017 sudah selesai."


def test_refusal_text() -> None:
    view = ArrivalView(stage=STAGE_REFUSED, code="A-003", refusal_reason="Tidak memakai masker")
    assert refusal_text(view) == "Tidak diizinkan masuk: Tidak memakai masker"


# -- the wizard's browser state -------------------------------------------------------------


def test_visit_store_changes_on_every_action() -> None:
    first = visit_store(None, 5)
    assert first == {"visit_id": 5, "revision": 1}
    again = visit_store(first, 5)
    assert again == {"visit_id": 5, "revision": 2}
    assert visit_store(again, None) == {"visit_id": None, "revision": 3}


@pytest.mark.parametrize(
    ("store", "expected"),
    [
        (None, None),
        ({}, None),
        ({"visit_id": 5}, 5),
        ({"visit_id": "5"}, 5),
        ({"visit_id": "x"}, None),
        ({"visit_id": True}, None),
        ({"visit_id": [1]}, None),
    ],
)
def test_stored_visit_id_tolerates_anything(store: Any, expected: int | None) -> None:
    assert stored_visit_id(store) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), (" 7 ", 7), ("0", None), ("-3", None), ("x", None), (None, None)],
)
def test_parse_requested_visit(raw: object, expected: int | None) -> None:
    assert parse_id(raw) == expected


@pytest.mark.parametrize(("value", "expected"), [("yes", True), ("no", False), (None, None)])
def test_parse_mask(value: str | None, expected: bool | None) -> None:
    assert parse_mask(value) is expected


def test_clicked() -> None:
    assert not clicked(None)
    assert not clicked(0)
    assert clicked(1)


# -- rack slots ------------------------------------------------------------------------------


def test_rack_suggestion_is_the_lowest_free_slot() -> None:
    suggestion = rack_suggestion([1, 2, 4], 30)
    assert suggestion.slot == 3
    assert suggestion.text == "Rak kosong terendah: 3. Terisi 3 dari 30 rak."


def test_rack_suggestion_when_every_slot_is_taken() -> None:
    suggestion = rack_suggestion([1, 2, 7], 2)
    assert suggestion.slot is None
    assert suggestion.text.startswith("Semua 2 rak terisi.")
    assert "text-danger" in cards.rack_hint_class(suggestion)


# -- returning visitors ---------------------------------------------------------------------


def test_contact_for_lookup_normalises_and_skips_malformed() -> None:
    assert contact_for_lookup("+62 812-3456-7890", " Siti@Contoh.go.id ") == (
        "081234567890",
        "siti@contoh.go.id",
    )
    assert contact_for_lookup("12", "bukan-email") == (None, None)
    assert contact_for_lookup(None, "") == (None, None)


def test_visitor_form_values() -> None:
    visitor = Visitor(
        name="Siti",
        gender="P",
        birth_year=1998,
        education="s1",
        occupation=None,
        institution="Unsri",
        institution_type="pendidikan",
        phone="081234567890",
        email=None,
    )
    values = visitor_form_values(visitor)
    assert values["birth_year"] == "1998"
    assert values["occupation"] is None
    assert set(values) == set(GUEST_BOOK_FIELDS)


STORED = {
    "phone": "081234567890",
    "email": "siti@contoh.go.id",
    "name": "Siti Aminah",
    "gender": "P",
    "birth_year": "1998",
    "education": "s1",
    "occupation": None,
    "institution": "Unsri",
    "institution_type": "pendidikan",
}


def test_merge_fills_empty_fields_and_keeps_typed_ones() -> None:
    current = {field: None for field in GUEST_BOOK_FIELDS}
    current |= {"phone": "0812 3456 7890", "name": "Siti A.", "education": ""}
    merged = merge_returning_visitor(current, STORED)
    assert merged["phone"] == "0812 3456 7890"
    assert merged["name"] == "Siti A."
    assert merged["email"] == "siti@contoh.go.id"
    assert merged["education"] == "s1"
    assert merged["gender"] == "P"
    assert merged["occupation"] is None


def test_merge_replaces_what_an_earlier_match_filled() -> None:
    earlier = dict(STORED) | {"name": "Budi", "gender": "L", "occupation": "asn"}
    current = dict(earlier) | {"phone": "0899 1111 2222", "institution": "BPS Provinsi"}
    merged = merge_returning_visitor(current, STORED, earlier)
    assert merged["name"] == "Siti Aminah"
    assert merged["gender"] == "P"
    assert merged["occupation"] == ""
    assert merged["institution"] == "BPS Provinsi"
    assert merged["phone"] == "0899 1111 2222"


def test_returning_notice() -> None:
    assert (
        returning_notice("Siti Aminah", at("2026-11-26 23:30"))
        == "Pengunjung lama: Siti Aminah, terakhir diperbarui 26 Nov 2026"
    )


# -- visits still at the door ---------------------------------------------------------------


def active_row(visit_id: int, step: int, minute: int) -> ActiveVisitRow:
    return ActiveVisitRow(
        visit_id=visit_id,
        code=f"A-{visit_id:03d}",
        visitor_name=None,
        arrived_at=ARRIVED + timedelta(minutes=minute),
        outside_service_hours=False,
        rack_slot=None,
        reading_table=None,
        step_number=step,
        queued_at=ARRIVED,
        started_at=ARRIVED,
    )


def test_pending_arrivals_keeps_steps_one_to_three_oldest_first() -> None:
    rows = [active_row(3, sop.GUEST_BOOK, 9), active_row(1, sop.PURPOSE, 0), active_row(2, 1, 5)]
    pending = pending_arrivals(rows)
    assert [item.visit_id for item in pending] == [2, 3]
    assert [item.step_text for item in pending] == ["1. Skrining", "3. Buku tamu"]


def test_pending_list_marks_the_visit_open_here() -> None:
    pending = pending_arrivals([active_row(2, 1, 0), active_row(3, 2, 1)])
    listing = cards.pending_list(pending, current_visit_id=2, can_write=True)
    assert find(listing, ids.of_visit(ids.RESUME, 2)) is None
    assert find(listing, ids.of_visit(ids.RESUME, 3)) is not None
    readers = cards.pending_list(pending, current_visit_id=None, can_write=False)
    assert find(readers, ids.of_visit(ids.RESUME, 3)) is None
    empty = cards.pending_list([], None, True)
    assert empty.id == ids.PENDING_EMPTY


# -- the cards -------------------------------------------------------------------------------


def stage_data(view: ArrivalView, **extra: Any) -> StageData:
    return StageData(
        view=view,
        targets=TARGETS,
        fever_threshold=Decimal("37.5"),
        rack_capacity=30,
        **extra,
    )


def stage_parts(data: StageData, writable: bool) -> tuple[Any, Any, Any]:
    """(stepper, banner, card) as the render callback puts them on the page."""
    outputs = stage_outputs(data, writable)
    return outputs["stepper"], outputs["banner"], outputs["stage"]


def test_each_stage_draws_its_own_card() -> None:
    screening = arrival_view(make_visit(sop.SCREENING), OFFICE)
    stepper, banner, card = stage_parts(stage_data(screening), writable=True)
    assert card.id == ids.SCREENING_CARD
    assert find(card, ids.MASK) is not None and find(card, ids.TEMPERATURE) is not None
    assert text_of(find(banner, ids.VISIT_CODE)) == "A-017"
    assert find(banner, ids.OUTSIDE_HOURS_FLAG).className == "pst-flag-outside-hours"
    current = next(item for item in stepper if getattr(item, "id", None) == ids.stepper_step(1))
    assert "is-current" in current.className

    bag = arrival_view(make_visit(sop.BAG_RACK), OFFICE)
    _, _, card = stage_parts(stage_data(bag, rack=RackSuggestion(4, "…")), writable=True)
    assert card.id == ids.BAG_CARD
    assert find(card, ids.RACK_SLOT).value == 4

    guest_book = arrival_view(make_visit(sop.GUEST_BOOK), OFFICE)
    _, _, card = stage_parts(stage_data(guest_book, options=OPTIONS), writable=True)
    assert card.id == ids.GUEST_BOOK_CARD
    for control_id in ids.GUEST_BOOK_INPUTS.values():
        assert find(card, control_id) is not None, control_id
    education = find(card, ids.EDUCATION)
    assert [option["value"] for option in education.options] == ["s1", ""]


def test_start_card_after_a_refusal_and_after_registration() -> None:
    refused = arrival_view(
        make_visit(None, status=VISIT_REFUSED, refusal_reason="Tidak memakai masker"), OFFICE
    )
    _, banner, card = stage_parts(stage_data(refused), writable=True)
    assert banner is None
    assert card.id == ids.START_CARD
    assert find(card, ids.NEW_VISIT) is not None
    assert text_of(find(card, ids.RESULT_TEXT)) == "Tidak diizinkan masuk: Tidak memakai masker"
    assert find(card, ids.RESULT).color == "danger"

    registered = arrival_view(make_visit(sop.PURPOSE, open_started=False), OFFICE)
    _, _, card = stage_parts(stage_data(registered), writable=True)
    assert find(card, ids.RESULT_SERVICE_LINK).href == "/layanan/17"
    assert "menunggu petugas (langkah 4)" in text_of(find(card, ids.RESULT_TEXT))


def test_a_reader_sees_no_form_and_no_start_button() -> None:
    view = arrival_view(make_visit(sop.BAG_RACK), OFFICE)
    _, banner, card = stage_parts(stage_data(view, rack=RackSuggestion(1, "…")), False)
    assert banner is None
    assert card.id == ids.START_CARD
    assert find(card, ids.NEW_VISIT) is None
    assert find(card, ids.READ_ONLY_NOTE) is not None


# -- what the callbacks return --------------------------------------------------------------


OUTPUT_GROUPS = ("messages", "invalid", "values")
"""Named outputs that hold one output per form field."""


def in_order(outputs: dict[str, Any]) -> tuple[Any, ...]:
    """A callback's named outputs flattened in the order of its Output list (as Dash sends
    them), so each value is checked in its place."""
    flat: list[Any] = []
    for name, value in outputs.items():
        grouped = name in OUTPUT_GROUPS and isinstance(value, dict)
        flat.extend(value.values() if grouped else [value])
    return tuple(flat)


def test_field_messages() -> None:
    assert field_feedback({"name": "Wajib"}, ["phone", "name"]) == (["", "Wajib"], [False, True])


def test_start_outputs() -> None:
    store = {"visit_id": None, "revision": 4}
    same_key = start_outputs(Outcome(value=(9, "k1")), store, "k1")
    assert same_key == {
        "visit": {"visit_id": 9, "revision": 5},
        "client_key": no_update,
        "alert": None,
    }
    fresh_key = start_outputs(Outcome(value=(10, "k2")), store, "k1")
    assert fresh_key["client_key"] == "k2"
    refused = start_outputs(Outcome(errors={FORM: "Kode bentrok"}), store, "k1")
    assert (refused["visit"], refused["client_key"]) == (no_update, no_update)
    assert text_of(refused["alert"]) == "Kode bentrok"


def test_screening_outputs() -> None:
    store = {"visit_id": 9, "revision": 1}
    errors = in_order(
        screening_outputs(
            Outcome(errors={"mask": "Pilih masker", "temperature": "Angka"}), store, 9
        )
    )
    assert errors[:4] == ("Pilih masker", INVALID_CHOICE, "Angka", True)
    assert errors[5:] == (no_update, no_update)
    admitted = in_order(screening_outputs(Outcome(value=True), store, 9))
    assert admitted[5] == {"visit_id": 9, "revision": 2}
    assert admitted[6] is no_update
    refused = in_order(screening_outputs(Outcome(value=False), store, 9))
    assert refused[5] == {"visit_id": 9, "revision": 2}
    assert isinstance(refused[6], str) and len(refused[6]) == 36


def test_screening_outputs_show_a_form_error_above_the_button() -> None:
    moved = in_order(
        screening_outputs(Outcome(errors={FORM: "Kunjungan A-017 sudah ditutup"}), None, 9)
    )
    assert moved[:4] == ("", "", "", False)
    assert text_of(moved[4]) == "Kunjungan A-017 sudah ditutup"


def test_bag_outputs() -> None:
    taken = in_order(
        bag_outputs(Outcome(errors={"rack_slot": "Rak nomor 3 sedang terpakai."}), None, 9)
    )
    assert taken[:2] == ("Rak nomor 3 sedang terpakai.", True)
    assert taken[3] is no_update
    placed = in_order(bag_outputs(Outcome(value=9), {"visit_id": 9, "revision": 2}, 9))
    assert placed == ("", False, None, {"visit_id": 9, "revision": 3})


def test_guest_book_outputs() -> None:
    errors = {"birth_year": "Tahun lahir tidak boleh di masa depan.", "gender": "Pilih."}
    refused = in_order(guest_book_outputs(Outcome(errors=errors), None, 9))
    messages, invalid = refused[:6], refused[6:11]
    assert messages == ("", "", "", "Pilih.", "Tahun lahir tidak boleh di masa depan.", "")
    assert invalid == (False, False, False, True, False)
    assert refused[11] == INVALID_CHOICE
    assert refused[13:] == (no_update, no_update)
    recorded = in_order(guest_book_outputs(Outcome(value=9), {"visit_id": 9, "revision": 3}, 9))
    assert recorded[13] == {"visit_id": 9, "revision": 4}
    assert isinstance(recorded[14], str)


def stored_visitor(visitor_id: int = 3) -> StoredVisitor:
    return StoredVisitor(visitor_id, "Siti Aminah", at("2026-11-20 10:00"), dict(STORED))


def test_returning_outputs_fill_the_form_once_per_visitor() -> None:
    current = {field: None for field in GUEST_BOOK_FIELDS} | {"phone": "0812 3456 7890"}
    outputs = in_order(returning_outputs(stored_visitor(), current, None, 9))
    values = dict(zip(GUEST_BOOK_FIELDS, outputs[: len(GUEST_BOOK_FIELDS)], strict=True))
    assert values["name"] == "Siti Aminah"
    assert values["email"] == "siti@contoh.go.id"
    # What the officer typed is not written back (it may have changed since).
    assert values["phone"] is no_update
    assert values["occupation"] is no_update
    assert "Pengunjung lama: Siti Aminah, terakhir diperbarui 20 Nov 2026" in text_of(outputs[-2])
    match = outputs[-1]
    assert match["visit_id"] == 9 and match["visitor_id"] == 3
    with pytest.raises(PreventUpdate):
        returning_outputs(stored_visitor(), current, match, 9)
    with pytest.raises(PreventUpdate):
        returning_outputs(None, current, None, 9)
    # A match remembered for another visit does not count for this one.
    again = in_order(returning_outputs(stored_visitor(), current, match, 10))
    assert again[-1]["visit_id"] == 10


# -- starting a visit: one per click, a new one once the key is stale ------------------------


def test_start_or_resume(db: PreparedDatabase) -> None:
    officer = create_staff(db, "petugas", "officer")
    now = at("2026-11-26 09:00")
    actor = Actor(officer, db.office_id, now)
    keys = iter(["fresh-1", "fresh-2"])

    def new_key() -> str:
        return next(keys)

    with db.database.transaction() as session:
        first = start_or_resume(session, actor, "key-a", new_key)
    with db.database.transaction() as session:
        assert start_or_resume(session, actor, "key-a", new_key) == first
    with db.database.transaction() as session:
        visits.record_screening(session, actor, first[0], False, "36,5", Decimal("37.5"))
    with db.database.transaction() as session:
        visit_id, key = start_or_resume(session, actor, "key-a", new_key)
    assert key == "fresh-1"
    assert visit_id != first[0]


def test_screening_refuses_input_before_touching_the_visit(db: PreparedDatabase) -> None:
    officer = create_staff(db, "petugas", "officer")
    actor = Actor(officer, db.office_id, at("2026-11-26 09:00"))
    with db.database.transaction() as session:
        visit_id = visits.start_visit(session, actor, "k").id
    with pytest.raises(InputError) as refused, db.database.transaction() as session:
        visits.record_screening(session, actor, visit_id, parse_mask(None), "abc", Decimal("37.5"))
    assert set(refused.value.errors) == {"mask", "temperature"}
