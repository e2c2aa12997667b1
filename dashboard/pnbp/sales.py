"""The receiving treasurer's actions: record a sale with its numbered receipt, void it, print
it, and deposit the money to the state treasury.

Each function runs inside the caller's transaction and either does all of its work or raises
``InputError`` before anything is written. Receipt numbers are taken last, from the office's
counter row in the same transaction (``db.queries.receipt_numbers.take_receipt_sequence``),
so a refused or failed sale gives its number back and the numbers of a year have no gaps.
Nothing here is ever deleted: a void keeps the number, the reason, who and when.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from dashboard.audit import Actor, record_audit
from dashboard.clock import local_date
from dashboard.errors import InputError
from dashboard.i18n import format_day, format_number, format_rupiah
from dashboard.pnbp import rules as pnbp
from dashboard.pnbp.receipt_numbers import receipt_number
from dashboard.pnbp.receipt_pdf import ReceiptView, receipt_mark, receipt_view
from dashboard.text_input import clean_text, optional_text
from db.models import Deposit, Publication, Sale, SaleItem, StaffUser, Tariff
from db.queries import offices
from db.queries import sales as queries
from db.queries.receipt_numbers import take_receipt_sequence

MAX_NOTE = 1000


@dataclass(frozen=True)
class _PricedLine:
    """A sale line checked against its tariff and publication, ready to store."""

    field: str
    line: pnbp.SaleLine
    tariff: Tariff
    publication: Publication | None
    unit_price: int
    description: str

    @property
    def amount(self) -> int:
        return self.unit_price * self.line.quantity


# -- recording a sale ---------------------------------------------------------------------------


class PayingVisit(Protocol):
    """What a sale pays for, when it is a visitor's purchase (SOP step 9): checked before the
    sale is priced, told once its receipt is issued. The visits feature provides it
    (``dashboard.visits.purchase``); the treasurer's books know no more of visits than this."""

    def check(self, session: Session, actor: Actor) -> int:
        """The id of the visit the sale belongs to, or ``InputError`` saying why the visit
        does not wait for payment."""
        ...

    def receipt_issued(self, session: Session, actor: Actor, sale: Sale) -> None:
        """The sale is stored and numbered (flushed): the visit moves on."""
        ...


def record_sale(
    session: Session,
    actor: Actor,
    data: pnbp.SaleInput,
    *,
    paying_visit: PayingVisit | None = None,
) -> Sale:
    """Record a paid sale (or a zero-rupiah service) and give it the next receipt number of
    the office and the local year of ``actor.now``.

    Every line needs a tariff in force that day and a quantity above 0; its unit price must be
    the tariff's unless the sale is zero-rupiah (then every amount is 0, and the reason and the
    request letter are recorded). A hardcopy line sells copies of a catalog publication and
    reduces its stock; more than the stock is refused. With ``paying_visit`` the sale is a
    visitor's purchase: its problems are reported with the lines', and it is told once the
    sale is stored, before the audit event. All problems are reported at once, keyed by field
    (``line-<i>`` for the i-th line, from 0).
    """
    errors: dict[str, str] = {}
    checked = data
    try:
        checked = pnbp.checked_sale_input(data)
    except InputError as error:
        errors.update(error.errors)
    office = offices.office(session, actor.office_id)
    zone = ZoneInfo(office.timezone)
    day = local_date(actor.now, zone)
    visit_id: int | None = None
    if paying_visit is not None:
        try:
            visit_id = paying_visit.check(session, actor)
        except InputError as error:
            errors.update(error.errors)
    priced = _priced_lines(session, actor, data, day, errors)
    if errors:
        raise InputError(errors)

    year = day.year
    sequence = take_receipt_sequence(session, office.id, year)
    sale = Sale(
        office_id=office.id,
        visit_id=visit_id,
        receipt_year=year,
        receipt_sequence=sequence,
        receipt_number=receipt_number(sequence, office.code, year),
        payer_name=checked.payer_name,
        payer_institution=checked.payer_institution,
        payment_method=checked.payment_method,
        payment_reference=checked.payment_reference,
        total=sum(line.amount for line in priced),
        zero_rupiah_reason=checked.zero_rupiah_reason,
        zero_rupiah_letter=checked.zero_rupiah_letter,
        treasurer_id=actor.user_id,
        paid_at=actor.now,
        print_count=0,
    )
    for line in priced:
        sale.items.append(
            SaleItem(
                tariff_id=line.tariff.id,
                publication_id=line.publication.id if line.publication else None,
                item_kind=line.tariff.item_kind,
                description=line.description,
                quantity=line.line.quantity,
                unit_price=line.unit_price,
                amount=line.amount,
            )
        )
        if line.publication is not None and line.tariff.item_kind == pnbp.KIND_HARDCOPY:
            line.publication.hardcopy_stock -= line.line.quantity
    session.add(sale)
    session.flush()
    if paying_visit is not None:
        paying_visit.receipt_issued(session, actor, sale)
    record_audit(session, actor, "sale.record", "sale", sale.id, after=_sale_summary(sale))
    session.flush()
    return sale


