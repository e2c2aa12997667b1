"""Callbacks of *Katalog publikasi*: read the catalog into the grid, open an entry in the form,
save / retire / restore it, check and import a CSV or XLSX file, and export the catalog.

Every write goes through ``perform(CATALOG_EDITORS, …)``: the server refuses it (403) for any
role but the administrator, whatever the page shows. Reads are open to the desk roles.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, Patch, State, ctx, dcc, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from sqlalchemy.orm import Session

from callbacks.common import Outcome, perform, read
from dashboard.catalog import (
    FORMAT_HARDCOPY,
    FORMAT_SOFTCOPY,
    subject_label,
    validate_publication,
)
from dashboard.catalog_io import (
    EXPORT_MEDIA_TYPES,
    ImportProblem,
    ImportSummary,
    ParsedCatalog,
    export_catalog,
    export_filename,
    import_catalog,
)
from dashboard.catalog_io import parse_catalog_file as parse_file
from dashboard.clock import local_date, utc_now
from dashboard.components.forms import field_feedback, form_alert
from dashboard.components.grid import data_grid, selected_row_id
from dashboard.context import app_state, current_role
from dashboard.errors import FORM
from dashboard.i18n import format_day, format_number
from dashboard.ids import catalog_admin as ids
from dashboard.roles import CATALOG_EDITORS
from dashboard.services.audit import Actor
from dashboard.services.catalog import (
    add_publication,
    retire_sample_publications,
    set_publication_retired,
    update_publication,
)
from db.models import Publication
from db.queries.catalog_admin import (
    PublicationListRow,
    catalog_numbers,
    publication_of_office,
    publication_rows,
    publications_for_export,
)

FIELDS: tuple[str, ...] = tuple(ids.FIELD_IDS)
"""The form's fields in page order (= the ``PublicationInput`` field names)."""
SWITCH_FIELDS = ("has_hardcopy", "has_softcopy")
TEXT_FIELDS: tuple[str, ...] = tuple(name for name in FIELDS if name not in SWITCH_FIELDS)
"""Fields with an ``invalid`` state and (but the subject select) Enter to save."""
SUBMIT_FIELDS: tuple[str, ...] = tuple(name for name in TEXT_FIELDS if name != "subject")

STATUS_ACTIVE = "active"
STATUS_RETIRED = "retired"
STATUS_ALL = "all"
FORMAT_SHORT = {FORMAT_HARDCOPY: "Cetak", FORMAT_SOFTCOPY: "PDF"}
SAMPLE_TEXT = "Contoh"
AUTO_HEIGHT_ROWS = 12
"""A report this short is shown whole, without a scroll area."""
MAX_REPORTED_PROBLEMS = 2000
"""A file wrong in every row reports the first ones; fixing those usually fixes the rest."""

FOCUS_FORM = f"""
function (isOpen) {{
    if (!isOpen) {{ return; }}
    var attempts = 0;
    function focusFirst() {{
        var field = document.getElementById("{ids.CATALOG_NUMBER}");
        var modal = field && field.closest(".modal");
        if (!modal || !modal.classList.contains("show")) {{
            if (++attempts < 40) {{ window.setTimeout(focusFirst, 25); }}
            return;
        }}
        var active = document.activeElement;
        if (active && modal.contains(active) && active.matches("input, select, textarea")) {{
            return;
        }}
        if (!field.disabled) {{ field.focus(); field.select(); }}
    }}
    focusFirst();
}}
"""
"""Put the cursor in the first field once the form is shown, unless the user is already in a
field of it."""

FOCUS_INVALID = f"""
function (_alert) {{
    var modal = document.getElementById("{ids.FORM_MODAL}");
    var invalid = modal && modal.querySelector(".is-invalid");
    if (invalid) {{ invalid.focus(); }}
}}
"""
"""After a refused save, put the cursor in the first field marked red."""


def can_write() -> bool:
    return current_role() in CATALOG_EDITORS


def current_year() -> int:
    return local_date(utc_now()).year


