"""The change feed of the wall screens' poll (``db.change_feed``) on a real PostgreSQL server:
a worker keeps a read only while nothing about it is announced; a write committed by another
worker (another ``Database``: its own engine and listener) is heard; a rolled-back write is
not; a read overtaken by an announcement is never kept; staff accounts and kiosk links are
announced, by the unit of work and by a bulk UPDATE alike; nothing is kept while the listener
is down, and it listens again by itself; a forked process listens on its own. On SQLite
there is no feed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import make_url

from dashboard.audit import Actor
from dashboard.office import kiosk_links, staff
from db.change_feed import VIEWERS, ChangeFeed, office_topic
from db.change_marker import bump_offices
from db.queries import kiosk_links as kiosk_queries
from db.queries.live import OfficeMarker, office_marker
from db.reference_data import OfficeSeed, ensure_office
from db.session import Database
from tests.helpers.change_feed import end_listeners, eventually, listening
from tests.helpers.database import PreparedDatabase, prepared_backend
from tests.helpers.staff import create_staff, fast_password_hashing

OTHER_OFFICE = OfficeSeed(code="9841", name="BPS Uji Umpan", city="Uji")
LONG = 3600.0
"""The lifetime asked of a kept read here: what drops it is an announcement, never its age."""


@pytest.fixture
def writer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> PreparedDatabase:
    """The desk's side: the prepared PostgreSQL database (one engine)."""
    fast_password_hashing(monkeypatch)
    return prepared_backend(request, "postgresql")


@pytest.fixture
def worker(writer: PreparedDatabase) -> Iterator[Database]:
    """Another worker on the same database: its own engine and its own listener."""
    database = Database(writer.database.url)
    try:
        yield database
    finally:
        database.dispose()


def feed_of(database: Database) -> ChangeFeed:
    assert database.change_feed is not None
    return listening(database.change_feed)


def kept_marker(worker: Database, office_id: int) -> OfficeMarker:
    """The worker reads the office's marker and keeps it, as the poll does."""
    feed = feed_of(worker)
    stamp = feed.stamp(office_topic(office_id))
    marker = worker.polling_read(lambda session: office_marker(session, office_id))
    feed.keep(office_topic(office_id), office_id, marker, stamp)
    assert feed.recall(office_topic(office_id), office_id, LONG) == marker
    return marker


def recalled(worker: Database, office_id: int) -> OfficeMarker | None:
    return feed_of(worker).recall(office_topic(office_id), office_id, LONG)


def bump(prepared: PreparedDatabase, office_id: int) -> None:
    with prepared.database.transaction() as session:
        bump_offices(session, [office_id])


def actor(prepared: PreparedDatabase) -> Actor:
    return Actor(None, prepared.office_id, datetime.now(UTC))


def test_a_write_of_another_worker_drops_the_kept_marker(
    writer: PreparedDatabase, worker: Database
) -> None:
    before = kept_marker(worker, writer.office_id)
    create_staff(writer, "petugas-feed", "officer")  # an audited write: bumps the office
    assert eventually(lambda: recalled(worker, writer.office_id) is None)
    after = kept_marker(worker, writer.office_id)
    assert after.version == before.version + 1


def test_only_the_written_office_is_announced(writer: PreparedDatabase, worker: Database) -> None:
    with writer.database.transaction() as session:
        other = ensure_office(session, OTHER_OFFICE).id
    kept_marker(worker, writer.office_id)
    kept_marker(worker, other)
    bump(writer, other)
    assert eventually(lambda: recalled(worker, other) is None)
    assert recalled(worker, writer.office_id) is not None


def test_a_rolled_back_write_announces_nothing(writer: PreparedDatabase, worker: Database) -> None:
    with writer.database.transaction() as session:
        other = ensure_office(session, OTHER_OFFICE).id
    kept_marker(worker, writer.office_id)
    kept_marker(worker, other)
    with pytest.raises(RuntimeError), writer.database.transaction() as session:
        bump_offices(session, [writer.office_id])
        raise RuntimeError("the action fails: its transaction rolls back")
    # Notifications arrive in commit order: once a later commit is heard, the rolled-back
    # one would have been heard before it.
    bump(writer, other)
    assert eventually(lambda: recalled(worker, other) is None)
    assert recalled(worker, writer.office_id) is not None


