"""How a wall screen stays signed in for weeks: the monitor role's long session, and the kiosk
link that signs a screen in without a password.

- **Long session.** A session signed in with the monitor role (a staff account with that
  role, or a kiosk link) lasts ``PST_MONITOR_SESSION_DAYS`` (default 30) days without a
  request; every other session keeps ``PST_SESSION_HOURS``. The session cookie carries a
  signed mark of which it is (set when the user signs in), and the cookie's signature age
  is checked against that lifetime.
- **Kiosk link.** ``/monitor/masuk/<token>`` signs the browser in as the link's screen, with
  exactly the monitor role, and sends it to the monitor page. The session names the link
  (``kiosk:<id>``), and every request of the session reads that link by its primary key (as
  a staff session reads its account; the poll reads it within its marker statement): a
  revoked link ends the session on the next request.
- **Cookie.** An unchanged session's cookie is signed again only once it has aged
  (``RESIGN_SHARE`` of its lifetime), so a screen polling every few seconds does not re-sign
  it on each poll, yet its session never runs out while it polls.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, Request, Response, redirect, session
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_login import UserMixin, login_user, user_logged_in
from itsdangerous import BadSignature

from dashboard.clock import utc_now
from dashboard.office.kiosk_links import link_for_token
from dashboard.paths import KIOSK_SIGN_IN_ROUTE, MONITOR_PATH
from dashboard.roles import MONITOR, ROLES
from dashboard.web.context import app_state
from db.queries import kiosk_links as kiosk_queries

LONG_SESSION_KEY = "pst_long"
"""Session key: this session was signed in with the monitor role (the long lifetime)."""
KIOSK_PREFIX = "kiosk:"
"""The Flask-Login user id of a kiosk session: ``kiosk:<link id>``."""
LAST_USED_EVERY = timedelta(hours=1)
"""How often a kiosk session notes the link's last use (a write at most this often)."""

RESIGN_SHARE = 0.01
"""An unchanged session's cookie is signed again (its lifetime restarted) once the signature
is older than this share of the session's lifetime: every ~7 hours for a 30-day monitor
session, every 6 minutes for a 10-hour desk session."""

REFUSED_PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>Tautan tidak berlaku</title>
<link rel="stylesheet" href="/assets/vendor/bootstrap/bootstrap.min.css"></head>
<body class="p-4"><div class="alert alert-warning" id="kiosk-link-refused">
Tautan layar monitor ini tidak berlaku (sudah dicabut atau salah ketik).
Minta tautan baru kepada administrator (Admin › Layar monitor).</div></body></html>"""


@dataclass
class KioskUser(UserMixin):
    """A wall screen signed in by a kiosk link: the monitor role, and nobody's account."""

    link_id: int
    label: str
    role: str = MONITOR
    is_kiosk: bool = True

    @property
    def full_name(self) -> str:
        return self.label

    @property
    def role_label(self) -> str:
        return ROLES[self.role]

    def get_id(self) -> str:
        return f"{KIOSK_PREFIX}{self.link_id}"


def is_kiosk_id(user_id: str) -> bool:
    return user_id.startswith(KIOSK_PREFIX)


def load_kiosk_user(user_id: str) -> KioskUser | None:
    """The screen of a kiosk session while its link is not revoked (one primary-key read;
    the link's last use is noted at most once an hour)."""
    link_id = kiosk_link_id(user_id)
    if link_id is None:
        return None
    state = app_state()
    with state.database.reading() as db_session:
        link = kiosk_queries.active_link_by_id(db_session, state.office_id, link_id)
    if link is None:
        return None
    note_kiosk_link_use(link)
    return KioskUser(link.id, link.label)


def kiosk_link_id(user_id: str) -> int | None:
    """The link id a kiosk session's user id names (None: not a well-formed one)."""
    raw = user_id.removeprefix(KIOSK_PREFIX)
    return int(raw) if raw.isascii() and raw.isdigit() else None


