"""Queries of the live screens: the change marker a poll reads and the snapshots shared by
every screen and worker (the snapshot's figures come from ``dashboard.metrics``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Select, and_, bindparam, delete, func, select, text
from sqlalchemy.orm import Session

from db.models import KioskLink, LiveSnapshot, Office, OfficeChange, StaffUser
from db.queries.kiosk_links import ActiveKioskLink
from db.upsert import dialect_insert


@dataclass(frozen=True)
class OfficeMarker:
    """The office's change marker with its calendar (``service_hours.OfficeHours``): what a
    poll needs, in one statement."""

    version: int
    timezone: str
    service_start: time
    service_end: time


def _marker_select(*viewer_columns: Any) -> Select[Any]:
    """The marker and hours of office ``:office`` (a primary-key read of ``office`` joined
    to ``office_change``), with ``viewer_columns`` beside them."""
    return (
        select(
            func.coalesce(OfficeChange.version, 0),
            Office.timezone,
            Office.service_start,
            Office.service_end,
            *viewer_columns,
        )
        .outerjoin(OfficeChange, OfficeChange.office_id == Office.id)
        .where(Office.id == bindparam("office"))
    )


# Built once: a poll runs one of these every few seconds per screen.
_MARKER = _marker_select()
_MARKER_AND_STAFF = _marker_select(StaffUser.role).outerjoin(
    StaffUser, and_(StaffUser.id == bindparam("viewer"), StaffUser.active.is_(True))
)
_MARKER_AND_KIOSK_LINK = _marker_select(
    KioskLink.id, KioskLink.label, KioskLink.last_used_at
).outerjoin(
    KioskLink,
    and_(
        KioskLink.id == bindparam("viewer"),
        KioskLink.office_id == Office.id,
        KioskLink.revoked_at.is_(None),
    ),
)


def _marker(row: Any) -> OfficeMarker:
    return OfficeMarker(int(row[0]), row[1], row[2], row[3])


def office_marker(session: Session, office_id: int) -> OfficeMarker:
    """The office's marker version (0 before its first write) and its hours: one
    primary-key read of ``office`` joined to ``office_change``."""
    return _marker(session.execute(_MARKER, {"office": office_id}).one())


def office_marker_and_staff_role(
    session: Session, office_id: int, user_id: int
) -> tuple[OfficeMarker, str | None]:
    """The office's marker and hours, and the role of staff account ``user_id`` while it is
    active (None: no such account, or disabled), in one statement: a poll signs its viewer
    in and reads the marker in one round trip."""
    row = session.execute(_MARKER_AND_STAFF, {"office": office_id, "viewer": user_id}).one()
    return _marker(row), row[4]


def office_marker_and_kiosk_link(
    session: Session, office_id: int, link_id: int
) -> tuple[OfficeMarker, ActiveKioskLink | None]:
    """The office's marker and hours, and the office's kiosk link ``link_id`` while it is
    not revoked (None otherwise), in one statement (what
    ``kiosk_links.active_link_by_id`` reads, beside the marker)."""
    row = session.execute(_MARKER_AND_KIOSK_LINK, {"office": office_id, "viewer": link_id}).one()
    link = None if row[4] is None else ActiveKioskLink(row[4], row[5], row[6])
    return _marker(row), link


def marker_version(session: Session, office_id: int) -> int:
    """The office's marker version alone (0 before its first write)."""
    return office_marker(session, office_id).version


_WITHOUT_WAITING_FOR_THE_DISK = text("SET LOCAL synchronous_commit TO OFF")


def stored_snapshot(session: Session, office_id: int, version: int, day: date) -> str | None:
    """The snapshot (JSON text) another worker stored for this version and day, if any."""
    return session.scalar(
        select(LiveSnapshot.body).where(
            LiveSnapshot.office_id == office_id,
            LiveSnapshot.version == version,
            LiveSnapshot.day == day,
        )
    )


def store_snapshot(
    session: Session, office_id: int, version: int, day: date, body: str, now: datetime
) -> str:
    """Keep ``body`` for this version and day unless another worker stored one first, and drop
    the office's snapshots of older versions. Returns the body kept (the first one stored),
    so every worker serves the same figures for a version.

    On PostgreSQL the transaction commits without waiting for its WAL to reach the disk
    (``synchronous_commit`` off for it alone): a snapshot is figures computed from the
    database, and one lost in a crash is only computed again."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_WITHOUT_WAITING_FOR_THE_DISK)
    table = LiveSnapshot.__table__
    result = session.execute(
        dialect_insert(session, table)
        .values(office_id=office_id, version=version, day=day, body=body, computed_at=now)
        .on_conflict_do_nothing(index_elements=[table.c.office_id, table.c.version, table.c.day])
    )
    session.execute(
        delete(LiveSnapshot).where(
            LiveSnapshot.office_id == office_id, LiveSnapshot.version < version
        )
    )
    if result.rowcount == 1:
        return body
    kept = stored_snapshot(session, office_id, version, day)
    return body if kept is None else kept
