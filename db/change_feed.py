"""PostgreSQL's LISTEN/NOTIFY for the wall screens' poll: writers announce what they changed,
and each worker process keeps the poll's last reads (an office's marker, a viewer's account
or kiosk link) while nothing has been announced about them, so a poll that finds nothing new
answers without a round trip to the database.

The database stays the only copy of truth; what is kept here is a read of it, dropped
- when a notification names its topic (``office:<id>``: the marker was bumped, at the commit
  of the bumping transaction: NOTIFY is delivered at commit and never on a rollback;
  ``viewers``: a staff account or kiosk link was written),
- whenever the listening connection is not up (startup, a lost connection, a server
  restart): nothing is kept or answered from memory until it listens again,
- and after a bounded lifetime in any case (``MARKER_SECONDS``, ``VIEWER_SECONDS``), a
  safety net should a notification ever be missed without the connection being noticed as
  lost.

A read is kept only when no notification of its topic arrived between the moment before it
ran and the moment it is kept (a *stamp*: the connection's epoch and the topic's
generation), so a write committed while it ran can never leave a stale copy behind.

Each process listens on its own connection in a daemon thread, started on first use (after a
fork: a gunicorn worker starts its own; a thread never survives a fork). SQLite has no
notifications: ``Database.change_feed`` is None there and every poll reads the database.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import Connection, event, func, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from db.models import KioskLink, StaffUser

CHANNEL = "pst_live"
"""The notification channel of the live screens."""
VIEWERS = "viewers"
"""The topic of staff accounts and kiosk links: who may watch a screen."""
MARKER_SECONDS = 3.0
"""At most this old is a kept office marker answered from memory: a screen sees a change
within its poll interval plus this, even if a notification were lost."""
VIEWER_SECONDS = 30.0
"""At most this old is a kept viewer check (a revocation is announced at once; this bounds
it should the announcement be lost)."""
WAKE_SECONDS = 1.0
"""The listener looks up from waiting this often (to stop, when asked)."""
RETRY_SECONDS = (0.5, 30.0)
"""The wait before listening again after a failure: the first, and the longest (doubled)."""
KEEPALIVE = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "connect_timeout": 5,
}
"""libpq's TCP keepalives: a listening connection whose server vanished is noticed."""
VIEWER_MODELS = (StaffUser, KioskLink)
LISTENER_NAME = "pst-change-feed"
"""The listening connections' ``application_name`` (as ``pg_stat_activity`` shows them)."""


def office_topic(office_id: int) -> str:
    return f"office:{office_id}"


def notify(executor: Session | Connection, topics: Iterable[str]) -> None:
    """Announce ``topics`` to every listening process when the caller's transaction commits
    (PostgreSQL's NOTIFY; nothing on SQLite, nothing on a rollback)."""
    bind = executor.get_bind() if isinstance(executor, Session) else executor
    payload = ",".join(sorted(set(topics)))
    if bind.dialect.name == "postgresql" and payload:
        executor.execute(select(func.pg_notify(CHANNEL, payload)))


def _after_flush(session: Session, _flush_context: Any) -> None:
    if any(
        isinstance(row, VIEWER_MODELS) for row in (*session.new, *session.dirty, *session.deleted)
    ):
        notify(session.connection(), [VIEWERS])


def _do_orm_execute(state: ORMExecuteState) -> None:
    """A bulk UPDATE or DELETE of accounts or links (not a unit-of-work flush)."""
    mapper = state.bind_mapper
    written = state.is_update or state.is_delete
    if written and mapper is not None and issubclass(mapper.class_, VIEWER_MODELS):
        notify(state.session.connection(), [VIEWERS])


def watch_viewer_writes(sessions: sessionmaker[Session]) -> None:
    """Announce ``VIEWERS`` from every transaction of these sessions that writes a staff
    account or a kiosk link."""
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _do_orm_execute)


