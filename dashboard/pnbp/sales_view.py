"""What *Penjualan PNBP* shows and how its form values become service arguments: the visits
waiting for payment and today's sales, the sale form (tariffs, lines, live amounts), the
publications to add, and the loaders that read them. Plain functions, no Dash, so that they
are tested on their own. The rules themselves are ``dashboard.pnbp.rules`` and the sale
services ``dashboard.pnbp.sales``; the other treasurer pages have their own view modules
(``deposits_view``, ``books_view``, ``tariffs_view``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.clock import minutes_between
from dashboard.errors import FORM, InputError
from dashboard.i18n import format_clock, format_long_day, format_number, format_rupiah
from dashboard.paths import parse_id, receipt_path
from dashboard.pnbp import sales_ids as ids
from dashboard.pnbp.receipt_pdf import receipt_filename, receipt_pdf
from dashboard.pnbp.rules import (
    ITEM_KINDS,
    KIND_HARDCOPY,
    METHOD_CASH,
    METHOD_SIMPONI,
    PAYMENT_METHOD_LABELS,
    PUBLICATION_KINDS,
    STATUS_DEPOSITED,
    STATUS_VOID,
    ZERO_RUPIAH_REASONS,
    SaleInput,
    SaleLine,
    amount_in_words,
    checked_sale_input,
    line_field,
    parse_quantity,
    sale_status,
    void_refusal,
)
from dashboard.pnbp.sales import ShownReceipt, look_at_receipt, print_receipt, void_sale
from db.models import Sale, Tariff
from db.queries.catalog_search import PublicationHit
from db.queries.offices import office
from db.queries.sales import (
    ReceiptTotal,
    SaleRow,
    VisitPublication,
    WaitingPayment,
    publications_of_visit,
    receipt_total,
    sale_rows_between,
    tariffs_in_force,
    visits_waiting_for_payment,
)
from db.queries.sales_pages import publication_line_title, sellable_publications, visit_codes

MIN_SEARCH = 2
"""The catalog search answers from this many letters on."""

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


# -- choices and the summary of receipts ----------------------------------------------------------

ZERO_RUPIAH_OPTIONS = [
    {"label": label, "value": code} for code, label in ZERO_RUPIAH_REASONS.items()
]
PAYMENT_METHOD_OPTIONS = [
    {"label": label, "value": code} for code, label in PAYMENT_METHOD_LABELS.items()
]


def receipts_summary(total: ReceiptTotal) -> str:
    """'3 kuitansi · Rp 225.000 (1 batal)': voids are counted apart and not summed."""
    text = f"{format_number(total.receipts)} kuitansi · {format_rupiah(total.total)}"
    return text + (f" ({format_number(total.voided)} batal)" if total.voided else "")


# -- the lists (polled) ---------------------------------------------------------------------------


PRINT_TEXT = "Cetak"
REPRINT_TEXT = "Cetak ulang (salinan)"


def receipt_cell(sale: SaleRow, access: ReceiptAccess) -> str:
    """The grid's receipt cell (markdown). The treasurer clicks it to print (the first print
    is the original, later ones SALINAN); the head and the administrator get a link to look
    at the receipt, which prints nothing."""
    if access.printable:
        return REPRINT_TEXT if sale.print_count else PRINT_TEXT
    if access.viewable:
        return f"[Lihat (PDF)]({receipt_path(sale.sale_id)})"
    return ""


@dataclass(frozen=True)
class ReceiptAccess:
    """What the reader of the sales page may do with a receipt."""

    printable: bool
    viewable: bool


def sale_record(sale: SaleRow, access: ReceiptAccess) -> dict[str, Any]:
    """One row of today's sales: raw values to sort on, texts as the page shows them."""
    status = sale_status(voided=sale.voided, deposited=sale.deposited)
    note = {
        STATUS_VOID: f"Dibatalkan: {sale.void_reason or ''}",
        STATUS_DEPOSITED: "Sudah disetor ke kas negara",
    }.get(status, "Diterima bendahara, belum disetor")
    refusal = void_refusal(
        sale.receipt_number,
        voided_at=sale.voided_at,
        deposited=sale.deposited,
        imported=sale.imported,
    )
    return {
        "id": str(sale.sale_id),
        "receipt_number": sale.receipt_number,
        "time": format_clock(sale.paid_at),
        "payer": sale.payer,
        "visit_code": sale.visit_code or "langsung",
        "total": sale.total,
        "total_text": format_rupiah(sale.total),
        "method": "Rp0 (nol rupiah)"
        if sale.zero_rupiah_reason
        else method_label(sale.payment_method),
        "status": status,
        "status_note": note,
        "voided": sale.voided,
        "voidable": refusal is None,
        "print_link": receipt_cell(sale, access),
    }


