"""The demo history replayed through the app's own services (``--through-services``), and
the office preparation both writers share.

This path is the reference of the row writer (``bulk``, the default): a test requires both
to write the same database. Each working day of the span is planned (``day_plan``) and its
actions replayed in time order through the same services the pages call
(``dashboard.visits.services``, ``.sales``), each with ``Actor(user, office, now=<the
action's moment>)``, one transaction per day. This path therefore cannot hold anything the
app would refuse: a rack slot taken twice, a step out of SOP order, a sale at a price other
than the tariff, a deposit that does not add up. A refusal stops the run with the day, visit
and action that caused it (a defect of the generator).

Before the first day each office gets what its desk needs: the office row (the 17 offices of
Sumatera Selatan have proper names), the sample catalog, agency directory and tariffs (copied
from Muara Enim's with the names of the region, for another office), and, when the span
starts before the sample tariffs take effect, an older version of each tariff (the previous
regulation's price) so that purchases before it are priced too.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.clock import local_date
from dashboard.demo import day_plan as plan
from dashboard.demo import patterns
from dashboard.demo.people import (
    OFFICE_REGION_BY_CODE,
    TOPICS,
    Region,
    catalog_query,
    district_names,
)
from dashboard.demo.users import DemoStaff
from dashboard.errors import InputError
from dashboard.library.agency_service import add_agencies
from dashboard.library.catalog_service import save_publications
from dashboard.pnbp import rules as pnbp
from dashboard.pnbp import sales as sale_services
from dashboard.pnbp.tariffs import add_tariff, add_tariffs
from dashboard.setup.starter_data import (
    STARTER_OFFICE_CODE,
    starter_agencies,
    starter_publications,
    starter_tariffs,
)
from dashboard.visits import services as visit_services
from dashboard.visits.corrections import correct_step_time
from dashboard.visits.desk_search import RESULT_LIMIT
from dashboard.visits.purchase import record_visit_purchase
from db.models import Publication, Tariff
from db.queries import visits as visit_queries
from db.queries.catalog_admin import publication_rows
from db.queries.catalog_search import search_publications, suggest_agencies
from db.queries.demo import current_publications, office_tariffs
from db.queries.office_records import office_has_any
from db.reference_data import SERVICE_TYPE, OfficeSeed, ensure_office, lookup_options
from db.session import Database

OLDER_TARIFF_SHARE = 0.8
"""The previous regulation's price, as a share of the sample tariff (rounded to Rp500)."""


class DemoError(RuntimeError):
    """The generator planned something the app refused: a defect of the generator."""


@dataclass(frozen=True)
class Desk:
    """The desk's furniture and rules, as the app's settings give them."""

    rack_slots: int = 30
    reading_tables: int = 8
    fever_threshold: Decimal = Decimal("37.5")


DEFAULT_DESK = Desk()


@dataclass(frozen=True)
class TariffRow:
    id: int
    item_kind: str
    amount: int
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class OfficeHours:
    """The office's zone and service hours (``service_hours.OfficeHours``), picklable."""

    timezone: str
    service_start: time
    service_end: time


@dataclass
class OfficeSetup:
    """An office made ready for its history, and what the plans need to know of it."""

    office_id: int
    code: str
    zone: ZoneInfo
    hours: OfficeHours
    region: Region
    library: plan.Library
    service_types: tuple[str, ...]
    tariffs: list[TariffRow]
    stock: dict[int, int]


@dataclass
class OfficeSummary:
    code: str
    days: int = 0
    visits: int = 0
    refused: int = 0
    open_visits: int = 0
    sales: int = 0
    voids: int = 0
    deposits: int = 0


Progress = Callable[[str, date, int, int], None]
"""Called after each simulated day: office code, day, days done, days in all."""


def span_days(now: datetime, years: float, zone: ZoneInfo) -> tuple[date, date]:
    """The first and last day of a span of ``years`` ending on the local day of ``now``."""
    today = local_date(now, zone)
    return today - timedelta(days=round(years * 365.25)), today


# -- preparing an office --------------------------------------------------------------------


def office_seed(code: str) -> OfficeSeed:
    region = OFFICE_REGION_BY_CODE.get(code)
    if region is None:
        known = ", ".join(sorted(OFFICE_REGION_BY_CODE))
        raise InputError.on("offices", f"Kode kantor {code} tidak dikenal; pilih dari: {known}.")
    return OfficeSeed(code=code, name=region.office_name, city=region.city)


