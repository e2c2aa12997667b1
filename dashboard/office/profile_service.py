"""Saving the office's profile (name, city, address, telephone, e-mail), one audited change."""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy.orm import Session

from dashboard.audit import Actor, record_audit
from dashboard.office.profile import OfficeProfile, validate_office_profile
from db.models import Office
from db.queries import offices

PROFILE_FIELDS: tuple[str, ...] = tuple(field.name for field in fields(OfficeProfile))
"""The profile's fields, in the form's order: the keys of its messages and of its inputs."""


def office_profile(office: Office) -> OfficeProfile:
    return OfficeProfile(office.name, office.city, office.address, office.phone, office.email)


def load_profile_values(session: Session, office_id: int) -> dict[str, str]:
    """The saved profile as the form shows it (an empty field for what is not saved)."""
    profile = asdict(office_profile(offices.office(session, office_id)))
    return {name: profile[name] or "" for name in PROFILE_FIELDS}


def save_office_profile(
    session: Session,
    actor: Actor,
    *,
    name: object,
    city: object,
    address: object,
    phone: object,
    email: object,
) -> Office:
    """Check the form, then store what changed (the audit event keeps before and after).
    Documents printed afterwards carry the new details; receipts already printed keep theirs
    on paper."""
    profile = validate_office_profile(
        name=name, city=city, address=address, phone=phone, email=email
    )
    office = offices.lock_office(session, actor.office_id)
    before = asdict(office_profile(office))
    after = asdict(profile)
    changed = [field for field in after if after[field] != before[field]]
    for field in changed:
        setattr(office, field, after[field])
    if changed:
        record_audit(
            session,
            actor,
            "office.profile",
            "office",
            office.id,
            before={field: before[field] for field in changed},
            after={field: after[field] for field in changed},
        )
    session.flush()
    return office
