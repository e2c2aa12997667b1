"""Who is polling: the wall screen's poll (``GET /api/v1/monitor/poll``) signs its viewer in
itself, in the statement that reads the office's change marker.

Every other route has Flask-Login load the session's user (one statement) in the login guard
of ``dashboard.web.auth``; the guard lets exactly this route through instead, so a poll that
finds nothing new runs one statement in all. The check is the same as the guard's and
``require_role``'s: the session's signature and age (the session interface), Flask-Login's
session protection, then, in the marker's statement, the staff account (active, its role) or
the kiosk link (of this office, not revoked) the session names. No user → 401 as the guard
answers; a role that may not watch the screens → 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, session
from sqlalchemy.orm import Session

from dashboard.roles import MONITOR, MONITOR_VIEWERS
from dashboard.web.auth import signed_out
from dashboard.web.monitor_session import is_kiosk_id, kiosk_link_id, note_kiosk_link_use
from db.change_feed import MARKER_SECONDS, VIEWER_SECONDS, VIEWERS, ChangeFeed, office_topic
from db.queries import live
from db.queries.live import OfficeMarker

USER_ID_KEY = "_user_id"
"""Where Flask-Login keeps the signed-in user's id in the session (``get_id()``)."""


@dataclass(frozen=True)
class Viewer:
    """The user a session names, not yet checked against the database."""

    user_id: int
    kiosk: bool
    """True: ``user_id`` is a kiosk link's id (the monitor role); False: a staff account's."""

    def key(self, office_id: int) -> tuple[str, int, int]:
        """The viewer's check kept by the change feed: a kiosk link is of one office."""
        return ("kiosk" if self.kiosk else "staff", self.user_id, office_id)


def session_viewer() -> Viewer | None:
    """The user the request's session names, or None (signed out, or a session that
    Flask-Login's session protection ends). Reads no database."""
    # Flask-Login's own check, as its user loading runs it first (a session opened from
    # another browser: marked not fresh, or ended when not permanent).
    if current_app.login_manager._session_protection_failed():
        return None
    raw = session.get(USER_ID_KEY)
    if not isinstance(raw, str):
        return None
    if is_kiosk_id(raw):
        link_id = kiosk_link_id(raw)
        return None if link_id is None else Viewer(link_id, kiosk=True)
    return Viewer(int(raw), kiosk=False) if raw.isascii() and raw.isdigit() else None


def viewer_marker(
    db_session: Session, office_id: int, viewer: Viewer, feed: ChangeFeed | None = None
) -> OfficeMarker:
    """The office's marker and hours, when ``viewer`` may watch the screens (one statement;
    a kiosk link's use is noted as its sign-in does, at most hourly). A viewer the database
    no longer knows (a disabled account, a revoked link) ends the request with the guard's
    401, another role with 403. With a ``feed`` the marker and an accepted viewer's check are
    kept for ``recalled_marker`` (unless a write of them was announced while they were read)."""
    topic = office_topic(office_id)
    stamps = (feed.stamp(topic), feed.stamp(VIEWERS)) if feed is not None else (None, None)
    checked: object
    if viewer.kiosk:
        marker, link = live.office_marker_and_kiosk_link(db_session, office_id, viewer.user_id)
        if link is None:
            abort(signed_out())
        checked = note_kiosk_link_use(link)
        role = MONITOR
    else:
        marker, role = live.office_marker_and_staff_role(db_session, office_id, viewer.user_id)
        if role is None:
            abort(signed_out())
        checked = role
    if role not in MONITOR_VIEWERS:
        abort(403)
    if feed is not None:
        feed.keep(topic, office_id, marker, stamps[0])
        feed.keep(VIEWERS, viewer.key(office_id), checked, stamps[1])
    return marker


def recalled_marker(feed: ChangeFeed | None, office_id: int, viewer: Viewer) -> OfficeMarker | None:
    """The marker ``viewer_marker`` last read for an accepted ``viewer``, while nothing about
    the office's marker or the viewers has been announced since (and within the kept reads'
    lifetimes); None: the database must be read."""
    if feed is None:
        return None
    marker = feed.recall(office_topic(office_id), office_id, MARKER_SECONDS)
    if marker is None:
        return None
    checked = feed.recall(VIEWERS, viewer.key(office_id), VIEWER_SECONDS)
    if checked is None:
        return None
    if viewer.kiosk:
        note_kiosk_link_use(checked)  # its hourly note, as a read of the link makes it
    return marker
