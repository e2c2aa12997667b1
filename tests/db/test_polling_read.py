"""The wall screens' poll reads without pinging its connection first: a connection the
server dropped (PostgreSQL restarted) is found by the read, and the read runs once more on a
fresh connection instead of failing the screen's poll."""

from __future__ import annotations

from sqlalchemy import text

from db.session import Database
from tests.helpers.database import postgres_admin_connection


def _backend_pid(database: Database) -> int:
    return database.polling_read(
        lambda session: session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    )


def test_a_dropped_connection_is_replaced_and_the_read_answers(postgresql_url: str) -> None:
    database = Database(postgresql_url)
    try:
        first = _backend_pid(database)
        admin = postgres_admin_connection()
        try:
            admin.execute("SELECT pg_terminate_backend(%s)", (first,))
        finally:
            admin.close()
        second = _backend_pid(database)
        assert second != first
    finally:
        database.dispose()


def test_on_sqlite_the_poll_reads_like_any_read(sqlite_url: str) -> None:
    database = Database(sqlite_url)
    try:
        assert (
            database.polling_read(
                lambda session: session.execute(text("SELECT 41 + 1")).scalar_one()
            )
            == 42
        )
    finally:
        database.dispose()
