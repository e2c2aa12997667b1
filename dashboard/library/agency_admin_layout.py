"""The layout of *Direktori dinas*: the page (grid, toolbar, the form in a modal), the sample
banner, and what the form shows when it opens."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.library import agency_admin_ids as ids
from dashboard.library.agency_admin_view import (
    SAMPLE_TEXT,
    FormEntry,
    active_samples,
)
from dashboard.ui import admin_form as shared
from dashboard.ui.forms import labeled_field
from dashboard.ui.grid import muted_rows, sample_column
from dashboard.ui.headings import page_heading
from db.queries.catalog_admin import AgencyListRow

FORM_IDS = ids.FORM_IDS
STATUS_OPTIONS = shared.status_options("Nonaktif", "inactive")
INACTIVE_ROW_STYLE = muted_rows("params.data && !params.data.active")

COLUMNS = [
    {"field": "name", "headerName": "Nama instansi", "width": 330, "tooltipField": "name"},
    {
        "field": "topics",
        "headerName": "Topik data",
        "flex": 3,
        "minWidth": 260,
        "tooltipField": "topics",
    },
    {
        "field": "address",
        "headerName": "Alamat",
        "flex": 2,
        "minWidth": 200,
        "tooltipField": "address",
    },
    {"field": "phone", "headerName": "Telepon", "width": 140},
    {"field": "email", "headerName": "Email", "width": 190, "tooltipField": "email"},
    {"field": "status", "headerName": "Status", "width": 110},
    sample_column("Data contoh bawaan aplikasi"),
    # Not shown, but found by the quick filter.
    {"field": "website", "headerName": "Situs web", "hide": True},
]


# -- the grid -------------------------------------------------------------------------------


SAMPLE_TEXTS = shared.SampleTexts(
    headline="Direktori contoh — periksa dan ganti dengan data dinas di daerah Anda.",
    text=f"{{count}} instansi bertanda “{SAMPLE_TEXT}” adalah data contoh "
    "bawaan aplikasi. Periksa alamat dan kontaknya sebelum dipakai "
    "untuk rujukan; instansi yang sudah diubah menjadi data kantor Anda.",
    icon="bi-slash-circle",
    action="Nonaktifkan {count} contoh",
    confirm="Nonaktifkan {count} instansi contoh? Instansi itu tidak lagi "
    "disarankan untuk rujukan, dan dapat diaktifkan lagi satu per satu.",
)


def sample_banner(rows: Sequence[AgencyListRow], writable: bool) -> Component | None:
    """The notice that the directory still holds the sample agencies shipped with the app."""
    return shared.sample_banner(FORM_IDS, active_samples(rows), writable, SAMPLE_TEXTS)


# -- the form -------------------------------------------------------------------------------


def form_status(entry: FormEntry) -> Component | None:
    if entry.agency_id is None:
        return None
    badges = [
        dbc.Badge("Aktif", color="success", className="me-1")
        if entry.active
        else dbc.Badge(
            "Nonaktif — tidak disarankan untuk rujukan", color="secondary", className="me-1"
        )
    ]
    if entry.is_sample:
        badges.append(dbc.Badge("Data contoh", color="warning", text_color="dark"))
    return html.Div(badges)


def form_opening(entry: FormEntry, writable: bool) -> shared.FormOpening:
    """The form on ``entry``: its title, status, and the (de)activate button."""
    editing = entry.agency_id is not None
    if not editing:
        title = "Tambah instansi"
    elif writable:
        title = f"Ubah {entry.values['name']}"
    else:
        title = entry.values["name"]
    return shared.FormOpening(
        editing={"id": entry.agency_id, "active": entry.active},
        title=title,
        status=form_status(entry),
        toggle_label="Nonaktifkan" if entry.active else "Aktifkan lagi",
        toggle_color="danger" if entry.active else "success",
        toggle_shown=editing and writable,
        values=entry.values,
    )


# -- the page -------------------------------------------------------------------------------


def _text_field(label: str, name: str, writable: bool, **kwargs: object) -> html.Div:
    return shared.text_field(label, ids.FIELD_IDS[name], ids.FEEDBACK_IDS[name], writable, **kwargs)


def _text_area(label: str, name: str, writable: bool, help_text: str, **kwargs: object) -> html.Div:
    """A text area of the form: Enter starts a new line there."""
    control = dbc.Textarea(
        id=ids.FIELD_IDS[name], disabled=not writable, submit_on_enter=False, **kwargs
    )
    return labeled_field(label, control, ids.FEEDBACK_IDS[name], help_text=help_text)


def _form(writable: bool) -> list[Component]:
    return [
        _text_field(
            "Nama instansi", "name", writable, maxlength=200, placeholder="mis. Dinas Kesehatan"
        ),
        _text_area(
            "Topik data",
            "topics",
            writable,
            "Pisahkan dengan titik koma (;). Dipakai untuk menyarankan rujukan: "
            "kata pada permintaan pengunjung dicocokkan dengan topik ini.",
            rows=3,
            placeholder="mis. kesehatan; puskesmas; gizi",
        ),
        _text_area(
            "Alamat", "address", writable, "Dicetak pada surat rujukan.", rows=2, maxlength=500
        ),
        dbc.Row(
            [
                dbc.Col(
                    _text_field(
                        "Telepon",
                        "phone",
                        writable,
                        type="tel",
                        maxlength=40,
                        placeholder="(0734) 421234",
                    ),
                    md=4,
                ),
                dbc.Col(_text_field("Email", "email", writable, type="email", maxlength=254), md=4),
                dbc.Col(
                    _text_field(
                        "Situs web", "website", writable, maxlength=200, placeholder="https://…"
                    ),
                    md=4,
                ),
            ],
            className="g-3",
        ),
        _text_area(
            "Catatan",
            "notes",
            writable,
            "mis. jam layanan, bagian yang dituju.",
            rows=2,
            maxlength=2000,
        ),
    ]


def agency_admin_page(writable: bool) -> html.Div:
    """The whole page, read-only for a role that may not write."""
    return shared.admin_list_page(
        FORM_IDS,
        heading=page_heading(
            "Direktori dinas",
            "Instansi tujuan rujukan bila data tidak tersedia di BPS (langkah 7).",
            html.Div(id=ids.COUNTS, className="text-muted small"),
        ),
        read_only_text="Hanya administrator yang dapat mengubah direktori; Anda dapat melihatnya.",
        toolbar=shared.admin_toolbar(
            FORM_IDS,
            "Saring tabel: nama, topik, alamat…",
            STATUS_OPTIONS,
            shared.add_button(FORM_IDS, "Tambah instansi", writable),
        ),
        columns=COLUMNS,
        row_style=INACTIVE_ROW_STYLE,
        no_rows_text="Tidak ada instansi yang cocok",
        hint="Klik satu baris untuk melihat atau mengubah datanya.",
        form=shared.form_modal(
            FORM_IDS,
            title="Instansi",
            toggle_label="Nonaktifkan",
            fields=_form(writable),
            writable=writable,
        ),
        writable=writable,
    )
