"""The charts of *Tren layanan*: pure builders from the metrics' dataclasses to Plotly figures
(one theme, Indonesian locale and separators). A chart without data says so."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import sop
from dashboard.figures.common import shorten
from dashboard.figures.theme import (
    ACCENT,
    GOOD,
    LIGHT_PRIMARY,
    MUTED,
    PRIMARY,
    SERIES,
    apply_theme,
    no_data,
    target_marker,
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


def _finish(
    figure: go.Figure, height: int = HEIGHT, legend: bool = True, hovermode: str = "x unified"
) -> go.Figure:
    """The trends charts' common ending: theme, size, legend below; hover over the whole
    x position (a time axis) unless the chart asks for the point under the cursor."""
    apply_theme(figure)
    figure.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        showlegend=legend,
        legend={"orientation": "h", "y": -0.18, "x": 0},
        hovermode=hovermode,
        bargap=0.25,
    )
    figure.update_xaxes(automargin=True, showgrid=False)
    figure.update_yaxes(automargin=True, gridcolor="#e5e9ef", rangemode="tozero")
    return figure


def _finish_over_time(
    figure: go.Figure, grain: Grain, height: int = HEIGHT, **yaxis: object
) -> go.Figure:
    """The end of a chart over the period's buckets: dates on the x axis as the grain
    names them, the value axis set with ``yaxis``."""
    figure.update_xaxes(tickformat=TICK_FORMATS[grain], hoverformat=HOVER_DAYS[grain])
    figure.update_yaxes(**yaxis)
    return _finish(figure, height)


def _starts(periods: Sequence[Period]) -> list[str]:
    return [period.first_day.isoformat() for period in periods]


def _step_text(number: int) -> str:
    return f"L{number} {sop.STEP_BY_NUMBER[number].label}"


def _add_line(
    figure: go.Figure,
    x: Sequence[str],
    y: Sequence[float | int | None],
    name: str,
    color: str,
    dash: str | None = None,
) -> None:
    """A series drawn as a line with markers over the buckets."""
    line: dict[str, object] = {"color": color, "width": 2}
    if dash is not None:
        line["dash"] = dash
    figure.add_scatter(x=x, y=y, name=name, mode="lines+markers", line=line)


def _add_median_p90(
    figure: go.Figure,
    labels: Sequence[str],
    medians: Sequence[float | None],
    p90s: Sequence[float | None],
    names: Sequence[str] | None = None,
) -> None:
    """Median and p90 bars in minutes side by side per label; with ``names`` (the labels'
    long texts) the hover names the bar."""
    for name, values, color in (("Median", medians, PRIMARY), ("P90", p90s, LIGHT_PRIMARY)):
        hover: dict[str, object] = {}
        if names is not None:
            hover = {
                "customdata": names,
                "hovertemplate": "%{customdata}: %{y:,.1f} menit<extra>" + name + "</extra>",
            }
        figure.add_bar(x=labels, y=values, name=name, marker_color=color, **hover)
    figure.update_yaxes(title_text="menit", tickformat=",.1~f")


def _finish_ranked(figure: go.Figure, height: int = HEIGHT, **xaxis: str) -> go.Figure:
    """The end of a horizontal ranking: the first bar at the top, the value axis set with
    ``xaxis``, no legend."""
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(**xaxis)
    return _finish(figure, height, legend=False, hovermode="closest")


def visitors_figure(
    current: Sequence[VisitorCount],
    comparison: Sequence[VisitorCount],
    grain: Grain,
    comparison_label: str,
) -> go.Figure:
    """Admitted and refused visitors per bucket, the comparison period's visitors beside
    each bucket (matched by position: the n-th month beside the n-th month)."""
    figure = go.Figure()
    if not any(bucket.visitors or bucket.refused for bucket in (*current, *comparison)):
        return _finish(no_data(figure))
    x = _starts([bucket.period for bucket in current])
    before = list(comparison)[: len(x)]
    figure.add_bar(
        x=x[: len(before)],
        y=[bucket.visitors for bucket in before],
        name=comparison_label,
        marker_color=MUTED,
        customdata=[bucket.period.first_day.isoformat() for bucket in before],
        hovertemplate="%{y:,d} (sejak %{customdata})<extra>" + comparison_label + "</extra>",
    )
    figure.add_bar(
        x=x, y=[bucket.visitors for bucket in current], name="Pengunjung", marker_color=PRIMARY
    )
    _add_line(figure, x, [bucket.refused for bucket in current], "Ditolak saat skrining", ACCENT)
    return _finish_over_time(figure, grain, tickformat=",d")


def returning_figure(current: Sequence[VisitorCount], grain: Grain) -> go.Figure:
    figure = go.Figure()
    if not any(bucket.visitors for bucket in current):
        return _finish(no_data(figure))
    x = _starts([bucket.period for bucket in current])
    figure.add_bar(x=x, y=[b.new for b in current], name="Baru", marker_color=PRIMARY)
    figure.add_bar(x=x, y=[b.returning for b in current], name="Kembali", marker_color=GOOD)
    figure.update_layout(barmode="stack")
    return _finish_over_time(figure, grain, tickformat=",d")


def steps_figure(steps: StepsFigures) -> go.Figure:
    """Median and p90 per step (minutes), the target in force on the period's last day
    marked on each."""
    figure = go.Figure()
    shown = [step for step in steps.steps if step.ended]
    if not shown:
        return _finish(no_data(figure, "Belum ada langkah selesai pada periode ini."))
    labels = [f"L{step.step}" for step in shown]
    names = [_step_text(step.step) for step in shown]
    _add_median_p90(
        figure,
        labels,
        [s.durations.median_minutes for s in shown],
        [s.durations.p90_minutes for s in shown],
        names,
    )
    targets = [(label, s.target_minutes) for label, s in zip(labels, shown, strict=True)]
    figure.add_scatter(
        x=[label for label, target in targets if target is not None],
        y=[target for _label, target in targets if target is not None],
        name="Target",
        mode="markers",
        marker=target_marker("line-ew-open", 34, ACCENT, 3),
    )
    figure.update_layout(barmode="group")
    return _finish(figure, 320, hovermode="closest")


def compliance_figure(
    cells: Sequence[StepCompliance],
    grain: Grain,
    comparison: Sequence[StepCompliance] = (),
    comparison_label: str = "",
) -> go.Figure:
    """The share within target per step and bucket (steps with a target); each step's
    comparison-period share dotted beside it in the same colour (matched by position: the
    n-th bucket beside the n-th bucket), toggled with its step in the legend."""
    figure = go.Figure()
    judged = sorted({cell.step for cell in (*cells, *comparison) if cell.with_target})
    if not judged:
        return _finish(no_data(figure, "Belum ada langkah bertarget yang selesai."))
    x = _starts(sorted({cell.period for cell in cells}))
    for index, step in enumerate(judged):
        color = SERIES[index % len(SERIES)]
        mine = [cell for cell in cells if cell.step == step]
        figure.add_scatter(
            x=_starts([cell.period for cell in mine]),
            y=[cell.compliance for cell in mine],
            name=f"L{step}",
            legendgroup=f"L{step}",
            mode="lines+markers",
            line={"color": color, "width": 2},
            connectgaps=False,
        )
        before = [cell for cell in comparison if cell.step == step][: len(x)]
        if any(cell.with_target for cell in before):
            figure.add_scatter(
                x=x[: len(before)],
                y=[cell.compliance for cell in before],
                name=f"L{step} {comparison_label}".strip(),
                legendgroup=f"L{step}",
                showlegend=False,
                mode="lines",
                line={"color": color, "width": 1.5, "dash": "dot"},
                opacity=0.6,
                customdata=[cell.period.first_day.isoformat() for cell in before],
                hovertemplate="%{y:.0%} (sejak %{customdata})<extra>"
                + f"L{step} {comparison_label}</extra>",
            )
    if comparison_label and any(cell.with_target for cell in comparison):
        figure.add_scatter(
            x=[None],
            y=[None],
            name=f"titik-titik: {comparison_label.lower()}",
            mode="lines",
            line={"color": MUTED, "dash": "dot"},
            hoverinfo="skip",
        )
    return _finish_over_time(figure, grain, tickformat=".0%", range=[0, 1.05], rangemode="normal")


def bottleneck_figure(steps: StepsFigures) -> go.Figure:
    """Minutes beyond target per step; the bottleneck in orange."""
    figure = go.Figure()
    neck = steps.bottleneck
    if neck is None:
        return _finish(no_data(figure, "Tidak ada langkah yang melewati target."), legend=False)
    shown = [step for step in steps.steps if step.with_target]
    figure.add_bar(
        y=[_step_text(step.step) for step in shown],
        x=[step.missed_minutes for step in shown],
        orientation="h",
        marker_color=[ACCENT if step.step == neck.step else MUTED for step in shown],
        customdata=[steps.missed_share(step) for step in shown],
        hovertemplate="%{x:,.1f} menit (%{customdata:.0%})<extra></extra>",
    )
    return _finish_ranked(figure, title_text="menit di atas target", tickformat=",.0f")


def waits_figure(waits: Sequence[WaitFigures]) -> go.Figure:
    figure = go.Figure()
    shown = [wait for wait in waits if wait.waits.count]
    if not shown:
        return _finish(no_data(figure, "Belum ada waktu tunggu tercatat."))
    labels = [f"sebelum L{wait.step}" for wait in shown]
    _add_median_p90(
        figure,
        labels,
        [w.waits.median_minutes for w in shown],
        [w.waits.p90_minutes for w in shown],
    )
    figure.update_layout(barmode="group")
    return _finish(figure)


def service_figure(service: ServiceTime) -> go.Figure:
    """The whole visit's median and p90 against the SOP's limit (a vertical line)."""
    figure = go.Figure()
    if not service.visits.count:
        return _finish(no_data(figure, "Belum ada kunjungan selesai."), 220, legend=False)
    values = [service.visits.median_minutes, service.visits.p90_minutes]
    figure.add_bar(
        y=["Median", "P90"],
        x=values,
        orientation="h",
        marker_color=[
            PRIMARY if (value or 0) <= service.limit_minutes else ACCENT for value in values
        ],
        hovertemplate="%{x:,.1f} menit<extra></extra>",
    )
    figure.add_vline(
        x=service.limit_minutes,
        line={"color": "#333", "dash": "dash", "width": 2},
        annotation_text=f"batas SOP {service.limit_minutes} menit",
        annotation_position="top",
    )
    _finish_ranked(figure, 220, title_text="menit", tickformat=",.0f")
    figure.update_layout(margin={"t": 30})
    return figure


def referrals_figure(rows: Sequence[ReferralFigures], grain: Grain) -> go.Figure:
    figure = go.Figure()
    if not any(row.visits_decided for row in rows):
        return _finish(no_data(figure))
    x = _starts([row.period for row in rows])
    _add_line(figure, x, [row.visit_rate for row in rows], "Per kunjungan", PRIMARY)
    _add_line(figure, x, [row.request_rate for row in rows], "Per permintaan", ACCENT, "dot")
    return _finish_over_time(figure, grain, tickformat=".0%")


def agencies_figure(agencies: Sequence[AgencyReferrals]) -> go.Figure:
    figure = go.Figure()
    if not agencies:
        return _finish(no_data(figure, "Tidak ada rujukan pada periode ini."), legend=False)
    figure.add_bar(
        y=[shorten(agency.label, 40) for agency in agencies],
        x=[agency.visits for agency in agencies],
        orientation="h",
        marker_color=PRIMARY,
        text=[agency.visits for agency in agencies],
        textposition="outside",
        hovertemplate="%{x:,d} kunjungan<extra></extra>",
    )
    height = max(220, 60 + 28 * len(agencies))
    return _finish_ranked(figure, height, tickformat=",d", title_text="kunjungan")


def unmet_topics_figure(groups: Sequence[TopicGroup]) -> go.Figure:
    """The library's unmet-demand chart, the ten topics asked for most."""
    figure = unmet_figure(groups, top=10)
    figure.update_layout(title=None, margin={"l": 10, "r": 30, "t": 10, "b": 10})
    return figure


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
    figure = go.Figure()
    if not any(amount for _bucket, _kind, amount in by_kind) and not any(
        row.revenue for row in comparison
    ):
        return _finish(no_data(figure, "Tidak ada penerimaan PNBP pada periode ini."))
    x = _starts(buckets)
    kinds = sorted({kind for _bucket, kind, _amount in by_kind})
    for index, kind in enumerate(kinds):
        amounts = {
            bucket.first_day.isoformat(): amount for bucket, k, amount in by_kind if k == kind
        }
        figure.add_bar(
            x=x,
            y=[amounts.get(start, 0) for start in x],
            name=kind_labels.get(kind, kind),
            marker_color=SERIES[index % len(SERIES)],
            hovertemplate="Rp%{y:,d}<extra>" + kind_labels.get(kind, kind) + "</extra>",
        )
    before = list(comparison)[: len(x)]
    if any(row.revenue for row in before):
        figure.add_scatter(
            x=x[: len(before)],
            y=[row.revenue for row in before],
            name=comparison_label or "Pembanding",
            mode="lines+markers",
            line={"color": "#333", "width": 2, "dash": "dot"},
            marker={"size": 6},
            customdata=[row.period.first_day.isoformat() for row in before],
            hovertemplate="Rp%{y:,d} (sejak %{customdata})<extra>"
            + (comparison_label or "Pembanding")
            + "</extra>",
        )
    figure.update_layout(barmode="stack")
    return _finish_over_time(figure, grain, 320, tickprefix="Rp", tickformat=",d")


