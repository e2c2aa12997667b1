"""What the treasurer's pages (Penjualan PNBP, Setoran, Buku kas penerimaan, Tarif PNBP) show
and how their form values become service arguments: plain functions, no Dash, so that they
are tested on their own. The rules themselves are ``dashboard.pnbp.rules`` and the sale services.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby
from typing import Any, Literal

from dashboard.clock import local_date, minutes_between
from dashboard.errors import InputError
from dashboard.i18n import format_clock, format_day, format_number, format_rupiah
from dashboard.paths import parse_id
from dashboard.pnbp.rules import (
    ITEM_KINDS,
    KIND_HARDCOPY,
    METHOD_CASH,
    METHOD_SIMPONI,
    PAYMENT_METHOD_LABELS,
    PUBLICATION_KINDS,
    ZERO_RUPIAH_REASONS,
    SaleInput,
    SaleLine,
    amount_in_words,
    checked_sale_input,
    line_field,
    parse_quantity,
    tariff_in_force_on,
)
from db.queries.sales import BookRow

MAX_PAYER = 200
MAX_REFERENCE = 64

STATUS_PAID = "Lunas"
STATUS_VOID = "BATAL"
STATUS_DEPOSITED = "Disetor"

REFERENCE_LABELS: dict[str, str] = {
    "transfer": "Nomor referensi transfer",
    "qris": "Nomor referensi QRIS",
    METHOD_SIMPONI: "Kode billing SIMPONI (15 angka)",
}
"""The label of the payment reference field per method (cash has none)."""


def method_label(method: str) -> str:
    return PAYMENT_METHOD_LABELS.get(method, method)


def reference_field(method: str | None, zero_rupiah: bool) -> tuple[bool, str]:
    """(shown, label) of the payment reference field for the chosen method. A zero-rupiah sale
    pays nothing, so it asks for no reference."""
    if zero_rupiah or method not in REFERENCE_LABELS:
        return False, ""
    return True, REFERENCE_LABELS[method]


# -- the sale form ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TariffOption:
    """A tariff in force, as the sale form offers it."""

    tariff_id: int
    item_kind: str
    label: str
    unit: str
    amount: int
    is_sample: bool

    @property
    def option_label(self) -> str:
        """'Publikasi tercetak — Rp 75.000 / eksemplar'"""
        return f"{self.label} — {format_rupiah(self.amount)} / {self.unit}"

    def to_store(self) -> dict[str, Any]:
        return {
            "kind": self.item_kind,
            "label": self.label,
            "unit": self.unit,
            "amount": self.amount,
            "sample": self.is_sample,
        }


def tariff_store(options: Sequence[TariffOption]) -> dict[str, dict[str, Any]]:
    """The tariffs in force as the browser keeps them while the form is open (ids as text:
    JSON object keys)."""
    return {str(option.tariff_id): option.to_store() for option in options}


def tariffs_of_kind(tariffs: Mapping[str, Mapping[str, Any]], kind: str) -> list[dict[str, str]]:
    """Select options of the tariffs of one item kind, cheapest first."""
    chosen = [(key, value) for key, value in tariffs.items() if value.get("kind") == kind]
    chosen.sort(key=lambda item: (int(item[1].get("amount", 0)), str(item[1].get("label", ""))))
    return [
        {"label": f"{value['label']} — {format_rupiah(int(value['amount']))}", "value": key}
        for key, value in chosen
    ]


def other_tariff_options(tariffs: Mapping[str, Mapping[str, Any]]) -> list[dict[str, str]]:
    """The 'Cetak halaman / data digital' picker: every tariff not sold from the catalog."""
    options: list[dict[str, str]] = []
    for kind in ITEM_KINDS:
        if kind not in PUBLICATION_KINDS:
            options.extend(tariffs_of_kind(tariffs, kind))
    return options


def new_line(
    key: int,
    kind: str,
    *,
    publication_id: int | None = None,
    title: str | None = None,
    tariff_id: str | None = None,
) -> dict[str, Any]:
    """A line as the form's store keeps it: what does not change once the line is added.
    Quantity, tariff and description live in the line's inputs."""
    return {
        "key": key,
        "kind": kind,
        "publication_id": publication_id,
        "title": title,
        "tariff_id": tariff_id,
        "quantity": "1",
        "description": "",
    }


