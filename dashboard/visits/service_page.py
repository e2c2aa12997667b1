"""The Layanan page (one visit served through SOP steps 4-10): what it reads about a visit,
which step panel it shows, and how form values become service arguments.

No Dash here: the page's components are built in ``dashboard.visits.service_layout``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.audit import Actor
from dashboard.clock import minutes_between
from dashboard.errors import InputError
from dashboard.i18n import format_clock
from dashboard.paths import parse_id
from dashboard.visits import services as visit_services
from dashboard.visits.arrival import lowest_free_number
from dashboard.visits.corrections import CORRECTABLE_FIELDS, correct_step_time
from dashboard.visits.services import RequestDecision
from dashboard.visits.step_history import ENDED, StepTimes, parse_clock_on_day, snap_to_bounds
from db.models import VISIT_DONE, VISIT_IN_PROGRESS, VISIT_REFUSED, DataRequest, Visit, VisitStep
from db.queries import corrections as correction_queries
from db.queries import library_desk
from db.queries import visits as visit_queries
from db.queries.catalog_search import AgencySuggestion, suggest_agencies
from db.queries.library_desk import DirectoryAgency, LinkedPublication
from db.queries.sales import sales_of_visit
from db.reference_data import SERVICE_TYPE, lookup_options
from db.search_text import words

STATUS_LABELS: dict[str, str] = {
    VISIT_IN_PROGRESS: "Sedang dilayani",
    VISIT_DONE: "Selesai",
    VISIT_REFUSED: "Ditolak saat skrining",
}
STATUS_COLORS: dict[str, str] = {
    VISIT_IN_PROGRESS: "primary",
    VISIT_DONE: "success",
    VISIT_REFUSED: "danger",
}

AVAILABLE = "tersedia"
NOT_AVAILABLE = "tidak"
AVAILABILITY_CHOICES: tuple[tuple[str, str], ...] = (
    (AVAILABLE, "Tersedia"),
    (NOT_AVAILABLE, "Tidak tersedia"),
)


class Panel(StrEnum):
    """Which step panel the page shows for the visit's current state."""

    REFUSED = "refused"
    DONE = "done"
    ARRIVAL = "arrival"
    WAITING = "waiting"
    PURPOSE = "purpose"
    SEARCH = "search"
    AVAILABILITY = "availability"
    READING_TABLE = "reading_table"
    PURCHASE = "purchase"
    PAYMENT = "payment"
    """Step 9 answered "yes": the visitor waits for the treasurer's receipt."""
    BAG_RETURN = "bag_return"


_PANEL_OF_STEP: dict[int, Panel] = {
    sop.PURPOSE: Panel.PURPOSE,
    sop.SEARCH: Panel.SEARCH,
    sop.AVAILABILITY: Panel.AVAILABILITY,
    sop.READING_TABLE: Panel.READING_TABLE,
    sop.PURCHASE_OFFER: Panel.PURCHASE,
    sop.BAG_RETURN: Panel.BAG_RETURN,
}


@dataclass(frozen=True)
class RequestView:
    """One data request of the visit (step 4) and its decision (step 7)."""

    request_id: int
    position: int
    description: str
    available: bool | None
    referred_agency: str | None
    answer_note: str | None
    publications: tuple[LinkedPublication, ...] = ()
    """Publications picked for it at step 6."""
    suggestions: tuple[AgencySuggestion, ...] = ()
    """Agencies whose topics match the request (read for step 7 only)."""
    referred_agency_id: int | None = None

    @property
    def found(self) -> bool:
        return bool(self.publications)


@dataclass(frozen=True)
class VisitSale:
    """A sale (receipt) paid for by this visit's purchase at step 9."""

    sale_id: int
    receipt_number: str
    total: int
    voided: bool
    deposited: bool


