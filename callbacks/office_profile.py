"""Callbacks of *Profil kantor*: fill the form with the saved profile, preview the heading as
it is typed, save (``perform(OFFICE_EDITORS, …)``: only the administrator, 403 otherwise)."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks.common import perform, read
from dashboard.office import profile_ids as ids
from dashboard.office.profile_layout import heading_preview
from dashboard.office.profile_service import (
    PROFILE_FIELDS,
    load_profile_values,
    save_office_profile,
)
from dashboard.roles import OFFICE_EDITORS
from dashboard.ui.forms import disabled_while_running, field_feedback, form_alert
from dashboard.web.callback_registry import callback
from dashboard.web.context import app_state

SAVED = "Profil kantor tersimpan; kuitansi dan surat rujukan berikutnya memakainya."


def _fields(prop: str, kind: type[Input] | type[Output] | type[State]) -> dict[str, Any]:
    return {name: kind(ids.FIELD_IDS[name], prop) for name in PROFILE_FIELDS}


@callback(output=_fields("value", Output), inputs={"_loaded": Input(ids.LOADED, "data")})
def load_profile(_loaded: object) -> dict[str, str]:
    office_id = app_state().office_id
    return read(lambda session: load_profile_values(session, office_id), OFFICE_EDITORS)


@callback(output=Output(ids.PREVIEW, "children"), inputs=_fields("value", Input))
def preview_heading(**values: str | None) -> Any:
    return heading_preview(**{name: value or "" for name, value in values.items()})


@callback(
    output={
        "messages": {name: Output(ids.FEEDBACK_IDS[name], "children") for name in PROFILE_FIELDS},
        "invalid": _fields("invalid", Output),
        "alert": Output(ids.ALERT, "children"),
    },
    inputs={"clicks": Input(ids.SAVE, "n_clicks"), "submits": _fields("n_submit", Input)},
    state={"values": _fields("value", State)},
    prevent_initial_call=True,
    running=disabled_while_running(ids.SAVE),
)
def save_profile(
    clicks: int | None, submits: dict[str, int | None], values: dict[str, str | None]
) -> dict[str, Any]:
    if not (clicks or any(submits.values())):
        raise PreventUpdate
    outcome = perform(
        OFFICE_EDITORS, lambda session, actor: save_office_profile(session, actor, **values)
    )
    messages, invalid = field_feedback(outcome.errors, PROFILE_FIELDS)
    return {
        "messages": dict(zip(PROFILE_FIELDS, messages, strict=True)),
        "invalid": dict(zip(PROFILE_FIELDS, invalid, strict=True)),
        "alert": form_alert(outcome.errors, None if outcome.errors else SAVED),
    }
