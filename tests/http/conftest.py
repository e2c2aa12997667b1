"""An app on a fresh SQLite file, and Flask test clients signed in as each role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from dash import Dash
from flask.testing import FlaskClient

from dashboard import create_app
from dashboard.config import Settings, sqlite_url
from dashboard.roles import ROLES
from dashboard.web.context import app_state
from tests.conftest import TEST_PASSWORD, PreparedDatabase, create_staff


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dash]:
    path: Path = tmp_path_factory.mktemp("http") / "pst.sqlite3"
    application = create_app(Settings(database_url=sqlite_url(path), secret_key="uji-http"))
    with application.server.app_context():
        state = app_state()
        prepared = PreparedDatabase(state.database, state.office_id)
        for role in ROLES:
            create_staff(prepared, role, role)
    yield application
    with application.server.app_context():
        app_state().database.dispose()


@pytest.fixture
def client(app: Dash) -> FlaskClient:
    return app.server.test_client()


@pytest.fixture
def login(app: Dash) -> Callable[[str], FlaskClient]:
    """A client signed in as the user named after ``role`` (every role has one)."""

    def signed_in(role: str) -> FlaskClient:
        client = app.server.test_client()
        response = client.post("/login", data={"username": role, "password": TEST_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return signed_in
