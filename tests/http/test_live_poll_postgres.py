"""The wall screen's poll on PostgreSQL, where each worker keeps the office's marker and the
viewer's check between notifications (``db.change_feed``): a poll that finds nothing new runs
no statement at all, a write at the desk reaches the next poll once it is heard, a disabled
monitor account and a revoked kiosk link are refused as soon as their write is heard, and
with the listener down every poll reads the database again (one statement) and answers the
same."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dash import Dash
from flask.testing import FlaskClient
from sqlalchemy.engine import make_url

from dashboard.office import kiosk_links, staff
from dashboard.visits import services as visits
from dashboard.web.context import app_state
from db.change_feed import ChangeFeed
from tests.helpers.change_feed import end_listeners, eventually, listening
from tests.helpers.database import PreparedDatabase, scratch_postgres_url
from tests.helpers.poll import POLL, poll, statements
from tests.helpers.staff import create_staff
from tests.helpers.web import act_now, app_with_every_role_on, sign_in


@pytest.fixture(scope="module")
def app() -> Iterator[Dash]:
    """The app on a PostgreSQL database of its own, one user per role."""
    with scratch_postgres_url("pst_poll") as url, app_with_every_role_on(url) as application:
        yield application


def feed_of(app: Dash) -> ChangeFeed:
    with app.server.app_context():
        feed = app_state().database.change_feed
    assert feed is not None
    return listening(feed)


def warm(screen: FlaskClient) -> dict:
    """Two polls: the first gets the snapshot, the second reads (and keeps) the marker."""
    first = poll(screen)
    assert poll(screen, first["version"], first["day"])["changed"] is False
    return first


def refused_soon(screen: FlaskClient, query: dict) -> bool:
    """Whether the screen's poll is refused (401, nothing of the office said) once the
    write has been heard."""

    def refused() -> bool:
        response = screen.get(POLL, query_string=query)
        return response.status_code == 401 and "changed" not in response.get_data(as_text=True)

    return eventually(refused)


def test_a_poll_with_nothing_new_runs_no_statement(app: Dash) -> None:
    feed_of(app)
    screen = sign_in(app, "monitor")
    first = warm(screen)
    with statements() as seen:
        again = poll(screen, first["version"], first["day"])
    assert again == {"changed": False, "version": first["version"], "build": first["build"]}
    assert seen == []


def test_a_write_at_the_desk_reaches_the_poll(app: Dash) -> None:
    feed_of(app)
    screen = sign_in(app, "monitor")
    first = warm(screen)
    visit = act_now(app, lambda s, a: visits.start_visit(s, a))
    assert eventually(lambda: poll(screen, first["version"], first["day"])["changed"])
    after = poll(screen, first["version"], first["day"])
    assert after["version"] == first["version"] + 1
    assert visit.code in {row["code"] for row in after["snapshot"]["in_progress"]}
    assert poll(screen, after["version"], after["day"])["changed"] is False


def test_a_disabled_monitor_account_is_refused_by_the_poll(app: Dash) -> None:
    feed_of(app)
    with app.server.app_context():
        state = app_state()
        create_staff(PreparedDatabase(state.database, state.office_id), "monitor-pg", "monitor")
    screen = sign_in(app, "monitor-pg")
    first = warm(screen)
    with statements() as seen:  # kept: the check answers from memory until a write
        assert poll(screen, first["version"], first["day"])["changed"] is False
    assert seen == []
    act_now(app, lambda s, a: staff.disable_user(s, a, "monitor-pg"), username="admin")
    current = poll(sign_in(app, "monitor"))
    assert refused_soon(screen, {"since": current["version"], "day": current["day"]})
    assert refused_soon(screen, {})


def test_a_revoked_kiosk_link_is_refused_by_the_poll(app: Dash) -> None:
    feed_of(app)
    made = act_now(app, lambda s, a: kiosk_links.create_kiosk_link(s, a, "TV PostgreSQL"))
    screen = app.server.test_client()
    assert screen.get(f"/monitor/masuk/{made.token}").status_code == 302
    first = warm(screen)
    with statements() as seen:
        assert poll(screen, first["version"], first["day"])["changed"] is False
    assert seen == []
    act_now(app, lambda s, a: kiosk_links.revoke_kiosk_link(s, a, made.id), username="admin")
    current = poll(sign_in(app, "monitor"))
    assert refused_soon(screen, {"since": current["version"], "day": current["day"]})


def test_without_the_listener_every_poll_reads_the_database(
    app: Dash, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = feed_of(app)
    screen = sign_in(app, "monitor")
    first = warm(screen)
    real_connect = feed._connect

    def refused() -> None:
        raise OSError("the server is not there")

    monkeypatch.setattr(feed, "_connect", refused)
    with app.server.app_context():
        name = make_url(app_state().database.url).database
    assert end_listeners(name) >= 1
    assert eventually(lambda: not feed.listening)
    for _ in range(2):  # nothing is kept meanwhile: each poll reads the marker
        with statements() as seen:
            assert poll(screen, first["version"], first["day"])["changed"] is False
        assert len(seen) == 1 and "office_change" in seen[0] and "staff_user" in seen[0], seen
    visit = act_now(app, lambda s, a: visits.start_visit(s, a))
    after = poll(screen, first["version"], first["day"])  # at once: read from the database
    assert after["changed"] is True
    assert visit.code in {row["code"] for row in after["snapshot"]["in_progress"]}
    monkeypatch.setattr(feed, "_connect", real_connect)
    assert eventually(lambda: feed.listening, seconds=40.0)
    warm(screen)
    with statements() as seen:
        poll(screen, after["version"], after["day"])
    assert seen == []


def test_desk_roles_are_refused_every_time(app: Dash) -> None:
    """A refused viewer is never kept: its polls for the current version stay 403."""
    feed_of(app)
    current = warm(sign_in(app, "monitor"))
    query = {"since": current["version"], "day": current["day"]}
    for role in ("officer", "treasurer"):
        screen = sign_in(app, role)
        for _ in range(3):
            assert screen.get(POLL, query_string=query).status_code == 403
