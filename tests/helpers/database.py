"""Real databases for tests: the PostgreSQL server of the run, fresh databases made for one
test, the prepared database the ``db`` fixture hands out, and proof that a refused action
changed nothing."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest
from sqlalchemy import delete, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.errors import InputError
from dashboard.setup.database import prepare_database
from db.models import (
    AuditEvent,
    CorrectionDay,
    DataRequest,
    DataRequestPublication,
    Deposit,
    KioskLink,
    LiveSnapshot,
    ReceiptCounter,
    ReferredRequest,
    Sale,
    SaleItem,
    StaffUser,
    StepDay,
    StepMinutesDay,
    StepMinutesMonth,
    StepTimeCorrection,
    StepTimeDay,
    StepTimeMonth,
    Visit,
    VisitDay,
    VisitDayCount,
    VisitHour,
    VisitMonthCount,
    Visitor,
    VisitStep,
)
from db.session import Database

POSTGRES_ADMIN_URL = os.environ.get(
    "PST_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
BACKENDS = ("sqlite", "postgresql")

# Operational tables, children first: emptied between tests; reference data stays.
OPERATIONAL_TABLES = (
    ReferredRequest,
    CorrectionDay,
    VisitMonthCount,
    VisitDayCount,
    VisitHour,
    VisitDay,
    StepMinutesMonth,
    StepMinutesDay,
    StepTimeMonth,
    StepTimeDay,
    StepDay,
    LiveSnapshot,
    KioskLink,
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
    StaffUser,
)


def skip_or_fail(reason: str) -> None:
    """On a user's machine a missing service skips with its reason; in CI it fails."""
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


def postgres_admin_connection():  # type: ignore[no-untyped-def]
    """An autocommit connection to the server's admin database (to create and drop test
    databases)."""
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


@contextmanager
def scratch_postgres_url(prefix: str) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database named ``<prefix>_<random>``, dropped
    afterwards (connections still open are closed by force); skips (or fails in CI) when the
    server is not reachable."""
    try:
        admin = postgres_admin_connection()
    except Exception as exc:
        skip_or_fail(f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {exc}".splitlines()[0])
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@contextmanager
def fresh_database(backend: str, directory: Path, label: str = "fresh") -> Iterator[Database]:
    """An empty database (no tables) made for one test and removed after it: a new SQLite
    file in ``directory`` or a new PostgreSQL database. ``label`` names it, so one test may
    hold several at once."""
    if backend == "sqlite":
        database = Database(f"sqlite:///{directory / f'{label}-{uuid.uuid4().hex[:8]}.sqlite3'}")
        try:
            yield database
        finally:
            database.dispose()
        return
    with scratch_postgres_url(f"pst_{label}") as url:
        database = Database(url)
        try:
            yield database
        finally:
            database.dispose()


@dataclass
class PreparedDatabase:
    """A migrated database holding the reference data, and the id of its office."""

    database: Database
    office_id: int

    @property
    def backend(self) -> str:
        return self.database.engine.dialect.name

    def empty_operational_tables(self) -> None:
        with self.database.transaction() as session:
            for table in OPERATIONAL_TABLES:
                session.execute(delete(table))


def snapshot_tables(
    prepared: PreparedDatabase, models: Iterable[Any]
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables of ``models``, in primary-key order, to prove a refused action
    changed nothing."""
    with prepared.database.reading() as session:
        return {
            model.__tablename__: [
                tuple(row)
                for row in session.execute(
                    select(*model.__table__.columns).order_by(*model.__table__.primary_key)
                )
            ]
            for model in models
        }


class Worker(Protocol):
    """Someone acting through the services in a transaction of their own (a desk, a till)."""

    db: PreparedDatabase

    def do(self, action: Callable[[Session, Actor], Any], minutes_later: float = 1) -> Any: ...


def assert_refused(
    worker: Worker,
    action: Callable[[Session, Actor], Any],
    field_key: str,
    fragment: str,
    models: Iterable[Any],
) -> dict[str, str]:
    """Run ``action``: it must raise InputError with ``fragment`` in the message of
    ``field_key``, and leave every table of ``models`` as it was. Returns the errors."""
    models = tuple(models)
    before = snapshot_tables(worker.db, models)
    with pytest.raises(InputError) as caught:
        worker.do(action)
    errors = caught.value.errors
    assert field_key in errors, errors
    assert fragment in errors[field_key], errors
    assert snapshot_tables(worker.db, models) == before
    return errors


_prepared: dict[str, PreparedDatabase] = {}


def prepared_backend(request: pytest.FixtureRequest, backend: str) -> PreparedDatabase:
    """The prepared database of ``backend`` ("sqlite" or "postgresql"), emptied of
    operational rows: reference data only (usable by fixtures of any scope)."""
    url = request.getfixturevalue(f"{backend}_url")
    if url not in _prepared:
        database = Database(url)
        office = prepare_database(database)
        _prepared[url] = PreparedDatabase(database, office.id)
    prepared = _prepared[url]
    prepared.empty_operational_tables()
    return prepared
