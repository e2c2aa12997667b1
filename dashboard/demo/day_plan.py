"""One working day of an office, simulated in time order (pure).

The day's visitors arrive (``patterns``), each with what they will do (``people``): refused at
screening or not, who they are, what they ask for, what the catalog has for it, whether they
buy. A small discrete-event simulation then runs the day: every officer action becomes an
``Action`` at its moment, in the order the moments come, so that replaying the actions one
after the other (``generator`` through the services, ``bulk`` as rows) sees the desk as it
was at each moment.

Shared things are resources, as at the desk: the bag rack and the reading tables (the lowest
free number is taken, as the arrival and service pages propose, and a visitor waits when all
are taken), the officers (steps 4 to 8 are one officer's continuous work; the waiting steps
4, 9 and 10 start when an officer is free) and the treasurer (one sale at a time). Waiting
for a free officer is waiting time, apart from the step's own time.
"""

from __future__ import annotations

import heapq
import random
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from dashboard import sop
from dashboard.demo import patterns
from dashboard.demo.people import (
    KINDS,
    TOPIC_BY_KEY,
    Person,
    PersonKind,
    Region,
    Topic,
    catalog_query,
    new_person,
    phone_number,
    pick,
    request_text,
    topic_weights,
    zero_rupiah_letter,
)
from dashboard.pnbp import rules as pnbp

# -- what the plan holds ------------------------------------------------------------------------

ARRIVE = "arrive"
SCREEN = "screen"
BAG = "bag"
GUEST_BOOK = "guest_book"
START_STEP = "start_step"
PURPOSE = "purpose"
FOUND = "found"
SEARCH_DONE = "search_done"
AVAILABILITY = "availability"
SEAT = "seat"
OFFER = "offer"
SALE = "sale"
VOID = "void"
RETURN_BAG = "return_bag"
DEPOSIT = "deposit"
CORRECT_START = "correct_start"


@dataclass(frozen=True)
class PublicationInfo:
    """What the plan needs to know of a catalog publication."""

    id: int
    title: str
    year: int
    has_hardcopy: bool
    has_softcopy: bool
    catalog_number: str = ""

    @property
    def size_class(self) -> int:
        """0 thin, 1 ordinary, 2 thick: which hardcopy tariff applies (by page count)."""
        if self.title.startswith(("Kecamatan ", "Statistik Daerah")):
            return 0
        return 2 if " Dalam Angka " in f"{self.title} " or "Sensus" in self.title else 1


@dataclass(frozen=True)
class Library:
    """The office's catalog as the desk search answers each topic's query (best first)."""

    publications: Mapping[int, PublicationInfo]
    hits: Mapping[str, tuple[int, ...]]

    def available(self, query: str, day: date) -> list[PublicationInfo]:
        """The hits of ``query`` already published on ``day`` (a publication of year Y is
        out from March of Y)."""
        found = []
        for publication_id in self.hits.get(query, ()):
            publication = self.publications[publication_id]
            if publication.year < day.year or (publication.year == day.year and day.month >= 3):
                found.append(publication)
        return found


@dataclass(frozen=True)
class Screening:
    """Step 1 as the officer enters it: mask worn, and the temperature as typed."""

    mask: bool
    temperature: str


@dataclass(frozen=True)
class PlannedRequest:
    """One thing the visitor asks for at step 4, and how the desk answers it."""

    position: int
    text: str
    publications: tuple[int, ...]
    """Found: the publications picked at step 6, in order. Empty: referred at step 7."""
    agency: str | None
    """Referred: the agency to name when the directory suggests none."""

    @property
    def found(self) -> bool:
        return bool(self.publications)


@dataclass(frozen=True)
class Purpose:
    """Step 4: the PST service asked for and the requests as the officer types them."""

    service_type: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Found:
    """Step 6: a publication picked for the request at ``position``."""

    position: int
    publication_id: int


@dataclass(frozen=True)
class PlannedLine:
    """One receipt line: a publication (or a described service) of a tariff kind; the
    ``size_class`` picks the hardcopy tariff by thickness."""

    item_kind: str
    quantity: int
    publication_id: int | None
    description: str | None
    size_class: int = 1


