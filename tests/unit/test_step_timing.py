"""The step-timing definitions (dashboard.metrics.step_timing): duration in whole seconds, an
open step is None, waiting kept apart, "meets target" at its boundary, and the amber/red
thresholds of a running step."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dashboard import sop
from dashboard.metrics.step_timing import (
    elapsed_between,
    meets_target,
    step_duration_seconds,
    timer_state,
    waiting_seconds,
    whole_seconds,
)
from tests.helpers.clock import at

START = at("2026-11-26 09:00")
US = timedelta(microseconds=1)
SECOND = timedelta(seconds=1)


# -- duration ---------------------------------------------------------------------------------


def test_duration_is_end_minus_start_in_whole_seconds() -> None:
    assert step_duration_seconds(START, START + timedelta(minutes=4, seconds=5)) == 245
    assert step_duration_seconds(START, START) == 0


def test_a_part_of_a_second_not_yet_complete_is_dropped() -> None:
    assert step_duration_seconds(START, START + timedelta(seconds=59, milliseconds=999)) == 59
    assert whole_seconds(timedelta(minutes=5) - US) == 299


def test_an_open_step_has_no_duration_not_zero() -> None:
    assert step_duration_seconds(START, None) is None
    assert step_duration_seconds(None, None) is None
    assert step_duration_seconds(None, START) is None


# -- waiting ----------------------------------------------------------------------------------


def test_waiting_is_queued_to_started_and_kept_apart_from_the_duration() -> None:
    queued = START
    started = START + timedelta(minutes=7, seconds=30)
    assert waiting_seconds(sop.PURPOSE, queued, started) == 450
    assert step_duration_seconds(started, started + timedelta(minutes=2)) == 120


def test_a_step_not_started_has_no_waiting_time_yet() -> None:
    assert waiting_seconds(sop.PURPOSE, START, None) is None


def test_a_step_that_starts_as_the_previous_ends_has_no_wait_unless_a_gap_was_opened() -> None:
    assert sop.starts_immediately(sop.SEARCH)
    assert waiting_seconds(sop.SEARCH, START, START) is None
    assert waiting_seconds(sop.SEARCH, START, START + timedelta(minutes=1)) == 60
    assert waiting_seconds(sop.PURPOSE, START, START) == 0


# -- meets target -----------------------------------------------------------------------------


def test_exactly_the_target_meets_it() -> None:
    duration = step_duration_seconds(START, START + timedelta(minutes=5))
    assert duration == 300
    assert meets_target(duration, 5) is True


def test_one_second_over_the_target_misses_it() -> None:
    duration = step_duration_seconds(START, START + timedelta(minutes=5, seconds=1))
    assert meets_target(duration, 5) is False


def test_under_a_second_over_still_meets_it_in_whole_seconds() -> None:
    duration = step_duration_seconds(START, START + timedelta(minutes=5) + 999_999 * US)
    assert meets_target(duration, 5) is True


def test_an_open_step_or_one_without_target_counts_neither_way() -> None:
    assert meets_target(step_duration_seconds(START, None), 5) is None
    assert meets_target(120, None) is None
    assert meets_target(0, 0) is True
    assert meets_target(1, 0) is False


# -- a running step against its target -------------------------------------------------------


def test_elapsed_is_whole_seconds_and_never_negative() -> None:
    assert elapsed_between(START, START + timedelta(seconds=59, milliseconds=999)) == 59 * SECOND
    assert elapsed_between(START, START - 3 * SECOND) == timedelta(0)


@pytest.mark.parametrize(
    ("elapsed", "target", "expected"),
    [
        (timedelta(minutes=4) - SECOND, 5, "ok"),
        (timedelta(minutes=4), 5, "warn"),  # exactly 80 %: amber
        (timedelta(minutes=5), 5, "warn"),  # exactly the target: still amber
        (timedelta(minutes=5) + SECOND, 5, "late"),  # past the target: red
        (timedelta(seconds=47), 1, "ok"),
        (timedelta(seconds=48), 1, "warn"),  # 80 % of one minute
        (timedelta(minutes=2, seconds=24) - US, 3, "ok"),
        (timedelta(minutes=2, seconds=24), 3, "warn"),  # 80 % of 3 min, no float rounding
    ],
)
def test_amber_from_80_percent_red_past_the_target(
    elapsed: timedelta, target: int, expected: str
) -> None:
    assert timer_state(elapsed, target) == expected


def test_the_colour_agrees_with_meets_target_at_the_boundary() -> None:
    at_target = elapsed_between(START, START + timedelta(minutes=5))
    assert timer_state(at_target, 5) != "late"
    assert meets_target(whole_seconds(at_target), 5) is True
    over = elapsed_between(START, START + timedelta(minutes=5, seconds=1))
    assert timer_state(over, 5) == "late"
    assert meets_target(whole_seconds(over), 5) is False


def test_no_target_stays_neutral_and_a_waiting_visitor_is_wait() -> None:
    assert timer_state(timedelta(hours=3), None) == "ok"
    assert timer_state(timedelta(hours=3), 5, waiting=True) == "wait"
