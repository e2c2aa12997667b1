"""Step 6's panel: the catalog search box with its filters, the results with their "Pilih"
buttons, and the visit's requests with the publications picked for each."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard import sop
from dashboard.library.catalog import SUBJECTS
from dashboard.ui.buttons import small_button
from dashboard.ui.forms import labeled_field, search_box
from dashboard.visits import service_ids as ids
from dashboard.visits.desk_search import (
    ANY,
    SearchResult,
    default_target,
    format_options,
    formats_text,
    picked_line,
    short_request,
    stock_text,
    subject_label,
    unpick_key,
)
from dashboard.visits.service_layout.common import NO_VALUE, activity, submit_button
from dashboard.visits.service_page import RequestView, ServiceView


def _kept(visit_id: int) -> dict[str, str]:
    """What the officer typed or chose survives a redraw of the panel (another officer's
    action, a time correction) for this visit only."""
    return {"persistence": f"visit-{visit_id}", "persistence_type": "memory"}


def _filter_select(
    select_id: str, all_label: str, choices: Iterable[tuple[str, str]], visit_id: int
) -> dbc.Select:
    """A filter beside the search box: every choice, or "all" (the default)."""
    return dbc.Select(
        id=select_id,
        options=[{"label": all_label, "value": ANY}]
        + [{"label": label, "value": code} for code, label in choices],
        value=ANY,
        size="sm",
        **_kept(visit_id),
    )


def _search_box(view: ServiceView) -> html.Div:
    """The one search box and its filters (kept across redraws of the panel)."""
    keep = _kept(view.visit.visit_id)
    return html.Div(
        [
            dbc.Label("Cari di katalog perpustakaan", html_for=ids.SEARCH_QUERY),
            search_box(
                ids.SEARCH_QUERY,
                "Judul, subjek atau kata kunci, mis. penduduk kecamatan",
                maxlength=200,
                debounce=150,
                **keep,
            ),
            dbc.Row(
                [
                    dbc.Col(
                        dbc.Input(
                            id=ids.SEARCH_YEAR,
                            placeholder="Tahun",
                            inputmode="numeric",
                            autocomplete="off",
                            maxlength=4,
                            debounce=150,
                            size="sm",
                            **keep,
                        ),
                        width=3,
                        md=2,
                    ),
                    dbc.Col(
                        _filter_select(
                            ids.SEARCH_SUBJECT,
                            "Semua subjek",
                            SUBJECTS.items(),
                            view.visit.visit_id,
                        ),
                        width=9,
                        md=6,
                    ),
                    dbc.Col(
                        _filter_select(
                            ids.SEARCH_FORMAT, "Semua format", format_options(), view.visit.visit_id
                        ),
                        md=4,
                    ),
                ],
                className="g-2 mt-1 mb-2",
            ),
        ]
    )


def _pick_target(view: ServiceView) -> html.Div:
    requests = view.visit.requests
    return html.Div(
        [
            html.Div("Pilih untuk:", className="fw-semibold me-2 text-nowrap"),
            dbc.RadioItems(
                id=ids.SEARCH_TARGET,
                options=[
                    {"label": short_request(request), "value": request.request_id}
                    for request in requests
                ],
                value=default_target(requests),
                inline=True,
            ),
        ],
        className="d-flex flex-wrap align-items-baseline mb-2 pst-pick-target",
    )


RESULT_COLUMNS = ("Judul", "Tahun", "Subjek", "Format", "Stok", "Rak", "")


def search_results(result: SearchResult) -> Component:
    """The hits of a search, best first, each with its 'Pilih' button."""
    if not result.hits:
        return html.Div()
    rows = [
        html.Tr(
            [
                html.Td(
                    [
                        html.Div(hit.title, className="fw-semibold"),
                        html.Small(hit.catalog_number, className="text-muted"),
                    ]
                ),
                html.Td(str(hit.year)),
                html.Td(subject_label(hit.subject), className="small"),
                html.Td(formats_text(hit.has_hardcopy, hit.has_softcopy), className="small"),
                html.Td(stock_text(hit.has_hardcopy, hit.hardcopy_stock), className="text-nowrap"),
                html.Td(hit.shelf_location or NO_VALUE, className="text-nowrap"),
                html.Td(
                    small_button(
                        "Pilih",
                        "check2",
                        {"type": ids.SEARCH_PICK_TYPE, "index": hit.id},
                        "primary",
                        outline=True,
                        className="text-nowrap",
                    ),
                    className="text-end",
                ),
            ],
            id={"type": ids.SEARCH_RESULT_TYPE, "index": hit.id},
        )
        for hit in result.hits
    ]
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(name) for name in RESULT_COLUMNS])), html.Tbody(rows)],
        size="sm",
        hover=True,
        responsive=True,
        className="align-middle mb-0",
    )


def _picked(request: RequestView) -> html.Div:
    children: list[Component] = [
        html.Div(
            [
                html.I(className="bi bi-journal-check text-success me-1"),
                html.Span(picked_line(publication), className="me-auto"),
                dbc.Button(
                    html.I(className="bi bi-x-lg"),
                    id={
                        "type": ids.SEARCH_UNPICK_TYPE,
                        "index": unpick_key(request.request_id, publication.publication_id),
                    },
                    color="link",
                    size="sm",
                    className="text-danger py-0",
                    title="Hapus pilihan ini",
                ),
            ],
            className="d-flex align-items-start small",
        )
        for publication in request.publications
    ]
    return html.Div(
        children, id={"type": ids.SEARCH_PICKED_TYPE, "index": request.request_id}, className="ms-1"
    )


def search_request_items(requests: Sequence[RequestView]) -> list[html.Li]:
    """The visit's requests, each with the publications picked for it so far."""
    return [
        html.Li(
            [
                html.Span(request.description),
                html.Span(" · ditemukan", className="text-success small fw-semibold")
                if request.found
                else "",
                _picked(request),
            ],
            className="mb-1",
        )
        for request in requests
    ]


def search_form(view: ServiceView) -> html.Div:
    return html.Div(
        [
            activity(sop.SEARCH),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            _search_box(view),
                            _pick_target(view),
                            html.Div(id=ids.SEARCH_MESSAGE, className="text-muted small mb-1"),
                            html.Div(id=ids.SEARCH_RESULTS),
                        ],
                        lg=8,
                    ),
                    dbc.Col(
                        [
                            html.Div("Data yang dicari pengunjung:", className="fw-semibold"),
                            html.Ol(
                                search_request_items(view.visit.requests),
                                id=ids.SEARCH_REQUESTS,
                                className="ps-3",
                            ),
                            labeled_field(
                                "Catatan pencarian (opsional)",
                                dbc.Textarea(
                                    id=ids.SEARCH_NOTE,
                                    rows=2,
                                    submit_on_enter=True,
                                    maxlength=2000,
                                    placeholder="mis. Tabel 3.1.2, halaman 45",
                                ),
                                ids.SEARCH_NOTE_FEEDBACK,
                                help_text=(
                                    "Enter menyimpan; Shift+Enter baris baru. Permintaan yang "
                                    "belum ditemukan diputuskan di langkah berikutnya."
                                ),
                            ),
                            submit_button("Pencarian selesai", ids.SEARCH_SUBMIT, "bi-search"),
                        ],
                        lg=4,
                        className="mt-3 mt-lg-0 pst-search-requests",
                    ),
                ]
            ),
        ]
    )
