"""Target SOP: the administrator records a revised version of the SOP's step targets (its
document number, the day it takes effect, a target per step) and sees every version with who
recorded it. Figures always judge a visit by the target in force on its visit day."""

from __future__ import annotations

import dash
from dash.development.base_component import Component

from dashboard.office.sop_targets_layout import sop_targets_page
from dashboard.paths import SOP_TARGETS_PATH
from dashboard.roles import SOP_TARGET_EDITORS
from dashboard.ui.access import for_roles

ROLES = sorted(SOP_TARGET_EDITORS)

dash.register_page(
    __name__,
    path=SOP_TARGETS_PATH,
    name="Target SOP",
    title="Target SOP · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="Admin",
    icon="bi-stopwatch",
    order=45,
    roles=ROLES,
)


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, sop_targets_page)
