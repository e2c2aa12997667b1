"""Profil kantor: the office's name and city (the heading of receipts and referral slips) and
the contact line under it: address, telephone, e-mail. The administrator keeps it."""

from __future__ import annotations

import dash
from dash.development.base_component import Component

from dashboard.office.profile_layout import office_profile_page
from dashboard.paths import OFFICE_PROFILE_PATH
from dashboard.roles import OFFICE_EDITORS
from dashboard.ui.access import for_roles

ROLES = sorted(OFFICE_EDITORS)

dash.register_page(
    __name__,
    path=OFFICE_PROFILE_PATH,
    name="Profil kantor",
    title="Profil kantor · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="Admin",
    icon="bi-building",
    order=40,
    roles=ROLES,
)


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, office_profile_page)
