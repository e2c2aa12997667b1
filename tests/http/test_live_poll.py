"""The wall screen's poll (``/api/v1/monitor/poll``) through Flask's test client: a poll that
finds nothing new runs one statement (the marker read, no aggregate), a change is answered
with the snapshot, computed once for every screen and every worker, only the monitor, head and
admin may poll, and nothing personal is in the answer."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from dash import Dash
from flask.testing import FlaskClient

from dashboard import create_app, sop
from dashboard.audit import Actor
from dashboard.clock import local_date, utc_now
from dashboard.monitor import snapshot
from dashboard.monitor.showing_day import showing_day
from dashboard.office import kiosk_links, staff
from dashboard.visits import services as visits
from dashboard.visits.guest_book import validate_guest_book
from dashboard.web.context import app_state
from db.queries import live
from tests.helpers.database import PreparedDatabase
from tests.helpers.poll import POLL, poll, statements
from tests.helpers.staff import create_staff
from tests.helpers.web import act_now, post_login, sign_in

VISITOR_NAME = "Rahmawati Pengunjung Rahasia"
VISITOR_PHONE = "0812 7777 1234"
VISITOR_EMAIL = "rahmawati.rahasia@contoh.id"


def write(app: Dash, action: Callable[[Any, Actor], Any]) -> Any:
    """One action of the officer at the desk, now, in one transaction."""
    return act_now(app, action)


def new_visit(app: Dash) -> tuple[int, str]:
    visit = write(app, lambda s, a: visits.start_visit(s, a))
    return visit.id, visit.code


def guest_visit(app: Dash) -> str:
    """A visit with the visitor's name, phone and e-mail in the guest book (step 3 done)."""
    visit_id, code = new_visit(app)
    write(app, lambda s, a: visits.record_screening(s, a, visit_id, True, "36,5", Decimal(38)))
    write(app, lambda s, a: visits.place_bag(s, a, visit_id, 7, 30))
    entry = validate_guest_book(
        name=VISITOR_NAME,
        gender="P",
        birth_year="1990",
        education="s1",
        occupation="pns",
        institution="Dinas Uji",
        institution_type="pemerintah",
        phone=VISITOR_PHONE,
        email=VISITOR_EMAIL,
        current_year=utc_now().year,
    )
    write(app, lambda s, a: visits.record_guest_book(s, a, visit_id, entry))
    return code


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str]]:
    """Each call of the snapshot builder: (office, day)."""
    calls: list[tuple[int, str]] = []
    real = snapshot.build_snapshot

    def counted(session: Any, office_id: int, day: Any, now: datetime) -> dict:
        calls.append((office_id, day.isoformat()))
        return real(session, office_id, day, now)

    monkeypatch.setattr(snapshot, "build_snapshot", counted)
    return calls


def test_a_poll_with_nothing_new_reads_the_marker_only(
    login: Callable[[str], FlaskClient], builds: list[tuple[int, str]]
) -> None:
    screen = login("monitor")
    first = poll(screen)
    assert first["changed"] is True
    with statements() as seen:
        again = poll(screen, first["version"], first["day"])
    assert again == {"changed": False, "version": first["version"], "build": first["build"]}
    # ONE statement: the marker read, which also checks the session's account (the poll
    # signs its viewer in there: Flask-Login's own account lookup does not run)
    assert len(seen) == 1, seen
    marker_reads = [sql for sql in seen if "office_change" in sql]
    assert len(marker_reads) == 1 and "staff_user" in marker_reads[0], seen
    for word in ("count(", "sum(", "visit", "live_snapshot", "sop_step"):
        assert word not in marker_reads[0].lower(), marker_reads[0]
    assert len(builds) <= 1


