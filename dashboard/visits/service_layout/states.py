"""The panels shown instead of a step's form: a step the visitor waits for ("Mulai"), a step a
reader may only watch, and a visit refused, still at the door, or done."""

from __future__ import annotations

from datetime import datetime

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import sop
from dashboard.i18n import format_clock
from dashboard.paths import HOME_PATH
from dashboard.ui.buttons import icon_button, icon_label
from dashboard.visits import service_ids as ids
from dashboard.visits.service_layout.common import activity, read_only_note
from dashboard.visits.service_page import Panel, ServiceView, waiting_text


def read_only_panel(view: ServiceView) -> html.Div:
    step = view.visit.open_step
    assert step is not None
    return html.Div(
        [
            activity(step.number),
            html.P(f"Langkah ini berjalan sejak {format_clock(step.started_at)} WIB."),
            read_only_note(),
        ]
    )


def waiting_panel(view: ServiceView, can_write: bool, now: datetime) -> html.Div:
    step = view.visit.open_step
    assert step is not None
    action: Component = (
        icon_button("Mulai", "play-fill", ids.START_STEP, color="primary", size="lg")
        if can_write
        else read_only_note()
    )
    return html.Div(
        [
            html.P(
                icon_label("hourglass-split", waiting_text(step.queued_at, now)),
                id=ids.WAITING_SINCE,
                className="fs-5 mb-1",
            ),
            activity(step.number),
            action,
        ]
    )


def closed_or_pending(view: ServiceView) -> Component:
    visit = view.visit
    if view.panel is Panel.REFUSED:
        return dbc.Alert(
            [
                html.Strong("Ditolak saat skrining. "),
                visit.refusal_reason or "",
            ],
            color="danger",
            id=ids.REFUSED,
            className="mb-0",
        )
    if view.panel is Panel.ARRIVAL:
        step = visit.open_step
        assert step is not None
        return dbc.Alert(
            [
                "Kunjungan ini masih di tahap kedatangan (langkah ",
                html.Strong(sop.step_label(step.number)),
                "). Halaman ini lanjut sendiri ke langkah 4 setelah kedatangan selesai dicatat.",
            ],
            color="info",
            id=ids.ARRIVAL_PENDING,
            className="mb-0",
        )
    return html.Div(
        [
            dbc.Alert(
                [
                    html.I(className="bi bi-check-circle-fill me-2"),
                    html.Strong("Kunjungan selesai. "),
                    f"Pengunjung pulang pukul {format_clock(visit.left_at)} WIB.",
                ],
                color="success",
                id=ids.DONE,
                className="mb-2",
            ),
            dcc.Link(
                icon_label("arrow-left", "Kembali ke Layanan berjalan", "me-1"),
                href=HOME_PATH,
            ),
        ]
    )
