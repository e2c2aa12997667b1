"""Recording PNBP sales through the services, on SQLite and PostgreSQL: numbered receipts,
prices from the tariff in force, stock, zero-rupiah service, payment methods, the visit's step
9, voids and prints, and the tariffs themselves.

Every refused action must name the field, speak Indonesian, and leave every table exactly as
it was (no receipt number taken, no stock moved). Each test works in an office of its own
(code 9821), emptied of tariffs and publications first, so the main office's samples stay.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.audit import Actor
from dashboard.errors import FORM
from dashboard.library.catalog_service import set_publication_retired
from dashboard.pnbp import rules as pnbp
from dashboard.pnbp import sales, tariffs
from dashboard.pnbp.rules import SaleLine
from dashboard.setup.starter_data import starter_tariffs
from dashboard.visits import services as visits
from dashboard.visits.purchase import record_visit_purchase
from db.models import AuditEvent
from db.queries import sales as queries
from db.queries import visits as visit_queries
from tests.helpers.clock import at
from tests.helpers.database import PreparedDatabase
from tests.helpers.till import (
    HARDCOPY_PRICE,
    PAGE_PRICE,
    SOFTCOPY_PRICE,
    Till,
    book,
    new_tariff,
    pages,
    refused,
    sale_input,
)


def refused_sale(
    till: Till, lines: Sequence[SaleLine], field_key: str, fragment: str, **changes: Any
) -> dict[str, str]:
    visit_id = changes.pop("visit_id", None)
    data = sale_input(*lines, **changes)
    return refused(
        till, lambda s, a: record_visit_purchase(s, a, data, visit_id), field_key, fragment
    )


# -- a sale and its receipt ------------------------------------------------------------------


def test_a_cash_sale_gets_the_first_number_and_takes_stock(till: Till) -> None:
    sale = till.sell(book(till, 2), pages(till, 10))
    stored = till.sale(sale.id)
    assert stored.receipt_number == "0001/PST/9821/2026"
    assert (stored.receipt_year, stored.receipt_sequence) == (2026, 1)
    assert stored.total == 2 * HARDCOPY_PRICE + 10 * PAGE_PRICE == 110_000
    assert (stored.payer_name, stored.payer_institution) == ("Siti Aminah", "Universitas Sriwijaya")
    assert (stored.payment_method, stored.payment_reference) == ("cash", None)
    assert stored.treasurer_id == till.treasurer
    assert stored.paid_at == till.now
    assert stored.print_count == 0
    assert stored.voided_at is None and stored.deposit_id is None
    assert stored.visit_id is None
    assert [
        (item.item_kind, item.description, item.quantity, item.unit_price, item.amount)
        for item in stored.items
    ] == [
        ("publikasi_cetak", "Kabupaten Muara Enim Dalam Angka 2025 (cetak)", 2, 50_000, 100_000),
        ("cetak_halaman", "Cetak tabel PDRB 2024", 10, 1_000, 10_000),
    ]
    assert till.stock(till.dda) == 1
    with till.db.database.reading() as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "sale.record"))
        assert event is not None and event.row_id == sale.id
        assert event.user_id == till.treasurer
        assert "0001/PST/9821/2026" in (event.after or "")

    second = till.sell(pages(till, 3, description=None))
    assert second.receipt_number == "0002/PST/9821/2026"
    assert till.sale(second.id).items[0].description == "Cetak halaman"


def test_a_softcopy_line_takes_no_stock(till: Till) -> None:
    line = SaleLine(till.softcopy, 2, till.dda, SOFTCOPY_PRICE)
    sale = till.sell(line)
    assert sale.total == 50_000
    assert till.sale(sale.id).items[0].description == (
        "Kabupaten Muara Enim Dalam Angka 2025 (softcopy)"
    )
    assert till.stock(till.dda) == 3


def test_unit_price_left_out_takes_the_tariff(till: Till) -> None:
    sale = till.sell(book(till, 1, unit_price=None))
    assert sale.total == HARDCOPY_PRICE


def test_payment_methods(till: Till) -> None:
    transfer = till.sell(pages(till), payment_method="transfer", payment_reference=" BRI 0042 ")
    qris = till.sell(pages(till), payment_method="qris", payment_reference=None)
    simponi = till.sell(
        pages(till), payment_method="simponi", payment_reference="8202 6112 6000 042"
    )
    cash = till.sell(pages(till), payment_method="cash", payment_reference="kembalian 0")
    assert [(s.payment_method, s.payment_reference) for s in (transfer, qris, simponi, cash)] == [
        ("transfer", "BRI 0042"),
        ("qris", None),
        ("simponi", "820261126000042"),
        ("cash", None),
    ]


# -- refused sales ---------------------------------------------------------------------------


def test_beyond_stock_is_refused_with_title_and_stock(till: Till) -> None:
    refused_sale(
        till,
        [book(till, 4)],
        "line-0",
        "Stok cetak “Kabupaten Muara Enim Dalam Angka 2025” tinggal 3 eksemplar",
    )
    errors = refused_sale(till, [book(till, 2), pages(till), book(till, 2)], "line-2", "tinggal 3")
    assert "tidak cukup untuk 4 eksemplar" in errors["line-0"]
    assert "line-1" not in errors
    till.sell(book(till, 3))
    assert till.stock(till.dda) == 0
    refused_sale(till, [book(till, 1)], "line-0", "tinggal 0 eksemplar")
    assert till.numbers() == ["0001/PST/9821/2026"]


@pytest.mark.parametrize("quantity", [0, -1])
def test_zero_or_negative_quantity_is_refused(till: Till, quantity: int) -> None:
    refused_sale(till, [pages(till), book(till, quantity)], "line-1", "lebih dari 0")


def test_amount_not_matching_the_tariff_is_refused(till: Till) -> None:
    refused_sale(
        till,
        [book(till, 1, unit_price=45_000)],
        "line-0",
        "Harga satuan Rp 45.000 tidak sesuai tarif yang berlaku (Rp 50.000)",
    )


def test_tariff_not_in_force_is_refused(till: Till) -> None:
    refused_sale(
        till,
        [SaleLine(till.expired, 1, None, 40_000)],
        "line-0",
        "Tarif “Tabulasi lama” tidak berlaku pada 26 Nov 2026 (berlaku 1 Jan 2025 s.d. "
        "31 Des 2025)",
    )
    refused_sale(
        till, [SaleLine(till.future, 1, None, 60_000)], "line-0", "berlaku sejak 1 Jan 2027"
    )
    refused_sale(till, [SaleLine(999_999, 1, None, 1)], "line-0", "Tarif itu tidak ada")


def test_a_tariff_of_another_office_is_refused(till: Till, db: PreparedDatabase) -> None:
    with db.database.reading() as session:
        main_office_tariff = queries.tariffs_in_force(session, db.office_id, date(2026, 11, 26))[0]
    refused_sale(
        till,
        [SaleLine(main_office_tariff.id, 1, None, main_office_tariff.amount)],
        "line-0",
        "Tarif itu tidak ada",
    )


def test_publication_lines_need_a_fitting_catalog_entry(till: Till) -> None:
    refused_sale(till, [book(till, publication_id=None)], "line-0", "Pilih publikasi")
    refused_sale(till, [book(till, publication_id=999_999)], "line-0", "tidak ada di katalog")
    refused_sale(
        till,
        [book(till, publication_id=till.pdf_only)],
        "line-0",
        "“Indeks Harga Konsumen 2025” tidak tersedia dalam bentuk cetak",
    )
    refused_sale(
        till,
        [SaleLine(till.softcopy, 1, till.sd, SOFTCOPY_PRICE)],
        "line-0",
        "tidak tersedia dalam bentuk softcopy",
    )
    till.do(lambda s, a: set_publication_retired(s, a, till.dda, True))
    refused_sale(till, [book(till)], "line-0", "sudah ditarik dari katalog")


def test_every_problem_of_a_sale_is_reported_at_once(till: Till) -> None:
    errors = refused_sale(
        till,
        [book(till, 9), pages(till, 0), book(till, unit_price=1)],
        "payer_name",
        "Nama pembayar wajib diisi",
        payer_name=" ",
        payment_method="simponi",
        payment_reference="123",
    )
    assert set(errors) == {"payer_name", "payment_reference", "line-0", "line-1", "line-2"}
    assert "15 angka" in errors["payment_reference"]
    assert "lebih dari 0" in errors["line-1"]
    assert "Harga satuan Rp 1" in errors["line-2"]


def test_payment_problems_are_refused(till: Till) -> None:
    refused_sale(till, [pages(till)], "payment_method", "Pilih cara pembayaran", payment_method="")
    refused_sale(
        till,
        [pages(till)],
        "payment_reference",
        "Kode billing SIMPONI wajib diisi",
        payment_method="simponi",
    )
    refused_sale(till, [], "lines", "paling sedikit satu")


def test_a_refused_sale_gives_no_number(till: Till) -> None:
    refused_sale(till, [book(till, 99)], "line-0", "tinggal 3")
    assert till.sell(pages(till)).receipt_number == "0001/PST/9821/2026"


# -- zero-rupiah service -----------------------------------------------------------------------


def test_zero_rupiah_sale_records_reason_and_letter_and_costs_nothing(till: Till) -> None:
    sale = till.sell(
        book(till, 1),
        pages(till, 20, unit_price=None),
        payer_institution="Dinas Pendidikan Kab. Muara Enim",
        zero_rupiah_reason="pemerintah",
        zero_rupiah_letter="005/123/Disdik/2026",
    )
    stored = till.sale(sale.id)
    assert stored.total == 0
    assert [(item.unit_price, item.amount) for item in stored.items] == [(0, 0), (0, 0)]
    assert (stored.zero_rupiah_reason, stored.zero_rupiah_letter) == (
        "pemerintah",
        "005/123/Disdik/2026",
    )
    assert stored.receipt_number == "0001/PST/9821/2026"
    assert till.stock(till.dda) == 2


def test_zero_rupiah_without_reason_or_letter_is_refused(till: Till) -> None:
    refused_sale(
        till,
        [pages(till)],
        "zero_rupiah_letter",
        "nomor surat permohonan",
        zero_rupiah_reason="pendidikan",
    )
    refused_sale(
        till,
        [pages(till)],
        "zero_rupiah_reason",
        "Pilih dasar pemberian tarif nol rupiah",
        zero_rupiah_letter="B-77/UN9/2026",
    )


# -- a visit's purchase at step 9 ---------------------------------------------------------------


def visit_waiting_to_pay(till: Till) -> int:
    visit_id = till.desk.new_visit()
    till.desk.walk(visit_id, sop.PURCHASE_OFFER)
    till.desk.do(lambda s, a: visits.record_purchase_offer(s, a, visit_id, True))
    return visit_id


def test_a_visit_purchase_ends_step_9_at_the_receipt(till: Till) -> None:
    visit_id = visit_waiting_to_pay(till)
    offer_started = till.desk.visit(visit_id).steps[-1].started_at
    with till.db.database.reading() as session:
        waiting = queries.visits_waiting_for_payment(session, till.office_id)
    assert [(w.visit_id, w.code, w.visitor_name) for w in waiting] == [
        (visit_id, "A-001", "Siti Aminah")
    ]
    assert waiting[0].since == offer_started
    assert waiting[0].visitor_institution == "Universitas Sriwijaya"

    sale = till.sell(book(till), visit_id=visit_id, minutes_later=4)
    assert sale.visit_id == visit_id
    steps = till.desk.visit(visit_id).steps
    offer, bag = steps[-2], steps[-1]
    assert (offer.step_number, offer.outcome) == (sop.PURCHASE_OFFER, sop.OUTCOME_BUYS)
    assert offer.ended_at == sale.paid_at == till.now
    assert offer.ended_by_id == till.treasurer
    assert offer.started_at == offer_started
    assert (bag.step_number, bag.queued_at, bag.started_at) == (sop.BAG_RETURN, till.now, None)
    with till.db.database.reading() as session:
        assert queries.visits_waiting_for_payment(session, till.office_id) == []
        assert [s.id for s in queries.sales_of_visit(session, visit_id)] == [sale.id]

    refused_sale(till, [pages(till)], FORM, "tidak menunggu pembayaran", visit_id=visit_id)


def test_a_visit_not_waiting_to_pay_is_refused(till: Till) -> None:
    visit_id = till.desk.new_visit()
    till.desk.walk(visit_id, sop.READING_TABLE)
    refused_sale(till, [pages(till)], FORM, "8. Ke meja baca", visit_id=visit_id)
    till.desk.walk(visit_id, sop.PURCHASE_OFFER)
    refused_sale(till, [pages(till)], FORM, "belum menyatakan membeli", visit_id=visit_id)
    till.desk.do(lambda s, a: visits.record_purchase_offer(s, a, visit_id, False))
    refused_sale(till, [pages(till)], FORM, "tidak menunggu pembayaran", visit_id=visit_id)
    refused_sale(till, [pages(till)], FORM, "Kunjungan tidak ditemukan", visit_id=999_999)
    assert till.numbers() == []


def test_a_refused_visit_sale_leaves_the_visit_waiting(till: Till) -> None:
    visit_id = visit_waiting_to_pay(till)
    errors = refused_sale(till, [book(till, 5)], "line-0", "tinggal 3", visit_id=visit_id)
    assert FORM not in errors
    assert till.desk.open_step(visit_id) == (sop.PURCHASE_OFFER, True)


def test_publications_of_a_visit(till: Till) -> None:
    visit_id = till.desk.new_visit()
    till.desk.walk(visit_id, sop.SEARCH)
    with till.db.database.reading() as session:
        first_request = visit_queries.requests_of_visit(session, visit_id)[0].id
    till.desk.do(lambda s, a: visits.mark_request_found(s, a, visit_id, first_request, till.sd))
    till.desk.do(lambda s, a: visits.mark_request_found(s, a, visit_id, first_request, till.dda))
    with till.db.database.reading() as session:
        found = queries.publications_of_visit(session, visit_id)
    assert [(p.publication_id, p.hardcopy_stock, p.has_softcopy) for p in found] == [
        (till.dda, 3, True),
        (till.sd, 1, False),
    ]


# -- voids and prints ---------------------------------------------------------------------------


def test_void_keeps_the_number_and_puts_stock_back(till: Till) -> None:
    sale = till.sell(book(till, 2), pages(till))
    assert till.stock(till.dda) == 1
    till.do(lambda s, a: sales.void_sale(s, a, sale.id, "  Salah tulis   nama pembayar "))
    voided = till.sale(sale.id)
    assert voided.receipt_number == "0001/PST/9821/2026"
    assert voided.voided_at == till.now
    assert voided.voided_by_id == till.treasurer
    assert voided.void_reason == "Salah tulis nama pembayar"
    assert voided.total == 110_000
    assert till.stock(till.dda) == 3
    assert till.sell(pages(till)).receipt_number == "0002/PST/9821/2026"
    refused(
        till,
        lambda s, a: sales.void_sale(s, a, sale.id, "lagi"),
        FORM,
        "Kuitansi 0001/PST/9821/2026 sudah dibatalkan pada 26 Nov 2026",
    )


def test_void_needs_a_reason_and_an_existing_receipt(till: Till) -> None:
    sale = till.sell(pages(till))
    refused(
        till,
        lambda s, a: sales.void_sale(s, a, sale.id, "  "),
        "void_reason",
        "Tuliskan alasan pembatalan",
    )
    refused(till, lambda s, a: sales.void_sale(s, a, 999_999, "x"), FORM, "tidak ditemukan")


def test_a_deposited_sale_cannot_be_voided(till: Till) -> None:
    sale = till.sell(pages(till))
    till.do(
        lambda s, a: sales.record_deposit(
            s,
            a,
            deposited_on=date(2026, 11, 26),
            amount=10_000,
            billing_code="820261126000042",
            ntpn="0A1B2C3D4E5F6G7H",
            sale_ids=[sale.id],
        )
    )
    refused(
        till,
        lambda s, a: sales.void_sale(s, a, sale.id, "salah"),
        FORM,
        "sudah disetor ke kas negara; tidak bisa dibatalkan",
    )


def test_prints_are_counted(till: Till) -> None:
    sale = till.sell(pages(till))
    assert till.do(lambda s, a: sales.mark_printed(s, a, sale.id)) == 1
    assert till.do(lambda s, a: sales.mark_printed(s, a, sale.id)) == 2
    assert till.sale(sale.id).print_count == 2
    refused(till, lambda s, a: sales.mark_printed(s, a, 999_999), FORM, "tidak ditemukan")


# -- tariffs ------------------------------------------------------------------------------------


def test_tariffs_in_force(till: Till) -> None:
    with till.db.database.reading() as session:

        def labels(day: date) -> list[str]:
            return [t.label for t in queries.tariffs_in_force(session, till.office_id, day)]

        on_day = labels(date(2026, 11, 26))
        in_2025 = labels(date(2025, 6, 1))
        in_2027 = labels(date(2027, 1, 1))
    assert on_day == ["Cetak halaman", "Publikasi tercetak", "Publikasi softcopy"]
    assert in_2025 == ["Tabulasi lama"]
    assert "Tabulasi baru" in in_2027 and "Tabulasi lama" not in in_2027


def test_overlapping_tariff_is_refused(till: Till) -> None:
    def add(label: str, first: date, last: date | None = None) -> Callable[[Session, Actor], Any]:
        return lambda s, a: new_tariff(s, a, pnbp.KIND_DIGITAL_DATA, label, 1, first, last)

    refused(till, add("tabulasi LAMA", date(2025, 12, 1)), "valid_from", "Tarif “Tabulasi lama”")
    refused(till, add("Tabulasi baru", date(2026, 6, 1)), "valid_from", "sejak 1 Jan 2027")
    refused(
        till,
        add("Tabulasi baru", date(2026, 6, 1), date(2027, 1, 1)),
        "valid_from",
        "sudah ada",
    )
    till.do(add("Tabulasi baru", date(2026, 1, 1), date(2026, 12, 31)))
    till.do(add("Tabulasi khusus", date(2026, 1, 1)))


def test_ending_a_tariff(till: Till) -> None:
    till.sell(book(till))  # 26 Nov 2026
    refused(
        till,
        lambda s, a: tariffs.end_tariff(s, a, till.hardcopy, date(2026, 11, 25)),
        "valid_to",
        "sudah dipakai pada kuitansi tanggal 26 Nov 2026",
    )
    refused(
        till,
        lambda s, a: tariffs.end_tariff(s, a, till.hardcopy, date(2025, 12, 31)),
        "valid_to",
        "sebelum tarif mulai berlaku (1 Jan 2026)",
    )
    refused(
        till,
        lambda s, a: tariffs.end_tariff(s, a, 999_999, date(2026, 12, 31)),
        FORM,
        "Tarif tidak ditemukan",
    )
    ended = till.do(lambda s, a: tariffs.end_tariff(s, a, till.hardcopy, date(2026, 11, 26)))
    assert ended.valid_to == date(2026, 11, 26)
    till.do(
        lambda s, a: new_tariff(
            s, a, pnbp.KIND_HARDCOPY, "Publikasi tercetak", 60_000, date(2026, 11, 27)
        )
    )
    till.desk.now = at("2026-11-27 09:00")
    refused_sale(till, [book(till)], "line-0", "tidak berlaku pada 27 Nov 2026")


def test_starter_tariffs_are_samples_in_the_main_office(db: PreparedDatabase) -> None:
    with db.database.reading() as session:
        stored = queries.tariffs_in_force(session, db.office_id, date(2026, 11, 26))
    samples = [t for t in stored if t.is_sample]
    assert len(samples) == len(starter_tariffs()) == 6
    assert all("(CONTOH)" in t.label for t in samples)
    assert {t.item_kind for t in samples} == set(pnbp.ITEM_KINDS)
    hardcopy = sorted(t.amount for t in samples if t.item_kind == pnbp.KIND_HARDCOPY)
    assert hardcopy == [50_000, 100_000, 150_000]
