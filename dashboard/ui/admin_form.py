"""Layout pieces the administrator's pages share: the notices above the grid (sample data,
read-only, last outcome), the quick filter and status select of the toolbar, and the form in
a modal with its switch-off, cancel and save buttons."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.ui.admin_form_ids import AdminFormIds


def admin_notices(
    *, banner_id: str, read_only_id: str, read_only_text: str, message_id: str, writable: bool
) -> list[Component]:
    """The sample-data banner, the note that the page is read-only for this role (hidden for
    a writer), and the message of the last action."""
    return [
        html.Div(id=banner_id),
        html.Div(
            dbc.Alert(
                [html.I(className="bi bi-eye me-2"), read_only_text],
                color="light",
                className="py-2",
            ),
            id=read_only_id,
            hidden=writable,
        ),
        html.Div(id=message_id),
    ]


def filter_columns(
    ids: AdminFormIds, placeholder: str, status_options: Sequence[dict[str, str]]
) -> list[dbc.Col]:
    """The toolbar's quick filter over the grid (focused first) and its status select."""
    return [
        dbc.Col(
            dbc.InputGroup(
                [
                    dbc.InputGroupText(html.I(className="bi bi-search")),
                    dbc.Input(
                        id=ids.quick_filter,
                        type="search",
                        placeholder=placeholder,
                        autocomplete="off",
                        debounce=0.25,
                        autofocus=True,
                    ),
                ]
            ),
            lg=4,
            md=6,
        ),
        dbc.Col(
            dbc.InputGroup(
                [
                    dbc.InputGroupText("Status"),
                    dbc.Select(id=ids.status_filter, options=list(status_options), value="active"),
                ]
            ),
            width="auto",
        ),
    ]


def text_input(input_id: str, writable: bool, **kwargs: object) -> dbc.Input:
    """A single-line field of the form, read-only for a role that may not write."""
    return dbc.Input(id=input_id, autocomplete="off", disabled=not writable, **kwargs)


def form_modal(
    ids: AdminFormIds,
    *,
    title: str,
    toggle_label: str,
    fields: Sequence[Component],
    writable: bool,
) -> dbc.Modal:
    """The form of one entry: its status and alert above the fields; the button that switches
    the entry off or on, cancel, and save below (only cancel, as "Tutup", for a reader)."""
    hidden = "" if writable else "d-none"
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(title, id=ids.form_title)),
            dbc.ModalBody(
                [
                    html.Div(id=ids.form_status, className="mb-2"),
                    html.Div(id=ids.form_alert),
                    *fields,
                ]
            ),
            dbc.ModalFooter(
                [
                    dbc.Button(
                        toggle_label,
                        id=ids.toggle,
                        color="danger",
                        outline=True,
                        className=f"me-auto {hidden}",
                    ),
                    dbc.Button(
                        "Batal" if writable else "Tutup",
                        id=ids.cancel,
                        color="secondary",
                        outline=True,
                    ),
                    dbc.Button(
                        [html.I(className="bi bi-check-lg me-1"), "Simpan"],
                        id=ids.save,
                        color="primary",
                        className=hidden,
                    ),
                ]
            ),
        ],
        id=ids.form_modal,
        is_open=False,
        size="lg",
        backdrop="static",
        scrollable=True,
    )
