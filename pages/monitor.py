"""Layar monitor: the wall screen (a TV in the PST room or the head's office), today's desk in
large figures and live charts, no visitor names. The monitor role's page (head and admin may
open it too); it updates itself from the browser (``assets/monitor/monitor.js``), with no
Dash callback and no ``dcc.Interval``."""

from __future__ import annotations

import dash
from dash.development.base_component import Component

from dashboard.monitor.monitor_layout import monitor_screen
from dashboard.paths import MONITOR_PATH
from dashboard.roles import MONITOR_VIEWERS
from dashboard.ui.access import for_roles
from dashboard.web.context import app_state
from dashboard.web.live_routes import screen_answer

ROLES = sorted(MONITOR_VIEWERS)

dash.register_page(
    __name__,
    path=MONITOR_PATH,
    name="Monitor",
    title="Monitor · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    icon="bi-tv",
    order=90,
    roles=ROLES,
)


def _build() -> Component:
    return monitor_screen(screen_answer(), app_state().settings.refresh_seconds)


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, _build)
