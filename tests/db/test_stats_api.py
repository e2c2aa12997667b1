"""``/api/v1/stats``'s figures (``dashboard.trends.stats``) on the trap data set
(``tests/helpers/metrics_data.py``) against values worked out by hand, on SQLite and
PostgreSQL: the two days Y-T, a period across the new year, an empty period, and a target
revised mid-period. The arithmetic is ``tests/db/test_metrics.py``'s; here in minutes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from dashboard.metrics.period import Period
from dashboard.trends.stats import load_period_stats, stats_json
from tests.helpers.database import PreparedDatabase
from tests.helpers.metrics_data import MetricsData, trap_data

Y = date(2026, 11, 25)
T = date(2026, 11, 26)

FIELDS = [
    "visitors",
    "refused",
    "imported",
    "returning",
    "by_day",
    "steps",
    "visit_service_minutes",
    "referral_rate_visits",
    "referral_rate_requests",
    "top_referral_agencies",
    "unmet_topics",
    "pnbp_revenue",
    "sales",
    "voided_sales",
    "zero_rupiah_sales",
    "undeposited_at_end",
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def trap(request: pytest.FixtureRequest) -> Iterator[tuple[PreparedDatabase, MetricsData]]:
    """The data set, written once per database for the whole module (read-only tests)."""
    with trap_data(request, request.param) as written:
        yield written


def stats(trap: tuple[PreparedDatabase, MetricsData], first: date, last: date) -> dict:
    db, data = trap
    with db.database.reading() as session:
        return stats_json(load_period_stats(session, Period(first, last), [data.office_id]))


def test_the_two_days(trap: tuple[PreparedDatabase, MetricsData]) -> None:
    answer = stats(trap, Y, T)
    assert list(answer) == FIELDS
    # Y: A, B, H, I admitted (C refused); T: D (00:20), E, G (F pending). I imported; H
    # (I's phone) and E (A's) returning.
    assert (answer["visitors"], answer["refused"]) == (7, 1)
    assert (answer["imported"], answer["returning"]) == (1, 2)
    assert answer["by_day"] == [
        {"date": "2026-11-25", "visitors": 4, "refused": 1},
        {"date": "2026-11-26", "visitors": 3, "refused": 0},
    ]
    steps = {row["step"]: row for row in answer["steps"]}
    assert sorted(steps) == [1, 2, 3, 4, 6, 7, 8, 9, 10]
    # Step 2: durations 60 120 150 180 180 210 s; median 165 s = 2,75 min, p90 195 s = 3,25;
    # 4 of 6 meet their own visit day's target; the target shown is T's, 2.
    assert steps[2] == {
        "step": 2,
        "count": 6,
        "median_minutes": 2.75,
        "p90_minutes": 3.25,
        "target_minutes": 2,
        "within_target_share": pytest.approx(4 / 6),
    }
    # Step 9: 120 120 120 180 840 s: median 2 min, p90 576 s = 9,6 min; A misses: 4 of 5.
    assert steps[9] == {
        "step": 9,
        "count": 5,
        "median_minutes": 2.0,
        "p90_minutes": pytest.approx(9.6),
        "target_minutes": 10,
        "within_target_share": 0.8,
    }
    # Step 1 has no target: no share; step 10: A B D H ended (E waits, open).
    assert (steps[1]["count"], steps[1]["target_minutes"], steps[1]["within_target_share"]) == (
        7,
        None,
        None,
    )
    assert (steps[10]["count"], steps[10]["median_minutes"]) == (4, 1.0)
    # Done visits 1860 3030 3300 3450 s: median 3165 s = 52,75 min; p90 3405 s = 56,75 min.
    assert answer["visit_service_minutes"] == {
        "median": 52.75,
        "p90": pytest.approx(56.75),
    }
    # Referred / decided: visits 4 / 6, requests 4 / 9.
    assert answer["referral_rate_visits"] == pytest.approx(4 / 6)
    assert answer["referral_rate_requests"] == pytest.approx(4 / 9)
    assert answer["top_referral_agencies"] == [
        {"agency": "Dinas Kependudukan dan Pencatatan Sipil", "visits": 2},
        {"agency": "Dinas Pendidikan", "visits": 1},
        {"agency": "Dinas Perhubungan Kabupaten", "visits": 1},
    ]
    # Unmet: "Jumlah penduduk" (A, H), "Jumlah angkot" (D, asked on T), "Jumlah guru SD per
    # kecamatan" (I, on Y): ties by the day last asked, newest first.
    assert answer["unmet_topics"] == [
        {"topic": "Jumlah penduduk", "requests": 2},
        {"topic": "Jumlah angkot", "requests": 1},
        {"topic": "Jumlah guru SD per kecamatan", "requests": 1},
    ]
    # S1 60.000 + S5 75.000 (imported) + S4 20.000 (T 00:36) + S3 Rp0 = 155.000 in 4 receipts;
    # S2 voided beside; undeposited at T's end: S4 + S7 + S6 = 30.000.
    assert (answer["pnbp_revenue"], answer["sales"]) == (155_000, 4)
    assert (answer["voided_sales"], answer["zero_rupiah_sales"]) == (1, 1)
    assert answer["undeposited_at_end"] == 30_000


def test_a_period_across_the_new_year(trap: tuple[PreparedDatabase, MetricsData]) -> None:
    answer = stats(trap, date(2025, 12, 30), date(2026, 1, 5))
    # J (31 Dec) and K (2 Jan) admitted, L (2 Jan) refused; every day listed, zeros too.
    assert (answer["visitors"], answer["refused"], answer["returning"]) == (2, 1, 0)
    assert [(row["date"], row["visitors"], row["refused"]) for row in answer["by_day"]] == [
        ("2025-12-30", 0, 0),
        ("2025-12-31", 1, 0),
        ("2026-01-01", 0, 0),
        ("2026-01-02", 1, 1),
        ("2026-01-03", 0, 0),
        ("2026-01-04", 0, 0),
        ("2026-01-05", 0, 0),
    ]
    # S7 7.000 (31 Dec 15:00) + S6 3.000 (1 Jan 00:30 WIB, 31 Dec in UTC); neither deposited.
    assert (answer["pnbp_revenue"], answer["sales"], answer["undeposited_at_end"]) == (
        10_000,
        2,
        10_000,
    )
    steps = {row["step"]: row for row in answer["steps"]}
    # J, K, L screened (1 min each, no target); J and K still in step 2: no duration.
    assert (steps[1]["count"], steps[1]["median_minutes"]) == (3, 1.0)
    assert (steps[2]["count"], steps[2]["median_minutes"], steps[2]["target_minutes"]) == (
        0,
        None,
        3,
    )
    assert answer["visit_service_minutes"] == {"median": None, "p90": None}


def test_an_empty_period(trap: tuple[PreparedDatabase, MetricsData]) -> None:
    answer = stats(trap, date(2026, 10, 1), date(2026, 10, 31))
    assert (answer["visitors"], answer["refused"], answer["imported"], answer["returning"]) == (
        0,
        0,
        0,
        0,
    )
    assert len(answer["by_day"]) == 31
    assert all(row["visitors"] == row["refused"] == 0 for row in answer["by_day"])
    assert all(row["count"] == 0 and row["median_minutes"] is None for row in answer["steps"])
    assert all(row["within_target_share"] is None for row in answer["steps"])
    assert answer["visit_service_minutes"] == {"median": None, "p90": None}
    assert answer["referral_rate_visits"] is None and answer["referral_rate_requests"] is None
    assert answer["top_referral_agencies"] == [] and answer["unmet_topics"] == []
    assert (answer["pnbp_revenue"], answer["sales"], answer["voided_sales"]) == (0, 0, 0)
    assert answer["zero_rupiah_sales"] == 0
    # The balance is a state: S7 and S6 (paid before October) still undeposited.
    assert answer["undeposited_at_end"] == 10_000


def test_each_day_keeps_its_own_target(trap: tuple[PreparedDatabase, MetricsData]) -> None:
    """Step 2's target went from 3 to 2 minutes on T: Y alone is judged (and shown) by 3."""
    yesterday = {row["step"]: row for row in stats(trap, Y, Y)["steps"]}
    today = {row["step"]: row for row in stats(trap, T, T)["steps"]}
    # Y: A 180 (= 3 min), H 150 meet, B 210 misses; T: D 120, G 60 meet, E 180 misses 2 min.
    assert (yesterday[2]["target_minutes"], yesterday[2]["within_target_share"]) == (
        3,
        pytest.approx(2 / 3),
    )
    assert (today[2]["target_minutes"], today[2]["within_target_share"]) == (
        2,
        pytest.approx(2 / 3),
    )
