"""Rows of the in-progress board (Layanan berjalan), built by hand: one active visit at a
step, and the step targets of the SOP the tests assume."""

from __future__ import annotations

from datetime import datetime, timedelta

from dashboard import sop
from db.queries.visits import ActiveVisitRow
from tests.helpers.clock import at

NOW = at("2026-11-26 10:00")


TARGETS: dict[int, int | None] = {
    sop.SCREENING: None,
    sop.BAG_RACK: 3,
    sop.GUEST_BOOK: 5,
    sop.PURPOSE: 5,
    sop.SEARCH: 5,
    sop.AVAILABILITY: None,
    sop.READING_TABLE: 1,
    sop.PURCHASE_OFFER: 10,
    sop.BAG_RETURN: 3,
}


def active(
    visit_id: int = 1,
    step: int = sop.SEARCH,
    *,
    queued: datetime | None = None,
    started: datetime | None = None,
    waiting: bool = False,
    name: str | None = "Siti Aminah",
    arrived: datetime | None = None,
    outside: bool = False,
    rack: int | None = 4,
    table: int | None = None,
) -> ActiveVisitRow:
    queued_at = queued or NOW - timedelta(minutes=2)
    return ActiveVisitRow(
        visit_id=visit_id,
        code=f"A-{visit_id:03d}",
        visitor_name=name,
        arrived_at=arrived or at("2026-11-26 09:40"),
        outside_service_hours=outside,
        rack_slot=rack,
        reading_table=table,
        step_number=step,
        queued_at=queued_at,
        started_at=None if waiting else (started or queued_at),
    )
