"""Katalog publikasi: the library catalog of the PST desk in a grid, a form to add and edit an
entry, retire/restore (entries are never deleted), import from CSV/XLSX with a validation
report, and export. The administrator writes; the other desk roles see the catalog read-only."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.library import catalog_admin_ids as ids
from dashboard.library.catalog import (
    FORMAT_HARDCOPY,
    FORMAT_SOFTCOPY,
    FORMATS,
    MAX_CATALOG_NUMBER,
    MAX_NOTES,
    MAX_REGION,
    MAX_SHELF,
    MAX_TITLE,
    SUBJECTS,
)
from dashboard.library.catalog_io import CATALOG_COLUMNS
from dashboard.paths import CATALOG_ADMIN_PATH
from dashboard.roles import CATALOG_EDITORS, DESK_READERS
from dashboard.ui.access import for_roles
from dashboard.ui.admin_form import (
    admin_notices,
    filter_columns,
    form_modal,
    text_input,
)
from dashboard.ui.admin_form_ids import admin_form_ids
from dashboard.ui.forms import labeled_field
from dashboard.ui.grid import NUMBER_FILTER, SAMPLE_CELL_STYLE, data_grid, muted_rows
from dashboard.ui.headings import page_heading
from dashboard.web.context import current_role

ROLES = sorted(DESK_READERS)
FORM_IDS = admin_form_ids(ids, toggle=ids.RETIRE, sample_action=ids.SAMPLE_RETIRE)
MAX_IMPORT_BYTES = 5 * 1024 * 1024
STATUS_OPTIONS = [
    {"label": "Aktif", "value": "active"},
    {"label": "Ditarik", "value": "retired"},
    {"label": "Semua", "value": "all"},
]
FORMAT_SWITCH_LABELS = {
    name: FORMATS[code]
    for name, code in (("has_hardcopy", FORMAT_HARDCOPY), ("has_softcopy", FORMAT_SOFTCOPY))
}

dash.register_page(
    __name__,
    path=CATALOG_ADMIN_PATH,
    name="Katalog publikasi",
    title="Katalog publikasi · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="Perpustakaan",
    icon="bi-journal-bookmark",
    order=20,
    roles=ROLES,
)

RETIRED_ROW_STYLE = muted_rows("params.data && params.data.retired")

COLUMNS = [
    {"field": "catalog_number", "headerName": "No. katalog", "width": 165, "pinned": "left"},
    {"field": "title", "headerName": "Judul", "flex": 1, "minWidth": 300, "tooltipField": "title"},
    {"field": "year", "headerName": "Tahun", "width": 95, "filter": NUMBER_FILTER},
    {
        "field": "subject_label",
        "headerName": "Subjek",
        "width": 180,
        "tooltipField": "subject_label",
    },
    {"field": "formats", "headerName": "Format", "width": 125},
    {
        "field": "stock",
        "headerName": "Stok",
        "width": 90,
        "type": "rightAligned",
        "filter": NUMBER_FILTER,
        "valueFormatter": {"function": "params.data ? params.data.stock_text : ''"},
    },
    {"field": "shelf_location", "headerName": "Rak", "width": 100},
    {"field": "status", "headerName": "Status", "width": 115, "tooltipField": "status_note"},
    {
        "field": "sample",
        "headerName": "Contoh",
        "width": 100,
        "cellStyle": SAMPLE_CELL_STYLE,
        "headerTooltip": "Data contoh bawaan aplikasi",
    },
    # Not shown, but found by the quick filter.
    {"field": "region", "headerName": "Wilayah", "hide": True},
    {"field": "isbn", "headerName": "ISBN", "hide": True},
    {"field": "issn", "headerName": "ISSN", "hide": True},
]


def _header() -> html.Div:
    return html.Div(
        [
            page_heading(
                "Katalog publikasi",
                html.Div(id=ids.COUNTS, className="text-muted"),
                class_name="me-auto",
            ),
        ],
        className="d-flex flex-wrap align-items-end gap-3 mb-3",
    )


def _toolbar(writable: bool) -> dbc.Row:
    hidden = "" if writable else "d-none"
    return dbc.Row(
        [
            *filter_columns(FORM_IDS, "Saring tabel: nomor, judul, subjek, rak…", STATUS_OPTIONS),
            dbc.Col(
                html.Div(
                    [
                        dbc.Button(
                            [html.I(className="bi bi-plus-lg me-1"), "Tambah publikasi"],
                            id=ids.ADD,
                            color="primary",
                            className=hidden,
                        ),
                        dbc.Button(
                            [html.I(className="bi bi-upload me-1"), "Impor…"],
                            id=ids.IMPORT_OPEN,
                            color="primary",
                            outline=True,
                            className=hidden,
                        ),
                        dbc.Button(
                            [html.I(className="bi bi-download me-1"), "Unduh CSV"],
                            id=ids.EXPORT_CSV,
                            color="primary",
                            outline=True,
                        ),
                        dbc.Button(
                            [html.I(className="bi bi-file-earmark-spreadsheet me-1"), "Unduh XLSX"],
                            id=ids.EXPORT_XLSX,
                            color="primary",
                            outline=True,
                        ),
                    ],
                    className="d-flex flex-wrap gap-2 justify-content-lg-end",
                ),
                className="ms-auto",
                width="auto",
            ),
        ],
        className="g-2 align-items-center mb-2",
    )


def _switch(name: str, writable: bool) -> html.Div:
    """A format switch; the message of a refused combination shows under it."""
    return html.Div(
        [
            dbc.Switch(
                id=ids.FIELD_IDS[name],
                label=FORMAT_SWITCH_LABELS[name],
                value=False,
                disabled=not writable,
            ),
            html.Div(id=ids.FEEDBACK_IDS[name], className="invalid-feedback d-block"),
        ],
        className="mb-3 pt-md-4" if name == "has_hardcopy" else "mb-3",
    )


def _form(writable: bool) -> list[Component]:
    field = ids.FIELD_IDS
    feedback = ids.FEEDBACK_IDS
    subject_options = [{"label": label, "value": code} for code, label in SUBJECTS.items()]
    return [
        dbc.Row(
            [
                dbc.Col(
                    labeled_field(
                        "Nomor katalog",
                        text_input(field["catalog_number"], writable, maxlength=MAX_CATALOG_NUMBER),
                        feedback["catalog_number"],
                    ),
                    md=4,
                ),
                dbc.Col(
                    labeled_field(
                        "Tahun terbit",
                        text_input(field["year"], writable, inputmode="numeric", maxlength=4),
                        feedback["year"],
                    ),
                    md=2,
                ),
                dbc.Col(
                    labeled_field(
                        "Subjek",
                        dbc.Select(
                            id=field["subject"],
                            options=subject_options,
                            placeholder="Pilih subjek…",
                            disabled=not writable,
                        ),
                        feedback["subject"],
                    ),
                    md=6,
                ),
            ],
            className="g-3",
        ),
        labeled_field(
            "Judul", text_input(field["title"], writable, maxlength=MAX_TITLE), feedback["title"]
        ),
        dbc.Row(
            [
                dbc.Col(
                    labeled_field(
                        "Wilayah",
                        text_input(
                            field["region"],
                            writable,
                            maxlength=MAX_REGION,
                            placeholder="mis. Kabupaten Muara Enim",
                        ),
                        feedback["region"],
                    ),
                    md=6,
                ),
                dbc.Col(
                    labeled_field(
                        "ISBN", text_input(field["isbn"], writable, maxlength=20), feedback["isbn"]
                    ),
                    md=3,
                ),
                dbc.Col(
                    labeled_field(
                        "ISSN", text_input(field["issn"], writable, maxlength=20), feedback["issn"]
                    ),
                    md=3,
                ),
            ],
            className="g-3",
        ),
        html.Fieldset(
            [
                html.Legend("Format", className="fs-6 fw-semibold mb-1"),
                dbc.Row(
                    [
                        dbc.Col(_switch("has_hardcopy", writable), md=4),
                        dbc.Col(
                            labeled_field(
                                "Stok hardcopy (eksemplar)",
                                text_input(
                                    field["hardcopy_stock"],
                                    writable,
                                    inputmode="numeric",
                                    maxlength=6,
                                ),
                                feedback["hardcopy_stock"],
                            ),
                            md=4,
                        ),
                        dbc.Col(
                            labeled_field(
                                "Lokasi rak",
                                text_input(
                                    field["shelf_location"],
                                    writable,
                                    maxlength=MAX_SHELF,
                                    placeholder="mis. R2-03",
                                ),
                                feedback["shelf_location"],
                            ),
                            md=4,
                        ),
                    ],
                    className="g-3",
                ),
                _switch("has_softcopy", writable),
            ],
            className="border rounded px-3 pt-2 mb-3",
        ),
        labeled_field(
            "Catatan",
            dbc.Textarea(id=field["notes"], rows=2, maxlength=MAX_NOTES, disabled=not writable),
            feedback["notes"],
            help_text="Ikut dicari di meja layanan (mis. isi tabel penting, edisi). Enter "
            "menyimpan; Shift+Enter untuk baris baru.",
        ),
    ]


def _form_modal(writable: bool) -> dbc.Modal:
    return form_modal(
        FORM_IDS,
        title="Publikasi",
        toggle_label="Tarik dari katalog",
        fields=_form(writable),
        writable=writable,
    )


def _import_modal() -> dbc.Modal:
    columns = ", ".join(CATALOG_COLUMNS)
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle("Impor katalog")),
            dbc.ModalBody(
                [
                    html.P(
                        [
                            "Berkas CSV (UTF-8, pemisah ; atau ,) atau XLSX dengan kolom: ",
                            html.Span(columns, className="font-monospace small"),
                            ".",
                        ]
                    ),
                    html.P(
                        "Nomor katalog yang sudah ada memperbarui entrinya; nomor baru menambah "
                        "entri. Berkas diperiksa dulu: selama ada satu masalah, tidak ada yang "
                        "diimpor. Berkas dari “Unduh CSV/XLSX” bisa dipakai sebagai contoh.",
                        className="text-muted small",
                    ),
                    dcc.Upload(
                        html.Div(
                            [
                                html.I(className="bi bi-file-earmark-arrow-up fs-3 d-block"),
                                "Seret berkas ke sini, atau ",
                                html.Span("pilih berkas", className="text-primary fw-semibold"),
                                html.Div("CSV atau XLSX, maks. 5 MB", className="small text-muted"),
                            ]
                        ),
                        id=ids.IMPORT_UPLOAD,
                        accept=".csv,.xlsx,text/csv,"
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        max_size=MAX_IMPORT_BYTES,
                        multiple=False,
                        className="border border-2 rounded text-center p-3 mb-3 bg-light",
                        style={"borderStyle": "dashed", "cursor": "pointer"},
                    ),
                    html.Div(id=ids.IMPORT_FILE_NAME, className="mb-2 fw-semibold"),
                    html.Div(id=ids.IMPORT_CHECK),
                    html.Div(id=ids.IMPORT_REPORT),
                    html.Div(id=ids.IMPORT_RESULT),
                ]
            ),
            dbc.ModalFooter(
                [
                    dbc.Button("Tutup", id=ids.IMPORT_CLOSE, color="secondary", outline=True),
                    dbc.Button(
                        [html.I(className="bi bi-box-arrow-in-down me-1"), "Impor"],
                        id=ids.IMPORT_SUBMIT,
                        color="primary",
                        disabled=True,
                    ),
                ]
            ),
        ],
        id=ids.IMPORT_MODAL,
        is_open=False,
        size="xl",
        scrollable=True,
    )


def _build() -> html.Div:
    writable = current_role() in CATALOG_EDITORS
    return html.Div(
        [
            dcc.Store(id=ids.VERSION, data=0),
            dcc.Store(id=ids.EDITING, data={"id": None}),
            dcc.Download(id=ids.DOWNLOAD),
            _header(),
            *admin_notices(
                banner_id=ids.SAMPLE_BANNER,
                read_only_id=ids.READ_ONLY_NOTE,
                read_only_text="Hanya administrator yang dapat mengubah katalog; Anda dapat "
                "melihat dan mengunduhnya.",
                message_id=ids.MESSAGE,
                writable=writable,
            ),
            _toolbar(writable),
            data_grid(
                ids.GRID,
                COLUMNS,
                row_style=RETIRED_ROW_STYLE,
                no_rows_text="Tidak ada publikasi yang cocok",
            ),
            html.Div(
                "Klik satu baris untuk melihat atau mengubah entrinya.",
                className="small text-muted mt-1",
            ),
            _form_modal(writable),
            _import_modal(),
        ],
        id=ids.PAGE,
    )


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, _build)
