"""The officer's desk for tests: one officer acting through the visit services, with a
clock that moves on one minute per action, and a walk through the SOP to any step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.audit import Actor
from dashboard.visits import services as visits
from dashboard.visits.guest_book import GuestBookEntry, validate_guest_book
from db.models import AuditEvent, DataRequest, StepTimeCorrection, Visit, Visitor, VisitStep
from db.queries import visits as queries
from tests.helpers.clock import at
from tests.helpers.database import PreparedDatabase, assert_refused, snapshot_tables

T = TypeVar("T")

THRESHOLD = Decimal("37.5")
RACK_SLOTS = 30
READING_TABLES = 8
SERVICE_TYPES = ["perpustakaan", "konsultasi"]
T0 = at("2026-11-26 09:00")  # a Thursday, inside service hours


def guest(**changes: Any) -> GuestBookEntry:
    values: dict[str, Any] = {
        "name": "Siti Aminah",
        "gender": "P",
        "birth_year": "1999",
        "education": "s1",
        "occupation": "pelajar",
        "institution": "Universitas Sriwijaya",
        "institution_type": "pendidikan",
        "phone": "0812 3456 7890",
        "email": None,
        "current_year": 2026,
    }
    values.update(changes)
    return validate_guest_book(**values)


@dataclass
class Desk:
    """One officer at the desk, with a clock that moves on one minute per action."""

    db: PreparedDatabase
    officer: int
    now: datetime = T0
    slots: dict[int, int] = field(default_factory=dict)

    def actor(self) -> Actor:
        return Actor(self.officer, self.db.office_id, self.now)

    def do(self, action: Callable[[Session, Actor], T], minutes_later: float = 1) -> T:
        self.now += timedelta(minutes=minutes_later)
        with self.db.database.transaction() as session:
            return action(session, self.actor())

    def new_visit(self, client_key: str | None = None) -> int:
        return self.do(lambda s, a: visits.start_visit(s, a, client_key)).id

    def code(self, visit_id: int) -> str:
        with self.db.database.reading() as session:
            visit = session.get(Visit, visit_id)
            assert visit is not None
            return visit.code

    def walk(
        self,
        visit_id: int,
        until: int | None,
        *,
        slot: int = 1,
        table: int = 1,
        available: bool = True,
        start_waiting: bool = True,
    ) -> None:
        """Take the visit through the SOP until ``until`` is its open step (started, if it is
        a waiting step and ``start_waiting``); ``None`` walks it to the end."""
        while True:
            step = self.open_step(visit_id)
            if step is None:
                return
            number, started = step
            if number == until and (started or not start_waiting):
                return
            if not started:
                self.do(lambda s, a, n=number: visits.start_waiting_step(s, a, visit_id, n))
                continue
            if number == until:
                return
            self.do(self._action(visit_id, number, slot, table, available))

    def _action(
        self, visit_id: int, number: int, slot: int, table: int, available: bool
    ) -> Callable[[Session, Actor], Any]:
        if number == sop.SCREENING:
            return lambda s, a: visits.record_screening(s, a, visit_id, True, "36,5", THRESHOLD)
        if number == sop.BAG_RACK:
            return lambda s, a: visits.place_bag(s, a, visit_id, slot, RACK_SLOTS)
        if number == sop.GUEST_BOOK:
            return lambda s, a: visits.record_guest_book(s, a, visit_id, guest())
        if number == sop.PURPOSE:
            return lambda s, a: visits.record_purpose(
                s, a, visit_id, "perpustakaan", ["PDRB 2025", "Jumlah penduduk"], SERVICE_TYPES
            )
        if number == sop.SEARCH:
            return lambda s, a: visits.finish_search(s, a, visit_id, None)
        if number == sop.AVAILABILITY:
            return lambda s, a: visits.record_availability(
                s, a, visit_id, decide_all(s, visit_id, available)
            )
        if number == sop.READING_TABLE:
            return lambda s, a: visits.seat_at_reading_table(s, a, visit_id, table, READING_TABLES)
        if number == sop.PURCHASE_OFFER:
            return lambda s, a: visits.record_purchase_offer(s, a, visit_id, False)
        if number == sop.BAG_RETURN:
            tag = self.code(visit_id)  # read before the writing transaction begins
            return lambda s, a: visits.return_bag(s, a, visit_id, tag)
        raise AssertionError(f"no action for step {number}")

    def open_step(self, visit_id: int) -> tuple[int, bool] | None:
        with self.db.database.reading() as session:
            step = queries.open_step(session, visit_id)
            return None if step is None else (step.step_number, step.started_at is not None)

    def visit(self, visit_id: int) -> Visit:
        with self.db.database.reading() as session:
            visit = queries.visit_with_details(session, visit_id)
            assert visit is not None
            return visit


def decide_all(session: Session, visit_id: int, available: bool) -> list[visits.RequestDecision]:
    return [
        visits.RequestDecision(request.id, available, None if available else "Dinas Kesehatan")
        for request in queries.requests_of_visit(session, visit_id)
    ]


VISIT_MODELS = (Visitor, Visit, VisitStep, DataRequest, StepTimeCorrection, AuditEvent)
"""The tables a visit's steps write: a refused action must leave them all as they were."""


def snapshot(db: PreparedDatabase) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table a visit writes, to prove a refused action changed nothing."""
    return snapshot_tables(db, VISIT_MODELS)


def refused(
    desk: Desk, action: Callable[[Session, Actor], Any], field_key: str, fragment: str
) -> dict[str, str]:
    """Run ``action``; it must raise InputError on ``field_key`` with an Indonesian message
    containing ``fragment``, and leave every table of a visit as it was."""
    return assert_refused(desk, action, field_key, fragment, VISIT_MODELS)