@dataclass(frozen=True)
class SalePlan:
    """The treasurer's form for one sale (to a visit at step 9, or to a walk-in buyer)."""

    key: int
    """Identifies the sale within the day (a void names it)."""
    visit: int | None
    payer_name: str
    payer_institution: str | None
    payment_method: str
    payment_reference: str | None
    lines: tuple[PlannedLine, ...]
    zero_rupiah_reason: str | None
    zero_rupiah_letter: str | None


@dataclass(frozen=True)
class Void:
    """A sale of the day voided, with the reason the treasurer gives."""

    sale_key: int
    reason: str


@dataclass(frozen=True)
class StartCorrection:
    """The officer clicked 'Mulai' of a waiting step late and corrects its start."""

    step: int
    started_at: datetime
    reason: str


@dataclass(frozen=True)
class DepositReferences:
    """The state treasury's references of a deposit: SIMPONI billing code and NTPN."""

    billing_code: str
    ntpn: str


@dataclass(frozen=True)
class Action:
    """One officer's (or the treasurer's) action at its moment (UTC, whole seconds)."""

    at: datetime
    kind: str
    visit: int | None
    data: Any = None


@dataclass
class PlannedVisit:
    """One visitor of the day: who, when, and what they will do."""

    index: int
    arrival: int
    """Seconds after local midnight."""
    person: Person
    returning: bool
    screening: Screening
    refused: bool
    service_type: str
    requests: tuple[PlannedRequest, ...]
    buys: bool
    reading: int
    slot: int | None = None
    table: int | None = None


@dataclass
class DayPlan:
    """A working day's visits and the actions that replay it, in time order."""

    day: date
    visits: list[PlannedVisit]
    actions: list[Action]


@dataclass
class OfficeState:
    """What carries over from one day to the next: the people who may come again (they gave
    a phone or e-mail, so the guest book recognises them), the contacts already in use, and
    the hardcopy stock."""

    pool: list[Person] = field(default_factory=list)
    contacts: set[str] = field(default_factory=set)
    stock: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DayContext:
    """What a day is planned from: the office, its catalog and desk, and the day's scale."""

    day: date
    zone: ZoneInfo
    first_day: date
    region: Region
    library: Library
    service_types: tuple[str, ...]
    volume: float = 1.0
    """Multiplies the visits (and desk staff and furniture) of an ordinary office."""
    rack_slots: int = 30
    reading_tables: int = 8
    officers: int = 2
    fever_threshold: Decimal = Decimal("37.5")
    deposit: bool = False
    """The treasurer deposits the undeposited takings at the end of this day."""

    def moment(self, seconds: int) -> datetime:
        """The UTC moment ``seconds`` after the day's local midnight."""
        return _midnight(self.day, self.zone) + timedelta(seconds=seconds)


