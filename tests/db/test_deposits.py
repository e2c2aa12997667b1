"""Deposits (*setoran*) to the state treasury and the balance not yet deposited, on SQLite and
PostgreSQL: what a deposit may cover, its references, and the books unchanged after any
refusal."""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.errors import InputError
from dashboard.pnbp import sales
from db.models import Deposit
from db.queries import sales as queries
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
    refused,
    sale_input,
)

BILLING = "820261126000042"
NTPN = "0A1B2C3D4E5F6G7H"
DAY = date(2026, 11, 26)


def deposit(
    sale_ids: Collection[int],
    amount: object,
    *,
    deposited_on: date | None = DAY,
    billing_code: object = BILLING,
    ntpn: object = NTPN,
    note: str | None = None,
) -> Callable[[Session, Actor], Deposit]:
    return lambda s, a: sales.record_deposit(
        s,
        a,
        deposited_on=deposited_on,
        amount=amount,
        billing_code=billing_code,
        ntpn=ntpn,
        sale_ids=list(sale_ids),
        note=note,
    )


def balance(till: Till, today: date = DAY) -> queries.Undeposited:
    with till.db.database.reading() as session:
        return queries.undeposited(session, till.office_id, today)


def test_nothing_to_deposit(till: Till) -> None:
    empty = balance(till)
    assert (empty.total, empty.count, empty.oldest_day, empty.age_days, empty.sales) == (
        0,
        0,
        None,
        0,
        [],
    )


def test_the_undeposited_balance_and_its_age(till: Till) -> None:
    till.desk.now = at("2026-11-23 23:30")  # 23 Nov WIB, 16:31 UTC
    oldest = till.sell(book(till))
    till.desk.now = at("2026-11-25 10:00")
    later = till.sell(pages(till, 5))
    voided = till.sell(pages(till, 7))
    till.do(lambda s, a: sales.void_sale(s, a, voided.id, "dobel"))
    free = till.sell(pages(till), zero_rupiah_reason="sosial", zero_rupiah_letter="01/2026")
    assert free.total == 0

    now = balance(till, date(2026, 11, 26))
    assert (now.total, now.count) == (55_000, 2)
    assert now.oldest_day == date(2026, 11, 23)
    assert now.age_days == 3
    assert [s.id for s in now.sales] == [oldest.id, later.id]
    assert balance(till, date(2026, 11, 23)).age_days == 0

    till.do(deposit([oldest.id], 50_000, deposited_on=date(2026, 11, 25)))
    after = balance(till, date(2026, 11, 26))
    assert (after.total, after.count, after.oldest_day, after.age_days) == (
        5_000,
        1,
        date(2026, 11, 25),
        1,
    )


def test_a_deposit_covers_the_chosen_sales(till: Till) -> None:
    first = till.sell(book(till))
    second = till.sell(pages(till, 12))
    made = till.do(
        deposit(
            [first.id, second.id],
            "Rp 62.000",
            billing_code="8202-6112-6000-042",
            ntpn="0a1b 2c3d 4e5f 6g7h",
            note="  setor   siang ",
        )
    )
    assert (made.amount, made.billing_code, made.ntpn, made.note) == (
        62_000,
        BILLING,
        NTPN,
        "setor siang",
    )
    assert (made.deposited_on, made.treasurer_id, made.office_id) == (
        DAY,
        till.treasurer,
        till.office_id,
    )
    assert {till.sale(s.id).deposit_id for s in (first, second)} == {made.id}
    assert balance(till).total == 0
    with till.db.database.reading() as session:
        rows = queries.deposits_between(session, till.office_id, DAY, DAY)
        covered = queries.sales_of_deposit(session, made.id)
    assert [(r.deposit_id, r.amount, r.receipts) for r in rows] == [(made.id, 62_000, 2)]
    assert [s.receipt_number for s in covered] == ["0001/PST/9821/2026", "0002/PST/9821/2026"]


@pytest.mark.parametrize(
    ("changes", "field_key", "fragment"),
    [
        ({"billing_code": "12345"}, "billing_code", "15 angka"),
        ({"billing_code": "82026112600004X"}, "billing_code", "15 angka"),
        ({"billing_code": ""}, "billing_code", "wajib diisi"),
        ({"ntpn": "0A1B2C3D"}, "ntpn", "16 huruf/angka"),
        ({"ntpn": "0A1B2C3D4E5F6G7H/"}, "ntpn", "16 huruf/angka"),
        ({"ntpn": "0A1B2C3D4E5F6G7HI"}, "ntpn", "16 huruf/angka"),
        ({"ntpn": None}, "ntpn", "NTPN wajib diisi"),
        ({"deposited_on": None}, "deposited_on", "wajib diisi"),
        ({"deposited_on": date(2026, 11, 27)}, "deposited_on", "setelah hari ini"),
        ({"note": "x" * 1001}, "note", "paling banyak 1.000 karakter"),
    ],
)
def test_malformed_deposits_are_refused(
    till: Till, changes: dict[str, Any], field_key: str, fragment: str
) -> None:
    sale = till.sell(pages(till))
    refused(till, deposit([sale.id], PAGE_PRICE * 10, **changes), field_key, fragment)