Stamp = tuple[int, int]
"""What a read was taken against: the listening connection's epoch, the topic's generation."""


@dataclass(frozen=True)
class _Kept:
    value: Any
    stamp: Stamp
    read_at: float


class ChangeFeed:
    """One process's listener on ``CHANNEL`` and the reads it keeps (see the module text)."""

    def __init__(self, url: URL) -> None:
        self._conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._pid: int | None = None
        self._start_lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._listening = False
        self._epoch = 0
        self._generations: dict[str, int] = {}
        self._kept: dict[tuple[str, Hashable], _Kept] = {}
        self._stopping = threading.Event()

    # -- the reads kept ----------------------------------------------------------------------

    def stamp(self, topic: str) -> Stamp | None:
        """Take before a read of ``topic``; None: not listening (the read is not kept)."""
        self._ensure_listener()
        with self._lock:
            return self._stamp(topic) if self._listening else None

    def _stamp(self, topic: str) -> Stamp:
        return (self._epoch, self._generations.get(topic, 0))

    def keep(self, topic: str, key: Hashable, value: Any, stamp: Stamp | None) -> None:
        """Keep ``value`` (read after ``stamp`` was taken) unless ``topic`` was announced
        since, or the listener has lost its connection since."""
        if stamp is None:
            return
        with self._lock:
            if self._listening and stamp == self._stamp(topic):
                self._kept[(topic, key)] = _Kept(value, stamp, time.monotonic())

    def recall(self, topic: str, key: Hashable, lifetime: float) -> Any | None:
        """The value kept for ``key`` of ``topic`` while still true, else None."""
        self._ensure_listener()
        with self._lock:
            kept = self._kept.get((topic, key))
            if kept is None or not self._listening or kept.stamp != self._stamp(topic):
                return None
            if time.monotonic() - kept.read_at > lifetime:
                del self._kept[(topic, key)]
                return None
            return kept.value

    @property
    def listening(self) -> bool:
        return self._listening

    # -- the listener ------------------------------------------------------------------------

    def _ensure_listener(self) -> None:
        """Start this process's listener once (again in a forked child)."""
        if self._pid == os.getpid():
            return
        with self._start_lock:
            if self._pid == os.getpid():
                return
            if self._pid is not None:  # forked: the parent's thread and reads are not ours
                self._reset()
            self._pid = os.getpid()
            threading.Thread(target=self._listen, name="pst-change-feed", daemon=True).start()

    def _went_live(self) -> None:
        with self._lock:
            if self._stopping.is_set():
                return
            self._epoch += 1
            self._kept.clear()
            self._listening = True

    def _went_dark(self) -> None:
        with self._lock:
            self._listening = False
            self._epoch += 1
            self._kept.clear()

    def _announced(self, payload: str) -> None:
        topics = set(payload.split(","))
        with self._lock:
            for topic in topics:
                self._generations[topic] = self._generations.get(topic, 0) + 1
            self._kept = {key: kept for key, kept in self._kept.items() if key[0] not in topics}

    def _connect(self) -> psycopg.Connection[Any]:
        return psycopg.connect(
            self._conninfo, autocommit=True, application_name=LISTENER_NAME, **KEEPALIVE
        )

    def _listen(self) -> None:
        stopping = self._stopping
        delay = RETRY_SECONDS[0]
        while not stopping.is_set():
            try:
                with self._connect() as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self._went_live()
                    delay = RETRY_SECONDS[0]
                    while not stopping.is_set():
                        for note in connection.notifies(timeout=WAKE_SECONDS):
                            self._announced(note.payload)
            except Exception:  # whatever ends it (a lost server, a bad payload): listen again
                pass
            finally:
                self._went_dark()
            stopping.wait(delay)
            delay = min(delay * 2, RETRY_SECONDS[1])

    def stop(self) -> None:
        """Stop listening (the thread ends within ``WAKE_SECONDS``); nothing is kept after."""
        self._stopping.set()
        self._went_dark()
