"""Recording a visit stage by stage, as the SOP orders it.

Each function is one officer action: it checks the visit is where the action expects it,
ends the current step at ``actor.now``, and opens the next one: started at once when the SOP
flows straight on, or queued (waiting) when the visitor has to wait for it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.audit import Actor, record_audit
from dashboard.clock import local_date
from dashboard.errors import FORM, InputError
from dashboard.office.service_hours import office_flags_outside_hours
from dashboard.text_input import clean_text, column_length, optional_text
from dashboard.visits.arrival import (
    check_number_free,
    normalize_visit_code,
    parse_temperature,
    screen_visitor,
    visit_code,
)
from dashboard.visits.guest_book import GuestBookEntry
from db.models import (
    VISIT_DONE,
    VISIT_IN_PROGRESS,
    VISIT_REFUSED,
    Agency,
    DataRequest,
    DataRequestPublication,
    Publication,
    Visit,
    Visitor,
    VisitStep,
)
from db.queries import offices
from db.queries import visits as queries

MAX_REQUESTS = 20
MAX_REQUEST = 1000
"""Letters of one data request (one line of step 4's text)."""
MAX_NOTE = 2000
"""Letters of a note an officer types at a step (step 6's search, step 7's answer)."""
MAX_AGENCY = column_length(DataRequest.referred_agency)
MAX_CLIENT_KEY = column_length(Visit.client_key)


@dataclass(frozen=True)
class RequestDecision:
    """Step 7 for one data request: available or not, and where the visitor is referred.

    A referral names an agency of the directory (``referred_agency_id``; its name is kept as a
    snapshot in ``DataRequest.referred_agency``) or, when the directory has no fitting agency,
    only the name typed in ``referred_agency``.
    """

    request_id: int
    available: bool | None
    referred_agency: str | None = None
    answer_note: str | None = None
    referred_agency_id: int | None = None


# -- the shared mechanics -------------------------------------------------------------------


def _load_active_visit(session: Session, actor: Actor, visit_id: int) -> Visit:
    """The visit, locked for this action; it must be this office's and still open."""
    office_id = actor.office_id
    visit = queries.lock_visit(session, visit_id)
    if visit is None or visit.office_id != office_id:
        raise InputError.form("Kunjungan tidak ditemukan.")
    if visit.status != VISIT_IN_PROGRESS:
        raise InputError.form(f"Kunjungan {visit.code} sudah ditutup; tidak bisa diubah lagi.")
    return visit


def _current_step(session: Session, visit: Visit, expected: int) -> VisitStep:
    """The visit's open step, which must be ``expected`` and already started."""
    step = queries.open_step(session, visit.id)
    if step is None or step.step_number != expected:
        where = sop.step_label(step.step_number) if step else "tidak ada langkah terbuka"
        raise InputError.form(
            f"Kunjungan {visit.code} sedang di langkah {where}, bukan {sop.step_label(expected)}."
        )
    if step.started_at is None:
        raise InputError.form(
            f"Langkah {sop.step_label(expected)} belum dimulai. Klik 'Mulai' terlebih dahulu."
        )
    return step


def _end_step(step: VisitStep, actor: Actor, outcome: str | None = None) -> None:
    if step.started_at is not None and actor.now < step.started_at:
        raise InputError.form("Waktu selesai tidak boleh sebelum waktu mulai.")
    step.ended_at = actor.now
    step.ended_by_id = actor.user_id
    step.outcome = outcome


def _open_step(session: Session, visit: Visit, number: int, actor: Actor) -> VisitStep:
    starts_now = sop.starts_immediately(number)
    step = VisitStep(
        visit_id=visit.id,
        step_number=number,
        queued_at=actor.now,
        started_at=actor.now if starts_now else None,
        started_by_id=actor.user_id if starts_now else None,
    )
    session.add(step)
    return step


def _advance(
    session: Session,
    visit: Visit,
    step: VisitStep,
    actor: Actor,
    outcome: str | None = None,
    *,
    any_data_available: bool = True,
) -> VisitStep | None:
    """End the visit's current ``step`` (from ``_current_step``) and open the one the SOP
    sends the visit to next."""
    _end_step(step, actor, outcome)
    following = sop.step_after(step.step_number, any_data_available=any_data_available)
    session.flush()
    if following is None:
        return None
    return _open_step(session, visit, following, actor)


def _flush_or_explain(session: Session, field: str, message: str) -> None:
    """Flush inside a savepoint; a unique index refusing the row becomes a field message."""
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise InputError.on(field, message) from exc


# -- arrival: steps 1 to 3 ------------------------------------------------------------------


def start_visit(session: Session, actor: Actor, client_key: str | None = None) -> Visit:
    """A visitor is at the door: the visit gets today's next code and step 1 begins.

    ``client_key`` identifies the form that asked; asking twice (a double click) returns the
    visit the first request made instead of a second one.
    """
    office = offices.lock_office(session, actor.office_id)
    # A key the page made itself: a wrong one is a tampered request, told above the form.
    client_key = optional_text(FORM, client_key, label="Kunci formulir", limit=MAX_CLIENT_KEY)
    if client_key:
        existing = queries.visit_by_client_key(session, client_key)
        if existing is not None:
            return existing
    day = local_date(actor.now, ZoneInfo(office.timezone))
    visit = Visit(
        office_id=office.id,
        visit_date=day,
        code=visit_code(queries.count_visits_on(session, office.id, day) + 1),
        client_key=client_key,
        arrived_at=actor.now,
        status=VISIT_IN_PROGRESS,
        outside_service_hours=office_flags_outside_hours(office, actor.now),
        imported=False,
        created_by_id=actor.user_id,
    )
    session.add(visit)
    session.flush()
    session.add(
        VisitStep(
            visit_id=visit.id,
            step_number=sop.SCREENING,
            queued_at=actor.now,
            started_at=actor.now,
            started_by_id=actor.user_id,
        )
    )
    record_audit(session, actor, "visit.start", "visit", visit.id, after={"code": visit.code})
    session.flush()
    return visit


def record_screening(
    session: Session,
    actor: Actor,
    visit_id: int,
    mask_worn: bool | None,
    temperature: object,
    fever_threshold: Decimal,
) -> Visit:
    """Step 1. A refused visitor's visit ends here, recorded as refused at screening."""
    errors: dict[str, str] = {}
    parsed_temperature = Decimal(0)
    try:
        parsed_temperature = parse_temperature(temperature)
    except InputError as error:
        errors.update(error.errors)
    if mask_worn is None:
        errors["mask"] = "Pilih apakah pengunjung memakai masker."
    if errors:
        raise InputError(errors)
    visit = _load_active_visit(session, actor, visit_id)
    result = screen_visitor(mask_worn, parsed_temperature, fever_threshold)
    visit.mask_worn = mask_worn
    visit.temperature_celsius = parsed_temperature
    visit.admitted = result.admitted
    step = _current_step(session, visit, sop.SCREENING)
    if result.admitted:
        _advance(session, visit, step, actor, sop.OUTCOME_ADMITTED)
    else:
        _end_step(step, actor, sop.OUTCOME_REFUSED)
        visit.refusal_reason = result.refusal_reason
        visit.status = VISIT_REFUSED
        visit.left_at = actor.now
    record_audit(
        session,
        actor,
        "visit.screening",
        "visit",
        visit.id,
        after={"mask": mask_worn, "temperature": parsed_temperature, "admitted": visit.admitted},
    )
    session.flush()
    return visit


def place_bag(
    session: Session, actor: Actor, visit_id: int, rack_slot: object, rack_capacity: int
) -> Visit:
    """Step 2: the bag goes on a rack slot; the visit code is its tag."""
    return _take_free_number(
        session,
        actor,
        visit_id,
        FreePlace(sop.BAG_RACK, "rack_slot", "rak", queries.taken_rack_slots, "visit.bag_rack"),
        rack_slot,
        rack_capacity,
    )


@dataclass(frozen=True)
class FreePlace:
    """A numbered place a visit takes at one step: a rack slot (2), a reading table (8)."""

    step_number: int
    field: str
    """The visit's column, also the form field a refusal is reported on."""
    word: str
    taken: Callable[[Session, int], Collection[int]]
    audit_action: str


def _take_free_number(
    session: Session, actor: Actor, visit_id: int, place: FreePlace, value: object, capacity: int
) -> Visit:
    """The visit takes the free ``place`` numbered ``value`` and moves on to the next step.
    Two officers taking the same number at once: the second is told it was just taken."""
    visit = _load_active_visit(session, actor, visit_id)
    step = _current_step(session, visit, place.step_number)
    taken = place.taken(session, actor.office_id)
    number = check_number_free(place.field, place.word, value, taken, capacity)
    setattr(visit, place.field, number)
    _flush_or_explain(
        session, place.field, f"{place.word.capitalize()} nomor {number} baru saja terpakai."
    )
    _advance(session, visit, step, actor)
    record_audit(session, actor, place.audit_action, "visit", visit.id, after={place.field: number})
    session.flush()
    return visit


def _save_visitor(session: Session, actor: Actor, entry: GuestBookEntry) -> Visitor:
    visitor = queries.find_visitor_by_contact(session, actor.office_id, entry.phone, entry.email)
    if visitor is None:
        visitor = Visitor(office_id=actor.office_id, created_at=actor.now)
        session.add(visitor)
    for field, value in vars(entry).items():
        if value is not None or field in {"name", "gender"}:
            setattr(visitor, field, value)
    visitor.updated_at = actor.now
    return visitor


def record_guest_book(
    session: Session, actor: Actor, visit_id: int, entry: GuestBookEntry
) -> Visit:
    """Step 3. A returning visitor (same phone or email) is updated, not duplicated."""
    visit = _load_active_visit(session, actor, visit_id)
    step = _current_step(session, visit, sop.GUEST_BOOK)
    visitor = _save_visitor(session, actor, entry)
    session.flush()
    visit.visitor_id = visitor.id
    _advance(session, visit, step, actor)
    record_audit(
        session, actor, "visit.guest_book", "visit", visit.id, after={"visitor_id": visitor.id}
    )
    session.flush()
    return visit


# -- service: steps 4 to 10 -----------------------------------------------------------------


def start_waiting_step(session: Session, actor: Actor, visit_id: int, step_number: int) -> Visit:
    """An officer takes up a step the visitor was waiting for (4, 9 or 10)."""
    visit = _load_active_visit(session, actor, visit_id)
    step = queries.open_step(session, visit.id)
    if step is None or step.step_number != step_number:
        raise InputError.form(
            f"Kunjungan {visit.code} tidak sedang menunggu {sop.step_label(step_number)}."
        )
    if step.started_at is None:
        step.started_at = actor.now
        step.started_by_id = actor.user_id
        record_audit(
            session, actor, "visit.start_step", "visit", visit.id, after={"step": step_number}
        )
        session.flush()
    return visit


def clean_requests(texts: Sequence[str]) -> list[str]:
    lines = [
        clean_text("requests", text, label="Data yang dicari", limit=MAX_REQUEST) for text in texts
    ]
    cleaned = [line for line in lines if line]
    if not cleaned:
        raise InputError.on("requests", "Tuliskan paling sedikit satu data yang dicari.")
    if len(cleaned) > MAX_REQUESTS:
        raise InputError.on("requests", f"Paling banyak {MAX_REQUESTS} permintaan data.")
    return cleaned


def record_purpose(
    session: Session,
    actor: Actor,
    visit_id: int,
    service_type: str | None,
    request_texts: Sequence[str],
    known_service_types: Sequence[str],
) -> Visit:
    """Step 4: the PST service type and the data asked for, one request per line."""
    errors: dict[str, str] = {}
    if service_type not in known_service_types:
        errors["service_type"] = "Pilih jenis layanan PST."
    try:
        texts = clean_requests(request_texts)
    except InputError as error:
        errors.update(error.errors)
    if errors:
        raise InputError(errors)
    visit = _load_active_visit(session, actor, visit_id)
    step = _current_step(session, visit, sop.PURPOSE)
    visit.service_type = service_type
    for position, text in enumerate(texts, start=1):
        session.add(DataRequest(visit_id=visit.id, position=position, description=text))
    _advance(session, visit, step, actor)
    record_audit(
        session,
        actor,
        "visit.purpose",
        "visit",
        visit.id,
        after={"service_type": service_type, "requests": texts},
    )
    session.flush()
    return visit


def finish_search(session: Session, actor: Actor, visit_id: int, note: str | None) -> Visit:
    """Step 6: the officer has searched the books and the library system."""
    visit = _load_active_visit(session, actor, visit_id)
    step = _current_step(session, visit, sop.SEARCH)
    step.note = optional_text("note", note, label="Catatan", limit=MAX_NOTE, multiline=True)
    _advance(session, visit, step, actor)
    record_audit(session, actor, "visit.search", "visit", visit.id)
    session.flush()
    return visit


def _typed_texts(field: str, decision: RequestDecision) -> tuple[str, str | None]:
    """The agency name and the answer note typed for one request, by the one text rule."""
    agency = clean_text(field, decision.referred_agency, label="Nama dinas", limit=MAX_AGENCY)
    note = optional_text(
        field, decision.answer_note, label="Catatan", limit=MAX_NOTE, multiline=True
    )
    return agency, note


def _referral_agency(
    session: Session, actor: Actor, decision: RequestDecision, typed_name: str
) -> tuple[Agency | None, str | None]:
    """The directory agency of a referral (or None for a typed name), or the message saying
    why the referral cannot be recorded."""
    if decision.referred_agency_id is not None:
        agency = session.get(Agency, decision.referred_agency_id)
        if agency is None or agency.office_id != actor.office_id or not agency.active:
            return None, "Dinas/instansi itu tidak ada (lagi) di direktori; pilih atau ketik lagi."
        return agency, None
    if not typed_name:
        return None, "Tuliskan dinas/instansi rujukan."
    return None, None


def record_availability(
    session: Session, actor: Actor, visit_id: int, decisions: Sequence[RequestDecision]
) -> Visit:
    """Step 7, per request: available, or referred to another agency (one of the directory,
    whose name is kept as it is now, or a name typed by the officer).

    A request referred elsewhere keeps no publication picked for it at step 6. When nothing
    was available the visit skips steps 8-9 and goes to collecting the bag.
    """
    visit = _load_active_visit(session, actor, visit_id)
    step = _current_step(session, visit, sop.AVAILABILITY)
    requests = {request.id: request for request in queries.requests_of_visit(session, visit.id)}
    by_request = {decision.request_id: decision for decision in decisions}
    errors: dict[str, str] = {}
    agencies: dict[int, Agency | None] = {}
    typed: dict[int, tuple[str, str | None]] = {}
    for request_id, request in requests.items():
        field = f"request-{request_id}"
        decision = by_request.get(request_id)
        if decision is None or decision.available is None:
            errors[field] = f"Tentukan ketersediaan: {request.description}"
            continue
        try:
            typed[request_id] = _typed_texts(field, decision)
        except InputError as error:
            errors.update(error.errors)
            continue
        if not decision.available:
            agencies[request_id], problem = _referral_agency(
                session, actor, decision, typed[request_id][0]
            )
            if problem:
                errors[field] = problem
    if errors:
        raise InputError(errors)
    for request_id, request in requests.items():
        decision = by_request[request_id]
        agency = agencies.get(request_id)
        typed_name, answer_note = typed[request_id]
        request.available = decision.available
        request.referred_agency_id = agency.id if agency is not None else None
        if decision.available:
            request.referred_agency = None
        elif agency is not None:
            request.referred_agency = agency.name
        else:
            request.referred_agency = typed_name
        request.answer_note = answer_note
        request.decided_at = actor.now
        if not decision.available:
            queries.unlink_request_publications(session, request_id)
    any_available = any(request.available for request in requests.values())
    _advance(
        session,
        visit,
        step,
        actor,
        sop.OUTCOME_FOUND if any_available else sop.OUTCOME_REFERRED,
        any_data_available=any_available,
    )
    record_audit(
        session,
        actor,
        "visit.availability",
        "visit",
        visit.id,
        after={request.id: request.referred_agency or "tersedia" for request in requests.values()},
    )
    session.flush()
    return visit


# -- step 6/7: publications that answer a request ------------------------------------------

LIBRARY_STEPS = (sop.SEARCH, sop.AVAILABILITY)
"""The steps during which a publication may be picked for (or removed from) a request."""


def _request_at_library_step(
    session: Session, actor: Actor, visit_id: int, request_id: int
) -> DataRequest:
    """The visit's request, while the visit is at step 6 or 7 (started)."""
    visit = _load_active_visit(session, actor, visit_id)
    step = queries.open_step(session, visit.id)
    if step is None or step.step_number not in LIBRARY_STEPS or step.started_at is None:
        where = sop.step_label(step.step_number) if step else "tidak ada langkah terbuka"
        raise InputError.form(
            f"Kunjungan {visit.code} sedang di langkah {where}; publikasi hanya bisa dipilih "
            f"pada langkah {sop.step_label(sop.SEARCH)} atau {sop.step_label(sop.AVAILABILITY)}."
        )
    request = session.get(DataRequest, request_id)
    if request is None or request.visit_id != visit.id:
        raise InputError.form("Permintaan data itu bukan milik kunjungan ini.")
    return request


def _link_exists(session: Session, request_id: int, publication_id: int) -> bool:
    return queries.request_publication_linked(session, request_id, publication_id)


def mark_request_found(
    session: Session, actor: Actor, visit_id: int, request_id: int, publication_id: int
) -> DataRequest:
    """Step 6 (or 7): the officer found ``publication_id`` for the request. The request
    becomes available and the publication is linked to it; picking it again changes
    nothing. A retired publication, or one of another office, is refused."""
    request = _request_at_library_step(session, actor, visit_id, request_id)
    publication = session.get(Publication, publication_id)
    if publication is None or publication.office_id != actor.office_id:
        raise InputError.form("Publikasi itu tidak ada di katalog.")
    if publication.retired_at is not None:
        raise InputError.form(
            f"“{publication.title}” sudah ditarik dari katalog; pilih publikasi lain."
        )
    if _link_exists(session, request.id, publication.id):
        return request
    session.add(DataRequestPublication(data_request_id=request.id, publication_id=publication.id))
    request.available = True
    request.referred_agency = None
    request.referred_agency_id = None
    request.decided_at = actor.now
    record_audit(
        session,
        actor,
        "request.found",
        "data_request",
        request.id,
        after={"publication_id": publication.id, "catalog_number": publication.catalog_number},
    )
    session.flush()
    session.expire(request, ["publications"])
    return request


def unmark_request_found(
    session: Session, actor: Actor, visit_id: int, request_id: int, publication_id: int
) -> DataRequest:
    """Undo a pick: the publication no longer answers the request. When it was the last one,
    the request is undecided again (step 7 asks for it). Removing a pick that is not there
    changes nothing."""
    request = _request_at_library_step(session, actor, visit_id, request_id)
    if not _link_exists(session, request.id, publication_id):
        return request
    queries.unlink_request_publication(session, request.id, publication_id)
    if not queries.request_has_publications(session, request.id):
        request.available = None
        request.decided_at = None
    record_audit(
        session,
        actor,
        "request.unfound",
        "data_request",
        request.id,
        before={"publication_id": publication_id},
    )
    session.flush()
    session.expire(request, ["publications"])
    return request


def seat_at_reading_table(
    session: Session, actor: Actor, visit_id: int, table: object, table_count: int
) -> Visit:
    """Step 8: the officer takes the visitor to a free reading table."""
    return _take_free_number(
        session,
        actor,
        visit_id,
        FreePlace(
            sop.READING_TABLE,
            "reading_table",
            "meja baca",
            queries.taken_reading_tables,
            "visit.reading_table",
        ),
        table,
        table_count,
    )


def record_purchase_offer(
    session: Session, actor: Actor, visit_id: int, wants_to_buy: bool | None
) -> Visit:
    """Step 9: the purchase offer and the visitor's answer.

    "No" ends the step and queues step 10. "Yes" records the outcome "buys" and leaves the
    step open: the visitor waits for the treasurer, whose receipt ends it
    (``dashboard.pnbp.sales.record_sale``), so the step's time runs from the offer to the
    receipt. "No" after "yes" (the visitor changed their mind) ends it as "declines"; "yes"
    twice changes nothing.
    """
    if wants_to_buy is None:
        raise InputError.on("purchase", "Pilih jawaban pengunjung: membeli atau tidak.")
    visit = _load_active_visit(session, actor, visit_id)
    step = _current_step(session, visit, sop.PURCHASE_OFFER)
    if wants_to_buy:
        if step.outcome == sop.OUTCOME_BUYS:
            return visit
        step.outcome = sop.OUTCOME_BUYS
        outcome = sop.OUTCOME_BUYS
    else:
        outcome = sop.OUTCOME_DECLINES
        _advance(session, visit, step, actor, outcome)
    record_audit(session, actor, "visit.purchase_offer", "visit", visit.id, after={"buys": outcome})
    session.flush()
    return visit


def visit_awaiting_payment(session: Session, actor: Actor, visit_id: int) -> Visit:
    """The visit, locked, when it waits for the treasurer: open at step 9 with the answer
    "buys"; otherwise the reason it does not."""
    visit = _load_active_visit(session, actor, visit_id)
    step = queries.open_step(session, visit.id)
    if step is None or step.step_number != sop.PURCHASE_OFFER:
        where = sop.step_label(step.step_number) if step else "tidak ada langkah terbuka"
        raise InputError.form(
            f"Kunjungan {visit.code} sedang di langkah {where}, tidak menunggu pembayaran."
        )
    if step.outcome != sop.OUTCOME_BUYS:
        raise InputError.form(
            f"Pengunjung {visit.code} belum menyatakan membeli pada langkah "
            f"{sop.step_label(sop.PURCHASE_OFFER)}."
        )
    return visit


def end_purchase_with_receipt(session: Session, actor: Actor, visit: Visit) -> VisitStep | None:
    """Step 9 ends when the treasurer issues the receipt (at ``actor.now``); the visitor
    then waits for step 10. ``visit`` comes from ``visit_awaiting_payment``."""
    step = _current_step(session, visit, sop.PURCHASE_OFFER)
    return _advance(session, visit, step, actor, sop.OUTCOME_BUYS)


def return_bag(session: Session, actor: Actor, visit_id: int, tag_code: str | None) -> Visit:
    """Step 10 and 12: the bag is handed back against its tag and the visit is done."""
    visit = _load_active_visit(session, actor, visit_id)
    typed = normalize_visit_code(tag_code)
    if not typed:
        raise InputError.on("tag_code", "Ketik kode pada label tas, mis. A-017.")
    if typed != visit.code:
        raise InputError.on(
            "tag_code", f"Kode {typed} tidak cocok dengan kunjungan ini. Periksa label tas."
        )
    step = _current_step(session, visit, sop.BAG_RETURN)
    _advance(session, visit, step, actor, sop.OUTCOME_BAG_RETURNED)
    visit.status = VISIT_DONE
    visit.left_at = actor.now
    record_audit(session, actor, "visit.done", "visit", visit.id)
    session.flush()
    return visit
