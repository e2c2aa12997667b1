"""Every metric of DESIGN.md's "What the numbers mean" on the trap data set
(``tests/helpers/metrics_data.py``, whose docstring tells each visit's timeline), against
values worked out by hand, on SQLite and PostgreSQL.

Y = 25 Nov 2026, T = 26 Nov 2026. Step times in seconds; the arithmetic is in the comments.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from dashboard.metrics import loaders
from dashboard.metrics.percentiles import percentile_cont
from dashboard.metrics.period import Period
from dashboard.metrics.steps import NO_DURATIONS, Bottleneck, Durations
from dashboard.office.service_hours import is_working_day
from db.queries import metrics as queries
from db.queries import metrics_pnbp, metrics_steps
from db.queries.metrics_steps import DurationSummary
from tests.helpers.database import PreparedDatabase
from tests.helpers.metrics_data import (
    TYPED_AGENCY,
    MetricsData,
    trap_data,
)

Y = date(2026, 11, 25)
T = date(2026, 11, 26)
BOTH_DAYS = Period(Y, T)
TODAY_ONLY = Period(T, T)
YEAR_BOUNDARY = Period(date(2025, 12, 30), date(2026, 1, 5))
DECEMBER_2025 = Period(date(2025, 12, 1), date(2025, 12, 31))
EMPTY = Period(date(2026, 10, 1), date(2026, 10, 31))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def trap(request: pytest.FixtureRequest) -> Iterator[tuple[PreparedDatabase, MetricsData]]:
    """The data set, written once per database for the whole module (read-only tests)."""
    with trap_data(request, request.param) as written:
        yield written


@pytest.fixture
def db(trap: tuple[PreparedDatabase, MetricsData]) -> PreparedDatabase:
    return trap[0]


@pytest.fixture
def office(trap: tuple[PreparedDatabase, MetricsData]) -> list[int]:
    return [trap[1].office_id]


# -- visitors ------------------------------------------------------------------------------------


def test_visitors_by_visit_day(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        figures = loaders.load_visitors(session, BOTH_DAYS, office)
    yesterday, today = figures.by_day
    # Y: A, B, H (23:50) and the imported I admitted = 4; C refused = 1 (not inside the 4);
    # imported: I; returning: H (same phone as I, who came earlier); outside hours: H (23:50).
    assert (yesterday.visitors, yesterday.refused, yesterday.imported) == (4, 1, 1)
    assert (yesterday.returning, yesterday.outside_hours, yesterday.new) == (1, 1, 3)
    # T: D (00:20 WIB, 17:20 UTC on Y: still T's), E, G = 3; F's screening is pending: in none;
    # returning: E (A's phone); outside hours: D.
    assert (today.visitors, today.refused, today.imported) == (3, 0, 0)
    assert (today.returning, today.outside_hours) == (1, 1)
    total = figures.total
    # 4 + 3 = 7 visitors, 1 refused, 1 imported, 1 + 1 = 2 returning, 7 - 2 = 5 new.
    assert (total.visitors, total.refused, total.imported, total.returning, total.new) == (
        7,
        1,
        1,
        2,
        5,
    )
    assert figures.returning_share == pytest.approx(2 / 7)
    (both,) = figures.by("month")
    assert both == total


def test_arrivals_by_local_hour(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        both = loaders.load_arrivals_by_hour(session, BOTH_DAYS, office)
        today = loaders.load_arrivals_by_hour(session, TODAY_ONLY, office)
    # Admitted: 00 D; 09 A, E; 10 B, I (imported 10:30); 11 G; 23 H. Refused: 11 C.
    expected = [0] * 24
    expected[0], expected[9], expected[10], expected[11], expected[23] = 1, 2, 2, 1, 1
    assert list(both.visitors) == expected
    assert [hour for hour, count in enumerate(both.refused) if count] == [11]
    # T alone: 00 D, 09 E, 11 G (F pending: not counted).
    assert {hour: count for hour, count in enumerate(today.visitors) if count} == {
        0: 1,
        9: 1,
        11: 1,
    }
    assert sum(today.refused) == 0


def test_arrivals_by_weekday_and_hour(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        grid = loaders.load_weekday_hours(session, BOTH_DAYS, office)
    cells = {
        (day, hour): count
        for day, hours in enumerate(grid.cells)
        for hour, count in enumerate(hours)
        if count
    }
    # Wednesday (2) = Y: 09 A, 10 B and I, 23 H; Thursday (3) = T: 00 D, 09 E, 11 G.
    assert cells == {(2, 9): 1, (2, 10): 2, (2, 23): 1, (3, 0): 1, (3, 9): 1, (3, 11): 1}


def test_offices_of_two_time_zones(
    trap: tuple[PreparedDatabase, MetricsData], db: PreparedDatabase
) -> None:
    with db.database.reading() as session:
        every = loaders.load_arrivals_by_hour(session, TODAY_ONLY)
        visitors = loaders.load_visitors(session, TODAY_ONLY)
        wita = loaders.load_arrivals_by_hour(session, TODAY_ONLY, [trap[1].wita_office_id])
    # All offices on T: D, E, G (WIB) + W (08:10 WITA = 00:10 UTC = 07:10 WIB) = 4, W in
    # hour 8, its own local hour.
    assert visitors.total.visitors == 4
    assert {hour: count for hour, count in enumerate(every.visitors) if count} == {
        0: 1,
        8: 1,
        9: 1,
        11: 1,
    }
    assert {hour: count for hour, count in enumerate(wita.visitors) if count} == {8: 1}


def test_usual_for_this_weekday(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        usual = loaders.load_usual_weekday(session, T, is_working_day, office)
    # The 8 working Thursdays before T: 19, 12, 5 Nov, 29, 22, 15, 8, 1 Oct (U5 on 24 Sep is
    # the 9th: out). Visitors: U1, U2 (19 Nov), U3 (12 Nov) = 3; U4 refused. 3 / 8 = 0.375.
    assert usual.days[0] == date(2026, 11, 19) and usual.days[-1] == date(2026, 10, 1)
    assert len(usual.days) == 8
    assert usual.visitors == 0.375
    assert usual.by_hour is not None
    # By hour: 09 U1 (09:15), U3 (09:40) → 2 / 8; 14 U2 (14:05) → 1 / 8.
    assert {hour: mean for hour, mean in enumerate(usual.by_hour) if mean} == {9: 0.25, 14: 0.125}


# -- steps ---------------------------------------------------------------------------------------


def test_step_two_where_the_target_changed(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        figures = loaders.load_steps(session, BOTH_DAYS, office)
    bag = figures.step(2)
    # Durations: A 180, B 210, H 150 (Y, target 3 min = 180 s); D 120, E 180, G 60 (T, target
    # 2 = 120 s). Sorted 60 120 150 180 180 210, n = 6.
    # Median: rank 0.5·5 = 2.5 → 150 + 0.5·(180 - 150) = 165. p90: rank 0.9·5 = 4.5 →
    # 180 + 0.5·(210 - 180) = 195. Max 210.
    assert bag.durations == Durations(6, 165.0, 195.0, 210)
    # Meeting: A (180 ≤ 180, exactly the old target), H (150 ≤ 180), D (120 ≤ 120, exactly the
    # new one), G (60) = 4; B misses by 210 - 180 = 30, E (180 > 120, though it would have met
    # yesterday's target) by 60. Missed 30 + 60 = 90 s. The target shown: T's, 2.
    assert (bag.with_target, bag.meeting, bag.missed_seconds, bag.open) == (6, 4, 90, 0)
    assert bag.compliance == pytest.approx(4 / 6)
    assert bag.target_minutes == 2


def test_every_step_over_the_two_days(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        figures = loaders.load_steps(session, BOTH_DAYS, office)
    table = {
        step.step: (
            step.ended,
            step.open,
            step.durations.median_seconds,
            step.durations.p90_seconds,
            step.durations.max_seconds,
            step.with_target,
            step.meeting,
            step.missed_seconds,
            step.target_minutes,
        )
        for step in figures.steps
    }
    assert table == {
        # 1: A B C D E G H ended (C refused: its screening still took 60 s); F open. No target.
        1: (7, 1, 60.0, 60.0, 60, 0, 0, 0, None),
        2: (6, 0, 165.0, 195.0, 210, 6, 4, 90, 2),
        # 3: 240 s each for A B D E G H, target 5 min: all meet.
        3: (6, 0, 240.0, 240.0, 240, 6, 6, 0, 5),
        4: (6, 0, 180.0, 180.0, 180, 6, 6, 0, 5),
        # 6: A B D E H ended; G stopped in it: open.
        6: (5, 1, 240.0, 240.0, 240, 5, 5, 0, 5),
        7: (5, 0, 60.0, 60.0, 60, 0, 0, 0, None),
        # 8: 60 s = exactly its 1 minute: meets.
        8: (5, 0, 60.0, 60.0, 60, 5, 5, 0, 1),
        # 9: B D E 120, H 180, A 840 (waited for the receipt). Sorted 120 120 120 180 840:
        # median rank 2 → 120; p90 rank 0.9·4 = 3.6 → 180 + 0.6·(840 - 180) = 576.
        # A misses 600 s by 240.
        9: (5, 0, 120.0, 576.0, 840, 5, 4, 240, 10),
        # 10: A B D H; E waits for it, not started: open.
        10: (4, 1, 60.0, 60.0, 60, 4, 4, 0, 3),
    }
    # All steps: with a target 6+6+6+5+5+5+4 = 37, meeting 4+6+6+5+5+4+4 = 34.
    assert (figures.with_target, figures.meeting) == (37, 34)
    assert figures.compliance == pytest.approx(34 / 37)
    # Bottleneck: step 9, 240 of 90 + 240 = 330 missed seconds.
    assert figures.bottleneck == Bottleneck(9, 240, 240 / 330)


def test_the_sql_percentiles_are_percentile_cont(db: PreparedDatabase, office: list[int]) -> None:
    """The database's median and p90 equal the reference helper on the raw durations."""
    raw = {2: [180, 210, 150, 120, 180, 60], 9: [840, 120, 120, 120, 180]}
    with db.database.reading() as session:
        rows = {
            row.step: row for row in metrics_steps.step_figures(session, BOTH_DAYS.scope(office))
        }
    for step, values in raw.items():
        assert rows[step].durations.median == percentile_cont(values, 0.5)
        assert rows[step].durations.p90 == percentile_cont(values, 0.9)


