"""The wall screen's poll: "has anything changed since version N of day D?"

A poll reads the office's change marker and calendar in one statement. When the marker and
the showing day are what the screen already has, the answer is ``{"changed": false, ...}``
and nothing else runs; on PostgreSQL, while the worker's listener has heard of no write of
the marker or the viewer since it last read them (``db.change_feed``), not even the marker's
statement. Otherwise the snapshot of (office, version, day) is served: from this
process's cache, else from the database (another worker computed it), else computed here
once (a lock: concurrent polls of one process wait for the first) and stored for the other
workers. So a change costs one computation however many screens poll.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from dashboard.monitor import snapshot
from dashboard.monitor.showing_day import showing_day
from db.queries import live
from db.session import Database


@dataclass(frozen=True)
class SnapshotKey:
    office_id: int
    version: int
    day: date


class SnapshotCache:
    """The newest snapshot of each office in this process (JSON text), computed once.

    A cache, not a source of truth: a second worker has its own and finds the same snapshot
    in the database (``live_snapshot``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._newest: dict[int, tuple[SnapshotKey, str]] = {}

    def _cached(self, key: SnapshotKey) -> str | None:
        entry = self._newest.get(key.office_id)
        return entry[1] if entry is not None and entry[0] == key else None

    def get_or_compute(self, key: SnapshotKey, compute: Callable[[], str]) -> str:
        if (body := self._cached(key)) is not None:
            return body
        with self._lock:
            if (body := self._cached(key)) is not None:
                return body
            body = compute()
            entry = self._newest.get(key.office_id)
            if entry is None or entry[0].version <= key.version:  # a late poll keeps the newer
                self._newest[key.office_id] = (key, body)
            return body


def compact_json(value: object) -> str:
    """JSON as the screens receive it: UTF-8 text as is, no spaces."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _shared_body(database: Database, session: Session, key: SnapshotKey, now: datetime) -> str:
    """The snapshot another worker stored, or a new one computed and stored."""
    stored = live.stored_snapshot(session, key.office_id, key.version, key.day)
    if stored is not None:
        return stored
    body = compact_json(snapshot.build_snapshot(session, key.office_id, key.day, now))
    with database.transaction() as writing:
        return live.store_snapshot(writing, key.office_id, key.version, key.day, body, now)


def poll(
    database: Database,
    cache: SnapshotCache,
    office_id: int,
    *,
    since: int | None,
    day: date | None,
    now: datetime,
    build: str,
    read_marker: Callable[[Session], live.OfficeMarker] | None = None,
    recall_marker: Callable[[], live.OfficeMarker | None] | None = None,
) -> str:
    """The poll's answer as JSON text (see ``docs/live.md`` for the contract).

    ``read_marker`` reads the office's marker in the poll's session (default:
    ``live.office_marker``); the poll route's reader also checks the viewer in that statement.
    ``recall_marker`` answers the marker (the viewer checked) as last read, while no write of
    it has been announced since (``db.change_feed``), or None: when it equals what the screen
    has, the answer is "no change" without the database; any other answer reads it there.
    ``build`` is the app's build id (hexadecimal: written as it is)."""

    def unchanged(marker: live.OfficeMarker) -> bool:
        return since == marker.version and day == showing_day(now, marker)

    def answer(session: Session) -> str:
        marker = (
            live.office_marker(session, office_id) if read_marker is None else read_marker(session)
        )
        if unchanged(marker):
            return _unchanged_answer(marker.version, build)
        showing = showing_day(now, marker)
        key = SnapshotKey(office_id, marker.version, showing)
        body = cache.get_or_compute(key, lambda: _shared_body(database, session, key, now))
        head: dict[str, Any] = {
            "changed": True,
            "version": key.version,
            "day": key.day.isoformat(),
            "build": build,
        }
        return compact_json(head)[:-1] + ',"snapshot":' + body + "}"

    kept = None if recall_marker is None else recall_marker()
    if kept is not None and unchanged(kept):
        return _unchanged_answer(kept.version, build)  # no database: nothing announced since
    return database.polling_read(answer)


def _unchanged_answer(version: int, build: str) -> str:
    return f'{{"changed":false,"version":{version},"build":"{build}"}}'