def receipts_figure(rows: Sequence[RevenueCount], grain: Grain) -> go.Figure:
    """Receipts per bucket (Rp0 ones apart) and voided sales beside."""
    figure = go.Figure()
    if not any(row.receipts or row.voided for row in rows):
        return _finish(no_data(figure, "Tidak ada kuitansi pada periode ini."))
    x = _starts([row.period for row in rows])
    figure.add_bar(
        x=x,
        y=[row.paid for row in rows],
        name="Berbayar",
        marker_color=PRIMARY,
    )
    figure.add_bar(x=x, y=[row.zero_rupiah for row in rows], name="Rp0", marker_color=GOOD)
    _add_line(figure, x, [row.voided for row in rows], "Dibatalkan", ACCENT)
    figure.update_layout(barmode="stack")
    return _finish_over_time(figure, grain, tickformat=",d")


def heatmap_figure(grid: WeekdayHours) -> go.Figure:
    """Visitors by weekday × local hour of arrival (hours with any arrival, at least
    07-16)."""
    figure = go.Figure()
    cells = grid.cells
    if not any(any(hours) for hours in cells):
        return _finish(no_data(figure), legend=False)
    used = [hour for hour in range(24) if any(cells[day][hour] for day in range(7))]
    first, last = min([7, *used]), max([16, *used])
    hours = list(range(first, last + 1))
    figure.add_heatmap(
        z=[[cells[day][hour] for hour in hours] for day in range(7)],
        x=[f"{hour:02d}.00" for hour in hours],
        y=list(WEEKDAYS),
        colorscale=[[0, "#f4f7fb"], [1, PRIMARY]],
        hovertemplate="%{y} %{x}: %{z:,d} pengunjung<extra></extra>",
        colorbar={"thickness": 12, "tickformat": ",d"},
    )
    figure.update_yaxes(autorange="reversed", rangemode="normal")
    return _finish(figure, 280, legend=False, hovermode="closest")


