"""Visitors from query rows: days filled, grains, hours, the usual for a weekday."""

from __future__ import annotations

from datetime import date

from dashboard.metrics.period import Period
from dashboard.metrics.visitors import (
    hourly_arrivals,
    usual_days,
    usual_weekday,
    visitor_figures,
    weekday_hours,
)
from dashboard.office.service_hours import is_working_day
from db.queries.metrics import HourRow, VisitorDayRow, WeekdayHourRow


def test_days_without_visits_count_zero_and_add_up() -> None:
    period = Period(date(2026, 11, 23), date(2026, 12, 2))
    rows = [
        VisitorDayRow(date(2026, 11, 25), 4, 1, 1, 1, 1),
        VisitorDayRow(date(2026, 12, 1), 2, 0, 0, 2, 0),
    ]
    figures = visitor_figures(period, rows)
    assert len(figures.by_day) == 10
    assert figures.by_day[0].visitors == 0
    assert (figures.total.visitors, figures.total.refused, figures.total.new) == (6, 1, 3)
    november, december = figures.by("month")
    assert (november.visitors, december.visitors) == (4, 2)
    # Weeks: 23-29 Nov, 30 Nov-2 Dec.
    assert [week.visitors for week in figures.by("week")] == [4, 2]
    assert figures.returning_share == 0.5


def test_hours_and_the_heat_map() -> None:
    hours = hourly_arrivals([HourRow(9, 3, 1), HourRow(0, 1, 0)])
    assert len(hours.visitors) == 24
    assert (hours.visitors[0], hours.visitors[9], hours.refused[9]) == (1, 3, 1)
    grid = weekday_hours([WeekdayHourRow(2, 9, 5), WeekdayHourRow(6, 23, 1)])
    assert len(grid.cells) == 7 and len(grid.cells[0]) == 24
    assert (grid.cells[2][9], grid.cells[6][23], grid.cells[0][0]) == (5, 1, 0)


def test_the_usual_days_skip_holidays_and_cuti_bersama() -> None:
    # Thursday 4 June 2026: 28 May is cuti bersama (Idul Adha), 14 May Ascension Day.
    days = usual_days(date(2026, 6, 4), is_working_day)
    assert days == (
        date(2026, 5, 21),
        date(2026, 5, 7),
        date(2026, 4, 30),
        date(2026, 4, 23),
        date(2026, 4, 16),
        date(2026, 4, 9),
        date(2026, 4, 2),
        date(2026, 3, 26),
    )


def test_the_usual_days_of_a_calendar_with_few_working_days() -> None:
    assert usual_days(date(2026, 6, 4), lambda _day: False) == ()
    assert len(usual_days(date(2026, 6, 4), lambda _day: True, weeks=3)) == 3


def test_the_usual_is_the_mean_over_the_chosen_days() -> None:
    days = usual_days(date(2026, 11, 26), lambda _day: True)
    usual = usual_weekday(
        date(2026, 11, 26),
        days,
        [VisitorDayRow(days[0], 2, 1, 0, 0, 0), VisitorDayRow(days[3], 4, 0, 0, 0, 0)],
        [HourRow(9, 4, 0), HourRow(14, 2, 1)],
    )
    # (2 + 4) / 8 = 0.75; by hour 4 / 8 and 2 / 8 (refused never counted).
    assert usual.visitors == 0.75
    assert usual.by_hour is not None
    assert (usual.by_hour[9], usual.by_hour[14], usual.by_hour[10]) == (0.5, 0.25, 0.0)
    nothing = usual_weekday(date(2026, 11, 26), (), [], [])
    assert nothing.visitors is None and nothing.by_hour is None
