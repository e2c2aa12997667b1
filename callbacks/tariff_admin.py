"""Callbacks of *Tarif PNBP*: list the tariffs (and warn while sample tariffs are in force),
add a tariff, end one.

Writes go through ``perform(TARIFF_EDITORS, …)``: only the administrator, whatever the page
shows (403 otherwise). The desk roles read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import in_browser_on_change, perform, read
from dashboard.clock import local_date, utc_now
from dashboard.errors import FORM
from dashboard.pnbp import forms_layout as forms
from dashboard.pnbp import tariff_admin_ids as ids
from dashboard.pnbp.rules import ITEM_UNITS
from dashboard.pnbp.sales_layout import focus_on_open
from dashboard.pnbp.tariffs_layout import end_dialog_text, sample_banner, success_notice
from dashboard.pnbp.tariffs_view import (
    add_tariff_from_form,
    added_text,
    end_tariff_from_form,
    ended_text,
    load_tariff_rows,
    samples_in_force,
    tariff_records,
)
from dashboard.roles import DESK_READERS, TARIFF_EDITORS
from dashboard.ui.forms import disabled_while_running, form_alert
from dashboard.ui.grid import selected_row_id
from dashboard.web.callback_registry import callback
from dashboard.web.context import app_state

FIELDS: tuple[str, ...] = tuple(ids.FIELD_IDS)
TEXT_FIELDS = ("label", "amount", "unit")
"""Enter in these saves the tariff."""


def _today() -> str:
    return local_date(utc_now()).isoformat()


def end_target(selected: object) -> Mapping[str, Any] | None:
    """The selected tariff when it can still be ended (not ended already)."""
    if selected_row_id(selected) is None or not isinstance(selected, list):
        return None
    row = selected[0]
    return row if isinstance(row, Mapping) and not row.get("ended") else None


@callback(
    output={"rows": Output(ids.GRID, "rowData"), "banner": Output(ids.SAMPLE_BANNER, "children")},
    inputs={"_version": Input(ids.VERSION, "data"), "show_all": Input(ids.SHOW_ALL, "value")},
)
def refresh(_version: int | None, show_all: bool | None) -> dict[str, Any]:
    office_id = app_state().office_id
    rows = read(lambda session: load_tariff_rows(session, office_id), DESK_READERS)
    day = local_date(utc_now())
    return {
        "rows": tariff_records(rows, day, bool(show_all)),
        "banner": sample_banner(samples_in_force(rows, day)),
    }


in_browser_on_change(focus_on_open(ids.ITEM_KIND), ids.ADD_MODAL, "is_open", __name__)
in_browser_on_change(focus_on_open(ids.END_ON), ids.END_MODAL, "is_open", __name__)


@callback(Output(ids.END_OPEN, "disabled"), Input(ids.GRID, "selectedRows"))
def end_enabled(selected: object) -> bool:
    return end_target(selected) is None


@callback(
    output={
        "is_open": Output(ids.ADD_MODAL, "is_open"),
        "values": forms.by_field(ids.FIELD_IDS, "value", Output),
        **forms.feedback_outputs(ids.FEEDBACK_IDS, ids.FIELD_IDS, allow_duplicate=True),
        "alert": Output(ids.ADD_ALERT, "children", allow_duplicate=True),
    },
    inputs={"_open": Input(ids.ADD_OPEN, "n_clicks"), "_cancel": Input(ids.ADD_CANCEL, "n_clicks")},
    prevent_initial_call=True,
)
def toggle_add(_open: int | None, _cancel: int | None) -> dict[str, Any]:
    if ctx.triggered_id == ids.ADD_CANCEL:
        unchanged = dict.fromkeys(FIELDS, no_update)
        return {
            "is_open": False,
            "values": unchanged,
            "messages": unchanged,
            "invalid": unchanged,
            "alert": None,
        }
    blank = dict.fromkeys(FIELDS, "") | {"item_kind": None, "valid_from": _today()}
    return {"is_open": True, "values": blank, **forms.named_feedback({}, FIELDS), "alert": None}


@callback(Output(ids.FIELD_IDS["unit"], "placeholder"), Input(ids.FIELD_IDS["item_kind"], "value"))
def unit_hint(kind: str | None) -> str:
    usual = ITEM_UNITS.get(kind or "")
    return f"kosong = {usual}" if usual else "mis. eksemplar"


@callback(
    output={
        **forms.feedback_outputs(ids.FEEDBACK_IDS, ids.FIELD_IDS),
        "alert": Output(ids.ADD_ALERT, "children"),
        "is_open": Output(ids.ADD_MODAL, "is_open", allow_duplicate=True),
        "message": Output(ids.MESSAGE, "children"),
        "version": Output(ids.VERSION, "data"),
    },
    inputs=forms.submit_inputs(ids.ADD_SUBMIT, ids.FIELD_IDS, TEXT_FIELDS),
    state={
        "values": forms.by_field(ids.FIELD_IDS, "value", State),
        "version": State(ids.VERSION, "data"),
    },
    prevent_initial_call=True,
    running=disabled_while_running(ids.ADD_SUBMIT),
)
def add(
    clicks: int | None,
    submits: dict[str, int | None],
    values: dict[str, str | None],
    version: int | None,
) -> dict[str, Any]:
    if not (clicks or any(submits.values())):
        raise PreventUpdate
    outcome = perform(
        TARIFF_EDITORS, lambda session, actor: add_tariff_from_form(session, actor, values)
    )
    if outcome.ok and outcome.value is not None:
        return {
            **forms.named_feedback({}, FIELDS),
            "alert": None,
            "is_open": False,
            "message": success_notice(added_text(outcome.value)),
            "version": (version or 0) + 1,
        }
    return {
        **forms.named_feedback(outcome.errors, FIELDS),
        "alert": form_alert(outcome.errors),
        "is_open": no_update,
        "message": no_update,
        "version": no_update,
    }


@callback(**forms.dialog_toggle(ids.END_DIALOG, ids.GRID))
def toggle_end(_open: int | None, _cancel: int | None, selected: object) -> dict[str, Any]:
    if ctx.triggered_id == ids.END_CANCEL:
        return forms.dialog_closed()
    row = end_target(selected)
    if row is None:
        raise PreventUpdate
    return forms.dialog_opened(selected_row_id(selected), end_dialog_text(row), _today())


@callback(**forms.dialog_submit(ids.END_DIALOG))
def end(
    clicks: int | None,
    submits: int | None,
    target: int | None,
    value: str | None,
    version: int | None,
) -> dict[str, Any]:
    """End the tariff of the dialog (``value``: its last day)."""
    if not (clicks or submits) or target is None:
        raise PreventUpdate
    outcome = perform(
        TARIFF_EDITORS,
        lambda session, actor: end_tariff_from_form(session, actor, target, value),
    )
    if outcome.ok and outcome.value is not None:
        return forms.dialog_done(success_notice(ended_text(outcome.value)), version)
    errors = outcome.errors
    others = {key: text for key, text in errors.items() if key != "valid_to"}
    alert = form_alert({FORM: " ".join(others.values())}) if others else None
    return forms.dialog_refused(errors.get("valid_to", ""), alert)
