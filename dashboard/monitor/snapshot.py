"""The wall screen's figures of one office and day: a JSON-ready dict, computed once per change
of the office (``dashboard.monitor.live``) and shared by every screen.

Every number comes from ``dashboard.metrics`` (DESIGN.md, "What the numbers mean"); this
module only gathers them for the day shown and its month to date. No personal data: a visit
appears by its daily code only (``A-017``), never with the visitor's name, phone or e-mail.
Times are UTC (``2026-11-26T02:15:00Z``); the browser turns them into the minutes it shows and
ticks them itself, so a snapshot stays true until the next change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.clock import local_date
from dashboard.figures.monitor import shown_hours
from dashboard.metrics import loaders
from dashboard.metrics.period import month_to_date, single_day
from dashboard.metrics.steps import StepFigures, all_steps_compliance
from dashboard.monitor.service_window import service_window
from dashboard.office.service_hours import is_working_day
from db.queries import offices
from db.queries.sales import visits_waiting_for_payment
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


def _step(figures: StepFigures) -> dict[str, Any]:
    return {
        "step": figures.step,
        "label": sop.STEP_BY_NUMBER[figures.step].label,
        "count": figures.ended,
        "open": figures.open,
        "median_minutes": figures.durations.median_minutes,
        "max_minutes": figures.durations.max_minutes,
        "target_minutes": figures.target_minutes,
        "within_target_share": figures.compliance,
    }


def _service(day: date, office: Any) -> dict[str, Any]:
    window = service_window(day, office)
    return {
        **window,
        "opens_at": utc_text(window["opens_at"]),
        "closes_at": utc_text(window["closes_at"]),
        "next_opens_at": utc_text(window["next_opens_at"]),
    }


def build_snapshot(session: Session, office_id: int, day: date, now: datetime) -> dict[str, Any]:
    """The figures of ``day`` (office-local) as of ``now``: visitors admitted and refused at
    screening that day against the usual for the weekday, arrivals by hour, the room, the
    visits in progress (those that arrived on ``day`` or later; older ones still open are
    only counted, as stale) with their open step and its target in force on ``day``, the
    steps' times today, the share within target, referrals and PNBP today and this month,
    and the service window (``docs/live.md`` lists every key)."""
    office = offices.office(session, office_id)
    zone = ZoneInfo(office.timezone)
    scope = [office_id]
    today, month = single_day(day), month_to_date(day)
    visitors = loaders.load_visitors(session, today, scope).total
    usual = loaders.load_usual_weekday(session, day, is_working_day, scope)
    arrivals = loaders.load_arrivals_by_hour(session, today, scope)
    room = loaders.load_room(session, day, scope)
    steps_today = loaders.load_steps(session, today, scope)
    # The month's figures are read once each, and the day's are their last day (the month
    # to date ends on ``day``); the month needs only its share within target, not the steps'
    # percentiles, nor the revenue's item kinds and undeposited balance.
    within_target_month = all_steps_compliance(
        loaders.load_step_compliance(session, month, "month", scope)
    )
    referral_days = loaders.load_referral_days(session, month, scope)
    referrals_month, referrals_today = referral_days.total, referral_days.by("day")[-1]
    revenue_days = loaders.load_revenue_by_day(session, month, scope)
    revenue_month, revenue_today = revenue_days.total, revenue_days.by_day[-1]
    targets = step_targets_in_force(session, day)
    current: list[dict[str, Any]] = []
    current_ids: set[int] = set()
    stale = 0
    for row in active_visit_rows(session, office_id):
        if local_date(row.arrived_at, zone) < day:
            stale += 1
        else:
            current.append(_in_progress(row, targets))
            current_ids.add(row.visit_id)
    # Visits of the day whose visitor said yes at step 9 (stale ones are counted apart).
    waiting_for_payment = sum(
        1 for row in visits_waiting_for_payment(session, office_id) if row.visit_id in current_ids
    )
    return {
        "format": SNAPSHOT_FORMAT,
        "date": day.isoformat(),
        "computed_at": utc_text(now),
        "visitors": visitors.visitors,
        "refused": visitors.refused,
        "in_progress": current,
        "stale_open_visits": stale,
        "usual_visitors": usual.visitors,
        "usual_days": len(usual.days),
        "arrivals_by_hour": list(arrivals.visitors),
        "usual_by_hour": None if usual.by_hour is None else list(usual.by_hour),
        "chart_hours": list(
            shown_hours(arrivals.visitors, office.service_start.hour, office.service_end.hour)
        ),
        "in_room": room.in_room,
        "bags_on_rack": room.bags_on_rack,
        "tables_taken": room.tables_taken,
        "waiting_for_payment": waiting_for_payment,
        "steps": [_step(figures) for figures in steps_today.steps],
        "within_target_share_today": steps_today.compliance,
        "within_target_share_month": within_target_month,
        "referral_rate_today": referrals_today.visit_rate,
        "referral_rate_month": referrals_month.visit_rate,
        "pnbp_today": revenue_today.revenue,
        "pnbp_month": revenue_month.revenue,
        "receipts_today": revenue_today.receipts,
        "receipts_month": revenue_month.receipts,
        "service": _service(day, office),
    }
