"""Receipt numbers are unique and gapless per office and local (WIB) year, also when many
treasurers (or browser tabs) record at once, on SQLite and on PostgreSQL; a refused or
failed sale gives its number back."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import select

from dashboard.audit import Actor
from dashboard.errors import InputError
from dashboard.library.catalog import validate_publication
from dashboard.library.catalog_service import add_publication
from dashboard.pnbp import sales
from dashboard.pnbp.rules import SaleLine
from db.models import Publication, ReceiptCounter, Sale
from db.queries import receipt_numbers
from db.reference_data import OfficeSeed
from tests.helpers.clock import at
from tests.helpers.database import PreparedDatabase
from tests.helpers.till import (
    PAGE_PRICE,
    Till,
    book,
    new_tariff,
    pages,
    prepare_office,
    sale_input,
)

THREADS = 12
SALES_PER_THREAD = 5
SCARCE_STOCK = 6


def scarce_publication(till: Till) -> int:
    data = validate_publication(
        {
            "catalog_number": "1603-LANGKA-2025",
            "title": "Publikasi Langka 2025",
            "year": 2025,
            "subject": "lainnya",
            "has_hardcopy": True,
            "hardcopy_stock": SCARCE_STOCK,
            "shelf_location": "Rak Z-1",
        },
        current_year=2026,
    )
    return till.do(lambda s, a: add_publication(s, a, data).id)


def test_many_treasurers_at_once_get_gapless_unique_numbers(till: Till) -> None:
    """12 threads × 5 sales released together, each sale its own transaction. Sale 2 of every
    thread buys one copy of a title with 6 in stock (6 succeed, 6 are refused), sale 4 asks
    for more copies than exist (always refused): the refused ones leave no gap."""
    scarce = scarce_publication(till)
    barrier = threading.Barrier(THREADS)
    moment = till.now + timedelta(minutes=1)

    def line_for(index: int) -> SaleLine:
        if index == 2:
            return book(till, 1, publication_id=scarce)
        if index == 4:
            return book(till, 999)
        return pages(till, 1 + index)

    def treasurer(thread: int) -> list[str | InputError]:
        barrier.wait(timeout=30)
        results: list[str | InputError] = []
        for index in range(SALES_PER_THREAD):
            actor = Actor(till.treasurer, till.office_id, moment + timedelta(seconds=thread))
            data = sale_input(line_for(index), payer_name=f"Pembeli {thread}-{index}")
            try:
                with till.db.database.transaction() as session:
                    results.append(sales.record_sale(session, actor, data).receipt_number)
            except InputError as error:
                results.append(error)
        return results

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = [item for result in pool.map(treasurer, range(THREADS)) for item in result]

    numbers = [o for o in outcomes if isinstance(o, str)]
    refusals = [o for o in outcomes if isinstance(o, InputError)]
    expected = THREADS * SALES_PER_THREAD - THREADS - (THREADS - SCARCE_STOCK)
    assert len(numbers) == expected, [o.errors for o in refusals]
    assert len(refusals) == THREADS * SALES_PER_THREAD - expected
    assert all("Stok cetak" in error.errors["line-0"] for error in refusals)
    assert sorted(numbers) == [f"{n:04d}/PST/9821/2026" for n in range(1, expected + 1)]
    with till.db.database.reading() as session:
        sequences = session.scalars(
            select(Sale.receipt_sequence)
            .where(Sale.office_id == till.office_id)
            .order_by(Sale.receipt_sequence)
        ).all()
        assert list(sequences) == list(range(1, expected + 1))
        assert receipt_numbers.last_receipt_sequence(session, till.office_id, 2026) == expected
        stock = session.scalar(select(Publication.hardcopy_stock).where(Publication.id == scarce))
        assert stock == 0
    assert till.stock(till.dda) == 3


def test_the_first_sales_of_a_year_at_once_create_one_counter(till: Till) -> None:
    """No counter row exists yet: simultaneous first sales must not both create it."""
    barrier = threading.Barrier(THREADS)

    def first_sale(thread: int) -> str:
        barrier.wait(timeout=30)
        actor = Actor(till.treasurer, till.office_id, till.now + timedelta(seconds=thread))
        with till.db.database.transaction() as session:
            return sales.record_sale(session, actor, sale_input(pages(till))).receipt_number

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        numbers = list(pool.map(first_sale, range(THREADS)))
    assert sorted(numbers) == [f"{n:04d}/PST/9821/2026" for n in range(1, THREADS + 1)]
    with till.db.database.reading() as session:
        counters = session.scalars(
            select(ReceiptCounter).where(ReceiptCounter.office_id == till.office_id)
        ).all()
        assert [(c.year, c.last_number) for c in counters] == [(2026, THREADS)]


def test_a_failure_after_the_number_was_taken_gives_it_back(till: Till) -> None:
    with pytest.raises(RuntimeError), till.db.database.transaction() as session:
        assert receipt_numbers.take_receipt_sequence(session, till.office_id, 2026) == 1
        raise RuntimeError("the printer caught fire")
    assert till.sell(pages(till)).receipt_number == "0001/PST/9821/2026"


def test_the_wib_year_starts_the_numbers_again(till: Till) -> None:
    """31 Dec 23:59 WIB is still 2026; 1 Jan 00:01 WIB (31 Dec 17:01 UTC) is 2027."""
    till.sell(pages(till))
    till.desk.now = at("2026-12-31 23:58")
    assert till.sell(pages(till)).receipt_number == "0002/PST/9821/2026"
    till.desk.now = at("2027-01-01 00:00")
    new_year = till.sell(pages(till))
    assert new_year.paid_at.year == 2026  # UTC is still in the old year
    assert new_year.receipt_number == "0001/PST/9821/2027"
    assert (new_year.receipt_year, new_year.receipt_sequence) == (2027, 1)
    assert till.sell(pages(till)).receipt_number == "0002/PST/9821/2027"
    with till.db.database.reading() as session:
        assert receipt_numbers.last_receipt_sequence(session, till.office_id, 2026) == 2
        assert receipt_numbers.last_receipt_sequence(session, till.office_id, 2027) == 2


def test_offices_count_their_own_receipts(till: Till, db: PreparedDatabase) -> None:
    other_id = prepare_office(db, OfficeSeed(code="9822", name="BPS Uji Lain", city="Lain"))
    other = Actor(till.treasurer, other_id, till.now)
    with db.database.transaction() as session:
        page_tariff = new_tariff(session, other, "cetak_halaman", "Cetak halaman", PAGE_PRICE)
    till.sell(pages(till))
    till.sell(pages(till))
    with db.database.transaction() as session:
        data = sale_input(SaleLine(page_tariff, 1, None, PAGE_PRICE))
        elsewhere = sales.record_sale(session, other, data)
    assert elsewhere.receipt_number == "0001/PST/9822/2026"
    assert till.sell(pages(till)).receipt_number == "0003/PST/9821/2026"
