"""Kedatangan: SOP steps 1-3 at the door (screening, bag rack, guest book), one visitor at a
time on a wizard, with the list of visits still at the door beside it."""

from __future__ import annotations

from uuid import uuid4

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.paths import ARRIVAL_PATH, parse_id
from dashboard.roles import DESK_READERS
from dashboard.ui.access import for_roles
from dashboard.ui.buttons import icon_label
from dashboard.visits import arrival_ids as ids

ROLES = sorted(DESK_READERS)
"""Who sees the page; recording needs ``VISIT_WRITERS`` (checked again on the server)."""
FIRST_REFRESH_MS = 5_000
"""Only until the first redraw of the list, which sets it from ``settings.refresh_seconds``."""

dash.register_page(
    __name__,
    path=ARRIVAL_PATH,
    name="Kedatangan",
    title="Kedatangan · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    icon="bi-door-open",
    order=2,
    roles=ROLES,
)


def _header() -> html.Div:
    return html.Div(
        [
            html.H1("Kedatangan", className="mb-0"),
            html.Div(
                "Langkah 1-3 SOP: skrining masker & suhu, titip tas, buku tamu.",
                className="text-muted",
            ),
        ],
        className="mb-3",
    )


def _pending_card() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(icon_label("hourglass-split", "Belum selesai langkah 1-3")),
            dbc.CardBody(
                html.P("Memuat…", className="text-muted mb-0"),
                id=ids.PENDING_LIST,
                className="p-0",
            ),
        ]
    )


def _build(requested_visit: int | None) -> html.Div:
    return html.Div(
        [
            # The client key and the visit on the wizard live in the tab's session storage,
            # so a reload continues where the officer was (a stored key wins over this one).
            dcc.Store(id=ids.CLIENT_KEY, storage_type="session", data=str(uuid4())),
            dcc.Store(id=ids.VISIT, storage_type="session"),
            dcc.Store(id=ids.REQUESTED_VISIT, data=requested_visit),
            dcc.Store(id=ids.RETURNING_MATCH),
            dcc.Interval(id=ids.PENDING_INTERVAL, interval=FIRST_REFRESH_MS),
            _header(),
            html.Div(
                id=ids.STEPPER,
                className="d-flex flex-wrap align-items-center gap-3 px-3 py-2 mb-3 "
                "bg-white border rounded",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.Div(id=ids.VISIT_BANNER),
                            html.Div(html.P("Memuat…", className="text-muted"), id=ids.STAGE),
                        ],
                        lg=8,
                        className="mb-3",
                    ),
                    dbc.Col(_pending_card(), lg=4),
                ]
            ),
        ],
        id=ids.PAGE,
    )


def layout(kunjungan: str | None = None, **_kwargs: object) -> Component:
    """``?kunjungan=<id>`` opens that visit on the wizard (e.g. from *Layanan berjalan*)."""
    requested = parse_id(kunjungan)
    return for_roles(ROLES, lambda: _build(requested))
