"""Small pieces several figure builders share."""

from __future__ import annotations

from collections.abc import Mapping


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with an ellipsis (axis labels)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def merged(*layouts: Mapping[str, object]) -> dict[str, object]:
    """The layouts merged into one, nested dicts key by key, a later layout's value winning
    (what successive ``update_layout`` calls give); nested dicts are copied, never shared."""
    result: dict[str, object] = {}
    for layout in layouts:
        for key, value in layout.items():
            if isinstance(value, Mapping):
                known = result.get(key)
                result[key] = merged(known, value) if isinstance(known, Mapping) else merged(value)
            else:
                result[key] = value
    return result