def _priced_lines(
    session: Session,
    actor: Actor,
    data: pnbp.SaleInput,
    day: date,
    errors: dict[str, str],
) -> list[_PricedLine]:
    """Check each line against its tariff (in force on ``day``), its publication and the
    stock; problems go into ``errors`` under ``line-<i>``. Publications are locked, so the
    stock checked is the stock the sale takes from."""
    tariffs = queries.tariffs_by_id(session, actor.office_id, {ln.tariff_id for ln in data.lines})
    publications = queries.lock_publications(
        session,
        actor.office_id,
        {ln.publication_id for ln in data.lines if ln.publication_id is not None},
    )
    priced: list[_PricedLine] = []
    for index, line in enumerate(data.lines):
        field = pnbp.line_field(index)
        if field in errors:  # the quantity was already refused
            continue
        try:
            priced.append(_priced_line(line, field, tariffs, publications, day, data))
        except InputError as error:
            errors.update(error.errors)
    errors.update(_stock_problems(priced))
    return priced


def _priced_line(
    line: pnbp.SaleLine,
    field: str,
    tariffs: Mapping[int, Tariff],
    publications: Mapping[int, Publication],
    day: date,
    data: pnbp.SaleInput,
) -> _PricedLine:
    tariff = tariffs.get(line.tariff_id)
    if tariff is None:
        raise InputError.on(field, "Tarif itu tidak ada; pilih tarif dari daftar.")
    if not pnbp.tariff_in_force_on(tariff.valid_from, tariff.valid_to, day):
        raise InputError.on(
            field,
            f"Tarif “{tariff.label}” tidak berlaku pada {format_day(day)} (berlaku "
            f"{pnbp.validity_text(tariff.valid_from, tariff.valid_to)}).",
        )
    publication = _line_publication(line, field, tariff, publications)
    unit_price = 0 if data.is_zero_rupiah else pnbp.check_unit_price(line, field, tariff.amount)
    description = _description(line, field, tariff, publication)
    return _PricedLine(field, line, tariff, publication, unit_price, description)


def _line_publication(
    line: pnbp.SaleLine, field: str, tariff: Tariff, publications: Mapping[int, Publication]
) -> Publication | None:
    """The catalog publication a line sells; publication kinds must name one that exists in
    the format sold."""
    if line.publication_id is None:
        if tariff.item_kind in pnbp.PUBLICATION_KINDS:
            raise InputError.on(field, "Pilih publikasi yang dibeli dari katalog.")
        return None
    publication = publications.get(line.publication_id)
    if publication is None:
        raise InputError.on(field, "Publikasi itu tidak ada di katalog.")
    if publication.retired_at is not None:
        raise InputError.on(field, f"“{publication.title}” sudah ditarik dari katalog.")
    if tariff.item_kind == pnbp.KIND_HARDCOPY and not publication.has_hardcopy:
        raise InputError.on(field, f"“{publication.title}” tidak tersedia dalam bentuk cetak.")
    if tariff.item_kind == pnbp.KIND_SOFTCOPY and not publication.has_softcopy:
        raise InputError.on(field, f"“{publication.title}” tidak tersedia dalam bentuk softcopy.")
    return publication


