"""The PNBP rules of the receiving treasurer (*Bendahara Penerimaan*): what a sale, a tariff
and a deposit must hold before they are stored, receipt numbers, and amounts in words.

No database here: the services in ``dashboard.pnbp.sales`` and
``dashboard.pnbp.tariffs`` apply these rules inside their transaction. Money is a whole
number of rupiah. Every refusal is an ``InputError`` whose messages (Indonesian) are keyed by
the form field they concern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypedDict, Unpack

from num2words import num2words

from dashboard.errors import InputError
from dashboard.i18n import format_day, format_moment, format_number, format_rupiah
from dashboard.text_input import clean_text, column_length, required_text
from db.models import Sale, SaleItem, Tariff

KIND_HARDCOPY = "publikasi_cetak"
KIND_SOFTCOPY = "publikasi_softcopy"
KIND_PRINTED_PAGE = "cetak_halaman"
KIND_DIGITAL_DATA = "data_digital"

ITEM_KINDS: dict[str, str] = {
    KIND_HARDCOPY: "Publikasi tercetak (hardcopy)",
    KIND_SOFTCOPY: "Publikasi digital (softcopy)",
    KIND_PRINTED_PAGE: "Cetak/fotokopi per halaman",
    KIND_DIGITAL_DATA: "Data digital (mikro/tabulasi)",
}
"""What a tariff prices: code (stored) → label (shown)."""

KIND_IMPORTED = "impor"
"""The one item of a sale imported from an old guest book (what was bought is unknown)."""

SALE_ITEM_KINDS: dict[str, str] = {
    **ITEM_KINDS,
    KIND_IMPORTED: "Pembelian tercatat di buku tamu lama (impor)",
}
"""Labels of every item kind a sale may hold."""

ITEM_UNITS: dict[str, str] = {
    KIND_HARDCOPY: "eksemplar",
    KIND_SOFTCOPY: "file",
    KIND_PRINTED_PAGE: "halaman",
    KIND_DIGITAL_DATA: "berkas",
}
"""The usual unit of each item kind (a tariff may name its own)."""

PUBLICATION_KINDS = frozenset({KIND_HARDCOPY, KIND_SOFTCOPY})
"""Item kinds sold from the catalog: a line of these kinds names its publication."""

PAYMENT_METHOD_LABELS: dict[str, str] = {
    "cash": "Tunai",
    "transfer": "Transfer bank",
    "qris": "QRIS",
    "simponi": "Kode billing SIMPONI",
}
METHOD_CASH = "cash"
METHOD_SIMPONI = "simponi"

ZERO_RUPIAH_REASONS: dict[str, str] = {
    "pemerintah": "Instansi pemerintah (pusat/daerah)",
    "pendidikan": "Lembaga pendidikan dalam negeri, non-komersial",
    "penelitian": "Kegiatan penelitian non-komersial",
    "sosial": "Kegiatan sosial/kemanusiaan",
    "lainnya": "Lainnya sesuai ketentuan PNBP",
}
"""Why a user may be served at the zero-rupiah tariff (*tarif nol rupiah*): code → label."""

MAX_NAME = column_length(Sale.payer_name)
MAX_REFERENCE = column_length(Sale.payment_reference)
MAX_LETTER = column_length(Sale.zero_rupiah_letter)
MAX_DESCRIPTION = column_length(SaleItem.description)
MAX_TARIFF_LABEL = column_length(Tariff.label)
MAX_UNIT = column_length(Tariff.unit)
MAX_QUANTITY = 100_000
MAX_AMOUNT = 2_000_000_000
"""Upper bounds that catch a slip of the keyboard (and keep sums inside a 32-bit integer)."""
MAX_REASON = 1000

BILLING_CODE_LENGTH = 15
NTPN_LENGTH = 16
_SEPARATORS = re.compile(r"[\s.\-]+")
_DIGITS = re.compile(r"^\d+$")
_ALPHANUMERIC = re.compile(r"^[A-Z0-9]+$")
_RUPIAH = re.compile(r"^(?:rp\.?)?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,0+)?$", re.IGNORECASE)


# -- amounts --------------------------------------------------------------


def amount_in_words(amount: int) -> str:
    """The amount as the receipt writes it: 'Seratus dua puluh lima ribu rupiah'."""
    if amount < 0:
        raise ValueError(f"an amount of money is not negative: {amount}")
    words = f"{num2words(amount, lang='id')} rupiah"
    return words[0].upper() + words[1:]


def parse_rupiah(raw: object, field: str = "amount") -> int:
    """A whole-rupiah amount typed as '125000', '125.000', 'Rp 125.000' or '125.000,00'."""
    if isinstance(raw, bool):
        raise InputError.on(field, "Jumlah rupiah harus berupa angka.")
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw if raw is not None else "").strip()
        if not text:
            raise InputError.on(field, "Jumlah rupiah wajib diisi.")
        match = _RUPIAH.match(text.replace(" ", ""))
        if match is None:
            raise InputError.on(field, "Tulis jumlah rupiah tanpa sen, mis. 125.000.")
        value = int(match.group(1).replace(".", ""))
    if value < 0:
        raise InputError.on(field, "Jumlah rupiah tidak boleh negatif.")
    if value > MAX_AMOUNT:
        raise InputError.on(field, f"Jumlah paling banyak {format_rupiah(MAX_AMOUNT)}.")
    return value


def parse_quantity(raw: object, field: str = "quantity") -> int:
    """A quantity typed in a form: a whole number from 1 up."""
    text = str(raw if raw is not None else "").strip()
    if isinstance(raw, bool) or not re.fullmatch(r"[+-]?\d+", text):
        raise InputError.on(field, "Jumlah harus bilangan bulat, mis. 1.")
    return check_quantity(int(text), field)


def check_quantity(quantity: int, field: str = "quantity") -> int:
    if quantity <= 0:
        raise InputError.on(field, "Jumlah harus lebih dari 0.")
    if quantity > MAX_QUANTITY:
        raise InputError.on(field, f"Jumlah paling banyak {format_number(MAX_QUANTITY)}.")
    return quantity


# -- the state treasury's references ----------------------------------------------------------


def _compact(raw: object) -> str:
    """The text without the spaces, dots and dashes people type to group long codes."""
    return _SEPARATORS.sub("", str(raw if raw is not None else ""))


def validate_billing_code(raw: object, field: str = "billing_code") -> str:
    """A SIMPONI billing code: exactly 15 digits (grouping spaces or dashes are dropped)."""
    code = _compact(raw)
    if not code:
        raise InputError.on(field, "Kode billing SIMPONI wajib diisi.")
    if not _DIGITS.match(code) or len(code) != BILLING_CODE_LENGTH:
        raise InputError.on(
            field, f"Kode billing SIMPONI harus {BILLING_CODE_LENGTH} angka (tertulis: {code})."
        )
    return code


def validate_ntpn(raw: object, field: str = "ntpn") -> str:
    """An NTPN (*Nomor Transaksi Penerimaan Negara*): 16 letters or digits, upper-cased."""
    ntpn = _compact(raw).upper()
    if not ntpn:
        raise InputError.on(field, "NTPN wajib diisi.")
    if not _ALPHANUMERIC.match(ntpn) or len(ntpn) != NTPN_LENGTH:
        raise InputError.on(
            field, f"NTPN harus {NTPN_LENGTH} huruf/angka tanpa tanda baca (tertulis: {ntpn})."
        )
    return ntpn


# -- a sale -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaleLine:
    """One item of a sale as the form sends it.

    ``unit_price`` is the price the form showed; it must equal the tariff in force (None
    means "the tariff's price"), except in a zero-rupiah sale, where every price is 0.
    ``description`` names a line without a publication (e.g. the pages printed); a line with a
    publication is described by its title.
    """

    tariff_id: int
    quantity: int
    publication_id: int | None = None
    unit_price: int | None = None
    description: str | None = None


@dataclass(frozen=True)
class SaleInput:
    """A sale as the treasurer's form sends it. A zero-rupiah sale names its reason (a key of
    ``ZERO_RUPIAH_REASONS``) and the number of the requesting letter; nothing is paid, so its
    payment method is recorded as given (the form should send ``cash``)."""

    payer_name: str
    payer_institution: str | None
    payment_method: str
    payment_reference: str | None
    lines: tuple[SaleLine, ...]
    zero_rupiah_reason: str | None = None
    zero_rupiah_letter: str | None = None

    @property
    def is_zero_rupiah(self) -> bool:
        return bool(_clean(self.zero_rupiah_reason) or _clean(self.zero_rupiah_letter))


def line_field(index: int) -> str:
    """The error key of the sale's line at ``index`` (0-based position in ``lines``)."""
    return f"line-{index}"


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _text_into(errors: dict[str, str], field: str, raw: str | None, label: str, limit: int) -> str:
    """``raw`` cleaned by the one text rule (``dashboard.text_input``); a refusal is added to
    ``errors`` (and '' returned) so that every problem of the form is reported at once."""
    try:
        return clean_text(field, raw, label=label, limit=limit)
    except InputError as error:
        errors.update(error.errors)
        return ""


