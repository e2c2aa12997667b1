"""The timer rule of the board: elapsed time, and ok / warn / late / wait at the boundaries."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dashboard import sop
from dashboard.metrics.step_timing import elapsed_between, timer_state
from dashboard.visits.board import next_action, start_label
from tests.helpers.clock import at

US = timedelta(microseconds=1)
SECOND = timedelta(seconds=1)


def minutes(value: float) -> timedelta:
    return timedelta(minutes=value)


# -- elapsed_between ------------------------------------------------------------------------


def test_elapsed_counts_whole_seconds() -> None:
    start = at("2026-11-26 09:00")
    assert elapsed_between(start, start + timedelta(minutes=4, seconds=5)) == timedelta(
        minutes=4, seconds=5
    )


def test_elapsed_drops_the_part_of_a_second_not_yet_complete() -> None:
    start = at("2026-11-26 09:00")
    assert elapsed_between(start, start + timedelta(seconds=59, milliseconds=999)) == timedelta(
        seconds=59
    )


def test_elapsed_is_zero_at_the_same_moment() -> None:
    start = at("2026-11-26 09:00")
    assert elapsed_between(start, start) == timedelta(0)


def test_elapsed_is_never_negative_when_the_clock_is_behind() -> None:
    start = at("2026-11-26 09:00")
    assert elapsed_between(start, start - timedelta(seconds=3)) == timedelta(0)


def test_elapsed_spans_hours_and_days() -> None:
    assert elapsed_between(at("2026-11-26 15:00"), at("2026-11-27 08:30")) == timedelta(
        hours=17, minutes=30
    )


# -- timer_state ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("elapsed", "target", "expected"),
    [
        (timedelta(0), 5, "ok"),
        (minutes(4) - SECOND, 5, "ok"),
        (minutes(4) - US, 5, "ok"),
        (minutes(4), 5, "warn"),  # exactly 80%
        (minutes(4.5), 5, "warn"),
        (minutes(5) - US, 5, "warn"),
        (minutes(5), 5, "warn"),  # exactly the target still meets it
        (minutes(5) + US, 5, "late"),
        (minutes(5) + SECOND, 5, "late"),
        (timedelta(hours=3), 5, "late"),
        # 80% of 3 minutes is 2 min 24 s: no float rounding at the boundary.
        (timedelta(minutes=2, seconds=24) - US, 3, "ok"),
        (timedelta(minutes=2, seconds=24), 3, "warn"),
        (minutes(3), 3, "warn"),
        (minutes(3) + SECOND, 3, "late"),
        # 80% of 1 minute is 48 s.
        (timedelta(seconds=47), 1, "ok"),
        (timedelta(seconds=48), 1, "warn"),
        (timedelta(seconds=60), 1, "warn"),
        (timedelta(seconds=61), 1, "late"),
        # 80% of 10 minutes is 8 minutes.
        (minutes(8) - SECOND, 10, "ok"),
        (minutes(8), 10, "warn"),
        (minutes(10), 10, "warn"),
        (minutes(10) + SECOND, 10, "late"),
    ],
)
def test_timer_state_against_a_target(elapsed: timedelta, target: int, expected: str) -> None:
    assert timer_state(elapsed, target) == expected


@pytest.mark.parametrize("elapsed", [timedelta(0), minutes(4), minutes(5), timedelta(hours=9)])
def test_a_step_without_target_stays_neutral(elapsed: timedelta) -> None:
    assert timer_state(elapsed, None) == "ok"


@pytest.mark.parametrize("target", [None, 1, 5, 10])
@pytest.mark.parametrize("elapsed", [timedelta(0), minutes(4), minutes(5) + SECOND])
def test_waiting_is_wait_whatever_the_time_and_target(
    elapsed: timedelta, target: int | None
) -> None:
    assert timer_state(elapsed, target, waiting=True) == "wait"


def test_a_zero_minute_target_is_late_after_any_second() -> None:
    assert timer_state(timedelta(0), 0) == "warn"
    assert timer_state(SECOND, 0) == "late"


# -- the action that moves a visit on -------------------------------------------------------


@pytest.mark.parametrize("step", [sop.PURPOSE, sop.PURCHASE_OFFER, sop.BAG_RETURN])
def test_a_waiting_step_is_started_here(step: int) -> None:
    assert next_action(step, waiting=True) == "start"


@pytest.mark.parametrize("step", [sop.SCREENING, sop.BAG_RACK, sop.GUEST_BOOK])
def test_arrival_steps_go_on_at_the_arrival_desk(step: int) -> None:
    assert next_action(step, waiting=False) == "arrival"


@pytest.mark.parametrize(
    "step",
    [
        sop.PURPOSE,
        sop.SEARCH,
        sop.AVAILABILITY,
        sop.READING_TABLE,
        sop.PURCHASE_OFFER,
        sop.BAG_RETURN,
    ],
)
def test_started_service_steps_open_the_service_page(step: int) -> None:
    assert next_action(step, waiting=False) == "service"


def test_start_label_uses_the_short_step_label() -> None:
    assert start_label(sop.PURPOSE) == "Mulai Menyampaikan tujuan"
    assert start_label(sop.PURCHASE_OFFER) == "Mulai Penawaran publikasi"
    assert start_label(sop.BAG_RETURN) == "Mulai Ambil tas & pulang"