@dataclass(frozen=True)
class SalesLists:
    """What the page polls: the visits waiting for payment and today's sales."""

    waiting: list[WaitingPayment]
    today_rows: list[dict[str, Any]]
    """Today's sales as grid rows, the latest first."""
    today_summary: str
    day: str


def load_sales_lists(
    session: Session, office_id: int, today: date, access: ReceiptAccess
) -> SalesLists:
    """The lists as of ``today``, with the receipt cells ``access`` allows."""
    waiting = visits_waiting_for_payment(session, office_id)
    sales = sale_rows_between(session, office_id, today, today)
    return SalesLists(
        waiting,
        [sale_record(sale, access) for sale in reversed(sales)],
        receipts_summary(receipt_total(session, office_id, today, today)),
        format_long_day(today),
    )


@dataclass(frozen=True)
class ReceiptFile:
    """A receipt as a PDF file to send."""

    content: bytes
    filename: str


def _receipt_file(shown: ShownReceipt | None) -> ReceiptFile | None:
    if shown is None:
        return None
    content = receipt_pdf(shown.view, mark=shown.mark)
    return ReceiptFile(content, receipt_filename(shown.view.receipt_number, mark=shown.mark))


def printed_receipt_file(session: Session, actor: Actor, sale_id: int) -> ReceiptFile | None:
    """The treasurer's print of a receipt (counted and audited, ``print_receipt``), built in
    the same transaction; None when the office has no such sale."""
    return _receipt_file(print_receipt(session, actor, sale_id))


def looked_at_receipt_file(session: Session, actor: Actor, sale_id: int) -> ReceiptFile | None:
    """A receipt to look at, changing nothing (``look_at_receipt``)."""
    return _receipt_file(look_at_receipt(session, actor, sale_id))


def office_address_missing(session: Session, office_id: int) -> bool:
    """The office has no address for its receipts yet."""
    return not office(session, office_id).address


# -- opening the form -----------------------------------------------------------------------------


def tariff_option(tariff: Tariff) -> TariffOption:
    return TariffOption(
        tariff.id, tariff.item_kind, tariff.label, tariff.unit, tariff.amount, tariff.is_sample
    )


@dataclass(frozen=True)
class SaleFormOpening:
    """What the form opens with: the waiting visit (None for a walk-in buyer) and the tariffs
    in force; ``refused`` names a visit asked for that does not wait for payment (its code,
    or 'nomor 7' for an id this office does not have)."""

    visit: WaitingPayment | None
    options: list[TariffOption]
    refused: str | None = None


def load_sale_form(
    session: Session, office_id: int, visit_id: int | None, day: date
) -> SaleFormOpening:
    """The form opened for a waiting visit (or a walk-in buyer when ``visit_id`` is None)."""
    waiting = visits_waiting_for_payment(session, office_id) if visit_id else []
    row = next((row for row in waiting if row.visit_id == visit_id), None)
    options = [tariff_option(t) for t in tariffs_in_force(session, office_id, day)]
    if visit_id is not None and row is None:
        code = visit_codes(session, office_id, [visit_id]).get(visit_id)
        return SaleFormOpening(None, options, code or f"nomor {visit_id}")
    return SaleFormOpening(row, options)


# -- lines ------------------------------------------------------------------------------------


def by_key(id_list: Sequence[Mapping[str, Any]], values: Sequence[Any]) -> dict[int, Any]:
    """Pattern-matching values keyed by the line key (``index``) of their dict id."""
    return {int(item["index"]): value for item, value in zip(id_list, values, strict=True)}


def typed_lines(
    lines: Sequence[Mapping[str, Any]], typed: Mapping[str, Mapping[str, Sequence[Any]]]
) -> list[dict[str, Any]]:
    """The lines store merged with what the lines' inputs hold; ``typed`` maps 'tariff',
    'quantity' and 'description' to the ``ids`` and ``values`` of those inputs."""
    values = {name: by_key(part["ids"], part["values"]) for name, part in typed.items()}
    return merge_line_values(lines, values["tariff"], values["quantity"], values["description"])


