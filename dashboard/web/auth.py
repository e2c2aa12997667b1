"""Staff login with Flask-Login, and the guard that closes every route to anonymous users.

Only the login page, static assets and the health check are open. Dash's own endpoints
(``/_dash-layout``, ``/_dash-update-component`` …) are behind the guard like every page. The
wall screen's poll alone signs its user in itself, in its one statement
(``dashboard.web.poll_viewer``): the guard lets that route through untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Flask, Response, redirect, render_template_string, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from dashboard.office.staff import authenticate, has_admin
from dashboard.paths import (
    API_PREFIX,
    HEALTH_PATH,
    HOME_PATH,
    KIOSK_SIGN_IN_PREFIX,
    LOGIN_PATH,
    LOGOUT_PATH,
    MONITOR_PATH,
    MONITOR_POLL_PATH,
)
from dashboard.roles import MONITOR, ROLES
from dashboard.web.build import current_build
from dashboard.web.context import FORM_TOKEN_FIELD, app_state, form_token, form_token_sent
from dashboard.web.monitor_session import KioskUser, is_kiosk_id, load_kiosk_user
from db.models import StaffUser
from db.queries import health as health_queries

OPEN_PATHS = (LOGIN_PATH, HEALTH_PATH)
OPEN_PREFIXES = ("/assets/", KIOSK_SIGN_IN_PREFIX)
FAVICON = "/_favicon.ico"
EXPIRED_FORM = "Formulir kedaluwarsa atau tidak berasal dari halaman ini; silakan coba lagi."
SELF_CHECKED_METHODS = ("GET", "HEAD")
"""The methods of the poll route (Flask answers HEAD with its GET view); any other goes
through the guard."""


@dataclass
class SignedInUser(UserMixin):
    id: int
    username: str
    full_name: str
    role: str

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    def get_id(self) -> str:
        return str(self.id)


def _load_user(user_id: str) -> SignedInUser | KioskUser | None:
    if is_kiosk_id(user_id):  # a wall screen signed in by a kiosk link
        return load_kiosk_user(user_id)
    with app_state().database.reading() as session:
        user = session.get(StaffUser, int(user_id))
        if user is None or not user.active:
            return None
        return SignedInUser(user.id, user.username, user.full_name, user.role)


def _is_open(path: str) -> bool:
    return path in OPEN_PATHS or path == FAVICON or path.startswith(OPEN_PREFIXES)


def home_path(role: str | None) -> str:
    """Where ``/`` and a login without ``?next=`` lead: the wall screen for the monitor role,
    the in-progress board for everyone else."""
    return MONITOR_PATH if role == MONITOR else HOME_PATH


def signed_out() -> Response:
    """The answer to a request without a signed-in user where no login page is shown."""
    return Response("Sesi berakhir atau belum masuk. Silakan masuk kembali.", status=401)


def _checks_itself() -> bool:
    """The one route that signs its user in itself: the wall screen's poll, which checks the
    session's user in the statement that reads the change marker
    (``dashboard.web.poll_viewer``), so Flask-Login's user loader must not run for it."""
    return request.path == MONITOR_POLL_PATH and request.method in SELF_CHECKED_METHODS


def _guard() -> Response | None:
    if _checks_itself():
        return None
    if current_user.is_authenticated:
        return redirect(home_path(current_user.role)) if request.path == "/" else None
    if _is_open(request.path):
        return None
    if request.method == "GET" and not request.path.startswith(("/_", API_PREFIX)):
        return redirect(url_for("login", next=request.full_path.rstrip("?")))
    return signed_out()


def _safe_next(target: str | None) -> str | None:
    """Only local paths: a crafted ?next= must not send a user to another site (``None``:
    the user's home page)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


LOGIN_PAGE = """<!DOCTYPE html>
<html lang="id">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Masuk · PST BPS Kabupaten Muara Enim</title>
  <link rel="icon" href="/assets/favicon.ico">
  <link rel="stylesheet" href="/assets/vendor/bootstrap/bootstrap.min.css">
  <link rel="stylesheet" href="/assets/vendor/bootstrap-icons/bootstrap-icons.min.css">
  <link rel="stylesheet" href="/assets/zz-pst/pst.css">