def next_version(version: int | None) -> int:
    return (version or 0) + 1


# -- the grid -------------------------------------------------------------------------------


def formats_text(has_hardcopy: bool, has_softcopy: bool) -> str:
    names = [
        FORMAT_SHORT[code]
        for code, held in ((FORMAT_HARDCOPY, has_hardcopy), (FORMAT_SOFTCOPY, has_softcopy))
        if held
    ]
    return " + ".join(names) or "—"


def status_note(row: PublicationListRow) -> str:
    """The status with its date, for the cell's tooltip."""
    if row.retired_at is None:
        return "Aktif: ditemukan di pencarian meja layanan"
    return f"Ditarik sejak {format_day(local_date(row.retired_at))}"


def grid_record(row: PublicationListRow) -> dict[str, Any]:
    """One row of the grid: raw values to sort and filter on, texts as the page shows them."""
    return {
        "id": str(row.id),
        "catalog_number": row.catalog_number,
        "title": row.title,
        "year": row.year,
        "subject_label": subject_label(row.subject),
        "region": row.region or "",
        "formats": formats_text(row.has_hardcopy, row.has_softcopy),
        "stock": row.hardcopy_stock if row.has_hardcopy else None,
        "stock_text": format_number(row.hardcopy_stock) if row.has_hardcopy else "—",
        "shelf_location": row.shelf_location or "",
        "status": "Ditarik" if row.retired_at is not None else "Aktif",
        "status_note": status_note(row),
        "retired": row.retired_at is not None,
        "sample": SAMPLE_TEXT if row.is_sample else "",
        "isbn": row.isbn or "",
        "issn": row.issn or "",
    }


def shown_rows(rows: Sequence[PublicationListRow], status: str | None) -> list[PublicationListRow]:
    if status == STATUS_ALL:
        return list(rows)
    retired = status == STATUS_RETIRED
    return [row for row in rows if (row.retired_at is not None) == retired]


def counts_text(rows: Sequence[PublicationListRow]) -> str:
    retired = sum(1 for row in rows if row.retired_at is not None)
    active = len(rows) - retired
    return f"{format_number(active)} publikasi aktif · {format_number(retired)} ditarik"


def sample_banner(rows: Sequence[PublicationListRow], writable: bool) -> Component | None:
    """The notice that the catalog still holds the sample entries shipped with the app; the
    administrator gets a button to retire them all once the office's own catalog is in."""
    samples = sum(1 for row in rows if row.is_sample and row.retired_at is None)
    if not samples:
        return None
    count = format_number(samples)
    action: list[Component] = []
    if writable:
        action.append(
            dcc.ConfirmDialogProvider(
                dbc.Button(
                    [html.I(className="bi bi-archive me-1"), f"Tarik {count} entri contoh"],
                    id=ids.SAMPLE_RETIRE_BUTTON,
                    color="warning",
                    size="sm",
                ),
                id=ids.SAMPLE_RETIRE,
                message=f"Tarik {count} entri contoh dari katalog? Entri tetap tersimpan dan "
                "dapat dipulihkan satu per satu.",
            )
        )
    return dbc.Alert(
        html.Div(
            [
                html.Div(
                    [
                        html.Div(
                            [
                                html.I(className="bi bi-exclamation-triangle-fill me-2"),
                                html.Strong("Katalog contoh — ganti dengan katalog kantor Anda."),
                            ]
                        ),
                        html.Div(
                            f"{count} entri bertanda “{SAMPLE_TEXT}” adalah data contoh bawaan "
                            "aplikasi, bukan koleksi perpustakaan ini. Impor katalog kantor Anda "
                            "(CSV/XLSX), lalu tarik entri contoh.",
                            className="small mt-1",
                        ),
                    ],
                    className="me-auto",
                ),
                *action,
            ],
            className="d-flex flex-wrap align-items-center gap-2",
        ),
        color="warning",
        id=ids.SAMPLE_NOTICE,
        className="mb-2",
    )


