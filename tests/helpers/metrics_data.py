"""The trap data set of the metrics: a small, fixed set of visits and sales, written through
the app's own services (visits, sales, voids, deposits, the guest-book import) with a clock,
chosen so that every rule of DESIGN.md's "What the numbers mean" is tested by a case that
breaks a naive count. ``tests/db/test_metrics.py`` checks every figure against values worked
out by hand from the timelines below.

Days: Y = Wed 25 Nov 2026 ("yesterday"), T = Thu 26 Nov 2026 ("today"). Times are WIB.
Standard step times (minutes): 1 screening, 2 bag, 4 guest book, wait 2 + 3 purpose,
4 search, 1 availability, 1 reading table, wait 20 + 2 offer, wait 1 + 1 bag return;
each visit below says where it differs.

Office 1603 (WIB):
- A  Y 09:00  bag 3:00 (= the old target 3: meets), buys at step 9 which takes 14 (receipt S1
  60.000 at 09:53), 2 requests: one found, one referred to the directory's Disdukcapil;
  phone P1. Done, 55 min.
- B  Y 10:00  bag 3:30 (misses by 30 s), wait 4: 5, wait 9: 30, wait 10: 2; 1 request found.
  Done, 57.5 min.
- C  Y 11:00  refused at screening (38,2 °C).
- I  Y 10:30  imported from a guest book: referred to "Dinas Pendidikan" (the directory's),
  bought for 75.000 (imported sale S5); phone P2. No steps.
- H  Y 23:50  bag 2:30, wait 9: 25, offer 3 with a purchase (receipt S4 20.000 at T 00:36:30,
  after midnight), wait 10: 3; 2 requests: found, referred to Disdukcapil; phone P2 (the
  imported visitor: returning). Steps after midnight count on Y. Done, 50.5 min.
- D  T 00:20  (17:20 UTC on Y) bag 2:00 (= the new target 2: meets), wait 9: 9; 2 requests:
  found, referred to the typed "Dinas Perhubungan Kabupaten". Done, 31 min.
- E  T 09:00  bag 3:00 (meets the old target, misses the new one by 60 s), wait 4: 3, wait 9:
  15; 1 request found; phone P1 (A's: returning). Left waiting for step 10 (open, no start).
- F  T 10:00  screening pending (step 1 open): counted nowhere.
- G  T 11:00  bag 1:00, wait 4: 1; 1 request, undecided: stopped in step 6 (open, no end).
- SOP: a new version of step 2 effective T: target 3 → 2 minutes.
- Sales on T: S2 5.000 at 09:30, voided at 09:40; S3 zero-rupiah (2 digital tables, Rp0) at
  10:30. Deposit of S1 (60.000) dated T.
- The year boundary: J Wed 31 Dec 2025 14:00 and K Fri 2 Jan 2026 09:00 admitted, stopped in
  step 2; L 2 Jan 2026 10:00 refused; S7 7.000 at 31 Dec 2025 15:00, S6 3.000 at 1 Jan 2026
  00:30 (17:30 UTC on 31 Dec).
- The usual weekday of T (Thursday): U1 19 Nov 09:15, U2 19 Nov 14:05, U3 12 Nov 09:40
  admitted; U4 19 Nov 10:00 refused; U5 24 Sep 09:00 admitted (the 9th working Thursday
  back: outside the 8).
Office 9830 (WITA, UTC+8): W T 08:10 WITA admitted, stopped in step 2.

For the trends page's service types, publications and corrections:
- Service type: B asks for "konsultasi", every other live visit (and I) "perpustakaan".
- Publications picked at step 6: P1 (the catalog's first hardcopy in stock) for A's first
  request and for B's, P2 (the first softcopy) for D's first. Sold: S3 (zero-rupiah) also
  holds 1 softcopy of P2 at Rp0; the voided S2 also held 1 hardcopy of P1 (never counted).
- Time corrections (officer "Uji Petugas-Metrik", who recorded the times): U5's step 1 end
  moved 09:01 → 09:01:30, then U5's step 2 start (the same boundary) → 09:02: 2 corrections
  on 24 Sep, of step 1 and of step 2; U5's screening lasts 2 minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.audit import Actor
from dashboard.imports.guest_book_import import import_guest_book
from dashboard.pnbp import rules as pnbp
from dashboard.pnbp import sales
from dashboard.visits import services as visits
from dashboard.visits.corrections import correct_step_time
from dashboard.visits.guest_book import validate_guest_book
from dashboard.visits.purchase import record_visit_purchase
from db.models import Agency, Publication, SopStep, Tariff
from db.queries import visits as visit_queries
from db.reference_data import OfficeSeed, ensure_office
from tests.helpers.clock import at
from tests.helpers.database import PreparedDatabase, prepared_backend
from tests.helpers.staff import create_staff, fast_password_hashing
from tests.helpers.till import sale_input

T = TypeVar("T")

YESTERDAY = date(2026, 11, 25)
TODAY = date(2026, 11, 26)
FIRST_SALE_DAY = date(2025, 12, 31)
"""The earliest sale of the data set (S7, 31 Dec 2025): its tariffs must be in force then."""
NEW_STEP_2_TARGET = 2
WITA_OFFICE = OfficeSeed("9830", "BPS Uji WITA", "Uji", timezone="Asia/Makassar")
DISDUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"
TYPED_AGENCY = "Dinas Perhubungan Kabupaten"
THRESHOLD = Decimal("37.5")
SERVICE_TYPES = ["perpustakaan", "konsultasi"]
PHONE_1 = "0812 1111 0001"
PHONE_2 = "0812 2222 0002"

STANDARD_MINUTES: dict[int, float] = {1: 1, 2: 2, 3: 4, 4: 3, 6: 4, 7: 1, 8: 1, 9: 2, 10: 1}
STANDARD_WAITS: dict[int, float] = {4: 2, 9: 20, 10: 1}

GUEST_BOOK_HEADER = (
    "Tanggal,Jam,Nama,Jenis kelamin,Tahun lahir,Instansi,Jenis instansi,Pekerjaan,Pendidikan,"
    "Telepon,Email,Jenis layanan,Data yang dicari,Ditemukan,Dinas rujukan,Jumlah pembelian,"
    "Nomor kuitansi"
)
GUEST_BOOK_ROW = (
    "25/11/2026,10:30,Rudi Hartono,L,1990,Dinas Sosial,Pemerintah,ASN,S1,"
    f"{PHONE_2},,Perpustakaan,Jumlah guru SD per kecamatan,tidak,Dinas Pendidikan,75000,"
    "0099/KWT/2026"
)


@dataclass(frozen=True)
class Request:
    """A data request and how step 7 decides it: ``True`` found, an ``int`` the directory
    agency it is referred to, a ``str`` the typed name; ``None``: left undecided."""

    text: str
    decision: bool | int | str | None = True


@dataclass
class Walk:
    """One live visit's timeline (minutes from the arrival, step by step)."""

    arrive: str
    minutes: dict[int, float] = field(default_factory=dict)
    waits: dict[int, float] = field(default_factory=dict)
    refused: bool = False
    pending: bool = False
    stop_in: int | None = None
    """Stop once this step is open: started, or for a waiting step only queued."""
    stop_started: bool = True
    phone: str | None = None
    requests: tuple[Request, ...] = (Request("PDRB Kabupaten Muara Enim 2025"),)
    buys: tuple[pnbp.SaleLine, ...] = ()
    service_type: str = "perpustakaan"
    picks: dict[int, int] = field(default_factory=dict)
    """Request position (0-based) → the publication linked to it at step 6."""


