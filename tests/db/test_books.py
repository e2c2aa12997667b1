"""The treasurer's daily receipts book (*buku kas penerimaan*) on SQLite and PostgreSQL:
receipts by local (WIB) day in the order paid, running totals restarting each day, voided
receipts shown but not counted, and the per-day sums taken in SQL."""

from __future__ import annotations

from datetime import date

from dashboard.pnbp import sales
from dashboard.pnbp.rules import SaleLine
from db.queries import sales as queries
from tests.helpers.clock import at
from tests.helpers.till import SOFTCOPY_PRICE, Till, book, pages


def two_days_of_sales(till: Till) -> dict[str, int]:
    """25 Nov: a sale just after midnight WIB (still 24 Nov in UTC) and a voided one;
    26 Nov: three sales, the last at 23:59 WIB; 27 Nov 00:00 WIB: one more."""
    ids: dict[str, int] = {}
    till.desk.now = at("2026-11-24 23:59")
    ids["early"] = till.sell(book(till, 2), payer_institution=None).id  # 25 Nov 00:00 WIB
    ids["voided"] = till.sell(pages(till, 5)).id
    till.do(lambda s, a: sales.void_sale(s, a, ids["voided"], "dobel input"))
    till.desk.now = at("2026-11-26 09:00")
    ids["morning"] = till.sell(pages(till, 3)).id
    ids["softcopy"] = till.sell(SaleLine(till.softcopy, 1, till.dda, SOFTCOPY_PRICE)).id
    till.desk.now = at("2026-11-26 23:58")
    ids["late"] = till.sell(pages(till, 1)).id
    ids["next"] = till.sell(pages(till, 2)).id  # 27 Nov 00:00 WIB
    return ids


def test_the_daily_receipts_book(till: Till) -> None:
    two_days_of_sales(till)
    with till.db.database.reading() as session:
        rows = queries.daily_receipts_book(
            session, till.office_id, date(2026, 11, 25), date(2026, 11, 26)
        )
    assert [(r.day, r.receipt_number, r.amount, r.voided, r.running_total) for r in rows] == [
        (date(2026, 11, 25), "0001/PST/9821/2026", 100_000, False, 100_000),
        (date(2026, 11, 25), "0002/PST/9821/2026", 5_000, True, 100_000),
        (date(2026, 11, 26), "0003/PST/9821/2026", 3_000, False, 3_000),
        (date(2026, 11, 26), "0004/PST/9821/2026", 25_000, False, 28_000),
        (date(2026, 11, 26), "0005/PST/9821/2026", 1_000, False, 29_000),
    ]
    assert rows[0].payer == "Siti Aminah"
    assert rows[0].description == "Kabupaten Muara Enim Dalam Angka 2025 (cetak) × 2"
    assert rows[2].payer == "Siti Aminah (Universitas Sriwijaya)"
    assert rows[2].description == "Cetak tabel PDRB 2024 × 3"
    assert all(r.sale_id for r in rows)


def test_one_day_and_the_day_after(till: Till) -> None:
    ids = two_days_of_sales(till)
    with till.db.database.reading() as session:
        only_26 = queries.sales_between(
            session, till.office_id, date(2026, 11, 26), date(2026, 11, 26)
        )
        only_27 = queries.daily_receipts_book(
            session, till.office_id, date(2026, 11, 27), date(2026, 11, 27)
        )
        nothing = queries.daily_receipts_book(
            session, till.office_id, date(2026, 11, 20), date(2026, 11, 24)
        )
    assert [s.id for s in only_26] == [ids["morning"], ids["softcopy"], ids["late"]]
    assert [(r.receipt_number, r.running_total) for r in only_27] == [("0006/PST/9821/2026", 2_000)]
    assert nothing == []


def test_totals_per_day_are_summed_in_sql(till: Till) -> None:
    two_days_of_sales(till)
    with till.db.database.reading() as session:
        totals = queries.totals_per_day(
            session, till.office_id, date(2026, 11, 1), date(2026, 11, 30)
        )
        rows = queries.daily_receipts_book(
            session, till.office_id, date(2026, 11, 1), date(2026, 11, 30)
        )
    assert totals == [
        queries.DayTotal(date(2026, 11, 25), receipts=1, voided=1, total=100_000),
        queries.DayTotal(date(2026, 11, 26), receipts=3, voided=0, total=29_000),
        queries.DayTotal(date(2026, 11, 27), receipts=1, voided=0, total=2_000),
    ]
    last_of_day = {row.day: row.running_total for row in rows}
    assert last_of_day == {t.day: t.total for t in totals}


def test_the_receipts_book_and_the_day_summary_take_their_sums_in_sql(till: Till) -> None:
    ids = two_days_of_sales(till)
    first, last = date(2026, 11, 25), date(2026, 11, 26)
    with till.db.database.reading() as session:
        book = queries.receipts_book(session, till.office_id, first, last)
        rows = queries.daily_receipts_book(session, till.office_id, first, last)
        day = queries.receipt_total(session, till.office_id, last, last)
        listed = queries.sale_rows_between(session, till.office_id, first, first)
    assert book.rows == rows
    assert [(d.day, d.receipts, d.voided, d.total) for d in book.days] == [
        (first, 1, 1, 100_000),
        (last, 3, 0, 29_000),
    ]
    assert book.total == queries.ReceiptTotal(receipts=4, voided=1, total=129_000)
    assert day == queries.ReceiptTotal(receipts=3, voided=0, total=29_000)
    assert [(r.sale_id, r.voided, r.visit_code) for r in listed] == [
        (ids["early"], False, None),
        (ids["voided"], True, None),
    ]
    assert listed[0].payer == "Siti Aminah"
