"""The health check's query."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def ping(session: Session) -> None:
    """Run a trivial statement; raises when the database cannot be reached."""
    session.execute(text("SELECT 1"))