def _description(
    line: pnbp.SaleLine, field: str, tariff: Tariff, publication: Publication | None
) -> str:
    """What the receipt says was paid for: the publication's title (with its format), the text
    typed for the line, or else the tariff's name."""
    if publication is not None:
        suffix = {pnbp.KIND_HARDCOPY: " (cetak)", pnbp.KIND_SOFTCOPY: " (softcopy)"}.get(
            tariff.item_kind, ""
        )
        return publication.title[: pnbp.MAX_DESCRIPTION - len(suffix)] + suffix
    typed = clean_text(field, line.description, label="Uraian", limit=pnbp.MAX_DESCRIPTION)
    return typed or tariff.label


def _stock_problems(priced: Sequence[_PricedLine]) -> dict[str, str]:
    """Hardcopy lines asking for more copies of a publication than its stock (the lines of one
    title counted together); the message names the title and what is left."""
    wanted: dict[int, int] = defaultdict(int)
    fields: dict[int, list[str]] = defaultdict(list)
    titles: dict[int, Publication] = {}
    for line in priced:
        if line.publication is None or line.tariff.item_kind != pnbp.KIND_HARDCOPY:
            continue
        titles[line.publication.id] = line.publication
        wanted[line.publication.id] += line.line.quantity
        fields[line.publication.id].append(line.field)
    problems: dict[str, str] = {}
    for publication_id, quantity in wanted.items():
        publication = titles[publication_id]
        if quantity > publication.hardcopy_stock:
            message = (
                f"Stok cetak “{publication.title}” tinggal "
                f"{format_number(publication.hardcopy_stock)} eksemplar; tidak cukup untuk "
                f"{format_number(quantity)} eksemplar."
            )
            problems.update(dict.fromkeys(fields[publication_id], message))
    return problems


def _sale_summary(sale: Sale) -> dict[str, object]:
    return {
        "receipt_number": sale.receipt_number,
        "total": sale.total,
        "payment_method": sale.payment_method,
        "zero_rupiah_reason": sale.zero_rupiah_reason,
        "visit_id": sale.visit_id,
        "items": [
            {
                "tariff_id": item.tariff_id,
                "publication_id": item.publication_id,
                "quantity": item.quantity,
                "unit_price": item.unit_price,
            }
            for item in sale.items
        ],
    }


# -- void, print --------------------------------------------------------------------------------


def _load_sale(session: Session, actor: Actor, sale_id: int) -> Sale:
    sale = queries.lock_sale(session, actor.office_id, sale_id)
    if sale is None:
        raise InputError.form("Kuitansi tidak ditemukan.")
    return sale


def void_sale(session: Session, actor: Actor, sale_id: int, reason: str | None) -> Sale:
    """Void a receipt: it keeps its number and shows as void with the reason, who and when;
    sold hardcopies go back to stock. A void or deposited receipt cannot be voided."""
    clean_reason = pnbp.clean_void_reason(reason)
    sale = _load_sale(session, actor, sale_id)
    refusal = pnbp.void_refusal(
        sale.receipt_number,
        voided_at=sale.voided_at,
        deposited=sale.deposit_id is not None,
        imported=sale.imported,
    )
    if refusal is not None:
        raise InputError.form(refusal)
    stocked = _returned_stock(sale.items)
    publications = queries.lock_publications(session, actor.office_id, stocked)
    for publication_id, quantity in stocked.items():
        publications[publication_id].hardcopy_stock += quantity
    sale.voided_at = actor.now
    sale.void_reason = clean_reason
    sale.voided_by_id = actor.user_id
    record_audit(
        session,
        actor,
        "sale.void",
        "sale",
        sale.id,
        after={"receipt_number": sale.receipt_number, "reason": clean_reason, "stock": stocked},
    )
    session.flush()
    return sale


def _returned_stock(items: Sequence[SaleItem]) -> dict[int, int]:
    """Copies per publication that a void puts back on the shelf."""
    stock: dict[int, int] = defaultdict(int)
    for item in items:
        if item.item_kind == pnbp.KIND_HARDCOPY and item.publication_id is not None:
            stock[item.publication_id] += item.quantity
    return dict(stock)


def mark_printed(session: Session, actor: Actor, sale_id: int) -> int:
    """Count one more print of the receipt; returns the count after it (1: the original,
    more: a copy, printed SALINAN)."""
    sale = _load_sale(session, actor, sale_id)
    sale.print_count += 1
    record_audit(
        session,
        actor,
        "sale.print",
        "sale",
        sale.id,
        after={"receipt_number": sale.receipt_number, "print_count": sale.print_count},
    )
    session.flush()
    return sale.print_count


