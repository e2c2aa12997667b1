"""The parts of the Layanan page drawn from a visit: the header, the panel of the current SOP
step, the step history and the list of corrections.

Every function takes the plain view of ``dashboard.visits.service_page`` and returns components; the
ids come from ``dashboard.visits.service_ids`` so the callbacks and the browser tests find them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import sop
from dashboard.i18n import format_clock, format_moment, format_rupiah
from dashboard.library.catalog import SUBJECTS
from dashboard.paths import HOME_PATH, payment_path, receipt_path, slip_path
from dashboard.pnbp.sales_view import sale_status
from dashboard.ui.forms import labeled_field
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
from dashboard.visits.service_page import (
    AVAILABILITY_CHOICES,
    AVAILABLE,
    STATUS_COLORS,
    Panel,
    RequestView,
    ServiceView,
    VisitSale,
    VisitView,
    payment_wait_text,
    waiting_text,
)
from dashboard.visits.step_history import (
    CorrectionLine,
    HistoryRow,
    correction_lines,
    correction_step_options,
    history_rows,
    step_times_store,
)

NO_VALUE = "—"


@dataclass(frozen=True)
class RenderedVisit:
    """Everything the page's render callback puts on the page for one visit."""

    header: Component
    panel_title: Component
    panel: Component
    history: Component
    corrections: Component
    correction_options: list[dict[str, str]]
    step_times: dict[str, dict[str, str | None]]
    marker: str


def render_visit(
    view: ServiceView,
    can_write: bool,
    now: datetime,
    *,
    can_record_payment: bool = False,
    can_download_receipt: bool = False,
) -> RenderedVisit:
    """The page for one visit. ``can_record_payment``: the treasurer, who gets a link to the
    sale form while the visitor waits to pay; ``can_download_receipt``: roles that may open
    the receipt PDF (officers see its number and status only)."""
    rows = history_rows(view.visit.steps, view.targets, view.corrected_fields)
    return RenderedVisit(
        header=visit_header(view.visit),
        panel_title=panel_title(view),
        panel=step_panel(
            view,
            can_write,
            now,
            can_record_payment=can_record_payment,
            can_download_receipt=can_download_receipt,
        ),
        history=history_table(rows),
        corrections=corrections_table(correction_lines(view.corrections)),
        correction_options=correction_step_options(view.visit.steps),
        step_times=step_times_store(view.visit.steps),
        marker=view.marker,
    )


# -- header ---------------------------------------------------------------------------------


def _fact(label: str, value: Component | str, value_id: str) -> html.Div:
    return html.Div(
        [
            html.Div(label, className="text-muted small"),
            html.Div(value, id=value_id, className="fw-semibold"),
        ],
        className="me-4 mb-2 text-nowrap",
    )


def visit_header(visit: VisitView) -> Component:
    """Visit code (big: it is the bag tag), who the visitor is, and where the visit stands."""
    return dbc.Row(
        [
            dbc.Col(
                [
                    html.Div("Kode kunjungan", className="text-muted small"),
                    html.Div(
                        visit.code,
                        id=ids.CODE,
                        className="display-4 fw-bold text-primary lh-1",
                    ),
                ],
                width="auto",
                className="pe-4 border-end",
            ),
            dbc.Col(
                [
                    html.H1(
                        visit.visitor_name or "Belum mengisi buku tamu",
                        id=ids.VISITOR_NAME,
                        className="h3 mb-1" + ("" if visit.visitor_name else " text-muted"),
                    ),
                    html.Div(visit.institution or NO_VALUE, id=ids.INSTITUTION, className="mb-2"),
                    html.Div(
                        [
                            dbc.Badge(
                                visit.status_label,
                                id=ids.STATUS,
                                color=STATUS_COLORS.get(visit.status, "secondary"),
                                className="fs-6 me-2",
                            ),
                            html.Span(
                                [
                                    html.I(className="bi bi-clock-history me-1"),
                                    "Di luar jam layanan",
                                ],
                                id=ids.OUTSIDE_HOURS,
                                className="pst-flag-outside-hours",
                                hidden=not visit.outside_service_hours,
                            ),
                        ]
                    ),
                ],
                className="ps-4",
            ),
            dbc.Col(
                html.Div(
                    [
                        _fact("Datang", format_moment(visit.arrived_at), ids.ARRIVED_AT),
                        _fact("Rak tas", _number_or_dash(visit.rack_slot), ids.RACK_SLOT),
                        _fact(
                            "Meja baca",
                            _number_or_dash(visit.reading_table),
                            ids.READING_TABLE_SHOWN,
                        ),
                        _fact(
                            "Jenis layanan",
                            visit.service_type_label or NO_VALUE,
                            ids.SERVICE_TYPE_SHOWN,
                        ),
                    ],
                    className="d-flex flex-wrap",
                ),
                lg="auto",
                className="mt-3 mt-lg-0",
            ),
        ],
        className="align-items-center",
    )


