"""Building the JSON body Dash's renderer posts to ``/_dash-update-component``."""

from __future__ import annotations

from typing import Any

from dash import Dash


def _split(spec: str) -> dict[str, str]:
    component, prop = spec.rsplit(".", 1)
    return {"id": component, "property": prop}


def callback_body(app: Dash, first_output: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """The request of the callback whose first output is ``first_output`` (``"id.prop"``),
    with ``inputs`` mapping ``"id.prop"`` to the values the browser would send."""
    key = next(key for key in app.callback_map if key.strip(".").split("...")[0] == first_output)
    outputs = [_split(spec) for spec in key.strip(".").split("...")]
    callback = app.callback_map[key]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": [
            {**spec, "value": inputs.get(f"{spec['id']}.{spec['property']}")}
            for spec in callback["inputs"]
        ],
        "changedPropIds": list(inputs),
        "state": [
            {**spec, "value": inputs.get(f"{spec['id']}.{spec['property']}")}
            for spec in callback["state"]
        ],
    }
