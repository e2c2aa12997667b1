"""The ``INSERT`` that takes ``ON CONFLICT`` clauses, of the database's own dialect
(PostgreSQL, or SQLite >= 3.24): the one place that picks it for every upsert in ``db/``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def dialect_insert(executor: Session | Connection, table: Any) -> Any:
    """``insert(table)`` of the executor's dialect, so ``on_conflict_do_*`` can follow."""
    bind = executor.get_bind() if isinstance(executor, Session) else executor
    if bind.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)
