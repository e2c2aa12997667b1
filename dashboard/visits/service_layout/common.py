"""Small pieces every step panel of the Layanan page uses: the step's activity line, the
submit button, the note a reader who may not record sees."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import sop
from dashboard.visits import service_ids as ids

NO_VALUE = "—"


def activity(number: int) -> html.P:
    return html.P(sop.STEP_BY_NUMBER[number].activity + ".", className="text-muted mb-3")


def submit_button(label: str, button_id: str, icon: str) -> dbc.Button:
    return dbc.Button([html.I(className=f"bi {icon} me-2"), label], id=button_id, color="primary")


def read_only_note() -> dbc.Alert:
    return dbc.Alert(
        "Anda dapat melihat kunjungan ini; pencatatan langkah hanya untuk petugas PST.",
        color="light",
        id=ids.READ_ONLY_NOTE,
        className="mb-0",
    )
