"""The wall screen's snapshot and ``/api/v1/today`` on the trap data set of the metrics
(``tests/helpers/metrics_data.py``: its docstring tells each visit's timeline), every number
against values worked out by hand, on SQLite and PostgreSQL.

Y = Wed 25 Nov 2026, T = Thu 26 Nov 2026 (times WIB = UTC+7). On T: D (00:20, done), E
(09:00, waiting for step 10 since 09:37), F (10:00, screening pending), G (11:00, in step 6
since 11:10); sales S4 20.000 (H's, paid 00:36:30), S2 5.000 voided, S3 zero-rupiah.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from dashboard import sop
from dashboard.monitor.snapshot import build_snapshot
from dashboard.monitor.today import TODAY_FIELDS, today_answer
from dashboard.visits import services as visits
from tests.helpers.clock import at
from tests.helpers.database import PreparedDatabase
from tests.helpers.desk import Desk
from tests.helpers.metrics_data import MetricsData, trap_data
from tests.helpers.staff import create_staff

Y = date(2026, 11, 25)
T = date(2026, 11, 26)
NOW = at("2026-11-26 11:30")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def trap(request: pytest.FixtureRequest) -> Iterator[tuple[PreparedDatabase, MetricsData]]:
    """The data set, written once per database for the whole module (read-only tests)."""
    with trap_data(request, request.param) as written:
        yield written


@pytest.fixture
def db(trap: tuple[PreparedDatabase, MetricsData]) -> PreparedDatabase:
    return trap[0]


def snapshot_of(db: PreparedDatabase, day: date) -> dict[str, Any]:
    with db.database.reading() as session:
        return build_snapshot(session, db.office_id, day, NOW)


@pytest.fixture
def today(db: PreparedDatabase) -> dict[str, Any]:
    return snapshot_of(db, T)


def test_visitors_against_the_usual(today: dict[str, Any]) -> None:
    # D (00:20 WIB = 17:20 UTC on Y: still T's), E, G admitted; F's screening is pending.
    assert (today["visitors"], today["refused"]) == (3, 0)
    # The 8 working Thursdays before T: U1, U2 (19 Nov), U3 (12 Nov) = 3 / 8.
    assert (today["usual_visitors"], today["usual_days"]) == (0.375, 8)
    assert today["date"] == "2026-11-26" and today["format"] == 1
    assert today["computed_at"] == "2026-11-26T04:30:00Z"


def test_arrivals_by_hour_and_the_usual_curve(today: dict[str, Any]) -> None:
    hours = today["arrivals_by_hour"]
    assert len(hours) == 24
    assert {hour: count for hour, count in enumerate(hours) if count} == {0: 1, 9: 1, 11: 1}
    usual = today["usual_by_hour"]
    # 09: U1 09:15 and U3 09:40 → 2 / 8; 14: U2 14:05 → 1 / 8.
    assert {hour: mean for hour, mean in enumerate(usual) if mean} == {9: 0.25, 14: 0.125}
    # Service hours 08:30-15:30 → 8 … 15, widened to D's hour 0.
    assert today["chart_hours"] == list(range(0, 16))


def test_the_room(today: dict[str, Any]) -> None:
    # E (waits for step 10: slot, table since step 8) and G (in step 6: slot, no table); F
    # not yet admitted; D done. J, K, U1, U2, U3, U5 (older days, stopped in step 2): stale.
    assert (today["in_room"], today["bags_on_rack"], today["tables_taken"]) == (2, 2, 1)
    assert today["stale_open_visits"] == 6
    assert today["waiting_for_payment"] == 0


def test_visits_in_progress(today: dict[str, Any]) -> None:
    shown = [
        (visit["step"], visit["waiting"], visit["since"], visit["target_minutes"])
        for visit in today["in_progress"]
    ]
    assert shown == [
        # E: 09:00 + 1 + 3 + 4, wait 3, 3 + 4 + 1 + 1, wait 15, 2 → step 10 queued 09:37.
        (10, True, "2026-11-26T02:37:00Z", 3),
        # F: screening started at its arrival, 10:00; no target.
        (1, False, "2026-11-26T03:00:00Z", None),
        # G: 11:00 + 1 + 1 + 4, wait 1, 3 → step 6 started 11:10; target 5.
        (6, False, "2026-11-26T04:10:00Z", 5),
    ]
    codes = [visit["code"] for visit in today["in_progress"]]
    assert all(code.startswith("A-") for code in codes) and len(set(codes)) == 3


def test_steps_today(today: dict[str, Any]) -> None:
    table = {
        step["step"]: (
            step["count"],
            step["open"],
            step["median_minutes"],
            step["max_minutes"],
            step["target_minutes"],
            step["within_target_share"],
        )
        for step in today["steps"]
    }
    assert list(table) == list(sop.VISIT_STEP_NUMBERS)
    assert table == {
        1: (3, 1, 1.0, 1.0, None, None),  # D E G screened (60 s); F's open
        # D 120, E 180, G 60 s against T's new target 2 min: D (exactly) and G meet.
        2: (3, 0, 2.0, 3.0, 2, pytest.approx(2 / 3)),
        3: (3, 0, 4.0, 4.0, 5, 1.0),
        4: (3, 0, 3.0, 3.0, 5, 1.0),
        6: (2, 1, 4.0, 4.0, 5, 1.0),  # G still searching
        7: (2, 0, 1.0, 1.0, None, None),
        8: (2, 0, 1.0, 1.0, 1, 1.0),
        9: (2, 0, 2.0, 2.0, 10, 1.0),
        10: (1, 1, 1.0, 1.0, 3, 1.0),  # E waits for it
    }
    # 15 of 16 steps with a target met today (E's bag, 180 s > 120); 34 of 37 since 1 Nov.
    assert today["within_target_share_today"] == pytest.approx(15 / 16)
    assert today["within_target_share_month"] == pytest.approx(34 / 37)


def test_a_target_changed_yesterday(db: PreparedDatabase) -> None:
    yesterday = snapshot_of(db, Y)
    bag = next(step for step in yesterday["steps"] if step["step"] == sop.BAG_RACK)
    # Y: A 180, B 210, H 150 s against Y's target 3 min: A (exactly) and H meet.
    assert (bag["count"], bag["median_minutes"], bag["max_minutes"]) == (3, 3.0, 3.5)
    assert (bag["target_minutes"], bag["within_target_share"]) == (3, pytest.approx(2 / 3))
    # The imported I is a visitor of Y, never in a step figure: step 1 counts A B C H.
    screening = next(step for step in yesterday["steps"] if step["step"] == sop.SCREENING)
    assert (yesterday["visitors"], yesterday["refused"], screening["count"]) == (4, 1, 4)


def test_referrals_and_pnbp(today: dict[str, Any]) -> None:
    # T: D and E decided, D referred → 1 / 2; 1-26 Nov: A B H I D E decided, A H I D referred.
    assert today["referral_rate_today"] == 0.5
    assert today["referral_rate_month"] == pytest.approx(4 / 6)
    # T: S4 20.000 (paid 00:36:30 WIB) + S3 Rp0 (zero-rupiah: a receipt); S2 voided: out.
    assert (today["pnbp_today"], today["receipts_today"]) == (20_000, 2)
    # Month: Y's S1 60.000 + imported S5 75.000, and T's 20.000.
    assert (today["pnbp_month"], today["receipts_month"]) == (155_000, 4)


def test_the_service_window(today: dict[str, Any]) -> None:
    assert today["service"] == {
        "utc_offset_minutes": 420,
        "opens_at": "2026-11-26T01:30:00Z",
        "closes_at": "2026-11-26T08:30:00Z",
        "next_opens_at": "2026-11-27T01:30:00Z",
        "closed_days": [],
    }


def test_the_today_answer(today: dict[str, Any]) -> None:
    answer = today_answer(today, NOW)
    assert tuple(answer) == TODAY_FIELDS
    assert answer["date"] == "2026-11-26"
    assert (answer["visitors"], answer["refused"], answer["usual_visitors"]) == (3, 0, 0.375)
    assert (answer["in_room"], answer["bags_on_rack"], answer["tables_taken"]) == (2, 2, 1)
    assert (answer["waiting_for_payment"], answer["receipts_today"]) == (0, 2)
    assert (answer["pnbp_today"], answer["pnbp_month"]) == (20_000, 155_000)
    assert answer["within_target_share_month"] == pytest.approx(34 / 37)
    assert (answer["referral_rate_today"], answer["referral_rate_month"]) == (0.5, 4 / 6)
    assert answer["arrivals_by_hour"] == today["arrivals_by_hour"]
    # At 11:30: E waiting since 09:37 → 113 min, F since 10:00 → 90, G since 11:10 → 20.
    assert [
        (visit["step"], visit["minutes"], visit["target_minutes"])
        for visit in answer["in_progress"]
    ] == [(10, 113, 3), (1, 90, None), (6, 20, 5)]
    assert set(answer["in_progress"][0]) == {"code", "step", "minutes", "target_minutes"}
    bag = next(step for step in answer["steps"] if step["step"] == sop.BAG_RACK)
    assert bag == {
        "step": 2,
        "count": 3,
        "median_minutes": 2.0,
        "max_minutes": 3.0,
        "target_minutes": 2,
        "within_target_share": pytest.approx(2 / 3),
    }


def test_waiting_for_the_treasurer(db: PreparedDatabase) -> None:
    """Last in the module (it adds a visit of its own, on 1 Dec): a visitor who said yes at
    step 9 and has not paid yet waits for the treasurer."""
    officer = create_staff(db, "petugas-monitor", "officer")
    desk = Desk(db, officer, now=at("2026-12-01 09:00"))
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURCHASE_OFFER, slot=9, table=3)
    desk.do(lambda s, a: visits.record_purchase_offer(s, a, visit_id, True))
    december = snapshot_of(db, date(2026, 12, 1))
    assert december["waiting_for_payment"] == 1
    assert (december["in_room"], december["bags_on_rack"], december["tables_taken"]) == (1, 1, 1)
    (visit,) = december["in_progress"]
    assert (visit["code"], visit["step"], visit["waiting"]) == ("A-001", 9, False)
    # the open visits of 26 Nov and before are stale now: E, G, and the six older ones
    assert december["stale_open_visits"] == 6 + 2 + 1  # and F, open at its screening
