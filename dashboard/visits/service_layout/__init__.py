"""The parts of the Layanan page drawn from a visit: the header, the panel of the current SOP
step (one module per step panel), the step history and the list of corrections.

Every function takes the plain view of ``dashboard.visits.service_page`` and returns components; the
ids come from ``dashboard.visits.service_ids`` so the callbacks and the browser tests find them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from dash import dcc, html
from dash.development.base_component import Component

from dashboard import sop
from dashboard.visits import service_ids as ids
from dashboard.visits.service_layout.availability import availability_form
from dashboard.visits.service_layout.bag_return import bag_return_form
from dashboard.visits.service_layout.header import panel_title, visit_header
from dashboard.visits.service_layout.history import corrections_table, history_table
from dashboard.visits.service_layout.purchase import awaiting_payment, purchase_form, sale_summary
from dashboard.visits.service_layout.purpose import purpose_form
from dashboard.visits.service_layout.reading_table import reading_table_form
from dashboard.visits.service_layout.search import (
    search_form,
    search_request_items,
    search_results,
)
from dashboard.visits.service_layout.states import closed_or_pending, read_only_panel, waiting_panel
from dashboard.visits.service_layout.summary import request_summary
from dashboard.visits.service_page import Panel, ServiceView
from dashboard.visits.step_history import (
    correction_lines,
    correction_step_options,
    history_rows,
    step_times_store,
)

__all__ = [
    "RenderedVisit",
    "corrections_table",
    "history_table",
    "panel_title",
    "render_visit",
    "request_summary",
    "sale_summary",
    "search_request_items",
    "search_results",
    "step_panel",
    "visit_header",
]


@dataclass(frozen=True)
class RenderedVisit:
    """Everything the page's render callback puts on the page for one visit."""

    header: Component
    panel_title: Component
    panel: Component
    history: Component
    corrections: Component
    correction_options: list[dict[str, str]]
    step_times: dict[str, dict[str, str | None]]
    marker: str


def render_visit(
    view: ServiceView,
    can_write: bool,
    now: datetime,
    *,
    can_record_payment: bool = False,
    can_download_receipt: bool = False,
) -> RenderedVisit:
    """The page for one visit. ``can_record_payment``: the treasurer, who gets a link to the
    sale form while the visitor waits to pay; ``can_download_receipt``: roles that may open
    the receipt PDF (officers see its number and status only)."""
    rows = history_rows(view.visit.steps, view.targets, view.corrected_fields)
    return RenderedVisit(
        header=visit_header(view.visit),
        panel_title=panel_title(view),
        panel=step_panel(
            view,
            can_write,
            now,
            can_record_payment=can_record_payment,
            can_download_receipt=can_download_receipt,
        ),
        history=history_table(rows),
        corrections=corrections_table(correction_lines(view.corrections)),
        correction_options=correction_step_options(view.visit.steps),
        step_times=step_times_store(view.visit.steps),
        marker=view.marker,
    )


def step_panel(
    view: ServiceView,
    can_write: bool,
    now: datetime,
    *,
    can_record_payment: bool = False,
    can_download_receipt: bool = False,
) -> Component:
    """The body of the panel for the visit's current state (one step at a time)."""
    panel = view.panel
    step = view.visit.open_step
    children: list[Component] = [
        dcc.Store(id=ids.PANEL_STEP, data=step.number if step else None),
    ]
    if panel in {Panel.DONE, Panel.REFUSED, Panel.ARRIVAL}:
        children.append(closed_or_pending(view))
    elif panel is Panel.WAITING:
        children.append(waiting_panel(view, can_write, now))
    elif panel is Panel.PAYMENT:
        children.append(awaiting_payment(view, can_write, can_record_payment, now))
    elif not can_write:
        children.append(read_only_panel(view))
    else:
        children.append(STEP_FORMS[panel](view))
    if panel in {
        Panel.READING_TABLE,
        Panel.PURCHASE,
        Panel.PAYMENT,
        Panel.BAG_RETURN,
        Panel.DONE,
    } or (panel is Panel.WAITING and step is not None and step.number != sop.PURPOSE):
        children.append(request_summary(view.visit.requests, view.visit.visit_id))
    if view.visit.sales:
        children.append(sale_summary(view.visit.sales, can_download_receipt))
    # A token per drawing: the browser waits for this exact panel before focusing its field.
    return html.Div(children, **{"data-render": f"{view.marker}@{now.isoformat()}"})


STEP_FORMS: dict[Panel, Callable[[ServiceView], Component]] = {
    Panel.PURPOSE: purpose_form,
    Panel.SEARCH: search_form,
    Panel.AVAILABILITY: availability_form,
    Panel.READING_TABLE: reading_table_form,
    Panel.PURCHASE: purchase_form,
    Panel.BAG_RETURN: bag_return_form,
}
"""The form of each step being served."""
