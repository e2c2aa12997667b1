"""Impor buku tamu over HTTP: only the administrator may check or import a guest book; every
other role is refused by the server (403) and nothing is stored."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest
from dash import Dash
from flask.testing import FlaskClient
from sqlalchemy import func, select

from dashboard.imports import guest_book_import_ids as ids
from dashboard.web.context import app_state
from db.models import Visit
from tests.helpers.dash_requests import callback_body

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "buku-tamu-contoh.csv"
CONTENTS = "data:text/csv;base64," + base64.b64encode(EXAMPLE.read_bytes()).decode("ascii")


def check_body(app: Dash) -> dict[str, object]:
    return callback_body(
        app,
        f"{ids.FILE_NAME}.children",
        {f"{ids.UPLOAD}.contents": CONTENTS, f"{ids.UPLOAD}.filename": EXAMPLE.name},
    )


def import_body(app: Dash) -> dict[str, object]:
    # The import's first output may also be written by the check: Dash names it with a hash.
    first_output = next(
        key.strip(".").split("...")[0]
        for key in app.callback_map
        if key.startswith(f"..{ids.RESULT}.children@")
    )
    return callback_body(
        app,
        first_output,
        {
            f"{ids.SUBMIT}.n_clicks": 1,
            f"{ids.UPLOAD}.contents": CONTENTS,
            f"{ids.UPLOAD}.filename": EXAMPLE.name,
        },
    )


def imported_visits(app: Dash) -> int:
    with app.server.app_context(), app_state().database.reading() as session:
        return session.scalar(select(func.count()).where(Visit.imported.is_(True))) or 0


@pytest.mark.parametrize("role", ["officer", "head", "treasurer", "monitor"])
def test_other_roles_may_neither_check_nor_import(
    app: Dash, login: Callable[[str], FlaskClient], role: str
) -> None:
    client = login(role)
    assert client.post("/_dash-update-component", json=check_body(app)).status_code == 403
    assert client.post("/_dash-update-component", json=import_body(app)).status_code == 403
    assert imported_visits(app) == 0


def test_the_administrator_checks_and_imports(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    client = login("admin")
    checked = client.post("/_dash-update-component", json=check_body(app))
    assert checked.status_code == 200, checked.get_data(as_text=True)
    assert "Berkas valid: 11 baris" in checked.get_data(as_text=True)
    assert imported_visits(app) == 0
    done = client.post("/_dash-update-component", json=import_body(app))
    assert done.status_code == 200, done.get_data(as_text=True)
    assert "Impor selesai: 11 baru" in done.get_data(as_text=True)
    assert imported_visits(app) == 11
