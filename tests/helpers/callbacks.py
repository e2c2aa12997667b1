"""What the callbacks of a page are wired to, read from an app's ``callback_map``: the
outputs each server callback of a ``callbacks/<page>.py`` module writes and the inputs that
trigger it, as ``"id.prop"`` (pattern ids as Dash writes them, JSON with sorted keys)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dash import Dash

from dashboard.web.callback_registry import recorded_callbacks, register_callbacks


def _spec(item: dict[str, str]) -> str:
    return f"{item['id']}.{item['property']}"


@dataclass(frozen=True)
class Wiring:
    """One server callback: what it writes and what triggers it. ``allow_duplicate`` marks
    (``@<hash>``, which Dash derives from the inputs) are left out."""

    outputs: frozenset[str]
    inputs: frozenset[str]


def _outputs(key: str, no_output: bool) -> frozenset[str]:
    if no_output:
        return frozenset()
    return frozenset(spec.split("@")[0] for spec in key.strip(".").split("..."))


def _server_callbacks(app: Dash) -> list[tuple[str | None, Wiring]]:
    """Each server callback of the app with the callbacks module that declared it (as the
    registry recorded it: a shared factory's callbacks belong to the page that made them)."""
    owners = {id(spec.function): spec.module for spec in recorded_callbacks()}
    return [
        (
            owners.get(id(getattr(entry["callback"], "__wrapped__", entry["callback"]))),
            Wiring(
                _outputs(key, bool(entry.get("no_output"))),
                frozenset(_spec(item) for item in entry["inputs"]),
            ),
        )
        for key, entry in app.callback_map.items()
        if entry.get("callback") is not None
    ]


def wirings(app: Dash, module: str) -> set[Wiring]:
    """Every server callback declared in ``module`` (e.g. ``"callbacks.service"``)."""
    return {wiring for owner, wiring in _server_callbacks(app) if owner == module}


def outputs_of(app: Dash, module: str) -> set[str]:
    """Every ``"id.prop"`` the server callbacks of ``module`` write."""
    return {output for wiring in wirings(app, module) for output in wiring.outputs}


def writers_of(app: Dash, output: str) -> set[frozenset[str]]:
    """The triggering inputs of each server callback (of any module) that writes
    ``output``."""
    return {wiring.inputs for _, wiring in _server_callbacks(app) if output in wiring.outputs}


def open_form_output_count(modal_id: str) -> int:
    """How many outputs the callback that opens the form (on ``modal_id``) has."""
    app = Dash(__name__, suppress_callback_exceptions=True)
    register_callbacks(app)
    key = next(key for key in app.callback_map if key.startswith(f"..{modal_id}.is_open."))
    return len(key.strip(".").split("..."))


def output_count(outputs: dict[str, Any]) -> int:
    """The outputs a callback's (nested) result dict fills."""
    return sum(output_count(value) if isinstance(value, dict) else 1 for value in outputs.values())
