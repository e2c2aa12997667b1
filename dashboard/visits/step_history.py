"""The step history (*Riwayat langkah*) of one visit and the time-correction form: turning
stored step times into what the officer reads, and what the officer types into a moment.

Pure functions: no database, no Dash. Times come in as aware UTC datetimes and are shown in
WIB with seconds, because a correction is made against the exact stored value. What a
duration, a wait and "meets target" are is ``dashboard.metrics.step_timing``'s.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time

from dashboard import sop
from dashboard.clock import WIB, to_local
from dashboard.errors import InputError
from dashboard.i18n import format_day, format_duration, format_moment
from dashboard.metrics.step_timing import (
    SECONDS_PER_MINUTE,
    meets_target,
    step_duration_seconds,
    waiting_seconds,
)
from dashboard.visits.corrections import CORRECTABLE_FIELDS
from db.queries.corrections import CorrectionRow

STARTED = "started_at"
ENDED = "ended_at"
NO_VALUE = "—"

_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")


@dataclass(frozen=True)
class StepTimes:
    """The stored times of one step of a visit."""

    step_id: int
    number: int
    queued_at: datetime
    started_at: datetime | None
    ended_at: datetime | None


@dataclass(frozen=True)
class HistoryRow:
    """One line of the step history, ready to show."""

    step_id: int
    number: int
    label: str
    queued: str
    started: str
    ended: str
    waiting: str
    duration: str
    target: str
    met: bool | None
    met_label: str
    started_corrected: bool
    ended_corrected: bool


@dataclass(frozen=True)
class CorrectionLine:
    """One correction as the list under the correction form shows it."""

    correction_id: int
    step_label: str
    field_label: str
    old: str
    new: str
    reason: str
    corrected_by: str
    corrected_at: str


def format_clock_seconds(moment: datetime | None) -> str:
    """The WIB wall-clock time of a stored UTC moment with seconds: 09:15:07."""
    if moment is None:
        return NO_VALUE
    return to_local(moment, WIB).strftime("%H:%M:%S")


def _minutes(seconds: int | None) -> float | None:
    return None if seconds is None else seconds / SECONDS_PER_MINUTE


def duration_minutes(step: StepTimes) -> float | None:
    """The step's own time in minutes (``step_timing.step_duration_seconds``, whole seconds);
    None while it has not both started and ended."""
    return _minutes(step_duration_seconds(step.started_at, step.ended_at))


def waiting_minutes(step: StepTimes) -> float | None:
    """How long the visitor waited for the step, in minutes, once it has started
    (``step_timing.waiting_seconds``: none for a step that began as the previous ended)."""
    return _minutes(waiting_seconds(step.number, step.queued_at, step.started_at))


def target_text(target_minutes: int | None) -> str:
    return NO_VALUE if target_minutes is None else f"{target_minutes} mnt"


def met_label(met: bool | None) -> str:
    if met is None:
        return NO_VALUE
    return "Ya" if met else "Tidak"


def _waiting_text(step: StepTimes) -> str:
    if step.started_at is None:
        return "menunggu"
    return format_duration(waiting_minutes(step)) if waiting_minutes(step) is not None else NO_VALUE


def _duration_text(step: StepTimes) -> str:
    if step.started_at is not None and step.ended_at is None:
        return "berjalan"
    return format_duration(duration_minutes(step)) if step.ended_at is not None else NO_VALUE


def history_rows(
    steps: Iterable[StepTimes],
    targets: Mapping[int, int | None],
    corrected: Collection[tuple[int, str]] = (),
) -> list[HistoryRow]:
    """Every recorded step in SOP order. ``targets`` are the targets in force on the visit
    day; ``corrected`` holds (step id, field) pairs whose time was corrected."""
    rows = []
    for step in sorted(steps, key=lambda item: sop.VISIT_STEP_NUMBERS.index(item.number)):
        target = targets.get(step.number)
        met = meets_target(step_duration_seconds(step.started_at, step.ended_at), target)
        rows.append(
            HistoryRow(
                step_id=step.step_id,
                number=step.number,
                label=sop.step_label(step.number),
                queued=format_clock_seconds(step.queued_at),
                started=format_clock_seconds(step.started_at),
                ended=format_clock_seconds(step.ended_at),
                waiting=_waiting_text(step),
                duration=_duration_text(step),
                target=target_text(target),
                met=met,
                met_label=met_label(met),
                started_corrected=(step.step_id, STARTED) in corrected,
                ended_corrected=(step.step_id, ENDED) in corrected,
            )
        )
    return rows


def parse_clock_on_day(text: str | None, reference: datetime) -> datetime | None:
    """What an officer types as the correct time ('9:05', '09.05', '09:05:30') as a UTC moment
    on the same WIB day as ``reference`` (the value being corrected).

    None when nothing was typed (the correction service then asks for it); InputError on the
    ``corrected_time`` field when the text is not a time of day.
    """
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    match = _CLOCK.match(cleaned)
    hour, minute, second = (int(part or 0) for part in match.groups()) if match else (99, 0, 0)
    if hour > 23 or minute > 59 or second > 59:
        raise InputError.on(
            "corrected_time",
            "Tulis jam:menit atau jam:menit:detik, mis. 09:15.",
        )
    day = to_local(reference, WIB).date()
    return datetime.combine(day, time(hour, minute, second), tzinfo=WIB).astimezone(UTC)


def snap_to_bounds(
    typed: datetime | None, lower_bounds: Iterable[datetime | None]
) -> datetime | None:
    """A typed time has whole seconds, stored times do not: typing the second shown for the
    moment a step was queued (09:15:07) means that moment (09:15:07.4), not 0.4 s before
    it, which the correction rules would refuse."""
    if typed is None:
        return None
    for bound in lower_bounds:
        if bound is not None and typed < bound and typed == bound.replace(microsecond=0):
            return bound
    return typed


def step_times_store(steps: Iterable[StepTimes]) -> dict[str, dict[str, str | None]]:
    """What the correction form needs to show the value being corrected, as JSON for a
    dcc.Store: {step id: {label, started_at, ended_at}} with WIB day and time."""
    return {
        str(step.step_id): {
            "label": sop.step_label(step.number),
            STARTED: _day_and_clock(step.started_at),
            ENDED: _day_and_clock(step.ended_at),
        }
        for step in steps
    }


def _day_and_clock(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    local = to_local(moment, WIB)
    return f"{format_clock_seconds(moment)} WIB, {format_day(local.date())}"


def current_value_text(
    store: Mapping[str, Mapping[str, str | None]] | None, step_id: object, field: str | None
) -> str:
    """The line beside the correction form: the value now stored for the chosen step/time."""
    step = (store or {}).get(str(step_id)) if step_id not in (None, "") else None
    if step is None or field not in CORRECTABLE_FIELDS:
        return "Pilih langkah dan waktu yang dikoreksi."
    value = step.get(field)
    what = CORRECTABLE_FIELDS[field]
    if value is None:
        return f"Langkah {step['label']} belum punya {what}."
    return f"{what.capitalize()} yang tercatat sekarang: {value}. Isi jam yang benar pada hari itu."


def correction_success(step_number: int, field: str, new_value: datetime | None) -> str:
    """What the officer is told once a time was corrected."""
    what = CORRECTABLE_FIELDS.get(field, field).capitalize()
    return (
        f"{what} langkah {sop.step_label(step_number)} dikoreksi menjadi "
        f"{format_clock_seconds(new_value)} WIB."
    )


def correction_step_options(steps: Sequence[StepTimes]) -> list[dict[str, str]]:
    """Options of the 'which step' dropdown: every step with a time that can be corrected."""
    return [
        {"label": sop.step_label(step.number), "value": str(step.step_id)}
        for step in sorted(steps, key=lambda item: sop.VISIT_STEP_NUMBERS.index(item.number))
        if step.started_at is not None
    ]


def correction_lines(rows: Iterable[CorrectionRow]) -> list[CorrectionLine]:
    return [
        CorrectionLine(
            correction_id=row.correction_id,
            step_label=sop.step_label(row.step_number),
            field_label=CORRECTABLE_FIELDS.get(row.field_name, row.field_name),
            old=format_clock_seconds(row.old_value),
            new=format_clock_seconds(row.new_value),
            reason=row.reason,
            corrected_by=row.corrected_by or NO_VALUE,
            corrected_at=format_moment(row.corrected_at),
        )
        for row in rows
    ]
