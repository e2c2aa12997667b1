"""What the desk reads about the library for one visit: the publications picked for its data
requests, the agency directory offered for referrals, and the referral slip."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from db.models import (
    Agency,
    DataRequest,
    DataRequestPublication,
    Office,
    Publication,
    StaffUser,
    Visit,
    Visitor,
    VisitStep,
)


@dataclass(frozen=True)
class LinkedPublication:
    """A publication picked for a data request (step 6)."""

    request_id: int
    publication_id: int
    catalog_number: str
    title: str
    year: int
    shelf_location: str | None
    has_hardcopy: bool
    hardcopy_stock: int
    has_softcopy: bool


@dataclass(frozen=True)
class DirectoryAgency:
    """An active agency of the directory, as the referral field offers it."""

    id: int
    name: str


@dataclass(frozen=True)
class SlipVisit:
    """The heading of a referral slip."""

    visit_id: int
    office_name: str
    office_city: str
    office_address: str | None
    office_phone: str | None
    office_email: str | None
    code: str
    visit_date: date
    visitor_name: str | None
    institution: str | None
    officer_name: str | None
    officer_nip: str | None


@dataclass(frozen=True)
class SlipReferral:
    """One referred request: where to go and what to ask for."""

    request_id: int
    position: int
    description: str
    agency_name: str
    agency_id: int | None
    address: str | None
    phone: str | None
    email: str | None
    note: str | None


def publications_by_request(session: Session, visit_id: int) -> dict[int, list[LinkedPublication]]:
    """The publications picked for each request of the visit, in the order they were added
    to the catalog."""
    rows = session.execute(
        select(
            DataRequestPublication.data_request_id,
            Publication.id,
            Publication.catalog_number,
            Publication.title,
            Publication.year,
            Publication.shelf_location,
            Publication.has_hardcopy,
            Publication.hardcopy_stock,
            Publication.has_softcopy,
        )
        .join(DataRequest, DataRequest.id == DataRequestPublication.data_request_id)
        .join(Publication, Publication.id == DataRequestPublication.publication_id)
        .where(DataRequest.visit_id == visit_id)
        .order_by(DataRequest.position, Publication.id)
    )
    linked: dict[int, list[LinkedPublication]] = defaultdict(list)
    for row in rows:
        linked[row[0]].append(LinkedPublication(*row))
    return dict(linked)


def active_agencies(session: Session, office_id: int) -> list[DirectoryAgency]:
    """The office's active agencies by name: the choices of the referral field."""
    rows = session.execute(
        select(Agency.id, Agency.name)
        .where(Agency.office_id == office_id, Agency.active.is_(True))
        .order_by(Agency.name)
    )
    return [DirectoryAgency(*row) for row in rows]


def slip_visit(
    session: Session, office_id: int, visit_id: int, decision_step: int
) -> SlipVisit | None:
    """The visit a slip is printed for, with the officer who recorded the referrals (who
    ended ``decision_step``, SOP step 7); None when the office has no such visit."""
    officer = aliased(StaffUser)
    row = session.execute(
        select(
            Visit.id,
            Office.name,
            Office.city,
            Office.address,
            Office.phone,
            Office.email,
            Visit.code,
            Visit.visit_date,
            Visitor.name,
            Visitor.institution,
            officer.full_name,
            officer.nip,
        )
        .join(Office, Office.id == Visit.office_id)
        .outerjoin(Visitor, Visitor.id == Visit.visitor_id)
        .outerjoin(
            VisitStep,
            (VisitStep.visit_id == Visit.id) & (VisitStep.step_number == decision_step),
        )
        .outerjoin(officer, officer.id == VisitStep.ended_by_id)
        .where(Visit.id == visit_id, Visit.office_id == office_id)
    ).first()
    return None if row is None else SlipVisit(*row)


def slip_referrals(session: Session, visit_id: int) -> list[SlipReferral]:
    """The visit's requests referred to another agency, with the agency's contact details
    when it is one of the directory (the name is the one recorded at the referral)."""
    rows = session.execute(
        select(
            DataRequest.id,
            DataRequest.position,
            DataRequest.description,
            DataRequest.referred_agency,
            DataRequest.referred_agency_id,
            Agency.address,
            Agency.phone,
            Agency.email,
            DataRequest.answer_note,
        )
        .outerjoin(Agency, Agency.id == DataRequest.referred_agency_id)
        .where(DataRequest.visit_id == visit_id, DataRequest.available.is_(False))
        .order_by(DataRequest.position)
    )
    return [
        SlipReferral(
            request_id=row[0],
            position=row[1],
            description=row[2],
            agency_name=row[3] or "",
            agency_id=row[4],
            address=row[5],
            phone=row[6],
            email=row[7],
            note=row[8],
        )
        for row in rows
    ]
