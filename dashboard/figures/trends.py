"""The charts of *Tren layanan*: pure builders from the metrics' dataclasses to Plotly figures
(one theme, Indonesian locale and separators). A chart without data says so.

Each builder gathers its traces (dicts) and its layout and makes the figure in one step
(``themed_figure``): plotly's ``add_*`` and ``update_*`` calls each cost milliseconds, and
the page redraws 17 charts at once."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import sop
from dashboard.figures.common import merged, shorten
from dashboard.figures.theme import (
    ACCENT,
    GOOD,
    LIGHT_PRIMARY,
    MUTED,
    PRIMARY,
    SERIES,
    no_data_layout,
    target_marker,
    themed_figure,
)
from dashboard.figures.unmet_demand import unmet_figure
from dashboard.library.unmet_demand import TopicGroup
from dashboard.metrics.corrections import CorrectionFigures
from dashboard.metrics.period import Grain, Period
from dashboard.metrics.profile import DIMENSIONS, UNKNOWN, ServiceTypes, Share, VisitorProfile
from dashboard.metrics.publications import PublicationFigures
from dashboard.metrics.referrals import AgencyReferrals, ReferralFigures
from dashboard.metrics.revenue import RevenueCount
from dashboard.metrics.steps import ServiceTime, StepCompliance, StepsFigures, WaitFigures
from dashboard.metrics.visitors import VisitorCount, WeekdayHours
from dashboard.pnbp.rules import SALE_ITEM_KINDS

HEIGHT = 300
WEEKDAYS = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")
TICK_FORMATS: dict[str, str] = {"day": "%d %b", "week": "%d %b", "month": "%b %Y"}
HOVER_DAYS: dict[str, str] = {"day": "%d %b %Y", "week": "minggu %d %b %Y", "month": "%B %Y"}
NO_VISITS = "Tidak ada kunjungan pada periode ini."
X_AXES = {"automargin": True, "showgrid": False}
Y_AXES = {"automargin": True, "gridcolor": "#e5e9ef", "rangemode": "tozero"}
"""Every chart's axes (set over what a chart gives its own)."""

Trace = dict[str, object]
Layout = dict[str, object]


def _finish_layout(
    layout: Mapping[str, object],
    height: int = HEIGHT,
    legend: bool = True,
    hovermode: str = "x unified",
) -> Layout:
    """The trends charts' common ending over a chart's own layout: size, legend below, the
    axes' common settings; hover over the whole x position (a time axis) unless the chart
    asks for the point under the cursor."""
    return merged(
        layout,
        {
            "height": height,
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
            "showlegend": legend,
            "legend": {"orientation": "h", "y": -0.18, "x": 0},
            "hovermode": hovermode,
            "bargap": 0.25,
            "xaxis": X_AXES,
            "yaxis": Y_AXES,
        },
    )


def _finish(
    traces: Sequence[Trace],
    layout: Mapping[str, object] | None = None,
    height: int = HEIGHT,
    legend: bool = True,
    hovermode: str = "x unified",
) -> go.Figure:
    return themed_figure(traces, _finish_layout(layout or {}, height, legend, hovermode))


def _no_data(message: str | None = None, height: int = HEIGHT, legend: bool = True) -> go.Figure:
    """A chart with nothing to draw (the message in its middle)."""
    layout = no_data_layout() if message is None else no_data_layout(message)
    return _finish([], layout, height, legend)


def _over_time(
    traces: Sequence[Trace],
    grain: Grain,
    height: int = HEIGHT,
    layout: Mapping[str, object] | None = None,
    **yaxis: object,
) -> go.Figure:
    """A chart over the period's buckets: dates on the x axis as the grain names them, the
    value axis set with ``yaxis``."""
    own = merged(
        layout or {},
        {"xaxis": {"tickformat": TICK_FORMATS[grain], "hoverformat": HOVER_DAYS[grain]}},
        {"yaxis": yaxis},
    )
    return _finish(traces, own, height)


def _ranked(
    traces: Sequence[Trace],
    height: int = HEIGHT,
    margin: Mapping[str, int] | None = None,
    **xaxis: str,
) -> go.Figure:
    """A horizontal ranking: the first bar at the top, the value axis set with ``xaxis``, no
    legend (``margin`` over the common one)."""
    layout = _finish_layout(
        {"yaxis": {"autorange": "reversed"}, "xaxis": xaxis}, height, False, "closest"
    )
    return themed_figure(traces, merged(layout, {"margin": margin or {}}))


