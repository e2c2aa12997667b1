"""Fixtures of the database tests: the officer's desk, the treasurer's till, cheap password
hashing, and a fresh (empty) database per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from db.session import Database
from tests.helpers.database import BACKENDS, PreparedDatabase, fresh_database
from tests.helpers.desk import Desk
from tests.helpers.library import Library, LibrarySetup, open_library
from tests.helpers.staff import create_staff, fast_password_hashing
from tests.helpers.till import Till, open_till


@pytest.fixture
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests about rules, not hash strength: a cheap password hash keeps them fast."""
    fast_password_hashing(monkeypatch)


@pytest.fixture
def desk(db: PreparedDatabase, fast_hashing: None) -> Desk:
    """One officer (``petugas``) at the desk of the main office, the clock at T0."""
    return Desk(db, create_staff(db, "petugas", "officer"))


@pytest.fixture
def till(db: PreparedDatabase, fast_hashing: None) -> Till:
    """The treasurer's till in the PNBP test office (code 9821), its officer's desk beside."""
    return open_till(db)


@pytest.fixture(params=BACKENDS)
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty database made for this one test and removed after it (a new SQLite file, a
    new PostgreSQL database)."""
    with fresh_database(request.param, tmp_path) as database:
        yield database


@pytest.fixture
def library(db: PreparedDatabase, request: pytest.FixtureRequest) -> Library:
    """The library of the test office(s) the module declares as ``LIBRARY`` (a
    ``LibrarySetup``), emptied of publications (and agencies) first."""
    setup = getattr(request.module, "LIBRARY", None)
    assert isinstance(setup, LibrarySetup), (
        f"{request.module.__name__} uses the library fixture but declares no LIBRARY"
    )
    return open_library(db, setup)