def first_tariff(tariffs: Mapping[str, Mapping[str, Any]], kind: str) -> str | None:
    """The tariff a new line of ``kind`` starts with: the cheapest in force (the treasurer
    changes it on the line when another one applies)."""
    options = tariffs_of_kind(tariffs, kind)
    return options[0]["value"] if options else None


def parse_publication_add(index: object) -> tuple[int, str] | None:
    """(publication id, item kind) of a '+ Cetak' / '+ Softcopy' button's index '12:kind'."""
    text = str(index or "")
    raw_id, _, kind = text.partition(":")
    publication_id = parse_id(raw_id)
    if publication_id is None or kind not in PUBLICATION_KINDS:
        return None
    return publication_id, kind


def publication_add_index(publication_id: int, kind: str) -> str:
    return f"{publication_id}:{kind}"


def has_line(lines: Sequence[Mapping[str, Any]], publication_id: int, kind: str) -> bool:
    return any(
        line.get("publication_id") == publication_id and line.get("kind") == kind for line in lines
    )


def merge_line_values(
    lines: Sequence[Mapping[str, Any]],
    tariff_values: Mapping[int, object],
    quantity_values: Mapping[int, object],
    description_values: Mapping[int, object],
) -> list[dict[str, Any]]:
    """The lines with what was typed into their inputs, so that redrawing the lines (after
    adding or removing one) keeps the other lines as the treasurer left them."""
    merged = []
    for line in lines:
        key = int(line["key"])
        updated = dict(line)
        if key in tariff_values:
            updated["tariff_id"] = tariff_values[key]
        if key in quantity_values:
            updated["quantity"] = quantity_values[key]
        if key in description_values:
            updated["description"] = description_values[key]
        merged.append(updated)
    return merged


def _whole_quantity(raw: object) -> int | None:
    try:
        return parse_quantity(raw)
    except InputError:
        return None


@dataclass(frozen=True)
class LineFigures:
    """What the form shows beside one line: its unit price and amount."""

    unit_price: str
    amount: str


@dataclass(frozen=True)
class FormFigures:
    lines: tuple[LineFigures, ...]
    total: str
    total_words: str


def form_figures(
    tariff_ids: Sequence[object],
    quantities: Sequence[object],
    tariffs: Mapping[str, Mapping[str, Any]],
    zero_rupiah: bool,
) -> FormFigures:
    """Unit prices, line amounts and the total as the form shows them while it is filled in
    (the service computes the stored amounts again from the tariffs in force)."""
    figures = []
    total = 0
    for tariff_id, quantity_text in zip(tariff_ids, quantities, strict=True):
        tariff = tariffs.get(str(tariff_id)) if tariff_id else None
        quantity = _whole_quantity(quantity_text)
        if tariff is None:
            figures.append(LineFigures("—", "—"))
            continue
        price = 0 if zero_rupiah else int(tariff["amount"])
        unit_price = f"{format_rupiah(price)} / {tariff['unit']}"
        if quantity is None:
            figures.append(LineFigures(unit_price, "—"))
            continue
        total += price * quantity
        figures.append(LineFigures(unit_price, format_rupiah(price * quantity)))
    return FormFigures(tuple(figures), format_rupiah(total), amount_in_words(total))


@dataclass(frozen=True)
class SaleForm:
    """The sale form's values as the browser sends them."""

    payer_name: str | None
    payer_institution: str | None
    payment_method: str | None
    payment_reference: str | None
    zero_rupiah: bool
    zero_rupiah_reason: str | None
    zero_rupiah_letter: str | None
    lines: Sequence[Mapping[str, Any]]
    """The lines store merged with the values of the lines' inputs (``merge_line_values``)."""