@dataclass
class MetricsData:
    """What the data set wrote: ids by the letters of the module's story."""

    office_id: int
    wita_office_id: int
    visits: dict[str, int] = field(default_factory=dict)
    sales: dict[str, int] = field(default_factory=dict)
    agencies: dict[str, int] = field(default_factory=dict)
    publications: dict[str, int] = field(default_factory=dict)


@dataclass
class _Writer:
    db: PreparedDatabase
    officer: int
    treasurer: int
    slot: int = 0

    def act(self, office_id: int, moment: datetime, action: Callable[[Session, Actor], T]) -> T:
        with self.db.database.transaction() as session:
            return action(session, Actor(self.officer, office_id, moment))

    def sell(
        self, office_id: int, moment: datetime, data: pnbp.SaleInput, visit_id: int | None = None
    ) -> int:
        with self.db.database.transaction() as session:
            actor = Actor(self.treasurer, office_id, moment)
            return record_visit_purchase(session, actor, data, visit_id).id

    def walk(self, office_id: int, walk: Walk, zone: ZoneInfo | None = None) -> tuple[int, int]:
        """Drive the visit through the services; returns (visit id, sale id or 0)."""
        now = _local(walk.arrive, zone)
        visit_id = self.act(office_id, now, lambda s, a: visits.start_visit(s, a)).id
        minutes = {**STANDARD_MINUTES, **walk.minutes}
        waits = {**STANDARD_WAITS, **walk.waits}
        self.slot += 1
        slot, sale_id = self.slot, 0
        for number in sop.VISIT_STEP_NUMBERS:
            if walk.pending:
                return visit_id, 0
            if number not in _open_steps(self, visit_id):
                continue  # skipped by the SOP's branch (nothing available: no 8 and 9)
            if not sop.starts_immediately(number):
                if walk.stop_in == number and not walk.stop_started:
                    return visit_id, sale_id
                now += timedelta(minutes=waits[number])
                self.act(
                    office_id,
                    now,
                    lambda s, a, n=number: visits.start_waiting_step(s, a, visit_id, n),
                )
            if walk.stop_in == number:
                return visit_id, sale_id
            end = now + timedelta(minutes=minutes[number])
            if number == sop.PURCHASE_OFFER and walk.buys:
                self.act(
                    office_id,
                    now + timedelta(minutes=1),
                    lambda s, a: visits.record_purchase_offer(s, a, visit_id, True),
                )
                sale_id = self.sell(office_id, end, sale_input(*walk.buys), visit_id)
            else:
                self.act(office_id, end, self._action(visit_id, number, walk, slot))
            now = end
            if number == sop.SCREENING and walk.refused:
                return visit_id, 0
        return visit_id, sale_id

    def _action(
        self, visit_id: int, number: int, walk: Walk, slot: int
    ) -> Callable[[Session, Actor], Any]:
        if number == sop.SCREENING:
            temperature = "38,2" if walk.refused else "36,5"
            return lambda s, a: visits.record_screening(
                s, a, visit_id, True, temperature, THRESHOLD
            )
        if number == sop.BAG_RACK:
            return lambda s, a: visits.place_bag(s, a, visit_id, slot, 40)
        if number == sop.GUEST_BOOK:
            entry = validate_guest_book(
                name=f"Pengunjung {slot}",
                gender="P",
                birth_year="1995",
                education="s1",
                occupation="pelajar",
                institution="Universitas Sriwijaya",
                institution_type="pendidikan",
                phone=walk.phone or f"0813 9000 {slot:04d}",
                email=None,
                current_year=2026,
            )
            return lambda s, a: visits.record_guest_book(s, a, visit_id, entry)
        if number == sop.PURPOSE:
            texts = [request.text for request in walk.requests]
            return lambda s, a: visits.record_purpose(
                s, a, visit_id, walk.service_type, texts, SERVICE_TYPES
            )
        if number == sop.SEARCH:
            return lambda s, a: _search(s, a, visit_id, walk.picks)
        if number == sop.AVAILABILITY:
            return lambda s, a: visits.record_availability(
                s, a, visit_id, _decisions(s, visit_id, walk.requests)
            )
        if number == sop.READING_TABLE:
            return lambda s, a: visits.seat_at_reading_table(s, a, visit_id, slot % 8 + 1, 8)
        if number == sop.PURCHASE_OFFER:
            return lambda s, a: visits.record_purchase_offer(s, a, visit_id, False)
        code = self._code(visit_id)
        return lambda s, a: visits.return_bag(s, a, visit_id, code)

    def _code(self, visit_id: int) -> str:
        with self.db.database.reading() as session:
            visit = visit_queries.visit_with_details(session, visit_id)
            assert visit is not None
            return visit.code


