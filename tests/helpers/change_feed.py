"""The wall screens' change feed (``db.change_feed``) in tests: waiting for what a listener
hears, and ending its connection as a server restart would."""

from __future__ import annotations

import time
from collections.abc import Callable

from db.change_feed import LISTENER_NAME, ChangeFeed
from tests.helpers.database import postgres_admin_connection

HEAR_SECONDS = 5.0
"""Far more than a notification takes on one machine (milliseconds)."""


def eventually(check: Callable[[], bool], seconds: float = HEAR_SECONDS) -> bool:
    """Whether ``check()`` came true within ``seconds`` (asked every few milliseconds)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.005)
    return check()


def listening(feed: ChangeFeed) -> ChangeFeed:
    """The feed, once its listener is up (started by this first use)."""
    feed.stamp("warm-up")
    assert eventually(lambda: feed.listening), "the listener did not connect"
    return feed


def end_listeners(database_name: str) -> int:
    """End every listening connection to ``database_name`` (as a server restart does);
    how many were ended."""
    admin = postgres_admin_connection()
    try:
        ended = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE application_name = %s AND datname = %s",
            (LISTENER_NAME, database_name),
        ).fetchone()
    finally:
        admin.close()
    return int(ended[0]) if ended else 0
