"""Periods: presets, comparison periods, buckets of a grain."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.metrics.period import (
    Period,
    bucket_start,
    buckets,
    last_month,
    last_twelve_months,
    last_year,
    month_to_date,
    previous_period,
    same_period_a_year_before,
    share,
    single_day,
    this_month,
    this_quarter,
    this_year,
)

TODAY = date(2026, 11, 26)


def test_presets() -> None:
    assert this_month(TODAY) == Period(date(2026, 11, 1), date(2026, 11, 30))
    assert month_to_date(TODAY) == Period(date(2026, 11, 1), TODAY)
    assert last_month(TODAY) == Period(date(2026, 10, 1), date(2026, 10, 31))
    assert last_month(date(2026, 1, 15)) == Period(date(2025, 12, 1), date(2025, 12, 31))
    assert this_quarter(TODAY) == Period(date(2026, 10, 1), date(2026, 12, 31))
    assert this_year(TODAY) == Period(date(2026, 1, 1), date(2026, 12, 31))
    assert last_year(TODAY) == Period(date(2025, 1, 1), date(2025, 12, 31))
    assert last_twelve_months(TODAY) == Period(date(2025, 12, 1), date(2026, 11, 30))


def test_a_period_knows_its_days() -> None:
    period = Period(date(2025, 12, 30), date(2026, 1, 2))
    assert period.length == 4
    assert list(period.days())[-1] == date(2026, 1, 2)
    assert date(2026, 1, 1) in period and date(2026, 1, 3) not in period
    assert single_day(TODAY).length == 1
    with pytest.raises(ValueError):
        Period(TODAY, date(2026, 11, 25))


def test_the_same_period_a_year_before() -> None:
    assert same_period_a_year_before(month_to_date(TODAY)) == Period(
        date(2025, 11, 1), date(2025, 11, 26)
    )
    # A leap day becomes 28 February; a whole February stays whole.
    assert same_period_a_year_before(Period(date(2024, 2, 29), date(2024, 2, 29))) == Period(
        date(2023, 2, 28), date(2023, 2, 28)
    )
    assert same_period_a_year_before(Period(date(2025, 2, 1), date(2025, 2, 28))) == Period(
        date(2024, 2, 1), date(2024, 2, 29)
    )


def test_the_previous_period() -> None:
    # Whole months: the months before (October has 31 days, November 30).
    assert previous_period(this_month(TODAY)) == Period(date(2026, 10, 1), date(2026, 10, 31))
    assert previous_period(this_quarter(TODAY)) == Period(date(2026, 7, 1), date(2026, 9, 30))
    assert previous_period(this_year(TODAY)) == last_year(TODAY)
    # Otherwise as many days just before: 1-26 Nov (26 days) → 6-31 Oct.
    assert previous_period(month_to_date(TODAY)) == Period(date(2026, 10, 6), date(2026, 10, 31))


def test_buckets_of_a_grain() -> None:
    period = Period(date(2025, 12, 30), date(2026, 1, 13))
    assert bucket_start(date(2026, 1, 1), "week") == date(2025, 12, 29)  # a Monday
    weeks = buckets(period, "week")
    assert [(week.first_day, week.last_day) for week in weeks] == [
        (date(2025, 12, 30), date(2026, 1, 4)),
        (date(2026, 1, 5), date(2026, 1, 11)),
        (date(2026, 1, 12), date(2026, 1, 13)),
    ]
    months = buckets(period, "month")
    assert [month.first_day for month in months] == [date(2025, 12, 30), date(2026, 1, 1)]
    assert len(buckets(period, "day")) == 15
    with pytest.raises(ValueError):
        buckets(period, "year")  # type: ignore[arg-type]


def test_a_share_without_a_base_is_none() -> None:
    assert share(0, 0) is None
    assert share(0, 4) == 0
    assert share(1, 4) == 0.25
