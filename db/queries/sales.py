"""Queries of the PNBP books: tariffs, sales and their receipts, deposits, the balance not yet
deposited, and the receipt counter.

Days are the office's local (WIB) calendar days: a period of days becomes a range of UTC
moments in SQL, so the indexes on ``paid_at`` serve it. Sums and counts are taken in SQL:
PNBP revenue, the sum of the totals of the sales not voided, is defined once, in
``db.queries.revenue``, and read by every page, book, export and metric.

Reads hand rows (dataclasses) to the pages, never ORM objects; the ``lock_*`` queries serve the
services, which change what they lock inside their transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import ColumnElement

from db.models import (
    VISIT_IN_PROGRESS,
    DataRequest,
    DataRequestPublication,
    Deposit,
    Office,
    Publication,
    Sale,
    SaleItem,
    Tariff,
    Visit,
    Visitor,
    VisitStep,
)
from db.queries.metrics import local_day, offset_seconds
from db.queries.revenue import receipt_counts, revenue_amount

PURCHASE_STEP = 9
OUTCOME_BUYS = "buys"
"""Step 9 and its "buys" outcome (``dashboard.sop``; repeated here because db/ does not import
the domain package's rules)."""


# -- tariffs ------------------------------------------------------------------------------------


def _in_force(day: date) -> ColumnElement[bool]:
    return and_(Tariff.valid_from <= day, or_(Tariff.valid_to.is_(None), Tariff.valid_to >= day))


def tariffs_in_force(session: Session, office_id: int, day: date) -> list[Tariff]:
    """The office's tariffs valid on ``day``, by item kind and label."""
    return list(
        session.scalars(
            select(Tariff)
            .where(Tariff.office_id == office_id, _in_force(day))
            .order_by(Tariff.item_kind, Tariff.label, Tariff.id)
        )
    )


def all_tariffs(session: Session, office_id: int) -> list[Tariff]:
    """Every tariff of the office, newest validity first within each kind and label."""
    return list(
        session.scalars(
            select(Tariff)
            .where(Tariff.office_id == office_id)
            .order_by(Tariff.item_kind, Tariff.label, Tariff.valid_from.desc(), Tariff.id)
        )
    )


def tariffs_by_id(session: Session, office_id: int, ids: Collection[int]) -> dict[int, Tariff]:
    if not ids:
        return {}
    rows = session.scalars(
        select(Tariff).where(Tariff.office_id == office_id, Tariff.id.in_(sorted(set(ids))))
    )
    return {tariff.id: tariff for tariff in rows}


def overlapping_tariffs(
    session: Session,
    office_id: int,
    item_kind: str,
    label: str,
    valid_from: date,
    valid_to: date | None,
    except_id: int | None = None,
) -> list[Tariff]:
    """Tariffs of the same kind and label (case-insensitive) whose validity shares a day with
    ``valid_from`` … ``valid_to`` (None: open-ended)."""
    statement = select(Tariff).where(
        Tariff.office_id == office_id,
        Tariff.item_kind == item_kind,
        func.lower(Tariff.label) == label.lower(),
        or_(Tariff.valid_to.is_(None), Tariff.valid_to >= valid_from),
    )
    if valid_to is not None:
        statement = statement.where(Tariff.valid_from <= valid_to)
    if except_id is not None:
        statement = statement.where(Tariff.id != except_id)
    return list(session.scalars(statement.order_by(Tariff.valid_from)))


def last_use_of_tariff(session: Session, tariff_id: int) -> datetime | None:
    """When the latest sale (void or not) priced by this tariff was paid."""
    return session.scalar(
        select(func.max(Sale.paid_at))
        .join(SaleItem, SaleItem.sale_id == Sale.id)
        .where(SaleItem.tariff_id == tariff_id)
    )


# -- locks for writing -------------------------------------------------------------------------


def lock_publications(
    session: Session, office_id: int, ids: Collection[int]
) -> dict[int, Publication]:
    """The office's publications among ``ids``, locked (PostgreSQL) in id order so that two
    sales of the same titles never wait on each other crosswise."""
    if not ids:
        return {}
    rows = session.scalars(
        select(Publication)
        .where(Publication.office_id == office_id, Publication.id.in_(sorted(set(ids))))
        .order_by(Publication.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {publication.id: publication for publication in rows}


def lock_sale(session: Session, office_id: int, sale_id: int) -> Sale | None:
    """The office's sale, locked (PostgreSQL) for changing it, items loaded."""
    return session.scalar(
        select(Sale)
        .where(Sale.id == sale_id, Sale.office_id == office_id)
        .options(selectinload(Sale.items))
        .with_for_update(of=Sale)
        .execution_options(populate_existing=True)
    )


def lock_sales(session: Session, office_id: int, ids: Collection[int]) -> list[Sale]:
    """The office's sales among ``ids``, locked in id order."""
    if not ids:
        return []
    return list(
        session.scalars(
            select(Sale)
            .where(Sale.office_id == office_id, Sale.id.in_(sorted(set(ids))))
            .order_by(Sale.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    )


def deposits_with_reference(
    session: Session, office_id: int, billing_code: str, ntpn: str
) -> list[Deposit]:
    """Earlier deposits of the office with the same billing code or the same NTPN."""
    return list(
        session.scalars(
            select(Deposit)
            .where(
                Deposit.office_id == office_id,
                or_(Deposit.billing_code == billing_code, Deposit.ntpn == ntpn),
            )
            .order_by(Deposit.id)
        )
    )


# -- days in the office's time zone ------------------------------------------------------------


def office_zone(session: Session, office_id: int) -> ZoneInfo:
    name = session.scalar(select(Office.timezone).where(Office.id == office_id))
    if name is None:
        raise LookupError(f"office {office_id} does not exist")
    return ZoneInfo(name)


def day_bounds(first_day: date, last_day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC moments at which local day ``first_day`` begins and the day after
    ``last_day`` begins (the half-open range of the period)."""
    start = datetime.combine(first_day, time(0), zone)
    end = datetime.combine(last_day + timedelta(days=1), time(0), zone)
    return start, end


def _local_day(session: Session, column: ColumnElement[datetime], zone: ZoneInfo, day: date):  # type: ignore[no-untyped-def]
    """The SQL expression of a UTC moment's local calendar day in the office's zone (whose
    offset over the period starting ``day`` is fixed: Indonesia keeps no daylight saving)."""
    return local_day(session, column, offset_seconds(zone, day, day))


def _paid_in(start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(Sale.paid_at >= start, Sale.paid_at < end)


# -- sales ---------------------------------------------------------------------------------------

_BOOK_ORDER = (Sale.paid_at, Sale.receipt_year, Sale.receipt_sequence, Sale.id)
"""Receipts in the order they were paid (the book's order)."""


def sale_with_items(session: Session, office_id: int, sale_id: int) -> Sale | None:
    """One sale of the office, with its items (for the receipt and the sale's page)."""
    return session.scalar(
        select(Sale)
        .where(Sale.id == sale_id, Sale.office_id == office_id)
        .options(selectinload(Sale.items))
    )


def sales_between(session: Session, office_id: int, first_day: date, last_day: date) -> list[Sale]:
    """The office's sales (void ones too) paid on local days ``first_day`` … ``last_day``,
    in the order they were paid, with their items."""
    start, end = day_bounds(first_day, last_day, office_zone(session, office_id))
    return list(
        session.scalars(
            select(Sale)
            .where(Sale.office_id == office_id, _paid_in(start, end))
            .options(selectinload(Sale.items))
            .order_by(*_BOOK_ORDER)
        )
    )


def sales_of_visit(session: Session, visit_id: int) -> list[Sale]:
    return list(
        session.scalars(select(Sale).where(Sale.visit_id == visit_id).order_by(Sale.paid_at))
    )


def payer_text(name: str, institution: str | None) -> str:
    """'Siti Aminah (Universitas Sriwijaya)', or the name alone."""
    return f"{name} ({institution})" if institution else name


@dataclass(frozen=True)
class SaleRow:
    """A sale as the treasurer's pages list it."""

    sale_id: int
    receipt_number: str
    paid_at: datetime
    payer_name: str
    payer_institution: str | None
    visit_code: str | None
    """The daily code (A-017) of the visit it paid for; None for a walk-in buyer."""
    total: int
    payment_method: str
    zero_rupiah_reason: str | None
    voided_at: datetime | None
    void_reason: str | None
    deposited: bool
    imported: bool
    print_count: int

    @property
    def id(self) -> int:
        return self.sale_id

    @property
    def payer(self) -> str:
        return payer_text(self.payer_name, self.payer_institution)

    @property
    def voided(self) -> bool:
        return self.voided_at is not None


def _sale_rows(session: Session, office_id: int, *where: ColumnElement[bool]) -> list[SaleRow]:
    """The office's sales matching ``where`` as rows, in the order paid."""
    visit = and_(Visit.id == Sale.visit_id, Visit.office_id == office_id)
    rows = session.execute(
        select(
            Sale.id,
            Sale.receipt_number,
            Sale.paid_at,
            Sale.payer_name,
            Sale.payer_institution,
            Visit.code,
            Sale.total,
            Sale.payment_method,
            Sale.zero_rupiah_reason,
            Sale.voided_at,
            Sale.void_reason,
            Sale.deposit_id.is_not(None),
            Sale.imported,
            Sale.print_count,
        )
        .outerjoin(Visit, visit)
        .where(Sale.office_id == office_id, *where)
        .order_by(*_BOOK_ORDER)
    )
    return [SaleRow(*row) for row in rows]


def sale_rows_between(
    session: Session, office_id: int, first_day: date, last_day: date
) -> list[SaleRow]:
    """The office's sales (void ones too) paid on local days ``first_day`` … ``last_day``, in
    the order paid, with the code of the visit each paid for."""
    start, end = day_bounds(first_day, last_day, office_zone(session, office_id))
    return _sale_rows(session, office_id, _paid_in(start, end))


@dataclass(frozen=True)
class ReceiptTotal:
    """Receipts of a period in sum: receipts counted, receipts voided (listed, never counted)
    and the PNBP revenue (the totals of the receipts counted)."""

    receipts: int
    voided: int
    total: int


def receipt_total(
    session: Session, office_id: int, first_day: date, last_day: date
) -> ReceiptTotal:
    """The period's receipts summed, in SQL."""
    start, end = day_bounds(first_day, last_day, office_zone(session, office_id))
    receipts, voided, total = session.execute(
        select(*receipt_counts()).where(Sale.office_id == office_id, _paid_in(start, end))
    ).one()
    return ReceiptTotal(int(receipts), int(voided), int(total))


@dataclass(frozen=True)
class BookRow:
    """One receipt in the daily receipts book (*buku kas penerimaan*).

    ``running_total`` is the day's revenue so far, this row included; a voided receipt is
    shown with its amount but adds nothing to it.
    """

    day: date
    receipt_number: str
    payer: str
    description: str
    amount: int
    voided: bool
    running_total: int
    sale_id: int = 0


def items_text(items: Sequence[SaleItem]) -> str:
    """What a sale paid for, as one line: 'Statistik Daerah 2025 × 2; Cetak halaman × 10'."""
    return "; ".join(f"{item.description} × {item.quantity}" for item in items)


def daily_receipts_book(
    session: Session, office_id: int, first_day: date, last_day: date
) -> list[BookRow]:
    """Every receipt of the period, day by day in the order paid, with each day's running
    total (restarting every day), summed in SQL."""
    zone = office_zone(session, office_id)
    start, end = day_bounds(first_day, last_day, zone)
    day = _local_day(session, Sale.paid_at, zone, first_day)
    running = func.sum(revenue_amount()).over(
        partition_by=day, order_by=_BOOK_ORDER, rows=(None, 0)
    )
    rows = session.execute(
        select(Sale, day, running)
        .where(Sale.office_id == office_id, _paid_in(start, end))
        .options(selectinload(Sale.items))
        .order_by(*_BOOK_ORDER)
    )
    return [
        BookRow(
            day=_as_date(found),
            receipt_number=sale.receipt_number,
            payer=payer_text(sale.payer_name, sale.payer_institution),
            description=items_text(sale.items),
            amount=sale.total,
            voided=sale.voided_at is not None,
            running_total=int(so_far),
            sale_id=sale.id,
        )
        for sale, found, so_far in rows
    ]


@dataclass(frozen=True)
class DayTotal:
    """One day of the book in sum: receipts counted, receipts voided, money received."""

    day: date
    receipts: int
    voided: int
    total: int


def totals_per_day(
    session: Session, office_id: int, first_day: date, last_day: date
) -> list[DayTotal]:
    """The period's receipts summed per local day, in SQL (days without receipts omitted)."""
    zone = office_zone(session, office_id)
    start, end = day_bounds(first_day, last_day, zone)
    day = _local_day(session, Sale.paid_at, zone, first_day).label("day")
    rows = session.execute(
        select(day, *receipt_counts())
        .where(Sale.office_id == office_id, _paid_in(start, end))
        .group_by(day)
        .order_by(day)
    )
    return [
        DayTotal(_as_date(found), int(receipts), int(voided), int(total))
        for found, receipts, voided, total in rows
    ]


@dataclass(frozen=True)
class ReceiptsBook:
    """The receipts book of a period: its receipts, each day's sums and the period's."""

    rows: list[BookRow]
    days: list[DayTotal]
    total: ReceiptTotal


def receipts_book(
    session: Session, office_id: int, first_day: date, last_day: date
) -> ReceiptsBook:
    return ReceiptsBook(
        daily_receipts_book(session, office_id, first_day, last_day),
        totals_per_day(session, office_id, first_day, last_day),
        receipt_total(session, office_id, first_day, last_day),
    )


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


# -- the balance not yet deposited ------------------------------------------------------------


def _undeposited_filter(office_id: int) -> ColumnElement[bool]:
    """Sales whose money is still with the treasurer: recorded here (not imported from old
    books, whose money was settled back then), not void, not deposited, more than Rp0 (a
    zero-rupiah receipt brings nothing to deposit)."""
    return and_(
        Sale.office_id == office_id,
        Sale.imported.is_(False),
        Sale.voided_at.is_(None),
        Sale.deposit_id.is_(None),
        Sale.total > 0,
    )


@dataclass(frozen=True)
class Undeposited:
    """Money received and not yet deposited to the state treasury, and how long the oldest
    of it has waited (days from its payment day to ``today``; 0 when nothing waits)."""

    total: int
    count: int
    oldest_day: date | None
    age_days: int
    sales: list[SaleRow]


def undeposited(session: Session, office_id: int, today: date) -> Undeposited:
    """The undeposited balance as of now, with the sales it is made of (oldest first)."""
    total, count, oldest = session.execute(
        select(
            func.coalesce(func.sum(Sale.total), 0), func.count(Sale.id), func.min(Sale.paid_at)
        ).where(_undeposited_filter(office_id))
    ).one()
    sales = _sale_rows(session, office_id, _undeposited_filter(office_id))
    if oldest is None:
        return Undeposited(0, 0, None, 0, sales)
    # MIN() over a UTC column comes back naive on SQLite: it bypasses the column type.
    oldest_moment = oldest if isinstance(oldest, datetime) else datetime.fromisoformat(oldest)
    if oldest_moment.tzinfo is None:
        oldest_moment = oldest_moment.replace(tzinfo=UTC)
    oldest_day = oldest_moment.astimezone(office_zone(session, office_id)).date()
    return Undeposited(int(total), int(count), oldest_day, max(0, (today - oldest_day).days), sales)


def undeposited_total(session: Session, office_id: int) -> int:
    """The office's undeposited money, in SQL."""
    return int(
        session.scalar(
            select(func.coalesce(func.sum(Sale.total), 0)).where(_undeposited_filter(office_id))
        )
        or 0
    )


# -- deposits -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DepositRow:
    deposit_id: int
    deposited_on: date
    amount: int
    billing_code: str
    ntpn: str
    note: str | None
    receipts: int


def deposits_between(
    session: Session, office_id: int, first_day: date, last_day: date
) -> list[DepositRow]:
    """The office's deposits made on ``first_day`` … ``last_day`` with how many receipts each
    covers, newest first."""
    receipts = select(func.count(Sale.id)).where(Sale.deposit_id == Deposit.id).scalar_subquery()
    rows = session.execute(
        select(
            Deposit.id,
            Deposit.deposited_on,
            Deposit.amount,
            Deposit.billing_code,
            Deposit.ntpn,
            Deposit.note,
            receipts,
        )
        .where(
            Deposit.office_id == office_id,
            Deposit.deposited_on >= first_day,
            Deposit.deposited_on <= last_day,
        )
        .order_by(Deposit.deposited_on.desc(), Deposit.id.desc())
    )
    return [DepositRow(*row) for row in rows]


def sales_of_deposit(session: Session, deposit_id: int) -> list[Sale]:
    return list(
        session.scalars(
            select(Sale)
            .where(Sale.deposit_id == deposit_id)
            .order_by(Sale.receipt_year, Sale.receipt_sequence)
        )
    )


# -- visits at step 9 ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitingPayment:
    """A visitor who said yes to the purchase offer and waits for the treasurer; ``since`` is
    when step 9 (the offer) began, the start of the step's 10-minute target."""

    visit_id: int
    code: str
    visitor_name: str | None
    visitor_institution: str | None
    since: datetime


def visits_waiting_for_payment(session: Session, office_id: int) -> list[WaitingPayment]:
    """Open visits whose step 9 is open with the outcome 'buys', longest waiting first."""
    rows = session.execute(
        select(
            Visit.id,
            Visit.code,
            Visitor.name,
            Visitor.institution,
            func.coalesce(VisitStep.started_at, VisitStep.queued_at),
        )
        .join(VisitStep, VisitStep.visit_id == Visit.id)
        .outerjoin(Visitor, Visitor.id == Visit.visitor_id)
        .where(
            Visit.office_id == office_id,
            Visit.status == VISIT_IN_PROGRESS,
            VisitStep.step_number == PURCHASE_STEP,
            VisitStep.ended_at.is_(None),
            VisitStep.outcome == OUTCOME_BUYS,
        )
        .order_by(VisitStep.started_at, Visit.id)
    )
    return [WaitingPayment(*row) for row in rows]


@dataclass(frozen=True)
class VisitPublication:
    """A publication picked for one of the visit's requests (steps 6-7): what the visitor
    may want to buy."""

    publication_id: int
    title: str
    has_hardcopy: bool
    hardcopy_stock: int
    has_softcopy: bool


def publications_of_visit(session: Session, visit_id: int) -> list[VisitPublication]:
    columns = (
        Publication.id,
        Publication.title,
        Publication.has_hardcopy,
        Publication.hardcopy_stock,
        Publication.has_softcopy,
    )
    rows = session.execute(
        select(*columns)
        .join(DataRequestPublication, DataRequestPublication.publication_id == Publication.id)
        .join(DataRequest, DataRequest.id == DataRequestPublication.data_request_id)
        .where(DataRequest.visit_id == visit_id)
        .group_by(*columns)
        .order_by(func.min(DataRequest.position), Publication.id)
    )
    return [VisitPublication(*row) for row in rows]
