"""The head of the Layanan page: who the visit is (its code is the bag tag) and the title of
the current step's panel with the target in force."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard import sop
from dashboard.i18n import format_moment
from dashboard.ui.buttons import icon_label
from dashboard.visits import service_ids as ids
from dashboard.visits.service_layout.common import NO_VALUE
from dashboard.visits.service_page import STATUS_COLORS, Panel, ServiceView, VisitView


def _fact(label: str, value: Component | str, value_id: str) -> html.Div:
    return html.Div(
        [
            html.Div(label, className="text-muted small"),
            html.Div(value, id=value_id, className="fw-semibold"),
        ],
        className="me-4 mb-2 text-nowrap",
    )


def visit_header(visit: VisitView) -> Component:
    """Visit code (big: it is the bag tag), who the visitor is, and where the visit stands."""
    return dbc.Row(
        [
            dbc.Col(
                [
                    html.Div("Kode kunjungan", className="text-muted small"),
                    html.Div(
                        visit.code,
                        id=ids.CODE,
                        className="display-4 fw-bold text-primary lh-1",
                    ),
                ],
                width="auto",
                className="pe-4 border-end",
            ),
            dbc.Col(
                [
                    html.H1(
                        visit.visitor_name or "Belum mengisi buku tamu",
                        id=ids.VISITOR_NAME,
                        className="h3 mb-1" + ("" if visit.visitor_name else " text-muted"),
                    ),
                    html.Div(visit.institution or NO_VALUE, id=ids.INSTITUTION, className="mb-2"),
                    html.Div(
                        [
                            dbc.Badge(
                                visit.status_label,
                                id=ids.STATUS,
                                color=STATUS_COLORS.get(visit.status, "secondary"),
                                className="fs-6 me-2",
                            ),
                            html.Span(
                                icon_label("clock-history", "Di luar jam layanan", "me-1"),
                                id=ids.OUTSIDE_HOURS,
                                className="pst-flag-outside-hours",
                                hidden=not visit.outside_service_hours,
                            ),
                        ]
                    ),
                ],
                className="ps-4",
            ),
            dbc.Col(
                html.Div(
                    [
                        _fact("Datang", format_moment(visit.arrived_at), ids.ARRIVED_AT),
                        _fact("Rak tas", _number_or_dash(visit.rack_slot), ids.RACK_SLOT),
                        _fact(
                            "Meja baca",
                            _number_or_dash(visit.reading_table),
                            ids.READING_TABLE_SHOWN,
                        ),
                        _fact(
                            "Jenis layanan",
                            visit.service_type_label or NO_VALUE,
                            ids.SERVICE_TYPE_SHOWN,
                        ),
                    ],
                    className="d-flex flex-wrap",
                ),
                lg="auto",
                className="mt-3 mt-lg-0",
            ),
        ],
        className="align-items-center",
    )


def _number_or_dash(value: int | None) -> str:
    return NO_VALUE if value is None else str(value)


def panel_title(view: ServiceView) -> Component:
    panel = view.panel
    if panel is Panel.DONE:
        number, label = sop.DONE, sop.STEP_BY_NUMBER[sop.DONE].label
    elif panel is Panel.REFUSED:
        number, label = sop.SCREENING, "Ditolak saat skrining"
    else:
        step = view.visit.open_step
        assert step is not None
        number, label = step.number, sop.STEP_BY_NUMBER[step.number].label
    target = sop.STEP_BY_NUMBER[number].target_minutes
    target_in_force = view.targets.get(number, target)
    return html.Div(
        [
            html.Span(str(number), className="pst-step-badge"),
            html.Span(label),
            html.Span(
                f"target {target_in_force} mnt" if target_in_force else "",
                className="text-muted small fw-normal ms-2",
            ),
        ],
        className="d-flex align-items-center",
    )
