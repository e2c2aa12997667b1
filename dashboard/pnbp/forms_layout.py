"""What the treasurer's forms and dialogs share in their callbacks, wired by name: one
dependency per field of a form's ``FIELD_IDS`` / ``FEEDBACK_IDS`` (``sales_ids``,
``deposits_ids``, ``tariff_admin_ids``) keyed by the name the services use in their messages,
the buttons disabled while a write runs, and the confirmation dialogs opened on a grid's
selected row (void a sale, end a tariff)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from dash import Input, Output, State, no_update
from dash.development.base_component import Component

from dashboard.pnbp.dialog_ids import DialogIds
from dashboard.ui.forms import disabled_while_running


def by_field(
    id_map: Mapping[str, str],
    prop: str,
    kind: type[Input] | type[Output] | type[State],
    names: Iterable[str] | None = None,
    **options: Any,
) -> dict[str, Any]:
    """``{name: kind(id_map[name], prop)}`` for ``names`` (every field by default); ``options``
    such as ``allow_duplicate=True`` go to each dependency."""
    return {name: kind(id_map[name], prop, **options) for name in names or id_map}


def feedback_outputs(
    feedback_ids: Mapping[str, str],
    field_ids: Mapping[str, str],
    invalid_names: Iterable[str] | None = None,
    **options: Any,
) -> dict[str, dict[str, Output]]:
    """The outputs ``messages`` (every field) and ``invalid`` (``invalid_names``, by default
    every field) of a form."""
    return {
        "messages": by_field(feedback_ids, "children", Output, **options),
        "invalid": by_field(field_ids, "invalid", Output, invalid_names, **options),
    }


def named_feedback(
    errors: Mapping[str, str], fields: Sequence[str], invalid_names: Iterable[str] | None = None
) -> dict[str, dict[str, Any]]:
    """The values of ``feedback_outputs``: each field's message ('' if none) and whether it is
    invalid."""
    return {
        "messages": {name: errors.get(name, "") for name in fields},
        "invalid": {name: name in errors for name in invalid_names or fields},
    }


def submit_inputs(
    button: str, field_ids: Mapping[str, str], enter_fields: Iterable[str]
) -> dict[str, Any]:
    """What sends a form: a click on ``button`` (``clicks``) or Enter in one of
    ``enter_fields`` (``submits``, by field name)."""
    return {
        "clicks": Input(button, "n_clicks"),
        "submits": by_field(field_ids, "n_submit", Input, enter_fields),
    }


# -- a confirmation dialog about a grid's selected row --------------------------------------


def dialog_toggle(dialog: DialogIds, grid: str) -> dict[str, Any]:
    """The arguments of the callback opening the dialog on ``grid``'s selected row (and
    closing it on "Batal")."""
    return {
        "output": {
            "is_open": Output(dialog.modal, "is_open"),
            "target": Output(dialog.target, "data"),
            "text": Output(dialog.text, "children"),
            "field": Output(dialog.field, "value"),
            "alert": Output(dialog.alert, "children"),
        },
        "inputs": {
            "_open": Input(dialog.open, "n_clicks"),
            "_cancel": Input(dialog.cancel, "n_clicks"),
        },
        "state": {"selected": State(grid, "selectedRows")},
        "prevent_initial_call": True,
    }


def dialog_opened(target: int | None, text: Component, field: object) -> dict[str, Any]:
    return {"is_open": True, "target": target, "text": text, "field": field, "alert": None}


def dialog_closed() -> dict[str, Any]:
    return {"is_open": False, "target": None, "text": no_update, "field": no_update, "alert": None}


def dialog_submit(dialog: DialogIds, *also_disabled: str) -> dict[str, Any]:
    """The arguments of the callback confirming the dialog: its field's message and invalid
    state, its alert, the dialog closing, the page's notice and version; the button (and
    ``also_disabled``) are disabled while it runs."""
    return {
        "output": {
            "message": Output(dialog.feedback, "children"),
            "invalid": Output(dialog.field, "invalid"),
            "alert": Output(dialog.alert, "children", allow_duplicate=True),
            "is_open": Output(dialog.modal, "is_open", allow_duplicate=True),
            "notice": Output(dialog.notice, "children", allow_duplicate=True),
            "version": Output(dialog.version, "data", allow_duplicate=True),
        },
        "inputs": {
            "clicks": Input(dialog.submit, "n_clicks"),
            "submits": Input(dialog.field, "n_submit"),
        },
        "state": {
            "target": State(dialog.target, "data"),
            "value": State(dialog.field, "value"),
            "version": State(dialog.version, "data"),
        },
        "prevent_initial_call": True,
        "running": disabled_while_running(dialog.submit, *also_disabled),
    }


def dialog_done(notice: Component, version: int | None) -> dict[str, Any]:
    """Done: the dialog closes, the page says so and redraws."""
    return {
        "message": "",
        "invalid": False,
        "alert": None,
        "is_open": False,
        "notice": notice,
        "version": (version or 0) + 1,
    }


def dialog_refused(message: str, alert: Component | None) -> dict[str, Any]:
    """Refused: the field's message (or the alert); the dialog stays open."""
    return {
        "message": message,
        "invalid": bool(message),
        "alert": alert,
        "is_open": no_update,
        "notice": no_update,
        "version": no_update,
    }
