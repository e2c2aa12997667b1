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
from dashboard.errors import InputError
from dashboard.office.staff import has_admin
from dashboard.web.context import app_state
from db.session import Database


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


def demo_application() -> Dash:
    """The app on the demo database (``PST_DEMO_DATABASE_URL`` or ``data/pst-demo.sqlite3``,
    never the real one), with years of demo history generated on first use."""
    from dashboard.demo.runner import (
        demo_database_url,
        ensure_demo_history,
        prepare_demo_database,
        ready_demo_users,
    )
    from dashboard.demo.users import demo_users_text

    settings = settings_from_env().with_overrides(database_url=demo_database_url())
    database = Database(settings.database_url)
    try:
        office = prepare_demo_database(database, settings.office_code)
        generated = ensure_demo_history(database, office.id, settings)
        ready_demo_users(database, office.id)
    except InputError as error:
        messages = "\n".join(f"Gagal: {message}" for message in error.errors.values())
        raise SystemExit(messages) from error
    finally:
        database.dispose()
    if generated:
        print(generated)
    print(demo_users_text())
    return create_app(settings)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the PST Dashboard")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8050, help="port to listen on")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode (development)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="serve the demo database (PST_DEMO_DATABASE_URL or data/pst-demo.sqlite3), filled "
        "with three years of generated activity on first use",
    )
    args = parser.parse_args(argv)
    app = demo_application() if args.demo else application()
    with app.server.app_context():
        print(f"Basis data: {app_state().database.engine.url.render_as_string()}")
    if not args.demo and (hint := _first_start_hint(app)):
        print(hint)
    print(f"PST Dashboard: http://{args.host}:{args.port}/")
    app.run(host=args.host, port=args.port, debug=args.debug)


if __name__ == "__main__":
    main()
