"""What *Buku kas penerimaan* shows: the period asked for (a day or a month), the book's days
with their receipts and the sums the queries took (``db.queries.sales.receipts_book``), and
the XLSX export. Plain functions, no Dash."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from dashboard.errors import InputError
from dashboard.pnbp.books_export import books_filename, books_title, books_xlsx
from dashboard.pnbp.rules import parse_form_date
from db.queries import offices
from db.queries.sales import (
    BookRow,
    ReceiptsBook,
    deposits_between,
    receipts_book,
)

PERIOD_DAY = "day"
PERIOD_MONTH = "month"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    """One day of the receipts book: its receipts in the order paid, and its sums as the query
    took them (voided receipts listed, not counted)."""

    day: date
    rows: tuple[BookRow, ...]
    total: int
    receipts: int
    voided: int


def book_days(book: ReceiptsBook) -> list[BookDay]:
    """The book's days, each with its receipts."""
    return [
        BookDay(
            day=sums.day,
            rows=tuple(row for row in book.rows if row.day == sums.day),
            total=sums.total,
            receipts=sums.receipts,
            voided=sums.voided,
        )
        for sums in book.days
    ]


def load_book(session: Session, office_id: int, first: date, last: date) -> ReceiptsBook:
    return receipts_book(session, office_id, first, last)


@dataclass(frozen=True)
class BookFile:
    """The receipts book of a period as a workbook to download."""

    content: bytes
    filename: str
    media_type: str = XLSX_MEDIA_TYPE


def export_book(session: Session, office_id: int, first: date, last: date) -> BookFile:
    """The period's receipts book, with its deposits on a second sheet, as XLSX."""
    office = offices.office(session, office_id)
    content = books_xlsx(
        receipts_book(session, office_id, first, last),
        title=books_title(office.name, first, last),
        deposits=deposits_between(session, office_id, first, last),
    )
    return BookFile(content, books_filename(first, last))
