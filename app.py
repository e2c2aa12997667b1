"""Entry point: ``python app.py [--demo] [--host H] [--port P] [--debug]`` serves the PST
Dashboard (``dashboard.cli.serve``); ``server`` is the WSGI app (``gunicorn app:server``)."""

from __future__ import annotations

from typing import Any

from dashboard.cli import application, serve


def __getattr__(name: str) -> Any:
    """``app.server`` is built on first use, so importing this module has no side effects."""
    if name == "server":
        return application().server
    raise AttributeError(name)


if __name__ == "__main__":
    serve()
