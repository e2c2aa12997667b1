"""Layanan: one visit served through SOP steps 4-10, one step at a time, with its step
history and time corrections. Opened from the list of running visits as /layanan/<visit_id>."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.paths import HOME_PATH, SERVICE_PATH_TEMPLATE, parse_id
from dashboard.roles import DESK_READERS
from dashboard.ui.access import for_roles
from dashboard.ui.buttons import icon_button, icon_label
from dashboard.ui.forms import input_field, labeled_field
from dashboard.visits import service_ids as ids
from dashboard.visits.corrections import CORRECTABLE_FIELDS
from dashboard.visits.service_layout.alerts import back_to_board_alert

dash.register_page(
    __name__,
    path_template=SERVICE_PATH_TEMPLATE,
    name="Layanan",
    title="Layanan kunjungan · PST BPS Kabupaten Muara Enim",
    in_nav=False,
    icon="bi-person-workspace",
    order=3,
    roles=sorted(DESK_READERS),
)


def _loading() -> html.Div:
    return html.Div(
        [dbc.Spinner(size="sm", spinner_class_name="me-2"), "Memuat kunjungan…"],
        className="text-muted",
    )


def _not_a_visit(raw: object) -> Component:
    return back_to_board_alert(
        "Alamat kunjungan tidak dikenal. ", f"“{raw}” bukan nomor kunjungan.", id=ids.NOT_FOUND
    )


def _correction_form() -> html.Div:
    return html.Div(
        [
            html.P(
                "Untuk waktu yang salah klik. Waktu lama, alasan dan nama Anda tetap tersimpan.",
                className="text-muted small",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        labeled_field(
                            "Langkah",
                            dbc.Select(
                                id=ids.CORRECTION_STEP, options=[], placeholder="Pilih langkah…"
                            ),
                            ids.CORRECTION_STEP_FEEDBACK,
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        html.Div(
                            [
                                dbc.Label("Waktu yang dikoreksi"),
                                dbc.RadioItems(
                                    id=ids.CORRECTION_FIELD,
                                    options=[
                                        {"label": label.removeprefix("waktu "), "value": field}
                                        for field, label in CORRECTABLE_FIELDS.items()
                                    ],
                                    inline=True,
                                ),
                                html.Div(
                                    id=ids.CORRECTION_FIELD_FEEDBACK,
                                    className="invalid-feedback d-block",
                                ),
                            ],
                            className="mb-3",
                        ),
                        md=3,
                    ),
                    dbc.Col(
                        input_field(
                            "Waktu yang benar (WIB)",
                            ids.CORRECTION_TIME,
                            ids.CORRECTION_TIME_FEEDBACK,
                            placeholder="JJ:MM atau JJ:MM:DD",
                            autocomplete="off",
                            maxlength=8,
                        ),
                        md=2,
                    ),
                    dbc.Col(
                        input_field(
                            "Alasan",
                            ids.CORRECTION_REASON,
                            ids.CORRECTION_REASON_FEEDBACK,
                            placeholder="mis. lupa klik Mulai saat pengunjung dilayani",
                            autocomplete="off",
                            maxlength=500,
                        ),
                        md=3,
                    ),
                ],
                className="g-3",
            ),
            html.P(id=ids.CORRECTION_CURRENT, className="small text-muted"),
            icon_button(
                "Simpan koreksi", "pencil-square", ids.CORRECTION_SUBMIT, color="secondary"
            ),
            html.Div(id=ids.CORRECTION_ALERT, className="mt-2"),
        ],
        id=ids.CORRECTION_FORM,
        hidden=True,
    )


def _build(visit_id: int) -> html.Div:
    return html.Div(
        [
            dcc.Store(id=ids.VISIT_ID, data=visit_id),
            dcc.Store(id=ids.VERSION, data=0),
            dcc.Store(id=ids.SIGNATURE),
            dcc.Store(id=ids.STEP_TIMES, data={}),
            dcc.Store(id=ids.FOCUS),
            dcc.Interval(id=ids.REFRESH, interval=5000, disabled=True),
            html.Div(id=ids.NOT_FOUND),
            html.Div(
                [
                    dcc.Link(
                        icon_label("arrow-left", "Layanan berjalan", "me-1"),
                        href=HOME_PATH,
                        id=ids.BACK_LINK,
                        className="d-inline-block mb-2",
                    ),
                    dbc.Card(dbc.CardBody(html.Div(_loading(), id=ids.HEADER)), className="mb-3"),
                    dbc.Card(
                        [
                            dbc.CardHeader(html.Div("Langkah SOP", id=ids.PANEL_TITLE)),
                            dbc.CardBody(
                                [html.Div(id=ids.ALERT), html.Div(_loading(), id=ids.PANEL)]
                            ),
                        ],
                        id=ids.PANEL_CARD,
                        className="mb-3",
                    ),
                    dbc.Card(
                        [
                            dbc.CardHeader("Riwayat langkah"),
                            dbc.CardBody(html.Div(id=ids.HISTORY)),
                        ],
                        className="mb-3",
                    ),
                    dbc.Card(
                        [
                            dbc.CardHeader("Koreksi waktu"),
                            dbc.CardBody(
                                [
                                    _correction_form(),
                                    html.Div("Koreksi yang tercatat", className="fw-semibold"),
                                    html.Div(id=ids.CORRECTIONS),
                                ]
                            ),
                        ],
                        id=ids.CORRECTION_CARD,
                    ),
                ],
                id=ids.CONTENT,
            ),
        ]
    )


def layout(visit_id: str | None = None, **_query: str) -> Component:
    parsed = parse_id(visit_id)
    if parsed is None:
        return for_roles(DESK_READERS, lambda: _not_a_visit(visit_id))
    return for_roles(DESK_READERS, lambda: _build(parsed))