def _local(text: str, zone: ZoneInfo | None) -> datetime:
    if zone is None:
        return at(text)
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def _open_steps(writer: _Writer, visit_id: int) -> set[int]:
    with writer.db.database.reading() as session:
        step = visit_queries.open_step(session, visit_id)
        return {step.step_number} if step is not None else set()


def _search(session: Session, actor: Actor, visit_id: int, picks: dict[int, int]) -> None:
    """Step 6: link the picked publications, then finish the search."""
    stored = visit_queries.requests_of_visit(session, visit_id)
    for position, publication_id in picks.items():
        visits.mark_request_found(session, actor, visit_id, stored[position].id, publication_id)
    visits.finish_search(session, actor, visit_id, None)


def _publication_ids(db: PreparedDatabase, office_id: int) -> dict[str, int]:
    """P1: the catalog's first hardcopy in stock; P2: its first softcopy."""
    with db.database.reading() as session:
        live = (Publication.office_id == office_id, Publication.retired_at.is_(None))
        first = select(Publication.id).where(*live).order_by(Publication.catalog_number).limit(1)
        hardcopy = session.scalar(
            first.where(Publication.has_hardcopy.is_(True), Publication.hardcopy_stock > 1)
        )
        softcopy = session.scalar(first.where(Publication.has_softcopy.is_(True)))
        assert hardcopy is not None and softcopy is not None
        return {"P1": hardcopy, "P2": softcopy}


