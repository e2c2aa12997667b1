"""Page-level access: a page shown to a role that may not use it explains why instead."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import dash_bootstrap_components as dbc
from dash.development.base_component import Component

from dashboard.ui.buttons import icon_label
from dashboard.web.context import current_role


def for_roles(roles: Iterable[str], build: Callable[[], Component]) -> Component:
    """``build()`` when the signed-in role is one of ``roles``, else a refusal notice.
    (Callbacks that write check the role again on the server.)"""
    if current_role() in set(roles):
        return build()
    return dbc.Alert(
        icon_label("lock", "Halaman ini tidak tersedia untuk peran Anda."),
        color="warning",
        id="access-denied",
    )
