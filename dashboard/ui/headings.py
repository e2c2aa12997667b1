"""The heading every page opens with: its title and the muted line(s) under it."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component


def page_heading(title: str, *below: str | Component, class_name: str = "mb-3") -> html.Div:
    """The title (H1) and, under it, each of ``below``: a text in muted type, or a component
    (a line a callback fills, say) as it is."""
    lines = [
        html.Div(line, className="text-muted") if isinstance(line, str) else line for line in below
    ]
    return html.Div([html.H1(title, className="mb-0"), *lines], className=class_name)
