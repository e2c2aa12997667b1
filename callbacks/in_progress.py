"""Callbacks of *Layanan berjalan*: redraw the board on every tick, and start a step the
visitor waits for ("Mulai …"), then open the visit's service page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.common import Outcome, perform, read
from dashboard.clock import local_date, utc_now
from dashboard.paths import arrival_path, payment_path, service_path
from dashboard.roles import DESK_READERS, SALE_WRITERS, VISIT_WRITERS
from dashboard.ui.forms import form_alert
from dashboard.visits import board_ids as ids
from dashboard.visits.board import (
    AWAITING_PAYMENT_TEXT,
    OUTSIDE_HOURS_TEXT,
    PAYMENT_ACTION_TEXT,
    Board,
    BoardRow,
    build_board,
)
from dashboard.visits.board_ids import of_visit
from dashboard.visits.services import start_waiting_step
from dashboard.web.context import app_state, current_role, require_role
from db.queries.sales import visits_waiting_for_payment
from db.queries.visits import active_visit_rows, step_targets_in_force

EMPTY_TEXT = "Tidak ada pengunjung di dalam ruangan."
READ_ONLY_TITLE = "Hanya petugas PST yang dapat memulai langkah."
COLUMNS = ("Kode", "Pengunjung", "Datang", "Langkah", "Waktu", "Rak", "Meja baca", "Tindakan")


# -- reading --------------------------------------------------------------------------------


def load_board() -> Board:
    """The board now: active visits of this office, today's (WIB) step targets and the
    visits waiting for the treasurer."""
    now = utc_now()
    office_id = app_state().office_id
    rows, targets, paying = read(
        lambda session: (
            active_visit_rows(session, office_id),
            step_targets_in_force(session, local_date(now)),
            {row.visit_id for row in visits_waiting_for_payment(session, office_id)},
        )
    )
    return build_board(rows, targets, now, paying)


# -- shaping --------------------------------------------------------------------------------


def _action(row: BoardRow, can_write: bool, can_record_payment: bool = False) -> Component:
    if row.awaiting_payment and can_record_payment:
        return dbc.Button(
            [html.I(className="bi bi-cash-coin me-1"), PAYMENT_ACTION_TEXT],
            id=of_visit(ids.PAYMENT_LINK, row.visit_id),
            href=payment_path(row.visit_id),
            color="primary",
            size="sm",
        )
    if row.action == "start":
        return dbc.Button(
            [html.I(className="bi bi-play-fill me-1"), row.action_label],
            id=of_visit(ids.START, row.visit_id),
            value=str(row.step_number),
            color="primary",
            size="sm",
            disabled=not can_write,
            title=None if can_write else READ_ONLY_TITLE,
        )
    if row.action == "arrival":
        return dbc.Button(
            row.action_label,
            id=of_visit(ids.ARRIVAL_LINK, row.visit_id),
            href=arrival_path(row.visit_id),
            color="primary",
            outline=True,
            size="sm",
        )
    return dbc.Button(
        row.action_label,
        id=of_visit(ids.SERVICE_LINK, row.visit_id),
        href=service_path(row.visit_id),
        color="primary",
        outline=True,
        size="sm",
    )


def _arrival(row: BoardRow) -> list[Component]:
    cell: list[Component] = [html.Span(row.arrived_clock, id=of_visit(ids.ARRIVED, row.visit_id))]
    if row.outside_service_hours:
        cell.append(
            html.Span(
                OUTSIDE_HOURS_TEXT,
                id=of_visit(ids.OUTSIDE_HOURS, row.visit_id),
                className="pst-flag-outside-hours",
            )
        )
    return cell


def _timer(row: BoardRow) -> html.Td:
    children: list[Component | str] = [html.Span(row.elapsed_text)]
    if row.target_text:
        children.append(html.Small(row.target_text, className="d-block opacity-75"))
    return html.Td(
        children, id=of_visit(ids.TIMER, row.visit_id), className=f"pst-timer-{row.state}"
    )


def _step(row: BoardRow) -> html.Td:
    children: list[Component | str] = [row.step_label]
    if row.awaiting_payment:
        children.append(
            html.Span(
                [html.I(className="bi bi-cash-coin me-1"), AWAITING_PAYMENT_TEXT],
                id=of_visit(ids.AWAITING_PAYMENT, row.visit_id),
                className="d-block small fw-semibold text-warning-emphasis",
            )
        )
    return html.Td(children, id=of_visit(ids.STEP, row.visit_id))


def table_row(row: BoardRow, can_write: bool = True, can_record_payment: bool = False) -> html.Tr:
    visit_id = row.visit_id
    return html.Tr(
        [
            html.Td(
                html.Span(row.code, id=of_visit(ids.CODE, visit_id), className="fs-4 fw-bold"),
            ),
            html.Td(row.visitor_name, id=of_visit(ids.VISITOR, visit_id)),
            html.Td(_arrival(row), className="text-nowrap"),
            _step(row),
            _timer(row),
            html.Td(row.rack_slot, id=of_visit(ids.RACK_SLOT, visit_id), className="text-center"),
            html.Td(
                row.reading_table,
                id=of_visit(ids.READING_TABLE, visit_id),
                className="text-center",
            ),
            html.Td(_action(row, can_write, can_record_payment), className="text-nowrap"),
        ],
        id=of_visit(ids.ROW, visit_id),
    )


def board_table(
    board: Board, can_write: bool = True, can_record_payment: bool = False
) -> Component:
    """The table of visits, or the empty notice. Readers who may not record steps see the
    "Mulai" buttons disabled (the server refuses them anyway); the treasurer gets "Catat
    pembayaran" on a visit waiting for payment."""
    if not board.rows:
        return html.P(EMPTY_TEXT, id=ids.EMPTY, className="text-muted fs-5 text-center my-4")
    return dbc.Table(
        [
            html.Thead(html.Tr([html.Th(title) for title in COLUMNS])),
            html.Tbody([table_row(row, can_write, can_record_payment) for row in board.rows]),
        ],
        id=ids.TABLE,
        responsive=True,
        className="align-middle mb-0",
    )


