"""Callbacks of *Setoran*: read the undeposited balance, its receipts and the past deposits;
prefill the amount from the ticked receipts; record a deposit.

The deposit goes through ``perform(SALE_WRITERS, …)``: only the treasurer may record one,
whatever the page shows (403 otherwise). Reads are for the treasurer, the head and the
administrator.
"""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import perform, read
from dashboard.clock import local_date, utc_now
from dashboard.errors import FORM
from dashboard.i18n import format_number
from dashboard.pnbp import deposits_ids as ids
from dashboard.pnbp import forms_layout as forms
from dashboard.pnbp.deposits_view import (
    load_deposits_page,
    record_deposit_from_form,
    selected_sales,
    selection_text,
)
from dashboard.roles import RECEIPT_READERS, SALE_WRITERS
from dashboard.ui.forms import disabled_while_running, form_alert
from dashboard.web.callback_registry import callback
from dashboard.web.context import app_state

FIELDS: tuple[str, ...] = tuple(ids.FIELD_IDS)
SUBMIT_FIELDS = ("billing_code", "ntpn", "amount", "note")
"""Enter in these records the deposit; a deposit recorded clears them."""


@callback(
    output={
        "total": Output(ids.BALANCE_TOTAL, "children"),
        "count": Output(ids.BALANCE_COUNT, "children"),
        "age": Output(ids.BALANCE_AGE, "children"),
        "age_color": Output(ids.BALANCE_AGE, "color"),
        "oldest": Output(ids.BALANCE_OLDEST, "children"),
        "undeposited": Output(ids.UNDEPOSITED_GRID, "rowData"),
        "history": Output(ids.HISTORY_GRID, "rowData"),
        "deposited_on": Output(ids.DEPOSITED_ON, "value"),
    },
    inputs={"_version": Input(ids.VERSION, "data")},
)
def refresh(_version: int | None) -> dict[str, Any]:
    today = local_date(utc_now())
    office_id = app_state().office_id
    page = read(lambda session: load_deposits_page(session, office_id, today), RECEIPT_READERS)
    balance = page.balance
    return {
        "total": balance.total,
        "count": balance.count,
        "age": balance.age,
        "age_color": balance.age_color,
        "oldest": balance.oldest,
        "undeposited": page.undeposited,
        "history": page.history,
        "deposited_on": today.isoformat(),
    }


@callback(
    output={
        "summary": Output(ids.SELECTED_SUMMARY, "children"),
        "amount": Output(ids.AMOUNT, "value"),
    },
    inputs={"selected": Input(ids.UNDEPOSITED_GRID, "selectedRows")},
)
def selection(selected: object) -> dict[str, str]:
    sale_ids, total = selected_sales(selected)
    return {
        "summary": selection_text(len(sale_ids), total),
        "amount": format_number(total) if sale_ids else "",
    }


@callback(
    output={
        **forms.feedback_outputs(ids.FEEDBACK_IDS, ids.FIELD_IDS),
        "alert": Output(ids.FORM_ALERT, "children"),
        "message": Output(ids.MESSAGE, "children"),
        "version": Output(ids.VERSION, "data"),
        "cleared": forms.by_field(
            ids.FIELD_IDS, "value", Output, SUBMIT_FIELDS, allow_duplicate=True
        ),
        "selected": Output(ids.UNDEPOSITED_GRID, "selectedRows"),
    },
    inputs=forms.submit_inputs(ids.SUBMIT, ids.FIELD_IDS, SUBMIT_FIELDS),
    state={
        "values": forms.by_field(ids.FIELD_IDS, "value", State),
        "selected": State(ids.UNDEPOSITED_GRID, "selectedRows"),
        "version": State(ids.VERSION, "data"),
    },
    prevent_initial_call=True,
    running=disabled_while_running(ids.SUBMIT, *[ids.FIELD_IDS[name] for name in SUBMIT_FIELDS]),
)
def submit(
    clicks: int | None,
    submits: dict[str, int | None],
    values: dict[str, str | None],
    selected: object,
    version: int | None,
) -> dict[str, Any]:
    if not (clicks or any(submits.values())):
        raise PreventUpdate
    sale_ids, _ = selected_sales(selected)
    outcome = perform(
        SALE_WRITERS,
        lambda session, actor: record_deposit_from_form(session, actor, values, sale_ids),
    )
    errors = outcome.errors
    if outcome.ok and outcome.value is not None:
        return {
            **forms.named_feedback(errors, FIELDS),
            "alert": None,
            "message": form_alert({}, outcome.value),
            "version": (version or 0) + 1,
            "cleared": dict.fromkeys(SUBMIT_FIELDS, ""),
            "selected": [],
        }
    refused = {FORM: errors["sale_ids"]} if "sale_ids" in errors else errors
    return {
        **forms.named_feedback(errors, FIELDS),
        "alert": form_alert(refused),
        "message": no_update,
        "version": no_update,
        "cleared": dict.fromkeys(SUBMIT_FIELDS, no_update),
        "selected": no_update,
    }