def test_share_within_target_per_day(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        days = loaders.load_step_compliance(session, BOTH_DAYS, "day", office)
        today = loaders.load_steps(session, TODAY_ONLY, office)
        month = loaders.load_step_compliance(session, Period(date(2026, 11, 1), T), "month", office)
    bag = {(cell.period.first_day, cell.step): cell for cell in days}
    # Step 2 on Y: A meets, H meets, B misses 30 → 2 of 3; on T: D, G meet, E misses 60 → 2 of 3.
    assert (bag[(Y, 2)].ended, bag[(Y, 2)].meeting, bag[(Y, 2)].missed_seconds) == (3, 2, 30)
    assert (bag[(T, 2)].ended, bag[(T, 2)].meeting, bag[(T, 2)].missed_seconds) == (3, 2, 60)
    # Today's share within target, all steps: D 7 of 7 (2 3 4 6 8 9 10), E 5 of 6 (2 3 4 6 8 9;
    # 2 misses), G 3 of 3 (2 3 4) → 15 of 16.
    assert (today.meeting, today.with_target) == (15, 16)
    # The month to date (1-26 Nov): the two days' 34 of 37 (the usual-weekday visits of 12 and
    # 19 Nov stopped in step 2: only their screening ended, which has no target).
    assert sum(cell.meeting for cell in month) == 34
    assert sum(cell.with_target for cell in month) == 37


def test_waits_before_steps(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        waits = {wait.step: wait for wait in loaders.load_waits(session, BOTH_DAYS, office)}
    assert sorted(waits) == [4, 9, 10]
    # Before 4: A 120, B 300, D 120, E 180, G 60, H 120 → 60 120 120 120 180 300: median rank
    # 2.5 → 120; p90 rank 4.5 → 180 + 0.5·120 = 240; max 300.
    assert waits[4].waits == Durations(6, 120.0, 240.0, 300)
    # Before 9: D 540, E 900, A 1200, H 1500, B 1800: median 1200; p90 rank 3.6 → 1500 +
    # 0.6·300 = 1680.
    assert waits[9].waits == Durations(5, 1200.0, pytest.approx(1680.0), 1800)
    # Before 10: A 60, D 60, B 120, H 180: median rank 1.5 → 90; p90 rank 2.7 → 120 + 0.7·60 =
    # 162. E still waiting.
    assert waits[10].waits.count == 4
    assert waits[10].waits.median_seconds == 90.0
    assert waits[10].waits.p90_seconds == pytest.approx(162.0)
    assert (waits[10].waits.max_seconds, waits[10].waiting) == (180, 1)


def test_the_whole_visits_service_time(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        service = loaders.load_service_time(session, BOTH_DAYS, office)
    # Done visits (imported I has no steps; E and G are not done):
    # A 1+3+4+2+3+4+1+1+20+14+1+1 = 55 min = 3300 s; B 1+3.5+4+5+3+4+1+1+30+2+2+1 = 57.5 =
    # 3450; H 1+2.5+4+2+3+4+1+1+25+3+3+1 = 50.5 = 3030; D 1+2+4+2+3+4+1+1+9+2+1+1 = 31 = 1860.
    # Sorted 1860 3030 3300 3450: median rank 1.5 → 3165; p90 rank 2.7 → 3300 + 0.7·150 = 3405.
    assert service.visits.count == 4
    assert service.visits.median_seconds == 3165.0
    assert service.visits.p90_seconds == pytest.approx(3405.0)
    assert service.visits.max_seconds == 3450
    # Limit: T's targets 2+5+5+5+1+10+3 = 31 min; D took exactly 31: within. 1 of 4.
    assert (service.limit_minutes, service.within_limit) == (31, 1)
    assert service.within_share == 0.25


# -- referrals -----------------------------------------------------------------------------------


def test_referral_rates(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        both = loaders.load_referrals(session, BOTH_DAYS, office)
        days = loaders.load_referrals_over_time(session, BOTH_DAYS, "day", office)
    # Decided: A (2 requests), B (1), H (2), I (1, imported), D (2), E (1) = 6 visits, 9
    # requests; G's request is undecided. Referred: A, H, I, D = 4 visits, 4 requests.
    assert (both.visits_referred, both.visits_decided) == (4, 6)
    assert (both.requests_referred, both.requests_decided) == (4, 9)
    assert both.visit_rate == pytest.approx(4 / 6)
    assert both.request_rate == pytest.approx(4 / 9)
    yesterday, today = days
    # Y: A B H I decided, A H I referred; requests 2+1+2+1 = 6 decided, 3 referred.
    assert (yesterday.visits_referred, yesterday.visits_decided) == (3, 4)
    assert (yesterday.requests_referred, yesterday.requests_decided) == (3, 6)
    # T: D E decided, D referred; requests 2+1 = 3, 1 referred.
    assert (today.visits_referred, today.visits_decided, today.requests_decided) == (1, 2, 3)


def test_top_referral_agencies(
    trap: tuple[PreparedDatabase, MetricsData], db: PreparedDatabase, office: list[int]
) -> None:
    agencies = trap[1].agencies
    with db.database.reading() as session:
        top = loaders.load_top_agencies(session, BOTH_DAYS, office)
    # Disdukcapil (directory): A, H = 2 visits; Dinas Pendidikan (directory, matched by the
    # import): I = 1; the typed name (no directory entry): D = 1. Ties by name.
    assert [(row.agency_id, row.name, row.visits, row.requests) for row in top] == [
        (agencies["disdukcapil"], "Dinas Kependudukan dan Pencatatan Sipil", 2, 2),
        (agencies["pendidikan"], "Dinas Pendidikan", 1, 1),
        (None, TYPED_AGENCY, 1, 1),
    ]


# -- PNBP ------------------------------------------------------------------------------------------


def test_revenue_by_local_day_paid(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        figures = loaders.load_revenue(session, BOTH_DAYS, office)
        at_end_of_y = metrics_pnbp.undeposited_at_end(session, office, Y)
    yesterday, today = figures.by_day
    # Y: S1 60.000 (A) + S5 75.000 (imported, I) = 135.000; 2 receipts, 1 imported.
    assert (yesterday.revenue, yesterday.receipts, yesterday.imported) == (135_000, 2, 1)
    assert (yesterday.zero_rupiah, yesterday.voided) == (0, 0)
    # T: S4 20.000 (H's purchase at 00:36:30 WIB, 17:36:30 UTC on Y) + S3 Rp0 (zero-rupiah);
    # S2 5.000 voided: beside, not inside.
    assert (today.revenue, today.receipts, today.zero_rupiah, today.voided) == (20_000, 2, 1, 1)
    total = figures.total
    # 135.000 + 20.000 = 155.000; receipts 2 + 2 = 4; zero-rupiah 1 of 4.
    assert (total.revenue, total.receipts, total.zero_rupiah, total.voided) == (155_000, 4, 1, 1)
    assert total.zero_rupiah_share == 0.25
    # By kind: impor 75.000 (S5); data_digital 50.000 (S1) + 0 (S3); cetak_halaman 10.000 (S1)
    # + 20.000 (S4); publikasi_softcopy 0 (S3's softcopy of P2, Rp0); S2's 5.000 and its
    # hardcopy voided.
    assert figures.by_kind == (
        ("impor", 75_000),
        ("data_digital", 50_000),
        ("cetak_halaman", 30_000),
        ("publikasi_softcopy", 0),
    )
    # Undeposited at the end of T: S4 20.000 + S7 7.000 + S6 3.000 = 30.000 (S1 deposited on
    # T; imported S5, voided S2 and zero-rupiah S3 bring nothing). At the end of Y:
    # S1 60.000 + 7.000 + 3.000 = 70.000.
    assert figures.undeposited_at_end == 30_000
    assert at_end_of_y == 70_000


# -- periods: a year boundary, an empty one --------------------------------------------------------


def test_a_period_across_the_new_year(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        visitors = loaders.load_visitors(session, YEAR_BOUNDARY, office)
        revenue = loaders.load_revenue(session, YEAR_BOUNDARY, office)
        december = loaders.load_revenue(session, DECEMBER_2025, office)
        steps = loaders.load_steps(session, YEAR_BOUNDARY, office)
    # J (31 Dec) and K (2 Jan) admitted; L (2 Jan) refused.
    assert (visitors.total.visitors, visitors.total.refused) == (2, 1)
    assert [(month.period.first_day, month.visitors) for month in visitors.by("month")] == [
        (date(2025, 12, 30), 1),
        (date(2026, 1, 1), 1),
    ]
    # S7 7.000 on 31 Dec + S6 3.000 on 1 Jan (00:30 WIB, 17:30 UTC on 31 Dec) = 10.000.
    assert (revenue.total.revenue, revenue.total.receipts) == (10_000, 2)
    by_day = {day.period.first_day: day.revenue for day in revenue.by_day if day.revenue}
    assert by_day == {date(2025, 12, 31): 7_000, date(2026, 1, 1): 3_000}
    # December 2025 alone: only S7; undeposited at its end: 7.000.
    assert (december.total.revenue, december.undeposited_at_end) == (7_000, 7_000)
    # Steps: J K L screened (60 s each); J and K stopped in step 2: open.
    assert (steps.step(1).ended, steps.step(1).durations.median_seconds) == (3, 60.0)
    assert (steps.step(2).ended, steps.step(2).open) == (0, 2)


def test_an_empty_period(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        visitors = loaders.load_visitors(session, EMPTY, office)
        steps = loaders.load_steps(session, EMPTY, office)
        waits = loaders.load_waits(session, EMPTY, office)
        service = loaders.load_service_time(session, EMPTY, office)
        referrals = loaders.load_referrals(session, EMPTY, office)
        revenue = loaders.load_revenue(session, EMPTY, office)
        hours = loaders.load_arrivals_by_hour(session, EMPTY, office)
    assert visitors.total.visitors == 0 and len(visitors.by_day) == 31
    assert visitors.returning_share is None
    assert all(step.durations == NO_DURATIONS for step in steps.steps)
    assert steps.compliance is None and steps.bottleneck is None
    assert all(wait.waits.count == 0 and wait.waits.median_seconds is None for wait in waits)
    assert service.visits.median_seconds is None and service.within_share is None
    assert referrals.visit_rate is None and referrals.request_rate is None
    assert (revenue.total.revenue, revenue.total.receipts, revenue.by_kind) == (0, 0, ())
    assert revenue.total.zero_rupiah_share is None
    # The balance is a state, not a flow: S7 + S6 (paid before October) = 10.000.
    assert revenue.undeposited_at_end == 10_000
    assert sum(hours.visitors) == 0


def test_a_reversed_scope_is_refused() -> None:
    with pytest.raises(ValueError, match="before it begins"):
        queries.metric_scope(T, Y)


def test_an_empty_summary_has_no_percentiles(db: PreparedDatabase, office: list[int]) -> None:
    with db.database.reading() as session:
        row = metrics_steps.visit_service_time(session, EMPTY.scope(office))
    assert row.visits == DurationSummary(0, None, None, None)
    assert row.within_limit is None