def sale_input(form: SaleForm, tariffs: Mapping[str, Mapping[str, Any]]) -> SaleInput:
    """The sale to record, from the form. A quantity that is not a whole number or a line
    without a tariff is refused here together with every problem the header has (the
    service checks the rest: tariffs in force, prices, stock). Each line sends the price the
    form showed, so a tariff changed since the form opened is refused, not silently taken."""
    errors: dict[str, str] = {}
    lines = []
    for index, line in enumerate(form.lines):
        field = line_field(index)
        try:
            quantity = parse_quantity(line.get("quantity"), field)
        except InputError as error:
            errors.update(error.errors)
            quantity = 1
        tariff_key = str(line.get("tariff_id") or "")
        tariff = tariffs.get(tariff_key)
        if tariff is None:
            errors[field] = "Pilih tarif untuk baris ini."
        description = str(line.get("description") or "").strip() or None
        lines.append(
            SaleLine(
                tariff_id=int(tariff_key) if tariff is not None else 0,
                quantity=quantity,
                publication_id=line.get("publication_id"),
                unit_price=(0 if form.zero_rupiah else int(tariff["amount"])) if tariff else None,
                description=None if line.get("publication_id") else description,
            )
        )
    method = METHOD_CASH if form.zero_rupiah else (form.payment_method or "")
    data = SaleInput(
        payer_name=form.payer_name or "",
        payer_institution=form.payer_institution,
        payment_method=method,
        payment_reference=None if method == METHOD_CASH else form.payment_reference,
        lines=tuple(lines),
        zero_rupiah_reason=(form.zero_rupiah_reason or None) if form.zero_rupiah else None,
        zero_rupiah_letter=(form.zero_rupiah_letter or None) if form.zero_rupiah else None,
    )
    if form.zero_rupiah and not data.is_zero_rupiah:
        # Ticked but left empty: still a zero-rupiah sale, whose reason must be named.
        errors["zero_rupiah_reason"] = "Pilih dasar pemberian tarif nol rupiah."
        errors["zero_rupiah_letter"] = "Tulis nomor surat permohonan tarif nol rupiah."
    if errors:
        try:
            checked_sale_input(data)
        except InputError as error:
            errors = {**error.errors, **errors}
        raise InputError(errors)
    return data


def line_messages(errors: Mapping[str, str], line_count: int) -> list[str]:
    """The message of each line (by position), '' where there is none."""
    return [errors.get(line_field(index), "") for index in range(line_count)]


def line_description(line: Mapping[str, Any]) -> str:
    """What a line is, as its row names it."""
    if line.get("title"):
        return str(line["title"])
    return ITEM_KINDS.get(str(line.get("kind")), str(line.get("kind")))


@dataclass(frozen=True)
class SellablePublication:
    """A catalog entry the sale form offers: found by the search box, or picked for one of the
    visit's data requests at step 6."""

    publication_id: int
    title: str
    catalog_number: str | None
    year: int | None
    has_hardcopy: bool
    hardcopy_stock: int
    has_softcopy: bool

    @property
    def details(self) -> str:
        """'3201001 · 2025 · stok cetak 12'"""
        parts = [part for part in (self.catalog_number, str(self.year or "")) if part]
        if self.has_hardcopy:
            parts.append(f"stok cetak {format_number(self.hardcopy_stock)}")
        if self.has_softcopy:
            parts.append("softcopy tersedia")
        return " · ".join(parts)


def refusal_of_add(
    publication: SellablePublication,
    kind: str,
    tariffs: Mapping[str, Mapping[str, Any]],
    lines: Sequence[Mapping[str, Any]],
) -> str | None:
    """Why a publication cannot be added as a line of ``kind`` now (the button is disabled
    and says why), or None when it can. The service checks the stock again."""
    if kind == KIND_HARDCOPY:
        if not publication.has_hardcopy:
            return "Tidak ada versi cetak"
        if publication.hardcopy_stock <= 0:
            return "Stok cetak habis"
    elif not publication.has_softcopy:
        return "Tidak ada softcopy"
    if first_tariff(tariffs, kind) is None:
        return f"Belum ada tarif {ITEM_KINDS[kind].lower()} yang berlaku"
    if has_line(lines, publication.publication_id, kind):
        return "Sudah ada di daftar; ubah jumlahnya di sana"
    return None


