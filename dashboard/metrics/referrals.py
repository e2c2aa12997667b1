"""Referrals (DESIGN.md, "Referral rate"): the visit-level rate, the request-level rate beside
it, per period and per grain, and the agencies referred to most."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dashboard.metrics.period import Grain, Period, add_up, buckets, share
from db.queries.metrics_referrals import AgencyRow, ReferralDayRow


@dataclass(frozen=True)
class ReferralFigures:
    """ "Admitted visits with at least one request referred to another agency / admitted visits
    with at least one request whose availability was decided (step 7 saved)"; "the
    request-level rate (referred / decided requests) is shown beside it"."""

    period: Period
    visits_referred: int
    visits_decided: int
    requests_referred: int
    requests_decided: int

    @property
    def visit_rate(self) -> float | None:
        return share(self.visits_referred, self.visits_decided)

    @property
    def request_rate(self) -> float | None:
        return share(self.requests_referred, self.requests_decided)


def referral_figures(period: Period, rows: Iterable[ReferralDayRow]) -> ReferralFigures:
    """The period's figures from ``referrals_by_day`` rows (those outside it are ignored)."""
    days = (ReferralFigures(Period(row.day, row.day), *row[1:]) for row in rows)
    return add_up(ReferralFigures, period, days)


def referrals_over_time(
    period: Period, rows: Iterable[ReferralDayRow], grain: Grain
) -> tuple[ReferralFigures, ...]:
    """The figures of every bucket (day, week, month) of the period."""
    days = list(rows)
    return tuple(referral_figures(bucket, days) for bucket in buckets(period, grain))


@dataclass(frozen=True)
class AgencyReferrals:
    """An agency referred to: "counted by directory entry, or by the name typed where none was
    chosen" (``agency_id`` ``None``); ``name`` ``None`` when the request names none."""

    agency_id: int | None
    name: str | None
    visits: int
    requests: int


def top_agencies(rows: Iterable[AgencyRow]) -> tuple[AgencyReferrals, ...]:
    return tuple(AgencyReferrals(*row) for row in rows)
