"""An icon before its label: the buttons and links every page draws the same way."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component


def icon_label(icon: str, label: str | Component, gap: str = "me-2") -> list[Component | str]:
    """A Bootstrap icon (``icon`` without its ``bi-`` prefix) and the label after it;
    ``gap`` is the icon's margin class."""
    return [html.I(className=f"bi bi-{icon} {gap}"), label]


def icon_button(
    label: str,
    icon: str,
    button_id: str | dict[str, str | int] | None = None,
    *,
    gap: str = "me-2",
    **props: Any,
) -> dbc.Button:
    """A button reading ``label`` after its icon (``props``: color, outline, className...)."""
    if button_id is not None:
        props["id"] = button_id
    return dbc.Button(icon_label(icon, label, gap), **props)


def small_button(
    label: str, icon: str, button_id: str | dict[str, str | int], color: str, **props: Any
) -> dbc.Button:
    """A small button of a row or a toolbar (``props``: outline, title, disabled...)."""
    return icon_button(label, icon, button_id, gap="me-1", color=color, size="sm", **props)


def save_button(button_id: str, **props: Any) -> dbc.Button:
    """A form's "Simpan" button (``props``: className...)."""
    return icon_button("Simpan", "check-lg", button_id, gap="me-1", color="primary", **props)
