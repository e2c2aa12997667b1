"""Correcting a wrongly clicked step time. The step keeps the corrected time; the old one,
the reason and who corrected it are kept in ``step_time_correction`` and the audit trail.

Steps of a visit form a chain: a step that starts the moment the previous one ends shares
that moment with it. A correction moves such a shared boundary on both sides, so the chain
keeps no gap and no overlap; a waiting step's own start is moved alone.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.audit import Actor, record_audit
from dashboard.clock import local_date
from dashboard.errors import InputError
from dashboard.office.service_hours import office_flags_outside_hours
from dashboard.text_input import clean_text
from db.models import StepTimeCorrection, Visit, VisitStep
from db.queries import offices
from db.queries import visits as queries

CORRECTABLE_FIELDS = {"started_at": "waktu mulai", "ended_at": "waktu selesai"}
FIELD = "corrected_time"
MAX_REASON = 1000
"""Letters of a correction's reason."""


def _neighbours(session: Session, step: VisitStep) -> tuple[VisitStep | None, VisitStep | None]:
    steps = queries.steps_of_visit(session, step.visit_id)
    position = next(index for index, other in enumerate(steps) if other.id == step.id)
    before = steps[position - 1] if position > 0 else None
    after = steps[position + 1] if position + 1 < len(steps) else None
    return before, after


def _move_start(step: VisitStep, before: VisitStep | None, new_value: datetime) -> None:
    """Move a step's start; when it began as the previous step ended, move that end too."""
    if step.ended_at is not None and new_value > step.ended_at:
        raise InputError.on(FIELD, "Waktu selesai tidak boleh sebelum waktu mulai.")
    shares_boundary = step.started_at == step.queued_at
    if shares_boundary:
        if before is not None and before.started_at is not None and new_value < before.started_at:
            raise InputError.on(
                FIELD, "Waktu mulai tidak boleh sebelum langkah sebelumnya dimulai."
            )
        step.queued_at = new_value
        if before is not None:
            before.ended_at = new_value
    elif new_value < step.queued_at:
        raise InputError.on(FIELD, "Waktu mulai tidak boleh sebelum langkah ini mulai ditunggu.")
    step.started_at = new_value


def _move_end(step: VisitStep, after: VisitStep | None, new_value: datetime) -> None:
    """Move a step's end, and with it the moment the next step became due (and its start,
    when it started straight away)."""
    assert step.started_at is not None
    if new_value < step.started_at:
        raise InputError.on(FIELD, "Waktu selesai tidak boleh sebelum waktu mulai.")
    if after is not None:
        next_starts_with_it = after.started_at == after.queued_at
        limit = after.ended_at if next_starts_with_it else after.started_at
        if limit is not None and new_value > limit:
            raise InputError.on(FIELD, "Waktu selesai tidak boleh melewati langkah berikutnya.")
        if next_starts_with_it and after.started_at is not None:
            after.started_at = new_value
        after.queued_at = new_value
    step.ended_at = new_value


def _follow_visit(session: Session, step: VisitStep, field: str, new_value: datetime) -> None:
    """Keep the visit's arrival (and its day and service-hours flag) and departure in line
    with its first and last step."""
    visit = session.get(Visit, step.visit_id)
    assert visit is not None
    if field == "started_at" and step.step_number == sop.SCREENING:
        office = offices.office(session, visit.office_id)
        visit.arrived_at = new_value
        visit.visit_date = local_date(new_value, ZoneInfo(office.timezone))
        visit.outside_service_hours = office_flags_outside_hours(office, new_value)
    if field == "ended_at" and visit.left_at is not None and step.ended_at == new_value:
        last = queries.steps_of_visit(session, visit.id)[-1]
        if last.id == step.id:
            visit.left_at = new_value


def validate_correction(
    field: str, new_value: datetime | None, reason: str | None, now: datetime
) -> str:
    """The correction form's own rules (the demo checker runs them over stored corrections);
    returns the cleaned reason."""
    errors: dict[str, str] = {}
    if field not in CORRECTABLE_FIELDS:
        errors["corrected_field"] = "Pilih waktu yang dikoreksi: mulai atau selesai."
    if new_value is None:
        errors[FIELD] = "Isi waktu yang benar (jam:menit)."
    elif new_value > now:
        errors[FIELD] = "Waktu koreksi tidak boleh di masa depan."
    clean_reason = ""
    try:
        clean_reason = clean_text(
            "correction_reason", reason, label="Alasan koreksi", limit=MAX_REASON
        )
    except InputError as error:
        errors.update(error.errors)
    if len(clean_reason) < 5 and "correction_reason" not in errors:
        errors["correction_reason"] = "Tuliskan alasan koreksi (paling sedikit 5 huruf)."
    if errors:
        raise InputError(errors)
    return clean_reason


def correct_step_time(
    session: Session,
    actor: Actor,
    step_id: int,
    field: str,
    new_value: datetime | None,
    reason: str | None,
) -> VisitStep:
    clean_reason = validate_correction(field, new_value, reason, actor.now)
    assert new_value is not None
    step = session.get(VisitStep, step_id, with_for_update=True)
    visit = queries.lock_visit(session, step.visit_id) if step is not None else None
    if step is None or visit is None or visit.office_id != actor.office_id:
        raise InputError.form("Langkah kunjungan tidak ditemukan.")
    old_value: datetime | None = getattr(step, field)
    if old_value is None:
        raise InputError.on(
            "corrected_field",
            f"Langkah {sop.step_label(step.step_number)} belum punya "
            f"{CORRECTABLE_FIELDS[field]} untuk dikoreksi.",
        )
    before, after = _neighbours(session, step)
    if field == "started_at":
        _move_start(step, before, new_value)
    else:
        _move_end(step, after, new_value)
    _follow_visit(session, step, field, new_value)
    session.add(
        StepTimeCorrection(
            visit_step_id=step.id,
            field_name=field,
            old_value=old_value,
            new_value=new_value,
            reason=clean_reason,
            corrected_by_id=actor.user_id,
            corrected_at=actor.now,
        )
    )
    record_audit(
        session,
        actor,
        "visit_step.correct_time",
        "visit_step",
        step.id,
        before={field: old_value},
        after={field: new_value, "reason": clean_reason},
    )
    session.flush()
    return step
