"""Queries about corrected step times (``step_time_correction``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import StaffUser, StepTimeCorrection, Visit, VisitStep


@dataclass(frozen=True)
class CorrectionRow:
    """One corrected time of one step of a visit, with who corrected it and why."""

    correction_id: int
    step_id: int
    step_number: int
    field_name: str
    old_value: datetime | None
    new_value: datetime
    reason: str
    corrected_by: str | None
    corrected_at: datetime


def corrections_of_visit(session: Session, visit_id: int) -> list[CorrectionRow]:
    """Every correction made to the steps of one visit, oldest first."""
    statement = (
        select(
            StepTimeCorrection.id,
            VisitStep.id,
            VisitStep.step_number,
            StepTimeCorrection.field_name,
            StepTimeCorrection.old_value,
            StepTimeCorrection.new_value,
            StepTimeCorrection.reason,
            StaffUser.full_name,
            StepTimeCorrection.corrected_at,
        )
        .join(VisitStep, VisitStep.id == StepTimeCorrection.visit_step_id)
        .outerjoin(StaffUser, StaffUser.id == StepTimeCorrection.corrected_by_id)
        .where(VisitStep.visit_id == visit_id)
        .order_by(StepTimeCorrection.corrected_at, StepTimeCorrection.id)
    )
    return [CorrectionRow(*row) for row in session.execute(statement)]


def correction_marker(session: Session, visit_id: int) -> tuple[int, int]:
    """(how many corrections, the newest correction id) of a visit: changes whenever a
    correction is added, so a page can tell its copy is stale without loading the rows."""
    count, newest = session.execute(
        select(func.count(StepTimeCorrection.id), func.max(StepTimeCorrection.id))
        .join(VisitStep, VisitStep.id == StepTimeCorrection.visit_step_id)
        .where(VisitStep.visit_id == visit_id)
    ).one()
    return int(count or 0), int(newest or 0)


def step_of_visit(
    session: Session, office_id: int, visit_id: int, step_id: int
) -> VisitStep | None:
    """A step, only when it belongs to this visit of this office (a form names the step by
    id, and the id must not reach another visit's steps)."""
    return session.scalar(
        select(VisitStep)
        .join(Visit, Visit.id == VisitStep.visit_id)
        .where(
            VisitStep.id == step_id,
            VisitStep.visit_id == visit_id,
            Visit.office_id == office_id,
        )
    )