def board_outputs(
    board: Board, refresh_seconds: int, can_write: bool, can_record_payment: bool = False
) -> tuple[Any, ...]:
    """What the refresh callback returns, in the order of its outputs."""
    return (
        board_table(board, can_write, can_record_payment),
        board.day_text,
        str(board.inside_count),
        str(board.waiting_count),
        board.updated_text,
        refresh_seconds * 1000,
    )


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


def start_request(data: object) -> tuple[int, int] | None:
    """(visit_id, step_number) of a start request from the browser; None when it is not one.
    The service itself checks that the visit still waits for that step."""
    if not isinstance(data, Mapping):
        return None
    try:
        return int(data["visit_id"]), int(data["step"])
    except (KeyError, TypeError, ValueError):
        return None


def start_outputs(outcome: Outcome[object], visit_id: int) -> tuple[Any, Any, Any]:
    """On success open the visit's service page; otherwise say why and redraw the board."""
    if outcome.ok:
        return service_path(visit_id), None, no_update
    return no_update, form_alert(outcome.errors), utc_now().isoformat()


# -- callbacks ------------------------------------------------------------------------------


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.BOARD, "children"),
        Output(ids.DAY, "children"),
        Output(ids.INSIDE_COUNT, "children"),
        Output(ids.WAITING_COUNT, "children"),
        Output(ids.UPDATED, "children"),
        Output(ids.INTERVAL, "interval"),
        Input(ids.INTERVAL, "n_intervals"),
        Input(ids.RELOAD, "data"),
    )
    def refresh_board(_ticks: int | None, _reload: str | None) -> tuple[Any, ...]:
        require_role(DESK_READERS)
        role = current_role()
        return board_outputs(
            load_board(),
            app_state().settings.refresh_seconds,
            role in VISIT_WRITERS,
            role in SALE_WRITERS,
        )

    app.clientside_callback(
        START_RELAY,
        Output(ids.START_REQUEST, "data"),
        Input({"type": ids.START, "index": ALL}, "n_clicks"),
        State({"type": ids.START, "index": ALL}, "value"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.REDIRECT, "href"),
        Output(ids.MESSAGE, "children"),
        Output(ids.RELOAD, "data"),
        Input(ids.START_REQUEST, "data"),
        prevent_initial_call=True,
        running=[(Output({"type": ids.START, "index": ALL}, "disabled"), True, False)],
    )
    def start_step(request: object) -> tuple[Any, Any, Any]:
        chosen = start_request(request)
        if chosen is None:
            raise PreventUpdate
        visit_id, step_number = chosen
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: start_waiting_step(session, actor, visit_id, step_number),
        )
        return start_outputs(outcome, visit_id)