def _starts(periods: Sequence[Period]) -> list[str]:
    return [period.first_day.isoformat() for period in periods]


def _step_text(number: int) -> str:
    return f"L{number} {sop.STEP_BY_NUMBER[number].label}"


def _bar(color: object, **values: object) -> Trace:
    """A bar trace in one colour (or one per bar)."""
    return {"type": "bar", "marker": {"color": color}, **values}


def _line(
    x: Sequence[str],
    y: Sequence[float | int | None],
    name: str,
    color: str,
    dash: str | None = None,
) -> Trace:
    """A series drawn as a line with markers over the buckets."""
    line: dict[str, object] = {"color": color, "width": 2}
    if dash is not None:
        line["dash"] = dash
    return {"type": "scatter", "x": x, "y": y, "name": name, "mode": "lines+markers", "line": line}


def _median_p90(
    labels: Sequence[str],
    medians: Sequence[float | None],
    p90s: Sequence[float | None],
    names: Sequence[str] | None = None,
) -> list[Trace]:
    """Median and p90 bars in minutes side by side per label; with ``names`` (the labels'
    long texts) the hover names the bar."""
    bars = []
    for name, values, color in (("Median", medians, PRIMARY), ("P90", p90s, LIGHT_PRIMARY)):
        hover: dict[str, object] = {}
        if names is not None:
            hover = {
                "customdata": names,
                "hovertemplate": "%{customdata}: %{y:,.1f} menit<extra>" + name + "</extra>",
            }
        bars.append(_bar(color, x=labels, y=values, name=name, **hover))
    return bars


MINUTES_AXIS = {"title": {"text": "menit"}, "tickformat": ",.1~f"}
"""The value axis of the median and p90 bars."""


def visitors_figure(
    current: Sequence[VisitorCount],
    comparison: Sequence[VisitorCount],
    grain: Grain,
    comparison_label: str,
) -> go.Figure:
    """Admitted and refused visitors per bucket, the comparison period's visitors beside
    each bucket (matched by position: the n-th month beside the n-th month)."""
    if not any(bucket.visitors or bucket.refused for bucket in (*current, *comparison)):
        return _no_data()
    x = _starts([bucket.period for bucket in current])
    before = list(comparison)[: len(x)]
    traces = [
        _bar(
            MUTED,
            x=x[: len(before)],
            y=[bucket.visitors for bucket in before],
            name=comparison_label,
            customdata=[bucket.period.first_day.isoformat() for bucket in before],
            hovertemplate="%{y:,d} (sejak %{customdata})<extra>" + comparison_label + "</extra>",
        ),
        _bar(PRIMARY, x=x, y=[bucket.visitors for bucket in current], name="Pengunjung"),
        _line(x, [bucket.refused for bucket in current], "Ditolak saat skrining", ACCENT),
    ]
    return _over_time(traces, grain, tickformat=",d")


def returning_figure(current: Sequence[VisitorCount], grain: Grain) -> go.Figure:
    if not any(bucket.visitors for bucket in current):
        return _no_data()
    x = _starts([bucket.period for bucket in current])
    traces = [
        _bar(PRIMARY, x=x, y=[b.new for b in current], name="Baru"),
        _bar(GOOD, x=x, y=[b.returning for b in current], name="Kembali"),
    ]
    return _over_time(traces, grain, layout={"barmode": "stack"}, tickformat=",d")


def steps_figure(steps: StepsFigures) -> go.Figure:
    """Median and p90 per step (minutes), the target in force on the period's last day
    marked on each."""
    shown = [step for step in steps.steps if step.ended]
    if not shown:
        return _no_data("Belum ada langkah selesai pada periode ini.")
    labels = [f"L{step.step}" for step in shown]
    names = [_step_text(step.step) for step in shown]
    bars = _median_p90(
        labels,
        [s.durations.median_minutes for s in shown],
        [s.durations.p90_minutes for s in shown],
        names,
    )
    targets = [(label, s.target_minutes) for label, s in zip(labels, shown, strict=True)]
    target = {
        "type": "scatter",
        "x": [label for label, target in targets if target is not None],
        "y": [target for _label, target in targets if target is not None],
        "name": "Target",
        "mode": "markers",
        "marker": target_marker("line-ew-open", 34, ACCENT, 3),
    }
    layout = {"yaxis": MINUTES_AXIS, "barmode": "group"}
    return _finish([*bars, target], layout, 320, hovermode="closest")


