"""``GET /api/v1/monitor/poll?since=<version>&day=<YYYY-MM-DD>``: the wall screen's poll, and
``GET /api/v1/today``: the same numbers in the shape of the statistics API, both for the
monitor, the head and the administrator (the login guard answers 401 to anonymous requests;
other roles get 403 here). The answers are ``dashboard.monitor.live.poll``'s (the today
answer maps its snapshot), never cached by the browser or a proxy.

The app's build id is computed here once at start (``dashboard.web.build``) and reported by
every poll and by ``/health``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import Flask, Response, current_app, request
from sqlalchemy.orm import Session

from dashboard.clock import utc_now
from dashboard.monitor.live import SnapshotCache, poll
from dashboard.monitor.today import today_answer
from dashboard.paths import MONITOR_POLL_PATH, TODAY_API_PATH
from dashboard.roles import MONITOR_VIEWERS
from dashboard.web.auth import signed_out
from dashboard.web.build import attach_build, compute_build_id, current_build
from dashboard.web.context import app_state, require_role
from dashboard.web.poll_viewer import recalled_marker, session_viewer, viewer_marker
from db.queries.live import OfficeMarker

LIVE_KEY = "pst_live"
JSON_TYPE = "application/json"
MAX_VERSION = 2**63 - 1
"""The largest marker version (a BIGINT)."""


@dataclass(frozen=True)
class LiveState:
    """The process's snapshot cache (one per worker; the database shares across them)."""

    cache: SnapshotCache


def _answer(body: str, status: int = 200) -> Response:
    response = Response(body, status=status, mimetype=JSON_TYPE)
    response.headers["Cache-Control"] = "no-store"
    return response


def _bad_request(message: str) -> Response:
    return _answer(json.dumps({"error": message}, ensure_ascii=False), status=400)


def _since(raw: str | None) -> int | None:
    """The version the screen has; None (nothing yet) when absent."""
    if raw is None or raw.strip() == "":
        return None
    text = raw.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 19 and int(text) <= MAX_VERSION):
        raise ValueError("since harus bilangan bulat tidak negatif.")
    return int(text)


def _day(raw: str | None) -> date | None:
    """The day the screen shows; None (nothing yet) when absent."""
    if raw is None or raw.strip() == "":
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError as error:
        raise ValueError("day harus tanggal berformat YYYY-MM-DD.") from error


def _poll_body(
    office_id: int,
    now: datetime,
    since: int | None = None,
    day: date | None = None,
    read_marker: Callable[[Session], OfficeMarker] | None = None,
    recall_marker: Callable[[], OfficeMarker | None] | None = None,
) -> str:
    """``poll``'s answer with this process's cache and the running build."""
    live: LiveState = current_app.extensions[LIVE_KEY]
    return poll(
        app_state().database,
        live.cache,
        office_id,
        since=since,
        day=day,
        now=now,
        build=current_build(),
        read_marker=read_marker,
        recall_marker=recall_marker,
    )


def _poll() -> Response:
    """The poll checks its viewer itself, in the marker's statement (``poll_viewer``): the
    login guard lets this route through, and Flask-Login's user loader does not run."""
    viewer = session_viewer()
    if viewer is None:
        return signed_out()
    state = app_state()
    feed = state.database.change_feed

    def read_marker(db_session: Session) -> OfficeMarker:
        return viewer_marker(db_session, state.office_id, viewer, feed)

    def recall_marker() -> OfficeMarker | None:
        return recalled_marker(feed, state.office_id, viewer)

    try:
        since, day = _since(request.args.get("since")), _day(request.args.get("day"))
    except ValueError as error:
        with state.database.reading() as db_session:
            read_marker(db_session)  # 401/403 come first, as before the guard let polls by
        return _bad_request(str(error))
    now = utc_now().replace(microsecond=0)  # whole seconds, as ``require_role``'s
    return _answer(_poll_body(state.office_id, now, since, day, read_marker, recall_marker))


def screen_answer() -> dict[str, Any]:
    """What a screen with nothing yet is answered (``changed``, ``version``, ``day``,
    ``build``, ``snapshot``): the monitor page is served with it. 403 for other roles."""
    actor = require_role(MONITOR_VIEWERS)
    return json.loads(_poll_body(actor.office_id, actor.now))


def _today() -> Response:
    actor = require_role(MONITOR_VIEWERS)
    snapshot = json.loads(_poll_body(actor.office_id, actor.now))["snapshot"]
    return _answer(json.dumps(today_answer(snapshot, actor.now), ensure_ascii=False))


def install_live_routes(server: Flask) -> None:
    """The poll and today routes, the process's snapshot cache, and the build id."""
    attach_build(server, compute_build_id())
    server.extensions[LIVE_KEY] = LiveState(cache=SnapshotCache())
    server.add_url_rule(MONITOR_POLL_PATH, "monitor_poll", _poll)
    server.add_url_rule(TODAY_API_PATH, "today_api", _today)