@dataclass(frozen=True)
class GridView:
    records: list[dict[str, Any]]
    counts: str
    banner: Component | None


def grid_view(rows: Sequence[PublicationListRow], status: str | None, writable: bool) -> GridView:
    return GridView(
        records=[grid_record(row) for row in shown_rows(rows, status)],
        counts=counts_text(rows),
        banner=sample_banner(rows, writable),
    )


def load_rows() -> list[PublicationListRow]:
    office_id = app_state().office_id
    return read(lambda session: publication_rows(session, office_id))


# -- the form -------------------------------------------------------------------------------


def blank_form(year: int) -> dict[str, Any]:
    """A new entry: this year, hardcopy ticked, everything else empty."""
    values: dict[str, Any] = dict.fromkeys(FIELDS, "")
    values.update(year=str(year), subject=None, has_hardcopy=True, has_softcopy=False)
    return values


def form_values(publication: Publication) -> dict[str, Any]:
    """The form's values for a stored entry (text fields as text, switches as booleans)."""
    return {
        "catalog_number": publication.catalog_number,
        "title": publication.title,
        "year": str(publication.year),
        "subject": publication.subject,
        "region": publication.region or "",
        "isbn": publication.isbn or "",
        "issn": publication.issn or "",
        "has_hardcopy": bool(publication.has_hardcopy),
        "hardcopy_stock": str(publication.hardcopy_stock),
        "shelf_location": publication.shelf_location or "",
        "has_softcopy": bool(publication.has_softcopy),
        "notes": publication.notes or "",
    }


@dataclass(frozen=True)
class FormEntry:
    """What the form shows when it opens: an entry's values and where it stands."""

    publication_id: int | None
    values: dict[str, Any]
    retired_at_text: str | None = None
    is_sample: bool = False


def load_entry(publication_id: int) -> FormEntry | None:
    office_id = app_state().office_id

    def query(session: Session) -> FormEntry | None:
        publication = publication_of_office(session, office_id, publication_id)
        if publication is None:
            return None
        retired = publication.retired_at
        return FormEntry(
            publication_id=publication.id,
            values=form_values(publication),
            retired_at_text=format_day(local_date(retired)) if retired else None,
            is_sample=bool(publication.is_sample),
        )

    return read(query)


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


def open_outputs(entry: FormEntry, writable: bool) -> tuple[Any, ...]:
    """What opening the form returns: modal open, editing store, title, status, retire
    button (label, colour, shown), alert cleared, field values, messages cleared."""
    editing = entry.publication_id is not None
    retired = entry.retired_at_text is not None
    if not editing:
        title = "Tambah publikasi"
    elif writable:
        title = f"Ubah publikasi {entry.values['catalog_number']}"
    else:
        title = f"Publikasi {entry.values['catalog_number']}"
    retire_label = "Pulihkan ke katalog" if retired else "Tarik dari katalog"
    retire_color = "success" if retired else "danger"
    retire_class = "me-auto" if editing and writable else "me-auto d-none"
    messages, _ = field_feedback({}, FIELDS)
    return (
        True,
        {"id": entry.publication_id, "retired": retired},
        title,
        form_status(entry),
        retire_label,
        retire_color,
        retire_class,
        None,
        *(entry.values[name] for name in FIELDS),
        *messages,
        *(False for _ in TEXT_FIELDS),
    )


def raw_entry(values: Sequence[Any]) -> dict[str, object]:
    """The form's values by field name, as ``validate_publication`` reads them."""
    return dict(zip(FIELDS, values, strict=True))


def editing_id(editing: object) -> int | None:
    if not isinstance(editing, Mapping):
        return None
    value = editing.get("id")
    return value if isinstance(value, int) else None


def save_entry(editing: object, raw: Mapping[str, object]) -> Outcome[Publication]:
    """Validate and store the form's entry, in one transaction, as the administrator."""
    publication_id = editing_id(editing)
    year = current_year()

    def action(session: Session, actor: Actor) -> Publication:
        data = validate_publication(raw, current_year=year)
        if publication_id is None:
            return add_publication(session, actor, data)
        return update_publication(session, actor, publication_id, data)

    return perform(CATALOG_EDITORS, action)


