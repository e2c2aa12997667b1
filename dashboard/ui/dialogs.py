"""Dialogs every page draws the same way: a modal with its title, body and footer, the
footer's cancel and confirm buttons, and the note telling a role that only reads why it sees
no form."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.ui.buttons import icon_label


def dialog(
    modal_id: str,
    title: str,
    body: dbc.ModalBody,
    footer: dbc.ModalFooter,
    *,
    title_id: str | None = None,
    **modal_props: Any,
) -> dbc.Modal:
    """A closed modal: ``title`` (in a title a callback may rename when ``title_id`` is given),
    ``body`` and ``footer``; ``modal_props``: size, backdrop, scrollable..."""
    heading = dbc.ModalTitle(title) if title_id is None else dbc.ModalTitle(title, id=title_id)
    return dbc.Modal(
        [dbc.ModalHeader(heading), body, footer], id=modal_id, is_open=False, **modal_props
    )


def dialog_footer(
    *, cancel: tuple[str, str], submit: tuple[str, str], icon: str, color: str = "primary"
) -> dbc.ModalFooter:
    """Cancel and confirm: ``(id, label)`` of each; ``icon`` the confirm button's icon classes."""
    cancel_id, cancel_label = cancel
    submit_id, submit_label = submit
    return dbc.ModalFooter(
        [
            dbc.Button(cancel_label, id=cancel_id, color="secondary", outline=True),
            dbc.Button([html.I(className=icon), submit_label], id=submit_id, color=color),
        ]
    )


def read_only_note(note_id: str, text: str, writable: bool) -> html.Div:
    """What a role that only reads the page is told (hidden for the one who writes)."""
    return html.Div(
        dbc.Alert(icon_label("eye", text), color="light", className="py-2"),
        id=note_id,
        hidden=writable,
    )
