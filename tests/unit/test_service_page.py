"""Layanan (SOP steps 4-10 of one visit): which panel shows, the step history, reading a
corrected time, the form-to-service mapping, what the callbacks return for each outcome, and
the page's reads on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from dash import Dash, no_update

from callbacks import service as service_callbacks
from callbacks.common import Outcome
from dashboard import sop
from dashboard.audit import Actor
from dashboard.errors import FORM, InputError
from dashboard.metrics.step_timing import meets_target
from dashboard.paths import parse_id
from dashboard.visits import service_ids as ids
from dashboard.visits import services as visits
from dashboard.visits.service_layout import render_visit
from dashboard.visits.service_page import (
    AVAILABLE,
    NOT_AVAILABLE,
    Panel,
    agency_key,
    availability_decisions,
    availability_message,
    change_marker,
    correct_time_from_form,
    load_view,
    panel_for,
    request_lines,
    waiting_text,
)
from dashboard.visits.services import RequestDecision
from dashboard.visits.step_history import (
    ENDED,
    STARTED,
    StepTimes,
    correction_step_options,
    current_value_text,
    history_rows,
    parse_clock_on_day,
    snap_to_bounds,
    step_times_store,
    waiting_minutes,
)
from db.models import VISIT_DONE, VISIT_IN_PROGRESS, VISIT_REFUSED
from db.queries import corrections as correction_queries
from tests.helpers.callbacks import Wiring, outputs_of, wirings, writers_of
from tests.helpers.clock import at
from tests.helpers.components import ids_in, text_of, walk
from tests.helpers.database import PreparedDatabase
from tests.helpers.desk import guest
from tests.helpers.service_view import EARLIER, T0, make_view, minutes, step
from tests.helpers.staff import create_staff

# -- ids and agencies -----------------------------------------------------------------------


def test_ids_are_unique_kebab_case_and_page_prefixed() -> None:
    values = [value for name, value in vars(ids).items() if name.isupper()]
    assert len(values) == len(set(values))
    assert all(value.startswith("service-") and value == value.lower() for value in values)
    assert " " not in "".join(values) and "_" not in "".join(values)


def test_agency_key_matches_a_name_however_it_is_typed() -> None:
    assert agency_key(" dinas  KESEHATAN ") == agency_key("Dinas Kesehatan")
    assert agency_key("Dinas Pendidikan (Disdik)") == "dinas pendidikan disdik"
    assert agency_key(None) == ""


# -- which panel ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), (" 7 ", 7), ("abc", None), ("", None), (None, None), ("0", None)],
)
def test_parse_id_accepts_positive_whole_numbers_only(raw: object, expected: int | None) -> None:
    assert parse_id(raw) == expected


def test_parse_id_refuses_signs_decimals_non_ascii_digits_and_overflow() -> None:
    assert parse_id("-1") is None
    assert parse_id("1.5") is None
    assert parse_id("١٢") is None
    assert parse_id(str(2**31)) is None


@pytest.mark.parametrize(
    ("status", "open_step", "expected"),
    [
        (VISIT_REFUSED, None, Panel.REFUSED),
        (VISIT_DONE, None, Panel.DONE),
        (VISIT_IN_PROGRESS, step(sop.GUEST_BOOK, 0, 0, None), Panel.ARRIVAL),
        (VISIT_IN_PROGRESS, step(sop.PURPOSE, 0, None, None), Panel.WAITING),
        (VISIT_IN_PROGRESS, step(sop.PURPOSE, 0, 1, None), Panel.PURPOSE),
        (VISIT_IN_PROGRESS, step(sop.SEARCH, 0, 0, None), Panel.SEARCH),
        (VISIT_IN_PROGRESS, step(sop.AVAILABILITY, 0, 0, None), Panel.AVAILABILITY),
        (VISIT_IN_PROGRESS, step(sop.READING_TABLE, 0, 0, None), Panel.READING_TABLE),
        (VISIT_IN_PROGRESS, step(sop.PURCHASE_OFFER, 0, None, None), Panel.WAITING),
        (VISIT_IN_PROGRESS, step(sop.PURCHASE_OFFER, 0, 2, None), Panel.PURCHASE),
        (VISIT_IN_PROGRESS, step(sop.BAG_RETURN, 0, None, None), Panel.WAITING),
        (VISIT_IN_PROGRESS, step(sop.BAG_RETURN, 0, 1, None), Panel.BAG_RETURN),
    ],
)
def test_panel_follows_the_open_step(
    status: str, open_step: StepTimes | None, expected: Panel
) -> None:
    assert panel_for(status, open_step) is expected


def test_waiting_text_says_since_when_and_how_long() -> None:
    assert waiting_text(minutes(0), minutes(7.5)) == "Pengunjung menunggu sejak 09:00 (7 mnt)"
    assert waiting_text(minutes(0), minutes(0.2)).endswith("(baru saja)")


# -- step history ---------------------------------------------------------------------------


def test_meets_target_counts_only_finished_steps_with_a_target() -> None:
    # The definition takes seconds (dashboard.metrics.step_timing); these are minutes x 60.
    assert meets_target(5.0 * 60, 5) is True
    assert meets_target(5.01 * 60, 5) is False
    assert meets_target(None, 5) is None
    assert meets_target(3.0 * 60, None) is None


def test_waiting_time_only_for_waiting_steps_or_a_corrected_gap() -> None:
    assert waiting_minutes(step(sop.PURPOSE, 0, 2, 6)) == 2
    assert waiting_minutes(step(sop.PURPOSE, 0, None, None)) is None
    assert waiting_minutes(step(sop.SEARCH, 6, 6, 8)) is None
    assert waiting_minutes(step(sop.SEARCH, 6, 7, 8)) == 1


def test_history_rows_show_times_waits_durations_and_targets() -> None:
    steps = [
        step(sop.AVAILABILITY, 13, 13, None),
        step(sop.PURPOSE, 0, 2, 8),
        step(sop.SEARCH, 8, 8, 12.5),
    ]
    targets = {sop.PURPOSE: 5, sop.SEARCH: 5, sop.AVAILABILITY: None}
    rows = history_rows(steps, targets, corrected={(40, STARTED)})
    assert [row.number for row in rows] == [sop.PURPOSE, sop.SEARCH, sop.AVAILABILITY]
    purpose, search, availability = rows
    assert (purpose.queued, purpose.started, purpose.ended) == ("09:00:00", "09:02:00", "09:08:00")
    assert purpose.waiting == "2 mnt 00 dtk"
    assert purpose.duration == "6 mnt 00 dtk"
    assert (purpose.target, purpose.met, purpose.met_label) == ("5 mnt", False, "Tidak")
    assert purpose.started_corrected and not purpose.ended_corrected
    assert (search.waiting, search.duration, search.met_label) == ("—", "4 mnt 30 dtk", "Ya")
    assert (availability.ended, availability.duration, availability.met) == ("—", "berjalan", None)


def test_history_row_of_a_step_nobody_started() -> None:
    (row,) = history_rows([step(sop.BAG_RETURN, 30, None, None)], {sop.BAG_RETURN: 3})
    assert (row.started, row.waiting, row.duration, row.met_label) == (
        "—",
        "menunggu",
        "—",
        "—",
    )


# -- reading a corrected time ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9:05", "2026-11-26 09:05"),
        ("09:05", "2026-11-26 09:05"),
        ("09.05", "2026-11-26 09:05"),
        (" 23:59 ", "2026-11-26 23:59"),
    ],
)
def test_parse_clock_reads_the_time_on_the_wib_day_of_the_value(typed: str, expected: str) -> None:
    assert parse_clock_on_day(typed, at("2026-11-26 10:00")) == at(expected)


def test_parse_clock_with_seconds() -> None:
    assert parse_clock_on_day("09:05:30", T0) == at("2026-11-26 09:05") + timedelta(seconds=30)


def test_parse_clock_uses_the_wib_day_not_the_utc_day() -> None:
    late_evening = at("2026-11-26 23:30")  # 16:30 UTC, the same UTC day
    early_morning = at("2026-11-27 06:30")  # 23:30 UTC on 26 Nov
    assert parse_clock_on_day("23:45", late_evening) == at("2026-11-26 23:45")
    assert parse_clock_on_day("06:10", early_morning) == at("2026-11-27 06:10")


def test_parse_clock_empty_is_none_and_nonsense_is_refused() -> None:
    assert parse_clock_on_day("  ", T0) is None
    for typed in ("25:00", "9:5", "09:60", "jam sembilan", "09:05:61", "0905"):
        with pytest.raises(InputError) as refused:
            parse_clock_on_day(typed, T0)
        assert "corrected_time" in refused.value.errors


def test_snap_to_bounds_takes_the_shown_second_as_the_stored_moment() -> None:
    queued = T0 + timedelta(seconds=7, microseconds=400_000)
    typed_same_second = T0 + timedelta(seconds=7)
    assert snap_to_bounds(typed_same_second, [queued]) == queued
    assert snap_to_bounds(T0 + timedelta(seconds=6), [queued]) == T0 + timedelta(seconds=6)
    assert snap_to_bounds(T0 + timedelta(seconds=8), [queued, None]) == T0 + timedelta(seconds=8)
    assert snap_to_bounds(None, [queued]) is None


def test_correction_form_helpers() -> None:
    steps = [step(sop.PURPOSE, 0, 2, 8), step(sop.PURCHASE_OFFER, 20, None, None)]
    assert correction_step_options(steps) == [{"label": "4. Menyampaikan tujuan", "value": "40"}]
    store = step_times_store(steps)
    assert store["40"][STARTED] == "09:02:00 WIB, 26 Nov 2026"
    assert store["90"][STARTED] is None
    assert "09:08:00 WIB" in current_value_text(store, "40", ENDED)
    assert "belum punya waktu selesai" in current_value_text(store, "90", ENDED)
    assert current_value_text(store, None, STARTED) == "Pilih langkah dan waktu yang dikoreksi."
    assert current_value_text(None, "40", None) == "Pilih langkah dan waktu yang dikoreksi."


# -- form values to service arguments -------------------------------------------------------


def test_request_lines_keeps_one_request_per_line() -> None:
    assert request_lines("PDRB 2025\r\nPenduduk\n\n") == ["PDRB 2025", "Penduduk", ""]
    assert request_lines(None) == []


def test_availability_decisions_from_the_form() -> None:
    decisions = availability_decisions(
        [1, 2, 3],
        {1: AVAILABLE, 2: NOT_AVAILABLE, 3: None},
        {1: "ignored when available", 2: "Dinas Kesehatan", 3: ""},
        {1: "Tabel 3.1", 2: None, 3: None},
    )
    assert decisions == [
        RequestDecision(1, True, None, "Tabel 3.1"),
        RequestDecision(2, False, "Dinas Kesehatan", None),
        RequestDecision(3, None, None, None),
    ]


def test_a_referral_to_a_directory_name_carries_the_agency_id() -> None:
    directory = {agency_key("Dinas Kesehatan"): 41}
    decisions = availability_decisions(
        [1, 2, 3],
        {1: NOT_AVAILABLE, 2: NOT_AVAILABLE, 3: AVAILABLE},
        {1: "dinas kesehatan", 2: "Puskesmas Muara Enim", 3: "Dinas Kesehatan"},
        {},
        directory,
    )
    assert decisions == [
        RequestDecision(1, False, "dinas kesehatan", None, referred_agency_id=41),
        RequestDecision(2, False, "Puskesmas Muara Enim", None, referred_agency_id=None),
        RequestDecision(3, True, None, None, referred_agency_id=None),
    ]


def test_availability_message_says_where_the_visitor_goes() -> None:
    referred = [RequestDecision(1, False, "Dinas Sosial")]
    mixed = [RequestDecision(1, True), RequestDecision(2, False, "Dinas Sosial")]
    assert availability_message(referred) == "Pengunjung dirujuk; lanjut ke pengambilan tas."
    assert "1 permintaan dirujuk" in availability_message(mixed)
    assert "meja baca" in availability_message([RequestDecision(1, True)])


# -- callbacks: what each outcome returns ---------------------------------------------------


def test_respond_on_success_redraws_and_shows_the_success() -> None:
    success = service_callbacks.success_alert("Beres.")
    version, alert, messages, invalid = service_callbacks.respond(
        Outcome(value=object()), 3, success, ("tag_code",)
    )
    assert (version, alert, messages, invalid) == (4, success, [""], [False])


def test_respond_on_a_form_refusal_redraws_to_the_true_state() -> None:
    refused = Outcome(errors={FORM: "Kunjungan A-001 sedang di langkah 6. Pencarian data."})
    version, alert, messages, _ = service_callbacks.respond(refused, None, None, ("tag_code",))
    assert version == 1
    assert "sedang di langkah 6" in text_of(alert)
    assert "diperbarui" in text_of(alert)
    assert messages == [""]


def test_respond_on_field_refusal_keeps_the_form_and_marks_the_field() -> None:
    refused = Outcome(errors={"tag_code": "Kode A-002 tidak cocok."})
    version, alert, messages, invalid = service_callbacks.respond(refused, 5, None, ("tag_code",))
    assert version is no_update
    assert "Periksa isian" in text_of(alert)
    assert (messages, invalid) == (["Kode A-002 tidak cocok."], [True])


def test_respond_never_hides_a_message_for_a_field_the_form_lacks() -> None:
    refused = Outcome(errors={"request-99": "Tentukan ketersediaan: PDRB"})
    version, alert, messages, _ = service_callbacks.respond(refused, 5, None, ("request-1",))
    assert version is no_update
    assert "Tentukan ketersediaan: PDRB" in text_of(alert)
    assert messages == [""]


def test_render_outputs_for_an_unknown_visit() -> None:
    outputs = service_callbacks.render_outputs(None, 9999, True, T0, 5)
    assert len(outputs) == 13
    not_found = outputs["not_found"]
    assert "tidak ditemukan" in text_of(not_found) and "9999" in text_of(not_found)
    assert outputs["content_hidden"] is True
    assert outputs["refresh_disabled"] is True


def test_by_index_pairs_pattern_values_with_their_ids() -> None:
    pairs = service_callbacks.by_index(
        [{"type": ids.REQUEST_AVAILABLE_TYPE, "index": 7}, {"type": "x", "index": 3}],
        [AVAILABLE, NOT_AVAILABLE],
    )
    assert pairs == {7: AVAILABLE, 3: NOT_AVAILABLE}


def test_messages_for_purchase_and_correction() -> None:
    assert "Pembayaran dicatat bendahara" in text_of(service_callbacks.purchase_alert(True))
    assert "tidak membeli" in text_of(service_callbacks.purchase_alert(False))
    message = service_callbacks.correction_success(sop.PURPOSE, STARTED, at("2026-11-26 09:02"))
    assert message == "Waktu mulai langkah 4. Menyampaikan tujuan dikoreksi menjadi 09:02:00 WIB."


SERVICE_OUTPUTS = [
    "service-content.hidden",
    "service-correction-alert.children",
    "service-correction-current.children",
    "service-correction-field-feedback.children",
    "service-correction-form.hidden",
    "service-correction-reason-feedback.children",
    "service-correction-reason.invalid",
    "service-correction-reason.value",
    "service-correction-step-feedback.children",
    "service-correction-step.invalid",
    "service-correction-step.options",
    "service-correction-time-feedback.children",
    "service-correction-time.invalid",
    "service-correction-time.value",
    "service-corrections.children",
    "service-header.children",
    "service-history.children",
    "service-not-found.children",
    "service-panel-title.children",
    "service-panel.children",
    "service-purchase-feedback.children",
    "service-reading-table-feedback.children",
    "service-reading-table.invalid",
    "service-refresh.disabled",
    "service-refresh.interval",
    "service-requests-feedback.children",
    "service-requests.invalid",
    "service-search-message.children",
    "service-search-note-feedback.children",
    "service-search-results.children",
    "service-service-type-feedback.children",
    "service-service-type.invalid",
    "service-signature.data",
    "service-step-times.data",
    "service-tag-code-feedback.children",
    "service-tag-code.invalid",
    "service-version.data",
    '{"index":["ALL"],"type":"service-request-agency"}.invalid',
    '{"index":["ALL"],"type":"service-request-feedback"}.children',
]


def test_callbacks_register_on_a_fresh_app(app: Dash) -> None:
    """The app the factory builds wires the page's server callbacks: exactly these outputs;
    the page is redrawn from the version store, which the refresh and a correction move on;
    'Mulai' and each step's form are wired to their buttons (and Enter)."""
    assert outputs_of(app, "callbacks.service") == set(SERVICE_OUTPUTS)
    assert writers_of(app, f"{ids.PANEL}.children") == {frozenset({f"{ids.VERSION}.data"})}
    assert writers_of(app, f"{ids.VERSION}.data") == {
        frozenset({"service-refresh.n_intervals"}),
        frozenset(
            {
                "service-correction-submit.n_clicks",
                "service-correction-time.n_submit",
                "service-correction-reason.n_submit",
            }
        ),
    }
    wired = wirings(app, "callbacks.service")
    assert Wiring(frozenset(), frozenset({"service-start-step.n_clicks"})) in wired
    assert writers_of(app, "service-tag-code-feedback.children") == {
        frozenset({"service-bag-submit.n_clicks", "service-tag-code.n_submit"})
    }
    assert writers_of(app, "service-purchase-feedback.children") == {
        frozenset({"service-purchase-yes.n_clicks", "service-purchase-no.n_clicks"}),
        frozenset({"service-purchase-cancel.submit_n_clicks"}),
    }