def note_kiosk_link_use(link: kiosk_queries.ActiveKioskLink) -> kiosk_queries.ActiveKioskLink:
    """Note the link's last use, at most once per ``LAST_USED_EVERY`` (its own write); the
    link as it now is."""
    now = utc_now()
    if link.last_used_at is None or now - link.last_used_at >= LAST_USED_EVERY:
        with app_state().database.transaction() as db_session:
            kiosk_queries.mark_kiosk_link_used(db_session, link.id, now)
        return replace(link, last_used_at=now)
    return link


def _sign_in(token: str) -> Response:
    state = app_state()
    with state.database.reading() as db_session:
        link = link_for_token(db_session, state.office_id, token)
    if link is None:
        response = Response(REFUSED_PAGE, status=403)
    else:
        with state.database.transaction() as db_session:
            kiosk_queries.mark_kiosk_link_used(db_session, link.id, utc_now())
        session.clear()
        session.permanent = True
        login_user(KioskUser(link.id, link.label))
        response = redirect(MONITOR_PATH)
    # The token is in this address: keep it out of caches and of the next page's Referer.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _mark_long_session(_sender: Flask, user: Any, **_extra: Any) -> None:
    if getattr(user, "role", None) == MONITOR:
        session[LONG_SESSION_KEY] = True
    else:
        session.pop(LONG_SESSION_KEY, None)


class SignedCookieSession(SecureCookieSession):
    """A session that knows when its cookie was signed (None: a new session)."""

    signed_at: datetime | None = None


class RoleLifetimeSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the monitor role's long lifetime, and a cookie
    signed again only when it has aged (``RESIGN_SHARE``), not on every request."""

    session_class = SignedCookieSession

    def __init__(self, monitor_lifetime: timedelta) -> None:
        self.monitor_lifetime = monitor_lifetime

    def _lifetime(self, app: Flask, data: Any) -> timedelta:
        if data.get(LONG_SESSION_KEY):
            return self.monitor_lifetime
        return app.permanent_session_lifetime

    def open_session(self, app: Flask, request: Request) -> SignedCookieSession | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        longest = max(self.monitor_lifetime, app.permanent_session_lifetime)
        try:
            data, signed_at = serializer.loads(
                value, max_age=int(longest.total_seconds()), return_timestamp=True
            )
            lifetime = self._lifetime(app, data)
            if lifetime < longest:  # a shorter session: its signature's age checked again
                serializer.loads(value, max_age=int(lifetime.total_seconds()))
        except BadSignature:
            return self.session_class()
        opened = self.session_class(data)
        opened.signed_at = signed_at
        return opened

    def should_set_cookie(self, app: Flask, session: Any) -> bool:
        """A changed session is sent again at once; an unchanged permanent one only when its
        signature is older than ``RESIGN_SHARE`` of its lifetime, so a screen polling every
        few seconds does not re-sign its cookie each time, and the session still never
        expires while requests come (it ends at most that share early after the last one)."""
        if session.modified:
            return True
        if not (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
            return False
        signed_at = getattr(session, "signed_at", None)
        if signed_at is None:
            return True
        return datetime.now(UTC) - signed_at >= self._lifetime(app, session) * RESIGN_SHARE

    def get_expiration_time(self, app: Flask, session: Any) -> datetime | None:
        if session.permanent:
            return datetime.now(UTC) + self._lifetime(app, session)
        return None


def install_monitor_sessions(server: Flask, monitor_session_days: int) -> None:
    """The long session of the monitor role and the kiosk sign-in route (the login guard of
    ``dashboard.web.auth`` leaves that route open, and loads kiosk sessions from here)."""
    server.session_interface = RoleLifetimeSessions(timedelta(days=monitor_session_days))
    user_logged_in.connect(_mark_long_session, server)
    server.add_url_rule(KIOSK_SIGN_IN_ROUTE, "kiosk_sign_in", _sign_in)
