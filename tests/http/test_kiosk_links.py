"""Kiosk links and the wall screen's long session, through Flask's test client: the
administrator makes a link (its address shown once, only a hash stored), the link signs a
browser in with exactly the monitor's read-only view, revoking it ends that session on the
next request, and the monitor role's session lasts ``PST_MONITOR_SESSION_DAYS``."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import dash
import pytest
from dash import Dash
from flask.testing import FlaskClient
from flask_login import login_user
from itsdangerous.timed import TimestampSigner
from sqlalchemy import select

from dashboard import create_app
from dashboard.audit import Actor
from dashboard.config import Settings, sqlite_url
from dashboard.errors import InputError
from dashboard.office import kiosk_links
from dashboard.office import kiosk_links_ids as ids
from dashboard.paths import ARRIVAL_PATH, HOME_PATH, KIOSK_LINKS_ADMIN_PATH, SALES_PATH
from dashboard.roles import MONITOR, ROLES
from dashboard.visits import board_ids
from dashboard.web.context import app_state, current_role
from dashboard.web.monitor_session import KioskUser
from db.models import AuditEvent, KioskLink
from tests.helpers.dash_requests import callback_body
from tests.helpers.database import PreparedDatabase
from tests.helpers.staff import create_staff
from tests.helpers.web import post_login
from tests.helpers.web import sign_in as login_client

POLL = "/api/v1/monitor/poll"
CALLBACK = "/_dash-update-component"
LINK_PATTERN = re.compile(r"http://localhost/monitor/masuk/([A-Za-z0-9_-]{43})")


def create_body(app: Dash, label: str) -> dict[str, Any]:
    return callback_body(
        app,
        f"{ids.NEW_LINK}.children",
        {f"{ids.CREATE}.n_clicks": 1, f"{ids.LABEL}.value": label},
    )


def revoke_body(app: Dash, link_id: int) -> dict[str, Any]:
    body = callback_body(
        app,
        f"{ids.CONFIRM_MODAL}.is_open",
        {f"{ids.CONFIRM}.n_clicks": 1, f"{ids.PENDING}.data": link_id},
    )
    body["inputs"][0] = []  # the 'Cabut' buttons (a pattern-matching input: a list)
    body["changedPropIds"] = [f"{ids.CONFIRM}.n_clicks"]
    return body


def decoded(response: Any) -> str:
    """A callback's answer as text, without JSON's escapes (Dash writes '/' as \\u002f)."""
    assert response.status_code == 200, response.get_data(as_text=True)
    return json.dumps(response.get_json(), ensure_ascii=False)


def make_link(app: Dash, admin: FlaskClient, label: str) -> tuple[str, str]:
    """Make a link through the page's callback: (the response text, the token in it)."""
    text = decoded(admin.post(CALLBACK, json=create_body(app, label)))
    found = LINK_PATTERN.findall(text)
    assert len(set(found)) == 1, text
    return text, found[0]


def stored_link(app: Dash, label: str) -> KioskLink:
    with app.server.app_context(), app_state().database.reading() as session:
        link = session.scalar(
            select(KioskLink).where(KioskLink.label == label).order_by(KioskLink.id.desc())
        )
        assert link is not None
        return link


def sign_in_with(app: Dash, token: str) -> FlaskClient:
    screen = app.server.test_client()
    response = screen.get(f"/monitor/masuk/{token}")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"] == "/monitor"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    return screen


def expires_in(client: FlaskClient) -> timedelta:
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.expires is not None
    return cookie.expires - datetime.now(UTC)


