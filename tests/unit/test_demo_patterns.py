"""The demo's calendar, people and day plans (pure: no database)."""

from __future__ import annotations

import dataclasses
import itertools
import random
import statistics
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dashboard import sop
from dashboard.demo import day_plan as plan
from dashboard.demo import patterns
from dashboard.demo.people import (
    KINDS,
    TOPICS,
    Region,
    catalog_query,
    district_names,
    new_person,
    request_text,
)
from dashboard.office.service_hours import is_working_day

ZONE = ZoneInfo("Asia/Jakarta")
REGION = Region("Kabupaten Muara Enim", "Muara Enim", ("Lubai", "Gelumbang", "Lembak"))
SERVICE_TYPES = ("perpustakaan", "konsultasi", "penjualan", "rekomendasi", "lainnya")


def _library() -> plan.Library:
    publications = {
        number: plan.PublicationInfo(
            number, f"Kabupaten Muara Enim Dalam Angka {2015 + number}", 2015 + number, True, True
        )
        for number in range(1, 11)
    }
    hits = {topic.query: tuple(publications) for topic in TOPICS if topic.query}
    for district in REGION.districts:
        hits[f"kecamatan {district}"] = (1, 2)
    return plan.Library(publications, hits)


def _context(day: date, **changes: object) -> plan.DayContext:
    base = plan.DayContext(
        day=day,
        zone=ZONE,
        first_day=date(2023, 11, 27),
        region=REGION,
        library=_library(),
        service_types=SERVICE_TYPES,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


# -- the calendar ---------------------------------------------------------------------------


def test_lebaran_and_ramadan_come_from_the_holiday_calendar() -> None:
    assert patterns.eid_al_fitr(2024) == date(2024, 4, 10)
    assert patterns.eid_al_fitr(2025) == date(2025, 3, 31)
    assert patterns.ramadan(2024) == (date(2024, 3, 11), date(2024, 4, 9))


def test_working_days_skip_weekends_and_holidays() -> None:
    days = patterns.working_days(date(2024, 4, 1), date(2024, 4, 30))
    assert all(is_working_day(day) for day in days)
    assert date(2024, 4, 10) not in days  # Idul Fitri
    assert date(2024, 4, 6) not in days  # Saturday
    assert date(2024, 4, 2) in days


def test_fasting_month_and_lebaran_are_quieter() -> None:
    ordinary = patterns.day_factors(date(2024, 2, 21))  # a Wednesday in February
    fasting = patterns.day_factors(date(2024, 3, 20))  # a Wednesday in Ramadan
    last_week = patterns.day_factors(date(2024, 4, 3))
    after = patterns.day_factors(date(2024, 4, 17))
    assert fasting.label == "ramadan" and fasting.general < ordinary.general
    assert last_week.general < fasting.general
    assert after.label == "lebaran" and after.general < ordinary.general


def test_thesis_season_brings_students_and_mondays_are_busiest() -> None:
    june = patterns.day_factors(date(2025, 6, 11))
    february = patterns.day_factors(date(2025, 2, 12))
    assert june.student > 1.8 * february.student
    monday, friday = date(2025, 10, 6), date(2025, 10, 10)
    assert patterns.day_factors(monday).general > patterns.day_factors(friday).general * 1.5


def test_visits_grow_about_eight_percent_a_year() -> None:
    start = date(2023, 1, 4)
    assert patterns.growth(start + timedelta(days=365), start) == pytest.approx(1.08, abs=0.005)


def test_arrivals_peak_mid_morning_and_few_fall_outside_service_hours() -> None:
    rng = random.Random(5)
    arrivals = [patterns.arrival_second(rng, 1) for _ in range(20_000)]
    hours = Counter(second // 3600 for second in arrivals)
    outside = sum(not 8.5 * 3600 <= second <= 15.5 * 3600 for second in arrivals)
    assert 0.01 < outside / len(arrivals) < 0.08
    assert hours[10] > 2 * hours[12]
    assert max(hours, key=hours.__getitem__) in (9, 10)
    fridays = [patterns.arrival_second(rng, 4) for _ in range(20_000)]
    friday_noon = sum(11 * 3600 <= second < 13 * 3600 for second in fridays)
    weekday_noon = sum(11 * 3600 <= second < 13 * 3600 for second in arrivals)
    assert friday_noon < weekday_noon / 2


def test_step_times_centre_below_the_target_with_a_slow_tail() -> None:
    rng = random.Random(7)
    target = sop.STEP_BY_NUMBER[sop.GUEST_BOOK].target_minutes
    times = [patterns.step_seconds(rng, sop.GUEST_BOOK, target) for _ in range(5_000)]
    median = statistics.median(times)
    meets = sum(seconds <= target * 60 for seconds in times) / len(times)
    p99 = sorted(times)[int(0.99 * len(times))]
    assert 0.6 < meets < 0.9
    assert p99 > 2 * median
    returning = [
        patterns.step_seconds(rng, sop.GUEST_BOOK, target, returning=True) for _ in range(2_000)
    ]
    assert statistics.median(returning) < median / 1.5


def test_poisson_draws_have_the_mean() -> None:
    rng = random.Random(3)
    assert statistics.mean(patterns.poisson(rng, 6.0) for _ in range(5_000)) == pytest.approx(
        6.0, rel=0.05
    )


# -- people ---------------------------------------------------------------------------------


def test_every_generated_visitor_passes_the_guest_book() -> None:
    rng = random.Random(11)
    for _ in range(2_000):
        person = new_person(rng, rng.choice(KINDS), REGION, 2025)
        entry = person.guest_book_entry(2025)
        assert entry.phone == person.phone and entry.email == person.email


def test_request_texts_are_filled_in() -> None:
    rng = random.Random(2)
    for topic in TOPICS:
        for _ in range(5):
            text = request_text(rng, topic, REGION, 2025, "Lubai")
            assert "{" not in text and len(text) > 10
    kda = next(topic for topic in TOPICS if topic.per_district)
    assert catalog_query(kda, "Lubai") == "kecamatan Lubai"
    assert catalog_query(next(t for t in TOPICS if t.query is None), None) is None


def test_districts_are_read_from_the_catalog() -> None:
    titles = ["Kecamatan Lubai Dalam Angka 2021", "Kecamatan Lubai Dalam Angka 2022", "IPM 2021"]
    assert district_names(titles) == ("Lubai",)


# -- a day's plan ---------------------------------------------------------------------------


def _held(plan_: plan.DayPlan, kind: str, releases: str) -> dict[int, list[tuple[object, object]]]:
    """When each number (rack slot, table) was held, per visit, from the plan's actions."""
    taken: dict[int, tuple[int, object]] = {}
    spans: dict[int, list[tuple[object, object]]] = {}
    for action in plan_.actions:
        if action.kind == kind:
            taken[action.visit] = (action.data, action.at)  # type: ignore[index]
        if action.kind == releases and action.visit in taken:
            number, start = taken.pop(action.visit)
            spans.setdefault(number, []).append((start, action.at))
    for number, start in taken.values():
        spans.setdefault(number, []).append((start, None))
    return spans


VISIT_ORDER = (
    plan.ARRIVE,
    plan.SCREEN,
    plan.BAG,
    plan.GUEST_BOOK,
    plan.START_STEP,
    plan.PURPOSE,
)


def test_a_busy_day_keeps_the_sop_order_and_never_shares_a_slot_or_table() -> None:
    ctx = _context(date(2025, 6, 2), volume=6.0, rack_slots=30, reading_tables=8, deposit=True)
    state = plan.OfficeState(stock={number: 3 for number in range(1, 11)})
    day = plan.plan_day(random.Random(1), ctx, state)
    assert len(day.visits) > 30
    moments = [action.at for action in day.actions]
    assert moments == sorted(moments)
    for taken_by in (plan.BAG, plan.SEAT):
        for spans in _held(day, taken_by, plan.RETURN_BAG).values():
            spans.sort(key=lambda span: span[0])
            for (_, end), (start, _) in itertools.pairwise(spans):
                assert end is not None and start >= end
    by_visit: dict[int, list[str]] = {}
    for action in day.actions:
        if action.visit is not None and action.kind not in (
            plan.SALE,
            plan.VOID,
            plan.CORRECT_START,
        ):
            by_visit.setdefault(action.visit, []).append(action.kind)
    for visit in day.visits:
        kinds = by_visit[visit.index]
        if visit.refused:
            assert kinds == [plan.ARRIVE, plan.SCREEN]
            continue
        assert tuple(kinds[: len(VISIT_ORDER)]) == VISIT_ORDER
        assert kinds[-1] == plan.RETURN_BAG
        assert (plan.SEAT in kinds) == any(request.found for request in visit.requests)
    assert [action.kind for action in day.actions].count(plan.DEPOSIT) == 1


def test_late_start_clicks_are_corrected_to_when_the_officer_really_began() -> None:
    ctx = _context(date(2025, 6, 2), volume=6.0)
    days = [plan.plan_day(random.Random(seed), ctx, plan.OfficeState()) for seed in range(6)]
    corrections = 0
    for day in days:
        clicks: dict[tuple[int | None, object], datetime] = {}
        for action in day.actions:
            if action.kind == plan.START_STEP:
                clicks[(action.visit, action.data)] = action.at
            if action.kind == plan.CORRECT_START:
                corrections += 1
                correction = action.data
                clicked = clicks[(action.visit, correction.step)]
                assert correction.step in {sop.PURPOSE, sop.PURCHASE_OFFER, sop.BAG_RETURN}
                assert clicked - timedelta(minutes=10) <= correction.started_at < clicked
                assert action.at >= clicked and correction.reason in plan.LATE_CLICK_REASONS
    waiting_starts = sum(action.kind == plan.START_STEP for day in days for action in day.actions)
    assert 0 < corrections < waiting_starts * 0.1


def test_the_same_seed_plans_the_same_day() -> None:
    ctx = _context(date(2025, 3, 3))
    first = plan.plan_day(random.Random(9), ctx, plan.OfficeState())
    second = plan.plan_day(random.Random(9), ctx, plan.OfficeState())
    assert first.actions == second.actions
    third = plan.plan_day(random.Random(10), ctx, plan.OfficeState())
    assert first.actions != third.actions


def test_sales_never_take_more_hardcopies_than_the_stock() -> None:
    ctx = _context(date(2025, 6, 2), volume=8.0)
    state = plan.OfficeState(stock={number: 1 for number in range(1, 11)})
    day = plan.plan_day(random.Random(4), ctx, state)
    sold = Counter()
    for action in day.actions:
        if action.kind == plan.SALE:
            for line in action.data.lines:
                if line.item_kind == "publikasi_cetak":
                    sold[line.publication_id] += line.quantity
    assert all(count <= 1 for count in sold.values())
    assert all(stock >= 0 for stock in state.stock.values())


def test_deposits_come_every_few_working_days() -> None:
    days = patterns.working_days(date(2025, 1, 6), date(2025, 3, 28))
    state = plan.OfficeState()
    deposit_days = [
        day_plan.day
        for day_plan in plan.office_plans(1, "1603", days, _context(days[0]), state)
        if any(action.kind == plan.DEPOSIT for action in day_plan.actions)
    ]
    gaps = [days.index(b) - days.index(a) for a, b in itertools.pairwise(deposit_days)]
    assert deposit_days and all(2 <= gap <= 5 for gap in gaps)