</head>
<body class="pst-login">
  <main class="card shadow-sm">
    <div class="card-body p-4">
      <h1 class="h4 mb-1"><i class="bi bi-building"></i> Pelayanan Statistik Terpadu</h1>
      <p class="text-muted mb-4">BPS Kabupaten Muara Enim</p>
      {% if error %}
      <div class="alert alert-danger" role="alert" id="login-error">{{ error }}</div>
      {% endif %}
      {% if not admin_exists %}
      <div class="alert alert-warning" id="login-no-admin">
        Belum ada akun administrator. Buat lewat terminal:<br>
        <code>python -m dashboard user add admin --role admin --name "Nama Anda"</code>
      </div>
      {% endif %}
      <form method="post" action="/login" novalidate>
        <input type="hidden" name="{{ token_field }}" value="{{ token }}">
        <input type="hidden" name="next" value="{{ next_url }}">
        <div class="mb-3">
          <label for="login-username" class="form-label">Nama pengguna</label>
          <input id="login-username" name="username" class="form-control" autocomplete="username"
                 value="{{ username }}" autofocus required>
        </div>
        <div class="mb-3">
          <label for="login-password" class="form-label">Kata sandi</label>
          <input id="login-password" name="password" type="password" class="form-control"
                 autocomplete="current-password" required>
        </div>
        <button id="login-submit" type="submit" class="btn btn-primary w-100">Masuk</button>
      </form>
    </div>
  </main>
</body>
</html>"""


def _login() -> Response | str:
    next_url = _safe_next(request.values.get("next"))
    if current_user.is_authenticated and request.method == "GET":
        return redirect(next_url or home_path(current_user.role))
    error = None
    username = (request.form.get("username") or "").strip()
    status = 200
    if request.method == "POST" and not form_token_sent():
        error, status = EXPIRED_FORM, 400
    elif request.method == "POST":
        with app_state().database.reading() as db_session:
            user = authenticate(db_session, username, request.form.get("password") or "")
            signed_in = (
                SignedInUser(user.id, user.username, user.full_name, user.role) if user else None
            )
        if signed_in is not None:
            session.clear()
            session.permanent = True
            login_user(signed_in)
            return redirect(next_url or home_path(signed_in.role))
        error, status = "Nama pengguna atau kata sandi salah, atau akun tidak aktif.", 401
    with app_state().database.reading() as db_session:
        admin_exists = has_admin(db_session)
    page = render_template_string(
        LOGIN_PAGE,
        error=error,
        next_url=next_url or "",
        username=username,
        admin_exists=admin_exists,
        token_field=FORM_TOKEN_FIELD,
        token=form_token(),
    )
    return Response(page, status=status)


def _logout() -> Response:
    """Sign out: a POST from the app's own menu only (a link, a prefetch or another site's
    form cannot sign anyone out)."""
    if not form_token_sent():
        return Response(EXPIRED_FORM, status=400)
    logout_user()
    session.clear()
    return redirect(url_for("login"))


def _health() -> dict[str, str]:
    with app_state().database.reading() as db_session:
        health_queries.ping(db_session)
    return {"status": "ok", "build": current_build()}


def install_auth(server: Flask, session_hours: float, secure_cookies: bool) -> None:
    server.config.update(
        PERMANENT_SESSION_LIFETIME=timedelta(hours=session_hours),
        SESSION_REFRESH_EACH_REQUEST=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure_cookies,
        REMEMBER_COOKIE_DURATION=timedelta(seconds=0),
    )
    manager = LoginManager()
    manager.user_loader(_load_user)
    manager.session_protection = "strong"
    manager.init_app(server)
    server.before_request(_guard)
    server.add_url_rule(LOGIN_PATH, "login", _login, methods=["GET", "POST"])
    server.add_url_rule(LOGOUT_PATH, "logout", _logout, methods=["POST"])
    server.add_url_rule(HEALTH_PATH, "health", _health)
