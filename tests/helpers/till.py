"""The treasurer's till for tests: a test office of its own (code 9821) with its tariffs and
publications, a treasurer, and the officer's desk sharing one clock; builders of sale
lines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.library.catalog import validate_publication
from dashboard.library.catalog_service import add_publication
from dashboard.pnbp import rules as pnbp
from dashboard.pnbp import tariffs
from dashboard.pnbp.rules import SaleInput, SaleLine
from dashboard.visits.purchase import record_visit_purchase
from db.models import (
    AuditEvent,
    Deposit,
    Publication,
    ReceiptCounter,
    Sale,
    SaleItem,
    Tariff,
    Visit,
    VisitStep,
)
from db.queries import sales as queries
from db.reference_data import OfficeSeed, ensure_office
from tests.helpers.clock import at
from tests.helpers.database import PreparedDatabase, assert_refused, snapshot_tables
from tests.helpers.desk import Desk
from tests.helpers.staff import create_staff

T = TypeVar("T")

TEST_OFFICE = OfficeSeed(code="9821", name="BPS Uji PNBP", city="Uji")
T0 = at("2026-11-26 09:00")
HARDCOPY_PRICE = 50_000
SOFTCOPY_PRICE = 25_000
PAGE_PRICE = 1_000
SALE_MODELS = (
    Sale,
    SaleItem,
    Deposit,
    ReceiptCounter,
    Publication,
    Tariff,
    AuditEvent,
    Visit,
    VisitStep,
)


@dataclass
class Till:
    """The treasurer's desk in the test office: its tariffs and publications, a treasurer,
    and a clock that moves on one minute per action (shared with the officer's desk)."""

    db: PreparedDatabase
    office_id: int
    treasurer: int
    desk: Desk
    hardcopy: int
    softcopy: int
    page: int
    expired: int
    future: int
    dda: int
    """'Kabupaten Muara Enim Dalam Angka 2025': hardcopy, stock 3, and softcopy."""
    sd: int
    """'Statistik Daerah Kabupaten Muara Enim 2025': hardcopy, stock 1."""
    pdf_only: int
    """'Indeks Harga Konsumen 2025': softcopy only."""

    @property
    def now(self) -> datetime:
        return self.desk.now

    def actor(self) -> Actor:
        return Actor(self.treasurer, self.office_id, self.desk.now)

    def do(self, action: Callable[[Session, Actor], T], minutes_later: float = 1) -> T:
        self.desk.now += timedelta(minutes=minutes_later)
        with self.db.database.transaction() as session:
            return action(session, self.actor())

    def sell(
        self,
        *lines: SaleLine,
        visit_id: int | None = None,
        minutes_later: float = 1,
        **changes: Any,
    ) -> Sale:
        data = sale_input(*lines, **changes)
        return self.do(lambda s, a: record_visit_purchase(s, a, data, visit_id), minutes_later)

    def sale(self, sale_id: int) -> Sale:
        with self.db.database.reading() as session:
            found = queries.sale_with_items(session, self.office_id, sale_id)
            assert found is not None
            return found

    def stock(self, publication_id: int) -> int:
        with self.db.database.reading() as session:
            publication = session.get(Publication, publication_id)
            assert publication is not None
            return publication.hardcopy_stock

    def numbers(self) -> list[str]:
        with self.db.database.reading() as session:
            return list(
                session.scalars(
                    select(Sale.receipt_number)
                    .where(Sale.office_id == self.office_id)
                    .order_by(Sale.receipt_year, Sale.receipt_sequence)
                )
            )


def sale_input(*lines: SaleLine, **changes: Any) -> SaleInput:
    values: dict[str, Any] = {
        "payer_name": "Siti Aminah",
        "payer_institution": "Universitas Sriwijaya",
        "payment_method": "cash",
        "payment_reference": None,
        "lines": lines,
    }
    values.update(changes)
    return SaleInput(**values)


def book(till: Till, quantity: int = 1, **changes: Any) -> SaleLine:
    """A hardcopy of 'Kabupaten Muara Enim Dalam Angka 2025'."""
    values: dict[str, Any] = {
        "tariff_id": till.hardcopy,
        "quantity": quantity,
        "publication_id": till.dda,
        "unit_price": HARDCOPY_PRICE,
    }
    values.update(changes)
    return SaleLine(**values)


def pages(till: Till, quantity: int = 10, **changes: Any) -> SaleLine:
    values: dict[str, Any] = {
        "tariff_id": till.page,
        "quantity": quantity,
        "unit_price": PAGE_PRICE,
        "description": "Cetak tabel PDRB 2024",
    }
    values.update(changes)
    return SaleLine(**values)


def new_publication(
    session: Session, actor: Actor, number: str, title: str, stock: int, softcopy: bool
) -> int:
    data = validate_publication(
        {
            "catalog_number": number,
            "title": title,
            "year": 2025,
            "subject": "wilayah",
            "has_hardcopy": stock > 0,
            "hardcopy_stock": stock,
            "shelf_location": "Rak A-1" if stock else None,
            "has_softcopy": softcopy,
        },
        current_year=2026,
    )
    return add_publication(session, actor, data).id


def new_tariff(
    session: Session,
    actor: Actor,
    kind: str,
    label: str,
    amount: int,
    first: date = date(2026, 1, 1),
    last: date | None = None,
) -> int:
    return tariffs.add_tariff(
        session,
        actor,
        item_kind=kind,
        label=label,
        unit=None,
        amount=amount,
        valid_from=first,
        valid_to=last,
    ).id


def prepare_office(db: PreparedDatabase, seed: OfficeSeed = TEST_OFFICE) -> int:
    """The office, emptied of tariffs and publications (sales went with the db fixture)."""
    with db.database.transaction() as session:
        office = ensure_office(session, seed)
        session.execute(delete(Tariff).where(Tariff.office_id == office.id))
        session.execute(delete(Publication).where(Publication.office_id == office.id))
        return office.id


def open_till(db: PreparedDatabase) -> Till:
    """The till of the test office: its tariffs and publications made afresh, a treasurer and
    an officer (the caller makes password hashing cheap first, as the ``till`` fixture does)."""
    office_id = prepare_office(db)
    treasurer = create_staff(db, "bendahara", "treasurer")
    officer = create_staff(db, "petugas", "officer")
    setup = Actor(None, office_id, T0 - timedelta(days=1))
    with db.database.transaction() as session:
        ids = {
            "hardcopy": new_tariff(
                session, setup, pnbp.KIND_HARDCOPY, "Publikasi tercetak", HARDCOPY_PRICE
            ),
            "softcopy": new_tariff(
                session, setup, pnbp.KIND_SOFTCOPY, "Publikasi softcopy", SOFTCOPY_PRICE
            ),
            "page": new_tariff(session, setup, pnbp.KIND_PRINTED_PAGE, "Cetak halaman", PAGE_PRICE),
            "expired": new_tariff(
                session,
                setup,
                pnbp.KIND_DIGITAL_DATA,
                "Tabulasi lama",
                40_000,
                date(2025, 1, 1),
                date(2025, 12, 31),
            ),
            "future": new_tariff(
                session, setup, pnbp.KIND_DIGITAL_DATA, "Tabulasi baru", 60_000, date(2027, 1, 1)
            ),
            "dda": new_publication(
                session,
                setup,
                "1603-DDA-2025",
                "Kabupaten Muara Enim Dalam Angka 2025",
                3,
                True,
            ),
            "sd": new_publication(
                session,
                setup,
                "1603-SD-2025",
                "Statistik Daerah Kabupaten Muara Enim 2025",
                1,
                False,
            ),
            "pdf_only": new_publication(
                session, setup, "1603-IHK-2025", "Indeks Harga Konsumen 2025", 0, True
            ),
        }
    desk = Desk(PreparedDatabase(db.database, office_id), officer, now=T0)
    return Till(db, office_id, treasurer, desk, **ids)


def snapshot(db: PreparedDatabase) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables a sale, void or deposit touches."""
    return snapshot_tables(db, SALE_MODELS)


def refused(
    till: Till, action: Callable[[Session, Actor], Any], field_key: str, fragment: str
) -> dict[str, str]:
    """Run ``action``: it must raise InputError with ``fragment`` in the message of
    ``field_key``, and change nothing at all."""
    return assert_refused(till, action, field_key, fragment, SALE_MODELS)
