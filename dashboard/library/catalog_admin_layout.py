"""The layout of *Katalog publikasi*: the page (grid, toolbar, the form and the import in
modals), the sample banner, what the form shows when it opens, and the outcome of checking
and importing a file."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.i18n import format_number
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
from dashboard.library.catalog_admin_view import (
    SAMPLE_TEXT,
    FormEntry,
    active_samples,
    new_and_updated,
)
from dashboard.library.catalog_io import CATALOG_COLUMNS, ParsedCatalog
from dashboard.ui import admin_form as shared
from dashboard.ui.buttons import icon_button, icon_label
from dashboard.ui.dialogs import dialog
from dashboard.ui.forms import labeled_field
from dashboard.ui.grid import NUMBER_FILTER, muted_rows, sample_column
from dashboard.ui.headings import page_heading
from dashboard.ui.import_report import (
    import_button,
    problem_grid,
    shown_problems_note,
    upload_and_check,
)
from db.queries.catalog_admin import PublicationListRow

FORM_IDS = ids.FORM_IDS
MAX_IMPORT_BYTES = 5 * 1024 * 1024
STATUS_OPTIONS = shared.status_options("Ditarik", "retired")
FORMAT_SWITCH_LABELS = {
    name: FORMATS[code]
    for name, code in (("has_hardcopy", FORMAT_HARDCOPY), ("has_softcopy", FORMAT_SOFTCOPY))
}
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
    sample_column("Data contoh bawaan aplikasi"),
    # Not shown, but found by the quick filter.
    {"field": "region", "headerName": "Wilayah", "hide": True},
    {"field": "isbn", "headerName": "ISBN", "hide": True},
    {"field": "issn", "headerName": "ISSN", "hide": True},
]


# -- the grid -------------------------------------------------------------------------------


SAMPLE_TEXTS = shared.SampleTexts(
    headline="Katalog contoh — ganti dengan katalog kantor Anda.",
    text=f"{{count}} entri bertanda “{SAMPLE_TEXT}” adalah data contoh bawaan "
    "aplikasi, bukan koleksi perpustakaan ini. Impor katalog kantor Anda "
    "(CSV/XLSX), lalu tarik entri contoh.",
    icon="bi-archive",
    action="Tarik {count} entri contoh",
    confirm="Tarik {count} entri contoh dari katalog? Entri tetap tersimpan dan "
    "dapat dipulihkan satu per satu.",
)


def sample_banner(rows: Sequence[PublicationListRow], writable: bool) -> Component | None:
    """The notice that the catalog still holds the sample entries shipped with the app; the
    administrator gets a button to retire them all once the office's own catalog is in."""
    return shared.sample_banner(FORM_IDS, active_samples(rows), writable, SAMPLE_TEXTS)


# -- the form -------------------------------------------------------------------------------


def form_status(entry: FormEntry) -> Component | None:
    badges: list[Component] = []
    if entry.retired_at_text:
        badges.append(
            dbc.Badge(f"Ditarik sejak {entry.retired_at_text}", color="secondary", className="me-1")
        )
    elif entry.publication_id is not None:
        badges.append(dbc.Badge("Aktif", color="success", className="me-1"))
    if entry.is_sample:
        badges.append(dbc.Badge("Data contoh", color="warning", text_color="dark"))
    return html.Div(badges) if badges else None


def form_opening(entry: FormEntry, writable: bool) -> shared.FormOpening:
    """The form on ``entry``: its title, status, and the retire (or restore) button."""
    editing = entry.publication_id is not None
    retired = entry.retired_at_text is not None
    if not editing:
        title = "Tambah publikasi"
    elif writable:
        title = f"Ubah publikasi {entry.values['catalog_number']}"
    else:
        title = f"Publikasi {entry.values['catalog_number']}"
    return shared.FormOpening(
        editing={"id": entry.publication_id, "retired": retired},
        title=title,
        status=form_status(entry),
        toggle_label="Pulihkan ke katalog" if retired else "Tarik dari katalog",
        toggle_color="success" if retired else "danger",
        toggle_shown=editing and writable,
        values=entry.values,
    )


# -- import ---------------------------------------------------------------------------------


def check_alert(parsed: ParsedCatalog, existing: set[str]) -> dbc.Alert:
    """The outcome of checking a file: rejected (and why), empty, or what it will do."""
    if parsed.problems:
        count = format_number(len(parsed.problems))
        shown = shown_problems_note(len(parsed.problems))
        return dbc.Alert(
            [
                html.Strong(f"Berkas ditolak: {count} masalah. "),
                "Tidak ada yang diimpor. Perbaiki baris-baris di bawah ini, lalu unggah lagi."
                + shown,
            ],
            color="danger",
            className="mb-2",
        )
    if not parsed.rows:
        return dbc.Alert("Berkas tidak berisi baris data.", color="danger")
    new, updated = new_and_updated(parsed, existing)
    return dbc.Alert(
        [
            html.Strong(f"Berkas valid: {format_number(len(parsed.rows))} baris. "),
            f"{format_number(new)} entri baru, {format_number(updated)} memperbarui entri "
            "yang sudah ada. Klik “Impor” untuk menyimpan.",
        ],
        color="success",
        className="mb-2",
    )


def check_report(parsed: ParsedCatalog) -> Component | None:
    """The grid of a rejected file's problems."""
    return problem_grid(ids.IMPORT_REPORT_GRID, parsed.problems) if parsed.problems else None


