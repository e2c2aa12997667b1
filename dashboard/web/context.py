"""What a request needs to know about the running app: its settings, database and office,
and who is acting. Kept on the Flask app so every worker builds its own, and nothing lives
in module globals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask import Flask, abort, current_app
from flask_login import current_user

from dashboard.audit import Actor
from dashboard.clock import utc_now
from dashboard.config import Settings
from db.session import Database

EXTENSION_KEY = "pst"


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
