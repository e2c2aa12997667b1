"""The *Target SOP* page: the form of a revised version (document number, first day in
force, a target per step) beside the notice that history is never rewritten, and the list of
versions with who recorded them."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import sop
from dashboard.i18n import format_day, format_moment
from dashboard.office import sop_targets_ids as ids
from dashboard.office.sop_targets import (
    MAX_DOCUMENT,
    MAX_TARGET_MINUTES,
    TARGETED_STEPS,
    SopVersion,
)
from dashboard.ui.forms import labeled_field
from dashboard.ui.headings import page_heading

INITIAL_VERSION = "versi bawaan aplikasi"


def _target_row(number: int) -> html.Tr:
    step = sop.STEP_BY_NUMBER[number]
    return html.Tr(
        [
            html.Td(f"{number}", className="text-end text-muted"),
            html.Td(
                dbc.Label(step.activity, html_for=ids.TARGET_IDS[number], className="small mb-0")
            ),
            html.Td(
                [
                    dbc.InputGroup(
                        [
                            dbc.Input(
                                id=ids.TARGET_IDS[number],
                                type="number",
                                min=1,
                                max=MAX_TARGET_MINUTES,
                                step=1,
                                inputMode="numeric",
                            ),
                            dbc.InputGroupText("menit"),
                        ],
                        size="sm",
                    ),
                    dbc.FormFeedback(
                        id=ids.TARGET_FEEDBACK_IDS[number], type="invalid", className="d-block"
                    ),
                ],
                style={"width": "11rem"},
            ),
        ]
    )


def _form() -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("Catat versi baru", className="h5"),
                labeled_field(
                    "Nomor dokumen SOP",
                    dbc.Input(id=ids.DOCUMENT, maxlength=MAX_DOCUMENT, autoComplete="off"),
                    ids.DOCUMENT_FEEDBACK,
                ),
                labeled_field(
                    "Berlaku sejak",
                    dbc.Input(id=ids.EFFECTIVE, type="date"),
                    ids.EFFECTIVE_FEEDBACK,
                    "Hari ini atau sesudahnya: kunjungan sebelum tanggal ini tetap dinilai "
                    "dengan target lama.",
                ),
                html.Div("Target per langkah (kosong: tanpa target)", className="form-label"),
                dbc.Table(
                    html.Tbody([_target_row(number) for number in TARGETED_STEPS]),
                    size="sm",
                    borderless=True,
                    className="mb-2 align-middle",
                ),
                html.Div(id=ids.ALERT),
                dbc.Button(
                    [html.I(className="bi bi-save me-2"), "Simpan versi"],
                    id=ids.SAVE,
                    color="primary",
                ),
            ]
        )
    )


def versions_table(versions: Sequence[SopVersion]) -> Component:
    """Every version, newest first: its day, document, targets, total and who recorded it."""
    if not versions:
        return html.P("Belum ada versi SOP.", className="text-muted")
    head = html.Thead(
        html.Tr(
            [
                html.Th("Berlaku sejak"),
                html.Th("Nomor dokumen"),
                *(html.Th(f"L{number}", className="text-end") for number in TARGETED_STEPS),
                html.Th("Total", className="text-end"),
                html.Th("Dicatat oleh"),
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(format_day(version.effective_from), className="text-nowrap"),
                    html.Td(
                        version.document_number
                        or html.Span(INITIAL_VERSION, className="text-muted")
                    ),
                    *(
                        html.Td(
                            "—" if version.targets.get(number) is None else version.targets[number],
                            className="text-end",
                        )
                        for number in TARGETED_STEPS
                    ),
                    html.Td(f"{version.total_minutes}", className="text-end fw-semibold"),
                    html.Td(
                        f"{version.recorded_by or '—'}, {format_moment(version.recorded_at)}"
                        if version.recorded_at
                        else "—",
                        className="small",
                    ),
                ]
            )
            for version in versions
        ]
    )
    return dbc.Table([head, body], size="sm", striped=True, responsive=True, className="small")


def sop_targets_page() -> html.Div:
    return html.Div(
        [
            dcc.Store(id=ids.LOADED, data=True),
            dcc.Store(id=ids.VERSION, data=0),
            page_heading(
                "Target SOP",
                "Revisi SOP tidak menulis ulang sejarah: setiap angka memakai target yang "
                "berlaku pada hari kunjungan.",
            ),
            dbc.Row(
                [
                    dbc.Col(_form(), lg=5, className="mb-3"),
                    dbc.Col(
                        [html.H2("Versi target", className="h5"), html.Div(id=ids.VERSIONS)],
                        lg=7,
                    ),
                ]
            ),
        ],
        id=ids.PAGE,
    )
