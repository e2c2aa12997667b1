"""Callbacks of *Layar monitor*: list the kiosk links, make one (its address shown once), and
revoke one after a confirmation. Every action is ``perform(KIOSK_LINK_EDITORS, …)``: only
the administrator, 403 otherwise."""

from __future__ import annotations

from typing import Any

from dash import ALL, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate
from flask import request

from callbacks.common import perform, read
from dashboard.office import kiosk_links_ids as ids
from dashboard.office.kiosk_links import (
    LABEL_FIELD,
    create_kiosk_link,
    load_kiosk_links,
    revoke_kiosk_link,
)
from dashboard.office.kiosk_links_layout import (
    links_table,
    new_link_notice,
    revoke_question,
)
from dashboard.paths import kiosk_sign_in_path, parse_id
from dashboard.roles import KIOSK_LINK_EDITORS
from dashboard.ui.forms import disabled_while_running, form_alert
from dashboard.web.callback_registry import callback
from dashboard.web.context import app_state

REVOKED_TEXT = "Tautan «{label}» dicabut: layar yang memakainya keluar pada permintaan berikutnya."


@callback(
    output={"list": Output(ids.LIST, "children"), "labels": Output(ids.LABELS, "data")},
    inputs={"_created": Input(ids.CREATED, "data"), "_revoked": Input(ids.REVOKED, "data")},
)
def load_links(_created: object, _revoked: object) -> dict[str, Any]:
    office_id = app_state().office_id
    rows = read(lambda session: load_kiosk_links(session, office_id), KIOSK_LINK_EDITORS)
    return {"list": links_table(rows), "labels": {str(row.id): row.label for row in rows}}


@callback(
    output={
        "notice": Output(ids.NEW_LINK, "children"),
        "message": Output(ids.LABEL_FEEDBACK, "children"),
        "invalid": Output(ids.LABEL, "invalid"),
        "label": Output(ids.LABEL, "value"),
        "created": Output(ids.CREATED, "data"),
    },
    inputs={"clicks": Input(ids.CREATE, "n_clicks"), "submits": Input(ids.LABEL, "n_submit")},
    state={"label": State(ids.LABEL, "value")},
    prevent_initial_call=True,
    running=disabled_while_running(ids.CREATE),
)
def create_link(clicks: int | None, submits: int | None, label: str | None) -> dict[str, Any]:
    if not (clicks or submits):
        raise PreventUpdate
    outcome = perform(
        KIOSK_LINK_EDITORS, lambda session, actor: create_kiosk_link(session, actor, label)
    )
    if outcome.value is None:
        return {
            "notice": form_alert(
                {key: v for key, v in outcome.errors.items() if key != LABEL_FIELD}
            ),
            "message": outcome.errors.get(LABEL_FIELD, ""),
            "invalid": LABEL_FIELD in outcome.errors,
            "label": no_update,
            "created": no_update,
        }
    link = outcome.value
    url = request.host_url.rstrip("/") + kiosk_sign_in_path(link.token)
    return {
        "notice": new_link_notice(link.label, url),
        "message": "",
        "invalid": False,
        "label": "",
        "created": link.id,
    }


@callback(
    output={
        "is_open": Output(ids.CONFIRM_MODAL, "is_open"),
        "question": Output(ids.CONFIRM_TEXT, "children"),
        "pending": Output(ids.PENDING, "data"),
        "message": Output(ids.MESSAGE, "children"),
        "revoked": Output(ids.REVOKED, "data"),
    },
    inputs={
        "asks": Input({"type": ids.REVOKE, "index": ALL}, "n_clicks"),
        "confirm": Input(ids.CONFIRM, "n_clicks"),
        "cancel": Input(ids.CANCEL, "n_clicks"),
    },
    state={"pending": State(ids.PENDING, "data"), "labels": State(ids.LABELS, "data")},
    prevent_initial_call=True,
    running=disabled_while_running(ids.CONFIRM),
)
def revoke_link(
    asks: list[int | None],  # which one was clicked: ctx.triggered_id
    confirm: int | None,
    cancel: int | None,
    pending: int | None,
    labels: dict[str, str] | None,
) -> dict[str, Any]:
    """A 'Cabut' button asks; 'Ya, cabut' revokes the link asked about; 'Batal' closes."""
    unchanged = {"question": no_update, "pending": no_update, "message": no_update}
    trigger = ctx.triggered_id
    if trigger == ids.CANCEL:
        return {**unchanged, "is_open": False, "pending": None, "revoked": no_update}
    if trigger == ids.CONFIRM:
        link_id = parse_id(pending)
        if not confirm or link_id is None:
            raise PreventUpdate
        outcome = perform(
            KIOSK_LINK_EDITORS, lambda session, actor: revoke_kiosk_link(session, actor, link_id)
        )
        label = (labels or {}).get(str(link_id), "")
        return {
            "is_open": False,
            "question": no_update,
            "pending": None,
            "message": form_alert(outcome.errors, REVOKED_TEXT.format(label=label)),
            "revoked": link_id,
        }
    if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
        raise PreventUpdate  # the buttons were drawn, not clicked
    link_id = parse_id(trigger.get("index"))
    if link_id is None:
        raise PreventUpdate
    label = (labels or {}).get(str(link_id), "")
    return {
        **unchanged,
        "is_open": True,
        "question": revoke_question(label),
        "pending": link_id,
        "revoked": no_update,
    }
