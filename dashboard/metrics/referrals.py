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
    return referral_days(period, rows).total


@dataclass(frozen=True)
class ReferralDays:
    """The referrals of a period, in total and for each day with a decided request (so one
    ``referrals_by_day`` read serves the period's rate and its buckets)."""

    total: ReferralFigures
    by_day: tuple[ReferralFigures, ...]

    def by(self, grain: Grain) -> tuple[ReferralFigures, ...]:
        """The figures of every bucket (day, week, month) of the period."""
        return tuple(
            add_up(ReferralFigures, bucket, self.by_day)
            for bucket in buckets(self.total.period, grain)
        )


def referral_days(period: Period, rows: Iterable[ReferralDayRow]) -> ReferralDays:
    """From ``referrals_by_day`` rows (those outside the period are ignored)."""
    days = tuple(
        ReferralFigures(Period(row.day, row.day), *row[1:]) for row in rows if row.day in period
    )
    return ReferralDays(add_up(ReferralFigures, period, days), days)


def referrals_over_time(
    period: Period, rows: Iterable[ReferralDayRow], grain: Grain
) -> tuple[ReferralFigures, ...]:
    """The figures of every bucket (day, week, month) of the period."""
    return referral_days(period, rows).by(grain)


NO_AGENCY_NAME = "(tanpa nama dinas)"
"""How a referral naming no agency is shown."""


@dataclass(frozen=True)
class AgencyReferrals:
    """An agency referred to: "counted by directory entry, or by the name typed where none was
    chosen" (``agency_id`` ``None``); ``name`` ``None`` when the request names none."""

    agency_id: int | None
    name: str | None
    visits: int
    requests: int

    @property
    def label(self) -> str:
        """The name shown: ``NO_AGENCY_NAME`` when the request names none."""
        return self.name or NO_AGENCY_NAME


def top_agencies(rows: Iterable[AgencyRow]) -> tuple[AgencyReferrals, ...]:
    return tuple(AgencyReferrals(*row) for row in rows)
