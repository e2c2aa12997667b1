"""The PNBP rules without a database: receipt numbers, amounts in words and figures, the
treasury's references, and what a sale's form must hold."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.errors import InputError
from dashboard.pnbp import rules as pnbp
from dashboard.pnbp.receipt_numbers import receipt_number
from dashboard.pnbp.rules import SaleInput, SaleLine
from db.models import PAYMENT_METHODS


def test_labels_cover_the_stored_codes() -> None:
    assert tuple(pnbp.PAYMENT_METHOD_LABELS) == PAYMENT_METHODS
    assert set(pnbp.ITEM_UNITS) == set(pnbp.ITEM_KINDS)
    assert set(pnbp.ITEM_KINDS) > pnbp.PUBLICATION_KINDS
    assert set(pnbp.ZERO_RUPIAH_REASONS) == {
        "pemerintah",
        "pendidikan",
        "penelitian",
        "sosial",
        "lainnya",
    }


@pytest.mark.parametrize(
    ("sequence", "expected"),
    [
        (1, "0001/PST/1603/2026"),
        (42, "0042/PST/1603/2026"),
        (9999, "9999/PST/1603/2026"),
        (10000, "10000/PST/1603/2026"),
    ],
)
def test_receipt_number(sequence: int, expected: str) -> None:
    assert receipt_number(sequence, "1603", 2026) == expected


def test_receipt_number_starts_at_one() -> None:
    with pytest.raises(ValueError):
        receipt_number(0, "1603", 2026)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Nol rupiah"),
        (1, "Satu rupiah"),
        (11, "Sebelas rupiah"),
        (1_000, "Seribu rupiah"),
        (1_000_000, "Satu juta rupiah"),
        (1_250_500, "Satu juta dua ratus lima puluh ribu lima ratus rupiah"),
        (125_000, "Seratus dua puluh lima ribu rupiah"),
        (100, "Seratus rupiah"),
        (1_001, "Seribu satu rupiah"),
    ],
)
def test_amount_in_words(amount: int, words: str) -> None:
    assert pnbp.amount_in_words(amount) == words


def test_amount_in_words_refuses_negative() -> None:
    with pytest.raises(ValueError):
        pnbp.amount_in_words(-1)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("125000", 125_000),
        ("125.000", 125_000),
        ("Rp 125.000", 125_000),
        ("Rp125.000,00", 125_000),
        ("1.250.500", 1_250_500),
        ("0", 0),
        (50_000, 50_000),
    ],
)
def test_parse_rupiah(typed: object, value: int) -> None:
    assert pnbp.parse_rupiah(typed) == value


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("", "wajib diisi"),
        (None, "wajib diisi"),
        ("12,5", "tanpa sen"),
        ("12.50", "tanpa sen"),
        ("seratus", "tanpa sen"),
        ("-5000", "tanpa sen"),
        (-5000, "tidak boleh negatif"),
        (True, "berupa angka"),
        ("3.000.000.000", "paling banyak"),
    ],
)
def test_parse_rupiah_refuses(typed: object, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        pnbp.parse_rupiah(typed, "amount")
    assert fragment in caught.value.errors["amount"]


@pytest.mark.parametrize(("typed", "value"), [("1", 1), (" 12 ", 12), (3, 3)])
def test_parse_quantity(typed: object, value: int) -> None:
    assert pnbp.parse_quantity(typed) == value


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("0", "lebih dari 0"),
        ("-2", "lebih dari 0"),
        ("1,5", "bilangan bulat"),
        ("", "bilangan bulat"),
        ("dua", "bilangan bulat"),
        ("100001", "paling banyak 100.000"),
    ],
)
def test_parse_quantity_refuses(typed: object, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        pnbp.parse_quantity(typed, "line-0")
    assert fragment in caught.value.errors["line-0"]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("820261126000042", "820261126000042"),
        ("8202 6112 6000 042", "820261126000042"),
        ("820-261-126-000-042", "820261126000042"),
    ],
)
def test_billing_code(typed: str, code: str) -> None:
    assert pnbp.validate_billing_code(typed) == code


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("", "wajib diisi"),
        (None, "wajib diisi"),
        ("82026112600004", "15 angka"),
        ("8202611260000421", "15 angka"),
        ("82026112600004A", "15 angka"),
    ],
)
def test_billing_code_refused(typed: str | None, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        pnbp.validate_billing_code(typed)
    assert fragment in caught.value.errors["billing_code"]


def test_ntpn_is_upper_cased() -> None:
    assert pnbp.validate_ntpn("a1b2 c3d4 e5f6 g7h8") == "A1B2C3D4E5F6G7H8"


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("", "wajib diisi"),
        ("A1B2C3D4E5F6G7H", "16 huruf/angka"),
        ("A1B2C3D4E5F6G7H89", "16 huruf/angka"),
        ("A1B2C3D4E5F6G7H/", "16 huruf/angka"),
    ],
)
def test_ntpn_refused(typed: str, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        pnbp.validate_ntpn(typed)
    assert fragment in caught.value.errors["ntpn"]


def sale(**changes: object) -> SaleInput:
    values: dict[str, object] = {
        "payer_name": "  Siti   Aminah ",
        "payer_institution": " Universitas Sriwijaya ",
        "payment_method": "cash",
        "payment_reference": None,
        "lines": (SaleLine(tariff_id=1, quantity=1, publication_id=5, unit_price=50_000),),
    }
    values.update(changes)
    return SaleInput(**values)  # type: ignore[arg-type]


def errors_of(data: SaleInput) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        pnbp.checked_sale_input(data)
    return caught.value.errors


def test_a_checked_sale_is_normalised() -> None:
    checked = pnbp.checked_sale_input(sale(payment_reference="ignored for cash"))
    assert checked.payer_name == "Siti Aminah"
    assert checked.payer_institution == "Universitas Sriwijaya"
    assert checked.payment_reference is None
    assert not checked.is_zero_rupiah
    assert (checked.zero_rupiah_reason, checked.zero_rupiah_letter) == (None, None)


def test_every_header_problem_is_reported_at_once() -> None:
    errors = errors_of(
        sale(
            payer_name="  ",
            payment_method="cek",
            lines=(SaleLine(1, 0), SaleLine(1, 2), SaleLine(1, -1)),
        )
    )
    assert errors == {
        "payer_name": "Nama pembayar wajib diisi.",
        "payment_method": "Pilih cara pembayaran.",
        "line-0": "Jumlah harus lebih dari 0.",
        "line-2": "Jumlah harus lebih dari 0.",
    }


def test_a_sale_needs_a_line() -> None:
    assert "paling sedikit satu" in errors_of(sale(lines=()))["lines"]


def test_simponi_needs_a_billing_code() -> None:
    errors = errors_of(sale(payment_method="simponi", payment_reference=""))
    assert errors == {"payment_reference": "Kode billing SIMPONI wajib diisi."}
    errors = errors_of(sale(payment_method="simponi", payment_reference="12345"))
    assert "15 angka" in errors["payment_reference"]
    checked = pnbp.checked_sale_input(
        sale(payment_method="simponi", payment_reference="8202 6112 6000 042")
    )
    assert checked.payment_reference == "820261126000042"


@pytest.mark.parametrize("method", ["transfer", "qris"])
def test_transfer_and_qris_may_carry_a_reference(method: str) -> None:
    assert pnbp.checked_sale_input(sale(payment_method=method)).payment_reference is None
    checked = pnbp.checked_sale_input(sale(payment_method=method, payment_reference=" TRX 991 "))
    assert checked.payment_reference == "TRX 991"
    assert (
        "paling banyak 64 karakter"
        in errors_of(sale(payment_method=method, payment_reference="x" * 65))["payment_reference"]
    )


def test_zero_rupiah_needs_reason_and_letter() -> None:
    assert errors_of(sale(zero_rupiah_reason="pendidikan")) == {
        "zero_rupiah_letter": "Tulis nomor surat permohonan tarif nol rupiah."
    }
    assert errors_of(sale(zero_rupiah_letter="B-12/UN9/2026")) == {
        "zero_rupiah_reason": "Pilih dasar pemberian tarif nol rupiah."
    }
    assert set(errors_of(sale(zero_rupiah_reason="gratis", zero_rupiah_letter="B-1"))) == {
        "zero_rupiah_reason"
    }
    checked = pnbp.checked_sale_input(
        sale(zero_rupiah_reason="pendidikan", zero_rupiah_letter=" B-12/UN9/2026 ")
    )
    assert checked.is_zero_rupiah
    assert (checked.zero_rupiah_reason, checked.zero_rupiah_letter) == (
        "pendidikan",
        "B-12/UN9/2026",
    )


def test_unit_price_must_be_the_tariff() -> None:
    line = SaleLine(tariff_id=1, quantity=2, unit_price=45_000)
    with pytest.raises(InputError) as caught:
        pnbp.check_unit_price(line, "line-3", 50_000)
    assert caught.value.errors == {
        "line-3": "Harga satuan Rp 45.000 tidak sesuai tarif yang berlaku (Rp 50.000)."
    }
    assert pnbp.check_unit_price(SaleLine(1, 2, unit_price=50_000), "line-0", 50_000) == 50_000
    assert pnbp.check_unit_price(SaleLine(1, 2), "line-0", 50_000) == 50_000


def test_tariff_validity() -> None:
    first, last = date(2026, 1, 1), date(2026, 12, 31)
    assert pnbp.tariff_in_force_on(first, last, first)
    assert pnbp.tariff_in_force_on(first, last, last)
    assert not pnbp.tariff_in_force_on(first, last, date(2027, 1, 1))
    assert not pnbp.tariff_in_force_on(first, None, date(2025, 12, 31))
    assert pnbp.tariff_in_force_on(first, None, date(2040, 1, 1))
    assert pnbp.validity_text(first, None) == "sejak 1 Jan 2026"
    assert pnbp.validity_text(first, last) == "1 Jan 2026 s.d. 31 Des 2026"


def test_void_reason_is_required() -> None:
    assert pnbp.clean_void_reason("  salah   ketik nama ") == "salah ketik nama"
    for blank in ("", "   ", None):
        with pytest.raises(InputError) as caught:
            pnbp.clean_void_reason(blank)
        assert caught.value.errors == {"void_reason": "Tuliskan alasan pembatalan kuitansi."}


def test_validate_tariff() -> None:
    data = pnbp.validate_tariff(
        item_kind="publikasi_cetak",
        label=" Publikasi tercetak ",
        unit="",
        amount="Rp 75.000",
        valid_from=date(2026, 1, 1),
        valid_to=None,
    )
    assert data == pnbp.TariffInput(
        "publikasi_cetak", "Publikasi tercetak", "eksemplar", 75_000, date(2026, 1, 1), None
    )
    with pytest.raises(InputError) as caught:
        pnbp.validate_tariff(
            item_kind="buku",
            label="",
            unit=None,
            amount="-1",
            valid_from=None,
            valid_to=None,
        )
    assert set(caught.value.errors) == {"item_kind", "label", "unit", "amount", "valid_from"}
    with pytest.raises(InputError) as caught:
        pnbp.validate_tariff(
            item_kind="cetak_halaman",
            label="Cetak",
            unit="halaman",
            amount=1000,
            valid_from=date(2026, 2, 1),
            valid_to=date(2026, 1, 31),
        )
    assert set(caught.value.errors) == {"valid_to"}
