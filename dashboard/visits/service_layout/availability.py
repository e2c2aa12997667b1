"""Step 7's panel: for each request, available or not, and the agency a request not available
is referred to (suggested from the directory, or typed)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard import sop
from dashboard.visits import service_ids as ids
from dashboard.visits.desk_search import picked_line
from dashboard.visits.service_layout.common import activity, submit_button
from dashboard.visits.service_page import (
    AVAILABILITY_CHOICES,
    AVAILABLE,
    RequestView,
    ServiceView,
)


def _found_publications(request: RequestView) -> Component:
    if not request.found:
        return html.Div(id={"type": ids.REQUEST_FOUND_TYPE, "index": request.request_id})
    return html.Div(
        [
            html.Div("Ditemukan di katalog:", className="fw-semibold"),
            html.Ul(
                [html.Li(picked_line(publication)) for publication in request.publications],
                className="mb-0 ps-3",
            ),
        ],
        id={"type": ids.REQUEST_FOUND_TYPE, "index": request.request_id},
        className="small text-success mb-2",
    )


def _suggestions(request: RequestView) -> html.Div:
    index = request.request_id
    if not request.suggestions:
        children: list[Component | str] = [
            html.Small(
                "Tidak ada dinas di direktori yang topiknya cocok; ketik nama dinas/instansi.",
                className="text-muted",
            )
        ]
    else:
        children = [html.Small("Saran dari direktori:", className="text-muted me-2")] + [
            dbc.Button(
                suggestion.name,
                id={"type": ids.REQUEST_AGENCY_PICK_TYPE, "index": index, "agency": suggestion.id},
                color="secondary",
                outline=True,
                size="sm",
                className="me-1 mb-1",
                title=f"Topik: {suggestion.topics}",
            )
            for suggestion in request.suggestions
        ]
    return html.Div(
        children, id={"type": ids.REQUEST_SUGGESTIONS_TYPE, "index": index}, className="mb-1"
    )


def _request_decision(request: RequestView) -> dbc.Card:
    index = request.request_id
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [html.Span(f"{request.position}. ", className="fw-bold"), request.description],
                    className="mb-2",
                ),
                _found_publications(request),
                dbc.RadioItems(
                    id={"type": ids.REQUEST_AVAILABLE_TYPE, "index": index},
                    options=[
                        {"label": label, "value": value} for value, label in AVAILABILITY_CHOICES
                    ],
                    value=AVAILABLE if request.found else None,
                    inline=True,
                    className="mb-2",
                ),
                html.Div(
                    [
                        dbc.Label("Dirujuk ke dinas/instansi", className="small mb-1"),
                        _suggestions(request),
                        dbc.Input(
                            id={"type": ids.REQUEST_AGENCY_TYPE, "index": index},
                            list=ids.AGENCY_LIST,
                            autocomplete="off",
                            maxlength=200,
                            placeholder="Klik saran di atas, atau ketik/pilih dari direktori",
                        ),
                    ],
                    id={"type": ids.REQUEST_AGENCY_ROW_TYPE, "index": index},
                    hidden=True,
                    className="mb-2",
                ),
                html.Div(
                    id={"type": ids.REQUEST_FEEDBACK_TYPE, "index": index},
                    className="invalid-feedback d-block mt-0 mb-2",
                ),
                dbc.Input(
                    id={"type": ids.REQUEST_NOTE_TYPE, "index": index},
                    size="sm",
                    maxlength=500,
                    placeholder="Catatan (opsional): publikasi/tabel, atau kontak dinas rujukan",
                ),
            ],
            className="py-2",
        ),
        id={"type": ids.REQUEST_ROW_TYPE, "index": index},
        className="mb-2",
    )


def availability_form(view: ServiceView) -> html.Div:
    note = view.visit.step_notes.get(sop.SEARCH)
    return html.Div(
        [
            activity(sop.AVAILABILITY),
            html.P(
                [html.Span("Catatan pencarian: ", className="fw-semibold"), note],
                id=ids.SEARCH_NOTE_SHOWN,
                hidden=not note,
            ),
            html.Datalist(
                [html.Option(value=agency.name) for agency in view.agencies], id=ids.AGENCY_LIST
            ),
            html.Div([_request_decision(request) for request in view.visit.requests]),
            submit_button("Simpan ketersediaan", ids.AVAILABILITY_SUBMIT, "bi-check2-square"),
        ]
    )
