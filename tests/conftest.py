"""Fixtures shared by every kind of test: real databases (a SQLite file and, when a server
is reachable, a PostgreSQL database made for the run and dropped after it)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlalchemy.engine import make_url

from dashboard.audit import Actor
from dashboard.clock import WIB
from dashboard.office.staff import add_user
from dashboard.setup.database import prepare_database
from db.models import (
    AuditEvent,
    DataRequest,
    DataRequestPublication,
    Deposit,
    KioskLink,
    LiveSnapshot,
    ReceiptCounter,
    Sale,
    SaleItem,
    StaffUser,
    StepTimeCorrection,
    Visit,
    Visitor,
    VisitStep,
)
from db.session import Database

POSTGRES_ADMIN_URL = os.environ.get(
    "PST_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
TEST_PASSWORD = "rahasia-uji-123"

# Operational tables, children first: emptied between tests; reference data stays.
OPERATIONAL_TABLES = (
    AuditEvent,
    StepTimeCorrection,
    SaleItem,
    Sale,
    Deposit,
    ReceiptCounter,
    DataRequestPublication,
    DataRequest,
    VisitStep,
    Visit,
    Visitor,
    LiveSnapshot,
    KioskLink,
    StaffUser,
)


def skip_or_fail(reason: str) -> None:
    """On a user's machine a missing service skips with its reason; in CI it fails."""
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


def _postgres_admin_connection():  # type: ignore[no-untyped-def]
    import psycopg

    url = make_url(POSTGRES_ADMIN_URL)
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname=url.database,
        autocommit=True,
        connect_timeout=3,
    )


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run, dropped afterwards."""
    try:
        admin = _postgres_admin_connection()
    except Exception as exc:
        skip_or_fail(f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {exc}".splitlines()[0])
    name = f"pst_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("sqlite") / "pst-test.sqlite3"
    return f"sqlite:///{path}"


@dataclass
class PreparedDatabase:
    database: Database
    office_id: int

    @property
    def backend(self) -> str:
        return self.database.engine.dialect.name

    def empty_operational_tables(self) -> None:
        with self.database.transaction() as session:
            for table in OPERATIONAL_TABLES:
                session.execute(delete(table))


_prepared: dict[str, PreparedDatabase] = {}


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> Iterator[PreparedDatabase]:
    """The same test on a real SQLite file and on the real PostgreSQL server, each starting
    with reference data only."""
    url = request.getfixturevalue(f"{request.param}_url")
    if url not in _prepared:
        database = Database(url)
        office = prepare_database(database)
        _prepared[url] = PreparedDatabase(database, office.id)
    prepared = _prepared[url]
    prepared.empty_operational_tables()
    yield prepared


def at(text: str) -> datetime:
    """A UTC moment from 'YYYY-MM-DD HH:MM' given in WIB (UTC+7), for readable tests."""
    return datetime.fromisoformat(text).replace(tzinfo=WIB).astimezone(UTC)


def create_staff(prepared: PreparedDatabase, username: str, role: str) -> int:
    with prepared.database.transaction() as session:
        user = add_user(
            session,
            Actor(None, prepared.office_id, datetime.now(UTC)),
            username=username,
            full_name=f"Uji {username.title()}",
            role=role,
            password=TEST_PASSWORD,
        )
        return user.id
