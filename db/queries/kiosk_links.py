"""Queries about kiosk links (the wall screens' sign-in links)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import KioskLink, StaffUser


@dataclass(frozen=True)
class KioskLinkRow:
    """One link as the administrator's list shows it (never its token or hash)."""

    id: int
    label: str
    created_at: datetime
    created_by: str | None
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class ActiveKioskLink:
    """A link that still signs a screen in."""

    id: int
    label: str
    last_used_at: datetime | None


def kiosk_link_rows(session: Session, office_id: int) -> list[KioskLinkRow]:
    """Every link of the office, the newest first (revoked ones included)."""
    rows = session.execute(
        select(
            KioskLink.id,
            KioskLink.label,
            KioskLink.created_at,
            StaffUser.full_name,
            KioskLink.last_used_at,
            KioskLink.revoked_at,
        )
        .outerjoin(StaffUser, StaffUser.id == KioskLink.created_by_id)
        .where(KioskLink.office_id == office_id)
        .order_by(KioskLink.created_at.desc(), KioskLink.id.desc())
    )
    return [KioskLinkRow(*row) for row in rows]


def _active(session: Session, office_id: int, *criteria: object) -> ActiveKioskLink | None:
    row = session.execute(
        select(KioskLink.id, KioskLink.label, KioskLink.last_used_at).where(
            KioskLink.office_id == office_id, KioskLink.revoked_at.is_(None), *criteria
        )
    ).one_or_none()
    return None if row is None else ActiveKioskLink(*row)


def active_link_by_hash(
    session: Session, office_id: int, token_hash: str
) -> ActiveKioskLink | None:
    """The office's unrevoked link whose token has this hash."""
    return _active(session, office_id, KioskLink.token_hash == token_hash)


def active_link_by_id(session: Session, office_id: int, link_id: int) -> ActiveKioskLink | None:
    """The office's link ``link_id`` while it is not revoked (one primary-key read)."""
    return _active(session, office_id, KioskLink.id == link_id)


def kiosk_link_of_office(session: Session, office_id: int, link_id: int) -> KioskLink | None:
    """The office's link ``link_id`` for changing it (its row locked on PostgreSQL)."""
    link = session.get(KioskLink, link_id, with_for_update=True)
    return link if link is not None and link.office_id == office_id else None


def mark_kiosk_link_used(session: Session, link_id: int, now: datetime) -> None:
    """Note when a screen last used the link (a plain UPDATE: the screens' bookkeeping, not
    a change of the office's data)."""
    session.execute(update(KioskLink).where(KioskLink.id == link_id).values(last_used_at=now))
