"""Callbacks of *Penjualan PNBP*: the visits waiting for payment and today's sales (polled),
the sale form (opened for a visit or a walk-in buyer, its lines, live amounts), recording the
sale and its receipt, and voiding a sale.

Every write goes through ``perform(SALE_WRITERS, …)``: the server refuses it (403) for any
role but the treasurer, whatever the page shows. The receipt PDF is never built here: the
page links to ``/kuitansi/<id>.pdf`` (``dashboard.web.receipt_route``), which checks the role.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import ALL, Input, Output, State, ctx, dcc
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.common import in_browser_on_change, perform, read
from dashboard.clock import local_date, utc_now
from dashboard.office.profile_layout import missing_address_notice
from dashboard.paths import parse_id
from dashboard.pnbp import forms_layout as forms
from dashboard.pnbp import sales_ids as ids
from dashboard.pnbp.sales_layout import (
    FOCUS_INVALID_JS,
    FOCUS_JS,
    FORM_STATE,
    WAITING_RELAY,
    closed_form,
    focus_on_open,
    lines_table,
    opened_form,
    publication_results,
    submitted,
    void_dialog_text,
    void_refused,
    void_success,
    waiting_list,
)
from dashboard.pnbp.sales_view import (
    ReceiptAccess,
    SaleForm,
    added_publication,
    edited_lines,
    find_publications,
    form_figures,
    load_sale_form,
    load_sales_lists,
    office_address_missing,
    printed_receipt_file,
    publication_title,
    receipt_of,
    reference_field,
    sale_input,
    typed_lines,
    void_receipt,
)
from dashboard.roles import OFFICE_EDITORS, RECEIPT_READERS, SALE_READERS, SALE_WRITERS
from dashboard.ui.forms import disabled_while_running
from dashboard.ui.grid import selected_row_id
from dashboard.visits.purchase import record_visit_purchase
from dashboard.web.callback_registry import callback, clientside_callback
from dashboard.web.context import app_state, current_role, require_role


def can_write() -> bool:
    return current_role() in SALE_WRITERS


def can_download() -> bool:
    return current_role() in RECEIPT_READERS


def _line_inputs(kind: type[Input] | type[State], prop: str) -> dict[str, Any]:
    """The inputs of every line, by what they hold ('tariff', 'quantity', 'description')."""
    types = {
        "tariff": ids.LINE_TARIFF_TYPE,
        "quantity": ids.LINE_QUANTITY_TYPE,
        "description": ids.LINE_DESCRIPTION_TYPE,
    }
    return {
        name: kind({"type": line_type, "index": ALL}, prop) for name, line_type in types.items()
    }


def _typed_state() -> dict[str, dict[str, State]]:
    """What the lines' inputs hold, with their ids (``sales_view.typed_lines``)."""
    ids_of, values_of = _line_inputs(State, "id"), _line_inputs(State, "value")
    return {name: {"ids": ids_of[name], "values": values_of[name]} for name in ids_of}


# -- the lists (polled) ---------------------------------------------------------------------


@callback(
    output={
        "waiting": Output(ids.WAITING_LIST, "children"),
        "waiting_count": Output(ids.WAITING_COUNT, "children"),
        "today_rows": Output(ids.TODAY_GRID, "rowData"),
        "today_summary": Output(ids.TODAY_SUMMARY, "children"),
        "day": Output(ids.DAY, "children"),
        "interval": Output(ids.REFRESH, "interval"),
    },
    inputs={"_ticks": Input(ids.REFRESH, "n_intervals"), "_version": Input(ids.VERSION, "data")},
)
def refresh(_ticks: int | None, _version: int | None) -> dict[str, Any]:
    require_role(SALE_READERS)
    now = utc_now()
    office_id = app_state().office_id
    access = ReceiptAccess(printable=can_write(), viewable=can_download())
    lists = read(
        lambda session: load_sales_lists(session, office_id, local_date(now), access),
        SALE_READERS,
    )
    return {
        "waiting": waiting_list(lists.waiting, now, can_write()),
        "waiting_count": str(len(lists.waiting)),
        "today_rows": lists.today_rows,
        "today_summary": lists.today_summary,
        "day": lists.day,
        "interval": app_state().settings.refresh_seconds * 1000,
    }


