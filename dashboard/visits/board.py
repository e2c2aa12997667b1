"""Time spent by the visits now in the building, against the SOP's targets, and the rows of
the *Layanan berjalan* board that shows it.

Elapsed time and the timer's colour are ``dashboard.metrics.step_timing``'s (whole seconds,
amber from 80% of the target), so the colour of a timer always agrees with the number beside
it. The board's components are built in ``dashboard.visits.board_layout``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.clock import local_date, to_local
from dashboard.i18n import format_clock, format_day, format_duration, format_long_day
from dashboard.metrics.step_timing import TimerState, elapsed_between, timer_state
from db.queries.sales import visits_waiting_for_payment
from db.queries.visits import ActiveVisitRow, active_visit_rows, step_targets_in_force

ActionKind = Literal["start", "arrival", "service"]
"""What moves a visit on: start a waiting step here, go on at the arrival desk
(steps 1-3), or open the visit's service page."""

NO_VALUE = "—"
WAITING_WORD = "menunggu"
OUTSIDE_HOURS_TEXT = "Di luar jam layanan"
AWAITING_PAYMENT_TEXT = "Menunggu pembayaran"
"""Step 9 answered "yes": the visitor is with the treasurer (the step's timer keeps running
until the receipt is issued)."""
PAYMENT_ACTION_TEXT = "Catat pembayaran"
ARRIVAL_ACTION_TEXT = "Lanjutkan di Kedatangan"
SERVICE_ACTION_TEXT = "Buka layanan"


def next_action(step_number: int, waiting: bool) -> ActionKind:
    """The one action that moves the visit on from where it is."""
    if waiting:
        return "start"
    if step_number in sop.ARRIVAL_STEPS:
        return "arrival"
    return "service"


def start_label(step_number: int) -> str:
    """'Mulai Menyampaikan tujuan'"""
    return f"Mulai {sop.STEP_BY_NUMBER[step_number].label}"


def _action_label(action: ActionKind, step_number: int) -> str:
    if action == "start":
        return start_label(step_number)
    if action == "arrival":
        return ARRIVAL_ACTION_TEXT
    return SERVICE_ACTION_TEXT


def _minutes(span: timedelta) -> float:
    return span.total_seconds() / 60


def arrival_text(arrived_at: datetime, now: datetime) -> str:
    """'09:15' for today's arrivals; '25 Nov 2026 15:10' for a visit left open since an
    earlier day, so it does not pass for one that arrived today."""
    if local_date(arrived_at) == local_date(now):
        return format_clock(arrived_at)
    return f"{format_day(local_date(arrived_at))} {format_clock(arrived_at)}"


def _number_or_dash(value: int | None) -> str:
    return NO_VALUE if value is None else str(value)


@dataclass(frozen=True)
class BoardRow:
    """One visit in the building, as the board shows it."""

    visit_id: int
    code: str
    visitor_name: str
    arrived_clock: str
    outside_service_hours: bool
    step_number: int
    step_label: str
    waiting: bool
    elapsed: timedelta
    elapsed_text: str
    target_text: str | None
    state: TimerState
    rack_slot: str
    reading_table: str
    action: ActionKind
    action_label: str
    awaiting_payment: bool = False


@dataclass(frozen=True)
class Board:
    """The whole board at one moment: the header's numbers and the rows."""

    day_text: str
    inside_count: int
    waiting_count: int
    updated_text: str
    rows: tuple[BoardRow, ...]


def board_row(
    row: ActiveVisitRow,
    targets: Mapping[int, int | None],
    now: datetime,
    awaiting_payment: bool = False,
) -> BoardRow:
    """A visit's row: waiting time (since the step was queued) while the visitor waits,
    otherwise the time in the step (since it started) against its target. A visit whose
    step 9 was answered "yes" says it waits for payment."""
    waiting = row.started_at is None
    since = row.queued_at if row.started_at is None else row.started_at
    elapsed = elapsed_between(since, now)
    target = None if waiting else targets.get(row.step_number)
    duration = format_duration(_minutes(elapsed))
    action = next_action(row.step_number, waiting)
    return BoardRow(
        visit_id=row.visit_id,
        code=row.code,
        visitor_name=row.visitor_name or NO_VALUE,
        arrived_clock=arrival_text(row.arrived_at, now),
        outside_service_hours=row.outside_service_hours,
        step_number=row.step_number,
        step_label=sop.step_label(row.step_number),
        waiting=waiting,
        elapsed=elapsed,
        elapsed_text=f"{WAITING_WORD} {duration}" if waiting else duration,
        target_text=None if target is None else f"target {target} mnt",
        state=timer_state(elapsed, target, waiting=waiting),
        rack_slot=_number_or_dash(row.rack_slot),
        reading_table=_number_or_dash(row.reading_table),
        action=action,
        action_label=_action_label(action, row.step_number),
        awaiting_payment=awaiting_payment and row.step_number == sop.PURCHASE_OFFER,
    )


def build_board(
    rows: Sequence[ActiveVisitRow],
    targets: Mapping[int, int | None],
    now: datetime,
    awaiting_payment: Collection[int] = (),
) -> Board:
    """The board for ``now`` (UTC), from the active visits (in arrival order), the step
    targets in force today and the visits waiting for the treasurer (ids)."""
    board_rows = tuple(
        board_row(row, targets, now, row.visit_id in awaiting_payment) for row in rows
    )
    return Board(
        day_text=format_long_day(local_date(now)),
        inside_count=len(board_rows),
        waiting_count=sum(1 for row in board_rows if row.waiting),
        updated_text=f"diperbarui {to_local(now):%H:%M:%S}",
        rows=board_rows,
    )


def load_board(session: Session, office_id: int, now: datetime) -> Board:
    """The board at ``now``: the office's active visits, the step targets in force today
    (WIB) and the visits waiting for the treasurer."""
    return build_board(
        active_visit_rows(session, office_id),
        step_targets_in_force(session, local_date(now)),
        now,
        {row.visit_id for row in visits_waiting_for_payment(session, office_id)},
    )
