"""Callbacks of *Tarif PNBP*: list the tariffs (and warn while sample tariffs are in force),
add a tariff, end one.

Writes go through ``perform(TARIFF_EDITORS, …)``: only the administrator, whatever the page
shows (403 otherwise). The desk roles read.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, ctx, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.common import Outcome, perform, read
from dashboard.clock import local_date, utc_now
from dashboard.errors import FORM
from dashboard.i18n import format_day, format_number, format_rupiah
from dashboard.pnbp import tariff_admin_ids as ids
from dashboard.pnbp.rules import ITEM_UNITS, validity_text
from dashboard.pnbp.sales_layout import focus_on_open
from dashboard.pnbp.sales_view import (
    SAMPLE_TEXT,
    TariffRow,
    parse_form_date,
    samples_in_force,
    tariff_records,
)
from dashboard.pnbp.tariffs import add_tariff, end_tariff
from dashboard.roles import DESK_READERS, TARIFF_EDITORS
from dashboard.ui.forms import field_feedback, form_alert
from dashboard.ui.grid import selected_row_id
from dashboard.web.context import app_state
from db.models import Tariff
from db.queries.sales import all_tariffs

FIELDS: tuple[str, ...] = tuple(ids.FIELD_IDS)
TEXT_FIELDS = ("label", "amount", "unit")
"""Enter in these saves the tariff."""
SUCCESS_MS = 8000


def today() -> date:
    return local_date(utc_now())


def tariff_row(tariff: Tariff) -> TariffRow:
    return TariffRow(
        tariff.id,
        tariff.item_kind,
        tariff.label,
        tariff.unit,
        tariff.amount,
        tariff.valid_from,
        tariff.valid_to,
        tariff.is_sample,
    )


def load_rows() -> list[TariffRow]:
    office_id = app_state().office_id
    return read(
        lambda session: [tariff_row(t) for t in all_tariffs(session, office_id)], DESK_READERS
    )


def sample_banner(count: int) -> Component | None:
    if not count:
        return None
    return dbc.Alert(
        [
            html.Div(
                [
                    html.I(className="bi bi-exclamation-triangle-fill me-2"),
                    html.Strong("Tarif contoh — isi dengan tarif PNBP yang berlaku."),
                ]
            ),
            html.Div(
                f"{format_number(count)} tarif bertanda “{SAMPLE_TEXT}” adalah tarif contoh bawaan "
                "aplikasi, bukan tarif resmi. Tambahkan tarif sesuai peraturan tarif PNBP yang "
                "berlaku pada BPS, lalu akhiri tarif contoh.",
                className="small mt-1",
            ),
        ],
        color="warning",
        id=ids.SAMPLE_NOTICE,
        className="mb-2",
    )


def end_target(selected: object) -> Mapping[str, Any] | None:
    """The selected tariff when it can still be ended (not ended already)."""
    if selected_row_id(selected) is None or not isinstance(selected, list):
        return None
    row = selected[0]
    return row if isinstance(row, Mapping) and not row.get("ended") else None


def add_outputs(outcome: Outcome[Tariff], version: int | None) -> tuple[Any, ...]:
    """(messages…, invalid flags…, alert, modal open, page message, version)."""
    errors = outcome.errors
    messages, invalid = field_feedback(errors, FIELDS)
    if outcome.ok and outcome.value is not None:
        tariff = outcome.value
        text = (
            f"Tarif “{tariff.label}” {format_rupiah(tariff.amount)} / {tariff.unit} tersimpan, "
            f"berlaku {validity_text(tariff.valid_from, tariff.valid_to)}."
        )
        message = dbc.Alert(text, color="success", duration=SUCCESS_MS)
        return (*messages, *invalid, None, False, message, (version or 0) + 1)
    return (*messages, *invalid, form_alert(errors), no_update, no_update, no_update)


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.GRID, "rowData"),
        Output(ids.SAMPLE_BANNER, "children"),
        Input(ids.VERSION, "data"),
        Input(ids.SHOW_ALL, "value"),
    )
    def refresh(_version: int | None, show_all: bool | None) -> tuple[Any, Any]:
        rows = load_rows()
        day = today()
        return tariff_records(rows, day, bool(show_all)), sample_banner(samples_in_force(rows, day))

    app.clientside_callback(
        focus_on_open(ids.ITEM_KIND), Input(ids.ADD_MODAL, "is_open"), prevent_initial_call=True
    )
    app.clientside_callback(
        focus_on_open(ids.END_ON), Input(ids.END_MODAL, "is_open"), prevent_initial_call=True
    )

    @app.callback(Output(ids.END_OPEN, "disabled"), Input(ids.GRID, "selectedRows"))
    def end_enabled(selected: object) -> bool:
        return end_target(selected) is None

    @app.callback(
        Output(ids.ADD_MODAL, "is_open"),
        *[Output(ids.FIELD_IDS[name], "value") for name in FIELDS],
        *[Output(ids.FEEDBACK_IDS[name], "children", allow_duplicate=True) for name in FIELDS],
        *[Output(ids.FIELD_IDS[name], "invalid", allow_duplicate=True) for name in FIELDS],
        Output(ids.ADD_ALERT, "children", allow_duplicate=True),
        Input(ids.ADD_OPEN, "n_clicks"),
        Input(ids.ADD_CANCEL, "n_clicks"),
        prevent_initial_call=True,
    )
    def toggle_add(_open: int | None, _cancel: int | None) -> tuple[Any, ...]:
        if ctx.triggered_id == ids.ADD_CANCEL:
            return (False, *([no_update] * (3 * len(FIELDS))), None)
        values = {name: "" for name in FIELDS} | {
            "item_kind": None,
            "valid_from": today().isoformat(),
        }
        return (
            True,
            *[values[name] for name in FIELDS],
            *([""] * len(FIELDS)),
            *([False] * len(FIELDS)),
            None,
        )

    @app.callback(
        Output(ids.FIELD_IDS["unit"], "placeholder"), Input(ids.FIELD_IDS["item_kind"], "value")
    )
    def unit_hint(kind: str | None) -> str:
        usual = ITEM_UNITS.get(kind or "")
        return f"kosong = {usual}" if usual else "mis. eksemplar"

    @app.callback(
        *[Output(ids.FEEDBACK_IDS[name], "children") for name in FIELDS],
        *[Output(ids.FIELD_IDS[name], "invalid") for name in FIELDS],
        Output(ids.ADD_ALERT, "children"),
        Output(ids.ADD_MODAL, "is_open", allow_duplicate=True),
        Output(ids.MESSAGE, "children"),
        Output(ids.VERSION, "data"),
        Input(ids.ADD_SUBMIT, "n_clicks"),
        *[Input(ids.FIELD_IDS[name], "n_submit") for name in TEXT_FIELDS],
        *[State(ids.FIELD_IDS[name], "value") for name in FIELDS],
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=[(Output(ids.ADD_SUBMIT, "disabled"), True, False)],
    )
    def add(clicks, *args: Any) -> tuple[Any, ...]:
        submits = args[: len(TEXT_FIELDS)]
        values = dict(zip(FIELDS, args[len(TEXT_FIELDS) : -1], strict=True))
        version = args[-1]
        if not (clicks or any(submits)):
            raise PreventUpdate
        outcome = perform(
            TARIFF_EDITORS,
            lambda session, actor: add_tariff(
                session,
                actor,
                item_kind=values["item_kind"],
                label=values["label"],
                unit=values["unit"],
                amount=values["amount"],
                valid_from=parse_form_date(values["valid_from"]),
                valid_to=parse_form_date(values["valid_to"]),
            ),
        )
        return add_outputs(outcome, version)

    @app.callback(
        Output(ids.END_MODAL, "is_open"),
        Output(ids.END_TARIFF, "data"),
        Output(ids.END_TARIFF_TEXT, "children"),
        Output(ids.END_ON, "value"),
        Output(ids.END_ALERT, "children"),
        Input(ids.END_OPEN, "n_clicks"),
        Input(ids.END_CANCEL, "n_clicks"),
        State(ids.GRID, "selectedRows"),
        prevent_initial_call=True,
    )
    def toggle_end(_open, _cancel, selected: object) -> tuple[Any, ...]:
        if ctx.triggered_id == ids.END_CANCEL:
            return False, None, no_update, no_update, None
        row = end_target(selected)
        if row is None:
            raise PreventUpdate
        text = html.Div(
            [
                html.Div(row["label"], className="fw-semibold"),
                html.Div(f"{row['kind']} · {row['amount_text']} / {row['unit']}"),
                html.Div(f"Berlaku mulai {row['valid_from']}", className="small text-muted"),
            ]
        )
        return True, selected_row_id(selected), text, today().isoformat(), None

    @app.callback(
        Output(ids.END_ON_FEEDBACK, "children"),
        Output(ids.END_ON, "invalid"),
        Output(ids.END_ALERT, "children", allow_duplicate=True),
        Output(ids.END_MODAL, "is_open", allow_duplicate=True),
        Output(ids.MESSAGE, "children", allow_duplicate=True),
        Output(ids.VERSION, "data", allow_duplicate=True),
        Input(ids.END_SUBMIT, "n_clicks"),
        Input(ids.END_ON, "n_submit"),
        State(ids.END_TARIFF, "data"),
        State(ids.END_ON, "value"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=[(Output(ids.END_SUBMIT, "disabled"), True, False)],
    )
    def end(clicks, submits, tariff_id: int | None, last_day: str | None, version):
        if not (clicks or submits) or tariff_id is None:
            raise PreventUpdate
        outcome = perform(
            TARIFF_EDITORS,
            lambda session, actor: end_tariff(session, actor, tariff_id, parse_form_date(last_day)),
        )
        if outcome.ok and outcome.value is not None:
            tariff = outcome.value
            text = (
                f"Tarif “{tariff.label}” berakhir pada {format_day(tariff.valid_to)}."
                if (tariff.valid_to)
                else "Tarif diakhiri."
            )
            message = dbc.Alert(text, color="success", duration=SUCCESS_MS)
            return "", False, None, False, message, (version or 0) + 1
        errors = outcome.errors
        others = {key: text for key, text in errors.items() if key != "valid_to"}
        alert = form_alert({FORM: " ".join(others.values())}) if others else None
        return (
            errors.get("valid_to", ""),
            "valid_to" in errors,
            alert,
            no_update,
            no_update,
            no_update,
        )