def checked_sale_input(data: SaleInput) -> SaleInput:
    """The sale's header and quantities checked and normalised (blank texts → None, cash
    without a reference); every problem reported at once. Tariffs, prices, publications and
    stock need the database: the sale service checks them."""
    errors: dict[str, str] = {}
    payer_name = _text_into(errors, "payer_name", data.payer_name, "Nama pembayar", MAX_NAME)
    if not payer_name and "payer_name" not in errors:
        errors["payer_name"] = "Nama pembayar wajib diisi."
    institution = (
        _text_into(errors, "payer_institution", data.payer_institution, "Nama instansi", MAX_NAME)
        or None
    )
    reference = _checked_reference(data, errors)
    reason, letter = _checked_zero_rupiah(data, errors)
    if not data.lines:
        errors["lines"] = "Tambahkan paling sedikit satu barang/jasa yang dibayar."
    for index, line in enumerate(data.lines):
        try:
            check_quantity(line.quantity, line_field(index))
        except InputError as error:
            errors.update(error.errors)
    if errors:
        raise InputError(errors)
    return SaleInput(
        payer_name=payer_name,
        payer_institution=institution,
        payment_method=data.payment_method,
        payment_reference=reference,
        lines=data.lines,
        zero_rupiah_reason=reason,
        zero_rupiah_letter=letter,
    )