# -- components drawn from a view -----------------------------------------------------------


@pytest.mark.parametrize(
    ("open_step", "expected_ids"),
    [
        (step(sop.PURPOSE, 0, None, None), {ids.WAITING_SINCE, ids.START_STEP}),
        (step(sop.PURPOSE, 0, 1, None), {ids.SERVICE_TYPE, ids.REQUESTS, ids.PURPOSE_SUBMIT}),
        (step(sop.SEARCH, 2, 2, None), {ids.SEARCH_REQUESTS, ids.SEARCH_NOTE, ids.SEARCH_SUBMIT}),
        (
            step(sop.AVAILABILITY, 3, 3, None),
            {
                ids.AGENCY_LIST,
                ids.REQUEST_AVAILABLE_TYPE,
                ids.REQUEST_AGENCY_TYPE,
                ids.REQUEST_NOTE_TYPE,
                ids.REQUEST_FEEDBACK_TYPE,
                ids.AVAILABILITY_SUBMIT,
            },
        ),
        (step(sop.READING_TABLE, 4, 4, None), {ids.READING_TABLE, ids.READING_TABLE_SUBMIT}),
        (step(sop.PURCHASE_OFFER, 5, 6, None), {ids.PURCHASE_YES, ids.PURCHASE_NO}),
        (step(sop.BAG_RETURN, 7, 8, None), {ids.TAG_CODE, ids.BAG_SUBMIT}),
    ],
)
def test_each_step_panel_has_its_controls(open_step: StepTimes, expected_ids: set[str]) -> None:
    page = render_visit(make_view([*EARLIER, open_step]), can_write=True, now=minutes(9))
    assert expected_ids <= ids_in(page.panel)
    assert {ids.CODE, ids.VISITOR_NAME, ids.STATUS, ids.OUTSIDE_HOURS} <= ids_in(page.header)
    assert ids.HISTORY_TABLE in ids_in(page.history)