# -- visits waiting for payment ---------------------------------------------------------------


def waited_text(since: datetime, now: datetime) -> str:
    """'sejak 09:12 (7 mnt)'"""
    waited = int(max(0.0, minutes_between(since, now)))
    return f"sejak {format_clock(since)} ({'baru saja' if waited < 1 else f'{waited} mnt'})"


# -- statuses -------------------------------------------------------------------------------------


def sale_status(*, voided: bool, deposited: bool) -> str:
    """'Lunas' (paid, with the treasurer), 'Disetor' (deposited) or 'BATAL' (void)."""
    if voided:
        return STATUS_VOID
    return STATUS_DEPOSITED if deposited else STATUS_PAID


AGE_HELP = (
    "PNBP yang diterima Bendahara Penerimaan wajib segera disetor ke kas negara, tidak boleh "
    "mengendap. Kuning: kuitansi tertua belum disetor lebih dari 1 hari; merah: lebih dari "
    "7 hari."
)
AgeLevel = Literal["ok", "warn", "late"]
WARN_AFTER_DAYS = 1
LATE_AFTER_DAYS = 7


def age_level(age_days: int | None) -> AgeLevel:
    """The colour of the undeposited balance's age: amber over a day, red over a week."""
    if age_days is None or age_days <= WARN_AFTER_DAYS:
        return "ok"
    if age_days <= LATE_AFTER_DAYS:
        return "warn"
    return "late"


def age_text(age_days: int | None) -> str:
    if age_days is None:
        return "—"
    if age_days == 0:
        return "hari ini"
    return f"{format_number(age_days)} hari"


def day_of(moment: datetime) -> str:
    return format_day(local_date(moment))


def in_force(valid_from: date, valid_to: date | None, today: date) -> str:
    """A tariff's standing on ``today``: 'Berlaku', 'Belum berlaku' or 'Berakhir'."""
    if tariff_in_force_on(valid_from, valid_to, today):
        return "Berlaku"
    if today < valid_from:
        return "Belum berlaku"
    return "Berakhir"


ZERO_RUPIAH_OPTIONS = [
    {"label": label, "value": code} for code, label in ZERO_RUPIAH_REASONS.items()
]


# -- deposits -------------------------------------------------------------------------------------

AGE_COLORS: dict[AgeLevel, str] = {"ok": "success", "warn": "warning", "late": "danger"}


@dataclass(frozen=True)
class BalanceView:
    """The undeposited balance as the Setoran page shows it."""

    total: str
    count: str
    age: str
    age_color: str
    oldest: str


def balance_view(total: int, count: int, oldest_day: date | None, age_days: int) -> BalanceView:
    if not count:
        return BalanceView(
            format_rupiah(0), "Tidak ada kuitansi yang belum disetor", "—", "secondary", ""
        )
    return BalanceView(
        total=format_rupiah(total),
        count=f"dari {format_number(count)} kuitansi",
        age=age_text(age_days),
        age_color=AGE_COLORS[age_level(age_days)],
        oldest=f"Kuitansi tertua dibayar {format_day(oldest_day)}" if oldest_day else "",
    )


def selected_sales(selected_rows: object) -> tuple[list[int], int]:
    """The ids and the total of the receipts ticked in the grid."""
    if not isinstance(selected_rows, list):
        return [], 0
    ids: list[int] = []
    total = 0
    for row in selected_rows:
        if not isinstance(row, Mapping):
            continue
        sale_id = parse_id(row.get("id"))
        if sale_id is None:
            continue
        ids.append(sale_id)
        total += int(row.get("total") or 0)
    return ids, total


def selection_text(count: int, total: int) -> str:
    if not count:
        return "Belum ada kuitansi dipilih"
    return f"{format_number(count)} kuitansi dipilih · {format_rupiah(total)}"


