"""Callbacks of *Profil kantor*: fill the form with the saved profile, preview the heading as
it is typed, save (``perform(OFFICE_EDITORS, …)``: only the administrator, 403 otherwise)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from dash import Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks.common import perform, read
from dashboard.components.forms import field_feedback, form_alert
from dashboard.components.office_profile import heading_preview
from dashboard.context import app_state
from dashboard.ids import office_profile as ids
from dashboard.roles import OFFICE_EDITORS
from dashboard.services.office_profile import office_profile, save_office_profile
from db.queries.offices import office

FIELDS: tuple[str, ...] = tuple(ids.FIELD_IDS)
SAVED = "Profil kantor tersimpan; kuitansi dan surat rujukan berikutnya memakainya."


def saved_values() -> list[str]:
    office_id = app_state().office_id
    profile = read(lambda session: office_profile(office(session, office_id)), OFFICE_EDITORS)
    values = asdict(profile)
    return [values[name] or "" for name in FIELDS]


def register(app: Dash) -> None:
    @app.callback(
        *[Output(ids.FIELD_IDS[name], "value") for name in FIELDS],
        Input(ids.LOADED, "data"),
    )
    def load(_loaded: object) -> list[str]:
        return saved_values()

    @app.callback(
        Output(ids.PREVIEW, "children"),
        *[Input(ids.FIELD_IDS[name], "value") for name in FIELDS],
    )
    def preview(*values: str | None) -> Any:
        return heading_preview(*(value or "" for value in values))

    @app.callback(
        *[Output(ids.FEEDBACK_IDS[name], "children") for name in FIELDS],
        *[Output(ids.FIELD_IDS[name], "invalid") for name in FIELDS],
        Output(ids.ALERT, "children"),
        Input(ids.SAVE, "n_clicks"),
        *[Input(ids.FIELD_IDS[name], "n_submit") for name in FIELDS],
        *[State(ids.FIELD_IDS[name], "value") for name in FIELDS],
        prevent_initial_call=True,
        running=[(Output(ids.SAVE, "disabled"), True, False)],
    )
    def save(clicks: int | None, *args: Any) -> tuple[Any, ...]:
        submits, raw = args[: len(FIELDS)], args[len(FIELDS) :]
        if not (clicks or any(submits)):
            raise PreventUpdate
        values = dict(zip(FIELDS, raw, strict=True))
        outcome = perform(
            OFFICE_EDITORS, lambda session, actor: save_office_profile(session, actor, **values)
        )
        messages, invalid = field_feedback(outcome.errors, FIELDS)
        return (*messages, *invalid, form_alert(outcome.errors, None if outcome.errors else SAVED))
