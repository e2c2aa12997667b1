"""Engines and sessions: one engine per database URL, one transaction per action."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from db.change_feed import ChangeFeed, watch_viewer_writes
from db.change_marker import watch_writes

T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_MS = 15_000


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    """Take SQLite's write lock when a transaction begins, so that two writers queue
    instead of one failing half-way with 'database is locked'."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(database_url: str, *, for_writing: bool = True) -> Engine:
    """An engine for the URL. On SQLite a writing engine takes the write lock when a
    transaction begins; a reading one does not, so reads never wait for a long write
    (WAL lets them read the last committed state)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _configure_sqlite_connection)
        # pysqlite's own transaction handling is switched off so BEGIN IMMEDIATE can be used.
        event.listen(
            engine,
            "connect",
            lambda dbapi_connection, _record: setattr(dbapi_connection, "isolation_level", None),
        )
        if for_writing:
            event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    """The app's handle on one database: its engine and a session factory."""

    def __init__(self, database_url: str) -> None:
        self.url = database_url
        self.engine = make_engine(database_url)
        self._read_engine = (
            make_engine(database_url, for_writing=False)
            if self.engine.dialect.name == "sqlite"
            else self.engine
        )
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        watch_writes(self._sessions)  # every transaction bumps the offices it wrote
        watch_viewer_writes(self._sessions)  # and announces a written account or kiosk link
        self._read_sessions = sessionmaker(self._read_engine, expire_on_commit=False)
        # PostgreSQL only: SQLite's reading connections already run without transactions
        # (pysqlite's own handling is off), and its dialect would issue PRAGMAs to switch.
        self._polling_engine = (
            create_engine(make_url(database_url), pool_pre_ping=False, isolation_level="AUTOCOMMIT")
            if self.engine.dialect.name == "postgresql"
            else self._read_engine
        )
        self._polling_sessions = sessionmaker(self._polling_engine, expire_on_commit=False)
        self.change_feed = (
            ChangeFeed(make_url(database_url)) if self.engine.dialect.name == "postgresql" else None
        )
        """The poll's reads kept between notifications (PostgreSQL; None on SQLite)."""

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together at the end, or not at all."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only; nothing it does is committed."""
        with self._read_sessions() as session:
            yield session

    def polling_read(self, read: Callable[[Session], T]) -> T:
        """``read(session)`` for the wall screens' poll, whose usual answer is one statement:
        each statement on its own (autocommit: no BEGIN and no ROLLBACK, which are round
        trips on PostgreSQL; on SQLite reads are so already; READ COMMITTED gives each
        statement its own snapshot inside a transaction too, so the reads see what
        ``reading`` would), on connections not pinged before use (a ping is a round trip as
        well). A connection the server dropped (a restart) is found by the read itself: the
        pool is then renewed and the read runs once more."""
        try:
            with self._polling_sessions() as session:
                return read(session)
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
        with self._polling_sessions() as session:
            return read(session)

    def dispose(self) -> None:
        if self.change_feed is not None:
            self.change_feed.stop()
        self.engine.dispose()
        self._read_engine.dispose()
        self._polling_engine.dispose()
