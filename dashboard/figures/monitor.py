"""The wall screen's two live charts: arrivals by hour beside the usual curve, and each SOP
step's median and slowest time today against its target. Pure builders (the page draws the
first figure with them; ``assets/monitor/monitor.js`` then swaps the values of the same
traces in place with ``Plotly.react``, in the trace order these builders set)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.figures.theme import (
    DARK_MARK,
    DARK_PRIMARY,
    DARK_SECONDARY,
    apply_dark_theme,
    target_marker,
)

GRAPH_CONFIG = {"displayModeBar": False, "staticPlot": True, "responsive": True}
"""``dcc.Graph(config=...)`` of the wall screen: no modebar, nothing to click."""
ARRIVAL_TRACES = ("Hari ini", "Biasanya")
LEGEND = {"orientation": "h", "x": 0, "y": 1.02, "xanchor": "left", "yanchor": "bottom"}
STEP_TRACES = ("Median", "Terlama", "Target")


def shown_hours(today: Sequence[int], first_hour: int, last_hour: int) -> tuple[int, ...]:
    """The local hours the arrivals chart spans: the service hours (``first_hour`` …
    ``last_hour``), widened to every hour with an arrival today (a 00:20 visit is drawn)."""
    busy = [hour for hour, count in enumerate(today) if count]
    low = min([first_hour, *busy])
    high = max([last_hour, *busy])
    return tuple(range(low, high + 1))


def bar_labels(counts: Sequence[int]) -> list[str]:
    """The count over each bar, none over an empty hour (``monitor.js`` labels the same)."""
    return [str(count) if count else "" for count in counts]


@dataclass(frozen=True)
class ArrivalsChart:
    """Arrivals per local hour today and the usual for the weekday (``None``: no usual in
    reach), both indexed by hour 0-23, drawn over ``hours``."""

    hours: tuple[int, ...]
    today: tuple[int, ...]
    usual: tuple[float, ...] | None


def arrivals_figure(chart: ArrivalsChart) -> go.Figure:
    figure = go.Figure()
    figure.add_bar(
        name=ARRIVAL_TRACES[0],
        x=list(chart.hours),
        y=[chart.today[hour] for hour in chart.hours],
        marker_color=DARK_PRIMARY,
        text=bar_labels([chart.today[hour] for hour in chart.hours]),
        textposition="outside",
        cliponaxis=False,
    )
    figure.add_scatter(
        name=ARRIVAL_TRACES[1],
        x=list(chart.hours) if chart.usual is not None else [],
        y=[chart.usual[hour] for hour in chart.hours] if chart.usual is not None else [],
        mode="lines+markers",
        line={"color": DARK_SECONDARY, "width": 4, "dash": "dash"},
        marker={"size": 9},
    )
    apply_dark_theme(figure, font_size=18)
    figure.update_xaxes(dtick=1, title_text="Jam kedatangan (WIB)", fixedrange=True)
    # The bars carry their counts: no count axis to read across the room.
    figure.update_yaxes(rangemode="tozero", showticklabels=False, showgrid=False, fixedrange=True)
    figure.update_layout(
        margin={"l": 10, "r": 10, "t": 50, "b": 60},
        legend=LEGEND,
        bargap=0.25,
    )
    return figure


@dataclass(frozen=True)
class StepBar:
    """One SOP step today: median and slowest minutes (``None``: no step ended) and the
    target in force (``None``: the step has none)."""

    step: int
    label: str
    median_minutes: float | None
    max_minutes: float | None
    target_minutes: int | None


def step_axis_label(bar: StepBar) -> str:
    return f"{bar.step} {bar.label}"


def steps_figure(bars: Sequence[StepBar]) -> go.Figure:
    """Horizontal bars per step (step 1 at the top): the median, the slowest, and the target
    as a tall yellow mark."""
    labels = [step_axis_label(bar) for bar in bars]
    figure = go.Figure()
    for name, minutes, color in (
        (STEP_TRACES[0], [bar.median_minutes for bar in bars], DARK_PRIMARY),
        (STEP_TRACES[1], [bar.max_minutes for bar in bars], DARK_SECONDARY),
    ):
        figure.add_bar(name=name, y=labels, x=minutes, orientation="h", marker_color=color)
    figure.add_scatter(
        name=STEP_TRACES[2],
        y=labels,
        x=[bar.target_minutes for bar in bars],
        mode="markers",
        marker=target_marker("line-ns-open", 30, DARK_MARK, 5),
    )
    apply_dark_theme(figure, font_size=16)
    figure.update_yaxes(autorange="reversed", automargin=True, fixedrange=True)
    figure.update_xaxes(title_text="menit", rangemode="tozero", tickformat=",.0f", fixedrange=True)
    figure.update_layout(
        barmode="group",
        margin={"l": 10, "r": 20, "t": 50, "b": 50},
        legend=LEGEND,
        bargap=0.3,
    )
    return figure