@dataclass(frozen=True)
class VisitView:
    """What the page shows of one visit, read in one session."""

    visit_id: int
    code: str
    status: str
    visitor_name: str | None
    institution: str | None
    arrived_at: datetime
    left_at: datetime | None
    outside_service_hours: bool
    rack_slot: int | None
    reading_table: int | None
    service_type_label: str | None
    refusal_reason: str | None
    steps: tuple[StepTimes, ...]
    step_notes: Mapping[int, str]
    requests: tuple[RequestView, ...]
    awaiting_payment: bool = False
    """Step 9 is open with the answer "buys": the visitor is with the treasurer."""
    sales: tuple[VisitSale, ...] = ()

    @property
    def open_step(self) -> StepTimes | None:
        return next((step for step in self.steps if step.ended_at is None), None)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class ServiceView:
    """The page's whole read of one visit: the visit, its targets, corrections and what the
    current step's form needs."""

    visit: VisitView
    targets: Mapping[int, int | None]
    corrections: tuple[correction_queries.CorrectionRow, ...]
    service_types: tuple[tuple[str, str], ...]
    taken_tables: tuple[int, ...]
    table_count: int
    marker: str
    agencies: tuple[DirectoryAgency, ...] = ()
    """The active agency directory (read for step 7 only)."""

    @property
    def panel(self) -> Panel:
        return panel_for(
            self.visit.status, self.visit.open_step, awaiting_payment=self.visit.awaiting_payment
        )

    @property
    def suggested_table(self) -> int | None:
        return lowest_free_number(self.taken_tables, self.table_count)

    @property
    def corrected_fields(self) -> set[tuple[int, str]]:
        return {(row.step_id, row.field_name) for row in self.corrections}


def panel_for(status: str, open_step: StepTimes | None, *, awaiting_payment: bool = False) -> Panel:
    """The panel for a visit's state: closed visits, arrival not finished yet, a step the
    visitor is waiting for (not started), a purchase waiting for the treasurer, or the form
    of the step being served."""
    if status == VISIT_REFUSED:
        return Panel.REFUSED
    if status != VISIT_IN_PROGRESS or open_step is None:
        return Panel.DONE
    if open_step.number in sop.ARRIVAL_STEPS:
        return Panel.ARRIVAL
    if open_step.started_at is None:
        return Panel.WAITING
    if open_step.number == sop.PURCHASE_OFFER and awaiting_payment:
        return Panel.PAYMENT
    return _PANEL_OF_STEP[open_step.number]


def is_awaiting_payment(visit: Visit) -> bool:
    """Whether the visit's open step is step 9 answered "buys" (waiting for the receipt)."""
    return any(
        step.step_number == sop.PURCHASE_OFFER
        and step.ended_at is None
        and step.outcome == sop.OUTCOME_BUYS
        for step in visit.steps
    )


def visit_sales(session: Session, visit_id: int) -> tuple[VisitSale, ...]:
    return tuple(
        VisitSale(
            sale_id=sale.id,
            receipt_number=sale.receipt_number,
            total=sale.total,
            voided=sale.voided_at is not None,
            deposited=sale.deposit_id is not None,
        )
        for sale in sales_of_visit(session, visit_id)
    )


def request_views(
    session: Session, visit: Visit, *, with_suggestions: bool = False
) -> tuple[RequestView, ...]:
    """The visit's data requests with the publications picked for them, and (for step 7)
    the agencies suggested for each."""
    picked = library_desk.publications_by_request(session, visit.id)
    return tuple(
        _request_view(
            request,
            picked.get(request.id, ()),
            suggest_agencies(session, visit.office_id, request.description)
            if with_suggestions
            else (),
        )
        for request in visit.requests
    )


def _request_view(
    request: DataRequest,
    publications: Sequence[LinkedPublication],
    suggestions: Sequence[AgencySuggestion],
) -> RequestView:
    return RequestView(
        request_id=request.id,
        position=request.position,
        description=request.description,
        available=request.available,
        referred_agency=request.referred_agency,
        answer_note=request.answer_note,
        publications=tuple(publications),
        suggestions=tuple(suggestions),
        referred_agency_id=request.referred_agency_id,
    )


