"""The aggregate of time corrections (``step_time_correction``): how often the recorded time
of a step had to be corrected, per SOP step and per officer, over a scope of visit days (a
step belongs to its visit's day, as in ``metrics_steps``), read from the rollup
``correction_day`` (``db.rollups.steps`` holds the definition, the officer included).
Officers are staff, named by their full name; no visitor data.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import CorrectionDay, StaffUser
from db.queries.metrics import MetricScope, in_offices


class CorrectionRow(NamedTuple):
    """Corrections of one step recorded by one officer: how many, and how many distinct
    steps of visits they touched."""

    step: int
    officer_id: int
    officer: str
    corrections: int
    steps_corrected: int


def corrections_by_officer_and_step(session: Session, scope: MetricScope) -> list[CorrectionRow]:
    """The scope's corrections per (step, officer), by step then officer name (from the rollup
    ``correction_day``, ``db.rollups.steps``, which says who the officer is)."""
    statement = (
        select(
            CorrectionDay.step_number,
            CorrectionDay.officer_id,
            StaffUser.full_name,
            func.sum(CorrectionDay.corrections),
            func.sum(CorrectionDay.steps_corrected),
        )
        .join(StaffUser, StaffUser.id == CorrectionDay.officer_id)
        .where(
            *in_offices(CorrectionDay.office_id, scope.office_ids),
            CorrectionDay.visit_date.between(scope.first_day, scope.last_day),
        )
        .group_by(CorrectionDay.step_number, CorrectionDay.officer_id, StaffUser.full_name)
        .order_by(CorrectionDay.step_number, StaffUser.full_name, CorrectionDay.officer_id)
    )
    return [
        CorrectionRow(int(step), int(officer_id), name, int(count), int(steps))
        for step, officer_id, name, count, steps in session.execute(statement)
    ]
