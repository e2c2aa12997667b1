"""Tren layanan: the head's trends over months and years (visitors, step times against the
SOP's targets, referrals, PNBP), each chart with its reading and its data to download."""

from __future__ import annotations

import dash
from dash.development.base_component import Component

from dashboard.paths import TRENDS_PATH
from dashboard.roles import STATS_READERS
from dashboard.trends.trends_layout import trends_page
from dashboard.ui.access import for_roles

ROLES = sorted(STATS_READERS)

dash.register_page(
    __name__,
    path=TRENDS_PATH,
    name="Tren layanan",
    title="Tren layanan · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    icon="bi-graph-up",
    order=8,
    roles=ROLES,
)


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, trends_page)
