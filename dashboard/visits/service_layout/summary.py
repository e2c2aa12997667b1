"""What became of the visit's data requests (from step 7 on), with the referral slip's link."""

from __future__ import annotations

from collections.abc import Sequence

from dash import html
from dash.development.base_component import Component

from dashboard.paths import slip_path
from dashboard.ui.buttons import icon_label
from dashboard.visits import service_ids as ids
from dashboard.visits.desk_search import picked_line
from dashboard.visits.service_page import RequestView


def _decision_text(request: RequestView) -> Component:
    if request.available is True:
        if request.publications:
            titles = "; ".join(picked_line(publication) for publication in request.publications)
            return html.Span(
                [html.Span("tersedia", className="text-success fw-semibold"), f": {titles}"]
            )
        return html.Span("tersedia", className="text-success fw-semibold")
    if request.available is False:
        return html.Span(
            f"dirujuk ke {request.referred_agency}", className="text-danger fw-semibold"
        )
    return html.Span("belum diputuskan", className="text-muted")


def _slip_link(requests: Sequence[RequestView], visit_id: int | None) -> Component:
    """'Cetak surat rujukan' (a new tab) once a request was referred to another agency."""
    if visit_id is None or not any(request.available is False for request in requests):
        return html.Span()
    return html.A(
        icon_label("printer", "Cetak surat rujukan"),
        href=slip_path(visit_id),
        target="_blank",
        rel="noopener",
        id=ids.SLIP_LINK,
        className="btn btn-outline-primary btn-sm mt-2",
    )


def request_summary(requests: Sequence[RequestView], visit_id: int | None = None) -> Component:
    """The visit's data requests and what became of each (from step 7 on), with the link to
    the referral slip when a request was referred."""
    if not requests:
        return html.Div(id=ids.REQUEST_SUMMARY)
    return html.Div(
        [
            html.Div("Permintaan data", className="fw-semibold mt-3"),
            html.Ul(
                [
                    html.Li(
                        [
                            request.description,
                            " — ",
                            _decision_text(request),
                            html.Span(f" ({request.answer_note})", className="text-muted")
                            if request.answer_note
                            else "",
                        ]
                    )
                    for request in requests
                ],
                className="mb-0",
            ),
            _slip_link(requests, visit_id),
        ],
        id=ids.REQUEST_SUMMARY,
    )
