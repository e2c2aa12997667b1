"""Callbacks of *Impor buku tamu*: check an uploaded file (its problems, or its rows as they
will be stored), import it, and hand out the example files.

Checking and importing are the administrator's only: the check reads through
``read(…, GUEST_BOOK_IMPORTERS)`` and the import writes through
``perform(GUEST_BOOK_IMPORTERS, …)``, so the server refuses (403) anyone else. The import
parses the uploaded file again on the server and checks it again inside its transaction.
"""

from __future__ import annotations

from typing import Any, Literal

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.common import Outcome, perform, read
from callbacks.file_import import decode_upload, grid_height, problem_grid, shown_problems_note
from dashboard.config import PROJECT_ROOT
from dashboard.errors import FORM
from dashboard.i18n import format_day, format_number, format_rupiah
from dashboard.imports import guest_book_import_ids as ids
from dashboard.imports.guest_book_import import (
    GUEST_BOOK_IMPORTERS,
    GuestBookCheck,
    GuestBookImportSummary,
    check_guest_book,
    check_text,
    import_guest_book,
    summary_text,
)
from dashboard.imports.guest_book_rows import GuestBookRow
from dashboard.ui.grid import NUMBER_FILTER, data_grid
from dashboard.web.context import app_state, require_role
from db.reference_data import SERVICE_TYPE

EXAMPLES_DIR = PROJECT_ROOT / "examples"
EXAMPLE_STEM = "buku-tamu-contoh"
MAX_PREVIEW_ROWS = 1000
STATUS_NEW = "Baru"
STATUS_EXISTING = "Sudah ada"

FOCUS_SUBMIT = f"""
function (disabled) {{
    if (disabled) {{ return; }}
    var button = document.getElementById("{ids.SUBMIT}");
    if (button) {{ button.focus(); }}
}}
"""
"""Once a file checks out, the cursor goes to "Impor": Enter imports it."""


# -- the check ------------------------------------------------------------------------------


def _found_text(found: bool | None) -> str:
    return {True: "Ya", False: "Tidak", None: ""}[found]


def preview_record(row: GuestBookRow, check: GuestBookCheck, new: bool) -> dict[str, Any]:
    """One row of the file as it will be stored (raw values to sort on, texts to show)."""
    return {
        "id": str(row.row),
        "row": row.row,
        "date": row.visit_date.isoformat(),
        "date_text": format_day(row.visit_date),
        "time": row.visit_time.strftime("%H:%M") if row.visit_time else "",
        "name": row.visitor.name,
        "gender": row.visitor.gender,
        "institution": row.visitor.institution or "",
        "service": check.vocabulary.label(SERVICE_TYPE, row.service_type),
        "request": row.request or "",
        "found": _found_text(row.found),
        "agency": row.referred_agency or "",
        "amount": row.amount or None,
        "amount_text": format_rupiah(row.amount) if row.amount else "",
        "receipt": row.receipt_number or "",
        "status": STATUS_NEW if new else STATUS_EXISTING,
    }


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
    new_rows = {new.row.row for new in check.new_rows}
    rows = check.parsed.rows[:MAX_PREVIEW_ROWS]
    records = [preview_record(row, check, row.row in new_rows) for row in rows]
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


def _check_alert(check: GuestBookCheck) -> dbc.Alert:
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


def check_outputs(filename: str, check: GuestBookCheck) -> tuple[Any, ...]:
    """(file name line, check alert, problems, preview, import disabled, result) of a file."""
    name_line = [html.I(className="bi bi-file-earmark-text me-1"), filename]
    if check.problems:
        report = problem_grid(ids.REPORT_GRID, check.problems, column_width=190)
        return name_line, _check_alert(check), report, None, True, None
    importable = bool(check.new_rows)
    return name_line, _check_alert(check), None, preview_grid(check), not importable, None


def run_check(filename: str, content: bytes) -> GuestBookCheck:
    """The dry run, as the administrator (the read refuses anyone else)."""
    office_id = app_state().office_id
    return read(
        lambda session: check_guest_book(session, office_id, filename, content),
        GUEST_BOOK_IMPORTERS,
    )


# -- the import -----------------------------------------------------------------------------


def run_import(filename: str, content: bytes) -> Outcome[GuestBookImportSummary]:
    return perform(
        GUEST_BOOK_IMPORTERS,
        lambda session, actor: import_guest_book(session, actor, filename, content),
    )


def import_outputs(outcome: Outcome[GuestBookImportSummary]) -> tuple[Any, ...]:
    """(result, import disabled, check alert, preview, upload cleared) after an import."""
    if not outcome.ok or outcome.value is None:
        message = outcome.errors.get(FORM) or "; ".join(outcome.errors.values())
        alert = dbc.Alert(
            [html.Strong("Tidak ada yang diimpor. "), message], color="danger", className="mb-2"
        )
        return alert, True, no_update, no_update, None
    alert = dbc.Alert(
        [html.I(className="bi bi-check-circle me-2"), summary_text(outcome.value)],
        color="success",
        className="mb-2",
    )
    return alert, True, None, None, None


def example_file(fmt: Literal["csv", "xlsx"]) -> dict[str, Any]:
    require_role(GUEST_BOOK_IMPORTERS)
    return dcc.send_file(str(EXAMPLES_DIR / f"{EXAMPLE_STEM}.{fmt}"))


# -- callbacks ------------------------------------------------------------------------------


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.FILE_NAME, "children"),
        Output(ids.CHECK, "children"),
        Output(ids.REPORT, "children"),
        Output(ids.PREVIEW, "children"),
        Output(ids.SUBMIT, "disabled"),
        Output(ids.RESULT, "children"),
        Input(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        prevent_initial_call=True,
        running=[(Output(ids.UPLOAD, "disabled"), True, False)],
    )
    def check_upload(contents: object, filename: str | None) -> tuple[Any, ...]:
        content = decode_upload(contents)
        if content is None:
            raise PreventUpdate
        name = filename or "berkas"
        return check_outputs(name, run_check(name, content))

    app.clientside_callback(FOCUS_SUBMIT, Input(ids.SUBMIT, "disabled"), prevent_initial_call=True)

    @app.callback(
        Output(ids.RESULT, "children", allow_duplicate=True),
        Output(ids.SUBMIT, "disabled", allow_duplicate=True),
        Output(ids.CHECK, "children", allow_duplicate=True),
        Output(ids.PREVIEW, "children", allow_duplicate=True),
        Output(ids.UPLOAD, "contents"),
        Input(ids.SUBMIT, "n_clicks"),
        State(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        prevent_initial_call=True,
        running=[
            (Output(ids.SUBMIT, "disabled"), True, False),
            (Output(ids.UPLOAD, "disabled"), True, False),
        ],
    )
    def import_file(clicks: int | None, contents: object, filename: str | None) -> tuple:
        content = decode_upload(contents)
        if not clicks or content is None:
            raise PreventUpdate
        return import_outputs(run_import(filename or "berkas", content))

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.EXAMPLE_CSV, "n_clicks"),
        Input(ids.EXAMPLE_XLSX, "n_clicks"),
        prevent_initial_call=True,
        running=[
            (Output(ids.EXAMPLE_CSV, "disabled"), True, False),
            (Output(ids.EXAMPLE_XLSX, "disabled"), True, False),
        ],
    )
    def download_example(_csv: int | None, _xlsx: int | None) -> dict[str, Any]:
        return example_file("xlsx" if ctx.triggered_id == ids.EXAMPLE_XLSX else "csv")
