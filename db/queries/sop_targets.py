"""The versions of the SOP's step targets (``sop_step``, versioned by ``effective_from``) and
who recorded each (the audit trail)."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from db.models import AuditEvent, SopStep, StaffUser

SOP_REVISED = "sop_revised"
"""The audit action of a recorded revision; its ``row_id`` is the version's first row."""


class SopVersionRow(NamedTuple):
    """One version: the day it takes effect, its document, each step's target, who recorded
    it and when (``None`` for the version the app ships)."""

    effective_from: date
    document_number: str | None
    targets: dict[int, int | None]
    recorded_by: str | None
    recorded_at: datetime | None


def sop_versions(session: Session) -> list[SopVersionRow]:
    """Every version, the newest first."""
    targets: dict[date, dict[int, int | None]] = {}
    documents: dict[date, str | None] = {}
    first_row: dict[date, int] = {}
    statement = select(
        SopStep.id,
        SopStep.effective_from,
        SopStep.number,
        SopStep.target_minutes,
        SopStep.document_number,
    ).order_by(SopStep.effective_from, SopStep.id)
    for row_id, day, number, target, document in session.execute(statement):
        targets.setdefault(day, {})[number] = target
        documents.setdefault(day, document)
        first_row.setdefault(day, row_id)
    recorded = {
        row_id: (name, at)
        for row_id, name, at in session.execute(
            select(AuditEvent.row_id, StaffUser.full_name, AuditEvent.at)
            .outerjoin(StaffUser, StaffUser.id == AuditEvent.user_id)
            .where(
                and_(
                    AuditEvent.table_name == SopStep.__tablename__,
                    AuditEvent.action == SOP_REVISED,
                    AuditEvent.row_id.in_(list(first_row.values())),
                )
            )
        )
    }
    return [
        SopVersionRow(
            day, documents[day], targets[day], *recorded.get(first_row[day], (None, None))
        )
        for day in sorted(targets, reverse=True)
    ]


def newest_sop_version_day(session: Session) -> date | None:
    return session.scalar(select(func.max(SopStep.effective_from)))


def in_force_on(on_day: date) -> ColumnElement[bool]:
    """The join condition of each step number's ``sop_step`` row in force on ``on_day`` (the
    newest version effective on or before it)."""
    newest = (
        select(SopStep.number, func.max(SopStep.effective_from).label("effective_from"))
        .where(SopStep.effective_from <= on_day)
        .group_by(SopStep.number)
        .subquery()
    )
    return and_(
        SopStep.number == newest.c.number, SopStep.effective_from == newest.c.effective_from
    )


def sop_steps_in_force(session: Session, on_day: date) -> list[SopStep]:
    """The ``sop_step`` rows of the version in force on ``on_day``, by number: what a
    revision copies its names and actors from."""
    statement = select(SopStep).where(in_force_on(on_day)).order_by(SopStep.number)
    return list(session.scalars(statement))
