"""The kuitansi: what it says (built from a sale) and the PDF read back with pypdf."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from dashboard.pnbp.receipt_pdf import (
    COPY_MARK,
    NIP_BLANK,
    PREVIEW_MARK,
    ReceiptView,
    format_nip,
    latin1_safe,
    receipt_filename,
    receipt_mark,
    receipt_pdf,
    receipt_view,
)
from db.models import Office, Sale, SaleItem, StaffUser

NUMBER = "0042/PST/1603/2026"
PAID_AT = datetime(2026, 11, 25, 18, 30, tzinfo=UTC)  # = 26 Nov 2026 01:30 WIB


def _item(description: str, quantity: int, unit_price: int, kind: str = "publikasi_cetak"):
    return SaleItem(
        tariff_id=1,
        item_kind=kind,
        description=description,
        quantity=quantity,
        unit_price=unit_price,
        amount=quantity * unit_price,
    )


def _sale(items: list[SaleItem], **fields: object) -> Sale:
    values: dict[str, object] = {
        "receipt_number": NUMBER,
        "payer_name": "Budi Santoso",
        "payer_institution": "Universitas Sriwijaya",
        "payment_method": "cash",
        "payment_reference": None,
        "total": sum(item.amount for item in items),
        "paid_at": PAID_AT,
    }
    values.update(fields)
    sale = Sale(**values)
    sale.items = items
    return sale


OFFICE = Office(
    code="1603",
    name="BPS Kabupaten Muara Enim",
    city="Muara Enim",
    address="Jl. Jenderal Sudirman No. 1, Muara Enim",
    phone="(0734) 421234",
    email="bps1603@bps.go.id",
)
TREASURER = StaffUser(full_name="Siti Rahmawati, S.E.", nip="198001012005012001")


def _basic_sale(**fields: object) -> Sale:
    return _sale(
        [
            _item("Kabupaten Muara Enim Dalam Angka 2024", 1, 100_000),
            _item("Statistik Daerah Kabupaten Muara Enim 2025", 1, 25_000, "publikasi_softcopy"),
        ],
        **fields,
    )


def _text(pdf: bytes) -> str:
    """The text of every page, runs of white space as one space (lines wrap anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def view() -> ReceiptView:
    return receipt_view(_basic_sale(), TREASURER, OFFICE)


# -- the view -----------------------------------------------------------------------------------


def test_view_holds_every_text_of_the_receipt(view: ReceiptView) -> None:
    assert view.office_heading == ("BADAN PUSAT STATISTIK", "KABUPATEN MUARA ENIM")
    assert view.office_address == (
        "Jl. Jenderal Sudirman No. 1, Muara Enim · Telp. (0734) 421234 · bps1603@bps.go.id"
    )
    assert view.receipt_number == NUMBER
    assert view.payer == "Budi Santoso (Universitas Sriwijaya)"
    assert view.amount_in_words == "Seratus dua puluh lima ribu rupiah"
    assert view.amount_in_figures == "Rp 125.000"
    assert [line.quantity_and_price for line in view.lines] == [
        "1 eksemplar × Rp 100.000",
        "1 file × Rp 25.000",
    ]
    assert [line.amount for line in view.lines] == ["Rp 100.000", "Rp 25.000"]
    assert view.payment == "Tunai"
    assert view.zero_rupiah_note is None
    assert view.void_note is None
    assert view.treasurer_title == "Bendahara Penerimaan"
    assert view.treasurer_name == "Siti Rahmawati, S.E."
    assert view.treasurer_nip == "NIP. 19800101 200501 2 001"


def test_the_date_is_the_wib_day_of_payment_without_weekday(view: ReceiptView) -> None:
    assert view.place_and_date == "Muara Enim, 26 November 2026"


def test_payment_reference_and_payer_without_institution() -> None:
    sale = _basic_sale(
        payer_institution=None, payment_method="transfer", payment_reference="TRX-0012"
    )
    shown = receipt_view(sale, TREASURER, OFFICE)
    assert shown.payer == "Budi Santoso"
    assert shown.payment == "Transfer bank, ref. TRX-0012"


def test_a_tariff_unit_overrides_the_kind_unit() -> None:
    sale = _sale([_item("Cetak tabel", 12, 1_000, "cetak_halaman")])
    assert receipt_view(sale, TREASURER, OFFICE).lines[0].quantity_and_price == (
        "12 halaman × Rp 1.000"
    )
    shown = receipt_view(sale, TREASURER, OFFICE, units={1: "lembar"})
    assert shown.lines[0].quantity_and_price == "12 lembar × Rp 1.000"


def test_zero_rupiah_note_names_reason_and_letter() -> None:
    sale = _sale(
        [_item("Kabupaten Muara Enim Dalam Angka 2024", 2, 0)],
        zero_rupiah_reason="pendidikan",
        zero_rupiah_letter="123/UN9/PP/2026",
    )
    shown = receipt_view(sale, TREASURER, OFFICE)
    assert shown.amount_in_words == "Nol rupiah"
    assert shown.amount_in_figures == "Rp 0"
    assert shown.zero_rupiah_note == (
        "Tarif Rp 0 (nol rupiah): Lembaga pendidikan dalam negeri, non-komersial"
        " — surat permohonan no. 123/UN9/PP/2026"
    )


def test_void_note_names_when_and_why() -> None:
    sale = _basic_sale(
        voided_at=datetime(2026, 11, 26, 4, 0, tzinfo=UTC), void_reason="Salah nama pembayar"
    )
    shown = receipt_view(sale, TREASURER, OFFICE)
    assert shown.voided
    assert shown.void_note == "Dibatalkan 26 Nov 2026 11:00 WIB. Alasan: Salah nama pembayar"


@pytest.mark.parametrize(
    ("nip", "shown"),
    [
        ("198001012005012001", "NIP. 19800101 200501 2 001"),
        ("19800101 200501 2 001", "NIP. 19800101 200501 2 001"),
        ("12345", "NIP. 12345"),
        (None, NIP_BLANK),
        ("  ", NIP_BLANK),
    ],
)
def test_format_nip(nip: str | None, shown: str) -> None:
    assert format_nip(nip) == shown


def test_an_office_that_recorded_no_address_shows_its_city() -> None:
    office = Office(code="9999", name="BPS Kota Contoh", city="Kota Contoh")
    assert receipt_view(_basic_sale(), TREASURER, office).office_address == "Kota Contoh"


def test_latin1_safe_replaces_what_core_fonts_cannot_show() -> None:
    assert latin1_safe("“Data” – ‘2025’ — …") == "\"Data\" - '2025' - ..."
    assert latin1_safe("Łódź café ×") == "Lódz café ×"
    assert latin1_safe("Rp\u202f125.000 ✓") == "Rp 125.000 ?"


def test_receipt_filename() -> None:
    assert receipt_filename(NUMBER, mark=None) == "kuitansi-0042-PST-1603-2026.pdf"
    assert receipt_filename(NUMBER, mark=COPY_MARK) == "kuitansi-0042-PST-1603-2026-salinan.pdf"
    preview = receipt_filename(NUMBER, mark=PREVIEW_MARK)
    assert preview == "kuitansi-0042-PST-1603-2026-pratinjau.pdf"


def test_the_first_print_is_the_original_a_look_prints_nothing() -> None:
    assert receipt_mark(0, printing=True) is None
    assert receipt_mark(1, printing=True) == COPY_MARK
    assert receipt_mark(0, printing=False) == PREVIEW_MARK
    assert receipt_mark(3, printing=False) == COPY_MARK


# -- the PDF ------------------------------------------------------------------------------------


def test_pdf_holds_number_amount_in_figures_and_in_words(view: ReceiptView) -> None:
    text = _text(receipt_pdf(view, mark=None))
    for expected in (
        "BADAN PUSAT STATISTIK",
        "KABUPATEN MUARA ENIM",
        "KUITANSI",
        f"Nomor: {NUMBER}",
        "Sudah terima dari",
        "Budi Santoso (Universitas Sriwijaya)",
        "Uang sebanyak",
        "Seratus dua puluh lima ribu rupiah",
        "Untuk pembayaran",
        "Kabupaten Muara Enim Dalam Angka 2024",
        "1 eksemplar × Rp 100.000",
        "Rp 125.000",
        "Muara Enim, 26 November 2026",
        "Bendahara Penerimaan",
        "Siti Rahmawati, S.E.",
        "NIP. 19800101 200501 2 001",
    ):
        assert expected in text, expected
    assert "SALINAN" not in text
    assert "BATAL" not in text


def test_a_reprint_is_marked_salinan(view: ReceiptView) -> None:
    text = _text(receipt_pdf(view, mark=COPY_MARK))
    assert "SALINAN" in text
    assert NUMBER in text


def test_a_voided_receipt_is_marked_batal_with_its_reason() -> None:
    sale = _basic_sale(
        voided_at=datetime(2026, 11, 26, 4, 0, tzinfo=UTC), void_reason="Salah nama pembayar"
    )
    text = _text(receipt_pdf(receipt_view(sale, TREASURER, OFFICE), mark=None))
    assert "BATAL" in text
    assert "Alasan: Salah nama pembayar" in text
    assert NUMBER in text


def test_a_zero_rupiah_receipt_says_why() -> None:
    sale = _sale(
        [_item("Kabupaten Muara Enim Dalam Angka 2024", 1, 0)],
        zero_rupiah_reason="pemerintah",
        zero_rupiah_letter="005/123/Bappeda/2026",
    )
    text = _text(receipt_pdf(receipt_view(sale, TREASURER, OFFICE), mark=None))
    assert "Tarif Rp 0 (nol rupiah): Instansi pemerintah (pusat/daerah)" in text
    assert "surat permohonan no. 005/123/Bappeda/2026" in text
    assert "Nol rupiah" in text


def test_a_short_receipt_is_one_page(view: ReceiptView) -> None:
    assert _pages(receipt_pdf(view, mark=None)) == 1


def test_a_long_item_list_flows_onto_more_pages_with_every_item() -> None:
    items = [
        _item(f"Publikasi nomor {n}: Kecamatan Lawang Kidul Dalam Angka 2025, edisi lengkap", 1, 1)
        for n in range(1, 41)
    ]
    pdf = receipt_pdf(receipt_view(_sale(items), TREASURER, OFFICE), mark=COPY_MARK)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 1
    text = "\n".join(page.extract_text() for page in pages)
    for n in range(1, 41):
        assert f"Publikasi nomor {n}:" in text
    last = pages[-1].extract_text()
    assert "Rp 40" in last
    assert "Siti Rahmawati, S.E." in last
    assert f"Halaman {len(pages)}/{len(pages)}" in last
    assert all("SALINAN" in page.extract_text() for page in pages)


def test_text_outside_latin1_is_printed_safely() -> None:
    sale = _sale([_item("“Statistik” — edisi ✓", 1, 5_000)], payer_name="Łukasz “Luke”")
    text = _text(receipt_pdf(receipt_view(sale, TREASURER, OFFICE), mark=None))
    assert '"Statistik" - edisi ?' in text
    assert 'Lukasz "Luke"' in text


def test_the_same_receipt_gives_the_same_file(view: ReceiptView) -> None:
    first = receipt_pdf(view, mark=None)
    assert receipt_pdf(view, mark=None) == first
    metadata = PdfReader(io.BytesIO(first)).metadata
    assert metadata is not None
    assert metadata.creation_date == PAID_AT
    assert metadata.title == f"KUITANSI {NUMBER}"


def test_a_long_contact_line_wraps_under_the_heading() -> None:
    address = "Kompleks Perkantoran Pemerintah Kabupaten, Jl. Jenderal Sudirman No. 1 " * 2
    office = Office(
        code="1603",
        name="BPS Kabupaten Muara Enim",
        city="Muara Enim",
        address=address.strip(),
        phone="(0734) 421234",
        email="bps1603@bps.go.id",
    )
    pdf = receipt_pdf(receipt_view(_basic_sale(), TREASURER, office), mark=None)
    text = _text(pdf)
    assert " ".join(address.split()) in text and "bps1603@bps.go.id" in text
    assert _pages(pdf) == 1
