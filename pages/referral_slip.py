"""Surat rujukan: the printable referral slip of one visit, opened in a new tab from the
Layanan page as /rujukan/<visit_id> once a request was referred to another agency."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.library import referral_slip_ids as ids
from dashboard.paths import SLIP_PATH_TEMPLATE, parse_id, service_path
from dashboard.roles import DESK_READERS
from dashboard.ui.access import for_roles

dash.register_page(
    __name__,
    path_template=SLIP_PATH_TEMPLATE,
    name="Surat rujukan",
    title="Surat rujukan · PST BPS Kabupaten Muara Enim",
    in_nav=False,
    icon="bi-printer",
    order=90,
    roles=sorted(DESK_READERS),
)


def _toolbar(visit_id: int | None) -> html.Div:
    back = (
        dcc.Link(
            [html.I(className="bi bi-arrow-left me-1"), "Halaman layanan kunjungan"],
            href=service_path(visit_id),
            id=ids.BACK_LINK,
            className="me-auto",
        )
        if visit_id is not None
        else html.Span(className="me-auto")
    )
    return html.Div(
        [
            back,
            html.Span(
                "Kertas A5 atau A4; bagian ini tidak ikut tercetak.",
                className="text-muted small me-3",
            ),
            dbc.Button(
                [html.I(className="bi bi-printer me-2"), "Cetak"],
                id=ids.PRINT,
                color="primary",
                disabled=visit_id is None,
            ),
        ],
        id=ids.TOOLBAR,
        className="d-flex align-items-center mb-3 pst-no-print pst-slip-toolbar",
    )


def _build(visit_id: int | None, raw: object) -> html.Div:
    return html.Div(
        [
            dcc.Store(id=ids.VISIT_ID, data=visit_id if visit_id is not None else str(raw)),
            dcc.Store(id=ids.PRINTED),
            _toolbar(visit_id),
            html.Div(
                html.Div("Memuat surat rujukan…", className="text-muted pst-no-print"),
                id=ids.BODY,
            ),
        ],
        id=ids.PAGE,
    )


def layout(visit_id: str | None = None, **_query: str) -> Component:
    return for_roles(DESK_READERS, lambda: _build(parse_id(visit_id), visit_id))