def test_reading_table_is_prefilled_with_the_lowest_free_one() -> None:
    page = render_visit(
        make_view([*EARLIER, step(sop.READING_TABLE, 4, 4, None)]), can_write=True, now=T0
    )
    (field,) = [item for item in walk(page.panel) if getattr(item, "id", None) == ids.READING_TABLE]
    assert field.value == 3


def test_readers_who_may_not_write_see_no_forms() -> None:
    page = render_visit(
        make_view([*EARLIER, step(sop.PURPOSE, 0, 1, None)]), can_write=False, now=T0
    )
    assert ids.READ_ONLY_NOTE in ids_in(page.panel)
    assert ids.PURPOSE_SUBMIT not in ids_in(page.panel)


def test_done_visit_shows_done_and_the_requests() -> None:
    page = render_visit(
        make_view([*EARLIER, step(sop.BAG_RETURN, 7, 8, 9)], status=VISIT_DONE),
        can_write=True,
        now=T0,
    )
    assert {ids.DONE, ids.REQUEST_SUMMARY} <= ids_in(page.panel)
    assert "12" in text_of(page.panel_title)


# -- the page's reads and the correction, on SQLite and PostgreSQL --------------------------


def visit_at_purpose(
    db: PreparedDatabase,
    officer: int,
    guest_book_fraction: timedelta = timedelta(),
    rack_slot: int = 1,
) -> int:
    """A visit through the services up to step 4 (queued at 09:04 plus the fraction)."""

    def actor(offset: float) -> Actor:
        return Actor(officer, db.office_id, minutes(offset))

    with db.database.transaction() as session:
        visit_id = visits.start_visit(session, actor(0)).id
    with db.database.transaction() as session:
        visits.record_screening(session, actor(1), visit_id, True, "36,5", Decimal("37.5"))
    with db.database.transaction() as session:
        visits.place_bag(session, actor(2), visit_id, rack_slot, 30)
    entry = guest(name="Siti")
    with db.database.transaction() as session:
        guest_book_done = Actor(officer, db.office_id, minutes(4) + guest_book_fraction)
        visits.record_guest_book(session, guest_book_done, visit_id, entry)
    return visit_id


