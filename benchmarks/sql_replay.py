"""The bare SQL of a request: the statements (and commits/rollbacks) one request ran,
captured with SQLAlchemy cursor events, re-run raw through the DBAPI with every row fetched —
the floor a benchmark sets its figure beside (``monitor_bench``, ``trends_bench``)."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event

SKIPPED_SQL = ("PRAGMA", "SAVEPOINT", "RELEASE")


@dataclass(frozen=True)
class Statement:
    engine: Engine
    connection: int
    """Which of the poll's connections ran it (replayed on as many raw connections)."""
    sql: str | None
    """None: the connection's transaction ended here (``end``)."""
    parameters: Any = None
    many: bool = False
    end: str = ""


@contextlib.contextmanager
def captured_statements() -> Iterator[list[Statement]]:
    """Every statement (and commit/rollback) run by any engine meanwhile, in order."""
    statements: list[Statement] = []

    def on_execute(conn, _cursor, sql, parameters, _context, many):  # type: ignore[no-untyped-def]
        if not sql.lstrip().upper().startswith(SKIPPED_SQL):
            statements.append(Statement(conn.engine, id(conn.connection), sql, parameters, many))

    def on_end(kind: str) -> Callable[..., None]:
        def listener(conn, *_args):  # type: ignore[no-untyped-def]
            statements.append(Statement(conn.engine, id(conn.connection), None, end=kind))

        return listener

    on_commit, on_rollback = on_end("commit"), on_end("rollback")
    event.listen(Engine, "before_cursor_execute", on_execute)
    event.listen(Engine, "commit", on_commit)
    event.listen(Engine, "rollback", on_rollback)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", on_execute)
        event.remove(Engine, "commit", on_commit)
        event.remove(Engine, "rollback", on_rollback)


def replay(statements: list[Statement], connections: dict[int, Any]) -> list[float]:
    """Run the statements through the DBAPI, fetching every row, ending transactions where
    the poll ended them; the milliseconds of each."""
    timings = []
    for statement in statements:
        started = time.perf_counter()
        raw = connections[statement.connection]
        if statement.sql is None:
            raw.commit() if statement.end == "commit" else raw.rollback()
        else:
            cursor = raw.cursor()
            if statement.many:
                cursor.executemany(statement.sql, statement.parameters)
            else:
                cursor.execute(statement.sql, statement.parameters)
            if cursor.description is not None:
                cursor.fetchall()
            cursor.close()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def describe_statement(statement: Statement) -> str:
    """A statement in a few words: its verb and first table (``SELECT visit``)."""
    if statement.sql is None:
        return statement.end
    words = statement.sql.split()
    table = re.search(r"\b(?:FROM|INTO|UPDATE)\s+(\w+)", statement.sql)
    return f"{words[0]} {table.group(1) if table else ''}".strip()