@callback(Output(ids.OFFICE_NOTICE, "children"), Input(ids.VERSION, "data"))
def office_notice(_version: int | None) -> Component | None:
    """The missing-address notice, for those who print receipts."""
    if not can_download():
        return None
    office_id = app_state().office_id
    missing = read(lambda session: office_address_missing(session, office_id), RECEIPT_READERS)
    return missing_address_notice(current_role() in OFFICE_EDITORS) if missing else None


# -- opening the form ----------------------------------------------------------------------

clientside_callback(
    WAITING_RELAY,
    Output(ids.OPEN_REQUEST, "data"),
    Input({"type": ids.WAITING_RECORD_TYPE, "index": ALL}, "n_clicks"),
    module=__name__,
    prevent_initial_call=True,
)


def _opened(visit_id: int | None) -> dict[str, Any]:
    """The form opened for a waiting visit (or a walk-in buyer when ``visit_id`` is None)."""
    now = utc_now()
    office_id = app_state().office_id
    opening = read(
        lambda session: load_sale_form(session, office_id, visit_id, local_date(now)),
        SALE_WRITERS,
    )
    return opened_form(opening, now)


@callback(
    output={name: Output(*spec) for name, spec in FORM_STATE.items()},
    inputs={
        "preset": Input(ids.PRESET_VISIT, "data"),
        "request": Input(ids.OPEN_REQUEST, "data"),
        "walk_in": Input(ids.WALK_IN, "n_clicks"),
        "new": Input(ids.RESULT_NEW, "n_clicks"),
        "cancel": Input(ids.CANCEL, "n_clicks"),
    },
    running=disabled_while_running(ids.WALK_IN),
)
def open_form(
    preset: object, request: object, walk_in: int | None, new: int | None, cancel: int | None
) -> dict[str, Any]:
    trigger = ctx.triggered_id
    if not can_write():
        raise PreventUpdate
    if trigger in {ids.RESULT_NEW, ids.CANCEL}:
        if not (new or cancel):
            raise PreventUpdate
        return closed_form()
    if trigger == ids.WALK_IN:
        if not walk_in:
            raise PreventUpdate
        return _opened(None)
    raw = (
        request.get("visit_id")
        if trigger == ids.OPEN_REQUEST and isinstance(request, Mapping)
        else preset
    )
    visit_id = parse_id(raw)
    if visit_id is None:
        raise PreventUpdate
    return _opened(visit_id)


in_browser_on_change(FOCUS_JS, ids.FOCUS, "data", __name__)
in_browser_on_change(FOCUS_INVALID_JS, ids.FORM_ALERT, "children", __name__)


@callback(
    output={
        "reference_row": Output(ids.PAYMENT_REFERENCE_ROW, "className"),
        "reference_label": Output(ids.PAYMENT_REFERENCE_LABEL, "children"),
        "zero_fields": Output(ids.ZERO_RUPIAH_FIELDS, "className"),
        "methods": Output(ids.PAYMENT_METHOD, "options"),
    },
    inputs={"method": Input(ids.PAYMENT_METHOD, "value"), "zero": Input(ids.ZERO_RUPIAH, "value")},
    state={"options": State(ids.PAYMENT_METHOD, "options")},
)
def payment_fields(
    method: str | None, zero: bool | None, options: list[dict[str, Any]] | None
) -> dict[str, Any]:
    shown, label = reference_field(method, bool(zero))
    return {
        "reference_row": "" if shown else "d-none",
        "reference_label": label,
        "zero_fields": "g-3 mt-1" if zero else "g-3 mt-1 d-none",
        # A zero-rupiah sale pays nothing: the method is recorded as cash and not asked.
        "methods": [{**option, "disabled": bool(zero)} for option in options or []],
    }


