"""Fixtures shared by every kind of test: real databases (a SQLite file and, when a server
is reachable, a PostgreSQL database made for the run and dropped after it), and an app on a
fresh SQLite file with one user per role. What tests share besides fixtures is in
``tests/helpers``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from dash import Dash
from flask.testing import FlaskClient

from tests.helpers.clock import WORKING_MORNING, app_clock_from
from tests.helpers.database import PreparedDatabase, prepared_backend, scratch_postgres_url
from tests.helpers.web import app_with_every_role, sign_in


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run, dropped afterwards."""
    with scratch_postgres_url("pst_test") as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("sqlite") / "pst-test.sqlite3"
    return f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> Iterator[PreparedDatabase]:
    """The same test on a real SQLite file and on the real PostgreSQL server, each starting
    with reference data only."""
    yield prepared_backend(request, request.param)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dash]:
    """The app on a fresh SQLite file, with one user per role, named after the role."""
    with app_with_every_role(tmp_path_factory.mktemp("app") / "pst.sqlite3") as application:
        yield application


@pytest.fixture
def client(app: Dash) -> FlaskClient:
    return app.server.test_client()


@pytest.fixture
def login(app: Dash) -> Callable[[str], FlaskClient]:
    """A client signed in as the user named after ``role`` (every role has one)."""
    return lambda role: sign_in(app, role)


@pytest.fixture(scope="module")
def working_morning() -> Iterator[None]:
    """The app's clock, for a whole test module, running from a working day's morning
    (``WORKING_MORNING``): what the wall screen shows depends on the hour and the day, and a
    test of "today" on the screen must not depend on when it runs. Name it in the module's
    ``pytestmark = pytest.mark.usefixtures("working_morning")`` so that it is set before the
    module's data is written."""
    with app_clock_from(WORKING_MORNING):
        yield
