"""Step timing: how long a visit spends in an SOP step, how long it waited for it, whether the
step met its target, and how a running step stands against its target.

The one definition of these numbers (DESIGN.md, "What the numbers mean"); the step history,
the in-progress board and every later screen or report use them. Pure functions over stored
times (aware UTC datetimes): no Dash, no SQL.

Durations are whole seconds, never floating-point minutes or days, so a step of exactly its
target meets it, and the same step compares the same way on SQLite and PostgreSQL. A step
with no start or no end is open: its duration is None, never 0.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from dashboard import sop

SECOND = timedelta(seconds=1)
SECONDS_PER_MINUTE = 60

WARN_NUMERATOR = 4
WARN_DENOMINATOR = 5
"""A running step turns amber at 4/5 (80%) of its target."""

TimerState = Literal["ok", "warn", "late", "wait"]
"""ok: under 80% of the target (or no target); warn: from 80% up to the target itself;
late: beyond the target; wait: the visitor waits for the step to be taken up."""


def whole_seconds(span: timedelta) -> int:
    """The complete seconds of ``span`` (a part of a second not yet complete is dropped)."""
    return span // SECOND


def step_duration_seconds(started_at: datetime | None, ended_at: datetime | None) -> int | None:
    """A step's own time, ``ended_at - started_at`` in whole seconds; None while the step is
    open (not started or not ended)."""
    if started_at is None or ended_at is None:
        return None
    return whole_seconds(ended_at - started_at)


def waiting_seconds(
    step_number: int, queued_at: datetime, started_at: datetime | None
) -> int | None:
    """How long the visitor waited for the step (queued to started) in whole seconds, kept
    apart from the step's duration; None until the step has started.

    Steps that begin the moment the previous one ends have no wait: None, unless a corrected
    start time opened a gap.
    """
    if started_at is None:
        return None
    waited = started_at - queued_at
    if sop.starts_immediately(step_number) and waited <= timedelta(0):
        return None
    return whole_seconds(waited)


def target_seconds(target_minutes: int) -> int:
    return target_minutes * SECONDS_PER_MINUTE


def meets_target(duration_seconds: float | None, target_minutes: int | None) -> bool | None:
    """Whether a finished step met its target: duration ≤ target (the target in force on the
    visit day). None when the step is open or has no target, so it counts neither way."""
    if duration_seconds is None or target_minutes is None:
        return None
    return duration_seconds <= target_seconds(target_minutes)


def elapsed_between(since: datetime, now: datetime) -> timedelta:
    """Whole seconds from ``since`` to ``now`` (what a live screen shows); zero when ``now``
    is earlier (a clock a little behind the one that stored ``since``)."""
    if now <= since:
        return timedelta(0)
    return whole_seconds(now - since) * SECOND


def timer_state(
    elapsed: timedelta, target_minutes: int | None, *, waiting: bool = False
) -> TimerState:
    """A running step against its target (see ``TimerState``). Exactly 80% of the target is
    amber; exactly the target is still amber (the step would meet it); past it, red. The 80%
    is compared with integer arithmetic on ``timedelta`` (exact microseconds): no float
    rounding at the boundaries."""
    if waiting:
        return "wait"
    if target_minutes is None:
        return "ok"
    target = timedelta(minutes=target_minutes)
    if elapsed > target:
        return "late"
    if elapsed * WARN_DENOMINATOR >= target * WARN_NUMERATOR:
        return "warn"
    return "ok"