def _number_or_dash(value: int | None) -> str:
    return NO_VALUE if value is None else str(value)


# -- the step panel -------------------------------------------------------------------------


def panel_title(view: ServiceView) -> Component:
    panel = view.panel
    if panel is Panel.DONE:
        number, label = sop.DONE, sop.STEP_BY_NUMBER[sop.DONE].label
    elif panel is Panel.REFUSED:
        number, label = sop.SCREENING, "Ditolak saat skrining"
    else:
        step = view.visit.open_step
        assert step is not None
        number, label = step.number, sop.STEP_BY_NUMBER[step.number].label
    target = sop.STEP_BY_NUMBER[number].target_minutes
    target_in_force = view.targets.get(number, target)
    return html.Div(
        [
            html.Span(str(number), className="pst-step-badge"),
            html.Span(label),
            html.Span(
                f"target {target_in_force} mnt" if target_in_force else "",
                className="text-muted small fw-normal ms-2",
            ),
        ],
        className="d-flex align-items-center",
    )


def step_panel(
    view: ServiceView,
    can_write: bool,
    now: datetime,
    *,
    can_record_payment: bool = False,
    can_download_receipt: bool = False,
) -> Component:
    """The body of the panel for the visit's current state (one step at a time)."""
    panel = view.panel
    step = view.visit.open_step
    children: list[Component] = [
        dcc.Store(id=ids.PANEL_STEP, data=step.number if step else None),
    ]
    if panel in {Panel.DONE, Panel.REFUSED, Panel.ARRIVAL}:
        children.append(_closed_or_pending(view))
    elif panel is Panel.WAITING:
        children.append(_waiting(view, can_write, now))
    elif panel is Panel.PAYMENT:
        children.append(_awaiting_payment(view, can_write, can_record_payment, now))
    elif not can_write:
        children.append(_read_only(view))
    else:
        children.append(_STEP_FORMS[panel](view))
    if panel in {
        Panel.READING_TABLE,
        Panel.PURCHASE,
        Panel.PAYMENT,
        Panel.BAG_RETURN,
        Panel.DONE,
    } or (panel is Panel.WAITING and step is not None and step.number != sop.PURPOSE):
        children.append(request_summary(view.visit.requests, view.visit.visit_id))
    if view.visit.sales:
        children.append(sale_summary(view.visit.sales, can_download_receipt))
    # A token per drawing: the browser waits for this exact panel before focusing its field.
    return html.Div(children, **{"data-render": f"{view.marker}@{now.isoformat()}"})


def _activity(number: int) -> html.P:
    return html.P(sop.STEP_BY_NUMBER[number].activity + ".", className="text-muted mb-3")


def _submit(label: str, button_id: str, icon: str) -> dbc.Button:
    return dbc.Button([html.I(className=f"bi {icon} me-2"), label], id=button_id, color="primary")


def _read_only_note() -> dbc.Alert:
    return dbc.Alert(
        "Anda dapat melihat kunjungan ini; pencatatan langkah hanya untuk petugas PST.",
        color="light",
        id=ids.READ_ONLY_NOTE,
        className="mb-0",
    )


def _read_only(view: ServiceView) -> html.Div:
    step = view.visit.open_step
    assert step is not None
    return html.Div(
        [
            _activity(step.number),
            html.P(f"Langkah ini berjalan sejak {format_clock(step.started_at)} WIB."),
            _read_only_note(),
        ]
    )


def _waiting(view: ServiceView, can_write: bool, now: datetime) -> html.Div:
    step = view.visit.open_step
    assert step is not None
    action: Component = (
        dbc.Button(
            [html.I(className="bi bi-play-fill me-2"), "Mulai"],
            id=ids.START_STEP,
            color="primary",
            size="lg",
        )
        if can_write
        else _read_only_note()
    )
    return html.Div(
        [
            html.P(
                [html.I(className="bi bi-hourglass-split me-2"), waiting_text(step.queued_at, now)],
                id=ids.WAITING_SINCE,
                className="fs-5 mb-1",
            ),
            _activity(step.number),
            action,
        ]
    )


