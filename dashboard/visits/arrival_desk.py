"""What the arrival page (*Kedatangan*, SOP steps 1-3) needs beyond the visit services: where
a visit stands at the door, which key a "Pengunjung baru" click uses, the rack slot to
suggest, and how a returning visitor's stored data fills the guest book form.

Plain functions and dataclasses (no Dash), so the page's callbacks stay thin and testable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.audit import Actor
from dashboard.clock import local_date, utc_now
from dashboard.errors import InputError
from dashboard.i18n import format_day
from dashboard.visits.arrival import lowest_free_number
from dashboard.visits.guest_book import GENDERS, normalize_email, normalize_phone
from dashboard.visits.services import start_visit
from db.models import VISIT_DONE, VISIT_IN_PROGRESS, VISIT_REFUSED, Visit, Visitor
from db.queries import visits as queries
from db.queries.visits import ActiveVisitRow
from db.reference_data import EDUCATION, INSTITUTION_TYPE, OCCUPATION, lookup_options

LOOKUP_KINDS: tuple[str, ...] = (EDUCATION, OCCUPATION, INSTITUTION_TYPE)
"""The guest book's choice lists, read from the reference data."""

STEP_SHORT_LABELS: dict[int, str] = {
    sop.SCREENING: "Skrining",
    sop.BAG_RACK: "Titip tas",
    sop.GUEST_BOOK: "Buku tamu",
}

# Where the wizard stands.
STAGE_IDLE = "idle"
"""No visit on the wizard: the "Pengunjung baru" button."""
STAGE_SCREENING = "screening"
STAGE_BAG = "bag"
STAGE_GUEST_BOOK = "guest_book"
STAGE_REFUSED = "refused"
"""The visit ended at screening; the page says why and offers the next visitor."""
STAGE_REGISTERED = "registered"
"""The visit has left the door (step 4 or later, or done); the page confirms it."""

STAGE_BY_STEP: dict[int, str] = {
    sop.SCREENING: STAGE_SCREENING,
    sop.BAG_RACK: STAGE_BAG,
    sop.GUEST_BOOK: STAGE_GUEST_BOOK,
}
STEP_BY_STAGE: dict[str, int] = {stage: step for step, stage in STAGE_BY_STEP.items()}

MASK_YES = "yes"
MASK_NO = "no"

GUEST_BOOK_FIELDS: tuple[str, ...] = (
    "phone",
    "email",
    "name",
    "gender",
    "birth_year",
    "education",
    "occupation",
    "institution",
    "institution_type",
)
"""The guest book form's fields, in the order the form shows them (contact first, so a
returning visitor is recognised before the rest is typed)."""

GUEST_BOOK_ERROR_FIELDS: tuple[str, ...] = (
    "phone",
    "email",
    "name",
    "gender",
    "birth_year",
    "institution",
)
"""The guest book fields ``validate_guest_book`` can refuse (each has a message slot)."""


# -- where a visit stands -------------------------------------------------------------------


@dataclass(frozen=True)
class ArrivalView:
    """One visit as the arrival page shows it (or no visit: ``stage == STAGE_IDLE``)."""

    stage: str
    visit_id: int | None = None
    code: str | None = None
    arrived_at: datetime | None = None
    outside_service_hours: bool = False
    refusal_reason: str | None = None
    open_step: int | None = None
    """The SOP step the visit is in now; None once it is closed."""
    open_step_started: bool = False
    """False while the visitor waits for ``open_step`` (steps 4, 9, 10 are queued)."""
    status: str | None = None

    @property
    def step_number(self) -> int | None:
        """The arrival step the wizard is at (1-3), None outside the form stages."""
        return STEP_BY_STAGE.get(self.stage)


IDLE = ArrivalView(stage=STAGE_IDLE)


def arrival_view(visit: Visit | None, office_id: int) -> ArrivalView:
    """Where ``visit`` (loaded with its steps) stands at the door. A visit of another office,
    or none, leaves the wizard idle."""
    if visit is None or visit.office_id != office_id:
        return IDLE
    open_step = next((step for step in visit.steps if step.ended_at is None), None)
    if visit.status == VISIT_REFUSED:
        stage = STAGE_REFUSED
    elif visit.status == VISIT_IN_PROGRESS and open_step and open_step.step_number in STAGE_BY_STEP:
        stage = STAGE_BY_STEP[open_step.step_number]
    else:
        stage = STAGE_REGISTERED
    return ArrivalView(
        stage=stage,
        visit_id=visit.id,
        code=visit.code,
        arrived_at=visit.arrived_at,
        outside_service_hours=bool(visit.outside_service_hours),
        refusal_reason=visit.refusal_reason,
        open_step=open_step.step_number if open_step else None,
        open_step_started=bool(open_step and open_step.started_at is not None),
        status=visit.status,
    )