def _checked_reference(data: SaleInput, errors: dict[str, str]) -> str | None:
    method = data.payment_method
    if method not in PAYMENT_METHOD_LABELS:
        errors["payment_method"] = "Pilih cara pembayaran."
        return None
    if method == METHOD_CASH:
        return None
    if method == METHOD_SIMPONI:
        try:
            return validate_billing_code(data.payment_reference, "payment_reference")
        except InputError as error:
            errors.update(error.errors)
            return None
    typed = data.payment_reference
    return _text_into(errors, "payment_reference", typed, "Nomor referensi", MAX_REFERENCE) or None


def _checked_zero_rupiah(data: SaleInput, errors: dict[str, str]) -> tuple[str | None, str | None]:
    if not data.is_zero_rupiah:
        return None, None
    reason = _clean(data.zero_rupiah_reason) or None
    letter = _text_into(
        errors, "zero_rupiah_letter", data.zero_rupiah_letter, "Nomor surat", MAX_LETTER
    )
    if reason not in ZERO_RUPIAH_REASONS:
        errors["zero_rupiah_reason"] = "Pilih dasar pemberian tarif nol rupiah."
    if not letter and "zero_rupiah_letter" not in errors:
        errors["zero_rupiah_letter"] = "Tulis nomor surat permohonan tarif nol rupiah."
    return reason, letter or None


def check_unit_price(line: SaleLine, field: str, tariff_amount: int) -> int:
    """The unit price to store for a paid line: the tariff's; a different price shown on the
    form is refused (the form is stale or was edited)."""
    if line.unit_price is not None and line.unit_price != tariff_amount:
        raise InputError.on(
            field,
            f"Harga satuan {format_rupiah(line.unit_price)} tidak sesuai tarif yang berlaku "
            f"({format_rupiah(tariff_amount)}).",
        )
    return tariff_amount


def parse_form_date(raw: object) -> date | None:
    """The value of a date field (``YYYY-MM-DD``); None when empty or not a date."""
    try:
        return date.fromisoformat(str(raw or "").strip())
    except ValueError:
        return None


