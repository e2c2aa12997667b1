"""The metrics of a period, read: each loader runs the aggregates of ``db.queries.metrics*``
(in SQL, a few statements) and hands back the dataclasses of this package. ``office_ids``
``None`` means every office of the database."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.metrics import (
    corrections,
    profile,
    publications,
    referrals,
    revenue,
    room,
    steps,
    visitors,
)
from dashboard.metrics.period import Grain, Period
from db.queries import metrics as queries
from db.queries import (
    metrics_corrections,
    metrics_pnbp,
    metrics_profile,
    metrics_publications,
    metrics_referrals,
    metrics_room,
    metrics_steps,
)
from db.queries.visits import step_targets_in_force

Offices = Sequence[int] | None


def load_visitors(
    session: Session, period: Period, office_ids: Offices = None
) -> visitors.VisitorFigures:
    rows = queries.visitors_by_day(session, period.scope(office_ids))
    return visitors.visitor_figures(period, rows)


def load_arrivals_by_hour(
    session: Session, period: Period, office_ids: Offices = None
) -> visitors.HourlyArrivals:
    return visitors.hourly_arrivals(queries.arrivals_by_hour(session, period.scope(office_ids)))


def load_weekday_hours(
    session: Session, period: Period, office_ids: Offices = None
) -> visitors.WeekdayHours:
    rows = queries.arrivals_by_weekday_hour(session, period.scope(office_ids))
    return visitors.weekday_hours(rows)


def load_usual_weekday(
    session: Session,
    day: date,
    is_working_day: Callable[[date], bool],
    office_ids: Offices = None,
) -> visitors.UsualWeekday:
    """The usual for ``day``'s weekday; ``is_working_day`` is the office calendar's rule
    (``dashboard.office.service_hours.is_working_day``)."""
    days = visitors.usual_days(day, is_working_day)
    if not days:
        return visitors.usual_weekday(day, days, [], [])
    return visitors.usual_weekday(
        day,
        days,
        queries.visitors_on_days(session, office_ids, days),
        queries.arrivals_by_hour_on_days(session, office_ids, days),
    )


def load_steps(session: Session, period: Period, office_ids: Offices = None) -> steps.StepsFigures:
    rows = metrics_steps.step_figures(session, period.scope(office_ids))
    return steps.step_figures(period, rows, step_targets_in_force(session, period.last_day))


def load_step_compliance(
    session: Session, period: Period, grain: Grain, office_ids: Offices = None
) -> tuple[steps.StepCompliance, ...]:
    rows = metrics_steps.step_compliance_by_day(session, period.scope(office_ids))
    return steps.compliance_over_time(period, rows, grain)


def load_waits(
    session: Session, period: Period, office_ids: Offices = None
) -> tuple[steps.WaitFigures, ...]:
    rows = metrics_steps.waits_before_steps(session, period.scope(office_ids), steps.WAITING_STEPS)
    return steps.wait_figures(rows)


def load_service_time(
    session: Session, period: Period, office_ids: Offices = None, limit: int | None = None
) -> steps.ServiceTime:
    """``limit``: the whole visit's limit in minutes when already known
    (``StepsFigures.total_target_minutes``); otherwise read from the targets in force."""
    if limit is None:
        limit = sop.total_target_minutes(step_targets_in_force(session, period.last_day))
    row = metrics_steps.visit_service_time(session, period.scope(office_ids), limit * 60)
    return steps.service_time(row, limit)


def load_referral_days(
    session: Session, period: Period, office_ids: Offices = None
) -> referrals.ReferralDays:
    """The period's referrals in total and per day (``.by(grain)``), one statement."""
    rows = metrics_referrals.referrals_by_day(session, period.scope(office_ids))
    return referrals.referral_days(period, rows)


def load_referrals(
    session: Session, period: Period, office_ids: Offices = None
) -> referrals.ReferralFigures:
    return load_referral_days(session, period, office_ids).total


def load_referrals_over_time(
    session: Session, period: Period, grain: Grain, office_ids: Offices = None
) -> tuple[referrals.ReferralFigures, ...]:
    return load_referral_days(session, period, office_ids).by(grain)


def load_top_agencies(
    session: Session, period: Period, office_ids: Offices = None, limit: int = 10
) -> tuple[referrals.AgencyReferrals, ...]:
    rows = metrics_referrals.top_referral_agencies(session, period.scope(office_ids), limit)
    return referrals.top_agencies(rows)


def load_revenue(
    session: Session, period: Period, office_ids: Offices = None
) -> revenue.RevenueFigures:
    scope = period.scope(office_ids)
    return revenue.revenue_figures(
        period,
        metrics_pnbp.revenue_by_day(session, scope),
        metrics_pnbp.revenue_by_kind(session, scope),
        metrics_pnbp.undeposited_at_end(session, office_ids, period.last_day),
    )


def load_revenue_by_day(
    session: Session, period: Period, office_ids: Offices = None
) -> revenue.RevenueFigures:
    """Receipts and revenue in total and per day (``.by(grain)``), one statement: no kinds,
    no undeposited balance (what a comparison period needs)."""
    rows = metrics_pnbp.revenue_by_day(session, period.scope(office_ids))
    return revenue.revenue_figures(period, rows, (), 0)


def load_room(session: Session, day: date, office_ids: Offices = None) -> room.RoomFigures:
    """The room as it stands: visits of ``day`` (or later, before the screen turns to a new
    day) still in progress, and the older ones still open."""
    return room.room_figures(metrics_room.room_counts(session, office_ids, day))


Labels = Mapping[tuple[str, str], str]


def load_service_types(
    session: Session, period: Period, office_ids: Offices = None, labels: Labels | None = None
) -> profile.ServiceTypes:
    """``labels``: the option labels when already read (``load_service_types_and_profile``)."""
    rows = metrics_profile.service_types(session, period.scope(office_ids))
    return profile.service_types(
        rows, metrics_profile.option_labels(session) if labels is None else labels
    )


def load_visitor_profile(
    session: Session, period: Period, office_ids: Offices = None, labels: Labels | None = None
) -> profile.VisitorProfile:
    rows = metrics_profile.visitor_profile(session, period.scope(office_ids))
    return profile.visitor_profile(
        rows, metrics_profile.option_labels(session) if labels is None else labels
    )


def load_service_types_and_profile(
    session: Session, period: Period, office_ids: Offices = None
) -> tuple[profile.ServiceTypes, profile.VisitorProfile]:
    """Both breakdowns of the period, the option labels read once."""
    labels = metrics_profile.option_labels(session)
    return (
        load_service_types(session, period, office_ids, labels),
        load_visitor_profile(session, period, office_ids, labels),
    )


def load_publications(
    session: Session,
    period: Period,
    office_ids: Offices = None,
    limit: int = publications.TOP_PUBLICATIONS,
) -> publications.PublicationFigures:
    scope = period.scope(office_ids)
    return publications.publication_figures(
        metrics_publications.requested_publications(session, scope, limit),
        metrics_publications.sold_publications(session, scope, limit),
    )


def load_corrections(
    session: Session, period: Period, ended_by_step: Mapping[int, int], office_ids: Offices = None
) -> corrections.CorrectionFigures:
    """``ended_by_step``: the period's ended steps per number (``load_steps``), each step's
    base."""
    rows = metrics_corrections.corrections_by_officer_and_step(session, period.scope(office_ids))
    return corrections.correction_figures(rows, ended_by_step)