def compliance_figure(
    cells: Sequence[StepCompliance],
    grain: Grain,
    comparison: Sequence[StepCompliance] = (),
    comparison_label: str = "",
) -> go.Figure:
    """The share within target per step and bucket (steps with a target); each step's
    comparison-period share dotted beside it in the same colour (matched by position: the
    n-th bucket beside the n-th bucket), toggled with its step in the legend."""
    judged = sorted({cell.step for cell in (*cells, *comparison) if cell.with_target})
    if not judged:
        return _no_data("Belum ada langkah bertarget yang selesai.")
    x = _starts(sorted({cell.period for cell in cells}))
    traces: list[Trace] = []
    for index, step in enumerate(judged):
        color = SERIES[index % len(SERIES)]
        mine = [cell for cell in cells if cell.step == step]
        traces.append(
            {
                "type": "scatter",
                "x": _starts([cell.period for cell in mine]),
                "y": [cell.compliance for cell in mine],
                "name": f"L{step}",
                "legendgroup": f"L{step}",
                "mode": "lines+markers",
                "line": {"color": color, "width": 2},
                "connectgaps": False,
            }
        )
        before = [cell for cell in comparison if cell.step == step][: len(x)]
        if any(cell.with_target for cell in before):
            traces.append(
                {
                    "type": "scatter",
                    "x": x[: len(before)],
                    "y": [cell.compliance for cell in before],
                    "name": f"L{step} {comparison_label}".strip(),
                    "legendgroup": f"L{step}",
                    "showlegend": False,
                    "mode": "lines",
                    "line": {"color": color, "width": 1.5, "dash": "dot"},
                    "opacity": 0.6,
                    "customdata": [cell.period.first_day.isoformat() for cell in before],
                    "hovertemplate": "%{y:.0%} (sejak %{customdata})<extra>"
                    + f"L{step} {comparison_label}</extra>",
                }
            )
    if comparison_label and any(cell.with_target for cell in comparison):
        traces.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "name": f"titik-titik: {comparison_label.lower()}",
                "mode": "lines",
                "line": {"color": MUTED, "dash": "dot"},
                "hoverinfo": "skip",
            }
        )
    return _over_time(traces, grain, tickformat=".0%", range=[0, 1.05], rangemode="normal")


def bottleneck_figure(steps: StepsFigures) -> go.Figure:
    """Minutes beyond target per step; the bottleneck in orange."""
    neck = steps.bottleneck
    if neck is None:
        return _no_data("Tidak ada langkah yang melewati target.", legend=False)
    shown = [step for step in steps.steps if step.with_target]
    bar = _bar(
        [ACCENT if step.step == neck.step else MUTED for step in shown],
        y=[_step_text(step.step) for step in shown],
        x=[step.missed_minutes for step in shown],
        orientation="h",
        customdata=[steps.missed_share(step) for step in shown],
        hovertemplate="%{x:,.1f} menit (%{customdata:.0%})<extra></extra>",
    )
    return _ranked([bar], title={"text": "menit di atas target"}, tickformat=",.0f")


def waits_figure(waits: Sequence[WaitFigures]) -> go.Figure:
    shown = [wait for wait in waits if wait.waits.count]
    if not shown:
        return _no_data("Belum ada waktu tunggu tercatat.")
    bars = _median_p90(
        [f"sebelum L{wait.step}" for wait in shown],
        [w.waits.median_minutes for w in shown],
        [w.waits.p90_minutes for w in shown],
    )
    return _finish(bars, {"yaxis": MINUTES_AXIS, "barmode": "group"})