def _correct(
    writer: _Writer, office_id: int, visit_id: int, step: int, field_name: str, moment: str
) -> None:
    """Correct one recorded time of a step of the visit (a day after it, at 12:00)."""

    def action(session: Session, actor: Actor) -> None:
        found = next(
            s for s in visit_queries.steps_of_visit(session, visit_id) if s.step_number == step
        )
        correct_step_time(session, actor, found.id, field_name, at(moment), "Salah klik waktu")

    writer.act(office_id, at("2026-09-25 12:00"), action)


def _decisions(
    session: Session, visit_id: int, requests: tuple[Request, ...]
) -> list[visits.RequestDecision]:
    decisions = []
    for stored, request in zip(
        visit_queries.requests_of_visit(session, visit_id), requests, strict=True
    ):
        if request.decision is True:
            decisions.append(visits.RequestDecision(stored.id, True))
        elif isinstance(request.decision, int):
            decisions.append(
                visits.RequestDecision(stored.id, False, referred_agency_id=request.decision)
            )
        else:
            decisions.append(visits.RequestDecision(stored.id, False, request.decision))
    return decisions


def _tariff_ids(db: PreparedDatabase, office_id: int) -> dict[str, int]:
    """The office's starter tariffs: one of each kind, the cheapest, of those in force over
    the whole data set (tariffs other tests add to the shared database may start later)."""
    with db.database.reading() as session:
        rows = session.execute(
            select(Tariff.item_kind, Tariff.id)
            .where(
                Tariff.office_id == office_id,
                Tariff.valid_from <= FIRST_SALE_DAY,
                Tariff.valid_to.is_(None),
            )
            .order_by(Tariff.amount.desc())
        )
        return dict(rows.all())


