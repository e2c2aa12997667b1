"""Reading Dash layout trees in tests: every component, the ids, one component by id, the
text shown."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dash.development.base_component import Component


def walk(component: Any) -> Iterator[Component]:
    """Every component of a layout tree (a component, or a list of them), depth first."""
    if isinstance(component, list | tuple):
        for child in component:
            yield from walk(child)
    elif isinstance(component, Component):
        yield component
        yield from walk(getattr(component, "children", None))


def ids_in(component: Any) -> set[str]:
    """The ids in a tree: string ids as they are, dict ids by their ``type``."""
    found = set()
    for item in walk(component):
        value = getattr(item, "id", None)
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            found.add(value["type"])
    return found


def by_id(tree: Any, wanted: object) -> Component:
    """The one component of the tree whose id is ``wanted``."""
    matches = [c for c in walk(tree) if getattr(c, "id", None) == wanted]
    assert len(matches) == 1, f"{wanted!r}: {len(matches)} matches"
    return matches[0]


def text_of(component: Any) -> str:
    """The text a tree shows, its pieces joined by spaces."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(child) for child in component)
    return text_of(getattr(component, "children", None))