def parse_form_date(raw: object) -> date | None:
    """The value of a date field (``YYYY-MM-DD``); None when empty or not a date."""
    try:
        return date.fromisoformat(str(raw or "").strip())
    except ValueError:
        return None


def deposit_success(amount: int, deposited_on: date, receipts: int) -> str:
    return (
        f"Setoran {format_rupiah(amount)} tanggal {format_day(deposited_on)} tercatat untuk "
        f"{format_number(receipts)} kuitansi."
    )


# -- the daily receipts book ----------------------------------------------------------------------

PERIOD_DAY = "day"
PERIOD_MONTH = "month"


def book_period(kind: str | None, day_text: object, month_text: object) -> tuple[date, date]:
    """The first and last day of the book asked for: one day (``YYYY-MM-DD``) or a month
    (``YYYY-MM``)."""
    if kind == PERIOD_MONTH:
        text = str(month_text or "").strip()
        try:
            first = date.fromisoformat(f"{text}-01")
        except ValueError:
            raise InputError.on("period", "Pilih bulan, mis. 2026-11.") from None
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    day = parse_form_date(day_text)
    if day is None:
        raise InputError.on("period", "Pilih tanggal.")
    return day, day


@dataclass(frozen=True)
class BookDay:
    """One day of the receipts book: its receipts in the order paid, and its sums (voided
    receipts listed, not counted)."""

    day: date
    rows: tuple[BookRow, ...]
    total: int
    receipts: int
    voided: int


def book_days(rows: Sequence[BookRow]) -> list[BookDay]:
    days: list[BookDay] = []
    for day, group in groupby(rows, key=lambda row: row.day):
        receipts = tuple(group)
        counted = [row for row in receipts if not row.voided]
        days.append(
            BookDay(
                day=day,
                rows=receipts,
                total=sum(row.amount for row in counted),
                receipts=len(counted),
                voided=len(receipts) - len(counted),
            )
        )
    return days


def book_summary(days: Sequence[BookDay]) -> str:
    """'12 kuitansi · Rp 1.250.000 (1 batal)'"""
    receipts = sum(day.receipts for day in days)
    voided = sum(day.voided for day in days)
    text = f"{format_number(receipts)} kuitansi · {format_rupiah(sum(d.total for d in days))}"
    return text + (f" ({format_number(voided)} batal)" if voided else "")


# -- tariffs --------------------------------------------------------------------------------------

SAMPLE_TEXT = "Contoh"


@dataclass(frozen=True)
class TariffRow:
    """A tariff as the admin page lists it."""

    tariff_id: int
    item_kind: str
    label: str
    unit: str
    amount: int
    valid_from: date
    valid_to: date | None
    is_sample: bool

    def record(self, today: date) -> dict[str, Any]:
        """The grid row: raw values to sort on, texts as the page shows them."""
        status = in_force(self.valid_from, self.valid_to, today)
        return {
            "id": str(self.tariff_id),
            "kind": ITEM_KINDS.get(self.item_kind, self.item_kind),
            "label": self.label,
            "amount": self.amount,
            "amount_text": format_rupiah(self.amount),
            "unit": self.unit,
            "valid_from": format_day(self.valid_from),
            "valid_from_iso": self.valid_from.isoformat(),
            "valid_to": format_day(self.valid_to) if self.valid_to else "—",
            "valid_to_iso": self.valid_to.isoformat() if self.valid_to else "",
            "status": status,
            "ended": status == "Berakhir",
            "sample": SAMPLE_TEXT if self.is_sample else "",
        }


def tariff_records(
    rows: Sequence[TariffRow], today: date, show_ended: bool
) -> list[dict[str, Any]]:
    """The grid's rows: in force and future tariffs, and ended ones when asked for."""
    records = [row.record(today) for row in rows]
    return records if show_ended else [record for record in records if not record["ended"]]


def samples_in_force(rows: Sequence[TariffRow], today: date) -> int:
    return sum(
        1
        for row in rows
        if row.is_sample and tariff_in_force_on(row.valid_from, row.valid_to, today)
    )
