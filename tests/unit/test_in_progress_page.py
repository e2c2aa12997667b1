"""Layanan berjalan: active visits turned into board rows, and board rows into the table."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from dash import no_update
from dash.development.base_component import Component

from callbacks.common import Outcome
from callbacks.in_progress import board_outputs, start_outputs, start_request
from dashboard import sop
from dashboard.errors import FORM
from dashboard.paths import service_path
from dashboard.visits import board_ids as ids
from dashboard.visits.board import Board, board_row, build_board
from dashboard.visits.board_ids import of_visit
from dashboard.visits.board_layout import EMPTY_TEXT, READ_ONLY_TITLE, board_table
from tests.helpers.board import NOW, TARGETS, active
from tests.helpers.clock import at
from tests.helpers.components import by_id, walk

# -- board rows -----------------------------------------------------------------------------


def test_a_started_step_shows_its_time_against_the_target() -> None:
    row = board_row(active(step=sop.SEARCH, started=NOW - timedelta(minutes=2)), TARGETS, NOW)
    assert row.code == "A-001"
    assert row.visitor_name == "Siti Aminah"
    assert row.arrived_clock == "09:40"
    assert row.step_label == "6. Pencarian data"
    assert not row.waiting
    assert row.elapsed == timedelta(minutes=2)
    assert row.elapsed_text == "2 mnt 00 dtk"
    assert row.target_text == "target 5 mnt"
    assert row.state == "ok"
    assert row.rack_slot == "4"
    assert row.reading_table == "—"
    assert row.action == "service"
    assert row.action_label == "Buka layanan"


@pytest.mark.parametrize(
    ("minutes_in_step", "expected"),
    [(3.9, "ok"), (4, "warn"), (5, "warn"), (5 + 1 / 60, "late")],
)
def test_the_colour_follows_the_target_of_the_step(minutes_in_step: float, expected: str) -> None:
    started = NOW - timedelta(minutes=minutes_in_step)
    assert board_row(active(step=sop.PURPOSE, started=started), TARGETS, NOW).state == expected


def test_a_waiting_step_counts_from_when_it_was_queued_and_offers_start() -> None:
    row = board_row(
        active(step=sop.PURPOSE, queued=NOW - timedelta(minutes=12, seconds=3), waiting=True),
        TARGETS,
        NOW,
    )
    assert row.waiting
    assert row.state == "wait"
    assert row.elapsed_text == "menunggu 12 mnt 03 dtk"
    assert row.target_text is None
    assert row.action == "start"
    assert row.action_label == "Mulai Menyampaikan tujuan"


def test_a_step_without_target_stays_neutral_however_long() -> None:
    row = board_row(active(step=sop.AVAILABILITY, started=NOW - timedelta(hours=2)), TARGETS, NOW)
    assert row.state == "ok"
    assert row.target_text is None
    assert row.elapsed_text == "2 jam 00 mnt"


def test_a_step_missing_from_the_targets_in_force_stays_neutral() -> None:
    row = board_row(active(step=sop.SEARCH, started=NOW - timedelta(hours=1)), {}, NOW)
    assert row.state == "ok"
    assert row.target_text is None


def test_before_the_guest_book_the_name_is_a_dash_and_the_arrival_desk_goes_on() -> None:
    row = board_row(active(step=sop.GUEST_BOOK, name=None, rack=None), TARGETS, NOW)
    assert row.visitor_name == "—"
    assert row.rack_slot == "—"
    assert row.action == "arrival"
    assert row.action_label == "Lanjutkan di Kedatangan"


def test_a_visit_left_open_since_an_earlier_day_shows_its_date() -> None:
    row = board_row(active(arrived=at("2026-11-25 15:10")), TARGETS, NOW)
    assert row.arrived_clock == "25 Nov 2026 15:10"


def test_a_start_in_the_future_counts_as_zero() -> None:
    row = board_row(active(step=sop.SEARCH, started=NOW + timedelta(seconds=4)), TARGETS, NOW)
    assert row.elapsed == timedelta(0)
    assert row.elapsed_text == "0 mnt 00 dtk"


def test_the_board_header_counts_and_dates_in_wib() -> None:
    now = at("2026-11-27 03:00:07")  # still 26 Nov 20:00 in UTC
    assert now.day == 26
    board = build_board(
        [
            active(1, sop.SEARCH, started=now - timedelta(minutes=1)),
            active(2, sop.PURPOSE, queued=now - timedelta(minutes=1), waiting=True),
            active(3, sop.BAG_RETURN, queued=now, waiting=True),
        ],
        TARGETS,
        now,
    )
    assert board.day_text == "Jumat, 27 November 2026"
    assert board.updated_text == "diperbarui 03:00:07"
    assert board.inside_count == 3
    assert board.waiting_count == 2
    assert [row.visit_id for row in board.rows] == [1, 2, 3]


def test_an_empty_board() -> None:
    board = build_board([], TARGETS, NOW)
    assert board.rows == ()
    assert (board.inside_count, board.waiting_count) == (0, 0)
    assert board.day_text == "Kamis, 26 November 2026"


# -- the table ------------------------------------------------------------------------------


def text_of(component: Any) -> str:
    if isinstance(component, str):
        return component
    if isinstance(component, Component):
        return text_of(getattr(component, "children", None))
    if isinstance(component, list | tuple):
        return " ".join(text for child in component if (text := text_of(child)))
    return "" if component is None else str(component)


def sample_board() -> Board:
    return build_board(
        [
            active(1, sop.GUEST_BOOK, name=None, outside=True),
            active(2, sop.PURPOSE, queued=NOW - timedelta(minutes=7), waiting=True),
            active(3, sop.SEARCH, started=NOW - timedelta(minutes=4, seconds=30)),
            active(4, sop.READING_TABLE, started=NOW - timedelta(minutes=3), table=2),
        ],
        TARGETS,
        NOW,
    )


def test_the_empty_board_says_so() -> None:
    table = board_table(build_board([], TARGETS, NOW))
    assert table.id == ids.EMPTY
    assert text_of(table) == EMPTY_TEXT


def test_each_visit_gets_a_row_with_its_ids() -> None:
    table = board_table(sample_board())
    assert table.id == ids.TABLE
    for visit_id in (1, 2, 3, 4):
        by_id(table, of_visit(ids.ROW, visit_id))
        assert text_of(by_id(table, of_visit(ids.CODE, visit_id))) == f"A-{visit_id:03d}"
    assert text_of(by_id(table, of_visit(ids.VISITOR, 1))) == "—"
    assert text_of(by_id(table, of_visit(ids.STEP, 3))) == "6. Pencarian data"
    assert text_of(by_id(table, of_visit(ids.RACK_SLOT, 3))) == "4"
    assert text_of(by_id(table, of_visit(ids.READING_TABLE, 4))) == "2"


def test_the_code_is_big_and_bold() -> None:
    code = by_id(board_table(sample_board()), of_visit(ids.CODE, 2))
    assert {"fs-4", "fw-bold"} <= set(code.className.split())


def test_timer_cells_carry_the_state_class() -> None:
    table = board_table(sample_board())
    waiting = by_id(table, of_visit(ids.TIMER, 2))
    assert waiting.className == "pst-timer-wait"
    assert text_of(waiting) == "menunggu 7 mnt 00 dtk"
    searching = by_id(table, of_visit(ids.TIMER, 3))
    assert searching.className == "pst-timer-warn"
    assert text_of(searching) == "4 mnt 30 dtk target 5 mnt"
    assert by_id(table, of_visit(ids.TIMER, 4)).className == "pst-timer-late"


def test_only_visits_outside_service_hours_are_flagged() -> None:
    table = board_table(sample_board())
    flag = by_id(table, of_visit(ids.OUTSIDE_HOURS, 1))
    assert text_of(flag) == "Di luar jam layanan"
    assert "pst-flag-outside-hours" in flag.className
    assert not [c for c in walk(table) if getattr(c, "id", None) == of_visit(ids.OUTSIDE_HOURS, 2)]


def test_one_action_per_visit() -> None:
    table = board_table(sample_board())
    arrival = by_id(table, of_visit(ids.ARRIVAL_LINK, 1))
    assert arrival.href == "/kedatangan?kunjungan=1"
    assert text_of(arrival) == "Lanjutkan di Kedatangan"
    start = by_id(table, of_visit(ids.START, 2))
    assert start.value == str(sop.PURPOSE)
    assert text_of(start) == "Mulai Menyampaikan tujuan"
    assert getattr(start, "href", None) is None
    assert not start.disabled
    for visit_id in (3, 4):
        link = by_id(table, of_visit(ids.SERVICE_LINK, visit_id))
        assert link.href == service_path(visit_id) == f"/layanan/{visit_id}"
        assert text_of(link) == "Buka layanan"
    kinds = [c.id["type"] for c in walk(table) if isinstance(getattr(c, "id", None), dict)]
    actions = {ids.START, ids.ARRIVAL_LINK, ids.SERVICE_LINK}
    assert sum(kind in actions for kind in kinds) == 4


def test_readers_who_may_not_record_see_the_start_button_disabled() -> None:
    table = board_table(sample_board(), can_write=False)
    start = by_id(table, of_visit(ids.START, 2))
    assert start.disabled
    assert start.title == READ_ONLY_TITLE
    assert by_id(table, of_visit(ids.SERVICE_LINK, 3)).href == "/layanan/3"


def test_board_outputs_follow_the_callback_outputs() -> None:
    board = sample_board()
    outputs = board_outputs(board, 7, True)
    table, day, inside, waiting, updated, interval = (
        outputs[name] for name in ("board", "day", "inside", "waiting", "updated", "interval")
    )
    assert table.id == ids.TABLE
    assert day == "Kamis, 26 November 2026"
    assert (inside, waiting) == ("4", "1")
    assert updated == "diperbarui 10:00:00"
    assert interval == 7000


# -- the start action -----------------------------------------------------------------------


def test_a_start_request_gives_its_visit_and_step() -> None:
    assert start_request({"visit_id": 5, "step": "9", "clicked_at": 1}) == (5, 9)
    assert start_request({"visit_id": "2", "step": 4}) == (2, 4)


@pytest.mark.parametrize(
    "data",
    [
        None,
        "5",
        [5, 9],
        {},
        {"visit_id": 5},
        {"step": "9"},
        {"visit_id": 5, "step": None},
        {"visit_id": 5, "step": ""},
        {"visit_id": 5, "step": "empat"},
        {"visit_id": None, "step": "4"},
    ],
)
def test_anything_else_is_not_a_start_request(data: object) -> None:
    assert start_request(data) is None


def test_a_started_step_opens_the_service_page() -> None:
    href, message, reload = start_outputs(Outcome(value=object()), 7).values()
    assert href == "/layanan/7"
    assert message is None
    assert reload is no_update


def test_a_refused_start_explains_and_redraws_the_board() -> None:
    refused = Outcome(
        errors={FORM: "Kunjungan A-007 tidak sedang menunggu 4. Menyampaikan tujuan."}
    )
    href, message, reload = start_outputs(refused, 7).values()
    assert href is no_update
    assert "tidak sedang menunggu" in text_of(message)
    assert message.color == "danger"
    assert isinstance(reload, str) and reload
