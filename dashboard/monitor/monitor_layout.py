"""The wall screen's layout: a dark, full-screen grid of large figures, the two live charts
and the visits in progress. Only the frame and the first charts are drawn here;
``assets/monitor/monitor.js`` writes every number (from the answer the page is served with,
then from each poll) and ticks the clock and the timers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from dashboard.figures.monitor import (
    GRAPH_CONFIG,
    ArrivalsChart,
    StepBar,
    arrivals_figure,
    steps_figure,
)
from dashboard.metrics.step_timing import WARN_DENOMINATOR, WARN_NUMERATOR
from dashboard.monitor import monitor_ids as ids
from dashboard.monitor.live import compact_json
from dashboard.paths import HEALTH_PATH, MONITOR_POLL_PATH

EMPTY = "–"
TODAY_WORDS = " hari ini"


def arrivals_chart(snapshot: dict[str, Any]) -> ArrivalsChart:
    usual = snapshot["usual_by_hour"]
    return ArrivalsChart(
        hours=tuple(snapshot["chart_hours"]),
        today=tuple(snapshot["arrivals_by_hour"]),
        usual=None if usual is None else tuple(usual),
    )


def step_bars(snapshot: dict[str, Any]) -> tuple[StepBar, ...]:
    return tuple(
        StepBar(
            step["step"],
            step["label"],
            step["median_minutes"],
            step["max_minutes"],
            step["target_minutes"],
        )
        for step in snapshot["steps"]
    )


def _value(value_id: str, extra: str = "") -> html.Span:
    return html.Span(EMPTY, id=value_id, className=f"pm-value {extra}".strip())


def _tile(label: str, value_id: str, details: Sequence[Any] = (), extra: str = "") -> html.Div:
    """A figure; a label ending in "hari ini" loses those words when the screen shows the
    last working day's summary (the script sets ``is-summary`` on the root)."""
    words: list[Any] = [label]
    if label.endswith(TODAY_WORDS):
        words = [label.removesuffix(TODAY_WORDS), html.Span(TODAY_WORDS, className="pm-when")]
    return html.Div(
        [
            html.Div(words, className="pm-label"),
            _value(value_id, extra),
            html.Div(list(details), className="pm-details"),
        ],
        className="pm-tile",
    )


def _detail(label: str, value_id: str) -> html.Span:
    return html.Span([f"{label} ", html.B(EMPTY, id=value_id)], className="pm-detail")


def _header() -> html.Header:
    return html.Header(
        [
            html.Div(
                [
                    html.Div("Pelayanan Statistik Terpadu", className="pm-office"),
                    html.Div(EMPTY, id=ids.DAY, className="pm-day"),
                ],
                className="pm-heading",
            ),
            html.Div(id=ids.NOTICE, className="pm-notice", hidden=True),
            html.Div(id=ids.CONNECTION, className="pm-connection", hidden=True),
            html.Div(
                [
                    html.Div(
                        [html.Span(EMPTY, id=ids.CLOCK), html.Small(id=ids.CLOCK_SECONDS)],
                        className="pm-clock",
                    ),
                    html.Div(id=ids.CLOSING, className="pm-closing"),
                ],
                className="pm-time",
            ),
        ],
        className="pm-header",
    )


def _figures() -> html.Section:
    return html.Section(
        [
            _tile(
                "Pengunjung hari ini",
                ids.VISITORS,
                [_detail("biasanya", ids.USUAL), _detail("ditolak", ids.REFUSED)],
            ),
            _tile(
                "Di ruangan",
                ids.IN_ROOM,
                [_detail("tas di rak", ids.BAGS), _detail("meja baca", ids.TABLES)],
            ),
            _tile("Menunggu bendahara", ids.WAITING_PAYMENT),
            _tile(
                "Dalam target hari ini", ids.WITHIN_TODAY, [_detail("bulan ini", ids.WITHIN_MONTH)]
            ),
            _tile(
                "Rujukan hari ini", ids.REFERRAL_TODAY, [_detail("bulan ini", ids.REFERRAL_MONTH)]
            ),
            _tile(
                "PNBP hari ini",
                ids.PNBP_TODAY,
                [_detail("kuitansi", ids.RECEIPTS_TODAY), _detail("bulan ini", ids.PNBP_MONTH)],
                extra="pm-money",
            ),
        ],
        className="pm-figures",
    )


def _graph(graph_id: str, figure: Any) -> dcc.Graph:
    return dcc.Graph(
        id=graph_id,
        figure=figure,
        config=GRAPH_CONFIG,
        responsive=True,
        className="pm-graph",
        style={"height": "100%", "width": "100%"},
    )


def _panel(title: Any, body: Any, extra: str = "") -> html.Div:
    return html.Div(
        [html.H2(title, className="pm-panel-title"), html.Div(body, className="pm-panel-body")],
        className=f"pm-panel {extra}".strip(),
    )


def _main(snapshot: dict[str, Any]) -> html.Section:
    visits_title = [
        "Sedang dilayani ",
        html.Span(EMPTY, id=ids.VISIT_COUNT, className="pm-count"),
        html.Span(id=ids.VISITS_MORE, className="pm-more", hidden=True),
    ]
    return html.Section(
        [
            _panel(
                "Kedatangan per jam",
                _graph(ids.ARRIVALS_CHART, arrivals_figure(arrivals_chart(snapshot))),
            ),
            _panel(
                ["Waktu per langkah", html.Span(TODAY_WORDS, className="pm-when")],
                _graph(ids.STEPS_CHART, steps_figure(step_bars(snapshot))),
            ),
            _panel(
                visits_title,
                [
                    html.Div(id=ids.VISITS, className="pm-visits"),
                    html.Div(
                        "Tidak ada kunjungan yang sedang dilayani.",
                        id=ids.VISITS_EMPTY,
                        className="pm-empty",
                        hidden=True,
                    ),
                ],
                extra="pm-visits-panel",
            ),
        ],
        className="pm-main",
    )


def _footer() -> html.Footer:
    return html.Footer(
        [
            html.Span(id=ids.SUMMARY, className="pm-summary"),
            html.Span(id=ids.STALE_OPEN, className="pm-stale-open"),
            html.Span(id=ids.UPDATED, className="pm-updated"),
        ],
        className="pm-footer",
    )


def monitor_screen(answer: dict[str, Any], refresh_seconds: int) -> html.Div:
    """The screen, served with the poll's first ``answer`` (version, day, build, snapshot):
    the script starts from it and polls for what changes after."""
    return html.Div(
        [_header(), _figures(), _main(answer["snapshot"]), _footer()],
        id=ids.ROOT,
        className="pst-monitor",
        lang="id",
        **{
            "data-poll-url": MONITOR_POLL_PATH,
            "data-health-url": HEALTH_PATH,
            "data-refresh-seconds": str(refresh_seconds),
            "data-build": answer["build"],
            "data-warn-numerator": str(WARN_NUMERATOR),
            "data-warn-denominator": str(WARN_DENOMINATOR),
            "data-initial": compact_json(answer),
        },
    )
