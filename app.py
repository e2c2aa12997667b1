"""Entry point: ``python app.py`` serves the PST Dashboard; ``server`` is the WSGI app
(``gunicorn app:server``)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from functools import cache
from typing import Any

from dash import Dash

from dashboard import create_app
from dashboard.config import settings_from_env
from dashboard.context import app_state
from dashboard.services.staff import has_admin


@cache
def application() -> Dash:
    return create_app(settings_from_env())


def __getattr__(name: str) -> Any:
    """``app.server`` is built on first use, so importing this module has no side effects."""
    if name == "server":
        return application().server
    raise AttributeError(name)


def _first_start_hint(app: Dash) -> str | None:
    with app.server.app_context(), app_state().database.reading() as session:
        if has_admin(session):
            return None
    return (
        "Belum ada administrator. Buat satu di terminal lain:\n"
        '  python -m dashboard user add admin --role admin --name "Nama Anda"'
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the PST Dashboard")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8050, help="port to listen on")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode (development)")
    args = parser.parse_args(argv)
    app = application()
    with app.server.app_context():
        print(f"Basis data: {app_state().database.engine.url.render_as_string()}")
    if hint := _first_start_hint(app):
        print(hint)
    print(f"PST Dashboard: http://{args.host}:{args.port}/")
    app.run(host=args.host, port=args.port, debug=args.debug)


if __name__ == "__main__":
    main()
