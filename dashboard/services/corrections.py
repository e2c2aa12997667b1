"""Correcting a wrongly clicked step time. The step keeps the corrected time; the old one,
the reason and who corrected it are kept in ``step_time_correction`` and the audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.errors import InputError
from dashboard.services.audit import Actor, record_audit
from db.models import StepTimeCorrection, Visit, VisitStep

CORRECTABLE_FIELDS = {"started_at": "waktu mulai", "ended_at": "waktu selesai"}


def _check_order(step: VisitStep, field: str, new_value: datetime, now: datetime) -> None:
    if new_value > now:
        raise InputError.on("corrected_time", "Waktu koreksi tidak boleh di masa depan.")
    started = new_value if field == "started_at" else step.started_at
    ended = new_value if field == "ended_at" else step.ended_at
    if started is not None and started < step.queued_at:
        raise InputError.on(
            "corrected_time", "Waktu mulai tidak boleh sebelum langkah ini mulai ditunggu."
        )
    if started is not None and ended is not None and ended < started:
        raise InputError.on("corrected_time", "Waktu selesai tidak boleh sebelum waktu mulai.")


def correct_step_time(
    session: Session,
    actor: Actor,
    step_id: int,
    field: str,
    new_value: datetime | None,
    reason: str | None,
) -> VisitStep:
    errors: dict[str, str] = {}
    if field not in CORRECTABLE_FIELDS:
        errors["corrected_field"] = "Pilih waktu yang dikoreksi: mulai atau selesai."
    if new_value is None:
        errors["corrected_time"] = "Isi waktu yang benar (jam:menit)."
    if len((reason or "").strip()) < 5:
        errors["correction_reason"] = "Tuliskan alasan koreksi (paling sedikit 5 huruf)."
    if errors:
        raise InputError(errors)
    assert new_value is not None
    step = session.get(VisitStep, step_id, with_for_update=True)
    if step is None:
        raise InputError.form("Langkah kunjungan tidak ditemukan.")
    old_value: datetime | None = getattr(step, field)
    if old_value is None:
        raise InputError.on(
            "corrected_field",
            f"Langkah {sop.step_label(step.step_number)} belum punya "
            f"{CORRECTABLE_FIELDS[field]} untuk dikoreksi.",
        )
    _check_order(step, field, new_value, actor.now)
    setattr(step, field, new_value)
    if field == "started_at" and step.step_number == sop.SCREENING:
        visit = session.get(Visit, step.visit_id)
        assert visit is not None
        visit.arrived_at = new_value
    session.add(
        StepTimeCorrection(
            visit_step_id=step.id,
            field_name=field,
            old_value=old_value,
            new_value=new_value,
            reason=(reason or "").strip(),
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
        after={field: new_value, "reason": (reason or "").strip()},
    )
    session.flush()
    return step