def _renamed(text: str | None, code: str) -> str | None:
    """Muara Enim's sample text for another office of the province."""
    if text is None:
        return None
    region = OFFICE_REGION_BY_CODE[code]
    text = text.replace("Kabupaten Muara Enim", region.region).replace("1603-", f"{code}-")
    return text.replace("Muara Enim", region.city)


def _copy_starter_data(session: Session, actor: Actor, code: str, current_year: int) -> None:
    """The sample catalog (without Muara Enim's district books), agencies and tariffs, with
    the names of the office's region."""
    publications = [
        dataclasses.replace(
            row,
            catalog_number=_renamed(row.catalog_number, code) or row.catalog_number,
            title=_renamed(row.title, code) or row.title,
            region=_renamed(row.region, code),
            notes=_renamed(row.notes, code),
        )
        for row in starter_publications(current_year)
        if not row.title.startswith("Kecamatan ")
    ]
    save_publications(session, actor, publications, is_sample=True, action="publication.demo")
    agencies = [
        dataclasses.replace(
            agency,
            name=_renamed(agency.name, code) or agency.name,
            address=_renamed(agency.address, code),
        )
        for agency in starter_agencies()
    ]
    add_agencies(session, actor, agencies, is_sample=True)
    add_tariffs(session, actor, starter_tariffs(), is_sample=True)


def _older_tariffs(session: Session, actor: Actor, office_id: int, first_day: date) -> None:
    """When the span starts before a tariff takes effect: the previous price for the days
    before it (same kind and name, ending the day before)."""
    earliest: dict[tuple[str, str], Tariff] = {}
    for tariff in office_tariffs(session, office_id):
        key = (tariff.item_kind, tariff.label)
        if key not in earliest or tariff.valid_from < earliest[key].valid_from:
            earliest[key] = tariff
    for tariff in earliest.values():
        if tariff.valid_from <= first_day:
            continue
        amount = max(500, round(tariff.amount * OLDER_TARIFF_SHARE / 500) * 500)
        add_tariff(
            session,
            actor,
            item_kind=tariff.item_kind,
            label=tariff.label,
            unit=tariff.unit,
            amount=amount,
            valid_from=first_day,
            valid_to=tariff.valid_from - timedelta(days=1),
            is_sample=True,
        )


class _HasId(Protocol):
    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=_HasId)


def _by_id(rows: Iterable[R]) -> list[R]:
    """Rows in id order: the order the plans see them in, whatever order a query gave."""
    return sorted(rows, key=lambda row: row.id)


def build_library(session: Session, office_id: int, districts: Sequence[str]) -> plan.Library:
    """What the desk search answers for every topic the plans may ask about."""
    publications = {
        row.id: plan.PublicationInfo(
            row.id, row.title, row.year, row.has_hardcopy, row.has_softcopy, row.catalog_number
        )
        for row in current_publications(session, office_id)
    }
    hits: dict[str, tuple[int, ...]] = {}
    for topic in TOPICS:
        for district in districts if topic.per_district else (None,):
            query = catalog_query(topic, district)
            if query is None or query in hits:
                continue
            found = search_publications(session, office_id, query, limit=RESULT_LIMIT)
            hits[query] = tuple(hit.id for hit in found if hit.id in publications)
    return plan.Library(publications, hits)


def prepare_office(session: Session, code: str, admin: Actor, first_day: date) -> OfficeSetup:
    """Make the office ready (see the module's docstring) and read what the plans need."""
    office = ensure_office(session, office_seed(code))
    actor = dataclasses.replace(admin, office_id=office.id)
    if not office_has_any(session, Publication, office.id) and code != STARTER_OFFICE_CODE:
        _copy_starter_data(session, actor, code, local_date(admin.now).year)
    _older_tariffs(session, actor, office.id, first_day)
    session.flush()
    catalog = publication_rows(session, office.id)
    region_info = OFFICE_REGION_BY_CODE[code]
    titles = sorted(row.title for row in catalog)
    region = Region(region_info.region, region_info.city, district_names(titles))
    stock = {row.id: row.hardcopy_stock for row in catalog if row.has_hardcopy}
    tariffs = [
        TariffRow(row.id, row.item_kind, row.amount, row.valid_from, row.valid_to)
        for row in _by_id(office_tariffs(session, office.id))
    ]
    return OfficeSetup(
        office_id=office.id,
        code=code,
        zone=ZoneInfo(office.timezone),
        hours=OfficeHours(office.timezone, office.service_start, office.service_end),
        region=region,
        library=build_library(session, office.id, region.districts),
        service_types=tuple(code for code, _ in lookup_options(session, SERVICE_TYPE)),
        tariffs=tariffs,
        stock=stock,
    )


