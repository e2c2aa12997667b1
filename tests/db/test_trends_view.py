"""The trends page's read model (``dashboard.trends.trends_view``) on the trap data set, on
SQLite and PostgreSQL: its figures agree with ``/api/v1/stats`` (the same read), its series
add up to the period's totals, the readings are written from the data, and an empty period
or a year boundary draws without error."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from dashboard.metrics.period import Period
from dashboard.trends.stats import stats_json
from dashboard.trends.trends_layout import chart_figures
from dashboard.trends.trends_view import TrendsQuery, load_trends_view
from tests.helpers.database import PreparedDatabase
from tests.helpers.metrics_data import MetricsData, trap_data

Y = date(2026, 11, 25)
T = date(2026, 11, 26)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def trap(request: pytest.FixtureRequest) -> Iterator[tuple[PreparedDatabase, MetricsData]]:
    with trap_data(request, request.param) as written:
        yield written


def view_of(trap: tuple[PreparedDatabase, MetricsData], period: Period, grain: str = "day"):  # type: ignore[no-untyped-def]
    db, data = trap
    query = TrendsQuery(period, grain, "previous", (data.office_id,))  # type: ignore[arg-type]
    with db.database.reading() as session:
        return load_trends_view(session, query)


def test_the_page_and_the_api_agree(trap: tuple[PreparedDatabase, MetricsData]) -> None:
    view = view_of(trap, Period(Y, T))
    api = stats_json(view.stats)
    # The series the charts draw add up to the API's totals.
    assert sum(bucket.visitors for bucket in view.visitors) == api["visitors"] == 7
    assert sum(bucket.refused for bucket in view.visitors) == api["refused"] == 1
    assert [(b.period.first_day.isoformat(), b.visitors, b.refused) for b in view.visitors] == [
        (row["date"], row["visitors"], row["refused"]) for row in api["by_day"]
    ]
    assert sum(row.revenue for row in view.revenue) == api["pnbp_revenue"] == 155_000
    assert sum(amount for _b, _k, amount in view.revenue_by_kind) == 155_000
    assert sum(row.receipts for row in view.revenue) == api["sales"] == 4
    steps = {row[0]: row for row in view.tables["steps"].rows}
    for row in api["steps"]:
        table = steps[row["step"]]
        assert (table[1], table[3], table[4], table[5], table[8]) == (
            row["count"],
            row["median_minutes"],
            row["p90_minutes"],
            row["target_minutes"],
            row["within_target_share"],
        )
    # Compliance over time adds up to the period's 34 of 37 steps within target.
    assert sum(cell.meeting for cell in view.compliance) == 34
    assert sum(cell.with_target for cell in view.compliance) == 37
    assert sum(map(sum, view.weekday_hours.cells)) == 7
    # The comparison: the two days before (23-24 Nov) had no visit.
    assert view.comparison_total.visitors == 0
    # The readings, from the same numbers.
    assert view.readings["steps"] == (
        "Langkah 2 paling sering melewati target: 33 % di atas 2 menit; seluruhnya 92 % "
        "langkah dalam target."
    )
    assert view.readings["bottleneck"] == (
        "Hambatan utama: Langkah 9 (Penawaran publikasi), 73 % dari 5,5 menit yang melewati target."
    )
    assert view.readings["receipts"] == (
        "4 kuitansi, 1 di antaranya Rp0 (25 %); 1 dibatalkan; belum disetor pada akhir periode "
        "Rp 30.000."
    )
    assert view.readings["referrals"] == (
        "67 % kunjungan dirujuk ke instansi lain (4 dari 6); per permintaan 44 %."
    )
    assert set(chart_figures(view)) == set(view.tables) == set(view.readings)
    assert not view.empty


def test_an_empty_period_draws_and_says_so(trap: tuple[PreparedDatabase, MetricsData]) -> None:
    view = view_of(trap, Period(date(2026, 10, 1), date(2026, 10, 31)), "week")
    assert view.empty
    figures = chart_figures(view)
    assert all(not figures[key].data for key in ("steps", "revenue", "heatmap", "compliance"))
    # The previous period (September) had U5 (24 Sep): drawn beside, as the comparison.
    assert sum(view.comparison_visitors[i].visitors for i in range(len(view.visitors))) == 1
    assert sum(figures["visitors"].data[1].y) == 0
    assert view.readings["visitors"] == "Tidak ada kunjungan pada periode ini."
    assert view.readings["steps"].startswith("Belum ada langkah bertarget")


def test_weeks_across_the_new_year(trap: tuple[PreparedDatabase, MetricsData]) -> None:
    view = view_of(trap, Period(date(2025, 12, 29), date(2026, 1, 11)), "week")
    # Weeks from Monday 29 Dec 2025 and Monday 5 Jan 2026: J (31 Dec) and K (2 Jan) in the
    # first, L refused on 2 Jan.
    assert [(b.period.first_day, b.visitors, b.refused) for b in view.visitors] == [
        (date(2025, 12, 29), 2, 1),
        (date(2026, 1, 5), 0, 0),
    ]
    assert [row.revenue for row in view.revenue] == [10_000, 0]
