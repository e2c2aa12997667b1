"""Building the JSON body Dash's renderer posts to ``/_dash-update-component``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from dash import Dash


def callback_key(app: Dash, first_output: str) -> str:
    """The ``callback_map`` key of the callback whose first output is ``first_output``
    (``"id.prop"``); a key Dash marked with an ``allow_duplicate`` hash (``"id.prop@…"``)
    matches when no key matches exactly."""
    keys = list(app.callback_map)
    firsts = [key.strip(".").split("...")[0] for key in keys]
    for key, first in zip(keys, firsts, strict=True):
        if first == first_output:
            return key
    return next(
        key for key, first in zip(keys, firsts, strict=True) if first.split("@")[0] == first_output
    )


def _split(spec: str) -> dict[str, str]:
    component, prop = spec.rsplit(".", 1)
    return {"id": component, "property": prop}


def _with_value(
    spec: Mapping[str, str],
    values: Mapping[str, Any],
    keys: Mapping[str, Iterable[object]] | None,
) -> Any:
    """One input/state as the browser sends it. With ``keys``, a pattern id (``ALL``) becomes
    the list of its concrete components (``keys[type]``, values by ``"type:index.prop"``);
    without, it is sent as Dash names it."""
    component, prop = spec["id"], spec["property"]
    if keys is None or not component.startswith("{"):
        return {**spec, "value": values.get(f"{component}.{prop}")}
    kind = json.loads(component)["type"]
    return [
        {
            "id": {"index": index, "type": kind},
            "property": prop,
            "value": values.get(f"{kind}:{index}.{prop}", {"index": index, "type": kind})
            if prop == "id"
            else values.get(f"{kind}:{index}.{prop}"),
        }
        for index in keys.get(kind, [])
    ]


def _output(spec: Mapping[str, str], keys: Mapping[str, Iterable[object]] | None) -> Any:
    item = _with_value(spec, {}, keys)
    if isinstance(item, dict):
        return {name: value for name, value in item.items() if name != "value"}
    return [{name: value for name, value in one.items() if name != "value"} for one in item]


def callback_body(
    app: Dash,
    first_output: str,
    inputs: Mapping[str, Any],
    *,
    keys: Mapping[str, Iterable[object]] | None = None,
    changed: Iterable[str] | None = None,
) -> dict[str, Any]:
    """The request of the callback whose first output is ``first_output`` (``"id.prop"``),
    with ``inputs`` mapping ``"id.prop"`` (or ``"type:index.prop"`` for a pattern component
    listed in ``keys``) to the values the browser would send. ``changed`` names what
    triggered it (by default every key of ``inputs``)."""
    key = callback_key(app, first_output)
    callback = app.callback_map[key]
    outputs = [_output(_split(spec), keys) for spec in key.strip(".").split("...")]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": [_with_value(spec, inputs, keys) for spec in callback["inputs"]],
        "changedPropIds": list(inputs if changed is None else changed),
        "state": [_with_value(spec, inputs, keys) for spec in callback["state"]],
    }
