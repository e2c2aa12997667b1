"""The treasurer's pages (Penjualan PNBP, Setoran, Buku kas, Tarif PNBP) as plain functions:
form values to a sale, live amounts, the lines of the form, statuses, the undeposited
balance, the receipts book, the tariff list; and the step 9 payment parts of the Layanan page
and the in-progress board."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from dash import Dash, no_update

from callbacks import in_progress as in_progress_callbacks
from dashboard import sop
from dashboard.errors import FORM, InputError
from dashboard.paths import parse_id, receipt_path
from dashboard.pnbp import books_ids, deposits_ids
from dashboard.pnbp import sales_ids as ids
from dashboard.pnbp import sales_layout as sales_components
from dashboard.pnbp import tariff_admin_ids as tariff_ids
from dashboard.pnbp.books_layout import book_table
from dashboard.pnbp.books_view import PERIOD_DAY, PERIOD_MONTH, book_days, book_period
from dashboard.pnbp.deposits_view import (
    age_level,
    age_text,
    balance_view,
    selected_sales,
    selection_text,
)
from dashboard.pnbp.rules import (
    KIND_DIGITAL_DATA,
    KIND_HARDCOPY,
    KIND_PRINTED_PAGE,
    KIND_SOFTCOPY,
    parse_form_date,
)
from dashboard.pnbp.sales_view import (
    SaleForm,
    SaleReceipt,
    SellablePublication,
    edited_lines,
    first_tariff,
    form_figures,
    merge_line_values,
    new_line,
    other_tariff_options,
    parse_publication_add,
    receipts_summary,
    reference_field,
    refusal_of_add,
    sale_input,
    sale_status,
    tariffs_of_kind,
    waited_text,
)
from dashboard.pnbp.tariffs_layout import sample_banner
from dashboard.pnbp.tariffs_view import TariffRow, in_force, samples_in_force, tariff_records
from dashboard.visits import board_ids as in_progress_ids
from dashboard.visits import service_ids
from dashboard.visits.board import AWAITING_PAYMENT_TEXT, build_board
from dashboard.visits.service_layout import render_visit, sale_summary
from dashboard.visits.service_page import Panel, VisitSale, panel_for
from db.queries.sales import BookRow, DayTotal, ReceiptsBook, ReceiptTotal
from tests.helpers.board import TARGETS, active
from tests.helpers.callbacks import outputs_of, writers_of
from tests.helpers.clock import at
from tests.helpers.components import by_id, ids_in, text_of, walk
from tests.helpers.service_view import EARLIER, make_view, step

NOW = at("2026-11-26 10:00")

TARIFFS: dict[str, dict[str, Any]] = {
    "1": {
        "kind": KIND_HARDCOPY,
        "label": "Cetak s.d. 100 hlm",
        "unit": "eksemplar",
        "amount": 50_000,
        "sample": False,
    },
    "2": {
        "kind": KIND_HARDCOPY,
        "label": "Cetak > 300 hlm",
        "unit": "eksemplar",
        "amount": 150_000,
        "sample": False,
    },
    "3": {
        "kind": KIND_SOFTCOPY,
        "label": "Softcopy",
        "unit": "file",
        "amount": 25_000,
        "sample": True,
    },
    "4": {
        "kind": KIND_PRINTED_PAGE,
        "label": "Cetak halaman",
        "unit": "halaman",
        "amount": 1_000,
        "sample": False,
    },
}


# -- ids ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "prefix"),
    [
        (ids, "sales-"),
        (deposits_ids, "deposits-"),
        (books_ids, "books-"),
        (tariff_ids, "tariff-admin-"),
    ],
)
def test_ids_are_unique_kebab_case_and_page_prefixed(module: Any, prefix: str) -> None:
    values = [
        value for name, value in vars(module).items() if name.isupper() and isinstance(value, str)
    ]
    assert len(values) == len(set(values))
    assert all(value.startswith(prefix) and value == value.lower() for value in values)
    assert " " not in "".join(values) and "_" not in "".join(values)


SALES_OUTPUTS = [
    "sales-day.children",
    "sales-focus.data",
    "sales-form-alert.children",
    "sales-form-placeholder.hidden",
    "sales-form-title.children",
    "sales-form-visit.children",
    "sales-form.hidden",
    "sales-lines-feedback.children",
    "sales-lines-table.children",
    "sales-lines.data",
    "sales-message.children",
    "sales-next-line-key.data",
    "sales-office-notice.children",
    "sales-other-tariff.options",
    "sales-other-tariff.value",
    "sales-payer-institution-feedback.children",
    "sales-payer-institution.invalid",
    "sales-payer-institution.value",
    "sales-payer-name-feedback.children",
    "sales-payer-name.invalid",
    "sales-payer-name.value",
    "sales-payment-method-feedback.children",
    "sales-payment-method.options",
    "sales-payment-method.value",
    "sales-payment-reference-feedback.children",
    "sales-payment-reference-label.children",
    "sales-payment-reference-row.className",
    "sales-payment-reference.invalid",
    "sales-payment-reference.value",
    "sales-publication-results.children",
    "sales-publication-search.value",
    "sales-refresh.interval",
    "sales-receipt-download.data",
    "sales-result-sale.data",
    "sales-result-number.children",
    "sales-result-total.children",
    "sales-result.hidden",
    "sales-sale-visit.data",
    "sales-tariffs.data",
    "sales-today-grid.rowData",
    "sales-today-summary.children",
    "sales-total-words.children",
    "sales-total.children",
    "sales-version.data",
    "sales-void-alert.children",
    "sales-void-modal.is_open",
    "sales-void-open.disabled",
    "sales-void-reason-feedback.children",
    "sales-void-reason.invalid",
    "sales-void-reason.value",
    "sales-void-sale-text.children",
    "sales-void-sale.data",
    "sales-waiting-count.children",
    "sales-waiting-list.children",
    "sales-zero-letter-feedback.children",
    "sales-zero-letter.invalid",
    "sales-zero-letter.value",
    "sales-zero-reason-feedback.children",
    "sales-zero-reason.invalid",
    "sales-zero-reason.value",
    "sales-zero-rupiah-fields.className",
    "sales-zero-rupiah.value",
    '{"index":["ALL"],"type":"sales-line-amount"}.children',
    '{"index":["ALL"],"type":"sales-line-feedback"}.children',
    '{"index":["ALL"],"type":"sales-line-unit-price"}.children',
]
DEPOSITS_OUTPUTS = [
    "deposits-amount-feedback.children",
    "deposits-amount.invalid",
    "deposits-amount.value",
    "deposits-balance-age.children",
    "deposits-balance-age.color",
    "deposits-balance-count.children",
    "deposits-balance-oldest.children",
    "deposits-balance-total.children",
    "deposits-billing-code-feedback.children",
    "deposits-billing-code.invalid",
    "deposits-billing-code.value",
    "deposits-deposited-on-feedback.children",
    "deposits-deposited-on.invalid",
    "deposits-deposited-on.value",
    "deposits-form-alert.children",
    "deposits-history-grid.rowData",
    "deposits-message.children",
    "deposits-note-feedback.children",
    "deposits-note.invalid",
    "deposits-note.value",
    "deposits-ntpn-feedback.children",
    "deposits-ntpn.invalid",
    "deposits-ntpn.value",
    "deposits-selected-summary.children",
    "deposits-undeposited-grid.rowData",
    "deposits-undeposited-grid.selectedRows",
    "deposits-version.data",
]
BOOKS_OUTPUTS = [
    "books-day-column.className",
    "books-download.data",
    "books-month-column.className",
    "books-period-feedback.children",
    "books-summary.children",
    "books-table.children",
    "books-title.children",
]
TARIFF_OUTPUTS = [
    "tariff-admin-add-alert.children",
    "tariff-admin-add-modal.is_open",
    "tariff-admin-amount-feedback.children",
    "tariff-admin-amount.invalid",
    "tariff-admin-amount.value",
    "tariff-admin-end-alert.children",
    "tariff-admin-end-modal.is_open",
    "tariff-admin-end-on-feedback.children",
    "tariff-admin-end-on.invalid",
    "tariff-admin-end-on.value",
    "tariff-admin-end-open.disabled",
    "tariff-admin-end-tariff-text.children",
    "tariff-admin-end-tariff.data",
    "tariff-admin-grid.rowData",
    "tariff-admin-item-kind-feedback.children",
    "tariff-admin-item-kind.invalid",
    "tariff-admin-item-kind.value",
    "tariff-admin-label-feedback.children",
    "tariff-admin-label.invalid",
    "tariff-admin-label.value",
    "tariff-admin-message.children",
    "tariff-admin-sample-banner.children",
    "tariff-admin-unit-feedback.children",
    "tariff-admin-unit.invalid",
    "tariff-admin-unit.placeholder",
    "tariff-admin-unit.value",
    "tariff-admin-valid-from-feedback.children",
    "tariff-admin-valid-from.invalid",
    "tariff-admin-valid-from.value",
    "tariff-admin-valid-to-feedback.children",
    "tariff-admin-valid-to.invalid",
    "tariff-admin-valid-to.value",
    "tariff-admin-version.data",
]


def test_the_callbacks_register_on_a_fresh_app(app: Dash) -> None:
    """The app the factory builds wires the treasurer's pages: exactly these outputs per page;
    a sale, a deposit and a tariff are recorded from their button (or Enter in a field), a
    void from its button or Enter in the reason, and the books redraw on the period."""
    assert outputs_of(app, "callbacks.sales") == set(SALES_OUTPUTS)
    assert outputs_of(app, "callbacks.deposits") == set(DEPOSITS_OUTPUTS)
    assert outputs_of(app, "callbacks.books") == set(BOOKS_OUTPUTS)
    assert outputs_of(app, "callbacks.tariff_admin") == set(TARIFF_OUTPUTS)
    assert writers_of(app, f"{ids.RESULT_NUMBER}.children") == {
        frozenset(
            {
                "sales-submit.n_clicks",
                "sales-payer-name.n_submit",
                "sales-payer-institution.n_submit",
                "sales-payment-reference.n_submit",
                "sales-zero-letter.n_submit",
            }
        )
    }
    assert writers_of(app, f"{ids.VOID_REASON_FEEDBACK}.children") == {
        frozenset({"sales-void-submit.n_clicks", "sales-void-reason.n_submit"})
    }
    assert writers_of(app, "deposits-form-alert.children") == {
        frozenset(
            {
                "deposits-submit.n_clicks",
                "deposits-billing-code.n_submit",
                "deposits-ntpn.n_submit",
                "deposits-amount.n_submit",
                "deposits-note.n_submit",
            }
        )
    }
    assert writers_of(app, "books-table.children") == {
        frozenset({"books-period-kind.value", "books-day.value", "books-month.value"})
    }
    assert writers_of(app, "tariff-admin-message.children") == {
        frozenset({"tariff-admin-end-submit.n_clicks", "tariff-admin-end-on.n_submit"}),
        frozenset(
            {
                "tariff-admin-add-submit.n_clicks",
                "tariff-admin-label.n_submit",
                "tariff-admin-amount.n_submit",
                "tariff-admin-unit.n_submit",
            }
        ),
    }


# -- the sale form ------------------------------------------------------------------------------


def form(**changes: Any) -> SaleForm:
    values: dict[str, Any] = {
        "payer_name": "Siti Aminah",
        "payer_institution": "Universitas Sriwijaya",
        "payment_method": "cash",
        "payment_reference": "",
        "zero_rupiah": False,
        "zero_rupiah_reason": None,
        "zero_rupiah_letter": "",
        "lines": [
            {
                **new_line(1, KIND_HARDCOPY, publication_id=7, title="DDA", tariff_id="1"),
                "quantity": "2",
            },
            {
                **new_line(2, KIND_PRINTED_PAGE, tariff_id="4"),
                "quantity": " 12 ",
                "description": "Tabel PDRB",
            },
        ],
    }
    values.update(changes)
    return SaleForm(**values)


def test_a_filled_form_becomes_the_sale_with_the_prices_it_showed() -> None:
    data = sale_input(form(), TARIFFS)
    assert data.payer_name == "Siti Aminah"
    assert data.payment_method == "cash" and data.payment_reference is None
    first, second = data.lines
    assert (first.tariff_id, first.quantity, first.publication_id, first.unit_price) == (
        1,
        2,
        7,
        50_000,
    )
    assert first.description is None  # a publication line is named by its title
    assert (second.tariff_id, second.quantity, second.unit_price) == (4, 12, 1_000)
    assert second.description == "Tabel PDRB"
    assert not data.is_zero_rupiah


def test_a_bad_quantity_and_a_missing_payer_are_reported_together() -> None:
    lines = form().lines
    broken = [{**lines[0], "quantity": "dua"}, {**lines[1], "tariff_id": None}]
    with pytest.raises(InputError) as refused:
        sale_input(form(payer_name=" ", lines=broken), TARIFFS)
    errors = refused.value.errors
    assert set(errors) == {"payer_name", "line-0", "line-1"}
    assert "bilangan bulat" in errors["line-0"]
    assert errors["line-1"] == "Pilih tarif untuk baris ini."


def test_zero_rupiah_sends_no_price_and_cash_and_needs_its_reason() -> None:
    data = sale_input(
        form(
            zero_rupiah=True,
            zero_rupiah_reason="pendidikan",
            zero_rupiah_letter="12/UN/2026",
            payment_method="simponi",
            payment_reference="123",
        ),
        TARIFFS,
    )
    assert data.is_zero_rupiah and data.payment_method == "cash"
    assert data.payment_reference is None
    assert {line.unit_price for line in data.lines} == {0}
    with pytest.raises(InputError) as refused:
        sale_input(form(zero_rupiah=True), TARIFFS)
    assert {"zero_rupiah_reason", "zero_rupiah_letter"} <= set(refused.value.errors)


def test_a_simponi_payment_keeps_its_reference_for_the_service_to_check() -> None:
    data = sale_input(
        form(payment_method="simponi", payment_reference="8202 6112 6000 123"), TARIFFS
    )
    assert data.payment_reference == "8202 6112 6000 123"


def test_the_live_figures_follow_quantity_tariff_and_zero_rupiah() -> None:
    figures = form_figures(["1", "4", None, "3"], ["2", "12", "1", "x"], TARIFFS, False)
    assert [line.unit_price for line in figures.lines] == [
        "Rp 50.000 / eksemplar",
        "Rp 1.000 / halaman",
        "—",
        "Rp 25.000 / file",
    ]
    assert [line.amount for line in figures.lines] == ["Rp 100.000", "Rp 12.000", "—", "—"]
    assert figures.total == "Rp 112.000"
    assert figures.total_words == "Seratus dua belas ribu rupiah"
    zero = form_figures(["1"], ["2"], TARIFFS, True)
    assert (zero.lines[0].amount, zero.total, zero.total_words) == ("Rp 0", "Rp 0", "Nol rupiah")


def test_tariff_choices_per_kind_cheapest_first() -> None:
    assert [o["value"] for o in tariffs_of_kind(TARIFFS, KIND_HARDCOPY)] == ["1", "2"]
    assert tariffs_of_kind(TARIFFS, KIND_HARDCOPY)[0]["label"] == "Cetak s.d. 100 hlm — Rp 50.000"
    assert first_tariff(TARIFFS, KIND_SOFTCOPY) == "3"
    assert first_tariff(TARIFFS, KIND_DIGITAL_DATA) is None
    assert [o["value"] for o in other_tariff_options(TARIFFS)] == ["4"]


def test_typed_values_survive_redrawing_the_lines() -> None:
    lines = [new_line(1, KIND_HARDCOPY, tariff_id="1"), new_line(2, KIND_PRINTED_PAGE)]
    merged = merge_line_values(lines, {1: "2"}, {1: "5", 2: "9"}, {2: "Tabel"})
    assert (merged[0]["tariff_id"], merged[0]["quantity"]) == ("2", "5")
    assert (merged[1]["quantity"], merged[1]["description"]) == ("9", "Tabel")
    assert lines[0]["quantity"] == "1"  # the store's own lines are not changed


def test_adding_and_removing_lines() -> None:
    lines: list[dict[str, Any]] = []
    add = {"type": ids.PUBLICATION_ADD_TYPE, "index": f"7:{KIND_HARDCOPY}"}
    edited = edited_lines(lines, 1, TARIFFS, add, None, "DDA (1603-DDA)")
    assert edited is not None
    lines, next_key = edited
    assert next_key == 2 and lines[0]["publication_id"] == 7 and lines[0]["tariff_id"] == "1"
    assert lines[0]["title"] == "DDA (1603-DDA)"
    assert edited_lines(lines, 2, TARIFFS, add, None, "DDA") is None  # twice
    edited = edited_lines(lines, 2, TARIFFS, ids.OTHER_ADD, "4")
    assert edited is not None
    lines, next_key = edited
    assert [line["kind"] for line in lines] == [KIND_HARDCOPY, KIND_PRINTED_PAGE]
    assert edited_lines(lines, 3, TARIFFS, ids.OTHER_ADD, None) is None
    remove = {"type": ids.LINE_REMOVE_TYPE, "index": 1}
    edited = edited_lines(lines, 3, TARIFFS, remove, None)
    assert edited is not None and [line["key"] for line in edited[0]] == [2]


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (f"12:{KIND_HARDCOPY}", (12, KIND_HARDCOPY)),
        (f"3:{KIND_SOFTCOPY}", (3, KIND_SOFTCOPY)),
        (f"3:{KIND_PRINTED_PAGE}", None),
        ("x:publikasi_cetak", None),
        (None, None),
    ],
)
def test_publication_buttons_name_their_publication_and_kind(index: object, expected) -> None:
    assert parse_publication_add(index) == expected


def test_why_a_publication_cannot_be_added() -> None:
    publication = SellablePublication(7, "DDA", "1603-DDA", 2025, True, 0, True)
    assert refusal_of_add(publication, KIND_HARDCOPY, TARIFFS, []) == "Stok cetak habis"
    assert refusal_of_add(publication, KIND_SOFTCOPY, TARIFFS, []) is None
    no_softcopy = SellablePublication(8, "SD", None, None, True, 3, False)
    assert refusal_of_add(no_softcopy, KIND_SOFTCOPY, TARIFFS, []) == "Tidak ada softcopy"
    assert refusal_of_add(no_softcopy, KIND_HARDCOPY, {}, []) == (
        "Belum ada tarif publikasi tercetak (hardcopy) yang berlaku"
    )
    added = [new_line(1, KIND_HARDCOPY, publication_id=8)]
    assert "Sudah ada" in (refusal_of_add(no_softcopy, KIND_HARDCOPY, TARIFFS, added) or "")
    assert publication.details == "1603-DDA · 2025 · stok cetak 0 · softcopy tersedia"


def test_the_reference_field_fits_the_method() -> None:
    assert reference_field("cash", False) == (False, "")
    assert reference_field("simponi", False) == (True, "Kode billing SIMPONI (15 angka)")
    assert reference_field("qris", False) == (True, "Nomor referensi QRIS")
    assert reference_field("transfer", True) == (False, "")


def test_the_lines_table_has_an_input_per_line_and_an_empty_notice() -> None:
    assert sales_components.lines_table([], TARIFFS).id == ids.LINES_EMPTY
    table = sales_components.lines_table(form().lines, TARIFFS)
    found = ids_in(table)
    assert {
        ids.LINE_ROW_TYPE,
        ids.LINE_TARIFF_TYPE,
        ids.LINE_QUANTITY_TYPE,
        ids.LINE_UNIT_PRICE_TYPE,
        ids.LINE_AMOUNT_TYPE,
        ids.LINE_REMOVE_TYPE,
        ids.LINE_FEEDBACK_TYPE,
        ids.LINE_DESCRIPTION_TYPE,
    } <= found
    # Only the line without a publication gets a description field.
    descriptions = [
        c for c in walk(table) if getattr(c, "id", {}) == ids.line_id(ids.LINE_DESCRIPTION_TYPE, 2)
    ]
    assert len(descriptions) == 1
    assert not [
        c for c in walk(table) if getattr(c, "id", {}) == ids.line_id(ids.LINE_DESCRIPTION_TYPE, 1)
    ]


def test_recording_outputs_show_the_receipt_or_place_the_messages() -> None:
    receipt = SaleReceipt(5, "0042/PST/1603/2026", 125_000, "Siti")
    done = sales_components.submitted(receipt, {}, 2, 3)
    assert (done["number"], done["total"], done["sale"]) == (
        "0042/PST/1603/2026",
        "Rp 125.000 · Siti",
        5,
    )
    assert (done["form_hidden"], done["result_hidden"]) == (True, False)
    assert done["version"] == 4
    refused = sales_components.submitted(
        None, {"payer_name": "Nama wajib.", "line-1": "Stok habis.", "x": "Lain."}, 2, 3
    )
    assert refused["number"] is no_update and refused["version"] is no_update
    assert text_of(refused["alert"]) == "Lain."
    assert "Nama wajib." in refused["messages"].values()
    assert refused["line_messages"] == ["", "Stok habis."]
    redraw = sales_components.submitted(None, {FORM: "Sudah dibayar."}, 1, 3)
    assert redraw["version"] == 4 and text_of(redraw["alert"]) == "Sudah dibayar."


def test_the_waiting_list_offers_the_treasurer_a_button() -> None:
    from db.queries.sales import WaitingPayment

    row = WaitingPayment(9, "A-009", "Siti", "Unsri", NOW - timedelta(minutes=7))
    writable = sales_components.waiting_list([row], NOW, True)
    assert ids.WAITING_RECORD_TYPE in ids_in(writable)
    assert "sejak 09:53 (7 mnt)" in text_of(writable)
    assert ids.WAITING_RECORD_TYPE not in ids_in(sales_components.waiting_list([row], NOW, False))
    assert sales_components.waiting_list([], NOW, True).id == ids.WAITING_EMPTY


def test_waited_text_and_paths() -> None:
    assert waited_text(NOW - timedelta(minutes=7, seconds=30), NOW) == "sejak 09:52 (7 mnt)"
    assert waited_text(NOW, NOW) == "sejak 10:00 (baru saja)"
    assert receipt_path(42) == "/kuitansi/42.pdf"
    assert parse_id("12") == 12 and parse_id("x") is None


def test_statuses() -> None:
    assert sale_status(voided=False, deposited=False) == "Lunas"
    assert sale_status(voided=False, deposited=True) == "Disetor"
    assert sale_status(voided=True, deposited=False) == "BATAL"


# -- the undeposited balance and deposits ---------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "level", "text"),
    [
        (None, "ok", "—"),
        (0, "ok", "hari ini"),
        (1, "ok", "1 hari"),
        (2, "warn", "2 hari"),
        (7, "warn", "7 hari"),
        (8, "late", "8 hari"),
    ],
)
def test_the_age_of_the_balance_turns_amber_then_red(age, level, text) -> None:
    assert age_level(age) == level
    assert age_text(age) == text


def test_the_balance_as_shown() -> None:
    view = balance_view(1_250_500, 3, date(2026, 11, 20), 6)
    assert (view.total, view.count, view.age, view.age_color) == (
        "Rp 1.250.500",
        "dari 3 kuitansi",
        "6 hari",
        "warning",
    )
    assert view.oldest == "Kuitansi tertua dibayar 20 Nov 2026"
    empty = balance_view(0, 0, None, 0)
    assert empty.total == "Rp 0" and empty.age == "—"


def test_ticked_receipts_give_ids_and_total() -> None:
    rows = [{"id": "3", "total": 50_000}, {"id": "5", "total": 75_000}, {"id": "x"}, "junk"]
    assert selected_sales(rows) == ([3, 5], 125_000)
    assert selected_sales(None) == ([], 0)
    assert selection_text(2, 125_000) == "2 kuitansi dipilih · Rp 125.000"
    assert selection_text(0, 0) == "Belum ada kuitansi dipilih"
    assert parse_form_date("2026-11-26") == date(2026, 11, 26)
    assert parse_form_date("") is None and parse_form_date("26/11/2026") is None


# -- the receipts book ----------------------------------------------------------------------------


def book_row(day: int, number: int, amount: int, running: int, voided: bool = False) -> BookRow:
    return BookRow(
        day=date(2026, 11, day),
        receipt_number=f"{number:04d}/PST/1603/2026",
        payer="Siti",
        description="DDA × 1",
        amount=amount,
        voided=voided,
        running_total=running,
        sale_id=number,
    )


def test_the_period_of_the_book() -> None:
    assert book_period(PERIOD_DAY, "2026-11-26", "") == (date(2026, 11, 26), date(2026, 11, 26))
    assert book_period(PERIOD_MONTH, "", "2026-12") == (date(2026, 12, 1), date(2026, 12, 31))
    assert book_period(PERIOD_MONTH, "", "2028-02") == (date(2028, 2, 1), date(2028, 2, 29))
    for kind, day, month in ((PERIOD_DAY, "", ""), (PERIOD_MONTH, "", "13-2026")):
        with pytest.raises(InputError):
            book_period(kind, day, month)


def two_days() -> ReceiptsBook:
    """A book as the query gives it: the receipts and the sums taken in SQL (a voided receipt
    listed, not counted: ``tests/db/test_books.py``)."""
    rows = [
        book_row(25, 1, 50_000, 50_000),
        book_row(25, 2, 75_000, 50_000, voided=True),
        book_row(26, 3, 25_000, 25_000),
    ]
    days = [
        DayTotal(date(2026, 11, 25), receipts=1, voided=1, total=50_000),
        DayTotal(date(2026, 11, 26), receipts=1, voided=0, total=25_000),
    ]
    return ReceiptsBook(rows, days, ReceiptTotal(receipts=2, voided=1, total=75_000))


def test_days_of_the_book_count_no_void() -> None:
    book = two_days()
    days = book_days(book)
    assert [(d.day.day, d.total, d.receipts, d.voided) for d in days] == [
        (25, 50_000, 1, 1),
        (26, 25_000, 1, 0),
    ]
    assert [[row.sale_id for row in d.rows] for d in days] == [[1, 2], [3]]
    assert receipts_summary(book.total) == "2 kuitansi · Rp 75.000 (1 batal)"


def test_the_book_table_strikes_voids_and_totals_each_day() -> None:
    book = two_days()
    first_day = ReceiptsBook(book.rows[:2], book.days[:1], ReceiptTotal(1, 1, 50_000))
    table = book_table(book_days(first_day), first_day.total)
    voided = by_id(table, {"type": books_ids.ROW_TYPE, "index": 1})
    assert "BATAL" in text_of(voided)
    struck = [c for c in walk(voided) if (getattr(c, "style", None) or {}).get("textDecoration")]
    assert struck, "a voided receipt is struck through"
    day_total = by_id(table, {"type": books_ids.DAY_TOTAL_TYPE, "index": "2026-11-25"})
    assert "Rp 50.000" in text_of(day_total)
    assert "Rp 50.000" in text_of(by_id(table, books_ids.GRAND_TOTAL))
    assert book_table([], None).id == books_ids.EMPTY


# -- tariffs ---------------------------------------------------------------------------------------


def tariff(
    tariff_id: int, valid_from: date, valid_to: date | None, sample: bool = False
) -> TariffRow:
    return TariffRow(
        tariff_id=tariff_id,
        item_kind=KIND_HARDCOPY,
        label="Cetak",
        unit="eksemplar",
        amount=50_000,
        valid_from=valid_from,
        valid_to=valid_to,
        is_sample=sample,
    )


def test_tariff_standing_and_the_sample_banner() -> None:
    today = date(2026, 11, 26)
    rows = [
        tariff(1, date(2024, 1, 1), None, sample=True),
        tariff(2, date(2024, 1, 1), date(2025, 12, 31), sample=True),
        tariff(3, date(2027, 1, 1), None),
    ]
    assert [in_force(r.valid_from, r.valid_to, today) for r in rows] == [
        "Berlaku",
        "Berakhir",
        "Belum berlaku",
    ]
    assert [r["id"] for r in tariff_records(rows, today, False)] == ["1", "3"]
    assert len(tariff_records(rows, today, True)) == 3
    assert samples_in_force(rows, today) == 1
    banner = sample_banner(1)
    assert "Tarif contoh — isi dengan tarif PNBP yang berlaku" in text_of(banner)
    assert sample_banner(0) is None
    record = rows[1].record(today)
    assert (record["amount_text"], record["valid_to"], record["sample"]) == (
        "Rp 50.000",
        "31 Des 2025",
        "Contoh",
    )


# -- step 9 on the Layanan page and the board ------------------------------------------------------


def test_a_purchase_waiting_for_the_treasurer_has_its_own_panel() -> None:
    offer = step(sop.PURCHASE_OFFER, 10, 10, None)
    assert panel_for("in_progress", offer, awaiting_payment=True) is Panel.PAYMENT
    assert panel_for("in_progress", offer) is Panel.PURCHASE


def awaiting_view() -> Any:
    view = make_view([*EARLIER, step(sop.PURCHASE_OFFER, 10, 10, None)])
    visit = view.visit.__class__(**{**view.visit.__dict__, "awaiting_payment": True})
    return view.__class__(**{**view.__dict__, "visit": visit})


def test_the_officer_sees_the_wait_and_can_cancel_the_purchase() -> None:
    page = render_visit(awaiting_view(), True, at("2026-11-26 09:17"))
    found = ids_in(page.panel)
    assert {service_ids.PAYMENT_WAITING, service_ids.PAYMENT_STATUS} <= found
    assert {service_ids.PURCHASE_CANCEL, service_ids.PURCHASE_CANCEL_BUTTON} <= found
    assert service_ids.PAYMENT_LINK not in found
    assert "Menunggu pembayaran di bendahara" in text_of(page.panel)
    assert "(7 mnt)" in text_of(page.panel)


def test_the_treasurer_gets_the_link_to_the_sale_form() -> None:
    page = render_visit(awaiting_view(), False, NOW, can_record_payment=True)
    link = by_id(page.panel, service_ids.PAYMENT_LINK)
    assert link.href == "/penjualan?kunjungan=1"
    assert service_ids.PURCHASE_CANCEL not in ids_in(page.panel)


def test_the_receipt_number_shows_once_paid() -> None:
    sale = VisitSale(5, "0042/PST/1603/2026", 125_000, voided=False, deposited=False)
    summary = sale_summary([sale], can_download=False)
    number = by_id(summary, {"type": service_ids.RECEIPT_NUMBER_TYPE, "index": 5})
    assert text_of(number) == "0042/PST/1603/2026"
    assert "Rp 125.000" in text_of(summary) and "Lunas" in text_of(summary)
    assert "/kuitansi/5.pdf" not in str(summary)
    assert "/kuitansi/5.pdf" in str(sale_summary([sale], can_download=True))


def test_the_board_says_a_visit_waits_for_payment() -> None:
    board = build_board(
        [active(1, sop.PURCHASE_OFFER), active(2, sop.READING_TABLE)], TARGETS, NOW, {1}
    )
    assert [row.awaiting_payment for row in board.rows] == [True, False]
    for_officer = in_progress_callbacks.board_table(board, True, False)
    step_cell = by_id(for_officer, in_progress_ids.of_visit(in_progress_ids.STEP, 1))
    assert AWAITING_PAYMENT_TEXT in text_of(step_cell)
    assert in_progress_ids.PAYMENT_LINK not in ids_in(for_officer)
    for_treasurer = in_progress_callbacks.board_table(board, False, True)
    link = by_id(for_treasurer, in_progress_ids.of_visit(in_progress_ids.PAYMENT_LINK, 1))
    assert link.href == "/penjualan?kunjungan=1"
