"""What the administrator's directory pages (*Katalog publikasi*, *Direktori dinas*) share: a
grid read again whenever a version store is bumped, a form in a modal that opens on "Tambah"
or on a row, saves with Enter, switches its entry off or on, and a banner action for the
sample entries shipped with the app.

Each page gives its ids as an ``AdminFormIds`` and its own logic (reading, validating, the
texts it shows) as an ``AdminFormLogic``; ``register_admin_form`` wires the callbacks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, Patch, State, ctx, dcc, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.common import Outcome
from dashboard.i18n import format_number
from dashboard.ui.admin_form_ids import AdminFormIds
from dashboard.ui.forms import form_alert
from dashboard.ui.grid import selected_row_id

E = TypeVar("E")


def focus_form_script(first_field_id: str) -> str:
    """Put the cursor in the first field once the form is shown, unless the user is already
    in a field of it."""
    return f"""
function (isOpen) {{
    if (!isOpen) {{ return; }}
    var attempts = 0;
    function focusFirst() {{
        var field = document.getElementById("{first_field_id}");
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


def focus_invalid_script(modal_id: str) -> str:
    """After a refused save, put the cursor in the first field marked red."""
    return f"""
function (_alert) {{
    var modal = document.getElementById("{modal_id}");
    var invalid = modal && modal.querySelector(".is-invalid");
    if (invalid) {{ invalid.focus(); }}
}}
"""


def next_version(version: int | None) -> int:
    return (version or 0) + 1


def editing_id(editing: object) -> int | None:
    """The id of the entry in the form (the editing store), or None for a new one."""
    if not isinstance(editing, Mapping):
        return None
    value = editing.get("id")
    return value if isinstance(value, int) else None


@dataclass(frozen=True)
class GridView:
    records: list[dict[str, Any]]
    counts: str
    banner: Component | None


def sample_action(
    confirm_id: str, button_id: str, icon: str, label: str, message: str
) -> Component:
    """The banner's button that acts on every sample entry, after a confirm dialog."""
    return dcc.ConfirmDialogProvider(
        dbc.Button(
            [html.I(className=f"bi {icon} me-1"), label],
            id=button_id,
            color="warning",
            size="sm",
        ),
        id=confirm_id,
        message=message,
    )


def sample_notice(notice_id: str, headline: str, text: str, action: Component | None) -> Component:
    """The warning that the page still holds the sample entries shipped with the app."""
    return dbc.Alert(
        html.Div(
            [
                html.Div(
                    [
                        html.Div(
                            [
                                html.I(className="bi bi-exclamation-triangle-fill me-2"),
                                html.Strong(headline),
                            ]
                        ),
                        html.Div(text, className="small mt-1"),
                    ],
                    className="me-auto",
                ),
                *([action] if action is not None else []),
            ],
            className="d-flex flex-wrap align-items-center gap-2",
        ),
        color="warning",
        id=notice_id,
        className="mb-2",
    )


def closed_outputs(
    outcome: Outcome[Any], text: Callable[[Any], str], version: int | None
) -> tuple[Any, Any, Any, Any]:
    """(form alert, modal open, version, page message) after an action of the form: the
    refusal in the form, or the form closed, the grid read again and ``text(value)``."""
    if not outcome.ok or outcome.value is None:
        return form_alert(outcome.errors), no_update, no_update, no_update
    return None, False, next_version(version), form_alert({}, text(outcome.value))


def count_outputs(outcome: Outcome[int], text: str, version: int | None) -> tuple[Any, Any]:
    """(version, page message) after an action on every sample entry; ``text`` follows the
    number of entries it changed."""
    if not outcome.ok:
        return no_update, form_alert(outcome.errors)
    return next_version(version), form_alert({}, f"{format_number(outcome.value or 0)} {text}")


@dataclass(frozen=True)
class AdminFormLogic(Generic[E]):
    """What one page does at each step; each returns what its callback outputs."""

    grid_view: Callable[[str | None], GridView]
    blank_entry: Callable[[], E]
    load_entry: Callable[[int], E | None]
    open_outputs: Callable[[E], tuple[Any, ...]]
    save: Callable[[object, Sequence[Any], int | None], tuple[Any, ...]]
    """(editing store, field values, version) → save outputs."""
    toggle_key: str
    """The editing store's flag the toggle button switches ("active", "retired")."""
    toggle: Callable[[int, bool, int | None], tuple[Any, ...]]
    """(entry id, new flag, version) → (form alert, modal open, version, page message)."""
    samples: Callable[[int | None], tuple[Any, Any]]
    invalid_fields: tuple[str, ...]
    """The fields with an ``invalid`` state (not the switches)."""
    submit_fields: tuple[str, ...]
    """The single-line fields: Enter in them saves."""
    first_field: str
    """The id of the field the cursor goes to when the form opens."""


def feedback_outputs(
    ids: AdminFormIds, invalid_fields: Sequence[str], *, duplicate: bool = False
) -> list[Output]:
    return [
        *[
            Output(ids.feedback_ids[name], "children", allow_duplicate=duplicate)
            for name in ids.fields
        ],
        *[
            Output(ids.field_ids[name], "invalid", allow_duplicate=duplicate)
            for name in invalid_fields
        ],
    ]


def register_admin_form(app: Dash, ids: AdminFormIds, logic: AdminFormLogic[Any]) -> None:
    """The grid, the form and the sample action of one admin page."""

    @app.callback(
        Output(ids.grid, "rowData"),
        Output(ids.counts, "children"),
        Output(ids.sample_banner, "children"),
        Input(ids.version, "data"),
        Input(ids.status_filter, "value"),
    )
    def refresh_grid(_version: int | None, status: str | None) -> tuple[Any, Any, Any]:
        view = logic.grid_view(status)
        return view.records, view.counts, view.banner

    @app.callback(
        Output(ids.grid, "dashGridOptions"),
        Input(ids.quick_filter, "value"),
        prevent_initial_call=True,
    )
    def quick_filter(text: str | None) -> Patch:
        options = Patch()
        options["quickFilterText"] = text or ""
        return options

    @app.callback(
        Output(ids.form_modal, "is_open"),
        Output(ids.editing, "data"),
        Output(ids.form_title, "children"),
        Output(ids.form_status, "children"),
        Output(ids.toggle, "children"),
        Output(ids.toggle, "color"),
        Output(ids.toggle, "className"),
        Output(ids.form_alert, "children"),
        *[Output(ids.field_ids[name], "value") for name in ids.fields],
        *feedback_outputs(ids, logic.invalid_fields),
        Output(ids.grid, "selectedRows"),
        Input(ids.add, "n_clicks"),
        Input(ids.grid, "selectedRows"),
        prevent_initial_call=True,
    )
    def open_form(_add: int | None, selected: object) -> tuple[Any, ...]:
        if ctx.triggered_id == ids.add:
            entry = logic.blank_entry()
        else:
            entry_id = selected_row_id(selected)
            entry = logic.load_entry(entry_id) if entry_id is not None else None
            if entry is None:
                raise PreventUpdate
        # The selection is cleared so that a click on the same row opens it again.
        return (*logic.open_outputs(entry), [])

    app.clientside_callback(
        focus_form_script(logic.first_field),
        Input(ids.form_modal, "is_open"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        focus_invalid_script(ids.form_modal),
        Input(ids.form_alert, "children"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.form_modal, "is_open", allow_duplicate=True),
        Input(ids.cancel, "n_clicks"),
        prevent_initial_call=True,
    )
    def close_form(_clicks: int | None) -> bool:
        return False

    submit_count = 1 + len(logic.submit_fields)

    @app.callback(
        *feedback_outputs(ids, logic.invalid_fields, duplicate=True),
        Output(ids.form_alert, "children", allow_duplicate=True),
        Output(ids.form_modal, "is_open", allow_duplicate=True),
        Output(ids.version, "data"),
        Output(ids.message, "children"),
        Input(ids.save, "n_clicks"),
        *[Input(ids.field_ids[name], "n_submit") for name in logic.submit_fields],
        *[State(ids.field_ids[name], "value") for name in ids.fields],
        State(ids.editing, "data"),
        State(ids.version, "data"),
        prevent_initial_call=True,
        running=[(Output(ids.save, "disabled"), True, False)],
    )
    def save(*args: Any) -> tuple[Any, ...]:
        triggers = args[:submit_count]
        values = args[submit_count : submit_count + len(ids.fields)]
        editing, version = args[-2:]
        if not any(triggers):
            raise PreventUpdate
        return logic.save(editing, values, version)

    @app.callback(
        Output(ids.form_alert, "children", allow_duplicate=True),
        Output(ids.form_modal, "is_open", allow_duplicate=True),
        Output(ids.version, "data", allow_duplicate=True),
        Output(ids.message, "children", allow_duplicate=True),
        Input(ids.toggle, "n_clicks"),
        State(ids.editing, "data"),
        State(ids.version, "data"),
        prevent_initial_call=True,
        running=[(Output(ids.toggle, "disabled"), True, False)],
    )
    def toggle(clicks: int | None, editing: object, version: int | None) -> tuple:
        entry_id = editing_id(editing)
        if not clicks or entry_id is None:
            raise PreventUpdate
        flag = not (isinstance(editing, Mapping) and editing.get(logic.toggle_key))
        return logic.toggle(entry_id, flag, version)

    @app.callback(
        Output(ids.version, "data", allow_duplicate=True),
        Output(ids.message, "children", allow_duplicate=True),
        Input(ids.sample_action, "submit_n_clicks"),
        State(ids.version, "data"),
        prevent_initial_call=True,
    )
    def act_on_samples(clicks: int | None, version: int | None) -> tuple[Any, Any]:
        if not clicks:
            raise PreventUpdate
        return logic.samples(version)
