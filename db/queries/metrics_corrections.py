"""The aggregate of time corrections (``step_time_correction``): how often the recorded time
of a step had to be corrected, per SOP step and per officer, over a scope of visit days (a
step belongs to its visit's day, as in ``metrics_steps``).

The officer is the one who recorded the time that was corrected: the step's ``started_by``
for a corrected start, ``ended_by`` for a corrected end (the one who corrected it when the
step does not say). Officers are staff, named by their full name; no visitor data.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from db.models import StaffUser, StepTimeCorrection, Visit, VisitStep
from db.queries.metrics import MetricScope, visits_in_scope


class CorrectionRow(NamedTuple):
    """Corrections of one step recorded by one officer: how many, and how many distinct
    steps of visits they touched."""

    step: int
    officer_id: int
    officer: str
    corrections: int
    steps_corrected: int


def corrections_by_officer_and_step(session: Session, scope: MetricScope) -> list[CorrectionRow]:
    """The scope's corrections per (step, officer), by step then officer name."""
    recorded_by = func.coalesce(
        case(
            (StepTimeCorrection.field_name == "started_at", VisitStep.started_by_id),
            else_=VisitStep.ended_by_id,
        ),
        StepTimeCorrection.corrected_by_id,
    ).label("officer_id")
    corrected = (
        select(
            VisitStep.step_number.label("step"),
            recorded_by,
            StepTimeCorrection.id.label("correction_id"),
            VisitStep.id.label("step_id"),
        )
        .select_from(StepTimeCorrection)
        .join(VisitStep, VisitStep.id == StepTimeCorrection.visit_step_id)
        .join(Visit, Visit.id == VisitStep.visit_id)
        .where(*visits_in_scope(scope))
        .subquery()
    )
    statement = (
        select(
            corrected.c.step,
            corrected.c.officer_id,
            StaffUser.full_name,
            func.count(corrected.c.correction_id),
            func.count(func.distinct(corrected.c.step_id)),
        )
        .join(StaffUser, StaffUser.id == corrected.c.officer_id)
        .group_by(corrected.c.step, corrected.c.officer_id, StaffUser.full_name)
        .order_by(corrected.c.step, StaffUser.full_name, corrected.c.officer_id)
    )
    return [
        CorrectionRow(int(step), int(officer_id), name, int(count), int(steps))
        for step, officer_id, name, count, steps in session.execute(statement)
    ]