def service_figure(service: ServiceTime) -> go.Figure:
    """The whole visit's median and p90 against the SOP's limit (a vertical line)."""
    if not service.visits.count:
        return _no_data("Belum ada kunjungan selesai.", 220, legend=False)
    values = [service.visits.median_minutes, service.visits.p90_minutes]
    limit = service.limit_minutes
    bar = _bar(
        [PRIMARY if (value or 0) <= limit else ACCENT for value in values],
        y=["Median", "P90"],
        x=values,
        orientation="h",
        hovertemplate="%{x:,.1f} menit<extra></extra>",
    )
    figure = _ranked([bar], 220, margin={"t": 30}, title={"text": "menit"}, tickformat=",.0f")
    figure.update_layout(
        shapes=[
            {
                "type": "line",
                "x0": limit,
                "x1": limit,
                "xref": "x",
                "y0": 0,
                "y1": 1,
                "yref": "y domain",
                "line": {"color": "#333", "dash": "dash", "width": 2},
            }
        ],
        annotations=[
            {
                "text": f"batas SOP {limit} menit",
                "showarrow": False,
                "x": limit,
                "xanchor": "center",
                "xref": "x",
                "y": 1,
                "yanchor": "bottom",
                "yref": "y domain",
            }
        ],
    )
    return figure


def referrals_figure(rows: Sequence[ReferralFigures], grain: Grain) -> go.Figure:
    if not any(row.visits_decided for row in rows):
        return _no_data()
    x = _starts([row.period for row in rows])
    traces = [
        _line(x, [row.visit_rate for row in rows], "Per kunjungan", PRIMARY),
        _line(x, [row.request_rate for row in rows], "Per permintaan", ACCENT, "dot"),
    ]
    return _over_time(traces, grain, tickformat=".0%")


def agencies_figure(agencies: Sequence[AgencyReferrals]) -> go.Figure:
    if not agencies:
        return _no_data("Tidak ada rujukan pada periode ini.", legend=False)
    bar = _bar(
        PRIMARY,
        y=[shorten(agency.label, 40) for agency in agencies],
        x=[agency.visits for agency in agencies],
        orientation="h",
        text=[agency.visits for agency in agencies],
        textposition="outside",
        hovertemplate="%{x:,d} kunjungan<extra></extra>",
    )
    height = max(220, 60 + 28 * len(agencies))
    return _ranked([bar], height, tickformat=",d", title={"text": "kunjungan"})


def unmet_topics_figure(groups: Sequence[TopicGroup]) -> go.Figure:
    """The library's unmet-demand chart, the ten topics asked for most."""
    return unmet_figure(
        groups, top=10, layout={"title": None, "margin": {"l": 10, "r": 30, "t": 10, "b": 10}}
    )


def revenue_figure(
    by_kind: Sequence[tuple[Period, str, int]],
    buckets: Sequence[Period],
    grain: Grain,
    kind_labels: Mapping[str, str] = SALE_ITEM_KINDS,
    comparison: Sequence[RevenueCount] = (),
    comparison_label: str = "",
) -> go.Figure:
    """PNBP revenue per bucket, stacked by item kind; the comparison period's revenue a line
    beside it (matched by position, as the visitors' chart)."""
    if not any(amount for _bucket, _kind, amount in by_kind) and not any(
        row.revenue for row in comparison
    ):
        return _no_data("Tidak ada penerimaan PNBP pada periode ini.")
    x = _starts(buckets)
    kinds = sorted({kind for _bucket, kind, _amount in by_kind})
    traces: list[Trace] = []
    for index, kind in enumerate(kinds):
        amounts = {
            bucket.first_day.isoformat(): amount for bucket, k, amount in by_kind if k == kind
        }
        traces.append(
            _bar(
                SERIES[index % len(SERIES)],
                x=x,
                y=[amounts.get(start, 0) for start in x],
                name=kind_labels.get(kind, kind),
                hovertemplate="Rp%{y:,d}<extra>" + kind_labels.get(kind, kind) + "</extra>",
            )
        )
    before = list(comparison)[: len(x)]
    if any(row.revenue for row in before):
        traces.append(
            {
                "type": "scatter",
                "x": x[: len(before)],
                "y": [row.revenue for row in before],
                "name": comparison_label or "Pembanding",
                "mode": "lines+markers",
                "line": {"color": "#333", "width": 2, "dash": "dot"},
                "marker": {"size": 6},
                "customdata": [row.period.first_day.isoformat() for row in before],
                "hovertemplate": "Rp%{y:,d} (sejak %{customdata})<extra>"
                + (comparison_label or "Pembanding")
                + "</extra>",
            }
        )
    return _over_time(
        traces, grain, 320, layout={"barmode": "stack"}, tickprefix="Rp", tickformat=",d"
    )