def _share_bars(
    figure: go.Figure, shares: Sequence[Share], row: int | None = None, col: int | None = None
) -> None:
    """Horizontal bars of a breakdown, largest first (as given), labelled with the share."""
    place = {} if row is None else {"row": row, "col": col}
    figure.add_bar(
        y=[shorten(item.label, 22) for item in shares],
        x=[item.visits for item in shares],
        orientation="h",
        marker_color=[MUTED if item.label == UNKNOWN else PRIMARY for item in shares],
        text=[f"{item.share:.0%}" for item in shares],
        textposition="outside",
        cliponaxis=False,
        customdata=[item.label for item in shares],
        hovertemplate="%{customdata}: %{x:,d} kunjungan<extra></extra>",
        **place,
    )


def service_types_figure(types: ServiceTypes) -> go.Figure:
    """Admitted visits by PST service type."""
    figure = go.Figure()
    if not types.visits:
        return _finish(no_data(figure, NO_VISITS), legend=False)
    _share_bars(figure, types.types)
    height = max(220, 80 + 30 * len(types.types))
    return _finish_ranked(figure, height, tickformat=",d", title_text="kunjungan")


PROFILE_GRID = (3, 2)
"""Rows × columns of the visitor profile's panels (five dimensions)."""


def profile_figure(profile: VisitorProfile) -> go.Figure:
    """One panel per dimension of the visitor profile (visits per category, share shown)."""
    if not profile.visits:
        return _finish(no_data(go.Figure(), NO_VISITS), legend=False)
    rows, cols = PROFILE_GRID
    figure = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=list(DIMENSIONS.values()),
        horizontal_spacing=0.3,
        vertical_spacing=0.1,
    )
    for index, name in enumerate(DIMENSIONS):
        row, col = divmod(index, cols)
        _share_bars(figure, profile.by[name], row + 1, col + 1)
        figure.update_yaxes(autorange="reversed", row=row + 1, col=col + 1)
        # Room right of the longest bar for its share, inside the panel (not over the next).
        longest = max((item.visits for item in profile.by[name]), default=0)
        figure.update_xaxes(
            tickformat=",d", range=[0, longest * 1.35 or 1], row=row + 1, col=col + 1
        )
    _finish(figure, 600, legend=False)
    figure.update_layout(hovermode="closest", margin={"t": 30, "r": 30})
    figure.update_annotations(font={"size": 13})
    return figure