@callback(
    output=Output(ids.PUBLICATION_RESULTS, "children"),
    inputs={
        "text": Input(ids.PUBLICATION_SEARCH, "value"),
        "visit": Input(ids.SALE_VISIT, "data"),
        "tariffs": Input(ids.TARIFFS, "data"),
        "lines": Input(ids.LINES, "data"),
    },
    state={"hidden": State(ids.FORM, "hidden")},
)
def search(
    text: str | None,
    visit: object,
    tariffs: dict[str, Any] | None,
    lines: list[dict[str, Any]] | None,
    hidden: bool | None,
) -> Component | None:
    if hidden or not can_write():
        return None
    office_id = app_state().office_id
    visit_id = parse_id(visit)
    found, heading = read(
        lambda session: find_publications(session, office_id, text, visit_id), SALE_WRITERS
    )
    return publication_results(found, heading, tariffs or {}, lines or [])


# -- lines ------------------------------------------------------------------------------------


def _title_of(trigger: object) -> str | None:
    """The line text of the publication whose '+' button was clicked."""
    publication_id = added_publication(trigger)
    if publication_id is None:
        return None
    office_id = app_state().office_id
    return read(lambda session: publication_title(session, office_id, publication_id), SALE_WRITERS)


@callback(
    output={
        "lines": Output(ids.LINES, "data", allow_duplicate=True),
        "next_key": Output(ids.NEXT_LINE_KEY, "data", allow_duplicate=True),
        "table": Output(ids.LINES_TABLE, "children", allow_duplicate=True),
        "feedback": Output(ids.LINES_FEEDBACK, "children", allow_duplicate=True),
        "other_tariff": Output(ids.OTHER_TARIFF, "value", allow_duplicate=True),
    },
    inputs={
        "_adds": Input({"type": ids.PUBLICATION_ADD_TYPE, "index": ALL}, "n_clicks"),
        "_other": Input(ids.OTHER_ADD, "n_clicks"),
        "_removes": Input({"type": ids.LINE_REMOVE_TYPE, "index": ALL}, "n_clicks"),
    },
    state={
        "_add_ids": State({"type": ids.PUBLICATION_ADD_TYPE, "index": ALL}, "id"),
        "lines": State(ids.LINES, "data"),
        "next_key": State(ids.NEXT_LINE_KEY, "data"),
        "tariffs": State(ids.TARIFFS, "data"),
        "other_tariff": State(ids.OTHER_TARIFF, "value"),
        "typed": _typed_state(),
    },
    prevent_initial_call=True,
    running=disabled_while_running(ids.OTHER_ADD),
)
def edit_lines(
    _adds: list[int | None],
    _other: int | None,
    _removes: list[int | None],
    _add_ids: list[dict[str, Any]],
    lines: list[dict[str, Any]] | None,
    next_key: int | None,
    tariffs: dict[str, Any] | None,
    other_tariff: str | None,
    typed: dict[str, dict[str, list[Any]]],
) -> dict[str, Any]:
    # Dash calls this when buttons come or go (new search results, a redrawn table): only
    # a real click (a count) changes the lines.
    if not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    trigger: object = ctx.triggered_id
    current = typed_lines(lines or [], typed)
    edited = edited_lines(
        current, int(next_key or 1), tariffs or {}, trigger, other_tariff, _title_of(trigger)
    )
    if edited is None:
        raise PreventUpdate
    new_lines, new_key = edited
    return {
        "lines": new_lines,
        "next_key": new_key,
        "table": lines_table(new_lines, tariffs or {}),
        "feedback": "",
        "other_tariff": None,
    }