def stepper_states(stage: str) -> dict[int, str]:
    """Each arrival step's state in the header: 'done', 'current', 'todo' or 'refused'."""
    current = STEP_BY_STAGE.get(stage)
    states: dict[int, str] = {}
    for number in sop.ARRIVAL_STEPS:
        if stage == STAGE_REGISTERED:
            states[number] = "done"
        elif stage == STAGE_REFUSED:
            states[number] = "refused" if number == sop.SCREENING else "todo"
        elif current is None:
            states[number] = "todo"
        elif number < current:
            states[number] = "done"
        else:
            states[number] = "current" if number == current else "todo"
    return states


def target_text(minutes: int | None) -> str:
    return "tanpa target waktu" if minutes is None else f"target {minutes} mnt"


def refusal_text(view: ArrivalView) -> str:
    return f"Tidak diizinkan masuk: {view.refusal_reason or 'hasil skrining'}"


def registered_text(view: ArrivalView) -> str:
    """The confirmation once the visit has left the door; it says where the visit is now,
    since another officer may have moved it on already."""
    if view.status == VISIT_DONE or view.open_step is None:
        return f"Kunjungan {view.code} sudah selesai."
    if view.open_step == sop.PURPOSE and not view.open_step_started:
        return f"Kunjungan {view.code} tercatat; pengunjung menunggu petugas (langkah 4)"
    return f"Kunjungan {view.code} tercatat; sekarang di langkah {sop.step_label(view.open_step)}"


# -- the wizard's memory in the browser ----------------------------------------------------


def visit_store(previous: Mapping[str, Any] | None, visit_id: int | None) -> dict[str, Any]:
    """The value of the wizard's visit store: the visit on the wizard and a revision that
    changes on every action, so the page redraws even when the visit stays the same."""
    revision = int((previous or {}).get("revision") or 0) + 1
    return {"visit_id": visit_id, "revision": revision}


