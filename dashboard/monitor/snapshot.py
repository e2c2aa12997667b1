"""The wall screen's figures of one office and day: a JSON-ready dict, computed once per change
of the office (``dashboard.monitor.live``) and shared by every screen.

No personal data: a visit appears by its daily code only (``A-017``), never with the
visitor's name, phone or e-mail. Times are UTC (``2026-11-26T02:15:00Z``); the browser
turns them into the minutes it shows and ticks them itself, so a snapshot stays true until
the next change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.clock import local_date
from db.queries import live, offices
from db.queries.visits import ActiveVisitRow, active_visit_rows, step_targets_in_force

SNAPSHOT_FORMAT = 1
"""Raised when a field changes meaning (the browser script reads it)."""


def utc_text(moment: datetime | None) -> str | None:
    """A moment as ISO 8601 UTC with whole seconds, the form every snapshot time takes."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _in_progress(row: ActiveVisitRow, targets: dict[int, int | None]) -> dict[str, Any]:
    waiting = row.started_at is None
    return {
        "code": row.code,
        "step": row.step_number,
        "step_label": sop.STEP_BY_NUMBER[row.step_number].label,
        "waiting": waiting,
        "queued_at": utc_text(row.queued_at),
        "started_at": utc_text(row.started_at),
        "since": utc_text(row.queued_at if waiting else row.started_at),
        "target_minutes": targets.get(row.step_number),
    }


def build_snapshot(session: Session, office_id: int, day: date, now: datetime) -> dict[str, Any]:
    """The figures of ``day`` (office-local) as of ``now``: visitors admitted and refused at
    screening that day, and the visits in progress (those that arrived on ``day`` or later;
    older ones still open are only counted, as stale) with their open step, when it was
    queued and started, and its target in force on ``day``."""
    zone = ZoneInfo(offices.office(session, office_id).timezone)
    admitted, refused = live.screening_counts(session, office_id, day)
    targets = step_targets_in_force(session, day)
    current: list[dict[str, Any]] = []
    stale = 0
    for row in active_visit_rows(session, office_id):
        if local_date(row.arrived_at, zone) < day:
            stale += 1
        else:
            current.append(_in_progress(row, targets))
    return {
        "format": SNAPSHOT_FORMAT,
        "date": day.isoformat(),
        "computed_at": utc_text(now),
        "visitors": admitted,
        "refused": refused,
        "in_progress": current,
        "stale_open_visits": stale,
    }