def base_context(setup: OfficeSetup, first_day: date, desk: Desk, volume: float) -> plan.DayContext:
    return plan.DayContext(
        day=first_day,
        zone=setup.zone,
        first_day=first_day,
        region=setup.region,
        library=setup.library,
        service_types=setup.service_types,
        volume=volume,
        rack_slots=max(desk.rack_slots, round(desk.rack_slots * volume)),
        reading_tables=max(desk.reading_tables, round(desk.reading_tables * volume)),
        officers=max(2, round(2 * volume)),
        fever_threshold=desk.fever_threshold,
    )


def tariff_for(tariffs: Sequence[TariffRow], kind: str, size_class: int, day: date) -> TariffRow:
    """The tariff the treasurer picks for a line: of the kind, in force on the day; for a
    printed publication the cheaper or dearer one by its thickness."""
    in_force = sorted(
        (
            tariff
            for tariff in tariffs
            if tariff.item_kind == kind
            and pnbp.tariff_in_force_on(tariff.valid_from, tariff.valid_to, day)
        ),
        key=lambda tariff: (tariff.amount, tariff.id),
    )
    if not in_force:
        raise DemoError(f"no {kind} tariff in force on {day}")
    return (
        in_force[min(size_class, len(in_force) - 1)] if kind == pnbp.KIND_HARDCOPY else in_force[0]
    )


def sale_input(sale: plan.SalePlan, tariffs: Sequence[TariffRow], day: date) -> pnbp.SaleInput:
    """The treasurer's form for a planned sale."""
    zero = sale.zero_rupiah_reason is not None
    lines = []
    for line in sale.lines:
        tariff = tariff_for(tariffs, line.item_kind, line.size_class, day)
        lines.append(
            pnbp.SaleLine(
                tariff_id=tariff.id,
                quantity=line.quantity,
                publication_id=line.publication_id,
                unit_price=None if zero else tariff.amount,
                description=line.description,
            )
        )
    return pnbp.SaleInput(
        payer_name=sale.payer_name,
        payer_institution=sale.payer_institution,
        payment_method=sale.payment_method,
        payment_reference=sale.payment_reference,
        lines=tuple(lines),
        zero_rupiah_reason=sale.zero_rupiah_reason,
        zero_rupiah_letter=sale.zero_rupiah_letter,
    )


# -- replaying a day through the services ---------------------------------------------------


@dataclass
class Ledger:
    """The treasurer's sales not yet deposited (only those above Rp0 are ever deposited)."""

    undeposited: dict[int, tuple[int, datetime]] = field(default_factory=dict)

    def due(self, until: datetime) -> dict[int, int]:
        return {
            sale_id: total
            for sale_id, (total, paid_at) in self.undeposited.items()
            if paid_at <= until
        }


class HistoryWriter:
    """What both writers of an office's history (this replay and the row writer, ``bulk``)
    hold: the office made ready, the demo users who act, the desk, and the running counts."""

    def __init__(
        self, setup: OfficeSetup, staff: DemoStaff, desk: Desk, summary: OfficeSummary
    ) -> None:
        self.setup = setup
        self.staff = staff
        self.desk = desk
        self.summary = summary

    def typed_agency(self, agency: str | None) -> str:
        """The agency the officer types for a request the directory suggests none for."""
        level = self.setup.region.name.split(" ")[0]
        return f"{agency or 'Dinas terkait'} {level} {self.setup.region.short}"


