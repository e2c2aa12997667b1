"""Step figures from query rows: compliance, the bottleneck, shares over time, service time."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard import sop
from dashboard.metrics.period import Period
from dashboard.metrics.steps import (
    WAITING_STEPS,
    Bottleneck,
    compliance_over_time,
    service_time,
    step_figures,
    wait_figures,
)
from db.queries.metrics import DaySpans, day_spans
from db.queries.metrics_steps import (
    DurationSummary,
    ServiceTimeRow,
    StepDayRow,
    StepRow,
    WaitRow,
)

PERIOD = Period(date(2026, 11, 1), date(2026, 11, 30))
TARGETS = {2: 2, 3: 5, 4: 5, 6: 5, 8: 1, 9: 10, 10: 3, 1: None, 7: None}


def _row(step: int, with_target: int, meeting: int, missed: int) -> StepRow:
    return StepRow(
        step, DurationSummary(with_target, 60.0, 90.0, 120), 0, with_target, meeting, missed
    )


def test_every_visit_step_is_listed_with_its_target_of_the_last_day() -> None:
    figures = step_figures(PERIOD, [_row(2, 6, 4, 90)], TARGETS)
    assert [step.step for step in figures.steps] == [1, 2, 3, 4, 6, 7, 8, 9, 10]
    bag = figures.step(2)
    assert (bag.ended, bag.target_minutes, bag.durations.median_minutes) == (6, 2, 1.0)
    assert bag.compliance == 4 / 6
    assert figures.step(3).compliance is None  # no step with a target: no share, not 0
    assert figures.step(3).durations.median_seconds is None


def test_the_bottleneck_misses_most_minutes() -> None:
    figures = step_figures(PERIOD, [_row(2, 6, 4, 90), _row(9, 5, 4, 240)], TARGETS)
    # 240 of 90 + 240 = 330 missed seconds.
    assert figures.bottleneck == Bottleneck(9, 240, 240 / 330)
    assert (figures.with_target, figures.meeting, figures.compliance) == (11, 8, 8 / 11)
    nobody_missed = step_figures(PERIOD, [_row(2, 3, 3, 0)], TARGETS)
    assert nobody_missed.bottleneck is None
    assert step_figures(PERIOD, [], TARGETS).compliance is None


def test_share_within_target_by_week() -> None:
    rows = [
        StepDayRow(date(2026, 11, 2), 2, 3, 3, 2, 30),  # a Monday
        StepDayRow(date(2026, 11, 8), 2, 1, 1, 1, 0),  # the Sunday of the same week
        StepDayRow(date(2026, 11, 9), 2, 2, 2, 0, 120),
    ]
    weeks = compliance_over_time(Period(date(2026, 11, 1), date(2026, 11, 10)), rows, "week")
    # Weeks: 1 Nov (Sunday, cut), 2-8 Nov, 9-10 Nov.
    assert [(cell.period.first_day, cell.with_target, cell.meeting) for cell in weeks] == [
        (date(2026, 11, 1), 0, 0),
        (date(2026, 11, 2), 4, 3),
        (date(2026, 11, 9), 2, 0),
    ]
    assert weeks[0].compliance is None and weeks[1].compliance == 0.75


def test_waits_and_service_time() -> None:
    assert WAITING_STEPS == (4, 9, 10)
    (wait,) = wait_figures([WaitRow(4, DurationSummary(6, 120.0, 240.0, 300), 1)])
    assert (wait.waits.median_minutes, wait.waits.max_minutes, wait.waiting) == (2.0, 5.0, 1)
    assert sop.total_target_minutes(TARGETS) == 31
    service = service_time(ServiceTimeRow(DurationSummary(4, 3165.0, 3405.0, 3450), 1), 31)
    assert (service.within_share, service.visits.p90_minutes) == (0.25, 56.75)
    empty = service_time(ServiceTimeRow(DurationSummary(0, None, None, None), 0), 31)
    assert empty.within_share is None and empty.visits.median_minutes is None


@pytest.mark.parametrize(
    ("first", "last", "months", "days"),
    [
        ("2026-01-01", "2026-12-31", ("2026-01-01", "2026-12-01"), ()),
        (
            "2025-12-05",
            "2026-12-04",
            ("2026-01-01", "2026-11-01"),
            (("2025-12-05", "2025-12-31"), ("2026-12-01", "2026-12-04")),
        ),
        ("2026-11-26", "2026-11-26", None, (("2026-11-26", "2026-11-26"),)),
        ("2026-11-02", "2026-12-30", None, (("2026-11-02", "2026-12-30"),)),
        ("2026-02-01", "2026-02-28", ("2026-02-01", "2026-02-01"), ()),
        ("2026-02-01", "2026-03-01", ("2026-02-01", "2026-02-01"), (("2026-03-01", "2026-03-01"),)),
    ],
)
def test_a_period_reads_its_whole_months_and_the_days_around_them(
    first: str, last: str, months: tuple[str, str] | None, days: tuple[tuple[str, str], ...]
) -> None:
    def d(text: str) -> date:
        return date.fromisoformat(text)

    expected = DaySpans(
        None if months is None else (d(months[0]), d(months[1])),
        tuple((d(a), d(b)) for a, b in days),
    )
    assert day_spans(d(first), d(last)) == expected
