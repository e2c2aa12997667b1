"""Callbacks of *Setoran*: read the undeposited balance, its receipts and the past deposits;
prefill the amount from the ticked receipts; record a deposit.

The deposit goes through ``perform(SALE_WRITERS, …)``: only the treasurer may record one,
whatever the page shows (403 otherwise). Reads are for the treasurer, the head and the
administrator.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import Dash, Input, Output, State, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from sqlalchemy.orm import Session

from callbacks.common import Outcome, perform, read
from dashboard.clock import local_date, utc_now
from dashboard.errors import FORM
from dashboard.i18n import format_clock, format_day, format_number, format_rupiah
from dashboard.pnbp import deposits_ids as ids
from dashboard.pnbp.sales import record_deposit
from dashboard.pnbp.sales_view import (
    age_text,
    balance_view,
    deposit_success,
    method_label,
    parse_form_date,
    selected_sales,
    selection_text,
)
from dashboard.roles import RECEIPT_READERS, SALE_WRITERS
from dashboard.ui.forms import field_feedback, form_alert
from dashboard.web.context import app_state
from db.models import Deposit, Sale
from db.queries.sales import (
    DepositRow,
    Undeposited,
    deposits_between,
    payer_text,
    undeposited,
)

FIELDS: tuple[str, ...] = tuple(ids.FIELD_IDS)
SUBMIT_FIELDS = ("billing_code", "ntpn", "amount", "note")
"""Enter in these records the deposit."""
FIRST_DAY = date(2000, 1, 1)
"""Past deposits are listed from here (all of them: a few a week)."""
SUCCESS_MS = 8000


def undeposited_record(sale: Sale, today: date) -> dict[str, Any]:
    paid_on = local_date(sale.paid_at)
    return {
        "id": str(sale.id),
        "receipt_number": sale.receipt_number,
        "paid": f"{format_day(paid_on)} {format_clock(sale.paid_at)}",
        "paid_iso": sale.paid_at.isoformat(),
        "age": age_text((today - paid_on).days),
        "payer": payer_text(sale),
        "method": method_label(sale.payment_method),
        "total": sale.total,
        "total_text": format_rupiah(sale.total),
    }


def history_record(row: DepositRow) -> dict[str, Any]:
    return {
        "id": str(row.deposit_id),
        "deposited_on": format_day(row.deposited_on),
        "deposited_iso": row.deposited_on.isoformat(),
        "amount": row.amount,
        "amount_text": format_rupiah(row.amount),
        "billing_code": row.billing_code,
        "ntpn": row.ntpn,
        "receipts": row.receipts,
        "note": row.note or "",
    }


def page_outputs(balance: Undeposited, deposits: list[DepositRow], today: date) -> tuple[Any, ...]:
    """What the refresh callback returns, in the order of its outputs."""
    view = balance_view(balance.total, balance.count, balance.oldest_day, balance.age_days)
    return (
        view.total,
        view.count,
        view.age,
        view.age_color,
        view.oldest,
        [undeposited_record(sale, today) for sale in balance.sales],
        [history_record(row) for row in deposits],
    )


def load_page() -> tuple[Any, ...]:
    today = local_date(utc_now())
    office_id = app_state().office_id

    def query(session: Session) -> tuple[Undeposited, list[DepositRow]]:
        return undeposited(session, office_id, today), deposits_between(
            session, office_id, FIRST_DAY, today
        )

    balance, deposits = read(query, RECEIPT_READERS)
    return page_outputs(balance, deposits, today)


def submit_outputs(
    outcome: Outcome[Deposit], receipts: int, version: int | None
) -> tuple[Any, ...]:
    """(messages…, invalid flags…, form alert, page message, version, cleared values…,
    selection)."""
    errors = outcome.errors
    messages, invalid = field_feedback(errors, FIELDS)
    if outcome.ok and outcome.value is not None:
        deposit = outcome.value
        text = deposit_success(deposit.amount, deposit.deposited_on, receipts)
        message: Component = form_alert({}, text)
        cleared = ("", "", "", "")
        return (*messages, *invalid, None, message, (version or 0) + 1, *cleared, [])
    alert = form_alert(errors)
    if "sale_ids" in errors:
        alert = form_alert({FORM: errors["sale_ids"]})
    return (*messages, *invalid, alert, no_update, no_update, *([no_update] * 5))


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.BALANCE_TOTAL, "children"),
        Output(ids.BALANCE_COUNT, "children"),
        Output(ids.BALANCE_AGE, "children"),
        Output(ids.BALANCE_AGE, "color"),
        Output(ids.BALANCE_OLDEST, "children"),
        Output(ids.UNDEPOSITED_GRID, "rowData"),
        Output(ids.HISTORY_GRID, "rowData"),
        Output(ids.DEPOSITED_ON, "value"),
        Input(ids.VERSION, "data"),
    )
    def refresh(_version: int | None) -> tuple[Any, ...]:
        return (*load_page(), local_date(utc_now()).isoformat())

    @app.callback(
        Output(ids.SELECTED_SUMMARY, "children"),
        Output(ids.AMOUNT, "value"),
        Input(ids.UNDEPOSITED_GRID, "selectedRows"),
    )
    def selection(selected: object) -> tuple[str, str]:
        sale_ids, total = selected_sales(selected)
        return selection_text(len(sale_ids), total), format_number(total) if sale_ids else ""

    @app.callback(
        *[Output(ids.FEEDBACK_IDS[name], "children") for name in FIELDS],
        *[Output(ids.FIELD_IDS[name], "invalid") for name in FIELDS],
        Output(ids.FORM_ALERT, "children"),
        Output(ids.MESSAGE, "children"),
        Output(ids.VERSION, "data"),
        *[Output(ids.FIELD_IDS[name], "value", allow_duplicate=True) for name in SUBMIT_FIELDS],
        Output(ids.UNDEPOSITED_GRID, "selectedRows"),
        Input(ids.SUBMIT, "n_clicks"),
        *[Input(ids.FIELD_IDS[name], "n_submit") for name in SUBMIT_FIELDS],
        *[State(ids.FIELD_IDS[name], "value") for name in FIELDS],
        State(ids.UNDEPOSITED_GRID, "selectedRows"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=[
            (Output(ids.SUBMIT, "disabled"), True, False),
            *[(Output(ids.FIELD_IDS[name], "disabled"), True, False) for name in SUBMIT_FIELDS],
        ],
    )
    def submit(clicks, *args: Any) -> tuple[Any, ...]:
        submits = args[: len(SUBMIT_FIELDS)]
        field_values = args[len(SUBMIT_FIELDS) : len(SUBMIT_FIELDS) + len(FIELDS)]
        values = dict(zip(FIELDS, field_values, strict=True))
        selected, version = args[-2:]
        if not (clicks or any(submits)):
            raise PreventUpdate
        sale_ids, _ = selected_sales(selected)
        outcome = perform(
            SALE_WRITERS,
            lambda session, actor: record_deposit(
                session,
                actor,
                deposited_on=parse_form_date(values["deposited_on"]),
                amount=values["amount"],
                billing_code=values["billing_code"],
                ntpn=values["ntpn"],
                sale_ids=sale_ids,
                note=values["note"],
            ),
        )
        return submit_outputs(outcome, len(sale_ids), version)