def saved_text(publication: Publication, added: bool) -> str:
    verb = "ditambahkan ke katalog" if added else "disimpan"
    return f"Publikasi {publication.catalog_number} “{publication.title}” {verb}."


def save_outputs(
    outcome: Outcome[Publication], added: bool, version: int | None
) -> tuple[Any, ...]:
    """Messages beside the fields and in the form; on success the form closes, the grid is
    read again and the page says what was saved."""
    messages, _ = field_feedback(outcome.errors, FIELDS)
    _, invalid = field_feedback(outcome.errors, TEXT_FIELDS)
    fields = (*messages, *invalid)
    if not outcome.ok or outcome.value is None:
        return (*fields, form_alert(outcome.errors), no_update, no_update, no_update)
    page_message = form_alert({}, saved_text(outcome.value, added))
    return (*fields, None, False, next_version(version), page_message)


def retire_outputs(
    outcome: Outcome[Publication], retire: bool, version: int | None
) -> tuple[Any, Any, Any, Any]:
    """(form alert, modal open, version, page message) after retiring or restoring."""
    if not outcome.ok or outcome.value is None:
        return form_alert(outcome.errors), no_update, no_update, no_update
    publication = outcome.value
    done = "ditarik dari katalog" if retire else "dipulihkan ke katalog"
    text = f"Publikasi {publication.catalog_number} “{publication.title}” {done}."
    return None, False, next_version(version), form_alert({}, text)


def samples_retired_outputs(outcome: Outcome[int], version: int | None) -> tuple[Any, Any]:
    """(version, page message) after retiring every sample entry."""
    if not outcome.ok:
        return no_update, form_alert(outcome.errors)
    text = f"{format_number(outcome.value or 0)} entri contoh ditarik dari katalog."
    return next_version(version), form_alert({}, text)


# -- import ---------------------------------------------------------------------------------


def decode_upload(contents: object) -> bytes | None:
    """The bytes of a file from ``dcc.Upload`` (a ``data:…;base64,…`` URL); None if none."""
    if not isinstance(contents, str) or "," not in contents:
        return None
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        return None


def report_grid(problems: Sequence[ImportProblem]) -> Component:
    """The validation report: one line per problem (the first ``MAX_REPORTED_PROBLEMS``),
    as a spreadsheet user finds it."""
    records = [
        {
            "id": str(position),
            "row": problem.row,
            "column": problem.column,
            "message": problem.message,
        }
        for position, problem in enumerate(problems[:MAX_REPORTED_PROBLEMS])
    ]
    columns = [
        {"field": "row", "headerName": "Baris", "width": 100, "sort": "asc", "filter": False},
        {"field": "column", "headerName": "Kolom", "width": 200},
        {
            "field": "message",
            "headerName": "Masalah",
            "flex": 1,
            "wrapText": True,
            "autoHeight": True,
            "cellStyle": {"lineHeight": "1.45", "paddingTop": "8px", "paddingBottom": "8px"},
        },
    ]
    return data_grid(
        ids.IMPORT_REPORT_GRID,
        columns,
        row_data=records,
        selectable=False,
        height=None if len(records) <= AUTO_HEIGHT_ROWS else "45vh",
    )


