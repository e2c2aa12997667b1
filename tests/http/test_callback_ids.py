"""Every callback of the app listens to and writes components that some page lays out.

Callback modules are discovered, not listed, and Dash is told to accept ids that a page shows
only later (``suppress_callback_exceptions``): so a callback wired to an id no layout places
would fail silently. This test finds the ids two ways and requires every callback id in one
of them: the pages' layouts rendered for a role that may open them (the ids a page shows at
once), and the id constants the layout pieces use (what a callback draws later, such as a
step panel, is built by a layout module from the feature's ``*_ids`` constants)."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import dash
import pytest
from dash import Dash
from dash.development.base_component import Component
from flask_login import login_user
from sqlalchemy import select

from dashboard.web.auth import SignedInUser
from dashboard.web.callback_registry import callback_modules
from dashboard.web.context import app_state
from db.models import StaffUser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_PATH_VALUES = {"visit_id": "1", "kunjungan": "1"}


def _ids_of(component: Any) -> Iterator[str]:
    """The ids of a rendered layout (a dict id by its ``type``)."""
    if isinstance(component, list | tuple):
        for child in component:
            yield from _ids_of(child)
        return
    if not isinstance(component, Component):
        return
    identifier = getattr(component, "id", None)
    if isinstance(identifier, dict):
        yield str(identifier.get("type"))
    elif identifier is not None:
        yield str(identifier)
    for name in component._prop_names:
        value = getattr(component, name, None)
        if isinstance(value, Component | list | tuple):
            yield from _ids_of(value)


def _rendered_page_ids(app: Dash) -> set[str]:
    found: set[str] = set()
    with app.server.app_context(), app_state().database.reading() as session:
        users = {user.role: user for user in session.scalars(select(StaffUser))}
        for page in dash.page_registry.values():
            roles = page.get("roles") or ["admin"]
            role = "admin" if "admin" in roles else roles[0]
            with app.server.test_request_context():
                user = users[role]
                login_user(SignedInUser(user.id, user.username, user.full_name, user.role))
                arguments = {
                    name: value
                    for name, value in SAMPLE_PATH_VALUES.items()
                    if name in (page.get("path_template") or "") or name == "kunjungan"
                }
                found.update(_ids_of(page["layout"](**arguments)))
                found.update(_ids_of(app.layout() if callable(app.layout) else app.layout))
    return found


def _loaded_module(module_name: str) -> ModuleType:
    """The module as the app runs it: a page module is the one Dash's page loader imported
    (under its own name); importing it again would register its page twice."""
    for page in dash.page_registry.values():
        if page["module"].endswith(f".{module_name}") or page["module"] == module_name:
            return sys.modules[page["module"]]
    return importlib.import_module(module_name)


def _placed_id_values(path: Path, module_name: str) -> Iterator[str]:
    """The id constants a layout module uses: every name or attribute in it that stands for
    a text in the module's own namespace (``ids.SAVE``, ``FIELD_IDS[...]`` aside)."""
    namespace = vars(_loaded_module(module_name))
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Name | ast.Attribute):
            continue
        try:
            value = eval(compile(ast.Expression(node), str(path), "eval"), namespace)
        except Exception:  # a local name or a loop variable: the rendered ids cover those
            continue
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):  # a table of ids (one per form field)
            yield from (item for item in value.values() if isinstance(item, str))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            # a bundle of ids handed to a shared layout piece (the admin list's form)
            fields = (getattr(value, field.name) for field in dataclasses.fields(value))
            yield from (item for item in fields if isinstance(item, str))


def _is_layout_module(relative: Path) -> bool:
    text = relative.as_posix()
    return (
        text.startswith(("pages/", "dashboard/ui/"))
        or relative.name.endswith("_layout")
        or "_layout/" in text
        or "/layout/" in text
    )


def _placed_ids() -> set[str]:
    found: set[str] = set()
    for folder in ("pages", "dashboard"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).with_suffix("")
            if _is_layout_module(relative):
                found.update(_placed_id_values(path, ".".join(relative.parts)))
    return found


def _callback_ids(app: Dash) -> set[str]:
    """Every component id a registered callback reads or writes (dict ids by type)."""
    ids: set[str] = set()
    for spec in app._callback_list:
        outputs = spec["output"].removeprefix("..").removesuffix("..").split("...")
        for output in [] if spec.get("no_output") else outputs:
            ids.add(_id_part(output.split("@", 1)[0].rsplit(".", 1)[0]))
        for dependency in [*spec["inputs"], *spec["state"]]:
            ids.add(_id_part(dependency["id"]))
    return ids


def _id_part(raw: object) -> str:
    if isinstance(raw, dict):
        return str(raw.get("type"))
    text = str(raw)
    return str(json.loads(text).get("type")) if text.startswith("{") else text


@pytest.fixture(scope="module")
def layout_ids(app: Dash) -> set[str]:
    return _rendered_page_ids(app) | _placed_ids()  # the app has loaded the page modules


def test_every_page_has_its_callback_module_discovered_and_registered(app: Dash) -> None:
    """Each page's callbacks module is found without a list, and its server callbacks are
    on the app (a module left out would leave its page dead without an error)."""
    pages = {path.stem for path in (ROOT / "pages").glob("*.py") if path.stem != "__init__"}
    discovered = {name.rsplit(".", 1)[1] for name in callback_modules()}
    assert pages <= discovered
    assert len(app.callback_map) > len(discovered)


def test_every_callback_id_is_laid_out_by_some_page(app: Dash, layout_ids: set[str]) -> None:
    missing = sorted(_callback_ids(app) - layout_ids - {"_pages_location", "_pages_content"})
    assert missing == []