def _purpose_form(view: ServiceView) -> html.Div:
    return html.Div(
        [
            _activity(sop.PURPOSE),
            dbc.Row(
                [
                    dbc.Col(
                        labeled_field(
                            "Jenis layanan PST",
                            dbc.Select(
                                id=ids.SERVICE_TYPE,
                                options=[
                                    {"label": label, "value": code}
                                    for code, label in view.service_types
                                ],
                                placeholder="Pilih jenis layanan…",
                            ),
                            ids.SERVICE_TYPE_FEEDBACK,
                        ),
                        md=5,
                    ),
                    dbc.Col(
                        labeled_field(
                            "Data yang dicari",
                            dbc.Textarea(
                                id=ids.REQUESTS,
                                rows=4,
                                submit_on_enter=False,
                                placeholder=(
                                    "PDRB Kabupaten Muara Enim 2025\nJumlah penduduk per kecamatan"
                                ),
                            ),
                            ids.REQUESTS_FEEDBACK,
                            help_text="Satu permintaan data per baris.",
                        ),
                        md=7,
                    ),
                ]
            ),
            _submit("Simpan tujuan", ids.PURPOSE_SUBMIT, "bi-check2"),
        ]
    )


def _search_box(view: ServiceView) -> html.Div:
    """The one search box and its filters. The typed values survive a redraw of the panel
    (another officer's action, a time correction) for this visit only."""
    keep = {"persistence": f"visit-{view.visit.visit_id}", "persistence_type": "memory"}
    return html.Div(
        [
            dbc.Label("Cari di katalog perpustakaan", html_for=ids.SEARCH_QUERY),
            dbc.InputGroup(
                [
                    dbc.InputGroupText(html.I(className="bi bi-search")),
                    dbc.Input(
                        id=ids.SEARCH_QUERY,
                        type="search",
                        placeholder="Judul, subjek atau kata kunci, mis. penduduk kecamatan",
                        autocomplete="off",
                        maxlength=200,
                        debounce=150,
                        **keep,
                    ),
                ]
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
                        dbc.Select(
                            id=ids.SEARCH_SUBJECT,
                            options=[{"label": "Semua subjek", "value": ANY}]
                            + [{"label": label, "value": code} for code, label in SUBJECTS.items()],
                            value=ANY,
                            size="sm",
                            **keep,
                        ),
                        width=9,
                        md=6,
                    ),
                    dbc.Col(
                        dbc.Select(
                            id=ids.SEARCH_FORMAT,
                            options=[{"label": "Semua format", "value": ANY}]
                            + [{"label": label, "value": code} for code, label in format_options()],
                            value=ANY,
                            size="sm",
                            **keep,
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
                html.Td(hit.shelf_location or "—", className="text-nowrap"),
                html.Td(
                    dbc.Button(
                        [html.I(className="bi bi-check2 me-1"), "Pilih"],
                        id={"type": ids.SEARCH_PICK_TYPE, "index": hit.id},
                        color="primary",
                        outline=True,
                        size="sm",
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


def _search_form(view: ServiceView) -> html.Div:
    return html.Div(
        [
            _activity(sop.SEARCH),
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
                            _submit("Pencarian selesai", ids.SEARCH_SUBMIT, "bi-search"),
                        ],
                        lg=4,
                        className="mt-3 mt-lg-0 pst-search-requests",
                    ),
                ]
            ),
        ]
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


def _availability_form(view: ServiceView) -> html.Div:
    note = view.visit.step_notes.get(sop.SEARCH)
    return html.Div(
        [
            _activity(sop.AVAILABILITY),
            html.P(
                [html.Span("Catatan pencarian: ", className="fw-semibold"), note],
                id=ids.SEARCH_NOTE_SHOWN,
                hidden=not note,
            ),
            html.Datalist(
                [html.Option(value=agency.name) for agency in view.agencies], id=ids.AGENCY_LIST
            ),
            html.Div([_request_decision(request) for request in view.visit.requests]),
            _submit("Simpan ketersediaan", ids.AVAILABILITY_SUBMIT, "bi-check2-square"),
        ]
    )


def _reading_table_form(view: ServiceView) -> html.Div:
    taken = ", ".join(str(number) for number in view.taken_tables)
    taken_text = (
        f"Meja terpakai: {taken} (dari {view.table_count} meja)."
        if taken
        else f"Semua {view.table_count} meja baca kosong."
    )
    suggested = view.suggested_table
    return html.Div(
        [
            _activity(sop.READING_TABLE),
            dbc.Row(
                dbc.Col(
                    labeled_field(
                        "Nomor meja baca",
                        dbc.Input(
                            id=ids.READING_TABLE,
                            type="number",
                            step=1,
                            value=suggested,
                            autocomplete="off",
                        ),
                        ids.READING_TABLE_FEEDBACK,
                    ),
                    width=12,
                    sm=4,
                    lg=3,
                )
            ),
            html.P(
                taken_text if suggested else "Semua meja baca terpakai; tunggu meja kosong.",
                id=ids.READING_TABLE_TAKEN,
                className="text-muted small" if suggested else "text-danger small",
            ),
            _submit("Antar ke meja baca", ids.READING_TABLE_SUBMIT, "bi-arrow-right-circle"),
        ]
    )


def _purchase_form(_view: ServiceView) -> html.Div:
    return html.Div(
        [
            _activity(sop.PURCHASE_OFFER),
            html.Div(
                [
                    dbc.Button(
                        [html.I(className="bi bi-bag-check me-2"), "Ya, ingin membeli"],
                        id=ids.PURCHASE_YES,
                        color="primary",
                        className="me-2",
                    ),
                    dbc.Button(
                        [html.I(className="bi bi-x-circle me-2"), "Tidak membeli"],
                        id=ids.PURCHASE_NO,
                        color="secondary",
                        outline=True,
                    ),
                ]
            ),
            html.Div(id=ids.PURCHASE_FEEDBACK, className="invalid-feedback d-block"),
        ]
    )


def _awaiting_payment(
    view: ServiceView, can_write: bool, can_record_payment: bool, now: datetime
) -> html.Div:
    """Step 9 answered "yes": the visitor is with the treasurer. The step (and its 10-minute
    target) runs until the receipt is issued; the page moves on to step 10 by itself."""
    step = view.visit.open_step
    assert step is not None
    actions: list[Component] = []
    if can_record_payment:
        actions.append(
            html.A(
                [html.I(className="bi bi-cash-coin me-2"), "Catat pembayaran"],
                href=payment_path(view.visit.visit_id),
                id=ids.PAYMENT_LINK,
                className="btn btn-primary",
            )
        )
    if can_write:
        # Confirmed first: the panel's first button gets the focus, and a stray Enter must not
        # cancel a purchase the treasurer may be recording.
        actions.append(
            dcc.ConfirmDialogProvider(
                dbc.Button(
                    [html.I(className="bi bi-x-circle me-2"), "Batal membeli"],
                    id=ids.PURCHASE_CANCEL_BUTTON,
                    color="secondary",
                    outline=True,
                    title="Pengunjung berubah pikiran: tidak jadi membeli, lanjut ke "
                    "pengambilan tas",
                ),
                id=ids.PURCHASE_CANCEL,
                message=f"Pengunjung {view.visit.code} batal membeli? Langkah penawaran "
                "publikasi selesai tanpa pembelian dan pengunjung lanjut ke pengambilan tas.",
            )
        )
    if not actions:
        actions.append(_read_only_note())
    return html.Div(
        [
            html.P(
                [
                    html.I(className="bi bi-hourglass-split me-2"),
                    "Menunggu pembayaran di bendahara",
                ],
                id=ids.PAYMENT_WAITING,
                className="fs-5 mb-1",
            ),
            html.P(
                f"Pengunjung ingin membeli publikasi; {payment_wait_text(step.started_at, now)}. "
                "Langkah ini selesai saat Bendahara Penerimaan menerbitkan kuitansi, lalu halaman "
                "ini lanjut sendiri ke pengambilan tas.",
                className="text-muted mb-2",
            ),
            html.Div(
                [
                    html.Span("Status pembayaran: ", className="text-muted"),
                    dbc.Badge("Belum dibayar", color="warning", text_color="dark"),
                ],
                id=ids.PAYMENT_STATUS,
                className="mb-3",
            ),
            html.Div(actions, className="d-flex flex-wrap gap-2"),
            html.Div(id=ids.PURCHASE_FEEDBACK, className="invalid-feedback d-block"),
        ]
    )


def sale_summary(sales: Sequence[VisitSale], can_download: bool) -> Component:
    """The receipts of the visit's purchase: number, amount and status (and the PDF for the
    roles that may print it)."""
    items = []
    for sale in sales:
        status = sale_status(voided=sale.voided, deposited=sale.deposited)
        link: Component = (
            html.A(
                [html.I(className="bi bi-file-earmark-pdf me-1"), "Kuitansi (PDF)"],
                href=receipt_path(sale.sale_id),
                target="_blank",
                rel="noopener",
                className="ms-2",
            )
            if can_download
            else html.Span()
        )
        items.append(
            html.Li(
                [
                    "Kuitansi ",
                    html.Strong(
                        sale.receipt_number,
                        id={"type": ids.RECEIPT_NUMBER_TYPE, "index": sale.sale_id},
                    ),
                    f" · {format_rupiah(sale.total)} · ",
                    dbc.Badge(
                        status,
                        id={"type": ids.RECEIPT_STATUS_TYPE, "index": sale.sale_id},
                        color="danger" if sale.voided else "success",
                    ),
                    link,
                ]
            )
        )
    return html.Div(
        [
            html.Div("Pembayaran PNBP", className="fw-semibold mt-3"),
            html.Ul(items, className="mb-0"),
        ],
        id=ids.SALE_SUMMARY,
    )


def _bag_return_form(view: ServiceView) -> html.Div:
    rack = view.visit.rack_slot
    return html.Div(
        [
            _activity(sop.BAG_RETURN),
            html.P(
                f"Ambil tas dari rak nomor {rack}, lalu cocokkan label tasnya."
                if rack
                else "Cocokkan label tas pengunjung."
            ),
            dbc.Row(
                dbc.Col(
                    labeled_field(
                        "Kode pada label tas",
                        dbc.Input(
                            id=ids.TAG_CODE,
                            placeholder="mis. A-017",
                            autocomplete="off",
                            maxlength=8,
                        ),
                        ids.TAG_CODE_FEEDBACK,
                    ),
                    width=12,
                    sm=5,
                    lg=4,
                )
            ),
            _submit("Serahkan tas & selesai", ids.BAG_SUBMIT, "bi-box-arrow-right"),
        ]
    )


_STEP_FORMS = {
    Panel.PURPOSE: _purpose_form,
    Panel.SEARCH: _search_form,
    Panel.AVAILABILITY: _availability_form,
    Panel.READING_TABLE: _reading_table_form,
    Panel.PURCHASE: _purchase_form,
    Panel.BAG_RETURN: _bag_return_form,
}


def _closed_or_pending(view: ServiceView) -> Component:
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
                [html.I(className="bi bi-arrow-left me-1"), "Kembali ke Layanan berjalan"],
                href=HOME_PATH,
            ),
        ]
    )


