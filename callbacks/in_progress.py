"""Callbacks of *Layanan berjalan*: redraw the board on every tick, and start a step the
visitor waits for ("Mulai …"), then open the visit's service page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import ALL, Input, Output, State, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import Outcome, perform, read
from dashboard.clock import utc_now
from dashboard.paths import service_path
from dashboard.roles import SALE_WRITERS, VISIT_WRITERS
from dashboard.ui.forms import disabled_while_running, form_alert
from dashboard.visits import board_ids as ids
from dashboard.visits.board import Board, load_board
from dashboard.visits.board_layout import board_table
from dashboard.visits.services import start_waiting_step
from dashboard.web.callback_registry import callback, clientside_callback
from dashboard.web.context import app_state, current_role

START_RELAY = """
function (_clicks, steps) {
    const context = window.dash_clientside.callback_context;
    const clicked = context.triggered_id;
    const count = context.triggered.length ? context.triggered[0].value : null;
    if (!clicked || !count) {
        return window.dash_clientside.no_update;
    }
    const position = context.inputs_list[0].findIndex(item => item.id.index === clicked.index);
    if (position < 0) {
        return window.dash_clientside.no_update;
    }
    return {visit_id: clicked.index, step: steps[position], clicked_at: Date.now()};
}
"""
"""In the browser: turn a click on a "Mulai" button into a start request.

The board is redrawn on every tick, and Dash calls callbacks with ``ALL`` inputs whenever
such inputs leave the page (whatever ``prevent_initial_call`` says). Doing this part in the
browser keeps those calls off the server, and keeps the server callback (and its ``running``
state) for real clicks only."""


def board_outputs(
    board: Board, refresh_seconds: int, can_write: bool, can_record_payment: bool = False
) -> dict[str, Any]:
    """What the refresh callback returns, by output name."""
    return {
        "board": board_table(board, can_write, can_record_payment),
        "day": board.day_text,
        "inside": str(board.inside_count),
        "waiting": str(board.waiting_count),
        "updated": board.updated_text,
        "interval": refresh_seconds * 1000,
    }


def start_request(data: object) -> tuple[int, int] | None:
    """(visit_id, step_number) of a start request from the browser; None when it is not one.
    The service itself checks that the visit still waits for that step."""
    if not isinstance(data, Mapping):
        return None
    try:
        return int(data["visit_id"]), int(data["step"])
    except (KeyError, TypeError, ValueError):
        return None


def start_outputs(outcome: Outcome[object], visit_id: int) -> dict[str, Any]:
    """On success open the visit's service page; otherwise say why and redraw the board."""
    if outcome.ok:
        return {"href": service_path(visit_id), "message": None, "reload": no_update}
    return {
        "href": no_update,
        "message": form_alert(outcome.errors),
        "reload": utc_now().isoformat(),
    }


@callback(
    output={
        "board": Output(ids.BOARD, "children"),
        "day": Output(ids.DAY, "children"),
        "inside": Output(ids.INSIDE_COUNT, "children"),
        "waiting": Output(ids.WAITING_COUNT, "children"),
        "updated": Output(ids.UPDATED, "children"),
        "interval": Output(ids.INTERVAL, "interval"),
    },
    inputs={"_ticks": Input(ids.INTERVAL, "n_intervals"), "_reload": Input(ids.RELOAD, "data")},
)
def refresh_board(_ticks: int | None, _reload: str | None) -> dict[str, Any]:
    office_id = app_state().office_id
    board = read(lambda session: load_board(session, office_id, utc_now()))
    role = current_role()
    return board_outputs(
        board, app_state().settings.refresh_seconds, role in VISIT_WRITERS, role in SALE_WRITERS
    )


clientside_callback(
    START_RELAY,
    Output(ids.START_REQUEST, "data"),
    Input({"type": ids.START, "index": ALL}, "n_clicks"),
    State({"type": ids.START, "index": ALL}, "value"),
    prevent_initial_call=True,
    module=__name__,
)


@callback(
    output={
        "href": Output(ids.REDIRECT, "href"),
        "message": Output(ids.MESSAGE, "children"),
        "reload": Output(ids.RELOAD, "data"),
    },
    inputs={"request": Input(ids.START_REQUEST, "data")},
    prevent_initial_call=True,
    running=disabled_while_running({"type": ids.START, "index": ALL}),
)
def start_step(request: object) -> dict[str, Any]:
    chosen = start_request(request)
    if chosen is None:
        raise PreventUpdate
    visit_id, step_number = chosen
    outcome = perform(
        VISIT_WRITERS,
        lambda session, actor: start_waiting_step(session, actor, visit_id, step_number),
    )
    return start_outputs(outcome, visit_id)