@dataclass(frozen=True)
class ShownReceipt:
    """A receipt as it is printed or looked at: what it shows, and its mark (``receipt_mark``:
    None for the original, SALINAN, PRATINJAU)."""

    view: ReceiptView
    mark: str | None


def _shown_receipt(
    session: Session, actor: Actor, sale_id: int, *, printing: bool
) -> ShownReceipt | None:
    """The office's receipt signed by the treasurer who received the money, marked for a
    print (counted and audited: ``mark_printed``) or a look (nothing written); None when the
    office has no such sale."""
    sale = queries.sale_with_items(session, actor.office_id, sale_id)
    treasurer = session.get(StaffUser, sale.treasurer_id) if sale is not None else None
    if sale is None or treasurer is None:
        return None
    # A print counts under the sale's lock: of two treasurers printing at once, one gets
    # the original.
    printed_before = mark_printed(session, actor, sale.id) - 1 if printing else sale.print_count
    mark = receipt_mark(printed_before, printing=printing)
    tariffs = queries.tariffs_by_id(
        session, actor.office_id, {item.tariff_id for item in sale.items}
    )
    units = {tariff_id: tariff.unit for tariff_id, tariff in tariffs.items()}
    view = receipt_view(sale, treasurer, offices.office(session, actor.office_id), units=units)
    return ShownReceipt(view, mark)


def print_receipt(session: Session, actor: Actor, sale_id: int) -> ShownReceipt | None:
    """The treasurer prints the receipt: the first print is the original, every later one a
    copy, each counted and audited. The caller builds the PDF in the same transaction, so a
    PDF that fails to build does not use up the original."""
    return _shown_receipt(session, actor, sale_id, printing=True)


def look_at_receipt(session: Session, actor: Actor, sale_id: int) -> ShownReceipt | None:
    """The receipt as anyone who may read it sees it, changing nothing: a preview before the
    original is printed, a copy after (a look never uses up the original)."""
    return _shown_receipt(session, actor, sale_id, printing=False)


# -- deposits -----------------------------------------------------------------------------------


def record_deposit(
    session: Session,
    actor: Actor,
    *,
    deposited_on: date | None,
    amount: object,
    billing_code: object,
    ntpn: object,
    sale_ids: Collection[int],
    note: str | None = None,
) -> Deposit:
    """Record a deposit (*setoran*) to the state treasury covering ``sale_ids``.

    The billing code (15 digits) and NTPN (16 letters/digits) must be well formed and not used
    by an earlier deposit of the office; the sales must be this office's, not void, not yet
    deposited, above Rp0, and paid on or before the deposit day, which is not in the future;
    the amount must equal their total (an amount above the whole undeposited balance is
    refused as such). ``amount`` may be an int or the text typed ('125.000').
    """
    today = local_date(actor.now, queries.office_zone(session, actor.office_id))
    fields = _checked_deposit_fields(
        deposited_on, amount, billing_code, ntpn, sale_ids, note, today
    )
    sales = queries.lock_sales(session, actor.office_id, sale_ids)
    errors = {
        **_sales_to_deposit_problems(session, actor, sales, set(sale_ids), fields.deposited_on),
        **_deposit_amount_problems(session, actor, fields.amount, sum(s.total for s in sales)),
        **_used_reference_problems(session, actor, fields.billing_code, fields.ntpn),
    }
    if errors:
        raise InputError(errors)
    deposit = Deposit(
        office_id=actor.office_id,
        deposited_on=fields.deposited_on,
        amount=fields.amount,
        billing_code=fields.billing_code,
        ntpn=fields.ntpn,
        note=fields.note,
        treasurer_id=actor.user_id,
        created_at=actor.now,
    )
    session.add(deposit)
    session.flush()
    for sale in sales:
        sale.deposit_id = deposit.id
    record_audit(
        session,
        actor,
        "deposit.record",
        "deposit",
        deposit.id,
        after={
            "deposited_on": fields.deposited_on,
            "amount": fields.amount,
            "billing_code": fields.billing_code,
            "ntpn": fields.ntpn,
            "receipts": [sale.receipt_number for sale in sales],
        },
    )
    session.flush()
    return deposit


