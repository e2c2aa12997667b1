"""Callbacks of *Impor buku tamu*: check an uploaded file (its problems, or its rows as they
will be stored), import it, and hand out the example files.

Checking and importing are the administrator's only: the check reads through
``read(…, GUEST_BOOK_IMPORTERS)`` and the import writes through
``perform(GUEST_BOOK_IMPORTERS, …)``, so the server refuses (403) anyone else. The import
parses the uploaded file again on the server and checks it again inside its transaction.
"""

from __future__ import annotations

from typing import Any, Literal

from dash import Input, Output, State, dcc, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import Outcome, in_browser_on_change, perform, read
from callbacks.file_import import chosen_format, decode_upload, format_buttons, refusal_text
from dashboard.imports import guest_book_import_ids as ids
from dashboard.imports import guest_book_import_layout as layout
from dashboard.imports.guest_book_import import (
    GUEST_BOOK_IMPORTERS,
    GuestBookCheck,
    GuestBookImportSummary,
    check_guest_book,
    import_guest_book,
    summary_text,
)
from dashboard.imports.guest_book_import_view import example_path
from dashboard.ui.forms import disabled_while_running
from dashboard.ui.import_report import file_name_line, problem_grid
from dashboard.web.callback_registry import callback
from dashboard.web.context import app_state, require_role

FOCUS_SUBMIT = f"""
function (disabled) {{
    if (disabled) {{ return; }}
    var button = document.getElementById("{ids.SUBMIT}");
    if (button) {{ button.focus(); }}
}}
"""
"""Once a file checks out, the cursor goes to "Impor": Enter imports it."""


# -- the check ------------------------------------------------------------------------------


def check_outputs(filename: str, check: GuestBookCheck) -> dict[str, Any]:
    """A checked file: its name, the outcome, its problems or its rows as they will be
    stored, whether it may be imported, and no result of an earlier import."""
    rejected = bool(check.problems)
    return {
        "file_name": file_name_line(filename),
        "check": layout.check_alert(check),
        "report": problem_grid(ids.REPORT_GRID, check.problems, column_width=190)
        if rejected
        else None,
        "preview": None if rejected else layout.preview_grid(check),
        "import_disabled": rejected or not check.new_rows,
        "result": None,
    }


@callback(
    output={
        "file_name": Output(ids.FILE_NAME, "children"),
        "check": Output(ids.CHECK, "children"),
        "report": Output(ids.REPORT, "children"),
        "preview": Output(ids.PREVIEW, "children"),
        "import_disabled": Output(ids.SUBMIT, "disabled"),
        "result": Output(ids.RESULT, "children"),
    },
    inputs={"contents": Input(ids.UPLOAD, "contents")},
    state={"filename": State(ids.UPLOAD, "filename")},
    prevent_initial_call=True,
    running=disabled_while_running(ids.UPLOAD),
)
def check_upload(contents: object, filename: str | None) -> dict[str, Any]:
    """The dry run, as the administrator (the read refuses anyone else)."""
    content = decode_upload(contents)
    if content is None:
        raise PreventUpdate
    name = filename or "berkas"
    office_id = app_state().office_id
    check = read(
        lambda session: check_guest_book(session, office_id, name, content),
        GUEST_BOOK_IMPORTERS,
    )
    return check_outputs(name, check)


in_browser_on_change(FOCUS_SUBMIT, ids.SUBMIT, "disabled", __name__)


# -- the import -----------------------------------------------------------------------------


def import_outputs(outcome: Outcome[GuestBookImportSummary]) -> dict[str, Any]:
    """After an import: its outcome, the import disabled, and (once done) the check and the
    preview cleared, with the upload."""
    if not outcome.ok or outcome.value is None:
        return {
            "result": layout.import_refused(refusal_text(outcome.errors)),
            "import_disabled": True,
            "check": no_update,
            "preview": no_update,
            "upload": None,
        }
    return {
        "result": layout.import_done(summary_text(outcome.value)),
        "import_disabled": True,
        "check": None,
        "preview": None,
        "upload": None,
    }


@callback(
    output={
        "result": Output(ids.RESULT, "children", allow_duplicate=True),
        "import_disabled": Output(ids.SUBMIT, "disabled", allow_duplicate=True),
        "check": Output(ids.CHECK, "children", allow_duplicate=True),
        "preview": Output(ids.PREVIEW, "children", allow_duplicate=True),
        "upload": Output(ids.UPLOAD, "contents"),
    },
    inputs={"clicks": Input(ids.SUBMIT, "n_clicks")},
    state={"contents": State(ids.UPLOAD, "contents"), "filename": State(ids.UPLOAD, "filename")},
    prevent_initial_call=True,
    running=disabled_while_running(ids.SUBMIT, ids.UPLOAD),
)
def import_file(clicks: int | None, contents: object, filename: str | None) -> dict[str, Any]:
    content = decode_upload(contents)
    if not clicks or content is None:
        raise PreventUpdate
    name = filename or "berkas"
    outcome = perform(
        GUEST_BOOK_IMPORTERS,
        lambda session, actor: import_guest_book(session, actor, name, content),
    )
    return import_outputs(outcome)


# -- the example files ----------------------------------------------------------------------


def example_file(fmt: Literal["csv", "xlsx"]) -> dict[str, Any]:
    require_role(GUEST_BOOK_IMPORTERS)
    return dcc.send_file(str(example_path(fmt)))


@callback(output=Output(ids.DOWNLOAD, "data"), **format_buttons(ids.EXAMPLE_CSV, ids.EXAMPLE_XLSX))
def download_example(_csv: int | None, _xlsx: int | None) -> dict[str, Any]:
    return example_file(chosen_format(ids.EXAMPLE_XLSX))
