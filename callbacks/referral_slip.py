"""Callbacks of the referral slip: draw it from the database, and print it."""

from __future__ import annotations

from dash import Input, Output
from dash.development.base_component import Component

from callbacks.common import read
from dashboard.library import referral_slip_ids as ids
from dashboard.library.referral_slip import load_slip
from dashboard.library.referral_slip_layout import slip_body
from dashboard.paths import parse_id
from dashboard.web.callback_registry import callback, clientside_callback
from dashboard.web.context import app_state

PRINT_JS = """
function(clicks) {
    if (!clicks) { return window.dash_clientside.no_update; }
    window.print();
    return clicks;
}
"""


@callback(Output(ids.BODY, "children"), Input(ids.VISIT_ID, "data"))
def render(raw_visit_id: object) -> Component:
    visit_id = parse_id(raw_visit_id)
    office_id = app_state().office_id
    slip = (
        read(lambda session: load_slip(session, office_id, visit_id))
        if visit_id is not None
        else None
    )
    return slip_body(slip, raw_visit_id)


clientside_callback(
    PRINT_JS,
    Output(ids.PRINTED, "data"),
    Input(ids.PRINT, "n_clicks"),
    module=__name__,
    prevent_initial_call=True,
)
