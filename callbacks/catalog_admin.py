"""Callbacks of *Katalog publikasi*: read the catalog into the grid, open an entry in the form,
save / retire / restore it (the shared ``callbacks.admin_form``), check and import a CSV or
XLSX file, and export the catalog.

Every write goes through ``perform(CATALOG_EDITORS, …)``: the server refuses it (403) for any
role but the administrator, whatever the page shows. Reads are open to the desk roles.
"""

from __future__ import annotations

from typing import Any, Literal

from dash import Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from callbacks.admin_form import AdminList, admin_form_callbacks, next_version
from callbacks.common import Outcome, perform, read
from callbacks.file_import import chosen_format, decode_upload, format_buttons, refusal_text
from dashboard.clock import local_date, utc_now
from dashboard.library import catalog_admin_ids as ids
from dashboard.library import catalog_admin_layout as layout
from dashboard.library import catalog_admin_view as view
from dashboard.library.catalog_io import (
    EXPORT_MEDIA_TYPES,
    ImportSummary,
    ParsedCatalog,
    export_filename,
)
from dashboard.library.catalog_service import retire_sample_publications
from dashboard.roles import CATALOG_EDITORS
from dashboard.ui.forms import disabled_while_running, form_alert
from dashboard.ui.import_report import file_name_line
from dashboard.web.callback_registry import callback
from dashboard.web.context import app_state

CATALOG = AdminList.of(
    ids.FORM_IDS,
    CATALOG_EDITORS,
    view,
    layout,
    toggle_key="retired",
    toggle=view.set_retired,
    samples=retire_sample_publications,
    samples_done=view.SAMPLES_RETIRED,
    invalid_fields=view.TEXT_FIELDS,
    submit_fields=view.SUBMIT_FIELDS,
    first_field=ids.CATALOG_NUMBER,
)
"""The grid and the form (shared with the other directory pages: ``callbacks.admin_form``)."""
CALLBACKS = admin_form_callbacks(CATALOG, __name__)


# -- import ---------------------------------------------------------------------------------


@callback(
    output={
        "is_open": Output(ids.IMPORT_MODAL, "is_open"),
        "file_name": Output(ids.IMPORT_FILE_NAME, "children"),
        "check": Output(ids.IMPORT_CHECK, "children"),
        "report": Output(ids.IMPORT_REPORT, "children"),
        "import_disabled": Output(ids.IMPORT_SUBMIT, "disabled"),
        "upload": Output(ids.IMPORT_UPLOAD, "contents"),
    },
    inputs={
        "_open": Input(ids.IMPORT_OPEN, "n_clicks"),
        "_close": Input(ids.IMPORT_CLOSE, "n_clicks"),
    },
    prevent_initial_call=True,
)
def toggle_import(_open: int | None, _close: int | None) -> dict[str, Any]:
    """Open or close the import, with nothing checked in it."""
    return {
        "is_open": ctx.triggered_id == ids.IMPORT_OPEN,
        "file_name": None,
        "check": None,
        "report": None,
        "import_disabled": True,
        "upload": None,
    }


def check_outputs(filename: str, parsed: ParsedCatalog, existing: set[str]) -> dict:
    """A checked file: its name, the outcome of the check, the report of its problems, and
    whether it may be imported."""
    return {
        "file_name": file_name_line(filename),
        "check": layout.check_alert(parsed, existing),
        "report": layout.check_report(parsed),
        "import_disabled": bool(parsed.problems) or not parsed.rows,
    }


@callback(
    output={
        "file_name": Output(ids.IMPORT_FILE_NAME, "children", allow_duplicate=True),
        "check": Output(ids.IMPORT_CHECK, "children", allow_duplicate=True),
        "report": Output(ids.IMPORT_REPORT, "children", allow_duplicate=True),
        "import_disabled": Output(ids.IMPORT_SUBMIT, "disabled", allow_duplicate=True),
    },
    inputs={"contents": Input(ids.IMPORT_UPLOAD, "contents")},
    state={"filename": State(ids.IMPORT_UPLOAD, "filename")},
    prevent_initial_call=True,
    running=disabled_while_running(ids.IMPORT_UPLOAD),
)
def check_upload(contents: object, filename: str | None) -> dict[str, Any]:
    """Read which catalog numbers the office already holds (only the administrator may: the
    read refuses anyone else before the file is parsed), then check the file."""
    content = decode_upload(contents)
    if content is None:
        raise PreventUpdate
    name = filename or "berkas"
    office_id = app_state().office_id
    existing = read(lambda session: view.existing_numbers(session, office_id), CATALOG_EDITORS)
    return check_outputs(name, view.parse_file(name, content), existing)


def import_outputs(outcome: Outcome[ImportSummary], version: int | None) -> dict[str, Any]:
    """After an import: its outcome in the dialog (which cannot import again until a file is
    checked), and on success the grid read again and the summary on the page."""
    if not outcome.ok or outcome.value is None:
        return {
            "check": layout.import_refused(refusal_text(outcome.errors)),
            "import_disabled": True,
            "upload": None,
            "version": no_update,
            "message": no_update,
        }
    text = view.summary_text(outcome.value)
    return {
        "check": layout.import_done(text),
        "import_disabled": True,
        "upload": None,
        "version": next_version(version),
        "message": form_alert({}, text),
    }


@callback(
    output={
        "check": Output(ids.IMPORT_CHECK, "children", allow_duplicate=True),
        "import_disabled": Output(ids.IMPORT_SUBMIT, "disabled", allow_duplicate=True),
        "upload": Output(ids.IMPORT_UPLOAD, "contents", allow_duplicate=True),
        "version": Output(ids.VERSION, "data", allow_duplicate=True),
        "message": Output(ids.MESSAGE, "children", allow_duplicate=True),
    },
    inputs={"clicks": Input(ids.IMPORT_SUBMIT, "n_clicks")},
    state={
        "contents": State(ids.IMPORT_UPLOAD, "contents"),
        "filename": State(ids.IMPORT_UPLOAD, "filename"),
        "version": State(ids.VERSION, "data"),
    },
    prevent_initial_call=True,
    running=disabled_while_running(ids.IMPORT_SUBMIT, ids.IMPORT_CLOSE),
)
def import_file(
    clicks: int | None, contents: object, filename: str | None, version: int | None
) -> dict[str, Any]:
    """Parse the same file again on the server and import it, all in one transaction."""
    content = decode_upload(contents)
    if not clicks or content is None:
        raise PreventUpdate
    name = filename or "berkas"
    outcome = perform(
        CATALOG_EDITORS, lambda session, actor: view.import_file(session, actor, name, content)
    )
    return import_outputs(outcome, version)


# -- export ---------------------------------------------------------------------------------


def export_file(fmt: Literal["csv", "xlsx"]) -> dict[str, Any]:
    office_id = app_state().office_id
    content = read(lambda session: view.export_content(session, office_id, fmt))
    return dcc.send_bytes(
        content, export_filename(fmt, local_date(utc_now())), type=EXPORT_MEDIA_TYPES[fmt]
    )


@callback(output=Output(ids.DOWNLOAD, "data"), **format_buttons(ids.EXPORT_CSV, ids.EXPORT_XLSX))
def export(_csv: int | None, _xlsx: int | None) -> dict[str, Any]:
    return export_file(chosen_format(ids.EXPORT_XLSX))