def test_a_read_overtaken_by_an_announcement_is_not_kept(
    writer: PreparedDatabase, worker: Database
) -> None:
    feed = feed_of(worker)
    topic = office_topic(writer.office_id)
    stamp = feed.stamp(topic)
    old = worker.polling_read(lambda session: office_marker(session, writer.office_id))
    bump(writer, writer.office_id)  # committed while the read was "on its way"
    assert eventually(lambda: feed.stamp(topic) != stamp)
    feed.keep(topic, writer.office_id, old, stamp)
    assert feed.recall(topic, writer.office_id, LONG) is None


def _kept_viewer(feed: ChangeFeed) -> None:
    feed.keep(VIEWERS, "screen", "monitor", feed.stamp(VIEWERS))
    assert feed.recall(VIEWERS, "screen", LONG) == "monitor"


def test_a_disabled_account_is_announced(writer: PreparedDatabase, worker: Database) -> None:
    create_staff(writer, "monitor-feed", "monitor")
    feed = feed_of(worker)
    _kept_viewer(feed)
    with writer.database.transaction() as session:
        staff.disable_user(session, actor(writer), "monitor-feed")
    assert eventually(lambda: feed.recall(VIEWERS, "screen", LONG) is None)


def test_kiosk_link_writes_are_announced(writer: PreparedDatabase, worker: Database) -> None:
    with writer.database.transaction() as session:
        made = kiosk_links.create_kiosk_link(session, actor(writer), "TV umpan")
    feed = feed_of(worker)
    _kept_viewer(feed)
    with writer.database.transaction() as session:  # a bulk UPDATE, not the unit of work
        kiosk_queries.mark_kiosk_link_used(session, made.id, datetime.now(UTC))
    assert eventually(lambda: feed.recall(VIEWERS, "screen", LONG) is None)
    _kept_viewer(feed)
    with writer.database.transaction() as session:
        kiosk_links.revoke_kiosk_link(session, actor(writer), made.id)
    assert eventually(lambda: feed.recall(VIEWERS, "screen", LONG) is None)


def test_a_kept_read_lives_no_longer_than_asked(writer: PreparedDatabase, worker: Database) -> None:
    kept_marker(worker, writer.office_id)
    feed = feed_of(worker)
    assert eventually(
        lambda: feed.recall(office_topic(writer.office_id), writer.office_id, 0.05) is None,
        seconds=1.0,
    )


def test_nothing_is_kept_while_the_listener_is_down(
    writer: PreparedDatabase, worker: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = feed_of(worker)
    kept_marker(worker, writer.office_id)
    real_connect = feed._connect

    def refused() -> None:
        raise OSError("the server is not there")

    monkeypatch.setattr(feed, "_connect", refused)
    assert end_listeners(make_url(writer.database.url).database) >= 1
    topic = office_topic(writer.office_id)
    assert eventually(lambda: not feed.listening)
    assert feed.recall(topic, writer.office_id, LONG) is None
    stamp = feed.stamp(topic)
    assert stamp is None  # a read now is not kept
    feed.keep(topic, writer.office_id, "anything", stamp)
    assert feed.recall(topic, writer.office_id, LONG) is None
    monkeypatch.setattr(feed, "_connect", real_connect)  # the server is back
    assert eventually(lambda: feed.listening, seconds=40.0)  # at most the longest retry
    kept_marker(worker, writer.office_id)


def test_a_forked_process_listens_on_its_own(writer: PreparedDatabase, worker: Database) -> None:
    """As a gunicorn worker forked from a master that already used the feed: the child
    keeps none of the parent's reads and starts its own listener."""
    kept_marker(worker, writer.office_id)
    feed = feed_of(worker)
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the child: report and leave without running pytest's teardown
        os.close(reading)
        fresh = recalled(worker, writer.office_id) is None
        heard = eventually(lambda: feed.listening)
        os.write(writing, f"{int(fresh)}{int(heard)}".encode())
        os._exit(0)
    os.close(writing)
    with os.fdopen(reading) as report:
        answer = report.read()
    os.waitpid(child, 0)
    assert answer == "11", answer
    assert recalled(worker, writer.office_id) is not None  # the parent's own is untouched


def test_sqlite_has_no_feed(sqlite_url: str) -> None:
    database = Database(sqlite_url)
    try:
        assert database.change_feed is None
    finally:
        database.dispose()
