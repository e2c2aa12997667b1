"""Readable moments for tests, and the app's clock set to a known moment."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from dashboard.clock import WIB, Clock, set_clock, utc_now


def at(text: str) -> datetime:
    """A UTC moment from 'YYYY-MM-DD HH:MM' given in WIB (UTC+7), for readable tests."""
    return datetime.fromisoformat(text).replace(tzinfo=WIB).astimezone(UTC)


WORKING_MORNING = at("2026-12-07 10:00")
"""A Monday (no holiday) inside service hours: the wall screen shows that day itself, as at
the desk, whatever the hour and the day a test runs at."""


def running_from(start: datetime) -> Clock:
    """A clock that reads ``start`` now and runs on at the machine's pace (not the machine's
    time of day), so moments taken one after another still follow each other."""
    began = time.monotonic()
    return lambda: start + timedelta(seconds=time.monotonic() - began)


@contextmanager
def app_clock_from(start: datetime) -> Iterator[None]:
    """While open, the app's ``utc_now`` (and every test's that reads it) runs from ``start``."""
    previous = set_clock(running_from(start))
    try:
        yield
    finally:
        set_clock(previous)


def browser_clock_from_app_now(context) -> None:  # type: ignore[no-untyped-def]
    """Start a Playwright browser context's clock at the app's now, running on from there:
    the wall screen compares the day it is sent with its own clock (the summary look)."""
    context.clock.install(time=utc_now())
