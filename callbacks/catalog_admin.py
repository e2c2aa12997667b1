"""Callbacks of *Katalog publikasi*: read the catalog into the grid, open an entry in the form,
save / retire / restore it, check and import a CSV or XLSX file, and export the catalog.

Every write goes through ``perform(CATALOG_EDITORS, …)``: the server refuses it (403) for any
role but the administrator, whatever the page shows. Reads are open to the desk roles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from sqlalchemy.orm import Session

from callbacks.admin_form import (
    AdminFormLogic,
    GridView,
    closed_outputs,
    count_outputs,
    editing_id,
    next_version,
    register_admin_form,
    sample_action,
    sample_notice,
)
from callbacks.common import Outcome, perform, read
from callbacks.file_import import decode_upload, problem_grid, shown_problems_note
from dashboard.audit import Actor
from dashboard.clock import local_date, utc_now
from dashboard.errors import FORM
from dashboard.i18n import format_day, format_number
from dashboard.library import catalog_admin_ids as ids
from dashboard.library.catalog import (
    FORMAT_HARDCOPY,
    FORMAT_SOFTCOPY,
    subject_label,
    validate_publication,
)
from dashboard.library.catalog_io import (
    EXPORT_MEDIA_TYPES,
    ImportSummary,
    ParsedCatalog,
    export_catalog,
    export_filename,
    import_catalog,
)
from dashboard.library.catalog_io import parse_catalog_file as parse_file
from dashboard.library.catalog_service import (
    add_publication,
    retire_sample_publications,
    set_publication_retired,
    update_publication,
)
from dashboard.roles import CATALOG_EDITORS
from dashboard.ui.admin_form_ids import admin_form_ids
from dashboard.ui.forms import field_feedback, form_alert
from dashboard.web.context import app_state, current_role
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


def can_write() -> bool:
    return current_role() in CATALOG_EDITORS


def current_year() -> int:
    return local_date(utc_now()).year


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
    action = None
    if writable:
        action = sample_action(
            ids.SAMPLE_RETIRE,
            ids.SAMPLE_RETIRE_BUTTON,
            "bi-archive",
            f"Tarik {count} entri contoh",
            f"Tarik {count} entri contoh dari katalog? Entri tetap tersimpan dan "
            "dapat dipulihkan satu per satu.",
        )
    return sample_notice(
        ids.SAMPLE_NOTICE,
        "Katalog contoh — ganti dengan katalog kantor Anda.",
        f"{count} entri bertanda “{SAMPLE_TEXT}” adalah data contoh bawaan "
        "aplikasi, bukan koleksi perpustakaan ini. Impor katalog kantor Anda "
        "(CSV/XLSX), lalu tarik entri contoh.",
        action,
    )


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
    done = "ditarik dari katalog" if retire else "dipulihkan ke katalog"
    return closed_outputs(
        outcome,
        lambda publication: f"Publikasi {publication.catalog_number} “{publication.title}” {done}.",
        version,
    )


def set_retired(publication_id: int, retire: bool, version: int | None) -> tuple[Any, ...]:
    outcome = perform(
        CATALOG_EDITORS,
        lambda session, actor: set_publication_retired(session, actor, publication_id, retire),
    )
    return retire_outputs(outcome, retire, version)


def samples_retired_outputs(outcome: Outcome[int], version: int | None) -> tuple[Any, Any]:
    """(version, page message) after retiring every sample entry."""
    return count_outputs(outcome, "entri contoh ditarik dari katalog.", version)


# -- import ---------------------------------------------------------------------------------


def check_outputs(
    filename: str, parsed: ParsedCatalog, existing: set[str]
) -> tuple[Any, Any, Any, bool]:
    """(file name line, check alert, report, import disabled) for a checked file."""
    name_line = [html.I(className="bi bi-file-earmark-text me-1"), filename]
    if parsed.problems:
        count = format_number(len(parsed.problems))
        shown = shown_problems_note(len(parsed.problems))
        alert = dbc.Alert(
            [
                html.Strong(f"Berkas ditolak: {count} masalah. "),
                "Tidak ada yang diimpor. Perbaiki baris-baris di bawah ini, lalu unggah lagi."
                + shown,
            ],
            color="danger",
            className="mb-2",
        )
        return name_line, alert, problem_grid(ids.IMPORT_REPORT_GRID, parsed.problems), True
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


FORM_IDS = admin_form_ids(ids, toggle=ids.RETIRE, sample_action=ids.SAMPLE_RETIRE)


def register(app: Dash) -> None:
    register_admin_form(
        app,
        FORM_IDS,
        AdminFormLogic(
            grid_view=lambda status: grid_view(load_rows(), status, can_write()),
            blank_entry=lambda: FormEntry(None, blank_form(current_year())),
            load_entry=load_entry,
            open_outputs=lambda entry: open_outputs(entry, can_write()),
            save=lambda editing, values, version: save_outputs(
                save_entry(editing, raw_entry(values)), editing_id(editing) is None, version
            ),
            toggle_key="retired",
            toggle=set_retired,
            samples=lambda version: samples_retired_outputs(
                perform(CATALOG_EDITORS, retire_sample_publications), version
            ),
            invalid_fields=TEXT_FIELDS,
            submit_fields=SUBMIT_FIELDS,
            first_field=ids.CATALOG_NUMBER,
        ),
    )

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