def load_view(
    session: Session, office_id: int, visit_id: int, table_count: int
) -> ServiceView | None:
    """Everything the page shows of one visit of this office; None when there is none."""
    visit = visit_queries.visit_with_details(session, visit_id)
    if visit is None or visit.office_id != office_id:
        return None
    service_types = tuple(lookup_options(session, SERVICE_TYPE))
    steps = tuple(
        StepTimes(step.id, step.step_number, step.queued_at, step.started_at, step.ended_at)
        for step in visit.steps
    )
    open_number = next((step.number for step in steps if step.ended_at is None), None)
    at_availability = visit.status == VISIT_IN_PROGRESS and open_number == sop.AVAILABILITY
    view = VisitView(
        visit_id=visit.id,
        code=visit.code,
        status=visit.status,
        visitor_name=visit.visitor.name if visit.visitor else None,
        institution=visit.visitor.institution if visit.visitor else None,
        arrived_at=visit.arrived_at,
        left_at=visit.left_at,
        outside_service_hours=visit.outside_service_hours,
        rack_slot=visit.rack_slot,
        reading_table=visit.reading_table,
        service_type_label=dict(service_types).get(visit.service_type or "", visit.service_type),
        refusal_reason=visit.refusal_reason,
        steps=steps,
        step_notes={step.step_number: step.note for step in visit.steps if step.note},
        requests=request_views(session, visit, with_suggestions=at_availability),
        awaiting_payment=is_awaiting_payment(visit),
        sales=visit_sales(session, visit.id),
    )
    at_table_step = view.open_step is not None and view.open_step.number == sop.READING_TABLE
    taken = visit_queries.taken_reading_tables(session, office_id) if at_table_step else []
    agencies = library_desk.active_agencies(session, office_id) if at_availability else []
    return ServiceView(
        visit=view,
        targets=visit_queries.step_targets_in_force(session, visit.visit_date),
        corrections=tuple(correction_queries.corrections_of_visit(session, visit.id)),
        service_types=service_types,
        taken_tables=tuple(taken),
        table_count=table_count,
        marker=change_marker(session, office_id, visit.id),
        agencies=tuple(agencies),
    )


def change_marker(session: Session, office_id: int, visit_id: int) -> str:
    """A short text that changes whenever the visit moves on (a step ends, starts or is
    corrected, the visit closes). The page keeps the marker it last drew and redraws when
    the database's differs, so a second officer's work shows up without a reload."""
    visit = session.get(Visit, visit_id)
    if visit is None or visit.office_id != office_id:
        return "missing"
    step = visit_queries.open_step(session, visit_id)
    count, newest = correction_queries.correction_marker(session, visit_id)
    if step is None:
        step_part = "-"
    else:
        # The outcome too: step 9 answered "yes" stays open while the visitor pays.
        started = step.started_at.isoformat() if step.started_at else "-"
        step_part = f"{step.id}:{started}:{step.outcome or '-'}"
    return f"{visit.status}|{step_part}|{count}:{newest}"


def waiting_text(queued_at: datetime, now: datetime) -> str:
    """'Pengunjung menunggu sejak 09:12 (7 mnt)' for a step nobody has started yet."""
    waited = int(max(0.0, minutes_between(queued_at, now)))
    how_long = "baru saja" if waited < 1 else f"{waited} mnt"
    return f"Pengunjung menunggu sejak {format_clock(queued_at)} ({how_long})"


def payment_wait_text(offered_at: datetime | None, now: datetime) -> str:
    """'menunggu sejak 09:12 (7 mnt)': since the offer began (step 9's start)."""
    if offered_at is None:
        return "menunggu"
    waited = int(max(0.0, minutes_between(offered_at, now)))
    how_long = "baru saja" if waited < 1 else f"{waited} mnt"
    return f"menunggu sejak {format_clock(offered_at)} ({how_long})"


def request_lines(text: str | None) -> list[str]:
    """Step 4's textarea: one data request per line (blank lines are dropped by the
    service, which also says when nothing was written)."""
    return (text or "").splitlines()


def record_purpose_from_form(
    session: Session,
    actor: Actor,
    visit_id: int,
    service_type: str | None,
    requests_text: str | None,
) -> Visit:
    """Step 4's form through the service: the chosen service type checked against the PST
    service types of the reference data, the textarea read one request per line."""
    known = [code for code, _label in lookup_options(session, SERVICE_TYPE)]
    return visit_services.record_purpose(
        session, actor, visit_id, service_type, request_lines(requests_text), known
    )


