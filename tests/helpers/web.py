"""The app as the server runs it, on a SQLite file of its own, and clients signed in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dash import Dash
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from dashboard import create_app
from dashboard.audit import Actor
from dashboard.clock import utc_now
from dashboard.config import Settings, sqlite_url
from dashboard.office.staff import find_user
from dashboard.roles import ROLES
from dashboard.web.context import FORM_TOKEN_FIELD, app_state, token_in_page
from tests.helpers.database import PreparedDatabase
from tests.helpers.staff import TEST_PASSWORD, create_staff


@contextmanager
def app_with_every_role(path: Path, secret_key: str = "uji-http") -> Iterator[Dash]:
    """The app on a new SQLite file at ``path``, with one user per role, named after the
    role (``officer``, ``head``...), all with the test password."""
    with app_with_every_role_on(sqlite_url(path), secret_key) as application:
        yield application


@contextmanager
def app_with_every_role_on(database_url: str, secret_key: str = "uji-http") -> Iterator[Dash]:
    """The app on the empty database of ``database_url``, with one user per role (as
    ``app_with_every_role``)."""
    application = create_app(Settings(database_url=database_url, secret_key=secret_key))
    with application.server.app_context():
        state = app_state()
        prepared = PreparedDatabase(state.database, state.office_id)
        for role in ROLES:
            create_staff(prepared, role, role)
    try:
        yield application
    finally:
        with application.server.app_context():
            app_state().database.dispose()


def page_token(client: FlaskClient, path: str = "/login") -> str:
    """The form token the page at ``path`` gives this client's session."""
    token = token_in_page(client.get(path).get_data(as_text=True))
    assert token is not None, f"{path} holds no form token"
    return token


def post_login(
    client: FlaskClient, username: str, password: str = TEST_PASSWORD, **fields: str
) -> TestResponse:
    """Send the login form as a browser does: open the page, then post it with its token."""
    data = {FORM_TOKEN_FIELD: page_token(client), "username": username, "password": password}
    return client.post("/login", data=data | fields)


def sign_in(app: Dash, username: str, password: str = TEST_PASSWORD) -> FlaskClient:
    """A test client signed in through the login form (which must redirect)."""
    client = app.server.test_client()
    response = post_login(client, username, password)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def act_now(app: Dash, action: Callable[[Any, Actor], Any], username: str = "officer") -> Any:
    """One action of ``username`` (the officer) at the desk, now, in one transaction."""
    with app.server.app_context():
        state = app_state()
        with state.database.reading() as session:
            user = find_user(session, username)
            assert user is not None
        actor = Actor(user.id, state.office_id, utc_now().replace(microsecond=0))
        with state.database.transaction() as session:
            return action(session, actor)