def receipts_figure(rows: Sequence[RevenueCount], grain: Grain) -> go.Figure:
    """Receipts per bucket (Rp0 ones apart) and voided sales beside."""
    if not any(row.receipts or row.voided for row in rows):
        return _no_data("Tidak ada kuitansi pada periode ini.")
    x = _starts([row.period for row in rows])
    traces = [
        _bar(PRIMARY, x=x, y=[row.paid for row in rows], name="Berbayar"),
        _bar(GOOD, x=x, y=[row.zero_rupiah for row in rows], name="Rp0"),
        _line(x, [row.voided for row in rows], "Dibatalkan", ACCENT),
    ]
    return _over_time(traces, grain, layout={"barmode": "stack"}, tickformat=",d")


def heatmap_figure(grid: WeekdayHours) -> go.Figure:
    """Visitors by weekday × local hour of arrival (hours with any arrival, at least
    07-16)."""
    cells = grid.cells
    if not any(any(hours) for hours in cells):
        return _no_data(legend=False)
    used = [hour for hour in range(24) if any(cells[day][hour] for day in range(7))]
    first, last = min([7, *used]), max([16, *used])
    hours = list(range(first, last + 1))
    heatmap = {
        "type": "heatmap",
        "z": [[cells[day][hour] for hour in hours] for day in range(7)],
        "x": [f"{hour:02d}.00" for hour in hours],
        "y": list(WEEKDAYS),
        "colorscale": [[0, "#f4f7fb"], [1, PRIMARY]],
        "hovertemplate": "%{y} %{x}: %{z:,d} pengunjung<extra></extra>",
        "colorbar": {"thickness": 12, "tickformat": ",d"},
    }
    layout = {"yaxis": {"autorange": "reversed"}}
    return _finish([heatmap], layout, 280, legend=False, hovermode="closest")


def _share_bars(shares: Sequence[Share], **place: str) -> Trace:
    """Horizontal bars of a breakdown, largest first (as given), labelled with the share
    (``place``: the subplot's axes)."""
    return _bar(
        [MUTED if item.label == UNKNOWN else PRIMARY for item in shares],
        y=[shorten(item.label, 22) for item in shares],
        x=[item.visits for item in shares],
        orientation="h",
        text=[f"{item.share:.0%}" for item in shares],
        textposition="outside",
        cliponaxis=False,
        customdata=[item.label for item in shares],
        hovertemplate="%{customdata}: %{x:,d} kunjungan<extra></extra>",
        **place,
    )


def service_types_figure(types: ServiceTypes) -> go.Figure:
    """Admitted visits by PST service type."""
    if not types.visits:
        return _no_data(NO_VISITS, legend=False)
    height = max(220, 80 + 30 * len(types.types))
    return _ranked([_share_bars(types.types)], height, tickformat=",d", title={"text": "kunjungan"})


PROFILE_GRID = (3, 2)
"""Rows × columns of the visitor profile's panels (five dimensions)."""
PANEL_TITLE_FONT = {"size": 13}


@functools.cache
def _panels(
    rows: int,
    cols: int,
    titles: tuple[str, ...],
    horizontal_spacing: float,
    vertical_spacing: float | None = None,
) -> tuple[Layout, tuple[dict[str, str], ...]]:
    """The layout of a grid of panels (axes' domains, the titles above the panels in the
    panel title size) and each panel's axes, row by row, as ``make_subplots`` lays them out.
    Cached: it depends on the grid alone (``make_subplots`` takes some 20 ms); callers merge
    over it, never change it."""
    grid = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=list(titles),
        horizontal_spacing=horizontal_spacing,
        vertical_spacing=vertical_spacing,
    )
    grid.update_annotations(font=PANEL_TITLE_FONT)
    layout = grid.layout.to_plotly_json()
    layout.pop("template", None)
    axes = []
    for row in range(1, rows + 1):
        for col in range(1, cols + 1):
            subplot = grid.get_subplot(row, col)
            axes.append({"xaxis": subplot.xaxis.plotly_name, "yaxis": subplot.yaxis.plotly_name})
    return layout, tuple(axes)


