"""The one Dash app of a process, built by ``create_app(settings)``."""

from __future__ import annotations

import dash_bootstrap_components as dbc  # noqa: F401  (registers the component suite)
from dash import Dash
from flask import Flask

from dashboard.config import PROJECT_ROOT, Settings, settings_from_env
from dashboard.setup.database import prepare_database
from dashboard.ui.shell import shell_layout
from dashboard.web.auth import install_auth
from dashboard.web.callback_registry import register_callbacks
from dashboard.web.context import AppState, attach_state
from dashboard.web.live_routes import install_live_routes
from dashboard.web.monitor_session import install_monitor_sessions
from dashboard.web.receipt_route import install_receipt_route
from dashboard.web.report_route import install_report_route
from dashboard.web.security import install_security
from dashboard.web.stats_routes import install_stats_routes
from db.session import Database


def create_app(settings: Settings | None = None) -> Dash:
    settings = settings or settings_from_env()
    if not settings.secret_key:
        raise ValueError("settings.secret_key is empty: set PST_SECRET_KEY")
    database = Database(settings.database_url)
    office = prepare_database(database, settings.office_code)

    server = Flask("pst_dashboard")
    server.config["SECRET_KEY"] = settings.secret_key
    attach_state(server, AppState(settings=settings, database=database, office_id=office.id))
    install_auth(server, settings.session_hours, settings.secure_cookies)
    install_receipt_route(server)
    install_report_route(server)
    install_live_routes(server)
    install_stats_routes(server)
    install_monitor_sessions(server, settings.monitor_session_days)

    app = Dash(
        __name__,
        server=server,
        use_pages=True,
        pages_folder=str(PROJECT_ROOT / "pages"),
        assets_folder=str(PROJECT_ROOT / "assets"),
        title="PST BPS Kabupaten Muara Enim",
        update_title=None,
        suppress_callback_exceptions=True,
        serve_locally=True,
    )
    app.layout = shell_layout
    register_callbacks(app)
    install_security(app, settings.max_request_bytes)
    return app
