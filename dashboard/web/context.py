"""What a request needs to know about the running app: its settings, database and office,
who is acting, and the token that proves a form was sent from the app's own page. Kept on
the Flask app and in the signed session, so every worker builds its own, and nothing lives
in module globals."""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from flask import Flask, abort, current_app, request, session
from flask_login import current_user

from dashboard.audit import Actor
from dashboard.clock import utc_now
from dashboard.config import Settings
from db.session import Database

EXTENSION_KEY = "pst"
FORM_TOKEN_FIELD = "csrf_token"
"""The hidden field of the app's own HTML forms (login, logout) holding the session's token;
the same name is the token's key in the (signed) session."""
_FORM_TOKEN_IN_PAGE = re.compile(rf'name="{FORM_TOKEN_FIELD}" value="([^"]+)"')


@dataclass(frozen=True)
class AppState:
    settings: Settings
    database: Database
    office_id: int


def attach_state(server: Flask, state: AppState) -> None:
    server.extensions[EXTENSION_KEY] = state


def app_state() -> AppState:
    return current_app.extensions[EXTENSION_KEY]


def current_role() -> str | None:
    return getattr(current_user, "role", None) if current_user.is_authenticated else None


def form_token() -> str:
    """The session's token for the app's own forms, made on first use. A form from another
    site cannot know it, so a login or logout it sends is refused (``form_token_sent``); the
    Dash callbacks need none: they are JSON requests, which a foreign page cannot send with
    our cookie."""
    token = session.get(FORM_TOKEN_FIELD)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        session[FORM_TOKEN_FIELD] = token
    return token


def form_token_sent() -> bool:
    """Whether the posted form carries this session's token."""
    expected = session.get(FORM_TOKEN_FIELD)
    sent = request.form.get(FORM_TOKEN_FIELD, "")
    if not isinstance(expected, str) or not expected:
        return False
    return hmac.compare_digest(sent.encode(), expected.encode())


def token_in_page(html: str) -> str | None:
    """The form token as a page of the app writes it (for clients that post a form: the
    tests, the benchmarks)."""
    match = _FORM_TOKEN_IN_PAGE.search(html)
    return match.group(1) if match else None


def require_role(roles: Iterable[str]) -> Actor:
    """The acting user, when their role may do this; otherwise the request ends with 403.

    Every callback that writes calls this on the server: hiding a button is not security.
    """
    if current_role() not in set(roles):
        abort(403)
    # Whole seconds: what the pages show is what is stored, so a time typed back from the
    # screen (a correction) compares equal to the stored one.
    now = utc_now().replace(microsecond=0)
    # A kiosk link signs in a screen, not a person: it acts as no account (it only reads).
    user_id = None if getattr(current_user, "is_kiosk", False) else int(current_user.id)
    return Actor(user_id=user_id, office_id=app_state().office_id, now=now)
