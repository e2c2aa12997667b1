"""Layout pieces the administrator's pages share: the notices above the grid (sample data,
read-only, last outcome), the quick filter and status select of the toolbar, and the form in
a modal with its switch-off, cancel and save buttons.

The directory pages (*Katalog publikasi*, *Direktori dinas*) are one shape, ``admin_list_page``:
a grid read again whenever their version store is bumped, and a form that opens on "Tambah" or
on a row (``FormOpening``); ``callbacks.admin_form`` wires them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.i18n import format_number
from dashboard.ui.admin_form_ids import AdminFormIds
from dashboard.ui.buttons import icon_button, icon_label, save_button
from dashboard.ui.dialogs import dialog, read_only_note
from dashboard.ui.forms import labeled_field, search_box
from dashboard.ui.grid import data_grid


@dataclass(frozen=True)
class FormOpening:
    """What the form shows when it opens on an entry (or on a new one)."""

    editing: dict[str, Any]
    """The editing store: ``{"id": entry id or None, <the page's flag>: bool}``."""
    title: str
    status: Component | None
    toggle_label: str
    toggle_color: str
    toggle_shown: bool
    """Whether the button that switches the entry off or on is shown (a stored entry, for a
    writer)."""
    values: Mapping[str, Any]


def status_options(off_label: str, off_value: str) -> list[dict[str, str]]:
    """The status select of a directory: the active entries (shown first), the switched-off
    ones, or all."""
    return [
        {"label": "Aktif", "value": "active"},
        {"label": off_label, "value": off_value},
        {"label": "Semua", "value": "all"},
    ]


@dataclass(frozen=True)
class SampleTexts:
    """What a directory's sample banner says; ``{count}`` stands for the number of sample
    entries still in use."""

    headline: str
    text: str
    icon: str
    action: str
    """The label of the administrator's button that acts on them all."""
    confirm: str
    """The question of the confirm dialog before it does."""


def sample_banner(
    ids: AdminFormIds, samples: int, writable: bool, texts: SampleTexts
) -> Component | None:
    """The warning that the page still holds ``samples`` entries shipped with the app, with
    (for a writer) the button that acts on them all after a confirm dialog; None when none
    is left."""
    if not samples:
        return None
    count = format_number(samples)
    action = None
    if writable:
        action = dcc.ConfirmDialogProvider(
            dbc.Button(
                [html.I(className=f"bi {texts.icon} me-1"), texts.action.format(count=count)],
                id=ids.sample_button,
                color="warning",
                size="sm",
            ),
            id=ids.sample_action,
            message=texts.confirm.format(count=count),
        )
    return dbc.Alert(
        html.Div(
            [
                html.Div(
                    [
                        html.Div(
                            icon_label("exclamation-triangle-fill", html.Strong(texts.headline))
                        ),
                        html.Div(texts.text.format(count=count), className="small mt-1"),
                    ],
                    className="me-auto",
                ),
                *([action] if action is not None else []),
            ],
            className="d-flex flex-wrap align-items-center gap-2",
        ),
        color="warning",
        id=ids.sample_notice,
        className="mb-2",
    )


def admin_notices(
    *, banner_id: str, read_only_id: str, read_only_text: str, message_id: str, writable: bool
) -> list[Component]:
    """The sample-data banner, the note that the page is read-only for this role (hidden for
    a writer), and the message of the last action."""
    return [
        html.Div(id=banner_id),
        read_only_note(read_only_id, read_only_text, writable),
        html.Div(id=message_id),
    ]


def filter_columns(
    ids: AdminFormIds, placeholder: str, status_options: Sequence[dict[str, str]]
) -> list[dbc.Col]:
    """The toolbar's quick filter over the grid (focused first) and its status select."""
    return [
        dbc.Col(
            search_box(ids.quick_filter, placeholder, debounce=0.25, autofocus=True),
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


def admin_toolbar(
    ids: AdminFormIds,
    placeholder: str,
    status_options: Sequence[dict[str, str]],
    actions: Component,
) -> dbc.Row:
    """The quick filter and the status select on the left, the page's buttons on the right."""
    return dbc.Row(
        [
            *filter_columns(ids, placeholder, status_options),
            dbc.Col(actions, className="ms-auto", width="auto"),
        ],
        className="g-2 align-items-center mb-2",
    )


def add_button(ids: AdminFormIds, label: str, writable: bool) -> dbc.Button:
    """The toolbar's button that opens the form on a new entry (hidden for a reader)."""
    return icon_button(
        label,
        "plus-lg",
        ids.add,
        gap="me-1",
        color="primary",
        className="" if writable else "d-none",
    )


def admin_list_page(
    ids: AdminFormIds,
    *,
    heading: Component,
    read_only_text: str,
    toolbar: Component,
    columns: Sequence[dict[str, Any]],
    row_style: dict[str, Any],
    no_rows_text: str,
    hint: str,
    form: Component,
    writable: bool,
    extra_stores: Sequence[Component] = (),
    extra_modals: Sequence[Component] = (),
) -> html.Div:
    """A directory page: its stores, heading, notices, toolbar, the grid with the hint under
    it, and the form (and any further modal)."""
    return html.Div(
        [
            dcc.Store(id=ids.version, data=0),
            dcc.Store(id=ids.editing, data={"id": None}),
            *extra_stores,
            heading,
            *admin_notices(
                banner_id=ids.sample_banner,
                read_only_id=ids.read_only_note,
                read_only_text=read_only_text,
                message_id=ids.message,
                writable=writable,
            ),
            toolbar,
            data_grid(ids.grid, list(columns), row_style=row_style, no_rows_text=no_rows_text),
            html.Div(hint, className="small text-muted mt-1"),
            form,
            *extra_modals,
        ],
        id=ids.page,
    )


def text_input(input_id: str, writable: bool, **kwargs: object) -> dbc.Input:
    """A single-line field of the form, read-only for a role that may not write."""
    return dbc.Input(id=input_id, autocomplete="off", disabled=not writable, **kwargs)


def text_field(
    label: str,
    input_id: str,
    feedback_id: str,
    writable: bool,
    help_text: str | None = None,
    **kwargs: object,
) -> html.Div:
    """A labelled single-line field with its message beside it."""
    control = text_input(input_id, writable, **kwargs)
    return labeled_field(label, control, feedback_id, help_text=help_text)


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
    return dialog(
        ids.form_modal,
        title,
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
                save_button(ids.save, className=hidden),
            ]
        ),
        title_id=ids.form_title,
        size="lg",
        backdrop="static",
        scrollable=True,
    )
