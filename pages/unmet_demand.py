"""Permintaan tidak terpenuhi: what visitors asked for and did not get (referred to another
agency), grouped by topic with counts over a period, so the office knows what to collect or
publish."""

from __future__ import annotations

import dash
from dash.development.base_component import Component

from dashboard.library.unmet_demand_layout import unmet_demand_page
from dashboard.paths import UNMET_DEMAND_PATH
from dashboard.roles import DESK_READERS
from dashboard.ui.access import for_roles

ROLES = sorted(DESK_READERS)

dash.register_page(
    __name__,
    path=UNMET_DEMAND_PATH,
    name="Permintaan tidak terpenuhi",
    title="Permintaan tidak terpenuhi · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="Perpustakaan",
    icon="bi-question-diamond",
    order=5,
    roles=ROLES,
)


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, unmet_demand_page)