def publications_figure(figures: PublicationFigures) -> go.Figure:
    """The publications linked to the most requests (left) and sold in the most copies
    (right)."""
    if figures.empty:
        return _finish(
            no_data(go.Figure(), "Tidak ada publikasi diminta atau terjual pada periode ini."),
            legend=False,
        )
    figure = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=["Paling banyak diminta (permintaan)", "Paling banyak terjual (salinan)"],
        horizontal_spacing=0.3,
    )
    for col, items, values, unit in (
        (1, figures.requested, [p.requests for p in figures.requested], "permintaan"),
        (2, figures.sold, [p.copies for p in figures.sold], "salinan"),
    ):
        figure.add_bar(
            y=[shorten(f"{p.title}", 34) for p in items],
            x=values,
            orientation="h",
            marker_color=PRIMARY if col == 1 else GOOD,
            text=values,
            textposition="outside",
            cliponaxis=False,
            customdata=[f"{p.catalog_number} {p.title}" for p in items],
            hovertemplate="%{customdata}: %{x:,d} " + unit + "<extra></extra>",
            row=1,
            col=col,
        )
        figure.update_yaxes(autorange="reversed", row=1, col=col)
        figure.update_xaxes(tickformat=",d", row=1, col=col)
    longest = max(len(figures.requested), len(figures.sold))
    _finish(figure, max(240, 70 + 28 * longest), legend=False)
    figure.update_layout(hovermode="closest", margin={"t": 30, "r": 30})
    figure.update_annotations(font={"size": 13})
    return figure


def corrections_figure(figures: CorrectionFigures) -> go.Figure:
    """Time corrections per step, stacked by the officer whose recorded time was corrected."""
    figure = go.Figure()
    if not figures.total:
        return _finish(no_data(figure, "Tidak ada koreksi waktu pada periode ini."))
    x = [f"L{step.step}" for step in figures.by_step]
    names = {f"L{step.step}": _step_text(step.step) for step in figures.by_step}
    for index, officer in enumerate(figures.by_officer):
        counts = {
            f"L{row.step}": row.corrections
            for row in figures.rows
            if row.officer == officer.officer
        }
        figure.add_bar(
            x=x,
            y=[counts.get(label, 0) for label in x],
            name=shorten(officer.officer, 30),
            marker_color=SERIES[index % len(SERIES)],
            customdata=[names[label] for label in x],
            hovertemplate="%{customdata}: %{y:,d} koreksi<extra>" + officer.officer + "</extra>",
        )
    figure.update_layout(barmode="stack")
    figure.update_yaxes(tickformat=",d", title_text="koreksi")
    return _finish(figure, hovermode="closest")
