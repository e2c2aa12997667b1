"""Readable moments for tests."""

from __future__ import annotations

from datetime import UTC, datetime

from dashboard.clock import WIB


def at(text: str) -> datetime:
    """A UTC moment from 'YYYY-MM-DD HH:MM' given in WIB (UTC+7), for readable tests."""
    return datetime.fromisoformat(text).replace(tzinfo=WIB).astimezone(UTC)
