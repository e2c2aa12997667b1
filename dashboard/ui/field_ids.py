"""How a form field's message is named: beside the input ``X`` stands its message ``X-feedback``
(``dashboard.ui.forms.labeled_field`` draws the pair). Dash-free, for the ``*_ids`` modules."""

from __future__ import annotations

from collections.abc import Mapping


def feedback_ids(field_ids: Mapping[str, str]) -> dict[str, str]:
    """The message id of each field of ``field_ids`` (field name -> input id), by name."""
    return {name: f"{input_id}-feedback" for name, input_id in field_ids.items()}


def dict_id(kind: str, index: int | str) -> dict[str, str | int]:
    """The dict id of one of many like elements: ``{"type": kind, "index": index}`` (Dash's
    pattern-matching ids; ``index`` is the visit, line or row the element belongs to)."""
    return {"type": kind, "index": index}
