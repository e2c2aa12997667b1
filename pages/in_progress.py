"""Layanan berjalan: every visit now in the building, the step it is in and its timer.
The officers' home page after login; it redraws itself every ``refresh_seconds``."""

from __future__ import annotations

import dash
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.paths import HOME_PATH
from dashboard.roles import DESK_READERS
from dashboard.ui.access import for_roles
from dashboard.ui.headings import page_heading
from dashboard.visits import board_ids as ids

ROLES = sorted(DESK_READERS)
FIRST_REFRESH_MS = 5_000
"""Only until the first redraw, which sets the interval from ``settings.refresh_seconds``."""

dash.register_page(
    __name__,
    path=HOME_PATH,
    name="Layanan berjalan",
    title="Layanan berjalan · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    icon="bi-people",
    order=1,
    roles=ROLES,
)


def _count(count_id: str, label: str, color: str) -> html.Span:
    return html.Span(
        [html.Span("0", id=count_id, className="fw-bold"), f" {label}"],
        className=f"badge rounded-pill text-bg-{color} fs-6 fw-normal",
    )


def _header() -> html.Div:
    return html.Div(
        [
            page_heading(
                "Layanan berjalan",
                html.Div(id=ids.DAY, className="text-muted"),
                class_name="me-auto",
            ),
            html.Div(
                [
                    _count(ids.INSIDE_COUNT, "di dalam ruangan", "primary"),
                    _count(ids.WAITING_COUNT, "menunggu", "secondary"),
                    html.Small(id=ids.UPDATED, className="text-muted"),
                ],
                className="d-flex flex-wrap align-items-center gap-2",
            ),
        ],
        className="d-flex flex-wrap align-items-end gap-3 mb-3",
    )


def _build() -> html.Div:
    return html.Div(
        [
            dcc.Location(id=ids.REDIRECT, refresh="callback-nav"),
            dcc.Interval(id=ids.INTERVAL, interval=FIRST_REFRESH_MS),
            dcc.Store(id=ids.RELOAD),
            dcc.Store(id=ids.START_REQUEST),
            _header(),
            html.Div(id=ids.MESSAGE),
            html.Div(
                html.P("Memuat…", className="text-muted"),
                id=ids.BOARD,
                className="card p-2",
            ),
        ],
        id=ids.PAGE,
    )


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, _build)
