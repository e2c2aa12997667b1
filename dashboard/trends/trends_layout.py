"""The *Tren layanan* page: the controls (period preset or dates, grain, comparison, office),
the headline figures, and the charts in four sections, each with its reading and its CSV and
XLSX downloads (PNG through the chart's own modebar)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.clock import local_date, utc_now
from dashboard.figures.theme import graph_config
from dashboard.i18n import format_day, format_number, format_rupiah
from dashboard.trends import trends_ids as ids
from dashboard.trends.chart_tables import CHARTS
from dashboard.trends.readings import minutes, percent
from dashboard.trends.trends_view import (
    COMPARISONS,
    DEFAULT_PRESET,
    GRAIN_LABELS,
    PRESETS,
    REPORT_YEARS,
    WHOLE_YEAR,
    TrendsView,
    report_href,
)
from dashboard.ui.headings import page_heading

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Pengunjung", ("visitors", "returning", "heatmap", "profile", "service_types")),
    (
        "Waktu layanan terhadap target SOP",
        ("steps", "bottleneck", "compliance", "waits", "service", "corrections"),
    ),
    (
        "Rujukan, permintaan yang tidak tersedia, dan publikasi",
        ("referrals", "agencies", "unmet", "publications"),
    ),
    ("PNBP", ("revenue", "receipts")),
)
WIDTHS: dict[str, int] = {
    "visitors": 12,
    "compliance": 12,
    "revenue": 12,
    "profile": 8,
    "service_types": 4,
    "corrections": 12,
    "publications": 12,
}
"""Columns (of 12, on a large screen) of the charts not drawn at half width: time series
with many buckets across the whole width, the profile's five panels beside the service
types."""


def _download(key: str, kind: str) -> dbc.Button:
    return dbc.Button(
        [html.I(className="bi bi-download me-1"), kind.upper()],
        id={"type": ids.DOWNLOAD_BUTTON, "chart": key, "format": kind},
        size="sm",
        color="link",
        className="py-0 px-1",
        title=f"Unduh data grafik ({kind.upper()})",
    )


def chart_card(key: str) -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.Span(CHARTS[key], className="fw-semibold"),
                    html.Span(
                        [_download(key, "csv"), _download(key, "xlsx")],
                        className="ms-auto trends-downloads",
                    ),
                ],
                className="d-flex align-items-center py-1",
            ),
            dbc.CardBody(
                [
                    dcc.Graph(
                        id=ids.GRAPH_IDS[key],
                        config=graph_config(f"tren-{key}"),
                        figure=go.Figure(),
                        className="trends-graph",
                    ),
                    html.P(id=ids.READING_IDS[key], className="trends-reading small mb-0"),
                ],
                className="p-2",
            ),
        ],
        className="trends-card h-100",
        id=f"trends-card-{key}",
    )


def _section(title: str, keys: tuple[str, ...]) -> html.Section:
    columns = [dbc.Col(chart_card(key), lg=WIDTHS.get(key, 6), className="mb-3") for key in keys]
    return html.Section(
        [html.H2(title, className="h5 mt-2"), dbc.Row(columns)], className="trends-section"
    )


def _select(component_id: str, options: dict[str, str], value: str) -> dbc.Select:
    return dbc.Select(
        id=component_id,
        options=[{"label": label, "value": key} for key, label in options.items()],
        value=value,
        size="sm",
    )


def _controls() -> dbc.Card:
    def labelled(label: str, control: Component, width: int | str, **kwargs: object) -> dbc.Col:
        return dbc.Col(
            [dbc.Label(label, html_for=control.id, className="small mb-0"), control],
            md=width,
            **kwargs,
        )

    return dbc.Card(
        dbc.CardBody(
            dbc.Row(
                [
                    labelled(
                        "Periode",
                        _select(ids.PRESET, {k: v[0] for k, v in PRESETS.items()}, DEFAULT_PRESET),
                        2,
                    ),
                    labelled("Dari", dbc.Input(id=ids.START, type="date", size="sm"), 2),
                    labelled("Sampai", dbc.Input(id=ids.END, type="date", size="sm"), 2),
                    labelled(
                        "Rincian",
                        dbc.RadioItems(
                            id=ids.GRAIN,
                            options=[{"label": v, "value": k} for k, v in GRAIN_LABELS.items()],
                            value="month",
                            inline=True,
                            className="small pt-1",
                        ),
                        "auto",
                    ),
                    labelled(
                        "Pembanding",
                        _select(ids.COMPARISON, {k: v[0] for k, v in COMPARISONS.items()}, "year"),
                        3,
                    ),
                    labelled(
                        "Kantor",
                        dbc.Select(id=ids.OFFICE, options=[], size="sm"),
                        2,
                        id=ids.OFFICE_FIELD,
                        style={"display": "none"},
                    ),
                ],
                className="g-2 align-items-end",
            ),
            className="py-2",
        ),
        className="mb-2 trends-controls d-print-none",
    )


MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def report_controls(this_year: int) -> dbc.Card:
    """The work report (SOP step 11) of a year or a month as a download (DOCX, XLSX, PDF)."""
    years = {str(year): str(year) for year in range(this_year, this_year - REPORT_YEARS, -1)}
    months = {WHOLE_YEAR: "Setahun penuh", **{str(n): name for n, name in enumerate(MONTHS, 1)}}
    return dbc.Card(
        dbc.CardBody(
            dbc.Row(
                [
                    dbc.Col(html.Span("Laporan kerja", className="fw-semibold"), width="auto"),
                    dbc.Col(_select(ids.REPORT_YEAR, years, str(this_year)), width="auto"),
                    dbc.Col(_select(ids.REPORT_MONTH, months, WHOLE_YEAR), width="auto"),
                    dbc.Col(
                        html.A(
                            [html.I(className="bi bi-file-earmark-word me-1"), "Unduh laporan"],
                            id=ids.REPORT_LINK,
                            href=report_href(str(this_year), WHOLE_YEAR, None),
                            className="btn btn-sm btn-outline-primary",
                            title="DOCX, XLSX dan PDF dalam satu berkas ZIP",
                        ),
                        width="auto",
                    ),
                    dbc.Col(
                        html.Span(
                            "DOCX, XLSX dan PDF (ZIP); menyusun laporan tahunan butuh beberapa "
                            "detik.",
                            className="small text-muted",
                        ),
                        width="auto",
                    ),
                ],
                className="g-2 align-items-center",
            ),
            className="py-2",
        ),
        className="mb-2 trends-report d-print-none",
    )


def _kpi(label: str, value: str, detail: str = "") -> dbc.Col:
    return dbc.Col(
        dbc.Card(
            dbc.CardBody(
                [
                    html.Div(label, className="small text-muted"),
                    html.Div(value, className="fs-4 fw-semibold lh-sm"),
                    html.Div(detail, className="small text-muted"),
                ],
                className="py-2 px-3",
            ),
            className="h-100",
        ),
        xs=6,
        md=4,
        xl=2,
        className="mb-2",
    )


def headline(view: TrendsView) -> dbc.Row:
    """The period's figures at a glance (the same numbers ``/api/v1/stats`` answers)."""
    stats = view.stats
    total, steps, money = stats.visitors.total, stats.steps, stats.revenue
    before = view.comparison_total.visitors
    return dbc.Row(
        [
            _kpi(
                "Pengunjung",
                format_number(total.visitors),
                f"pembanding {format_number(before)}; ditolak {format_number(total.refused)}",
            ),
            _kpi(
                "Langkah dalam target",
                percent(steps.compliance),
                f"{format_number(steps.meeting)} dari {format_number(steps.with_target)}",
            ),
            _kpi(
                "Median waktu layanan",
                minutes(stats.service.visits.median_minutes),
                f"batas SOP {stats.service.limit_minutes} menit",
            ),
            _kpi(
                "Kunjungan dirujuk",
                percent(stats.referrals.visit_rate),
                f"per permintaan {percent(stats.referrals.request_rate)}",
            ),
            _kpi(
                "PNBP",
                format_rupiah(money.total.revenue),
                f"{format_number(money.total.receipts)} kuitansi",
            ),
            _kpi("Belum disetor", format_rupiah(money.undeposited_at_end), "pada akhir periode"),
        ],
        className="g-2",
    )