@callback(
    output={
        "unit_prices": Output({"type": ids.LINE_UNIT_PRICE_TYPE, "index": ALL}, "children"),
        "amounts": Output({"type": ids.LINE_AMOUNT_TYPE, "index": ALL}, "children"),
        "total": Output(ids.TOTAL, "children"),
        "total_words": Output(ids.TOTAL_WORDS, "children"),
    },
    inputs={
        "tariff_ids": _line_inputs(Input, "value")["tariff"],
        "quantities": _line_inputs(Input, "value")["quantity"],
        "zero": Input(ids.ZERO_RUPIAH, "value"),
    },
    state={"tariffs": State(ids.TARIFFS, "data")},
)
def figures(
    tariff_ids: list[object],
    quantities: list[object],
    zero: bool | None,
    tariffs: dict[str, Any] | None,
) -> dict[str, Any]:
    shown = form_figures(tariff_ids, quantities, tariffs or {}, bool(zero))
    return {
        "unit_prices": [line.unit_price for line in shown.lines],
        "amounts": [line.amount for line in shown.lines],
        "total": shown.total,
        "total_words": shown.total_words,
    }


# -- recording --------------------------------------------------------------------------------


@callback(
    output={
        "number": Output(ids.RESULT_NUMBER, "children"),
        "total": Output(ids.RESULT_TOTAL, "children"),
        "sale": Output(ids.RESULT_SALE, "data"),
        "form_hidden": Output(ids.FORM, "hidden", allow_duplicate=True),
        "result_hidden": Output(ids.RESULT, "hidden", allow_duplicate=True),
        "lines": Output(ids.LINES, "data", allow_duplicate=True),
        "visit": Output(ids.SALE_VISIT, "data", allow_duplicate=True),
        "alert": Output(ids.FORM_ALERT, "children", allow_duplicate=True),
        **forms.feedback_outputs(ids.FEEDBACK_IDS, ids.FIELD_IDS, ids.INVALID_FIELDS),
        "line_messages": Output({"type": ids.LINE_FEEDBACK_TYPE, "index": ALL}, "children"),
        "lines_feedback": Output(ids.LINES_FEEDBACK, "children", allow_duplicate=True),
        "version": Output(ids.VERSION, "data"),
    },
    inputs=forms.submit_inputs(ids.SUBMIT, ids.FIELD_IDS, ids.SUBMIT_FIELDS),
    state={
        "visit": State(ids.SALE_VISIT, "data"),
        "values": {
            "payer_name": State(ids.PAYER_NAME, "value"),
            "payer_institution": State(ids.PAYER_INSTITUTION, "value"),
            "payment_method": State(ids.PAYMENT_METHOD, "value"),
            "payment_reference": State(ids.PAYMENT_REFERENCE, "value"),
            "zero_rupiah": State(ids.ZERO_RUPIAH, "value"),
            "zero_rupiah_reason": State(ids.ZERO_REASON, "value"),
            "zero_rupiah_letter": State(ids.ZERO_LETTER, "value"),
        },
        "lines": State(ids.LINES, "data"),
        "tariffs": State(ids.TARIFFS, "data"),
        "typed": _typed_state(),
        "version": State(ids.VERSION, "data"),
    },
    prevent_initial_call=True,
    running=disabled_while_running(
        ids.SUBMIT, *[ids.FIELD_IDS[name] for name in ids.SUBMIT_FIELDS]
    ),
)
def submit(
    clicks: int | None,
    submits: dict[str, int | None],
    visit: object,
    values: dict[str, Any],
    lines: list[dict[str, Any]] | None,
    tariffs: dict[str, Any] | None,
    typed: dict[str, dict[str, list[Any]]],
    version: int | None,
) -> dict[str, Any]:
    if not (clicks or any(submits.values())):
        raise PreventUpdate
    merged = typed_lines(lines or [], typed)
    form = SaleForm(**{**values, "zero_rupiah": bool(values["zero_rupiah"])}, lines=merged)
    visit_id = parse_id(visit)
    outcome = perform(
        SALE_WRITERS,
        lambda session, actor: receipt_of(
            record_visit_purchase(session, actor, sale_input(form, tariffs or {}), visit_id)
        ),
    )
    return submitted(outcome.value, outcome.errors, len(merged), version)


