"""Small pieces several figure builders share."""

from __future__ import annotations


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with an ellipsis (axis labels)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
