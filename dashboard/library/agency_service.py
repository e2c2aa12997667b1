"""Keeping the agency directory: add, edit, and switch agencies on or off for referrals.

Every write fills ``search_topics`` (name and topics, folded and stemmed) for the referral
suggestions' full-text index, and leaves an audit event. Names are unique per office,
whatever their case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy.orm import Session

from dashboard.audit import Actor, record_audit
from dashboard.errors import InputError
from dashboard.library.agencies import AgencyInput, join_topics, split_topics
from dashboard.office.records import (
    flush_or_taken,
    office_record,
    record_switch,
    switch_off_samples,
)
from db.models import Agency
from db.queries import agencies as queries
from db.search_text import index_text

TABLE = "agency"
_STORED_FIELDS = ("name", "topics", "address", "phone", "email", "website", "notes")


@dataclass(frozen=True)
class AgencySaveSummary:
    added: int
    skipped: int


def agency_input(agency: Agency) -> AgencyInput:
    """A stored agency as the input that would store it again (for edit forms)."""
    return AgencyInput(
        name=agency.name,
        topics=split_topics(agency.topics),
        address=agency.address,
        phone=agency.phone,
        email=agency.email,
        website=agency.website,
        notes=agency.notes,
    )


def _stored_values(data: AgencyInput) -> dict[str, Any]:
    values = asdict(data)
    values["topics"] = join_topics(data.topics)
    return values


def _apply(agency: Agency, data: AgencyInput) -> None:
    for name, value in _stored_values(data).items():
        setattr(agency, name, value)
    agency.search_topics = index_text(f"{data.name} {' '.join(data.topics)}")


def _holder(session: Session, office_id: int, name: str) -> Agency | None:
    return queries.agency_named(session, office_id, name)


def _check_name_free(
    session: Session, office_id: int, name: str, except_id: int | None = None
) -> None:
    holder = _holder(session, office_id, name)
    if holder is not None and holder.id != except_id:
        raise InputError.on("name", f"Instansi “{holder.name}” sudah ada di direktori.")


def _flush_or_taken(session: Session, name: str) -> None:
    flush_or_taken(session, "name", f"Instansi “{name}” baru saja ditambahkan.")


def _load(session: Session, actor: Actor, agency_id: int) -> Agency:
    return office_record(
        session, actor, Agency, agency_id, "Instansi tidak ditemukan di direktori."
    )


def _new_agency(actor: Actor, data: AgencyInput, is_sample: bool) -> Agency:
    agency = Agency(
        office_id=actor.office_id,
        is_sample=is_sample,
        active=True,
        created_at=actor.now,
        updated_at=actor.now,
    )
    _apply(agency, data)
    return agency


def add_agency(
    session: Session, actor: Actor, data: AgencyInput, *, is_sample: bool = False
) -> Agency:
    """Add an agency to the office's directory (active at once)."""
    _check_name_free(session, actor.office_id, data.name)
    agency = _new_agency(actor, data, is_sample)
    session.add(agency)
    _flush_or_taken(session, data.name)
    record_audit(session, actor, "agency.add", TABLE, agency.id, after=_stored_values(data))
    return agency


def update_agency(session: Session, actor: Actor, agency_id: int, data: AgencyInput) -> Agency:
    """Replace an agency's details. Referrals already made keep the name they were made
    under. An edited sample entry becomes the office's own; an edit that changes nothing is
    not recorded."""
    agency = _load(session, actor, agency_id)
    if data.name.lower() != agency.name.lower():
        _check_name_free(session, actor.office_id, data.name, agency.id)
    before = {name: getattr(agency, name) for name in _STORED_FIELDS}
    after = _stored_values(data)
    if before == after:
        return agency
    _apply(agency, data)
    agency.is_sample = False
    agency.updated_at = actor.now
    _flush_or_taken(session, data.name)
    changed = [name for name in after if before[name] != after[name]]
    record_audit(
        session,
        actor,
        "agency.update",
        TABLE,
        agency.id,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
    )
    return agency


def set_agency_active(session: Session, actor: Actor, agency_id: int, active: bool) -> Agency:
    """Offer the agency in referral suggestions again, or stop offering it (it stays on the
    requests already referred to it)."""
    agency = _load(session, actor, agency_id)
    if agency.active != active:
        agency.active = active
        agency.updated_at = actor.now
        after = {"name": agency.name, "active": active}
        actions = ("agency.activate", "agency.deactivate")
        record_switch(session, actor, TABLE, agency.id, active, actions, after)
    return agency


def deactivate_sample_agencies(session: Session, actor: Actor) -> int:
    """Stop offering every sample agency (the office replacing the starter directory with its
    own); returns how many were switched off."""

    def switch_off(agency: Agency) -> None:
        agency.active = False
        agency.updated_at = actor.now

    return switch_off_samples(
        session,
        actor,
        Agency,
        Agency.active.is_(True),
        switch_off,
        action="agency.deactivate_samples",
        table=TABLE,
    )


def add_agencies(
    session: Session, actor: Actor, rows: Sequence[AgencyInput], *, is_sample: bool = False
) -> AgencySaveSummary:
    """Add many agencies at once (the starter directory); a name already in the directory is
    skipped, not changed. One audit event records the batch."""
    existing = {name.lower() for name in queries.agency_names(session, actor.office_id)}
    added: list[Agency] = []
    for data in rows:
        if data.name.lower() in existing:
            continue
        existing.add(data.name.lower())
        added.append(_new_agency(actor, data, is_sample))
    session.add_all(added)
    session.flush()
    summary = AgencySaveSummary(added=len(added), skipped=len(rows) - len(added))
    record_audit(session, actor, "agency.add_many", TABLE, None, after=asdict(summary))
    return summary
