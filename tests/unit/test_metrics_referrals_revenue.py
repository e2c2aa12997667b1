"""Referral and PNBP figures from query rows: sums, grains, shares that have no base."""

from __future__ import annotations

from datetime import date

from dashboard.metrics.period import Period
from dashboard.metrics.referrals import referral_figures, referrals_over_time, top_agencies
from dashboard.metrics.revenue import revenue_by_kind_over_time, revenue_figures
from db.queries.metrics_pnbp import KindDayRow, RevenueDayRow
from db.queries.metrics_referrals import AgencyRow, ReferralDayRow

PERIOD = Period(date(2026, 11, 25), date(2026, 11, 26))


def test_referral_rates_add_up_over_days() -> None:
    rows = [
        ReferralDayRow(date(2026, 11, 25), 3, 4, 3, 6),
        ReferralDayRow(date(2026, 11, 26), 1, 2, 1, 3),
        ReferralDayRow(date(2026, 11, 27), 9, 9, 9, 9),  # outside: ignored
    ]
    figures = referral_figures(PERIOD, rows)
    assert (figures.visit_rate, figures.request_rate) == (4 / 6, 4 / 9)
    yesterday, today = referrals_over_time(PERIOD, rows, "day")
    assert (yesterday.visit_rate, today.visits_decided) == (0.75, 2)
    empty = referral_figures(PERIOD, [])
    assert empty.visit_rate is None and empty.request_rate is None
    (agency,) = top_agencies([AgencyRow(None, "Dinas X", 2, 3)])
    assert (agency.agency_id, agency.name, agency.visits) == (None, "Dinas X", 2)


def test_revenue_days_kinds_and_shares() -> None:
    rows = [
        RevenueDayRow(date(2026, 11, 25), 2, 135_000, 0, 1, 0),
        RevenueDayRow(date(2026, 11, 26), 2, 20_000, 1, 0, 1),
    ]
    kinds = [
        KindDayRow(date(2026, 11, 25), "impor", 75_000),
        KindDayRow(date(2026, 11, 25), "cetak_halaman", 10_000),
        KindDayRow(date(2026, 11, 26), "cetak_halaman", 20_000),
        KindDayRow(date(2026, 11, 26), "data_digital", 0),
    ]
    figures = revenue_figures(PERIOD, rows, kinds, 30_000)
    total = figures.total
    assert (total.revenue, total.receipts, total.zero_rupiah, total.voided) == (155_000, 4, 1, 1)
    assert total.zero_rupiah_share == 0.25
    assert figures.by_kind == (("impor", 75_000), ("cetak_halaman", 30_000), ("data_digital", 0))
    assert [day.revenue for day in figures.by("day")] == [135_000, 20_000]
    assert figures.undeposited_at_end == 30_000
    over_time = revenue_by_kind_over_time(PERIOD, kinds, "day")
    assert over_time[0][1:] == ("cetak_halaman", 10_000)
    empty = revenue_figures(PERIOD, [], [], 0)
    assert empty.total.zero_rupiah_share is None and empty.by_kind == ()