def test_load_view_and_change_marker_follow_the_visit(db: PreparedDatabase) -> None:
    officer = create_staff(db, "petugas", "officer")
    visit_id = visit_at_purpose(db, officer)
    with db.database.reading() as session:
        view = load_view(session, db.office_id, visit_id, 8)
        marker = change_marker(session, db.office_id, visit_id)
        assert load_view(session, db.office_id, visit_id + 1000, 8) is None
        assert change_marker(session, db.office_id, visit_id + 1000) == "missing"
    assert view is not None and view.panel is Panel.WAITING
    assert view.visit.visitor_name == "Siti" and view.marker == marker
    assert view.targets[sop.PURPOSE] == 5
    with db.database.transaction() as session:
        visits.start_waiting_step(session, Actor(officer, db.office_id, minutes(6)), visit_id, 4)
    with db.database.reading() as session:
        assert change_marker(session, db.office_id, visit_id) != marker
        view = load_view(session, db.office_id, visit_id, 8)
    assert view is not None and view.panel is Panel.PURPOSE


def test_correction_from_the_form_is_stored_and_listed(db: PreparedDatabase) -> None:
    officer = create_staff(db, "petugas", "officer")
    visit_id = visit_at_purpose(db, officer)
    now = Actor(officer, db.office_id, datetime.now(UTC))
    with db.database.reading() as session:
        view = load_view(session, db.office_id, visit_id, 8)
    assert view is not None
    guest_book = next(item for item in view.visit.steps if item.number == sop.GUEST_BOOK)
    with db.database.transaction() as session:
        corrected = correct_time_from_form(
            session, now, visit_id, str(guest_book.step_id), ENDED, "09:05", "salah klik selesai"
        )
        assert corrected.ended_at == at("2026-11-26 09:05")
    with db.database.reading() as session:
        rows = correction_queries.corrections_of_visit(session, visit_id)
        count, newest = correction_queries.correction_marker(session, visit_id)
    assert [(row.step_number, row.field_name, row.reason) for row in rows] == [
        (sop.GUEST_BOOK, ENDED, "salah klik selesai")
    ]
    assert rows[0].old_value == minutes(4) and rows[0].corrected_by == "Uji Petugas"
    assert (count, newest) == (1, rows[0].correction_id)