@lru_cache(maxsize=4096)
def _midnight(day: date, zone: ZoneInfo) -> datetime:
    """Local midnight as a UTC moment (offices' zones keep one offset through a day)."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


VOID_REASONS = (
    ("Salah input jumlah halaman", True),
    ("Nama pembayar salah ketik", True),
    ("Cara pembayaran salah dicatat", True),
    ("Pembeli membatalkan pembelian", False),
    ("Pembayaran QRIS gagal, pembeli tidak jadi membeli", False),
)
"""Why a receipt is voided, and whether a corrected receipt is issued right after."""
LATE_CLICK_REASONS = (
    "Lupa klik Mulai saat pengunjung mulai dilayani",
    "Klik Mulai terlambat karena antrean ramai",
    "Petugas melayani dulu, baru mencatat di sistem",
)
MIN_WAIT_FOR_CORRECTION = 120
LAST_VOID_SECOND = 15 * 3600 + 40 * 60
DEPOSIT_SECOND = (15 * 3600 + 45 * 60, 16 * 3600 + 10 * 60)
TARGETS = {number: step.target_minutes for number, step in sop.STEP_BY_NUMBER.items()}


# -- deciding who comes and what they want -------------------------------------------------------


def expected_visits(ctx: DayContext) -> float:
    factors = patterns.day_factors(ctx.day)
    students = sum(kind.weight for kind in KINDS if kind.student)
    mix = factors.general * (1 - students) + factors.student * students
    return patterns.BASE_DAILY_VISITS * ctx.volume * patterns.growth(ctx.day, ctx.first_day) * mix


def _kind_weights(ctx: DayContext) -> list[float]:
    factors = patterns.day_factors(ctx.day)
    return [kind.weight * (factors.student if kind.student else factors.general) for kind in KINDS]


def _unique_contacts(rng: random.Random, person: Person, state: OfficeState) -> Person:
    """The person with a phone and e-mail nobody else uses (the guest book finds returning
    visitors by them)."""
    phone, email = person.phone, person.email
    while phone is not None and phone in state.contacts:
        phone = phone_number(rng)
    while email is not None and email in state.contacts:
        local, domain = email.split("@")
        email = f"{local}{rng.randint(0, 9)}@{domain}"
    for contact in (phone, email):
        if contact is not None:
            state.contacts.add(contact)
    if (phone, email) == (person.phone, person.email):
        return person
    return Person(**{**vars(person), "phone": phone, "email": email})


def _returning_person(rng: random.Random, state: OfficeState, today: set[str]) -> Person | None:
    """Someone from the pool, the recent ones more likely; None when the draw finds nobody
    who may come today."""
    if not state.pool or rng.random() >= patterns.RETURNING_SHARE * min(1, len(state.pool) / 150):
        return None
    for _ in range(3):
        back = int(rng.expovariate(1 / 250)) % len(state.pool)
        person = state.pool[-1 - back]
        kind = next(kind for kind in KINDS if kind.key == person.kind)
        if person.name not in today and rng.random() < kind.returns / 1.6:
            return person
    return None


def _topic(rng: random.Random, kind: PersonKind, region: Region) -> tuple[Topic, str | None]:
    group = pick(rng, kind.topic_groups)
    topics, weights = topic_weights(group)
    topic = rng.choices(topics, weights=weights)[0]
    if topic.per_district:
        if not region.districts:
            return TOPIC_BY_KEY["dda"], None
        return topic, rng.choice(region.districts)
    return topic, None


def _requests(rng: random.Random, ctx: DayContext, kind: PersonKind) -> tuple[PlannedRequest, ...]:
    count = 1
    if rng.random() < patterns.SECOND_REQUEST_SHARE:
        count += 1 + (rng.random() < patterns.THIRD_REQUEST_SHARE / patterns.SECOND_REQUEST_SHARE)
    planned: list[PlannedRequest] = []
    texts: set[str] = set()
    for _ in range(count * 2):
        if len(planned) == count:
            break
        topic, district = _topic(rng, kind, ctx.region)
        text = request_text(rng, topic, ctx.region, ctx.day.year, district)
        if text in texts:
            continue
        texts.add(text)
        query = catalog_query(topic, district)
        available = ctx.library.available(query, ctx.day) if query else []
        picks: tuple[int, ...] = ()
        if available and rng.random() < patterns.FOUND_WHEN_PUBLISHED:
            picks = _picked(rng, available)
        planned.append(
            PlannedRequest(len(planned) + 1, text, picks, None if picks else topic.agency)
        )
    return tuple(planned)


def _picked(rng: random.Random, available: Sequence[PublicationInfo]) -> tuple[int, ...]:
    """The newest edition mostly; an older one for a time series; sometimes two."""
    newest_first = sorted(available, key=lambda publication: -publication.year)
    first = newest_first[0] if rng.random() < 0.6 else rng.choice(newest_first)
    picks = [first.id]
    if len(newest_first) > 1 and rng.random() < patterns.SECOND_PUBLICATION_SHARE:
        second = rng.choice(newest_first)
        if second.id != first.id:
            picks.append(second.id)
    return tuple(picks)


def _plan_visit(
    rng: random.Random,
    ctx: DayContext,
    state: OfficeState,
    index: int,
    arrival: int,
    today: set[str],
) -> PlannedVisit:
    refused = rng.random() < patterns.SCREENING_REFUSAL_SHARE
    no_mask = refused and rng.random() < patterns.NO_MASK_SHARE_OF_REFUSALS
    fever = refused and not no_mask
    screening = Screening(not no_mask, _temperature(rng, fever, ctx.fever_threshold))
    person = _returning_person(rng, state, today)
    returning = person is not None
    if person is None:
        kind = rng.choices(KINDS, weights=_kind_weights(ctx))[0]
        person = _unique_contacts(rng, new_person(rng, kind, ctx.region, ctx.day.year), state)
        if not refused and (person.phone or person.email):
            state.pool.append(person)
    today.add(person.name)
    kind = next(kind for kind in KINDS if kind.key == person.kind)
    service_type = pick(rng, kind.services)
    if service_type not in ctx.service_types:
        service_type = ctx.service_types[-1]
    requests = _requests(rng, ctx, kind)
    buy_chance = min(0.9, kind.buys * (3 if service_type == "penjualan" else 1))
    return PlannedVisit(
        index=index,
        arrival=arrival,
        person=person,
        returning=returning,
        screening=screening,
        refused=refused,
        service_type=service_type,
        requests=requests,
        buys=any(request.found for request in requests) and rng.random() < buy_chance,
        reading=patterns.reading_seconds(rng, service_type),
    )


def _temperature(rng: random.Random, fever: bool, threshold: Decimal) -> str:
    limit = float(threshold)
    if fever:
        value = limit + rng.uniform(0.1, 1.4)
    else:
        value = min(limit - 0.1, max(35.6, rng.gauss(36.5, 0.3)))
    return f"{value:.1f}".replace(".", ",")


# -- the day as a discrete-event simulation ------------------------------------------------------


class _Resource:
    """Interchangeable servers (officers, the treasurer) with a first-come queue."""

    def __init__(self, count: int) -> None:
        self.free = count
        self.waiting: deque[Callable[[int], None]] = deque()

    def request(self, now: int, start: Callable[[int], None]) -> None:
        if self.free > 0:
            self.free -= 1
            start(now)
        else:
            self.waiting.append(start)

    def release(self, now: int, rng: random.Random) -> None:
        if self.waiting:
            self.waiting.popleft()(now + rng.randint(15, 60))
        else:
            self.free += 1


class _Numbers:
    """Numbered places (rack slots, reading tables): the lowest free one is taken."""

    def __init__(self, capacity: int) -> None:
        self.free = list(range(1, capacity + 1))
        self.waiting: deque[Callable[[int], None]] = deque()

    def take(self) -> int | None:
        return heapq.heappop(self.free) if self.free else None

    def give_back(self, number: int, now: int) -> None:
        heapq.heappush(self.free, number)
        if self.waiting:
            self.waiting.popleft()(now + 30)


class _Day:
    def __init__(self, rng: random.Random, ctx: DayContext, state: OfficeState) -> None:
        self.rng = rng
        self.ctx = ctx
        self.state = state
        self.events: list[tuple[int, int, Callable[[int], None]]] = []
        self.sequence = 0
        self.actions: list[Action] = []
        self.rack = _Numbers(ctx.rack_slots)
        self.tables = _Numbers(ctx.reading_tables)
        self.officers = _Resource(ctx.officers)
        self.treasurer = _Resource(max(1, round(ctx.volume)))
        self.visits: list[PlannedVisit] = []
        self.sale_keys = 0
        self.practice = (ctx.day - ctx.first_day).days / 365.25

    # machinery
    def at(self, when: int, handler: Callable[[int], None]) -> None:
        self.sequence += 1
        heapq.heappush(self.events, (when, self.sequence, handler))

    def emit(self, when: int, kind: str, visit: int | None, data: Any = None) -> None:
        self.actions.append(Action(self.ctx.moment(when), kind, visit, data))

    def run(self) -> None:
        while self.events:
            when, _, handler = heapq.heappop(self.events)
            handler(when)

    def own_time(self, visit: PlannedVisit, step: int) -> int:
        found = [request for request in visit.requests if request.found]
        extra = max(0, len(visit.requests) - 1)
        if step == sop.SEARCH:
            extra = max(0, len(found) - 1) + len(visit.requests) - len(found)
        return patterns.step_seconds(
            self.rng,
            step,
            TARGETS[step],
            extra_requests=extra,
            years_of_practice=self.practice,
            returning=visit.returning,
        )

    # a visit, step by step
    def then_step(
        self, visit: PlannedVisit, kind: str, step: int, then: Callable[[int], None]
    ) -> Callable[[int], None]:
        """The action ``kind``, then ``step`` for its own time, then ``then``."""

        def handler(now: int) -> None:
            self.emit(now, kind, visit.index)
            self.at(now + self.own_time(visit, step), then)

        return handler

    def arrive(self, visit: PlannedVisit) -> Callable[[int], None]:
        return self.then_step(visit, ARRIVE, sop.SCREENING, self.screen(visit))

    def screen(self, visit: PlannedVisit) -> Callable[[int], None]:
        def handler(now: int) -> None:
            self.emit(now, SCREEN, visit.index, visit.screening)
            if not visit.refused:
                self.at(now + self.own_time(visit, sop.BAG_RACK), self.bag(visit))

        return handler

    def bag(self, visit: PlannedVisit) -> Callable[[int], None]:
        def handler(now: int) -> None:
            slot = self.rack.take()
            if slot is None:
                self.rack.waiting.append(lambda later: self.at(later, self.bag(visit)))
                return
            visit.slot = slot
            self.emit(now, BAG, visit.index, slot)
            self.at(now + self.own_time(visit, sop.GUEST_BOOK), self.guest_book(visit))

        return handler

    def guest_book(self, visit: PlannedVisit) -> Callable[[int], None]:
        def handler(now: int) -> None:
            self.emit(now, GUEST_BOOK, visit.index, visit.person)
            self.wait_for_officer(visit, sop.PURPOSE, now, self.purpose(visit))

        return handler

    def wait_for_officer(
        self, visit: PlannedVisit, step: int, queued: int, then: Callable[[int], None]
    ) -> None:
        def start(now: int) -> None:
            self.emit(now, START_STEP, visit.index, step)
            own = self.own_time(visit, step)
            self.at(now + own, then)
            self.maybe_correct_start(visit, step, queued, now, now + own)

        def noticed(now: int) -> None:
            self.officers.request(now, lambda begin: self.at(begin, start))

        self.at(queued + patterns.pickup_seconds(self.rng, step), noticed)

    def maybe_correct_start(
        self, visit: PlannedVisit, step: int, queued: int, clicked: int, noticed: int
    ) -> None:
        """Now and then the officer began serving before clicking 'Mulai'; when the step
        ends they notice and correct its start to the moment they really began."""
        if clicked - queued < MIN_WAIT_FOR_CORRECTION:
            return
        if self.rng.random() >= patterns.LATE_START_CLICK_SHARE:
            return
        began = clicked - self.rng.randint(60, min(600, clicked - queued - 1))
        correction = StartCorrection(
            step, self.ctx.moment(began), self.rng.choice(LATE_CLICK_REASONS)
        )
        self.at(noticed, lambda now: self.emit(now, CORRECT_START, visit.index, correction))

    def purpose(self, visit: PlannedVisit) -> Callable[[int], None]:
        def handler(now: int) -> None:
            texts = tuple(request.text for request in visit.requests)
            self.emit(now, PURPOSE, visit.index, Purpose(visit.service_type, texts))
            search = self.own_time(visit, sop.SEARCH)
            picks = [
                Found(request.position, publication_id)
                for request in visit.requests
                for publication_id in request.publications
            ]
            for number, found in enumerate(picks, start=1):
                moment = now + max(1, search * number // (len(picks) + 1))
                self.at(moment, self.found(visit, found))
            self.at(now + search + 1, self.search_done(visit))

        return handler

    def found(self, visit: PlannedVisit, found: Found) -> Callable[[int], None]:
        return lambda now: self.emit(now, FOUND, visit.index, found)

    def search_done(self, visit: PlannedVisit) -> Callable[[int], None]:
        return self.then_step(visit, SEARCH_DONE, sop.AVAILABILITY, self.availability(visit))

    def availability(self, visit: PlannedVisit) -> Callable[[int], None]:
        def handler(now: int) -> None:
            self.emit(now, AVAILABILITY, visit.index, visit.requests)
            if any(request.found for request in visit.requests):
                self.at(now + self.own_time(visit, sop.READING_TABLE), self.seat(visit))
            else:
                self.officers.release(now, self.rng)
                self.wait_for_officer(visit, sop.BAG_RETURN, now, self.return_bag(visit))

        return handler

    def seat(self, visit: PlannedVisit, *, officer_busy: bool = True) -> Callable[[int], None]:
        """Step 8 ends when the visitor sits at a free table. With every table taken the
        officer goes back to the desk and the visitor waits for the first one freed (the
        officer is then only needed for a moment)."""

        def handler(now: int) -> None:
            table = self.tables.take()
            if officer_busy:
                self.officers.release(now, self.rng)
            if table is None:
                waiting = self.seat(visit, officer_busy=False)
                self.tables.waiting.append(lambda later: self.at(later, waiting))
                return
            visit.table = table
            self.emit(now, SEAT, visit.index, table)
            closing = 16 * 3600 - now
            reading = max(5 * 60, min(visit.reading, closing))
            self.wait_for_officer(visit, sop.PURCHASE_OFFER, now + reading, self.offer(visit))

        return handler

    def offer(self, visit: PlannedVisit) -> Callable[[int], None]:
        def handler(now: int) -> None:
            self.emit(now, OFFER, visit.index, visit.buys)
            self.officers.release(now, self.rng)
            if not visit.buys:
                self.wait_for_officer(visit, sop.BAG_RETURN, now, self.return_bag(visit))
                return
            walk = patterns.lognormal_seconds(self.rng, 1.0, 0.5)
            self.at(now + walk, lambda t: self.treasurer.request(t, self.pay(visit)))

        return handler

    def pay(self, visit: PlannedVisit) -> Callable[[int], None]:
        def begin(now: int) -> None:
            self.at(now + patterns.payment_seconds(self.rng), self.sale(visit))

        return begin

    def sale(self, visit: PlannedVisit) -> Callable[[int], None]:
        def handler(now: int) -> None:
            plan = self.sale_plan(visit.person, visit.index, visit.requests, now)
            self.emit(now, SALE, visit.index, plan)
            self.treasurer.release(now, self.rng)
            self.maybe_void(plan, now)
            self.wait_for_officer(visit, sop.BAG_RETURN, now, self.return_bag(visit))

        return handler

    def return_bag(self, visit: PlannedVisit) -> Callable[[int], None]:
        def handler(now: int) -> None:
            self.emit(now, RETURN_BAG, visit.index)
            self.officers.release(now, self.rng)
            if visit.slot is not None:
                self.rack.give_back(visit.slot, now)
            if visit.table is not None:
                self.tables.give_back(visit.table, now)

        return handler

    # the treasurer
    def sale_plan(
        self,
        person: Person,
        visit: int | None,
        requests: Sequence[PlannedRequest],
        now: int,
    ) -> SalePlan:
        rng = self.rng
        kind = next(kind for kind in KINDS if kind.key == person.kind)
        zero = kind.zero_rupiah is not None and rng.random() < 0.7
        publications = [
            self.ctx.library.publications[publication_id]
            for request in requests
            for publication_id in request.publications
        ]
        lines = self.lines(kind, publications, zero)
        method, reference = ("cash", None) if zero else self.payment(kind)
        self.sale_keys += 1
        return self.sale_form(person, kind, visit, lines, (method, reference), zero)

    def sale_form(
        self,
        person: Person,
        kind: PersonKind,
        visit: int | None,
        lines: tuple[PlannedLine, ...],
        payment: tuple[str, str | None],
        zero: bool,
    ) -> SalePlan:
        """The treasurer's form for the sale numbered ``self.sale_keys``; a zero-rupiah sale
        draws its letter last."""
        method, reference = payment
        return SalePlan(
            key=self.sale_keys,
            visit=visit,
            payer_name=person.name,
            payer_institution=person.institution,
            payment_method=method,
            payment_reference=reference,
            lines=lines,
            zero_rupiah_reason=kind.zero_rupiah if zero else None,
            zero_rupiah_letter=(
                zero_rupiah_letter(self.rng, person, self.ctx.day.year) if zero else None
            ),
        )

    def lines(
        self, kind: PersonKind, publications: Sequence[PublicationInfo], zero: bool
    ) -> tuple[PlannedLine, ...]:
        rng = self.rng
        lines: list[PlannedLine] = []
        wants_print = kind.key in {"bumn", "swasta", "asn", "peneliti"} and rng.random() < 0.45
        for publication in dict.fromkeys(publications):
            if wants_print and self.state.stock.get(publication.id, 0) > 0:
                self.state.stock[publication.id] -= 1
                lines.append(
                    PlannedLine(pnbp.KIND_HARDCOPY, 1, publication.id, None, publication.size_class)
                )
            elif publication.has_softcopy and kind.key != "umum" and rng.random() < 0.75:
                lines.append(PlannedLine(pnbp.KIND_SOFTCOPY, 1, publication.id, None))
            else:
                pages = rng.randint(4, 40)
                text = f"Cetak {pages} halaman tabel dari {publication.title}"
                lines.append(PlannedLine(pnbp.KIND_PRINTED_PAGE, pages, None, text[:500]))
        if kind.key in {"peneliti", "bumn", "swasta"} and rng.random() < 0.35:
            tables = rng.randint(1, 4)
            lines.append(
                PlannedLine(pnbp.KIND_DIGITAL_DATA, tables, None, f"Tabulasi data ({tables} tabel)")
            )
        return tuple(lines)

    def payment(self, kind: PersonKind) -> tuple[str, str | None]:
        rng = self.rng
        qris = min(0.5, 0.15 + 0.1 * self.practice)
        transfer = 0.25 if kind.key in {"bumn", "swasta"} else 0.1
        simponi = 0.12 if kind.key in {"bumn", "swasta", "asn"} else 0.03
        method = rng.choices(
            ("cash", "qris", "transfer", "simponi"),
            weights=(max(0.05, 1 - qris - transfer - simponi), qris, transfer, simponi),
        )[0]
        if method == "cash":
            return method, None
        if method == "simponi":
            return method, "".join(rng.choice("0123456789") for _ in range(15))
        digits = 12 if method == "qris" else 10
        return method, "".join(rng.choice("0123456789") for _ in range(digits))

    def maybe_void(self, plan: SalePlan, sold: int) -> None:
        rng = self.rng
        if rng.random() >= patterns.VOID_SHARE:
            return
        when = sold + patterns.lognormal_seconds(rng, 12.0, 0.6)
        if when >= LAST_VOID_SECOND:
            return
        reason, reissue = rng.choice(VOID_REASONS)

        def void(now: int) -> None:
            self.emit(now, VOID, plan.visit, Void(plan.key, reason))
            for line in plan.lines:
                if line.item_kind == pnbp.KIND_HARDCOPY and line.publication_id is not None:
                    self.state.stock[line.publication_id] += line.quantity
            if reissue:
                self.at(now + rng.randint(60, 240), self.reissue(plan))

        self.at(when, void)

    def reissue(self, voided: SalePlan) -> Callable[[int], None]:
        def handler(now: int) -> None:
            lines = []
            for line in voided.lines:
                if line.item_kind == pnbp.KIND_HARDCOPY and line.publication_id is not None:
                    if self.state.stock.get(line.publication_id, 0) < line.quantity:
                        continue
                    self.state.stock[line.publication_id] -= line.quantity
                lines.append(line)
            if not lines:
                return
            self.sale_keys += 1
            plan = SalePlan(**{**vars(voided), "key": self.sale_keys, "visit": None})
            self.emit(now, SALE, None, SalePlan(**{**vars(plan), "lines": tuple(lines)}))

        return handler

    def walk_in(self) -> None:
        """A sale without a visit: an agency or company that wrote or phoned, paying by
        transfer or billing code."""
        rng = self.rng
        kind = rng.choice([k for k in KINDS if k.key in {"asn", "bumn", "swasta", "peneliti"}])
        person = new_person(rng, kind, self.ctx.region, self.ctx.day.year)
        recent = [
            publication
            for publication in self.ctx.library.publications.values()
            if publication.has_softcopy and publication.year < self.ctx.day.year
        ]
        publications = rng.sample(recent, min(len(recent), rng.randint(1, 2)))
        moment = 9 * 3600 + rng.randrange(6 * 3600)

        def handler(now: int) -> None:
            def begin(start: int) -> None:
                def done(end: int) -> None:
                    zero = kind.zero_rupiah is not None and rng.random() < 0.5
                    self.sale_keys += 1
                    lines = self.lines(kind, publications, zero) or (
                        PlannedLine(pnbp.KIND_DIGITAL_DATA, 1, None, "Tabulasi data (1 tabel)"),
                    )
                    method, reference = ("cash", None) if zero else self.payment(kind)
                    if method == "cash" and not zero:
                        method, reference = "transfer", str(rng.randrange(10**9, 10**10))
                    plan = self.sale_form(person, kind, None, lines, (method, reference), zero)
                    self.emit(end, SALE, None, plan)
                    self.treasurer.release(end, rng)

                self.at(start + patterns.lognormal_seconds(rng, 6.0, 0.4), done)

            self.treasurer.request(now, begin)

        self.at(moment, handler)

    def deposit(self) -> None:
        rng = self.rng
        moment = rng.randint(*DEPOSIT_SECOND)
        references = DepositReferences(
            billing_code="".join(rng.choice("0123456789") for _ in range(15)),
            ntpn="".join(rng.choice("0123456789ABCDEF") for _ in range(16)),
        )
        self.at(moment, lambda now: self.emit(now, DEPOSIT, None, references))


def plan_day(rng: random.Random, ctx: DayContext, state: OfficeState) -> DayPlan:
    """Simulate one working day: the visits and every action, in time order."""
    simulation = _Day(rng, ctx, state)
    count = patterns.visit_count(rng, expected_visits(ctx))
    arrivals = sorted(patterns.arrival_second(rng, ctx.day.weekday()) for _ in range(count))
    today: set[str] = set()
    for index, arrival in enumerate(arrivals):
        visit = _plan_visit(rng, ctx, state, index, arrival, today)
        simulation.visits.append(visit)
        simulation.at(arrival, simulation.arrive(visit))
    for _ in range(patterns.poisson(rng, patterns.WALK_IN_SALE_PER_DAY * ctx.volume)):
        simulation.walk_in()
    if ctx.deposit:
        simulation.deposit()
    simulation.run()
    return DayPlan(ctx.day, simulation.visits, simulation.actions)


DEPOSIT_EVERY_WORKING_DAYS = (2, 5)


def office_plans(
    seed: int, office_code: str, days: Sequence[date], base: DayContext, state: OfficeState
) -> Iterator[DayPlan]:
    """The plans of an office's working days, in order. Each day draws from its own random
    stream (seed, office, day), so a day's plan depends only on the seed and what carried
    over from the days before it; the treasurer deposits every few working days."""
    until_deposit = 0
    for day in days:
        rng = random.Random(f"{seed}:{office_code}:{day.isoformat()}")
        if until_deposit <= 0:
            until_deposit = rng.randint(*DEPOSIT_EVERY_WORKING_DAYS)
        until_deposit -= 1
        yield plan_day(rng, replace(base, day=day, deposit=until_deposit == 0), state)