def _decision_text(request: RequestView) -> Component:
    if request.available is True:
        if request.publications:
            titles = "; ".join(picked_line(publication) for publication in request.publications)
            return html.Span(
                [html.Span("tersedia", className="text-success fw-semibold"), f": {titles}"]
            )
        return html.Span("tersedia", className="text-success fw-semibold")
    if request.available is False:
        return html.Span(
            f"dirujuk ke {request.referred_agency}", className="text-danger fw-semibold"
        )
    return html.Span("belum diputuskan", className="text-muted")


def _slip_link(requests: Sequence[RequestView], visit_id: int | None) -> Component:
    """'Cetak surat rujukan' (a new tab) once a request was referred to another agency."""
    if visit_id is None or not any(request.available is False for request in requests):
        return html.Span()
    return html.A(
        [html.I(className="bi bi-printer me-2"), "Cetak surat rujukan"],
        href=slip_path(visit_id),
        target="_blank",
        rel="noopener",
        id=ids.SLIP_LINK,
        className="btn btn-outline-primary btn-sm mt-2",
    )


def request_summary(requests: Sequence[RequestView], visit_id: int | None = None) -> Component:
    """The visit's data requests and what became of each (from step 7 on), with the link to
    the referral slip when a request was referred."""
    if not requests:
        return html.Div(id=ids.REQUEST_SUMMARY)
    return html.Div(
        [
            html.Div("Permintaan data", className="fw-semibold mt-3"),
            html.Ul(
                [
                    html.Li(
                        [
                            request.description,
                            " — ",
                            _decision_text(request),
                            html.Span(f" ({request.answer_note})", className="text-muted")
                            if request.answer_note
                            else "",
                        ]
                    )
                    for request in requests
                ],
                className="mb-0",
            ),
            _slip_link(requests, visit_id),
        ],
        id=ids.REQUEST_SUMMARY,
    )


# -- history and corrections ----------------------------------------------------------------


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