def check_outputs(
    filename: str, parsed: ParsedCatalog, existing: set[str]
) -> tuple[Any, Any, Any, bool]:
    """(file name line, check alert, report, import disabled) for a checked file."""
    name_line = [html.I(className="bi bi-file-earmark-text me-1"), filename]
    if parsed.problems:
        count = format_number(len(parsed.problems))
        shown = ""
        if len(parsed.problems) > MAX_REPORTED_PROBLEMS:
            shown = f" Ditampilkan {format_number(MAX_REPORTED_PROBLEMS)} masalah pertama."
        alert = dbc.Alert(
            [
                html.Strong(f"Berkas ditolak: {count} masalah. "),
                "Tidak ada yang diimpor. Perbaiki baris-baris di bawah ini, lalu unggah lagi."
                + shown,
            ],
            color="danger",
            className="mb-2",
        )
        return name_line, alert, report_grid(parsed.problems), True
    if not parsed.rows:
        alert = dbc.Alert("Berkas tidak berisi baris data.", color="danger")
        return name_line, alert, None, True
    new = sum(1 for row in parsed.rows if row.catalog_number not in existing)
    updated = len(parsed.rows) - new
    alert = dbc.Alert(
        [
            html.Strong(f"Berkas valid: {format_number(len(parsed.rows))} baris. "),
            f"{format_number(new)} entri baru, {format_number(updated)} memperbarui entri "
            "yang sudah ada. Klik “Impor” untuk menyimpan.",
        ],
        color="success",
        className="mb-2",
    )
    return name_line, alert, None, False


def check_file(filename: str, content: bytes) -> tuple[ParsedCatalog, set[str]]:
    """Parse the file and read which of its catalog numbers the office already holds (only
    the administrator may: the read refuses anyone else before the file is parsed)."""
    office_id = app_state().office_id
    existing = read(lambda session: catalog_numbers(session, office_id), CATALOG_EDITORS)
    return parse_file(filename, content, current_year=current_year()), existing


def run_import(filename: str, content: bytes) -> Outcome[ImportSummary]:
    """Parse the same file again on the server and import it, all in one transaction."""
    year = current_year()
    return perform(
        CATALOG_EDITORS,
        lambda session, actor: import_catalog(
            session, actor, parse_file(filename, content, current_year=year)
        ),
    )


def summary_text(summary: ImportSummary) -> str:
    text = (
        f"Impor selesai: {format_number(summary.added)} baru, "
        f"{format_number(summary.updated)} diperbarui"
    )
    if summary.unchanged:
        text += f", {format_number(summary.unchanged)} tidak berubah"
    return text + "."


def import_outputs(outcome: Outcome[ImportSummary], version: int | None) -> tuple[Any, ...]:
    """(check alert, import disabled, upload cleared, version, page message)."""
    if not outcome.ok or outcome.value is None:
        message = outcome.errors.get(FORM) or "; ".join(outcome.errors.values())
        alert = dbc.Alert(
            [html.Strong("Impor dibatalkan, tidak ada yang berubah. "), message],
            color="danger",
        )
        return alert, True, None, no_update, no_update
    text = summary_text(outcome.value)
    alert = dbc.Alert([html.I(className="bi bi-check-circle me-2"), text], color="success")
    return alert, True, None, next_version(version), form_alert({}, text)


# -- export ---------------------------------------------------------------------------------


def export_file(fmt: Literal["csv", "xlsx"]) -> dict[str, Any]:
    office_id = app_state().office_id
    content = read(lambda session: export_catalog(publications_for_export(session, office_id), fmt))
    return dcc.send_bytes(
        content, export_filename(fmt, local_date(utc_now())), type=EXPORT_MEDIA_TYPES[fmt]
    )


# -- callbacks ------------------------------------------------------------------------------


def _field_outputs(prop: str, names: Sequence[str], *, duplicate: bool = False) -> list[Output]:
    return [Output(ids.FIELD_IDS[name], prop, allow_duplicate=duplicate) for name in names]