def test_correction_form_reports_every_problem_at_once(db: PreparedDatabase) -> None:
    officer = create_staff(db, "petugas", "officer")
    visit_id = visit_at_purpose(db, officer)
    now = Actor(officer, db.office_id, datetime.now(UTC))
    with db.database.reading() as session:
        view = load_view(session, db.office_id, visit_id, 8)
    assert view is not None
    step_id = str(view.visit.steps[0].step_id)
    with db.database.transaction() as session, pytest.raises(InputError) as refused:
        correct_time_from_form(session, now, visit_id, step_id, STARTED, "9.61", "x")
    assert set(refused.value.errors) == {"corrected_time", "correction_reason"}
    assert "jam:menit" in refused.value.errors["corrected_time"]


def test_correction_form_refuses_a_step_of_another_visit(db: PreparedDatabase) -> None:
    officer = create_staff(db, "petugas", "officer")
    first = visit_at_purpose(db, officer)
    second = visit_at_purpose(db, officer, rack_slot=2)
    now = Actor(officer, db.office_id, datetime.now(UTC))
    with db.database.reading() as session:
        other = load_view(session, db.office_id, second, 8)
    assert other is not None
    foreign_step = str(other.visit.steps[0].step_id)
    for step_id in (foreign_step, "", None, "abc"):
        with db.database.transaction() as session, pytest.raises(InputError) as refused:
            correct_time_from_form(session, now, first, step_id, STARTED, "09:00", "alasan uji")
        assert set(refused.value.errors) == {"corrected_step"}