@pytest.mark.parametrize(
    ("amount", "fragment"),
    [(0, "lebih dari Rp 0"), ("-5", "tanpa sen"), ("lima ribu", "tanpa sen"), ("", "wajib")],
)
def test_a_bad_amount_is_refused(till: Till, amount: object, fragment: str) -> None:
    sale = till.sell(pages(till))
    refused(till, deposit([sale.id], amount), "amount", fragment)


def test_a_deposit_larger_than_the_undeposited_balance_is_refused(till: Till) -> None:
    first = till.sell(book(till))
    till.sell(pages(till))
    refused(
        till,
        deposit([first.id], 75_000),
        "amount",
        "Jumlah setoran Rp 75.000 melebihi saldo yang belum disetor (Rp 60.000)",
    )
    refused(
        till,
        deposit([first.id], 60_000),
        "amount",
        "Jumlah setoran Rp 60.000 tidak sama dengan jumlah kuitansi yang dipilih (Rp 50.000)",
    )


def test_only_undeposited_paid_sales_of_the_office_up_to_the_day(
    till: Till, db: PreparedDatabase
) -> None:
    paid = till.sell(book(till))
    voided = till.sell(pages(till))
    till.do(lambda s, a: sales.void_sale(s, a, voided.id, "salah"))
    free = till.sell(pages(till), zero_rupiah_reason="pendidikan", zero_rupiah_letter="B-1")
    deposited = till.sell(pages(till, 2))
    till.do(deposit([deposited.id], 2_000, billing_code="820261126000001", ntpn="X" * 16))

    refused(till, deposit([], 1_000), "sale_ids", "Pilih kuitansi yang disetor")
    refused(
        till,
        deposit([voided.id], 10_000),
        "sale_ids",
        f"Kuitansi {voided.receipt_number} sudah dibatalkan",
    )
    refused(
        till,
        deposit([deposited.id], 2_000),
        "sale_ids",
        f"{deposited.receipt_number} sudah disetor",
    )
    refused(till, deposit([free.id], 50_000), "sale_ids", "bertarif nol rupiah")
    refused(
        till,
        deposit([paid.id], 50_000, deposited_on=date(2026, 11, 25)),
        "sale_ids",
        f"Kuitansi {paid.receipt_number} dibayar 26 Nov 2026, setelah tanggal setor",
    )
    refused(till, deposit([paid.id, 999_999], 50_000), "sale_ids", "1 kuitansi yang dipilih")

    other_id = prepare_office(db, OfficeSeed(code="9822", name="BPS Uji Lain", city="Lain"))
    other = Actor(till.treasurer, other_id, till.now)
    with db.database.transaction() as session:
        tariff = new_tariff(session, other, "cetak_halaman", "Cetak halaman", 7_000)
        elsewhere = sales.record_sale(
            session, other, sale_input(pages(till, 1, tariff_id=tariff, unit_price=7_000))
        )
    refused(till, deposit([elsewhere.id], 7_000), "sale_ids", "tidak ditemukan")


def test_a_billing_code_or_ntpn_is_used_once(till: Till) -> None:
    first = till.sell(pages(till))
    second = till.sell(pages(till))
    till.do(deposit([first.id], 10_000))
    refused(
        till,
        deposit([second.id], 10_000, ntpn="1234567890ABCDEF"),
        "billing_code",
        "Kode billing ini sudah dipakai setoran tanggal 26 Nov 2026",
    )
    errors = refused(
        till,
        deposit([second.id], 10_000, billing_code="820261126000043"),
        "ntpn",
        "NTPN ini sudah dipakai",
    )
    assert "billing_code" not in errors


def test_two_treasurers_depositing_the_same_sales_at_once(till: Till) -> None:
    sale = till.sell(book(till))
    barrier = threading.Barrier(2)
    references = [(BILLING, NTPN), ("820261126000099", "ZZZZ2C3D4E5F6G7H")]

    def deposit_once(index: int) -> Deposit | InputError:
        barrier.wait(timeout=10)
        code, ntpn = references[index]
        try:
            with till.db.database.transaction() as session:
                action = deposit([sale.id], 50_000, billing_code=code, ntpn=ntpn)
                return action(session, till.actor())
        except InputError as error:
            return error

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(deposit_once, range(2)))
    made = [r for r in results if isinstance(r, Deposit)]
    lost = [r for r in results if isinstance(r, InputError)]
    assert len(made) == 1 and len(lost) == 1, results
    assert "sudah disetor" in lost[0].errors["sale_ids"]
    assert till.sale(sale.id).deposit_id == made[0].id