def test_a_write_is_answered_with_the_new_snapshot(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    screen = login("monitor")
    before = poll(screen)
    assert poll(screen, before["version"], before["day"])["changed"] is False
    visit_id, code = new_visit(app)
    after = poll(screen, before["version"], before["day"])
    assert after["changed"] is True
    assert after["version"] == before["version"] + 1
    assert after["build"] == before["build"]
    shown = after["snapshot"]
    assert shown["date"] == after["day"]
    visit = next(row for row in shown["in_progress"] if row["code"] == code)
    assert (visit["step"], visit["waiting"], visit["target_minutes"]) == (1, False, None)
    assert visit["started_at"] == visit["since"] and visit["started_at"].endswith("Z")
    assert poll(screen, after["version"], after["day"])["changed"] is False
    write(app, lambda s, a: visits.record_screening(s, a, visit_id, True, "36,5", Decimal(38)))
    later = poll(screen, after["version"], after["day"])
    assert later["version"] == after["version"] + 1
    visit = next(row for row in later["snapshot"]["in_progress"] if row["code"] == code)
    bag_rack = sop.STEP_BY_NUMBER[sop.BAG_RACK]
    assert (visit["step"], visit["step_label"]) == (sop.BAG_RACK, bag_rack.label)
    assert visit["target_minutes"] == bag_rack.target_minutes


def test_the_day_shown_follows_the_office_calendar(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    answer = poll(login("head"))
    with app.server.app_context(), app_state().database.reading() as session:
        expected = showing_day(utc_now(), live.office_marker(session, app_state().office_id))
    assert answer["day"] == expected.isoformat()
    # a screen still on another day gets the snapshot even when the version is the same
    stale_day = poll(login("head"), answer["version"], "2020-01-02")
    assert stale_day["changed"] is True and stale_day["day"] == expected.isoformat()


def test_every_screen_shares_one_computation(
    app: Dash, login: Callable[[str], FlaskClient], builds: list[tuple[int, str]]
) -> None:
    new_visit(app)
    screens = [login("monitor"), login("head"), login("admin")]
    answers = [poll(screen) for screen in screens]
    assert len(builds) == 1
    assert len({answer["version"] for answer in answers}) == 1
    assert answers[0]["snapshot"] == answers[1]["snapshot"] == answers[2]["snapshot"]
    # a screen that already has it is told "no change"
    with statements() as seen:
        assert poll(screens[1], answers[0]["version"], answers[0]["day"])["changed"] is False
    assert len(seen) == 1


def test_concurrent_polls_compute_once(
    app: Dash,
    login: Callable[[str], FlaskClient],
    builds: list[tuple[int, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    new_visit(app)
    counted = snapshot.build_snapshot

    def slow(*args: Any) -> dict:
        time.sleep(0.3)  # long enough for every screen to ask while it is being computed
        return counted(*args)

    monkeypatch.setattr(snapshot, "build_snapshot", slow)
    screens = [login("monitor") for _ in range(4)]
    answers: list[dict] = []
    threads = [threading.Thread(target=lambda s=s: answers.append(poll(s))) for s in screens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 4
    assert len(builds) == 1
    assert len({answer["version"] for answer in answers}) == 1


def test_a_second_worker_reuses_the_stored_snapshot(
    app: Dash, login: Callable[[str], FlaskClient], builds: list[tuple[int, str]]
) -> None:
    new_visit(app)
    first = poll(login("monitor"))
    assert len(builds) == 1
    with app.server.app_context():
        settings = app_state().settings
    worker = create_app(settings)  # another process on the same database, own cache
    try:
        screen = worker.server.test_client()
        post_login(screen, "monitor", "rahasia-uji-123")
        second = poll(screen)
    finally:
        with worker.server.app_context():
            app_state().database.dispose()
    assert len(builds) == 1
    assert second["version"] == first["version"]
    assert second["snapshot"] == first["snapshot"]


def test_old_snapshots_are_pruned(app: Dash, login: Callable[[str], FlaskClient]) -> None:
    screen = login("monitor")
    poll(screen)
    new_visit(app)
    newest = poll(screen)
    with app.server.app_context(), app_state().database.reading() as session:
        office_id = app_state().office_id
        day = datetime.fromisoformat(newest["day"]).date()
        assert live.stored_snapshot(session, office_id, newest["version"], day) is not None
        assert live.stored_snapshot(session, office_id, newest["version"] - 1, day) is None


def test_no_personal_data_in_the_answer(app: Dash, login: Callable[[str], FlaskClient]) -> None:
    code = guest_visit(app)
    response = login("monitor").get(POLL)
    text = response.get_data(as_text=True)
    assert code in text
    for personal in (VISITOR_NAME, "Rahmawati", VISITOR_PHONE, "0812", VISITOR_EMAIL, "Dinas Uji"):
        assert personal not in text
    visit = next(
        row for row in response.get_json()["snapshot"]["in_progress"] if row["code"] == code
    )
    assert set(visit) == {
        "code",
        "step",
        "step_label",
        "waiting",
        "queued_at",
        "started_at",
        "since",
        "target_minutes",
    }


@pytest.mark.parametrize("role", ["officer", "treasurer"])
def test_desk_roles_may_not_poll(login: Callable[[str], FlaskClient], role: str) -> None:
    assert login(role).get(POLL).status_code == 403


@pytest.mark.parametrize("role", ["monitor", "head", "admin"])
def test_screen_roles_may_poll(login: Callable[[str], FlaskClient], role: str) -> None:
    assert poll(login(role))["build"]


def test_anonymous_poll_is_refused_with_401(client: FlaskClient) -> None:
    response = client.get(POLL)
    assert response.status_code == 401
    assert "Location" not in response.headers


def test_a_disabled_account_is_refused_by_the_poll(app: Dash) -> None:
    """The poll checks the account itself (the guard lets it through): once the account is
    disabled, its still-signed cookie gets the guard's 401, on the no-change path too."""
    with app.server.app_context():
        state = app_state()
        create_staff(PreparedDatabase(state.database, state.office_id), "monitor-lama", "monitor")
    screen = sign_in(app, "monitor-lama")
    first = poll(screen)
    write(app, lambda s, a: staff.disable_user(s, a, "monitor-lama"))
    current = poll(sign_in(app, "monitor"))
    for query in ({}, {"since": current["version"], "day": current["day"]}, {"since": "x"}):
        response = screen.get(POLL, query_string=query)
        assert response.status_code == 401, (query, response.get_data(as_text=True))
        assert "Location" not in response.headers
        assert "changed" not in response.get_data(as_text=True)
    assert first["changed"] is True


def test_a_revoked_kiosk_link_is_refused_by_the_poll(app: Dash) -> None:
    """A kiosk session polls in one statement too (its link read in the marker's), and is
    refused with 401 once the link is revoked."""
    made = write(app, lambda s, a: kiosk_links.create_kiosk_link(s, a, "TV poll"))
    screen = app.server.test_client()
    assert screen.get(f"/monitor/masuk/{made.token}").status_code == 302
    first = poll(screen)
    with statements() as seen:
        again = poll(screen, first["version"], first["day"])
    assert again["changed"] is False
    assert len(seen) == 1 and "kiosk_link" in seen[0] and "office_change" in seen[0], seen
    write(app, lambda s, a: kiosk_links.revoke_kiosk_link(s, a, made.id))
    current = poll(sign_in(app, "monitor"))
    for query in ({}, {"since": current["version"], "day": current["day"]}, {"day": "x"}):
        response = screen.get(POLL, query_string=query)
        assert response.status_code == 401, (query, response.get_data(as_text=True))
        assert "changed" not in response.get_data(as_text=True)


def test_refusals_come_before_bad_input(
    client: FlaskClient, login: Callable[[str], FlaskClient]
) -> None:
    assert client.get(f"{POLL}?since=abc").status_code == 401
    assert login("officer").get(f"{POLL}?since=abc").status_code == 403


def test_only_the_polls_get_passes_the_guard_unchecked(client: FlaskClient) -> None:
    """The guard lets the poll route through (it checks its viewer itself), nothing else."""
    assert client.post(POLL).status_code == 401
    assert client.get(f"{POLL}/").status_code == 401
    assert client.get("/api/v1/today").status_code == 401


@pytest.mark.parametrize("query", ["since=abc", "since=-1", "day=26-11-2026", "day=kemarin"])
def test_bad_input_is_a_clear_400(login: Callable[[str], FlaskClient], query: str) -> None:
    response = login("monitor").get(f"{POLL}?{query}")
    assert response.status_code == 400
    assert "harus" in response.get_json()["error"]


def test_health_and_poll_report_the_same_build(
    client: FlaskClient, login: Callable[[str], FlaskClient]
) -> None:
    health = client.get("/health").get_json()
    assert health["status"] == "ok"
    assert len(health["build"]) == 16
    assert poll(login("monitor"))["build"] == health["build"]


def test_the_snapshot_counts_admitted_and_refused_of_the_day(app: Dash) -> None:
    """build_snapshot itself: an admitted and a refused visit of the day add one each; a visit
    still at screening is neither, but is in progress."""

    def figures() -> dict:
        now = utc_now()
        with app.server.app_context(), app_state().database.reading() as session:
            return snapshot.build_snapshot(session, app_state().office_id, local_date(now), now)

    before = figures()
    admitted_id, _ = new_visit(app)
    refused_id, _ = new_visit(app)
    _, pending_code = new_visit(app)
    write(app, lambda s, a: visits.record_screening(s, a, admitted_id, True, "36,5", Decimal(38)))
    write(app, lambda s, a: visits.record_screening(s, a, refused_id, True, "39,0", Decimal(38)))
    after = figures()
    assert (after["visitors"], after["refused"]) == (before["visitors"] + 1, before["refused"] + 1)
    assert pending_code in {row["code"] for row in after["in_progress"]}
    assert after["format"] == 1 and after["computed_at"].endswith("Z")