class _Replay(HistoryWriter):
    """The day's actions, one service call each, in one session."""

    def __init__(
        self,
        session: Session,
        setup: OfficeSetup,
        staff: DemoStaff,
        desk: Desk,
        ledger: Ledger,
        summary: OfficeSummary,
        agency_cache: dict[str, tuple[int | None, str | None]],
    ) -> None:
        super().__init__(setup, staff, desk, summary)
        self.session = session
        self.ledger = ledger
        self.agency_cache = agency_cache
        self.visit_ids: dict[int, int] = {}
        self.codes: dict[int, str] = {}
        self.request_ids: dict[int, dict[int, int]] = {}
        self.sale_ids: dict[int, int] = {}
        self.handlers: dict[str, Callable[[plan.Action, Actor], None]] = {
            plan.ARRIVE: self.arrive,
            plan.SCREEN: self.screen,
            plan.BAG: self.bag,
            plan.GUEST_BOOK: self.guest_book,
            plan.START_STEP: self.start_step,
            plan.PURPOSE: self.purpose,
            plan.FOUND: self.found,
            plan.SEARCH_DONE: self.search_done,
            plan.AVAILABILITY: self.availability,
            plan.SEAT: self.seat,
            plan.OFFER: self.offer,
            plan.SALE: self.sale,
            plan.VOID: self.void,
            plan.RETURN_BAG: self.return_bag,
            plan.DEPOSIT: self.deposit,
            plan.CORRECT_START: self.correct_start,
        }

    def apply(self, action: plan.Action) -> None:
        treasurer = action.kind in {plan.SALE, plan.VOID, plan.DEPOSIT}
        user = self.staff.treasurer_id if treasurer else self.staff.officer_id
        actor = Actor(user, self.setup.office_id, action.at)
        try:
            self.handlers[action.kind](action, actor)
        except InputError as error:
            code = self.codes.get(action.visit) if action.visit is not None else None
            raise DemoError(
                f"{self.setup.code} {action.at.isoformat()} {action.kind} {code or ''}: {error}"
            ) from error

    def visit(self, action: plan.Action) -> int:
        assert action.visit is not None
        return self.visit_ids[action.visit]

    def arrive(self, action: plan.Action, actor: Actor) -> None:
        visit = visit_services.start_visit(self.session, actor)
        assert action.visit is not None
        self.visit_ids[action.visit] = visit.id
        self.codes[action.visit] = visit.code
        self.summary.visits += 1
        self.summary.open_visits += 1

    def screen(self, action: plan.Action, actor: Actor) -> None:
        screening: plan.Screening = action.data
        visit = visit_services.record_screening(
            self.session,
            actor,
            self.visit(action),
            screening.mask,
            screening.temperature,
            self.desk.fever_threshold,
        )
        if not visit.admitted:
            self.summary.refused += 1
            self.summary.open_visits -= 1

    def bag(self, action: plan.Action, actor: Actor) -> None:
        visit_services.place_bag(
            self.session, actor, self.visit(action), action.data, self.desk.rack_slots
        )

    def guest_book(self, action: plan.Action, actor: Actor) -> None:
        person = action.data
        entry = person.guest_book_entry(local_date(actor.now, self.setup.zone).year)
        visit_services.record_guest_book(self.session, actor, self.visit(action), entry)

    def start_step(self, action: plan.Action, actor: Actor) -> None:
        visit_services.start_waiting_step(self.session, actor, self.visit(action), action.data)

    def purpose(self, action: plan.Action, actor: Actor) -> None:
        purpose: plan.Purpose = action.data
        visit_id = self.visit(action)
        visit_services.record_purpose(
            self.session,
            actor,
            visit_id,
            purpose.service_type,
            purpose.texts,
            self.setup.service_types,
        )
        assert action.visit is not None
        self.request_ids[action.visit] = {
            request.position: request.id
            for request in visit_queries.requests_of_visit(self.session, visit_id)
        }

    def found(self, action: plan.Action, actor: Actor) -> None:
        found: plan.Found = action.data
        assert action.visit is not None
        visit_services.mark_request_found(
            self.session,
            actor,
            self.visit(action),
            self.request_ids[action.visit][found.position],
            found.publication_id,
        )

    def search_done(self, action: plan.Action, actor: Actor) -> None:
        visit_services.finish_search(self.session, actor, self.visit(action), None)

    def referral(self, text: str, agency: str | None) -> tuple[int | None, str | None]:
        """The agency the directory suggests first for a request, or the name the officer
        types when it suggests none."""
        if text not in self.agency_cache:
            suggestions = suggest_agencies(self.session, self.setup.office_id, text, limit=1)
            if suggestions:
                self.agency_cache[text] = (suggestions[0].id, None)
            else:
                self.agency_cache[text] = (None, self.typed_agency(agency))
        return self.agency_cache[text]

    def availability(self, action: plan.Action, actor: Actor) -> None:
        assert action.visit is not None
        ids = self.request_ids[action.visit]
        decisions = []
        for request in action.data:
            if request.found:
                decisions.append(visit_services.RequestDecision(ids[request.position], True))
                continue
            agency_id, typed = self.referral(request.text, request.agency)
            decisions.append(
                visit_services.RequestDecision(
                    ids[request.position],
                    False,
                    referred_agency=typed,
                    referred_agency_id=agency_id,
                )
            )
        visit_services.record_availability(self.session, actor, self.visit(action), decisions)

    def seat(self, action: plan.Action, actor: Actor) -> None:
        visit_services.seat_at_reading_table(
            self.session, actor, self.visit(action), action.data, self.desk.reading_tables
        )

    def offer(self, action: plan.Action, actor: Actor) -> None:
        visit_services.record_purchase_offer(self.session, actor, self.visit(action), action.data)

    def sale(self, action: plan.Action, actor: Actor) -> None:
        planned: plan.SalePlan = action.data
        day = local_date(actor.now, self.setup.zone)
        visit_id = self.visit(action) if planned.visit is not None else None
        data = sale_input(planned, self.setup.tariffs, day)
        sale = record_visit_purchase(self.session, actor, data, visit_id)
        sale_services.mark_printed(self.session, actor, sale.id)
        self.sale_ids[planned.key] = sale.id
        if sale.total > 0:
            self.ledger.undeposited[sale.id] = (sale.total, sale.paid_at)
        self.summary.sales += 1

    def void(self, action: plan.Action, actor: Actor) -> None:
        void: plan.Void = action.data
        sale_id = self.sale_ids[void.sale_key]
        sale_services.void_sale(self.session, actor, sale_id, void.reason)
        self.ledger.undeposited.pop(sale_id, None)
        self.summary.voids += 1

    def return_bag(self, action: plan.Action, actor: Actor) -> None:
        assert action.visit is not None
        visit_services.return_bag(self.session, actor, self.visit(action), self.codes[action.visit])
        self.summary.open_visits -= 1

    def correct_start(self, action: plan.Action, actor: Actor) -> None:
        correction: plan.StartCorrection = action.data
        step = visit_queries.visit_step(self.session, self.visit(action), correction.step)
        assert step is not None
        correct_step_time(
            self.session, actor, step.id, "started_at", correction.started_at, correction.reason
        )

    def deposit(self, action: plan.Action, actor: Actor) -> None:
        references: plan.DepositReferences = action.data
        due = self.ledger.due(action.at)
        if not due:
            return
        sale_services.record_deposit(
            self.session,
            actor,
            deposited_on=local_date(actor.now, self.setup.zone),
            amount=sum(due.values()),
            billing_code=references.billing_code,
            ntpn=references.ntpn,
            sale_ids=sorted(due),
            note=f"Setoran {len(due)} kuitansi",
        )
        for sale_id in due:
            del self.ledger.undeposited[sale_id]
        self.summary.deposits += 1


