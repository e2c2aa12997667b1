"""The wall screen's poll (``/api/v1/monitor/poll``) from a test client, and the SQL
statements a block runs (to show what a poll costs)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import Engine, event

POLL = "/api/v1/monitor/poll"


def poll(client: FlaskClient, since: int | None = None, day: str | None = None) -> dict:
    """The poll's answer (it must be a 200, never cached)."""
    query = {key: value for key, value in {"since": since, "day": day}.items() if value is not None}
    response = client.get(POLL, query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    return response.get_json()


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every SQL statement any engine runs inside the block."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)
