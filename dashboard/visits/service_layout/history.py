"""The step history (*Riwayat langkah*) and the list of time corrections under the panel."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.visits import service_ids as ids
from dashboard.visits.step_history import CorrectionLine, HistoryRow


def _time_cell(text: str, corrected: bool, cell_type: str, number: int) -> html.Td:
    children: list[Component | str] = [text]
    if corrected:
        children.append(
            dbc.Badge("dikoreksi", color="warning", text_color="dark", className="ms-1")
        )
    return html.Td(children, id={"type": cell_type, "index": number}, className="text-nowrap")


def _met_cell(row: HistoryRow) -> html.Td:
    class_name = {True: "text-success fw-semibold", False: "pst-timer-late"}.get(
        row.met, "text-muted"
    )
    return html.Td(
        row.met_label,
        id={"type": ids.HISTORY_MET_TYPE, "index": row.number},
        className=class_name,
    )


HISTORY_COLUMNS = (
    "Langkah",
    "Menunggu sejak",
    "Mulai",
    "Selesai",
    "Waktu tunggu",
    "Durasi",
    "Target",
    "Sesuai target",
)


def history_table(rows: Sequence[HistoryRow]) -> Component:
    """Riwayat langkah: every recorded step with its times (WIB) and target."""
    if not rows:
        return html.P("Belum ada langkah tercatat.", className="text-muted", id=ids.HISTORY_TABLE)
    body = [
        html.Tr(
            [
                html.Td(row.label, className="text-nowrap"),
                html.Td(row.queued),
                _time_cell(
                    row.started, row.started_corrected, ids.HISTORY_STARTED_TYPE, row.number
                ),
                _time_cell(row.ended, row.ended_corrected, ids.HISTORY_ENDED_TYPE, row.number),
                html.Td(row.waiting, className="text-nowrap"),
                html.Td(row.duration, className="text-nowrap"),
                html.Td(row.target, className="text-nowrap"),
                _met_cell(row),
            ],
            id={"type": ids.HISTORY_ROW_TYPE, "index": row.number},
        )
        for row in rows
    ]
    return dbc.Table(
        [
            html.Thead(html.Tr([html.Th(column) for column in HISTORY_COLUMNS])),
            html.Tbody(body),
        ],
        id=ids.HISTORY_TABLE,
        size="sm",
        hover=True,
        responsive=True,
        className="mb-0 align-middle",
    )


CORRECTION_COLUMNS = ("Langkah", "Waktu", "Semula", "Menjadi", "Alasan", "Oleh", "Dicatat")


def corrections_table(lines: Sequence[CorrectionLine]) -> Component:
    if not lines:
        return html.P(
            "Belum ada koreksi waktu.", className="text-muted mb-0", id=ids.CORRECTIONS_TABLE
        )
    return dbc.Table(
        [
            html.Thead(html.Tr([html.Th(column) for column in CORRECTION_COLUMNS])),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(line.step_label, className="text-nowrap"),
                            html.Td(line.field_label),
                            html.Td(line.old),
                            html.Td(line.new),
                            html.Td(line.reason),
                            html.Td(line.corrected_by),
                            html.Td(line.corrected_at, className="text-nowrap"),
                        ]
                    )
                    for line in lines
                ]
            ),
        ],
        id=ids.CORRECTIONS_TABLE,
        size="sm",
        responsive=True,
        className="mb-0",
    )