def generate_office(
    database: Database,
    code: str,
    staff: DemoStaff,
    *,
    seed: int,
    first_day: date,
    now: datetime,
    desk: Desk = DEFAULT_DESK,
    progress: Progress | None = None,
) -> OfficeSummary:
    """The office's history from ``first_day`` to the moment ``now`` (UTC), through the
    services, one transaction per working day. Actions after ``now`` are not taken: today's
    visitors still in the building stay in progress."""
    now = now.astimezone(UTC).replace(microsecond=0)
    with database.transaction() as session:
        setup = prepare_office(session, code, Actor(staff.admin_id, 0, now), first_day)
    last_day = local_date(now, setup.zone)
    days = patterns.working_days(first_day, last_day)
    state = plan.OfficeState(stock=dict(setup.stock))
    summary = OfficeSummary(code)
    ledger = Ledger()
    agency_cache: dict[str, tuple[int | None, str | None]] = {}
    base = base_context(setup, first_day, desk, 1.0)
    for number, day_planned in enumerate(plan.office_plans(seed, code, days, base, state), start=1):
        with database.transaction() as session:
            replay = _Replay(session, setup, staff, desk, ledger, summary, agency_cache)
            for action in day_planned.actions:
                if action.at > now:
                    break
                replay.apply(action)
        summary.days += 1
        if progress is not None:
            progress(code, day_planned.day, number, len(days))
    return summary


def _check_known(codes: Sequence[str]) -> None:
    unknown = [code for code in codes if code not in OFFICE_REGION_BY_CODE]
    if unknown:
        raise InputError.on("offices", f"Kode kantor tidak dikenal: {', '.join(unknown)}.")


def valid_office_codes(raw: str) -> tuple[str, ...]:
    """'1601,1602' (spaces allowed) as office codes, each one of the province's."""
    codes = tuple(dict.fromkeys(code for code in re.split(r"[\s,]+", raw.strip()) if code))
    if not codes:
        raise InputError.on("offices", "Sebutkan paling sedikit satu kode kantor, mis. 1603.")
    _check_known(codes)
    return codes