@dataclass(frozen=True)
class _DepositFields:
    deposited_on: date
    amount: int
    billing_code: str
    ntpn: str
    note: str | None


def _checked_deposit_fields(
    deposited_on: date | None,
    amount: object,
    billing_code: object,
    ntpn: object,
    sale_ids: Collection[int],
    note: str | None,
    today: date,
) -> _DepositFields:
    """The deposit form's own fields, checked before any sale is looked at."""
    errors: dict[str, str] = {}
    clean_code = clean_ntpn = ""
    clean_amount = 0
    try:
        clean_code = pnbp.validate_billing_code(billing_code)
    except InputError as error:
        errors.update(error.errors)
    try:
        clean_ntpn = pnbp.validate_ntpn(ntpn)
    except InputError as error:
        errors.update(error.errors)
    try:
        clean_amount = pnbp.parse_rupiah(amount, "amount")
        if clean_amount == 0:
            errors["amount"] = "Jumlah setoran harus lebih dari Rp 0."
    except InputError as error:
        errors.update(error.errors)
    if deposited_on is None:
        errors["deposited_on"] = "Tanggal setor wajib diisi."
    elif deposited_on > today:
        errors["deposited_on"] = "Tanggal setor tidak boleh setelah hari ini."
    if not sale_ids:
        errors["sale_ids"] = "Pilih kuitansi yang disetor."
    clean_note: str | None = None
    try:
        clean_note = optional_text("note", note, label="Catatan", limit=MAX_NOTE)
    except InputError as error:
        errors.update(error.errors)
    if errors or deposited_on is None:
        raise InputError(errors)
    return _DepositFields(deposited_on, clean_amount, clean_code, clean_ntpn, clean_note)


def _sales_to_deposit_problems(
    session: Session, actor: Actor, sales: Sequence[Sale], wanted: set[int], deposited_on: date
) -> dict[str, str]:
    zone = queries.office_zone(session, actor.office_id)
    problems: list[str] = []
    if missing := wanted - {sale.id for sale in sales}:
        problems.append(f"{len(missing)} kuitansi yang dipilih tidak ditemukan.")
    for sale in sales:
        number = sale.receipt_number
        paid_on = local_date(sale.paid_at, zone)
        if sale.voided_at is not None:
            problems.append(f"Kuitansi {number} sudah dibatalkan.")
        elif sale.deposit_id is not None:
            problems.append(f"Kuitansi {number} sudah disetor.")
        elif sale.imported:
            problems.append(f"Kuitansi {number} diimpor dari buku lama; tidak disetor di sini.")
        elif sale.total == 0:
            problems.append(f"Kuitansi {number} bertarif nol rupiah; tidak ada yang disetor.")
        elif paid_on > deposited_on:
            problems.append(
                f"Kuitansi {number} dibayar {format_day(paid_on)}, setelah tanggal setor."
            )
    return {"sale_ids": " ".join(problems)} if problems else {}


def _deposit_amount_problems(
    session: Session, actor: Actor, amount: int, selected: int
) -> dict[str, str]:
    balance = queries.undeposited_total(session, actor.office_id)
    if amount > balance:
        return {
            "amount": f"Jumlah setoran {format_rupiah(amount)} melebihi saldo yang belum "
            f"disetor ({format_rupiah(balance)})."
        }
    if amount != selected:
        return {
            "amount": f"Jumlah setoran {format_rupiah(amount)} tidak sama dengan jumlah "
            f"kuitansi yang dipilih ({format_rupiah(selected)})."
        }
    return {}


def _used_reference_problems(
    session: Session, actor: Actor, billing_code: str, ntpn: str
) -> dict[str, str]:
    """A billing code and an NTPN each identify one payment to the treasury: an earlier
    deposit of the office already holding either is a typing slip or a double entry."""
    errors: dict[str, str] = {}
    for earlier in queries.deposits_with_reference(session, actor.office_id, billing_code, ntpn):
        when = format_day(earlier.deposited_on)
        if earlier.billing_code == billing_code and "billing_code" not in errors:
            errors["billing_code"] = f"Kode billing ini sudah dipakai setoran tanggal {when}."
        if earlier.ntpn == ntpn and "ntpn" not in errors:
            errors["ntpn"] = f"NTPN ini sudah dipakai setoran tanggal {when}."
    return errors
