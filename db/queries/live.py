"""Queries of the live screens: the change marker a poll reads and the snapshots shared by
every screen and worker (the snapshot's figures come from ``dashboard.metrics``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.models import LiveSnapshot, Office, OfficeChange


@dataclass(frozen=True)
class OfficeMarker:
    """The office's change marker with its calendar (``service_hours.OfficeHours``): what a
    poll needs, in one statement."""

    version: int
    timezone: str
    service_start: time
    service_end: time


def office_marker(session: Session, office_id: int) -> OfficeMarker:
    """The office's marker version (0 before its first write) and its hours: one
    primary-key read of ``office`` joined to ``office_change``."""
    row = session.execute(
        select(
            func.coalesce(OfficeChange.version, 0),
            Office.timezone,
            Office.service_start,
            Office.service_end,
        )
        .outerjoin(OfficeChange, OfficeChange.office_id == Office.id)
        .where(Office.id == office_id)
    ).one()
    return OfficeMarker(int(row[0]), row[1], row[2], row[3])


def marker_version(session: Session, office_id: int) -> int:
    """The office's marker version alone (0 before its first write)."""
    return office_marker(session, office_id).version


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
    so every worker serves the same figures for a version."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = LiveSnapshot.__table__
    result = session.execute(
        insert(table)
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