def checked_form_date(field: str, raw: object, label: str) -> date | None:
    """The value of a date field (``YYYY-MM-DD``): None when nothing was given; a value that
    is no date is refused on ``field``, never read as "no date" (an unreadable end date
    would make a tariff valid for ever)."""
    text = str(raw or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError.on(
            field, f"{label} “{text[:40]}” bukan tanggal; pilih tanggal di kalender."
        ) from None


def tariff_in_force_on(valid_from: date, valid_to: date | None, day: date) -> bool:
    return valid_from <= day and (valid_to is None or day <= valid_to)


def validity_text(valid_from: date, valid_to: date | None) -> str:
    """'1 Jan 2026 s.d. 31 Des 2026' or 'sejak 1 Jan 2026'."""
    if valid_to is None:
        return f"sejak {format_day(valid_from)}"
    return f"{format_day(valid_from)} s.d. {format_day(valid_to)}"


# -- a sale's standing, and voiding it ----------------------------------------------------------

STATUS_PAID = "Lunas"
"""Paid, the money with the treasurer."""
STATUS_DEPOSITED = "Disetor"
"""Paid and deposited to the state treasury."""
STATUS_VOID = "BATAL"
"""Voided: the receipt keeps its number, marked so on the pages, the books and the PDF."""
STATUS_RECEIVED = "Diterima"
"""A receipt counted in the receipts book (its status column beside BATAL)."""


def sale_status(*, voided: bool, deposited: bool) -> str:
    """'Lunas' (paid, with the treasurer), 'Disetor' (deposited) or 'BATAL' (void)."""
    if voided:
        return STATUS_VOID
    return STATUS_DEPOSITED if deposited else STATUS_PAID


def void_refusal(
    receipt_number: str, *, voided_at: datetime | None, deposited: bool, imported: bool
) -> str | None:
    """Why a receipt may not be voided (already void, deposited, or imported from the old
    books), or None when it may."""
    if voided_at is not None:
        return f"Kuitansi {receipt_number} sudah dibatalkan pada {format_moment(voided_at)}."
    if deposited:
        return f"Kuitansi {receipt_number} sudah disetor ke kas negara; tidak bisa dibatalkan."
    if imported:
        return f"Kuitansi {receipt_number} diimpor dari buku lama; tidak bisa dibatalkan di sini."
    return None


def clean_void_reason(raw: str | None) -> str:
    return required_text(
        "void_reason",
        raw,
        label="Alasan pembatalan",
        limit=MAX_REASON,
        missing="Tuliskan alasan pembatalan kuitansi.",
    )


# -- a tariff -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TariffInput:
    """A tariff, checked: the price of one unit of an item kind over a span of days."""

    item_kind: str
    label: str
    unit: str
    amount: int
    valid_from: date
    valid_to: date | None


class TariffForm(TypedDict):
    """A tariff as typed into the admin's form (or read from the seed file), not yet checked:
    the keyword arguments of ``validate_tariff`` and of the service adding a tariff."""

    item_kind: str | None
    label: str | None
    unit: str | None
    amount: object
    valid_from: date | None
    valid_to: date | None


def validate_tariff(**form: Unpack[TariffForm]) -> TariffInput:
    """A tariff from the admin's form (or the seed file); a blank unit takes the kind's usual
    unit. All problems are reported at once."""
    item_kind = form["item_kind"]
    valid_from, valid_to = form["valid_from"], form["valid_to"]
    errors: dict[str, str] = {}
    if item_kind not in ITEM_KINDS:
        errors["item_kind"] = "Pilih jenis barang/jasa."
    clean_label = _text_into(errors, "label", form["label"], "Nama tarif", MAX_TARIFF_LABEL)
    if not clean_label and "label" not in errors:
        errors["label"] = "Nama tarif wajib diisi."
    clean_unit = _text_into(errors, "unit", form["unit"], "Satuan", MAX_UNIT)
    clean_unit = clean_unit or ("" if "unit" in errors else ITEM_UNITS.get(item_kind or "", ""))
    if not clean_unit and "unit" not in errors:
        errors["unit"] = "Satuan wajib diisi."
    parsed_amount = 0
    try:
        parsed_amount = parse_rupiah(form["amount"], "amount")
    except InputError as error:
        errors.update(error.errors)
    if valid_from is None:
        errors["valid_from"] = "Tanggal mulai berlaku wajib diisi."
    elif valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = "Tanggal akhir berlaku tidak boleh sebelum tanggal mulai."
    if errors:
        raise InputError(errors)
    assert item_kind is not None and valid_from is not None
    return TariffInput(item_kind, clean_label, clean_unit, parsed_amount, valid_from, valid_to)
