"""Surat rujukan: the printable referral slip of one visit, opened in a new tab from the
Layanan page as /rujukan/<visit_id> once a request was referred to another agency."""

from __future__ import annotations

import dash
from dash.development.base_component import Component

from dashboard.library.referral_slip_layout import slip_page
from dashboard.paths import SLIP_PATH_TEMPLATE, parse_id
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


def layout(visit_id: str | None = None, **_query: str) -> Component:
    return for_roles(DESK_READERS, lambda: slip_page(parse_id(visit_id), visit_id))
