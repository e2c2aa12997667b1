"""Callbacks of *Target SOP*: the list of versions and the form's starting targets (those in
force today), and saving a revised version (``perform(SOP_TARGET_EDITORS, …)``: only the
administrator, 403 otherwise)."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks.common import perform, read
from dashboard.clock import local_date, utc_now
from dashboard.office import sop_targets_ids as ids
from dashboard.office.sop_targets import (
    DOCUMENT_FIELD,
    EFFECTIVE_FIELD,
    TARGETED_STEPS,
    current_targets,
    load_sop_versions,
    record_sop_revision,
    target_field,
)
from dashboard.office.sop_targets_layout import versions_table
from dashboard.roles import SOP_TARGET_EDITORS
from dashboard.ui.forms import field_feedback, form_alert
from dashboard.web.callback_registry import callback

FIELDS = (DOCUMENT_FIELD, EFFECTIVE_FIELD, *(target_field(number) for number in TARGETED_STEPS))
FIELD_IDS = (ids.DOCUMENT, ids.EFFECTIVE, *ids.TARGET_IDS.values())
FEEDBACK_IDS = (ids.DOCUMENT_FEEDBACK, ids.EFFECTIVE_FEEDBACK, *ids.TARGET_FEEDBACK_IDS.values())
SAVED = "Versi target tersimpan; kunjungan sejak tanggal berlakunya dinilai dengan target ini."


def _targets(kind: type[Input] | type[Output] | type[State], prop: str) -> dict[str, Any]:
    return {str(number): kind(ids.TARGET_IDS[number], prop) for number in TARGETED_STEPS}


@callback(
    output={"versions": Output(ids.VERSIONS, "children"), "targets": _targets(Output, "value")},
    inputs={"_loaded": Input(ids.LOADED, "data"), "_version": Input(ids.VERSION, "data")},
)
def show_versions(_loaded: object, _version: object) -> dict[str, Any]:
    versions = read(load_sop_versions, SOP_TARGET_EDITORS)
    targets = current_targets(versions, local_date(utc_now()))
    return {
        "versions": versions_table(versions),
        "targets": {str(number): targets.get(number) for number in TARGETED_STEPS},
    }


@callback(
    output={
        "messages": {
            key: Output(i, "children") for key, i in zip(FIELDS, FEEDBACK_IDS, strict=True)
        },
        "invalid": {key: Output(i, "invalid") for key, i in zip(FIELDS, FIELD_IDS, strict=True)},
        "alert": Output(ids.ALERT, "children"),
        "version": Output(ids.VERSION, "data"),
    },
    inputs={"clicks": Input(ids.SAVE, "n_clicks")},
    state={
        "document": State(ids.DOCUMENT, "value"),
        "effective": State(ids.EFFECTIVE, "value"),
        "targets": _targets(State, "value"),
        "version": State(ids.VERSION, "data"),
    },
    prevent_initial_call=True,
    running=[(Output(ids.SAVE, "disabled"), True, False)],
)
def save_version(
    clicks: int | None,
    document: str | None,
    effective: str | None,
    targets: dict[str, object],
    version: int | None,
) -> dict[str, Any]:
    if not clicks:
        raise PreventUpdate
    by_number = {int(number): value for number, value in targets.items()}
    outcome = perform(
        SOP_TARGET_EDITORS,
        lambda session, actor: record_sop_revision(
            session, actor, document, effective, by_number, local_date(actor.now)
        ),
    )
    messages, invalid = field_feedback(outcome.errors, FIELDS)
    return {
        "messages": dict(zip(FIELDS, messages, strict=True)),
        "invalid": dict(zip(FIELDS, invalid, strict=True)),
        "alert": form_alert(outcome.errors, None if outcome.errors else SAVED),
        "version": (version or 0) + (0 if outcome.errors else 1),
    }
