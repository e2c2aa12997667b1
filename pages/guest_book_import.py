"""Impor buku tamu: the administrator brings the office's past guest books (Excel or CSV) into
the system. The file is checked first (every problem listed, or the rows shown as they will
be stored); "Impor" then stores them all, or nothing. Rows imported before are skipped."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.imports import guest_book_import_ids as ids
from dashboard.imports.guest_book_import import GUEST_BOOK_IMPORTERS
from dashboard.imports.guest_book_rows import COLUMN_NOTES, COLUMNS
from dashboard.paths import GUEST_BOOK_IMPORT_PATH
from dashboard.ui.access import for_roles

ROLES = sorted(GUEST_BOOK_IMPORTERS)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

dash.register_page(
    __name__,
    path=GUEST_BOOK_IMPORT_PATH,
    name="Impor buku tamu",
    title="Impor buku tamu · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="Admin",
    icon="bi-journal-arrow-up",
    order=23,
    roles=ROLES,
)


def _columns_guide() -> dbc.Accordion:
    rows = [
        html.Tr(
            [
                html.Td(html.Strong(column.header)),
                html.Td(", ".join(column.aliases), className="small text-muted"),
                html.Td("Ya" if column.required else "Tidak"),
                html.Td(COLUMN_NOTES[column.field], className="small"),
            ]
        )
        for column in COLUMNS
    ]
    table = dbc.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th("Kolom"),
                        html.Th("Nama lain yang dikenali"),
                        html.Th("Kolom wajib"),
                        html.Th("Isi"),
                    ]
                )
            ),
            html.Tbody(rows),
        ],
        bordered=False,
        hover=True,
        size="sm",
        responsive=True,
        className="mb-2",
    )
    return dbc.Accordion(
        dbc.AccordionItem(
            [
                html.P(
                    "Nama kolom boleh berhuruf besar/kecil, berspasi atau bertanda baca, dalam "
                    "bahasa Indonesia atau Inggris. Kolom “No.”, “Paraf” dan “Tanda tangan” "
                    "dilewati. Satu baris adalah satu kunjungan.",
                    className="small",
                ),
                table,
            ],
            title="Kolom yang dikenali",
        ),
        id=ids.COLUMNS_GUIDE,
        start_collapsed=True,
        className="mb-3",
    )


def _intro() -> html.Div:
    return html.Div(
        [
            html.P(
                [
                    "Masukkan buku tamu tahun-tahun lalu agar grafik pengunjung, demografi, "
                    "rujukan dan PNBP dimulai dari sana. Kunjungan hasil impor ditandai ",
                    html.Em("impor"),
                    ": tanpa waktu langkah SOP, jadi tidak ikut dihitung dalam waktu layanan.",
                ]
            ),
            html.P(
                "Berkas diperiksa dulu; selama ada satu masalah, tidak ada yang diimpor. Baris "
                "yang sudah pernah diimpor dilewati, jadi berkas yang sama aman diimpor ulang.",
                className="text-muted small",
            ),
            html.Div(
                [
                    dbc.Button(
                        [html.I(className="bi bi-file-earmark-spreadsheet me-1"), "Contoh XLSX"],
                        id=ids.EXAMPLE_XLSX,
                        color="secondary",
                        outline=True,
                        size="sm",
                    ),
                    dbc.Button(
                        [html.I(className="bi bi-filetype-csv me-1"), "Contoh CSV"],
                        id=ids.EXAMPLE_CSV,
                        color="secondary",
                        outline=True,
                        size="sm",
                    ),
                ],
                className="d-flex flex-wrap gap-2 mb-3",
            ),
        ]
    )


def _upload() -> dcc.Upload:
    return dcc.Upload(
        html.Div(
            [
                html.I(className="bi bi-file-earmark-arrow-up fs-3 d-block"),
                "Seret berkas buku tamu ke sini, atau ",
                html.Span("pilih berkas", className="text-primary fw-semibold"),
                html.Div("XLSX atau CSV (UTF-8), maks. 10 MB", className="small text-muted"),
            ]
        ),
        id=ids.UPLOAD,
        accept=f".csv,.xlsx,text/csv,{XLSX_TYPE}",
        max_size=MAX_UPLOAD_BYTES,
        multiple=False,
        className="border border-2 rounded text-center p-3 mb-3 bg-light",
        style={"borderStyle": "dashed", "cursor": "pointer"},
    )


def _build() -> html.Div:
    return html.Div(
        [
            dcc.Download(id=ids.DOWNLOAD),
            html.H1("Impor buku tamu", className="mb-3"),
            _intro(),
            _columns_guide(),
            _upload(),
            html.Div(id=ids.FILE_NAME, className="mb-2 fw-semibold"),
            html.Div(id=ids.CHECK),
            html.Div(id=ids.REPORT),
            html.Div(id=ids.PREVIEW),
            html.Div(
                dbc.Button(
                    [html.I(className="bi bi-box-arrow-in-down me-1"), "Impor"],
                    id=ids.SUBMIT,
                    color="primary",
                    disabled=True,
                ),
                className="d-flex justify-content-end my-3",
            ),
            html.Div(id=ids.RESULT),
        ],
        id=ids.PAGE,
    )


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, _build)