def _agency_id(db: PreparedDatabase, office_id: int, name: str) -> int:
    with db.database.reading() as session:
        found = session.scalar(
            select(Agency.id).where(Agency.office_id == office_id, Agency.name == name)
        )
        assert found is not None, name
        return found


def build_metrics_data(db: PreparedDatabase) -> MetricsData:
    """Write the data set into ``db`` (emptied of operational rows; the starter agencies and
    tariffs of office 1603 present). Undo its reference rows with ``remove_metrics_data``."""
    officer = create_staff(db, "petugas-metrik", "officer")
    treasurer = create_staff(db, "bendahara-metrik", "treasurer")
    with db.database.transaction() as session:
        wita_office_id = ensure_office(session, WITA_OFFICE).id
        step_2 = session.scalar(
            select(SopStep).where(SopStep.number == sop.BAG_RACK).order_by(SopStep.effective_from)
        )
        assert step_2 is not None
        session.add(
            SopStep(
                number=step_2.number,
                name=step_2.name,
                actor=step_2.actor,
                output=step_2.output,
                target_minutes=NEW_STEP_2_TARGET,
                effective_from=TODAY,
            )
        )
    data = MetricsData(db.office_id, wita_office_id)
    office = db.office_id
    data.publications = _publication_ids(db, office)
    p1, p2 = data.publications["P1"], data.publications["P2"]
    data.agencies = {
        "disdukcapil": _agency_id(db, office, DISDUKCAPIL),
        "pendidikan": _agency_id(db, office, "Dinas Pendidikan"),
    }
    tariffs = _tariff_ids(db, office)
    table = pnbp.SaleLine(tariffs[pnbp.KIND_DIGITAL_DATA], 1, description="Tabel PDRB")
    pages = pnbp.KIND_PRINTED_PAGE
    writer = _Writer(db, officer, treasurer)

    with db.database.transaction() as session:
        content = f"{GUEST_BOOK_HEADER}\n{GUEST_BOOK_ROW}\n".encode()
        import_guest_book(session, Actor(None, office, at("2026-11-26 12:00")), "bt.csv", content)

    disdukcapil = data.agencies["disdukcapil"]
    two_requests = (Request("PDRB 2025"), Request("Jumlah penduduk", disdukcapil))
    walks: dict[str, Walk] = {
        "A": Walk(
            "2026-11-25 09:00",
            minutes={2: 3, 9: 14},
            phone=PHONE_1,
            requests=two_requests,
            buys=(table, pnbp.SaleLine(tariffs[pages], 10, description="Cetak tabel")),
            picks={0: p1},
        ),
        "B": Walk(
            "2026-11-25 10:00",
            minutes={2: 3.5},
            waits={4: 5, 9: 30, 10: 2},
            service_type="konsultasi",
            picks={0: p1},
        ),
        "C": Walk("2026-11-25 11:00", refused=True),
        "H": Walk(
            "2026-11-25 23:50",
            minutes={2: 2.5, 9: 3},
            waits={9: 25, 10: 3},
            phone=PHONE_2,
            requests=two_requests,
            buys=(pnbp.SaleLine(tariffs[pages], 20, description="Cetak tabel"),),
        ),
        "D": Walk(
            "2026-11-26 00:20",
            minutes={2: 2},
            waits={9: 9},
            requests=(Request("PDRB 2025"), Request("Jumlah angkot", TYPED_AGENCY)),
            picks={0: p2},
        ),
        "E": Walk(
            "2026-11-26 09:00",
            minutes={2: 3},
            waits={4: 3, 9: 15},
            phone=PHONE_1,
            stop_in=sop.BAG_RETURN,
            stop_started=False,
        ),
        "F": Walk("2026-11-26 10:00", pending=True),
        "G": Walk("2026-11-26 11:00", minutes={2: 1}, waits={4: 1}, stop_in=sop.SEARCH),
        "J": Walk("2025-12-31 14:00", stop_in=sop.BAG_RACK),
        "K": Walk("2026-01-02 09:00", stop_in=sop.BAG_RACK),
        "L": Walk("2026-01-02 10:00", refused=True),
        "U1": Walk("2026-11-19 09:15", stop_in=sop.BAG_RACK),
        "U2": Walk("2026-11-19 14:05", stop_in=sop.BAG_RACK),
        "U3": Walk("2026-11-12 09:40", stop_in=sop.BAG_RACK),
        "U4": Walk("2026-11-19 10:00", refused=True),
        "U5": Walk("2026-09-24 09:00", stop_in=sop.BAG_RACK),
    }
    for letter, walk in walks.items():
        data.visits[letter], sale_id = writer.walk(office, walk)
        if sale_id:
            data.sales[{"A": "S1", "H": "S4"}[letter]] = sale_id
    data.visits["W"], _ = writer.walk(
        wita_office_id,
        Walk("2026-11-26 08:10", stop_in=sop.BAG_RACK),
        ZoneInfo(WITA_OFFICE.timezone),
    )

    page_line = pnbp.SaleLine(tariffs[pages], 5, description="Cetak tabel")
    hardcopy = pnbp.SaleLine(tariffs[pnbp.KIND_HARDCOPY], 1, publication_id=p1)
    data.sales["S2"] = writer.sell(office, at("2026-11-26 09:30"), sale_input(page_line, hardcopy))
    writer.act(
        office,
        at("2026-11-26 09:40"),
        lambda s, a: sales.void_sale(s, Actor(treasurer, office, a.now), data.sales["S2"], "Salah"),
    )
    zero = pnbp.SaleLine(tariffs[pnbp.KIND_DIGITAL_DATA], 2, unit_price=0, description="Tabel")
    data.sales["S3"] = writer.sell(
        office,
        at("2026-11-26 10:30"),
        sale_input(
            zero,
            pnbp.SaleLine(tariffs[pnbp.KIND_SOFTCOPY], 1, publication_id=p2, unit_price=0),
            zero_rupiah_reason="pendidikan",
            zero_rupiah_letter="12/UNSRI/XI/2026",
        ),
    )
    data.sales["S7"] = writer.sell(
        office,
        at("2025-12-31 15:00"),
        sale_input(pnbp.SaleLine(tariffs[pages], 7, description="Cetak")),
    )
    data.sales["S6"] = writer.sell(
        office,
        at("2026-01-01 00:30"),
        sale_input(pnbp.SaleLine(tariffs[pages], 3, description="Cetak")),
    )
    _correct(writer, office, data.visits["U5"], sop.SCREENING, "ended_at", "2026-09-24 09:01:30")
    _correct(writer, office, data.visits["U5"], sop.BAG_RACK, "started_at", "2026-09-24 09:02")
    with db.database.transaction() as session:
        sales.record_deposit(
            session,
            Actor(treasurer, office, at("2026-11-26 14:00")),
            deposited_on=TODAY,
            amount=60_000,
            billing_code="820261126000001",
            ntpn="A1B2C3D4E5F6G7H8",
            sale_ids=[data.sales["S1"]],
        )
    return data


def remove_metrics_data(db: PreparedDatabase) -> None:
    """Undo what the operational-table cleaning does not: the SOP version added."""
    db.empty_operational_tables()
    with db.database.transaction() as session:
        session.execute(
            delete(SopStep).where(SopStep.number == sop.BAG_RACK, SopStep.effective_from == TODAY)
        )


@contextmanager
def trap_data(
    request: pytest.FixtureRequest, backend: str
) -> Iterator[tuple[PreparedDatabase, MetricsData]]:
    """The data set written into ``backend``'s prepared database for a module's read-only
    tests (cheap password hashing while it is written), removed afterwards."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast_password_hashing(monkeypatch)
        db = prepared_backend(request, backend)
        try:
            yield db, build_metrics_data(db)
        finally:
            remove_metrics_data(db)
