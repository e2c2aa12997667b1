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
from dashboard.trends.trends_charts import chart_figures
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


SEP_TO_NOV = Period(date(2026, 9, 1), date(2026, 11, 30))


def test_service_types_and_the_visitor_profile(trap: tuple[PreparedDatabase, MetricsData]) -> None:
    view = view_of(trap, Period(Y, T))
    # 7 admitted visits (A B H I on Y; D E G on T): B "konsultasi", the six others (the
    # imported I included) "perpustakaan"; C refused and F pending are in neither.
    assert [(t.label, t.visits) for t in view.service_types.types] == [
        ("Perpustakaan", 6),
        ("Konsultasi statistik", 1),
    ]
    # Every guest book of the data set says P, 1995, s1, pelajar, pendidikan; I's visitor
    # (imported as L, 1990, ASN) is H's (phone P2), whose entry updated it: 7 of 7 alike.
    # Age: 2026 - 1995 = 31 → 30–39.
    profile = view.profile
    assert profile.visits == 7
    assert [(s.label, s.visits) for s in profile.by["gender"]] == [("Perempuan", 7)]
    assert [(s.label, s.visits) for s in profile.by["age"]] == [("30–39", 7)]
    assert [(s.label, s.visits) for s in profile.by["education"]] == [("D4/S1", 7)]
    # September to November adds U1 U2 U3 U5 (stopped in step 2: no guest book, no service
    # type) → 11 visits, 4 of them "tidak diketahui" in every dimension.
    wide = view_of(trap, SEP_TO_NOV, "month")
    assert wide.profile.visits == 11
    for name in ("education", "occupation", "institution_type", "gender", "age"):
        assert [s.visits for s in wide.profile.by[name]] == [7, 4]
        assert wide.profile.by[name][-1].label == "Tidak diketahui"
    assert [(t.label, t.visits) for t in wide.service_types.types] == [
        ("Perpustakaan", 6),
        ("Konsultasi statistik", 1),
        ("Tidak diketahui", 4),
    ]
    assert view.readings["service_types"] == (
        "Layanan terbanyak: Perpustakaan, 6 dari 7 kunjungan (86 %); 2 jenis layanan diminta."
    )
    assert wide.readings["profile"].endswith("4 kunjungan tanpa data buku tamu.")
    assert ("Jenis kelamin", "Perempuan", 7, 7 / 11) in wide.tables["profile"].rows


def test_publications_asked_for_and_sold(trap: tuple[PreparedDatabase, MetricsData]) -> None:
    _db, data = trap
    view = view_of(trap, Period(Y, T))
    p1, p2 = data.publications["P1"], data.publications["P2"]
    # Picked: P1 for A's and B's requests (Y), P2 for D's (T) → P1 2, P2 1.
    assert [(p.publication_id, p.requests) for p in view.publications.requested] == [
        (p1, 2),
        (p2, 1),
    ]
    # Sold: S3's softcopy of P2 (Rp0, not voided) → 1 copy in 1 sale; S2's hardcopy of P1
    # was voided: not counted.
    assert [(p.publication_id, p.copies, p.sales) for p in view.publications.sold] == [(p2, 1, 1)]
    assert view.readings["publications"].startswith("Paling banyak diminta “")
    # Today only: D's pick and S3.
    today = view_of(trap, Period(T, T))
    assert [(p.publication_id, p.requests) for p in today.publications.requested] == [(p2, 1)]
    assert len(today.publications.sold) == 1


def test_time_corrections_per_officer_and_step(trap: tuple[PreparedDatabase, MetricsData]) -> None:
    # The two corrections are of U5 (24 Sep): none on Y and T.
    assert view_of(trap, Period(Y, T)).corrections.total == 0
    view = view_of(trap, SEP_TO_NOV, "month")
    figures = view.corrections
    assert [(r.step, r.officer, r.corrections) for r in figures.rows] == [
        (1, "Uji Petugas-Metrik", 1),
        (2, "Uji Petugas-Metrik", 1),
    ]
    # Step 1 ended in Sep-Nov: A B C H (Y), D E G (T), U1 U2 U3 U4 U5 → 12 (F's is open);
    # step 2 ended: A B H D E G → 6. Shares 1/12 and 1/6.
    ended = {step.step: step.ended for step in view.stats.steps.steps}
    assert (ended[1], ended[2]) == (12, 6)
    assert [(s.step, s.share) for s in figures.by_step] == [(1, 1 / 12), (2, 1 / 6)]
    assert view.readings["corrections"] == (
        "2 koreksi waktu; terbanyak Langkah 1 (Skrining masker & suhu): 1 koreksi, 8 % dari "
        "langkah itu; terbanyak pada catatan Uji Petugas-Metrik (2)."
    )
    assert view.tables["corrections"].rows == (
        (1, "Uji Petugas-Metrik", 1, 1),
        (2, "Uji Petugas-Metrik", 1, 1),
    )
    assert sum(chart_figures(view)["corrections"].data[0].y) == 2


def test_the_comparison_beside_compliance_and_revenue(
    trap: tuple[PreparedDatabase, MetricsData],
) -> None:
    # Today against the previous period (yesterday): Y's steps within target are the two
    # days' 34 of 37 less today's 15 of 16 → 19 of 21; Y's revenue S1 60.000 + S5 75.000.
    view = view_of(trap, Period(T, T))
    assert sum(c.meeting for c in view.comparison_compliance) == 19
    assert sum(c.with_target for c in view.comparison_compliance) == 21
    assert [row.revenue for row in view.comparison_revenue] == [135_000]
    assert view.readings["compliance"].startswith(
        "94 % langkah dalam target selama periode; pembanding 90 %;"
    )
    assert view.readings["revenue"].endswith("turun 85 % dari Rp 135.000 pada periode pembanding.")
    figures = chart_figures(view)
    assert any(trace.line.dash == "dot" for trace in figures["compliance"].data)
    assert list(figures["revenue"].data[-1].y) == [135_000]
    step_2 = next(row for row in view.tables["compliance"].rows if row[1] == 2)
    # Step 2 on Y: 2 of 3 within target (B misses).
    assert step_2[6:9] == (Y.isoformat(), 3, 2)
    assert (Y.isoformat(), "(periode pembanding, semua jenis)", 135_000) in view.tables[
        "revenue"
    ].rows