def test_a_new_link_is_shown_once_and_only_its_hash_is_stored(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    admin = login("admin")
    text, token = make_link(app, admin, "TV ruang PST")
    assert "hanya ditampilkan sekali" in text
    link = stored_link(app, "TV ruang PST")
    assert link.token_hash == kiosk_links.token_hash(token) != token
    assert link.revoked_at is None and link.last_used_at is None
    with app.server.app_context(), app_state().database.reading() as session:
        audit = session.scalars(
            select(AuditEvent).where(
                AuditEvent.table_name == "kiosk_link", AuditEvent.row_id == link.id
            )
        ).all()
    assert [event.action for event in audit] == ["kiosk_link.create"]
    assert token not in (audit[0].after or "") and link.token_hash not in (audit[0].after or "")
    # the list shows the link, never its address again
    listing = admin.post(
        CALLBACK, json=callback_body(app, f"{ids.LIST}.children", {f"{ids.CREATED}.data": 1})
    )
    shown = decoded(listing)
    assert "TV ruang PST" in shown
    assert token not in shown and "/monitor/masuk/" not in shown


def test_a_link_signs_in_with_the_monitor_view_only(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    _, token = make_link(app, login("admin"), "TV ruang kepala")
    screen = sign_in_with(app, token)
    assert screen.get(POLL).status_code == 200
    assert screen.get("/_dash-layout").status_code == 200
    assert stored_link(app, "TV ruang kepala").last_used_at is not None
    # the desk's board (visitor names) and every writing callback are refused
    board = callback_body(
        app, f"{board_ids.BOARD}.children", {f"{board_ids.INTERVAL}.n_intervals": 1}
    )
    assert screen.post(CALLBACK, json=board).status_code == 403
    start = callback_body(
        app,
        f"{board_ids.REDIRECT}.href",
        {f"{board_ids.START_REQUEST}.data": {"visit_id": 1, "step": 4}},
    )
    assert screen.post(CALLBACK, json=start).status_code == 403
    assert screen.post(CALLBACK, json=create_body(app, "Layar liar")).status_code == 403
    assert screen.get("/kuitansi/1.pdf").status_code == 403
    # and it stays signed in like the monitor role: the long session
    assert timedelta(days=29) < expires_in(screen) <= timedelta(days=30)


def test_a_kiosk_user_is_exactly_the_monitor_role(app: Dash) -> None:
    """The desk's pages and this admin page lay out a refusal for a kiosk screen."""
    layouts = {page["path"]: page["layout"] for page in dash.page_registry.values()}
    with app.server.test_request_context(ARRIVAL_PATH):
        login_user(KioskUser(1, "TV uji"))
        assert current_role() == MONITOR
        for path in (ARRIVAL_PATH, HOME_PATH, SALES_PATH, KIOSK_LINKS_ADMIN_PATH):
            assert layouts[path]().id == "access-denied", path


def test_a_revoked_link_is_refused_on_the_next_request(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    admin = login("admin")
    _, token = make_link(app, admin, "TV dicabut")
    screen = sign_in_with(app, token)
    assert screen.get(POLL).status_code == 200
    link = stored_link(app, "TV dicabut")
    assert "dicabut" in decoded(admin.post(CALLBACK, json=revoke_body(app, link.id)))
    assert stored_link(app, "TV dicabut").revoked_at is not None
    assert screen.get(POLL).status_code == 401
    assert screen.get("/_dash-layout").status_code == 401
    again = app.server.test_client().get(f"/monitor/masuk/{token}")
    assert again.status_code == 403
    assert "tidak berlaku" in again.get_data(as_text=True)


def test_a_wrong_token_signs_nothing_in(client: FlaskClient) -> None:
    response = client.get("/monitor/masuk/bukan-token-yang-benar")
    assert response.status_code == 403
    assert client.get(POLL).status_code == 401


@pytest.mark.parametrize("role", ["head", "officer", "monitor"])
def test_only_the_administrator_makes_or_revokes_links(
    app: Dash, login: Callable[[str], FlaskClient], role: str
) -> None:
    client = login(role)
    assert client.post(CALLBACK, json=create_body(app, f"Layar {role}")).status_code == 403
    admin = login("admin")
    make_link(app, admin, f"TV untuk {role}")
    link = stored_link(app, f"TV untuk {role}")
    assert client.post(CALLBACK, json=revoke_body(app, link.id)).status_code == 403
    assert stored_link(app, f"TV untuk {role}").revoked_at is None


def test_the_service_refuses_bad_labels_and_double_revocation(app: Dash) -> None:
    with app.server.app_context():
        state = app_state()
        actor = Actor(None, state.office_id, datetime.now(UTC))
        for label in ("", "   ", "x" * 101):
            with pytest.raises(InputError) as caught, state.database.transaction() as session:
                kiosk_links.create_kiosk_link(session, actor, label)
            assert "label" in caught.value.errors
        with state.database.transaction() as session:
            made = kiosk_links.create_kiosk_link(session, actor, "  TV   lobi ")
        assert made.label == "TV lobi" and len(made.token) == 43
        with state.database.transaction() as session:
            kiosk_links.revoke_kiosk_link(session, actor, made.id)
        with pytest.raises(InputError, match="sudah dicabut"), state.database.transaction() as s:
            kiosk_links.revoke_kiosk_link(s, actor, made.id)


# -- the monitor role's long session ----------------------------------------------------------


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> Callable[[timedelta], None]:
    """Move the clock that signs and checks session cookies forward."""
    real = TimestampSigner.get_timestamp

    def move(by: timedelta) -> None:
        monkeypatch.setattr(
            TimestampSigner, "get_timestamp", lambda self: real(self) + int(by.total_seconds())
        )

    return move


def test_the_monitor_session_outlives_the_desk_sessions(
    login: Callable[[str], FlaskClient], later: Callable[[timedelta], None]
) -> None:
    screen, officer = login("monitor"), login("officer")
    assert timedelta(days=29) < expires_in(screen) <= timedelta(days=30)
    assert timedelta(hours=9) < expires_in(officer) <= timedelta(hours=10)
    later(timedelta(hours=11))  # a night with the TV switched off
    assert screen.get(POLL).status_code == 200
    assert officer.get("/_dash-layout").status_code == 401


def test_the_monitor_session_ends_after_its_days(
    login: Callable[[str], FlaskClient], later: Callable[[timedelta], None]
) -> None:
    screen = login("monitor")
    later(timedelta(days=31))
    assert screen.get(POLL).status_code == 401


def test_an_unchanged_session_is_re_signed_only_when_it_has_aged(
    app: Dash, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screen polling every few seconds does not get its cookie signed again each time, and
    still never expires while it polls: a cookie older than 1 % of its lifetime is renewed."""
    screen = login_client(app, "monitor")
    assert "Set-Cookie" not in screen.get(POLL).headers
    real = TimestampSigner.get_timestamp
    with monkeypatch.context() as earlier:  # a cookie signed 8 hours ago (30 days: > 1 %)
        earlier.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) - 8 * 3600)
        aged = login_client(app, "monitor")
    response = aged.get(POLL)
    assert response.status_code == 200
    assert "Set-Cookie" in response.headers
    assert timedelta(days=29) < expires_in(aged) <= timedelta(days=30)
    assert "Set-Cookie" not in aged.get(POLL).headers


@pytest.fixture
def short_app(tmp_path: Path) -> Iterator[Dash]:
    settings = Settings(
        database_url=sqlite_url(tmp_path / "pst.sqlite3"),
        secret_key="uji-kiosk",
        monitor_session_days=3,
    )
    application = create_app(settings)
    with application.server.app_context():
        state = app_state()
        prepared = PreparedDatabase(state.database, state.office_id)
        for role in ("monitor", "admin"):
            create_staff(prepared, role, role)
    yield application
    with application.server.app_context():
        app_state().database.dispose()


def test_the_lifetime_comes_from_the_setting(short_app: Dash) -> None:
    assert ROLES[MONITOR]
    screen = short_app.server.test_client()
    post_login(screen, "monitor")
    assert timedelta(days=2) < expires_in(screen) <= timedelta(days=3)
    admin = short_app.server.test_client()
    post_login(admin, "admin")
    _, token = make_link(short_app, admin, "TV singkat")
    kiosk = sign_in_with(short_app, token)
    assert timedelta(days=2) < expires_in(kiosk) <= timedelta(days=3)