# -- printing the receipt ----------------------------------------------------------------------

PRINT_COLUMN = "print_link"


def sale_to_print(triggered: object, clicked_cell: object, recorded: object) -> int | None:
    """The sale the treasurer asked to print: the one just recorded ('Cetak kuitansi'), or
    the row whose receipt cell was clicked in today's sales."""
    if triggered == ids.RESULT_PRINT:
        return parse_id(recorded)
    if isinstance(clicked_cell, Mapping) and clicked_cell.get("colId") == PRINT_COLUMN:
        return parse_id(clicked_cell.get("rowId"))
    return None


@callback(
    Output(ids.RECEIPT_DOWNLOAD, "data"),
    inputs={
        "_clicks": Input(ids.RESULT_PRINT, "n_clicks"),
        "cell": Input(ids.TODAY_GRID, "cellClicked"),
    },
    state={"recorded": State(ids.RESULT_SALE, "data")},
    prevent_initial_call=True,
    running=disabled_while_running(ids.RESULT_PRINT),
)
def print_receipt(_clicks: int | None, cell: object, recorded: object) -> dict[str, Any]:
    """Print a receipt (the treasurer only): counted and audited; the first print is the
    original, later ones SALINAN. Looking at one (``/kuitansi/<id>.pdf``) prints nothing."""
    sale_id = sale_to_print(ctx.triggered_id, cell, recorded)
    looking = ctx.triggered_id == ids.TODAY_GRID and current_role() not in SALE_WRITERS
    if sale_id is None or looking:  # the head's and the admin's cell is a link to look at it
        raise PreventUpdate
    outcome = perform(
        SALE_WRITERS, lambda session, actor: printed_receipt_file(session, actor, sale_id)
    )
    if outcome.value is None:
        raise PreventUpdate
    return dcc.send_bytes(outcome.value.content, outcome.value.filename, type="application/pdf")


# -- voiding ---------------------------------------------------------------------------------


def void_target(selected: object) -> dict[str, Any] | None:
    """The selected row of today's sales when it may be voided."""
    if selected_row_id(selected) is None or not isinstance(selected, list):
        return None
    row = selected[0]
    return row if isinstance(row, Mapping) and row.get("voidable") else None


@callback(Output(ids.VOID_OPEN, "disabled"), Input(ids.TODAY_GRID, "selectedRows"))
def void_enabled(selected: object) -> bool:
    return void_target(selected) is None


@callback(**forms.dialog_toggle(ids.VOID_DIALOG, ids.TODAY_GRID))
def toggle_void(_open: int | None, _cancel: int | None, selected: object) -> dict[str, Any]:
    if ctx.triggered_id == ids.VOID_CANCEL:
        return forms.dialog_closed()
    row = void_target(selected)
    if row is None:
        raise PreventUpdate
    return forms.dialog_opened(parse_id(row["id"]), void_dialog_text(row), "")


in_browser_on_change(focus_on_open(ids.VOID_REASON), ids.VOID_MODAL, "is_open", __name__)


@callback(**forms.dialog_submit(ids.VOID_DIALOG, ids.VOID_REASON))
def void(
    clicks: int | None, submits: int | None, target: object, value: str | None, version: int | None
) -> dict[str, Any]:
    """Void the sale of the dialog (``value``: the reason)."""
    sale_id = parse_id(target)
    if not (clicks or submits) or sale_id is None:
        raise PreventUpdate
    outcome = perform(
        SALE_WRITERS, lambda session, actor: void_receipt(session, actor, sale_id, value)
    )
    if outcome.ok and outcome.value is not None:
        return forms.dialog_done(void_success(outcome.value), version)
    return forms.dialog_refused(outcome.errors.get("void_reason", ""), void_refused(outcome.errors))
