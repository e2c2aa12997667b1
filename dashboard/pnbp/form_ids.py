"""The treasurer's forms wired by field name: one callback dependency per field of a form's
``FIELD_IDS`` / ``FEEDBACK_IDS`` (``sales_ids``, ``deposits_ids``, ``tariff_admin_ids``), keyed
by the name the services use in their messages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from dash import Input, Output, State


def by_field(
    id_map: Mapping[str, str],
    prop: str,
    kind: type[Input] | type[Output] | type[State],
    names: Iterable[str] | None = None,
    **options: Any,
) -> dict[str, Any]:
    """``{name: kind(id_map[name], prop)}`` for ``names`` (every field by default); ``options``
    such as ``allow_duplicate=True`` go to each dependency."""
    return {name: kind(id_map[name], prop, **options) for name in names or id_map}


def named_feedback(errors: Mapping[str, str], fields: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The outputs ``messages`` and ``invalid`` of a form's fields, keyed by field name: each
    field's message ('' if none) and whether it is invalid."""
    return {
        "messages": {name: errors.get(name, "") for name in fields},
        "invalid": {name: name in errors for name in fields},
    }
