"""Layout pieces the treasurer's pages (``pages/sales.py``, ``deposits.py``,
``tariff_admin.py``) share: grid columns sorted on a raw value and shown as text, the note
for roles that only read, and the footer of a dialog."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from dashboard.ui.grid import NUMBER_FILTER


def shown_as(text_field: str) -> dict[str, str]:
    """A column's ``valueFormatter``: the row's ``text_field`` (the column sorts on the raw
    value, e.g. an ISO date or an amount, and shows the text)."""
    return {"function": f"params.data ? params.data.{text_field} : ''"}


def money_column(field: str, header: str, text_field: str, width: int = 140) -> dict[str, Any]:
    """An amount: right-aligned, filtered as a number, shown as rupiah text."""
    return {
        "field": field,
        "headerName": header,
        "width": width,
        "type": "rightAligned",
        "filter": NUMBER_FILTER,
        "valueFormatter": shown_as(text_field),
    }


def read_only_note(note_id: str, text: str, writable: bool) -> html.Div:
    """What a role that only reads the page is told (hidden for the one who writes)."""
    return html.Div(
        dbc.Alert([html.I(className="bi bi-eye me-2"), text], color="light", className="py-2"),
        id=note_id,
        hidden=writable,
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
