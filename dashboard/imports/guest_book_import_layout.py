"""The layout of *Impor buku tamu*: the page (the column guide, the example files, the upload,
the check and the import), the preview of a checked file's rows, and the outcomes of the
check and of the import."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.i18n import format_number
from dashboard.imports import guest_book_import_ids as ids
from dashboard.imports.guest_book_import import GuestBookCheck, check_text
from dashboard.imports.guest_book_import_view import MAX_PREVIEW_ROWS, preview_records
from dashboard.imports.guest_book_rows import COLUMN_NOTES, COLUMNS
from dashboard.ui.buttons import icon_label, small_button
from dashboard.ui.grid import NUMBER_FILTER, data_grid
from dashboard.ui.import_report import (
    grid_height,
    import_button,
    shown_problems_note,
    upload_and_check,
)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


# -- the check ------------------------------------------------------------------------------


PREVIEW_COLUMNS = [
    {"field": "row", "headerName": "Baris", "width": 90, "filter": NUMBER_FILTER},
    {
        "field": "date",
        "headerName": "Tanggal",
        "width": 125,
        "valueFormatter": {"function": "params.data ? params.data.date_text : ''"},
    },
    {
        "field": "time",
        "headerName": "Jam",
        "width": 90,
        "headerTooltip": "Kosong: dicatat pukul 09:00",
    },
    {"field": "name", "headerName": "Nama", "width": 190, "tooltipField": "name"},
    {"field": "gender", "headerName": "L/P", "width": 80},
    {"field": "institution", "headerName": "Instansi", "width": 200, "tooltipField": "institution"},
    {"field": "service", "headerName": "Jenis layanan", "width": 190},
    {"field": "request", "headerName": "Data yang dicari", "width": 260, "tooltipField": "request"},
    {"field": "found", "headerName": "Ditemukan", "width": 115},
    {"field": "agency", "headerName": "Dinas rujukan", "width": 170, "tooltipField": "agency"},
    {
        "field": "amount",
        "headerName": "Pembelian",
        "width": 130,
        "type": "rightAligned",
        "filter": NUMBER_FILTER,
        "valueFormatter": {"function": "params.data ? params.data.amount_text : ''"},
    },
    {"field": "receipt", "headerName": "No. kuitansi", "width": 150},
    {"field": "status", "headerName": "Status", "width": 110, "pinned": "right"},
]


def preview_grid(check: GuestBookCheck) -> Component:
    """The file's rows (the first ``MAX_PREVIEW_ROWS``), each marked new or already there."""
    records = preview_records(check)
    children: list[Component] = [
        data_grid(
            ids.PREVIEW_GRID,
            PREVIEW_COLUMNS,
            row_data=records,
            selectable=False,
            height=grid_height(len(records)),
        )
    ]
    if len(check.parsed.rows) > MAX_PREVIEW_ROWS:
        children.append(
            html.Div(
                f"Ditampilkan {format_number(MAX_PREVIEW_ROWS)} baris pertama dari "
                f"{format_number(len(check.parsed.rows))}.",
                className="small text-muted mt-1",
            )
        )
    return html.Div(children)


def check_alert(check: GuestBookCheck) -> dbc.Alert:
    if check.problems:
        shown = shown_problems_note(len(check.problems))
        return dbc.Alert(
            [
                html.Strong(check_text(check) + " "),
                "Perbaiki baris-baris di bawah ini, lalu unggah lagi." + shown,
            ],
            color="danger",
            className="mb-2",
        )
    if not check.new_rows:
        return dbc.Alert(
            [
                html.Strong(check_text(check) + " "),
                "Semua baris sudah pernah diimpor; tidak ada yang baru.",
            ],
            color="info",
            className="mb-2",
        )
    return dbc.Alert(
        [html.Strong(check_text(check) + " "), "Periksa baris di bawah, lalu klik “Impor”."],
        color="success",
        className="mb-2",
    )


def import_refused(message: str) -> dbc.Alert:
    return dbc.Alert(
        [html.Strong("Tidak ada yang diimpor. "), message], color="danger", className="mb-2"
    )


def import_done(text: str) -> dbc.Alert:
    return dbc.Alert(icon_label("check-circle", text), color="success", className="mb-2")


# -- the page -------------------------------------------------------------------------------


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
                    small_button(
                        "Contoh XLSX",
                        "file-earmark-spreadsheet",
                        ids.EXAMPLE_XLSX,
                        "secondary",
                        outline=True,
                    ),
                    small_button(
                        "Contoh CSV", "filetype-csv", ids.EXAMPLE_CSV, "secondary", outline=True
                    ),
                ],
                className="d-flex flex-wrap gap-2 mb-3",
            ),
        ]
    )


def guest_book_import_page() -> html.Div:
    """The whole page (the administrator's only)."""
    return html.Div(
        [
            dcc.Download(id=ids.DOWNLOAD),
            html.H1("Impor buku tamu", className="mb-3"),
            _intro(),
            _columns_guide(),
            *upload_and_check(
                ids.UPLOAD,
                "Seret berkas buku tamu ke sini, atau ",
                "XLSX atau CSV (UTF-8), maks. 10 MB",
                MAX_UPLOAD_BYTES,
                file_name_id=ids.FILE_NAME,
                check_id=ids.CHECK,
                report_id=ids.REPORT,
            ),
            html.Div(id=ids.PREVIEW),
            html.Div(
                import_button(ids.SUBMIT),
                className="d-flex justify-content-end my-3",
            ),
            html.Div(id=ids.RESULT),
        ],
        id=ids.PAGE,
    )
