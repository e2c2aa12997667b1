"""The benchmarks' officer at the desk: visits walked through the whole SOP by the page
services, as a real day goes, and the rows of those visits removed again afterwards.

A real desk finishes the visits it starts: a few visitors are in the room at once, each
leaves with their bag. So the officer here admits a new visitor only while fewer than
``in_room`` visits are in progress, and otherwise takes the visit that has waited longest one
step on (screening, bag, guest book, purpose, search, availability, reading table, purchase
offer, bag returned; a waiting step is first started). Each save is its own transaction, as at
the desk; every save bumps the office's marker, so the screens see a change for each one.

The visits belong to the benchmark's officer account (``created_by_id``): ``remove_visits``
deletes every visit of that account, their steps, requests and visitors, and its audit
events, so a shared demo database keeps its contents (also after an interrupted run).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.audit import Actor
from dashboard.clock import utc_now
from dashboard.config import Settings
from dashboard.visits import services as visits
from dashboard.visits.guest_book import GuestBookEntry, validate_guest_book
from db import rollups
from db.change_marker import bump_offices
from db.models import AuditEvent, DataRequest, DataRequestPublication, Visit, Visitor, VisitStep
from db.queries import visits as queries
from db.queries.metrics import as_date
from db.session import Database

IN_ROOM = 5
"""Visits in progress at most: a busy moment at one desk."""
SERVICE_TYPE = "perpustakaan"
REQUESTS = ("PDRB Kabupaten Muara Enim 2025", "Jumlah penduduk per kecamatan")


def _guest(year: int) -> GuestBookEntry:
    """One returning visitor for every visit of the benchmark (never a demo visitor)."""
    return validate_guest_book(
        name="Pengunjung Benchmark",
        gender="L",
        birth_year="1990",
        education="s1",
        occupation="pns",
        institution="Benchmark PST",
        institution_type="pemerintah",
        phone=None,
        email="pengunjung.benchmark@contoh.id",
        current_year=year,
    )


@dataclass
class BenchDesk:
    """The officer ``user_id`` of office ``office_id``, one save per ``save()``."""

    database: Database
    user_id: int
    office_id: int
    in_room: int = IN_ROOM
    settings: Settings = field(default_factory=Settings)
    open_visits: list[int] = field(default_factory=list)
    """Visits in progress, the one that waited longest first."""
    finished: int = 0

    def save(self) -> None:
        """One save at the desk: a new visit, or the next step of the longest-waiting one."""
        if len(self.open_visits) < self.in_room:
            self.open_visits.append(self._act(lambda s, a: visits.start_visit(s, a).id))
            return
        visit_id = self.open_visits.pop(0)
        if self._step(visit_id):
            self.open_visits.append(visit_id)
        else:
            self.finished += 1

    def _act(self, action):  # type: ignore[no-untyped-def]
        with self.database.transaction() as session:
            return action(session, Actor(self.user_id, self.office_id, utc_now()))

    def _step(self, visit_id: int) -> bool:
        """The visit's next save; whether it is still in progress after it."""
        with self.database.reading() as session:
            step = queries.open_step(session, visit_id)
            opened = None if step is None else (step.step_number, step.started_at is not None)
            code = session.get(Visit, visit_id).code  # type: ignore[union-attr]
        if opened is None:
            return False
        number, started = opened
        if not started:
            self._act(lambda s, a: visits.start_waiting_step(s, a, visit_id, number))
        else:
            self._act(self._action(visit_id, number, code))
        return not (number == sop.BAG_RETURN and started)

    def _action(self, visit_id: int, number: int, code: str):  # type: ignore[no-untyped-def]
        desk = self.settings
        actions = {
            sop.SCREENING: lambda s, a: visits.record_screening(
                s, a, visit_id, True, "36,5", Decimal(desk.fever_threshold_celsius)
            ),
            sop.BAG_RACK: lambda s, a: visits.place_bag(
                s, a, visit_id, _free(queries.taken_rack_slots(s, a.office_id)), desk.rack_slots
            ),
            sop.GUEST_BOOK: lambda s, a: visits.record_guest_book(
                s, a, visit_id, _guest(a.now.year)
            ),
            sop.PURPOSE: lambda s, a: visits.record_purpose(
                s, a, visit_id, SERVICE_TYPE, list(REQUESTS), [SERVICE_TYPE]
            ),
            sop.SEARCH: lambda s, a: visits.finish_search(s, a, visit_id, None),
            sop.AVAILABILITY: lambda s, a: visits.record_availability(
                s, a, visit_id, _all_found(s, visit_id)
            ),
            sop.READING_TABLE: lambda s, a: visits.seat_at_reading_table(
                s,
                a,
                visit_id,
                _free(queries.taken_reading_tables(s, a.office_id)),
                desk.reading_tables,
            ),
            sop.PURCHASE_OFFER: lambda s, a: visits.record_purchase_offer(s, a, visit_id, False),
            sop.BAG_RETURN: lambda s, a: visits.return_bag(s, a, visit_id, code),
        }
        return actions[number]


def _free(taken: list[int]) -> int:
    """The lowest free number (a slot on the rack, a reading table)."""
    used = set(taken)
    return next(number for number in range(1, len(used) + 2) if number not in used)


def _all_found(session: Session, visit_id: int) -> list[visits.RequestDecision]:
    return [
        visits.RequestDecision(request.id, True, None)
        for request in queries.requests_of_visit(session, visit_id)
    ]


def remove_visits(database: Database, user_id: int, office_id: int) -> int:
    """Delete every visit the account ``user_id`` started (its steps, requests and their
    publications, the visitors only those visits name) and the account's audit events, in
    one transaction that bumps the office's marker (the screens drop those visits) and
    recomputes the rollups of their days (the deletes bypass the unit of work). Returns how
    many visits were deleted."""
    with database.transaction() as session:
        ids = list(session.scalars(select(Visit.id).where(Visit.created_by_id == user_id)))
        days = {
            (int(office), as_date(day))
            for office, day in session.execute(
                select(Visit.office_id, Visit.visit_date).where(Visit.id.in_(ids)).distinct()
            )
        }
        visitor_ids = set(
            session.scalars(
                select(Visit.visitor_id).where(Visit.id.in_(ids), Visit.visitor_id.is_not(None))
            )
        )
        requests = select(DataRequest.id).where(DataRequest.visit_id.in_(ids))
        session.execute(
            delete(DataRequestPublication).where(
                DataRequestPublication.data_request_id.in_(requests)
            )
        )
        session.execute(delete(DataRequest).where(DataRequest.visit_id.in_(ids)))
        session.execute(delete(VisitStep).where(VisitStep.visit_id.in_(ids)))
        session.execute(delete(Visit).where(Visit.id.in_(ids)))
        still_named = select(Visit.visitor_id).where(Visit.visitor_id.in_(visitor_ids))
        session.execute(
            delete(Visitor).where(Visitor.id.in_(visitor_ids), Visitor.id.not_in(still_named))
        )
        session.execute(delete(AuditEvent).where(AuditEvent.user_id == user_id))
        bump_offices(session, [office_id])
        rollups.refresh_days(session, {rollups.STEPS: days, rollups.VISITS: days})
        return len(ids)
