"""Form pieces: a labelled field (or text input) with its message beside it, a search box,
the mapping from a service's refused input to those messages, and the controls a callback
disables while it runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import Output, html
from dash.development.base_component import Component

from dashboard.errors import FORM


def labeled_field(
    label: str, control: Component, feedback_id: str | None, help_text: str | None = None
) -> html.Div:
    """A label, the control, and a feedback line shown when the control is marked invalid
    (none when ``feedback_id`` is None: a field the service never refuses)."""
    children: list[Component] = [dbc.Label(label, html_for=getattr(control, "id", None)), control]
    if feedback_id:
        children.append(dbc.FormFeedback(id=feedback_id, type="invalid"))
    if help_text:
        children.append(dbc.FormText(help_text))
    return html.Div(children, className="mb-3")


def input_field(
    label: str,
    input_id: str,
    feedback_id: str,
    *,
    help_text: str | None = None,
    **input_props: Any,
) -> html.Div:
    """A labelled text input (``input_props``: type, maxlength, placeholder...) with its
    message beside it."""
    return labeled_field(label, dbc.Input(id=input_id, **input_props), feedback_id, help_text)


def search_box(input_id: str, placeholder: str, **input_props: Any) -> dbc.InputGroup:
    """A search input behind a magnifier (``input_props``: debounce, maxlength, ...)."""
    return dbc.InputGroup(
        [
            dbc.InputGroupText(html.I(className="bi bi-search")),
            dbc.Input(
                id=input_id,
                type="search",
                placeholder=placeholder,
                autocomplete="off",
                **input_props,
            ),
        ]
    )


def field_feedback(errors: dict[str, str], fields: Sequence[str]) -> tuple[list[str], list[bool]]:
    """For each field in order: its message ('' if none) and whether it is invalid."""
    return [errors.get(name, "") for name in fields], [name in errors for name in fields]


def form_alert(errors: dict[str, str], success: str | None = None) -> Component | None:
    """The message above/below a form: the form-level error, a hint that fields need
    attention, or the success text."""
    if FORM in errors:
        return dbc.Alert(errors[FORM], color="danger", className="mb-2")
    if errors:
        return dbc.Alert("Periksa isian yang ditandai merah.", color="danger", className="mb-2")
    if success:
        return dbc.Alert(success, color="success", className="mb-2", duration=6000)
    return None


def disabled_while_running(*component_ids: object) -> list[tuple[Output, bool, bool]]:
    """A callback's ``running=``: the controls ``component_ids`` (plain or pattern-matching ids)
    are disabled while the server works, so that a second click cannot run it twice."""
    return [(Output(component_id, "disabled"), True, False) for component_id in component_ids]
