"""Layout pieces of *Layanan berjalan*: the board's table, one row per visit in the building,
each with its timer and the one action that moves the visit on."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.paths import arrival_path, payment_path, service_path
from dashboard.ui.buttons import icon_label, small_button
from dashboard.visits import board_ids as ids
from dashboard.visits.board import (
    AWAITING_PAYMENT_TEXT,
    OUTSIDE_HOURS_TEXT,
    PAYMENT_ACTION_TEXT,
    Board,
    BoardRow,
)
from dashboard.visits.board_ids import of_visit

EMPTY_TEXT = "Tidak ada pengunjung di dalam ruangan."
READ_ONLY_TITLE = "Hanya petugas PST yang dapat memulai langkah."
COLUMNS = ("Kode", "Pengunjung", "Datang", "Langkah", "Waktu", "Rak", "Meja baca", "Tindakan")


def _action(row: BoardRow, can_write: bool, can_record_payment: bool = False) -> Component:
    if row.awaiting_payment and can_record_payment:
        return small_button(
            PAYMENT_ACTION_TEXT,
            "cash-coin",
            of_visit(ids.PAYMENT_LINK, row.visit_id),
            "primary",
            href=payment_path(row.visit_id),
        )
    if row.action == "start":
        return small_button(
            row.action_label,
            "play-fill",
            of_visit(ids.START, row.visit_id),
            "primary",
            value=str(row.step_number),
            disabled=not can_write,
            title=None if can_write else READ_ONLY_TITLE,
        )
    link_id, path = (
        (ids.ARRIVAL_LINK, arrival_path)
        if row.action == "arrival"
        else (ids.SERVICE_LINK, service_path)
    )
    return dbc.Button(
        row.action_label,
        id=of_visit(link_id, row.visit_id),
        href=path(row.visit_id),
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
                icon_label("cash-coin", AWAITING_PAYMENT_TEXT, "me-1"),
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
