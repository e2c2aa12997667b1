"""``GET /api/v1/today``: the wall screen's numbers as JSON, mapped from the very snapshot the
screen shows (``build_snapshot``), so the two can never disagree. The minutes of each visit in
progress are counted at the moment of the request from the snapshot's ``since``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dashboard.metrics.step_timing import SECONDS_PER_MINUTE, elapsed_between, whole_seconds

TODAY_FIELDS = (
    "date",
    "visitors",
    "refused",
    "usual_visitors",
    "arrivals_by_hour",
    "in_room",
    "bags_on_rack",
    "tables_taken",
    "waiting_for_payment",
    "in_progress",
    "steps",
    "within_target_share_month",
    "referral_rate_today",
    "referral_rate_month",
    "pnbp_today",
    "pnbp_month",
    "receipts_today",
)
"""The answer's fields, in order (the issue's contract: exactly these)."""
COPIED = frozenset(TODAY_FIELDS) - {"in_progress", "steps"}
STEP_FIELDS = (
    "step",
    "count",
    "median_minutes",
    "max_minutes",
    "target_minutes",
    "within_target_share",
)


def _minutes(since: str, now: datetime) -> int:
    """Whole minutes in the step (or waiting for it) at ``now``."""
    elapsed = elapsed_between(datetime.fromisoformat(since.replace("Z", "+00:00")), now)
    return whole_seconds(elapsed) // SECONDS_PER_MINUTE


def today_answer(snapshot: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The snapshot in the shape of ``/api/v1/today`` at ``now`` (aware UTC)."""
    answer: dict[str, Any] = {}
    for name in TODAY_FIELDS:
        if name in COPIED:
            answer[name] = snapshot[name]
        elif name == "in_progress":
            answer[name] = [
                {
                    "code": visit["code"],
                    "step": visit["step"],
                    "minutes": _minutes(visit["since"], now),
                    "target_minutes": visit["target_minutes"],
                }
                for visit in snapshot["in_progress"]
            ]
        else:
            answer[name] = [
                {field: step[field] for field in STEP_FIELDS} for step in snapshot["steps"]
            ]
    return answer