def stored_visit_id(store: Mapping[str, Any] | None) -> int | None:
    """The visit id kept in the store, or None when empty or unreadable (it is browser
    storage, so anything may be in it)."""
    raw = (store or {}).get("visit_id")
    if isinstance(raw, bool):
        return None
    try:
        return int(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None


def start_or_resume(
    session: Session, actor: Actor, client_key: str, new_key: Callable[[], str]
) -> tuple[int, str]:
    """Start a visit for this form's ``client_key`` and return (visit id, key used).

    A second click with the same key (a double click, a repeated request) gets the same visit
    while it is still at the door. A key whose visit has already left the door (its answer was
    lost, or another officer moved it on) is stale: a fresh key starts a new visit instead of
    reopening that one.
    """
    visit = start_visit(session, actor, client_key)
    step = queries.open_step(session, visit.id)
    if visit.status == VISIT_IN_PROGRESS and step and step.step_number in STAGE_BY_STEP:
        return visit.id, client_key
    fresh = new_key()
    return start_visit(session, actor, fresh).id, fresh


# -- step 1 and 2 ----------------------------------------------------------------------------


def parse_mask(value: object) -> bool | None:
    """The mask radio's value as the screening service takes it (None: not chosen)."""
    return {MASK_YES: True, MASK_NO: False}.get(str(value)) if value is not None else None


@dataclass(frozen=True)
class RackSuggestion:
    slot: int | None
    """The lowest free slot, None when every slot is taken."""
    text: str


def rack_suggestion(taken: Iterable[int], capacity: int) -> RackSuggestion:
    used = {number for number in taken if 1 <= number <= capacity}
    slot = lowest_free_number(used, capacity)
    if slot is None:
        return RackSuggestion(
            None,
            f"Semua {capacity} rak terisi. Minta pengunjung menunggu sampai ada tas diambil, "
            "lalu klik 'Cari rak kosong'.",
        )
    return RackSuggestion(
        slot, f"Rak kosong terendah: {slot}. Terisi {len(used)} dari {capacity} rak."
    )


# -- step 3: the guest book and returning visitors -------------------------------------------


def empty_guest_book() -> dict[str, str | None]:
    return dict.fromkeys(GUEST_BOOK_FIELDS)


def contact_for_lookup(phone: str | None, email: str | None) -> tuple[str | None, str | None]:
    """Phone and email in their stored form, for finding a returning visitor. A malformed one
    is left out here (the guest book's submit explains it beside the field)."""
    try:
        clean_phone = normalize_phone(phone)
    except InputError:
        clean_phone = None
    try:
        clean_email = normalize_email(email)
    except InputError:
        clean_email = None
    return clean_phone, clean_email


def visitor_form_values(visitor: Visitor) -> dict[str, str | None]:
    """A stored visitor as guest book form values (None where nothing is stored)."""
    values: dict[str, str | None] = {}
    for field in GUEST_BOOK_FIELDS:
        value = getattr(visitor, field)
        values[field] = None if value is None else str(value)
    if values["gender"] not in GENDERS:
        values["gender"] = None
    return values


def _blank(value: object) -> bool:
    return value is None or str(value).strip() == ""


def merge_returning_visitor(
    current: Mapping[str, Any],
    stored: Mapping[str, str | None],
    previous_fill: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The form after a returning visitor was recognised.

    A field takes the stored value when the officer has not typed in it: it is empty, or it
    still holds what an earlier match filled in (that match was another person, e.g. before a
    typo in the phone was fixed). What the officer typed is kept.
    """
    merged: dict[str, Any] = {}
    for field in GUEST_BOOK_FIELDS:
        value = current.get(field)
        filled_before = previous_fill is not None and value == previous_fill.get(field)
        if _blank(value) or filled_before:
            stored_value = stored.get(field)
            merged[field] = (
                stored_value if stored_value is not None else ("" if filled_before else value)
            )
        else:
            merged[field] = value
    return merged


def returning_notice(name: str, updated_at: datetime) -> str:
    return f"Pengunjung lama: {name}, terakhir diperbarui {format_day(local_date(updated_at))}"


# -- visits still at the door ----------------------------------------------------------------


@dataclass(frozen=True)
class PendingArrival:
    """A visit still in steps 1-3, which the officer may continue here."""

    visit_id: int
    code: str
    step_number: int
    step_text: str
    arrived_at: datetime
    outside_service_hours: bool


def pending_arrivals(rows: Iterable[ActiveVisitRow]) -> list[PendingArrival]:
    """The active visits still at the door, oldest first."""
    pending = [
        PendingArrival(
            visit_id=row.visit_id,
            code=row.code,
            step_number=row.step_number,
            step_text=f"{row.step_number}. {STEP_SHORT_LABELS[row.step_number]}",
            arrived_at=row.arrived_at,
            outside_service_hours=row.outside_service_hours,
        )
        for row in rows
        if row.step_number in STAGE_BY_STEP
    ]
    return sorted(pending, key=lambda item: (item.arrived_at, item.visit_id))


def load_pending_arrivals(session: Session, office_id: int) -> list[PendingArrival]:
    """This office's visits still at the door, oldest first."""
    return pending_arrivals(queries.active_visit_rows(session, office_id))


# -- what the wizard reads -------------------------------------------------------------------


@dataclass(frozen=True)
class StageData:
    """Everything the wizard needs to draw the visit's current stage."""

    view: ArrivalView
    targets: Mapping[int, int | None]
    fever_threshold: Decimal
    rack_capacity: int
    rack: RackSuggestion | None = None
    options: Mapping[str, Sequence[tuple[str, str]]] | None = None
    """The guest book's choice lists by ``LOOKUP_KINDS`` (read for step 3 only)."""


def load_stage(
    session: Session,
    office_id: int,
    visit_id: int | None,
    *,
    rack_capacity: int,
    fever_threshold: Decimal,
) -> StageData:
    """The visit on the wizard (none: idle) with what its stage's card needs: the step
    targets in force on its day, the free rack slot at step 2, the choice lists at step 3."""
    visit = queries.visit_with_details(session, visit_id) if visit_id else None
    view = arrival_view(visit, office_id)
    day = local_date(view.arrived_at or utc_now())
    rack = (
        load_rack_suggestion(session, office_id, rack_capacity) if view.stage == STAGE_BAG else None
    )
    options = (
        {kind: lookup_options(session, kind) for kind in LOOKUP_KINDS}
        if view.stage == STAGE_GUEST_BOOK
        else None
    )
    return StageData(
        view=view,
        targets=queries.step_targets_in_force(session, day),
        fever_threshold=fever_threshold,
        rack_capacity=rack_capacity,
        rack=rack,
        options=options,
    )


def load_rack_suggestion(session: Session, office_id: int, capacity: int) -> RackSuggestion:
    return rack_suggestion(queries.taken_rack_slots(session, office_id), capacity)


@dataclass(frozen=True)
class StoredVisitor:
    """A returning visitor found by phone or email, as the guest book form takes them."""

    visitor_id: int
    name: str
    updated_at: datetime
    values: dict[str, str | None]


def find_returning_visitor(
    session: Session, office_id: int, phone: str | None, email: str | None
) -> StoredVisitor | None:
    """The stored visitor with this phone or email (as typed), None when there is none or
    neither can be read."""
    clean_phone, clean_email = contact_for_lookup(phone, email)
    if clean_phone is None and clean_email is None:
        return None
    visitor = queries.find_visitor_by_contact(session, office_id, clean_phone, clean_email)
    if visitor is None:
        return None
    return StoredVisitor(visitor.id, visitor.name, visitor.updated_at, visitor_form_values(visitor))