def import_refused(message: str) -> dbc.Alert:
    return dbc.Alert(
        [html.Strong("Impor dibatalkan, tidak ada yang berubah. "), message], color="danger"
    )


def import_done(text: str) -> dbc.Alert:
    return dbc.Alert(icon_label("check-circle", text), color="success")


# -- the page -------------------------------------------------------------------------------


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
    actions = html.Div(
        [
            shared.add_button(FORM_IDS, "Tambah publikasi", writable),
            icon_button(
                "Impor…",
                "upload",
                ids.IMPORT_OPEN,
                gap="me-1",
                color="primary",
                outline=True,
                className=hidden,
            ),
            icon_button(
                "Unduh CSV", "download", ids.EXPORT_CSV, gap="me-1", color="primary", outline=True
            ),
            icon_button(
                "Unduh XLSX",
                "file-earmark-spreadsheet",
                ids.EXPORT_XLSX,
                gap="me-1",
                color="primary",
                outline=True,
            ),
        ],
        className="d-flex flex-wrap gap-2 justify-content-lg-end",
    )
    return shared.admin_toolbar(
        FORM_IDS, "Saring tabel: nomor, judul, subjek, rak…", STATUS_OPTIONS, actions
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


def _text_field(label: str, name: str, writable: bool, **kwargs: object) -> html.Div:
    return shared.text_field(label, ids.FIELD_IDS[name], ids.FEEDBACK_IDS[name], writable, **kwargs)


def _form(writable: bool) -> list[Component]:
    subject_options = [{"label": label, "value": code} for code, label in SUBJECTS.items()]
    return [
        dbc.Row(
            [
                dbc.Col(
                    _text_field(
                        "Nomor katalog", "catalog_number", writable, maxlength=MAX_CATALOG_NUMBER
                    ),
                    md=4,
                ),
                dbc.Col(
                    _text_field("Tahun terbit", "year", writable, inputmode="numeric", maxlength=4),
                    md=2,
                ),
                dbc.Col(
                    labeled_field(
                        "Subjek",
                        dbc.Select(
                            id=ids.FIELD_IDS["subject"],
                            options=subject_options,
                            placeholder="Pilih subjek…",
                            disabled=not writable,
                        ),
                        ids.FEEDBACK_IDS["subject"],
                    ),
                    md=6,
                ),
            ],
            className="g-3",
        ),
        _text_field("Judul", "title", writable, maxlength=MAX_TITLE),
        dbc.Row(
            [
                dbc.Col(
                    _text_field(
                        "Wilayah",
                        "region",
                        writable,
                        maxlength=MAX_REGION,
                        placeholder="mis. Kabupaten Muara Enim",
                    ),
                    md=6,
                ),
                dbc.Col(_text_field("ISBN", "isbn", writable, maxlength=20), md=3),
                dbc.Col(_text_field("ISSN", "issn", writable, maxlength=20), md=3),
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
                            _text_field(
                                "Stok hardcopy (eksemplar)",
                                "hardcopy_stock",
                                writable,
                                inputmode="numeric",
                                maxlength=6,
                            ),
                            md=4,
                        ),
                        dbc.Col(
                            _text_field(
                                "Lokasi rak",
                                "shelf_location",
                                writable,
                                maxlength=MAX_SHELF,
                                placeholder="mis. R2-03",
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
            dbc.Textarea(
                id=ids.FIELD_IDS["notes"], rows=2, maxlength=MAX_NOTES, disabled=not writable
            ),
            ids.FEEDBACK_IDS["notes"],
            help_text="Ikut dicari di meja layanan (mis. isi tabel penting, edisi). Enter "
            "menyimpan; Shift+Enter untuk baris baru.",
        ),
    ]


def _import_modal() -> dbc.Modal:
    columns = ", ".join(CATALOG_COLUMNS)
    return dialog(
        ids.IMPORT_MODAL,
        "Impor katalog",
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
                *upload_and_check(
                    ids.IMPORT_UPLOAD,
                    "Seret berkas ke sini, atau ",
                    "CSV atau XLSX, maks. 5 MB",
                    MAX_IMPORT_BYTES,
                    file_name_id=ids.IMPORT_FILE_NAME,
                    check_id=ids.IMPORT_CHECK,
                    report_id=ids.IMPORT_REPORT,
                ),
                html.Div(id=ids.IMPORT_RESULT),
            ]
        ),
        dbc.ModalFooter(
            [
                dbc.Button("Tutup", id=ids.IMPORT_CLOSE, color="secondary", outline=True),
                import_button(ids.IMPORT_SUBMIT),
            ]
        ),
        size="xl",
        scrollable=True,
    )


def catalog_admin_page(writable: bool) -> html.Div:
    """The whole page, read-only for a role that may not write."""
    return shared.admin_list_page(
        FORM_IDS,
        heading=_header(),
        read_only_text="Hanya administrator yang dapat mengubah katalog; Anda dapat "
        "melihat dan mengunduhnya.",
        toolbar=_toolbar(writable),
        columns=COLUMNS,
        row_style=RETIRED_ROW_STYLE,
        no_rows_text="Tidak ada publikasi yang cocok",
        hint="Klik satu baris untuk melihat atau mengubah entrinya.",
        form=shared.form_modal(
            FORM_IDS,
            title="Publikasi",
            toggle_label="Tarik dari katalog",
            fields=_form(writable),
            writable=writable,
        ),
        writable=writable,
        extra_stores=[dcc.Download(id=ids.DOWNLOAD)],
        extra_modals=[_import_modal()],
    )