def period_text(view: TrendsView) -> str:
    query = view.query
    compared = query.comparison_period
    return (
        f"{format_day(query.period.first_day)} – {format_day(query.period.last_day)} · "
        f"{GRAIN_LABELS[query.grain].lower()} · dibanding "
        f"{format_day(compared.first_day)} – {format_day(compared.last_day)}"
    )


def notice(view: TrendsView | None, message: str = "") -> Component | None:
    if view is None:
        return dbc.Alert(message, color="danger", className="py-2")
    if view.empty:
        return dbc.Alert(
            [
                html.I(className="bi bi-info-circle me-2"),
                "Tidak ada kunjungan maupun penjualan pada periode ini.",
            ],
            color="info",
            className="py-2",
            id="trends-empty",
        )
    return None


def office_options(offices: list[tuple[str, str]]) -> list[dict[str, str]]:
    """'Semua kantor' then each office (code, name)."""
    return [{"label": "Semua kantor", "value": "all"}] + [
        {"label": f"{code} {name}", "value": code} for code, name in offices
    ]


def trends_page() -> html.Div:
    return html.Div(
        [
            dcc.Store(id=ids.LOADED, data=True),
            dcc.Download(id=ids.DOWNLOAD),
            page_heading(
                "Tren layanan",
                html.Span(id=ids.PERIOD_TEXT, className="text-muted small"),
            ),
            _controls(),
            report_controls(local_date(utc_now()).year),
            html.Div(id=ids.NOTICE),
            dcc.Loading(html.Div(id=ids.HEADLINE, className="mb-2"), type="dot", delay_show=300),
            *(_section(title, keys) for title, keys in SECTIONS),
        ],
        id=ids.PAGE,
        className="trends-page",
    )