def agency_key(name: str | None) -> str:
    """A name as the directory is matched on: folded (case, accents), words only, so that a
    name typed as 'dinas  KESEHATAN' finds 'Dinas Kesehatan'."""
    return " ".join(words(name or ""))


def directory_ids(agencies: Sequence[DirectoryAgency]) -> dict[str, int]:
    """The directory's agencies by ``agency_key`` of their names."""
    return {agency_key(agency.name): agency.id for agency in agencies}


def availability_decisions(
    request_ids: Sequence[int],
    choices: Mapping[int, str | None],
    agencies: Mapping[int, str | None],
    notes: Mapping[int, str | None],
    directory: Mapping[str, int] | None = None,
) -> list[RequestDecision]:
    """Step 7's form values, keyed by request id, as the decisions the service takes.
    A request with no choice is passed as undecided so the service names it.

    The referral field holds a name: picked from the suggestions or the directory list, or
    typed. A name that is one of the directory (``directory``, by ``agency_key``) refers to
    that agency; any other name is recorded as typed."""
    decisions = []
    for request_id in request_ids:
        choice = choices.get(request_id)
        available = {AVAILABLE: True, NOT_AVAILABLE: False}.get(choice or "")
        typed = None if available else (agencies.get(request_id) or None)
        decisions.append(
            RequestDecision(
                request_id=request_id,
                available=available,
                referred_agency=typed,
                answer_note=notes.get(request_id) or None,
                referred_agency_id=(directory or {}).get(agency_key(typed)) if typed else None,
            )
        )
    return decisions


def record_availability_from_form(
    session: Session,
    actor: Actor,
    visit_id: int,
    choices: Mapping[int, str | None],
    agencies: Mapping[int, str | None],
    notes: Mapping[int, str | None],
) -> list[RequestDecision]:
    """Step 7's form through the service, the referral names matched against the directory
    in the same transaction; returns the decisions taken."""
    directory = directory_ids(library_desk.active_agencies(session, actor.office_id))
    decisions = availability_decisions(list(choices), choices, agencies, notes, directory)
    visit_services.record_availability(session, actor, visit_id, decisions)
    return decisions


def availability_message(decisions: Sequence[RequestDecision]) -> str:
    """What the officer is told after step 7: where the visitor goes next."""
    referred = sum(1 for decision in decisions if decision.available is False)
    if referred == len(decisions):
        return "Pengunjung dirujuk; lanjut ke pengambilan tas."
    if referred:
        return (
            f"Ketersediaan data disimpan ({referred} permintaan dirujuk); "
            "antar pengunjung ke meja baca."
        )
    return "Ketersediaan data disimpan; antar pengunjung ke meja baca."


def correct_time_from_form(
    session: Session,
    actor: Actor,
    visit_id: int,
    step_id: object,
    field: str | None,
    time_text: str | None,
    reason: str | None,
) -> VisitStep:
    """The 'Koreksi waktu' form: the typed time is read on the WIB day of the value being
    corrected, then the correction service applies its rules. All messages come back
    together (a malformed time and a missing reason are reported at once)."""
    step_key = parse_id(step_id)
    step = (
        correction_queries.step_of_visit(session, actor.office_id, visit_id, step_key)
        if step_key is not None
        else None
    )
    if step is None:
        raise InputError.on("corrected_step", "Pilih langkah yang waktunya dikoreksi.")
    current = getattr(step, field) if field in CORRECTABLE_FIELDS else None
    time_errors: dict[str, str] = {}
    new_value = None
    try:
        typed = parse_clock_on_day(time_text, current or step.queued_at)
        lower_bounds = [step.queued_at, step.started_at if field == ENDED else None]
        new_value = snap_to_bounds(typed, lower_bounds)
    except InputError as error:
        time_errors = error.errors
    try:
        return correct_step_time(session, actor, step.id, field or "", new_value, reason)
    except InputError as error:
        raise InputError({**error.errors, **time_errors}) from None
