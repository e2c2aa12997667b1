"""PST Dashboard: the domain of the PST desk (rules, services, metrics, figures, reports)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dash import Dash

    from dashboard.config import Settings


def create_app(settings: Settings | None = None) -> Dash:
    """Build the app (imported lazily so the command line starts without loading Dash)."""
    from dashboard.web.app_factory import create_app as build

    return build(settings)