def _finish_panels(
    traces: Sequence[Trace],
    layout: Layout,
    axes: Sequence[Mapping[str, str]],
    height: int,
) -> go.Figure:
    """The end of a grid of panels: the common ending, its axes' settings on every panel's
    axes, hover on the point, room above for the panels' titles."""
    every_axis = {}
    for names in axes:
        every_axis.update({names["xaxis"]: X_AXES, names["yaxis"]: Y_AXES})
    common = merged(_finish_layout(layout, height, legend=False), every_axis)
    return themed_figure(
        traces, merged(common, {"hovermode": "closest", "margin": {"t": 30, "r": 30}})
    )


def _subplot_axis(name: str) -> str:
    """The trace's reference to a layout axis: 'xaxis2' → 'x2'."""
    return name.replace("axis", "")


def profile_figure(profile: VisitorProfile) -> go.Figure:
    """One panel per dimension of the visitor profile (visits per category, share shown)."""
    if not profile.visits:
        return _no_data(NO_VISITS, legend=False)
    rows, cols = PROFILE_GRID
    layout, axes = _panels(rows, cols, tuple(DIMENSIONS.values()), 0.3, 0.1)
    traces = []
    for index, name in enumerate(DIMENSIONS):
        panel = axes[index]
        shares = profile.by[name]
        traces.append(
            _share_bars(
                shares, xaxis=_subplot_axis(panel["xaxis"]), yaxis=_subplot_axis(panel["yaxis"])
            )
        )
        # Room right of the longest bar for its share, inside the panel (not over the next).
        longest = max((item.visits for item in shares), default=0)
        layout = merged(
            layout,
            {
                panel["yaxis"]: {"autorange": "reversed"},
                panel["xaxis"]: {"tickformat": ",d", "range": [0, longest * 1.35 or 1]},
            },
        )
    return _finish_panels(traces, layout, axes, 600)


def publications_figure(figures: PublicationFigures) -> go.Figure:
    """The publications linked to the most requests (left) and sold in the most copies
    (right)."""
    if figures.empty:
        return _no_data("Tidak ada publikasi diminta atau terjual pada periode ini.", legend=False)
    layout, axes = _panels(
        1, 2, ("Paling banyak diminta (permintaan)", "Paling banyak terjual (salinan)"), 0.3
    )
    traces = []
    for panel, items, values, unit, color in (
        (
            axes[0],
            figures.requested,
            [p.requests for p in figures.requested],
            "permintaan",
            PRIMARY,
        ),
        (axes[1], figures.sold, [p.copies for p in figures.sold], "salinan", GOOD),
    ):
        traces.append(
            _bar(
                color,
                y=[shorten(f"{p.title}", 34) for p in items],
                x=values,
                orientation="h",
                text=values,
                textposition="outside",
                cliponaxis=False,
                customdata=[f"{p.catalog_number} {p.title}" for p in items],
                hovertemplate="%{customdata}: %{x:,d} " + unit + "<extra></extra>",
                xaxis=_subplot_axis(panel["xaxis"]),
                yaxis=_subplot_axis(panel["yaxis"]),
            )
        )
        layout = merged(
            layout,
            {panel["yaxis"]: {"autorange": "reversed"}, panel["xaxis"]: {"tickformat": ",d"}},
        )
    longest = max(len(figures.requested), len(figures.sold))
    return _finish_panels(traces, layout, axes, max(240, 70 + 28 * longest))


def corrections_figure(figures: CorrectionFigures) -> go.Figure:
    """Time corrections per step, stacked by the officer whose recorded time was corrected."""
    if not figures.total:
        return _no_data("Tidak ada koreksi waktu pada periode ini.")
    x = [f"L{step.step}" for step in figures.by_step]
    names = {f"L{step.step}": _step_text(step.step) for step in figures.by_step}
    traces = []
    for index, officer in enumerate(figures.by_officer):
        counts = {
            f"L{row.step}": row.corrections
            for row in figures.rows
            if row.officer == officer.officer
        }
        traces.append(
            _bar(
                SERIES[index % len(SERIES)],
                x=x,
                y=[counts.get(label, 0) for label in x],
                name=shorten(officer.officer, 30),
                customdata=[names[label] for label in x],
                hovertemplate="%{customdata}: %{y:,d} koreksi<extra>"
                + officer.officer
                + "</extra>",
            )
        )
    layout = {"barmode": "stack", "yaxis": {"tickformat": ",d", "title": {"text": "koreksi"}}}
    return _finish(traces, layout, hovermode="closest")
