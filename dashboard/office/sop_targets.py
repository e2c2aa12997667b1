"""Revised SOP targets (*Target SOP*): the administrator records a new version of the SOP's
step targets, a document number and the day it takes effect. A version never rewrites
history: the figures judge each visit by the target in force on its visit day
(``db.queries.metrics_steps``), so a version may only take effect from today on, after every
version recorded before it. Recorded in one transaction, with its audit event."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.audit import Actor, record_audit
from dashboard.errors import InputError
from dashboard.i18n import format_day
from dashboard.text_input import clean_text, column_length
from db.models import SopStep
from db.queries.sop_targets import (
    SOP_REVISED,
    newest_sop_version_day,
    sop_steps_in_force,
    sop_versions,
)

MAX_DOCUMENT = column_length(SopStep.document_number)
MAX_TARGET_MINUTES = 600
DOCUMENT_FIELD = "document_number"
EFFECTIVE_FIELD = "effective_from"
TARGETED_STEPS: tuple[int, ...] = sop.VISIT_STEP_NUMBERS
"""The steps a visit goes through, each of which may have a target (11 and 12 have none)."""


def target_field(number: int) -> str:
    """The field key of step ``number``'s target in messages."""
    return f"target_{number}"


@dataclass(frozen=True)
class SopRevision:
    """A checked revision: document, first day in force, each step's target (None: none)."""

    document_number: str
    effective_from: date
    targets: dict[int, int | None]


@dataclass(frozen=True)
class SopVersion:
    """A version as the page lists it."""

    effective_from: date
    document_number: str | None
    targets: dict[int, int | None]
    recorded_by: str | None
    recorded_at: datetime | None

    @property
    def total_minutes(self) -> int:
        """The whole visit's limit: the sum of the visit steps' targets."""
        return sop.total_target_minutes(self.targets)


def _target(raw: object, number: int) -> int | None:
    text = str(raw if raw is not None else "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_TARGET_MINUTES:
        raise ValueError(number)
    return int(text)


def validate_revision(
    document_number: str | None,
    effective_from: str | date | None,
    targets: Mapping[int, object],
    today: date,
    newest: date | None,
) -> SopRevision:
    """The form's values checked (messages in Indonesian, by field): a document number; a
    date from ``today`` on and after the ``newest`` version; whole minutes 1-600 per step, or
    blank for a step without a target."""
    errors: dict[str, str] = {}
    document = ""
    try:
        document = clean_text(
            DOCUMENT_FIELD, document_number, label="Nomor dokumen", limit=MAX_DOCUMENT
        )
    except InputError as error:
        errors.update(error.errors)
    if not document and DOCUMENT_FIELD not in errors:
        errors[DOCUMENT_FIELD] = "Isi nomor dokumen SOP."
    day: date | None = None
    try:
        day = (
            effective_from
            if isinstance(effective_from, date)
            else date.fromisoformat(effective_from or "")
        )
    except ValueError:
        errors[EFFECTIVE_FIELD] = "Isi tanggal berlaku (tanggal yang valid)."
    if day is not None and day < today:
        errors[EFFECTIVE_FIELD] = (
            f"Tanggal berlaku tidak boleh sebelum hari ini ({format_day(today)}): revisi SOP "
            "tidak mengubah angka hari-hari yang sudah lewat."
        )
    elif day is not None and newest is not None and day <= newest:
        errors[EFFECTIVE_FIELD] = (
            f"Sudah ada versi yang berlaku sejak {format_day(newest)}: tanggal berlaku versi "
            "baru harus sesudahnya."
        )
    parsed: dict[int, int | None] = {}
    for number in TARGETED_STEPS:
        try:
            parsed[number] = _target(targets.get(number), number)
        except ValueError:
            errors[target_field(number)] = (
                f"Target langkah {number}: bilangan bulat 1–{MAX_TARGET_MINUTES} menit, "
                "atau kosongkan bila tanpa target."
            )
    if errors:
        raise InputError(errors)
    assert day is not None
    return SopRevision(document, day, parsed)


def record_sop_revision(
    session: Session,
    actor: Actor,
    document_number: str | None,
    effective_from: str | date | None,
    targets: Mapping[int, object],
    today: date,
) -> SopVersion:
    """Check and record a new version of every SOP step (names, actors and outputs carried
    over from the version in force before it; steps 11-12 keep their target), audited."""
    revision = validate_revision(
        document_number, effective_from, targets, today, newest_sop_version_day(session)
    )
    rows = []
    for current in sop_steps_in_force(session, revision.effective_from):
        target = revision.targets.get(current.number, current.target_minutes)
        row = SopStep(
            number=current.number,
            name=current.name,
            actor=current.actor,
            output=current.output,
            target_minutes=target,
            effective_from=revision.effective_from,
            document_number=revision.document_number,
        )
        session.add(row)
        rows.append(row)
    session.flush()
    first = min(row.id for row in rows)
    after = {
        "document_number": revision.document_number,
        "effective_from": revision.effective_from.isoformat(),
        "targets": {str(row.number): row.target_minutes for row in rows},
    }
    record_audit(session, actor, SOP_REVISED, SopStep.__tablename__, first, after=after)
    return SopVersion(
        revision.effective_from,
        revision.document_number,
        {row.number: row.target_minutes for row in rows},
        None,
        actor.now,
    )


def load_sop_versions(session: Session) -> tuple[SopVersion, ...]:
    """Every version, the newest first, with who recorded it."""
    return tuple(SopVersion(*row) for row in sop_versions(session))


def current_targets(versions: tuple[SopVersion, ...], today: date) -> dict[int, int | None]:
    """The targets in force today (what the form starts from)."""
    for version in versions:
        if version.effective_from <= today:
            return dict(version.targets)
    return {}
