"""The bare SQL of a request: the statements (and commits/rollbacks) one request ran,
captured with SQLAlchemy cursor events, re-run raw through the DBAPI with every row fetched —
the floor a benchmark sets its figure beside (``monitor_bench``, ``trends_bench``)."""

from __future__ import annotations

import contextlib
import re
import statistics
import sys
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
    origin: str = ""
    """The function of ``db/queries`` (or else of ``dashboard``) that ran it."""


@contextlib.contextmanager
def captured_statements() -> Iterator[list[Statement]]:
    """Every statement (and commit/rollback) run by any engine meanwhile, in order."""
    statements: list[Statement] = []

    def on_execute(conn, _cursor, sql, parameters, _context, many):  # type: ignore[no-untyped-def]
        if not sql.lstrip().upper().startswith(SKIPPED_SQL):
            statements.append(
                Statement(conn.engine, id(conn.connection), sql, parameters, many, "", origin())
            )

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


def origin() -> str:
    """The innermost caller in ``db/queries/`` (else in ``dashboard/``) as ``module.function``."""
    frame = sys._getframe(1)
    fallback = ""
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module.startswith("db.queries."):
            return f"{module.removeprefix('db.queries.')}.{frame.f_code.co_name}"
        if not fallback and module.startswith("dashboard."):
            fallback = f"{module.removeprefix('dashboard.')}.{frame.f_code.co_name}"
        frame = frame.f_back
    return fallback


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


def slowest(statements: list[Statement], runs: list[list[float]], count: int) -> list[str]:
    """The ``count`` statements of the longest median over the replayed ``runs``, described
    (verb, table, the function that ran it) with their median milliseconds."""
    medians = [statistics.median(column) for column in zip(*runs, strict=True)]
    order = sorted(range(len(medians)), key=medians.__getitem__, reverse=True)[:count]
    return [
        f"{medians[index]:8.2f} ms  {describe_statement(statements[index])}"
        + (f" ({statements[index].origin})" if statements[index].origin else "")
        for index in order
    ]