def _feedback_outputs(*, duplicate: bool = False) -> list[Output]:
    return [
        *[Output(ids.FEEDBACK_IDS[name], "children", allow_duplicate=duplicate) for name in FIELDS],
        *_field_outputs("invalid", TEXT_FIELDS, duplicate=duplicate),
    ]


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.GRID, "rowData"),
        Output(ids.COUNTS, "children"),
        Output(ids.SAMPLE_BANNER, "children"),
        Input(ids.VERSION, "data"),
        Input(ids.STATUS_FILTER, "value"),
    )
    def refresh_grid(_version: int | None, status: str | None) -> tuple[Any, Any, Any]:
        view = grid_view(load_rows(), status, can_write())
        return view.records, view.counts, view.banner

    @app.callback(
        Output(ids.GRID, "dashGridOptions"),
        Input(ids.QUICK_FILTER, "value"),
        prevent_initial_call=True,
    )
    def quick_filter(text: str | None) -> Patch:
        options = Patch()
        options["quickFilterText"] = text or ""
        return options

    @app.callback(
        Output(ids.FORM_MODAL, "is_open"),
        Output(ids.EDITING, "data"),
        Output(ids.FORM_TITLE, "children"),
        Output(ids.FORM_STATUS, "children"),
        Output(ids.RETIRE, "children"),
        Output(ids.RETIRE, "color"),
        Output(ids.RETIRE, "className"),
        Output(ids.FORM_ALERT, "children"),
        *_field_outputs("value", FIELDS),
        *_feedback_outputs(),
        Output(ids.GRID, "selectedRows"),
        Input(ids.ADD, "n_clicks"),
        Input(ids.GRID, "selectedRows"),
        prevent_initial_call=True,
    )
    def open_form(_add: int | None, selected: object) -> tuple[Any, ...]:
        if ctx.triggered_id == ids.ADD:
            entry = FormEntry(None, blank_form(current_year()))
        else:
            publication_id = selected_row_id(selected)
            if publication_id is None:
                raise PreventUpdate
            entry = load_entry(publication_id)
            if entry is None:
                raise PreventUpdate
        # The selection is cleared so that a click on the same row opens it again.
        return (*open_outputs(entry, can_write()), [])

    app.clientside_callback(FOCUS_FORM, Input(ids.FORM_MODAL, "is_open"), prevent_initial_call=True)
    app.clientside_callback(
        FOCUS_INVALID, Input(ids.FORM_ALERT, "children"), prevent_initial_call=True
    )

    @app.callback(
        Output(ids.FORM_MODAL, "is_open", allow_duplicate=True),
        Input(ids.CANCEL, "n_clicks"),
        prevent_initial_call=True,
    )
    def close_form(_clicks: int | None) -> bool:
        return False

    @app.callback(
        *_feedback_outputs(duplicate=True),
        Output(ids.FORM_ALERT, "children", allow_duplicate=True),
        Output(ids.FORM_MODAL, "is_open", allow_duplicate=True),
        Output(ids.VERSION, "data"),
        Output(ids.MESSAGE, "children"),
        Input(ids.SAVE, "n_clicks"),
        *[Input(ids.FIELD_IDS[name], "n_submit") for name in SUBMIT_FIELDS],
        *[State(ids.FIELD_IDS[name], "value") for name in FIELDS],
        State(ids.EDITING, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=[(Output(ids.SAVE, "disabled"), True, False)],
    )
    def save(*args: Any) -> tuple[Any, ...]:
        triggers = args[: 1 + len(SUBMIT_FIELDS)]
        values = args[1 + len(SUBMIT_FIELDS) : 1 + len(SUBMIT_FIELDS) + len(FIELDS)]
        editing, version = args[-2:]
        if not any(triggers):
            raise PreventUpdate
        outcome = save_entry(editing, raw_entry(values))
        return save_outputs(outcome, editing_id(editing) is None, version)

    @app.callback(
        Output(ids.FORM_ALERT, "children", allow_duplicate=True),
        Output(ids.FORM_MODAL, "is_open", allow_duplicate=True),
        Output(ids.VERSION, "data", allow_duplicate=True),
        Output(ids.MESSAGE, "children", allow_duplicate=True),
        Input(ids.RETIRE, "n_clicks"),
        State(ids.EDITING, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=[(Output(ids.RETIRE, "disabled"), True, False)],
    )
    def toggle_retired(clicks: int | None, editing: object, version: int | None) -> tuple:
        publication_id = editing_id(editing)
        if not clicks or publication_id is None:
            raise PreventUpdate
        retire = not (isinstance(editing, Mapping) and editing.get("retired"))
        outcome = perform(
            CATALOG_EDITORS,
            lambda session, actor: set_publication_retired(session, actor, publication_id, retire),
        )
        return retire_outputs(outcome, retire, version)

    @app.callback(
        Output(ids.VERSION, "data", allow_duplicate=True),
        Output(ids.MESSAGE, "children", allow_duplicate=True),
        Input(ids.SAMPLE_RETIRE, "submit_n_clicks"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
    )
    def retire_samples(clicks: int | None, version: int | None) -> tuple[Any, Any]:
        if not clicks:
            raise PreventUpdate
        outcome = perform(CATALOG_EDITORS, retire_sample_publications)
        return samples_retired_outputs(outcome, version)

    @app.callback(
        Output(ids.IMPORT_MODAL, "is_open"),
        Output(ids.IMPORT_FILE_NAME, "children"),
        Output(ids.IMPORT_CHECK, "children"),
        Output(ids.IMPORT_REPORT, "children"),
        Output(ids.IMPORT_SUBMIT, "disabled"),
        Output(ids.IMPORT_UPLOAD, "contents"),
        Input(ids.IMPORT_OPEN, "n_clicks"),
        Input(ids.IMPORT_CLOSE, "n_clicks"),
        prevent_initial_call=True,
    )
    def toggle_import(_open: int | None, _close: int | None) -> tuple[Any, ...]:
        opening = ctx.triggered_id == ids.IMPORT_OPEN
        return opening, None, None, None, True, None

    @app.callback(
        Output(ids.IMPORT_FILE_NAME, "children", allow_duplicate=True),
        Output(ids.IMPORT_CHECK, "children", allow_duplicate=True),
        Output(ids.IMPORT_REPORT, "children", allow_duplicate=True),
        Output(ids.IMPORT_SUBMIT, "disabled", allow_duplicate=True),
        Input(ids.IMPORT_UPLOAD, "contents"),
        State(ids.IMPORT_UPLOAD, "filename"),
        prevent_initial_call=True,
        running=[(Output(ids.IMPORT_UPLOAD, "disabled"), True, False)],
    )
    def check_upload(contents: object, filename: str | None) -> tuple[Any, ...]:
        content = decode_upload(contents)
        if content is None:
            raise PreventUpdate
        name = filename or "berkas"
        parsed, existing = check_file(name, content)
        return check_outputs(name, parsed, existing)

    @app.callback(
        Output(ids.IMPORT_CHECK, "children", allow_duplicate=True),
        Output(ids.IMPORT_SUBMIT, "disabled", allow_duplicate=True),
        Output(ids.IMPORT_UPLOAD, "contents", allow_duplicate=True),
        Output(ids.VERSION, "data", allow_duplicate=True),
        Output(ids.MESSAGE, "children", allow_duplicate=True),
        Input(ids.IMPORT_SUBMIT, "n_clicks"),
        State(ids.IMPORT_UPLOAD, "contents"),
        State(ids.IMPORT_UPLOAD, "filename"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=[
            (Output(ids.IMPORT_SUBMIT, "disabled"), True, False),
            (Output(ids.IMPORT_CLOSE, "disabled"), True, False),
        ],
    )
    def import_file(
        clicks: int | None, contents: object, filename: str | None, version: int | None
    ) -> tuple[Any, ...]:
        content = decode_upload(contents)
        if not clicks or content is None:
            raise PreventUpdate
        return import_outputs(run_import(filename or "berkas", content), version)

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.EXPORT_CSV, "n_clicks"),
        Input(ids.EXPORT_XLSX, "n_clicks"),
        prevent_initial_call=True,
        running=[
            (Output(ids.EXPORT_CSV, "disabled"), True, False),
            (Output(ids.EXPORT_XLSX, "disabled"), True, False),
        ],
    )
    def export(_csv: int | None, _xlsx: int | None) -> dict[str, Any]:
        return export_file("xlsx" if ctx.triggered_id == ids.EXPORT_XLSX else "csv")
