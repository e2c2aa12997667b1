"""Queries about visits at the desk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session, selectinload

from db import rollups
from db.models import (
    VISIT_IN_PROGRESS,
    DataRequest,
    DataRequestPublication,
    SopStep,
    Visit,
    Visitor,
    VisitStep,
)
from db.queries.sop_targets import in_force_on


@dataclass(frozen=True)
class ActiveVisitRow:
    """A visit now in the building and the step it is in."""

    visit_id: int
    code: str
    visitor_name: str | None
    arrived_at: datetime
    outside_service_hours: bool
    rack_slot: int | None
    reading_table: int | None
    step_number: int
    queued_at: datetime
    started_at: datetime | None


def count_visits_on(session: Session, office_id: int, visit_date: date) -> int:
    """Visits recorded live at the desk that day (imported ones have codes of their own)."""
    counted = select(func.count(Visit.id)).where(
        Visit.office_id == office_id,
        Visit.visit_date == visit_date,
        Visit.imported.is_(False),
    )
    return session.scalar(counted) or 0


def visit_by_client_key(session: Session, client_key: str) -> Visit | None:
    return session.scalar(select(Visit).where(Visit.client_key == client_key))


def lock_visit(session: Session, visit_id: int) -> Visit | None:
    """Load a visit for changing it, locking its row (PostgreSQL) so that two officers
    acting on one visit at once are served one after the other."""
    return session.get(Visit, visit_id, with_for_update=True, populate_existing=True)


def open_step(session: Session, visit_id: int) -> VisitStep | None:
    return session.scalar(
        select(VisitStep).where(VisitStep.visit_id == visit_id, VisitStep.ended_at.is_(None))
    )


def visit_step(session: Session, visit_id: int, step_number: int) -> VisitStep | None:
    return session.scalar(
        select(VisitStep).where(
            VisitStep.visit_id == visit_id, VisitStep.step_number == step_number
        )
    )


def taken_rack_slots(session: Session, office_id: int) -> list[int]:
    return _taken_numbers(session, office_id, Visit.rack_slot)


def taken_reading_tables(session: Session, office_id: int) -> list[int]:
    return _taken_numbers(session, office_id, Visit.reading_table)


def _taken_numbers(session: Session, office_id: int, column) -> list[int]:  # type: ignore[no-untyped-def]
    rows = session.scalars(
        select(column).where(
            Visit.office_id == office_id,
            Visit.status == VISIT_IN_PROGRESS,
            column.is_not(None),
        )
    )
    return sorted(rows)


def active_visit_rows(session: Session, office_id: int) -> list[ActiveVisitRow]:
    statement = (
        select(
            Visit.id,
            Visit.code,
            Visitor.name,
            Visit.arrived_at,
            Visit.outside_service_hours,
            Visit.rack_slot,
            Visit.reading_table,
            VisitStep.step_number,
            VisitStep.queued_at,
            VisitStep.started_at,
        )
        .join(VisitStep, and_(VisitStep.visit_id == Visit.id, VisitStep.ended_at.is_(None)))
        .outerjoin(Visitor, Visitor.id == Visit.visitor_id)
        .where(Visit.office_id == office_id, Visit.status == VISIT_IN_PROGRESS)
        .order_by(Visit.arrived_at, Visit.id)
    )
    return [ActiveVisitRow(*row) for row in session.execute(statement)]


def step_targets_in_force(session: Session, on_day: date) -> dict[int, int | None]:
    """Each step's target (minutes) in the newest SOP version effective on ``on_day``."""
    rows = session.execute(
        select(SopStep.number, SopStep.target_minutes).where(in_force_on(on_day))
    )
    return {number: target for number, target in rows}


def visit_with_details(session: Session, visit_id: int) -> Visit | None:
    return session.scalar(
        select(Visit)
        .where(Visit.id == visit_id)
        .options(
            selectinload(Visit.steps),
            selectinload(Visit.requests),
            selectinload(Visit.visitor),
        )
    )


def find_visitor_by_contact(
    session: Session, office_id: int, phone: str | None, email: str | None
) -> Visitor | None:
    """A returning visitor: the most recently updated one with this phone or email."""
    matches = []
    if phone:
        matches.append(Visitor.phone == phone)
    if email:
        matches.append(Visitor.email == email)
    if not matches:
        return None
    return session.scalar(
        select(Visitor)
        .where(Visitor.office_id == office_id, or_(*matches))
        .order_by(Visitor.updated_at.desc(), Visitor.id.desc())
        .limit(1)
    )


def requests_of_visit(session: Session, visit_id: int) -> list[DataRequest]:
    return list(
        session.scalars(
            select(DataRequest)
            .where(DataRequest.visit_id == visit_id)
            .order_by(DataRequest.position)
        )
    )


def steps_of_visit(session: Session, visit_id: int) -> list[VisitStep]:
    """The visit's steps in the order they happened."""
    return list(
        session.scalars(
            select(VisitStep).where(VisitStep.visit_id == visit_id).order_by(VisitStep.id)
        )
    )


def request_publication_linked(session: Session, request_id: int, publication_id: int) -> bool:
    """Whether the publication is linked to (answers) the data request."""
    return (
        session.scalar(
            select(DataRequestPublication.publication_id).where(
                DataRequestPublication.data_request_id == request_id,
                DataRequestPublication.publication_id == publication_id,
            )
        )
        is not None
    )


def request_has_publications(session: Session, request_id: int) -> bool:
    """Whether any publication is still linked to the data request."""
    return (
        session.scalar(
            select(DataRequestPublication.publication_id)
            .where(DataRequestPublication.data_request_id == request_id)
            .limit(1)
        )
        is not None
    )


def unlink_request_publications(session: Session, request_id: int) -> None:
    """Remove every publication link of the data request."""
    rollups.note_request(session, request_id)
    session.execute(
        delete(DataRequestPublication).where(DataRequestPublication.data_request_id == request_id)
    )


def unlink_request_publication(session: Session, request_id: int, publication_id: int) -> None:
    """Remove one publication's link to the data request."""
    rollups.note_request(session, request_id)
    session.execute(
        delete(DataRequestPublication).where(
            DataRequestPublication.data_request_id == request_id,
            DataRequestPublication.publication_id == publication_id,
        )
    )
