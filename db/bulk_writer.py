"""Writing plain rows in batches: the demo's row writer (``dashboard.demo.bulk``) hands
dicts keyed by column name, with ids it gave itself, and this module inserts them with one
``executemany`` per batch, outside the ORM (far faster than adding objects to a session).

Because the ids are given by the caller, a PostgreSQL table's id sequence has to be moved
past them afterwards (``move_sequences_past_ids``), or the app's next insert would clash.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table, bindparam, func, select, text, update
from sqlalchemy.engine import Connection

from db.change_marker import bump_offices
from db.models import Base
from db.session import Database

BATCH_ROWS = 20_000
"""Rows sent in one statement (and what the demo's writer buffers before it writes)."""

Row = dict[str, Any]
"""One row to insert: column name → value."""


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


class BatchWriter:
    """Inserts and updates by id within one transaction (see ``batch_writer``)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def insert(self, table_name: str, rows: Sequence[Row]) -> None:
        """The rows into the table, ``BATCH_ROWS`` a statement (parents before children is
        the caller's order)."""
        table = _table(table_name)
        for start in range(0, len(rows), BATCH_ROWS):
            chunk = rows[start : start + BATCH_ROWS]
            if chunk:
                self._connection.execute(table.insert(), list(chunk))

    def mark_changed(self, office_ids: Collection[int]) -> None:
        """Bump the change marker of these offices in this batch's transaction (the rows
        written here bypass the session events that bump it for the services)."""
        bump_offices(self._connection, office_ids)

    def update_by_id(self, table_name: str, column: str, values: Mapping[int, Any]) -> None:
        """Set ``column`` of each row id in ``values`` to its value."""
        if not values:
            return
        table = _table(table_name)
        statement = (
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values({column: bindparam("value")})
        )
        self._connection.execute(
            statement, [{"row_id": row_id, "value": value} for row_id, value in values.items()]
        )


@contextmanager
def batch_writer(database: Database) -> Iterator[BatchWriter]:
    """A writer whose statements are committed together at the end, or not at all."""
    with database.engine.begin() as connection:
        yield BatchWriter(connection)


def next_ids(database: Database, table_names: Collection[str]) -> dict[str, int]:
    """The first id not yet taken in each table (one above the highest)."""
    with database.reading() as session:
        return {
            name: (session.scalar(select(func.max(_table(name).c.id))) or 0) + 1
            for name in table_names
        }


def move_sequences_past_ids(database: Database, table_names: Collection[str]) -> None:
    """PostgreSQL: ids were given by the caller, so each table's sequence moves past them
    (nothing to do on SQLite, whose next id follows the highest one)."""
    if database.engine.dialect.name != "postgresql":
        return
    with database.engine.begin() as connection:
        for name in (_table(name).name for name in table_names):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
                )
            )


def refresh_planner_statistics(database: Database) -> None:
    """PostgreSQL: VACUUM ANALYZE after a bulk load, so the planner knows the tables' new
    sizes at once instead of when autovacuum gets to them (a fresh million-row table otherwise
    gets sequential scans), and the rollups' pages are marked all-visible for index-only scans.
    SQLite plans without statistics here."""
    if database.engine.dialect.name != "postgresql":
        return
    with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
