"""The statistics of a period (``GET /api/v1/stats``) and the figures the trends page shows
for the whole period: ONE read, ``load_period_stats``, over ``dashboard.metrics.loaders`` and
the library's unmet demand, so the page and the API can never disagree.

``stats_json`` turns it into the API's answer; ``parse_stats_query`` checks the query string
(messages in Indonesian, for a 400)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from dashboard.errors import InputError
from dashboard.library.unmet_demand import UnmetDemand, load_unmet_demand
from dashboard.metrics import loaders
from dashboard.metrics.period import Period
from dashboard.metrics.referrals import AgencyReferrals, ReferralDays, ReferralFigures
from dashboard.metrics.revenue import RevenueFigures
from dashboard.metrics.steps import ServiceTime, StepsFigures
from dashboard.metrics.visitors import VisitorFigures
from db.queries.offices import OfficeRow, all_offices

TOP_AGENCIES = 10
TOP_TOPICS = 10
MAX_PERIOD_DAYS = 3660
"""The longest period asked for at once (ten years): beyond it, a 400."""


@dataclass(frozen=True)
class PeriodStats:
    """Every whole-period figure of ``period`` over ``office_ids`` (``None``: every office)."""

    period: Period
    office_ids: tuple[int, ...] | None
    visitors: VisitorFigures
    steps: StepsFigures
    service: ServiceTime
    referral_days: ReferralDays
    """The referrals in total and per day: the page's buckets come from the same read."""
    top_agencies: tuple[AgencyReferrals, ...]
    unmet: UnmetDemand
    revenue: RevenueFigures

    @property
    def referrals(self) -> ReferralFigures:
        return self.referral_days.total


def load_period_stats(
    session: Session, period: Period, office_ids: Sequence[int] | None
) -> PeriodStats:
    """The figures of the period, aggregated in SQL by the metrics' loaders."""
    offices = None if office_ids is None else tuple(office_ids)
    steps = loaders.load_steps(session, period, offices)
    return PeriodStats(
        period=period,
        office_ids=offices,
        visitors=loaders.load_visitors(session, period, offices),
        steps=steps,
        service=loaders.load_service_time(session, period, offices, steps.total_target_minutes),
        referral_days=loaders.load_referral_days(session, period, offices),
        top_agencies=loaders.load_top_agencies(session, period, offices, TOP_AGENCIES),
        unmet=load_unmet_demand(session, offices, period.first_day, period.last_day),
        revenue=loaders.load_revenue(session, period, offices),
    )


def stats_json(stats: PeriodStats) -> dict[str, Any]:
    """The answer of ``/api/v1/stats``: exactly the fields of issue 11. Shares are fractions
    (0 … 1), ``null`` without a base; durations in minutes, exact (not rounded)."""
    total = stats.visitors.total
    money = stats.revenue.total
    return {
        "visitors": total.visitors,
        "refused": total.refused,
        "imported": total.imported,
        "returning": total.returning,
        "by_day": [
            {
                "date": day.period.first_day.isoformat(),
                "visitors": day.visitors,
                "refused": day.refused,
            }
            for day in stats.visitors.by_day
        ],
        "steps": [
            {
                "step": step.step,
                "count": step.ended,
                "median_minutes": step.durations.median_minutes,
                "p90_minutes": step.durations.p90_minutes,
                "target_minutes": step.target_minutes,
                "within_target_share": step.compliance,
            }
            for step in stats.steps.steps
        ],
        "visit_service_minutes": {
            "median": stats.service.visits.median_minutes,
            "p90": stats.service.visits.p90_minutes,
        },
        "referral_rate_visits": stats.referrals.visit_rate,
        "referral_rate_requests": stats.referrals.request_rate,
        "top_referral_agencies": [
            {"agency": agency.label, "visits": agency.visits} for agency in stats.top_agencies
        ],
        "unmet_topics": [
            {"topic": group.label, "requests": group.count}
            for group in stats.unmet.groups[:TOP_TOPICS]
        ],
        "pnbp_revenue": money.revenue,
        "sales": money.receipts,
        "voided_sales": money.voided,
        "zero_rupiah_sales": money.zero_rupiah,
        "undeposited_at_end": stats.revenue.undeposited_at_end,
    }


# -- the query string --------------------------------------------------------------------------


def _day(raw: str | None, name: str) -> date:
    text = (raw or "").strip()
    if not text:
        raise InputError.on(name, f"Parameter {name} wajib diisi dengan tanggal YYYY-MM-DD.")
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise InputError.on(
            name, f"Parameter {name} bukan tanggal yang valid: {text!r} (gunakan YYYY-MM-DD)."
        ) from None


def parse_period(first: str | None, last: str | None) -> Period:
    """The period of ``from`` … ``to`` (ISO dates, both included); InputError in Indonesian
    for a missing, malformed or reversed date or a period over ten years."""
    first_day, last_day = _day(first, "from"), _day(last, "to")
    if last_day < first_day:
        raise InputError.on(
            "to",
            f"Tanggal akhir (to={last_day.isoformat()}) tidak boleh sebelum tanggal awal "
            f"(from={first_day.isoformat()}).",
        )
    period = Period(first_day, last_day)
    if period.length > MAX_PERIOD_DAYS:
        raise InputError.on("to", "Periode paling panjang 10 tahun.")
    return period


def office_ids_for(
    code: str | None, offices: Sequence[OfficeRow], own_office_id: int
) -> tuple[int]:
    """The office asked for by its code (default: the app's own office); InputError for an
    unknown code."""
    text = (code or "").strip()
    if not text:
        return (own_office_id,)
    found = next((office for office in offices if office.code == text), None)
    if found is None:
        raise InputError.on("office", f"Kantor dengan kode {text!r} tidak dikenal.")
    return (found.id,)


def parse_stats_query(
    session: Session, args: Mapping[str, str], own_office_id: int
) -> tuple[Period, tuple[int]]:
    """The period and office of ``/api/v1/stats?from=…&to=…[&office=CODE]``."""
    period = parse_period(args.get("from"), args.get("to"))
    return period, office_ids_for(args.get("office"), all_offices(session), own_office_id)