def test_typing_the_shown_queue_second_is_accepted(db: PreparedDatabase) -> None:
    """Stored times carry fractions of a second; the page shows whole seconds. Typing the
    shown queue time as the start must not be refused as 'before it was queued'."""
    officer = create_staff(db, "petugas", "officer")
    fraction = timedelta(microseconds=250_000)
    visit_id = visit_at_purpose(db, officer, guest_book_fraction=fraction)
    with db.database.transaction() as session:
        start = Actor(officer, db.office_id, minutes(9))
        visits.start_waiting_step(session, start, visit_id, sop.PURPOSE)
    with db.database.reading() as session:
        view = load_view(session, db.office_id, visit_id, 8)
    assert view is not None
    step_4 = next(item for item in view.visit.steps if item.number == sop.PURPOSE)
    assert step_4.queued_at == minutes(4) + fraction
    now = Actor(officer, db.office_id, datetime.now(UTC))
    with db.database.transaction() as session:
        corrected = correct_time_from_form(
            session, now, visit_id, str(step_4.step_id), STARTED, "09:04:00", "lupa klik Mulai"
        )
        assert corrected.started_at == step_4.queued_at


def test_refused_visit_shows_why() -> None:
    view = make_view([step(sop.SCREENING, 0, 0, 1)], status=VISIT_REFUSED)
    page = render_visit(view, can_write=True, now=T0)
    assert ids.REFUSED in ids_in(page.panel)
    assert "Ditolak saat skrining" in text_of(page.header)