def edited_lines(
    lines: Sequence[Mapping[str, Any]],
    next_key: int,
    tariffs: Mapping[str, Mapping[str, Any]],
    trigger: object,
    other_tariff: str | None,
    title: str | None = None,
) -> tuple[list[dict[str, Any]], int] | None:
    """The lines after a click: a publication added ('+ Cetak'/'+ Softcopy', ``title`` being
    its title), a tariff of another kind added, or a line removed; None when the click
    changes nothing."""
    if trigger == ids.OTHER_ADD:
        tariff = tariffs.get(str(other_tariff or ""))
        if tariff is None:
            return None
        line = new_line(next_key, str(tariff["kind"]), tariff_id=str(other_tariff))
        return [*lines, line], next_key + 1
    if not isinstance(trigger, Mapping):
        return None
    if trigger.get("type") == ids.LINE_REMOVE_TYPE:
        key = trigger.get("index")
        return [line for line in lines if line.get("key") != key], next_key
    parsed = parse_publication_add(trigger.get("index"))
    if trigger.get("type") != ids.PUBLICATION_ADD_TYPE or parsed is None:
        return None
    publication_id, kind = parsed
    if has_line(lines, publication_id, kind):
        return None
    line = new_line(
        next_key,
        kind,
        publication_id=publication_id,
        title=title,
        tariff_id=first_tariff(tariffs, kind),
    )
    return [*lines, line], next_key + 1


def added_publication(trigger: object) -> int | None:
    """The publication whose '+' button was clicked, if the click was one."""
    index = trigger.get("index") if isinstance(trigger, Mapping) else None
    parsed = parse_publication_add(index)
    return None if parsed is None else parsed[0]


def publication_title(session: Session, office_id: int, publication_id: int) -> str | None:
    """The line text of a publication: 'title (catalog no.)'."""
    return publication_line_title(session, office_id, publication_id)


# -- the publications to add ----------------------------------------------------------------------


def sellable(found: VisitPublication | PublicationHit) -> SellablePublication:
    """A catalog hit (with its number and year) or a publication of the visit's requests."""
    if isinstance(found, PublicationHit):
        publication_id, catalog_number, year = found.id, found.catalog_number, found.year
    else:
        publication_id, catalog_number, year = found.publication_id, None, None
    return SellablePublication(
        publication_id=publication_id,
        title=found.title,
        catalog_number=catalog_number,
        year=year,
        has_hardcopy=found.has_hardcopy,
        hardcopy_stock=found.hardcopy_stock,
        has_softcopy=found.has_softcopy,
    )


def find_publications(
    session: Session, office_id: int, text: str | None, visit_id: int | None
) -> tuple[list[SellablePublication], str]:
    """What the search box shows: the catalog's answer to the typed text, or (while the box is
    empty) the publications found for the visit's requests at step 6."""
    typed = (text or "").strip()
    if not typed:
        if visit_id is None:
            return [], "Ketik judul atau nomor katalog publikasi yang dibeli."
        found = publications_of_visit(session, visit_id)
        if not found:
            return [], "Tidak ada publikasi yang dicatat untuk kunjungan ini; cari di katalog."
        return [sellable(p) for p in found], "Publikasi yang ditemukan untuk kunjungan ini:"
    if len(typed) < MIN_SEARCH:
        return [], f"Ketik paling sedikit {MIN_SEARCH} huruf."
    hits = sellable_publications(session, office_id, typed)
    if not hits:
        return [], f"Tidak ada publikasi yang cocok dengan “{typed}”."
    return [sellable(hit) for hit in hits], f"{len(hits)} publikasi ditemukan:"


# -- recording and voiding ------------------------------------------------------------------------


@dataclass(frozen=True)
class SaleReceipt:
    """A sale just recorded, as the page announces it."""

    sale_id: int
    receipt_number: str
    total: int
    payer_name: str


def receipt_of(sale: Sale) -> SaleReceipt:
    return SaleReceipt(sale.id, sale.receipt_number, sale.total, sale.payer_name)


def void_receipt(session: Session, actor: Actor, sale_id: int, reason: str | None) -> str:
    """Void the sale (``dashboard.pnbp.sales.void_sale``); returns its receipt number."""
    return void_sale(session, actor, sale_id, reason).receipt_number


def unplaced_messages(errors: Mapping[str, str], line_count: int) -> list[str]:
    """The messages of a refused sale that no field and no line of the form shows."""
    known = {*ids.FIELD_IDS, "lines", FORM} | {line_field(index) for index in range(line_count)}
    return [message for key, message in errors.items() if key not in known]
