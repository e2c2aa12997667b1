"""The wall screen's chart builders (``dashboard.figures.monitor``): traces, values, the
target marks, the dark theme with Indonesian separators, no modebar."""

from __future__ import annotations

from dashboard.figures.monitor import (
    ARRIVAL_TRACES,
    GRAPH_CONFIG,
    STEP_TRACES,
    ArrivalsChart,
    StepBar,
    arrivals_figure,
    shown_hours,
    steps_figure,
)
from dashboard.figures.theme import DARK_MARK, DARK_PAPER

TODAY = tuple(1 if hour == 0 else 3 if hour == 9 else 0 for hour in range(24))
USUAL = tuple(0.25 * hour if 8 <= hour <= 15 else 0.0 for hour in range(24))


def test_the_hours_shown_widen_to_every_arrival() -> None:
    assert shown_hours([0] * 24, 8, 15) == tuple(range(8, 16))
    assert shown_hours(TODAY, 8, 15) == tuple(range(0, 16))
    late = [0] * 24
    late[19] = 2
    assert shown_hours(late, 8, 15) == tuple(range(8, 20))


def test_arrivals_today_beside_the_usual() -> None:
    hours = tuple(range(8, 16))
    figure = arrivals_figure(ArrivalsChart(hours, TODAY, USUAL))
    bars, usual = figure.data
    assert (bars.type, bars.name, usual.type, usual.name) == (
        "bar",
        *ARRIVAL_TRACES[:1],
        "scatter",
        ARRIVAL_TRACES[1],
    )
    assert list(bars.x) == list(hours) and list(bars.y) == [0, 3, 0, 0, 0, 0, 0, 0]
    assert list(usual.y) == [2.0, 2.25, 2.5, 2.75, 3.0, 3.25, 3.5, 3.75]
    assert figure.layout.separators == ",."
    assert figure.layout.paper_bgcolor == DARK_PAPER
    assert figure.layout.hovermode is False
    assert figure.layout.font.size >= 18


def test_arrivals_without_a_usual_curve() -> None:
    figure = arrivals_figure(ArrivalsChart((9, 10), TODAY, None))
    assert list(figure.data[0].y) == [3, 0]
    assert list(figure.data[1].y) == [] and list(figure.data[1].x) == []


def test_steps_against_their_targets() -> None:
    bars = (
        StepBar(1, "Skrining masker & suhu", 1.0, 1.0, None),
        StepBar(2, "Titip tas di rak", 2.0, 3.0, 2),
        StepBar(6, "Pencarian data", None, None, 5),
    )
    figure = steps_figure(bars)
    median, slowest, target = figure.data
    assert (median.name, slowest.name, target.name) == STEP_TRACES
    labels = ["1 Skrining masker & suhu", "2 Titip tas di rak", "6 Pencarian data"]
    assert list(median.y) == labels and list(target.y) == labels
    assert list(median.x) == [1.0, 2.0, None]
    assert list(slowest.x) == [1.0, 3.0, None]
    # the target is a mark at its minutes; a step without one has none
    assert list(target.x) == [None, 2, 5]
    assert target.mode == "markers" and target.marker.line.color == DARK_MARK
    assert median.orientation == "h" and figure.layout.barmode == "group"
    assert figure.layout.yaxis.autorange == "reversed"  # step 1 at the top
    assert figure.layout.separators == ",."


def test_no_modebar_nothing_to_click() -> None:
    assert GRAPH_CONFIG["displayModeBar"] is False
    assert GRAPH_CONFIG["staticPlot"] is True
