"""Direktori dinas: the other offices a visitor may be referred to when BPS does not hold the
data (SOP step 7), with the topics each holds and how to reach it. The administrator adds,
edits and (de)activates them; the other desk roles see the directory read-only."""

from __future__ import annotations

import dash
from dash.development.base_component import Component

from dashboard.library.agency_admin_layout import agency_admin_page
from dashboard.paths import AGENCY_ADMIN_PATH
from dashboard.roles import CATALOG_EDITORS, DESK_READERS
from dashboard.ui.access import for_roles
from dashboard.web.context import current_role

ROLES = sorted(DESK_READERS)

dash.register_page(
    __name__,
    path=AGENCY_ADMIN_PATH,
    name="Direktori dinas",
    title="Direktori dinas · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="Perpustakaan",
    icon="bi-bank",
    order=21,
    roles=ROLES,
)


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, lambda: agency_admin_page(current_role() in CATALOG_EDITORS))
