"""Storing past guest books: the checked rows of a file become imported visits, with their
visitors, data requests and purchases, all in the caller's one transaction.

An imported visit is ``imported=True``, done, admitted, and has no ``visit_step`` rows: it
counts in visitor, demographic, referral and revenue figures and never in step times. Its
code is Z-001, Z-002… of its day (``IMPORTED_CODE_LETTER``), a range the live desk never
reaches. Each carries ``import_key``, the fingerprint of its row, so a row imported before
is skipped: importing a file twice adds nothing the second time.

Visitors are matched as the live guest book does, by phone or email; a row without either
(or whose contact matches no one) is matched on the same name, institution and gender, when
the institution is given and the stored visitor's contact does not contradict the row's.
A matched visitor keeps what is stored; the row only fills fields still empty (old books
must not overwrite newer data). Otherwise a new visitor is created.

A referral names the directory agency (``referred_agency_id``) whose name the row writes,
ignoring case and punctuation: its full name, or for 'Badan Perencanaan Pembangunan Daerah
(Bappeda)' also 'Bappeda' or the name without the brackets; another name is kept as written.

A purchase becomes an imported sale (``Sale.imported``, no receipt sequence, no treasurer)
with one item of the amount and no tariff, paid at the visit's arrival. It keeps the receipt
number of the old books, or gets ``IMPOR/<office>/<yyyymmdd>/<visit number>`` when the file
has none. It never takes a number from the live receipt counter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dashboard.audit import Actor, record_audit
from dashboard.clock import local_date, utc_now
from dashboard.errors import FORM, InputError
from dashboard.i18n import format_number, format_rupiah
from dashboard.imports.guest_book_rows import (
    LOOKUP_FIELDS,
    GuestBookRow,
    ImportProblem,
    ParsedGuestBook,
    Vocabulary,
    arrival_moment,
    import_key,
    imported_code_number,
    imported_visit_code,
    parse_guest_book_file,
)
from dashboard.office.service_hours import office_flags_outside_hours
from dashboard.pnbp.rules import KIND_IMPORTED
from dashboard.roles import ADMIN
from dashboard.tabular_file import header_key
from dashboard.visits.guest_book import GuestBookEntry
from db.models import (
    VISIT_DONE,
    Agency,
    DataRequest,
    Office,
    Sale,
    SaleItem,
    Visit,
    Visitor,
)
from db.queries import guest_book_import as queries
from db.queries import offices
from db.reference_data import lookup_options

GUEST_BOOK_IMPORTERS: frozenset[str] = frozenset({ADMIN})
"""Who may check and import past guest books."""
PURCHASE_DESCRIPTION = "Pembelian publikasi (impor buku tamu)"
IMPORTED_PAYMENT_METHOD = "cash"
"""Old guest books do not say how a purchase was paid; PST sales were paid in cash."""
_FILLABLE = ("birth_year", "education", "occupation", "institution", "institution_type")
_FILLABLE_CONTACT = ("phone", "email")


@dataclass(frozen=True)
class NewRow:
    """A row of the file not imported before, with its ``Visit.import_key``."""

    row: GuestBookRow
    key: str


@dataclass(frozen=True)
class GuestBookCheck:
    """A file checked against the rules and the database: every problem (nothing may be
    imported while there is one), the rows new to the database, and how many are in already."""

    parsed: ParsedGuestBook
    problems: list[ImportProblem]
    new_rows: list[NewRow]
    existing: int
    vocabulary: Vocabulary
    """The choices the rows were matched against (their labels, for showing the rows)."""

    @property
    def new_sales(self) -> int:
        return sum(1 for new in self.new_rows if new.row.amount)

    @property
    def new_revenue(self) -> int:
        return sum(new.row.amount for new in self.new_rows)


@dataclass(frozen=True)
class GuestBookImportSummary:
    """What an import stored."""

    added: int
    existing: int
    new_visitors: int
    returning_visitors: int
    sales: int
    revenue: int


class GuestBookRejected(InputError):
    """The file has problems: nothing was imported. ``check`` lists every one."""

    def __init__(self, check: GuestBookCheck) -> None:
        super().__init__(
            {
                FORM: f"Impor dibatalkan: berkas memiliki {format_number(len(check.problems))} "
                "masalah. Perbaiki semuanya lalu periksa lagi; belum ada yang diimpor."
            }
        )
        self.check = check


def load_vocabulary(session: Session) -> Vocabulary:
    """The active choices of the forms, which a file's values are matched against."""
    return Vocabulary({kind: lookup_options(session, kind) for kind in LOOKUP_FIELDS.values()})


def office_today(office: Office, moment: datetime | None = None) -> date:
    return local_date(moment or utc_now(), ZoneInfo(office.timezone))


# -- checking -------------------------------------------------------------------------------


def _receipt_problems(
    session: Session, new_rows: Sequence[NewRow], column: str
) -> list[ImportProblem]:
    numbered = [new.row for new in new_rows if new.row.receipt_number]
    taken = queries.taken_receipt_numbers(session, {row.receipt_number or "" for row in numbered})
    return [
        ImportProblem(
            row.row,
            column,
            f"Nomor kuitansi {row.receipt_number} sudah ada di basis data; setiap kuitansi "
            "hanya boleh tercatat sekali.",
        )
        for row in numbered
        if row.receipt_number in taken
    ]


def check_guest_book(
    session: Session, office_id: int, filename: str, content: bytes, today: date | None = None
) -> GuestBookCheck:
    """Read and check a file against the rules and the database, storing nothing (the dry
    run). ``today`` is the office's date (default: now)."""
    office = offices.office(session, office_id)
    vocabulary = load_vocabulary(session)
    parsed = parse_guest_book_file(
        filename, content, vocabulary=vocabulary, today=today or office_today(office)
    )
    keyed = [NewRow(row, import_key(row, office.code)) for row in parsed.rows]
    existing = queries.imported_keys(session, {new.key for new in keyed})
    new_rows = [new for new in keyed if new.key not in existing]
    column = parsed.headers.get("receipt_number", "receipt_number")
    receipt_problems = _receipt_problems(session, new_rows, column)
    problems = sorted([*parsed.problems, *receipt_problems], key=lambda problem: problem.row)
    return GuestBookCheck(parsed, problems, new_rows, len(keyed) - len(new_rows), vocabulary)


# -- writing --------------------------------------------------------------------------------


def _identity(name: str, institution: str | None, gender: str) -> tuple[str, str, str] | None:
    """Who a visitor without a known contact is taken to be: the same name, institution and
    gender (case, spaces and punctuation ignored); None without an institution, when a
    name alone is too common to tell people apart."""
    if not institution:
        return None
    return header_key(name), header_key(institution), gender


class _VisitorDirectory:
    """The office's visitors, indexed once for the whole file, and kept up to date as rows
    add visitors and fill in their contacts."""

    def __init__(self, session: Session, actor: Actor, visitors: Iterable[Visitor]) -> None:
        self._session = session
        self._actor = actor
        self._by_phone: dict[str, Visitor] = {}
        self._by_email: dict[str, Visitor] = {}
        self._by_identity: dict[tuple[str, str, str], Visitor] = {}
        self.created = 0
        self.matched: set[int] = set()
        for visitor in visitors:  # least recently updated first: the newest one wins
            self._index(visitor)

    def _index(self, visitor: Visitor) -> None:
        if visitor.phone:
            self._by_phone[visitor.phone] = visitor
        if visitor.email:
            self._by_email[visitor.email] = visitor
        identity = _identity(visitor.name, visitor.institution, visitor.gender)
        if identity is not None:
            self._by_identity[identity] = visitor

    def _find(self, entry: GuestBookEntry) -> Visitor | None:
        by_contact = self._by_phone.get(entry.phone) if entry.phone else None
        if by_contact is None and entry.email:
            by_contact = self._by_email.get(entry.email)
        if by_contact is not None:
            return by_contact
        identity = _identity(entry.name, entry.institution, entry.gender)
        candidate = self._by_identity.get(identity) if identity else None
        if candidate is None:
            return None
        contradicts = any(
            getattr(entry, name) and getattr(candidate, name) not in (None, getattr(entry, name))
            for name in _FILLABLE_CONTACT
        )
        return None if contradicts else candidate

    def visitor_for(self, entry: GuestBookEntry) -> Visitor:
        visitor = self._find(entry)
        if visitor is None:
            visitor = Visitor(
                office_id=self._actor.office_id,
                created_at=self._actor.now,
                updated_at=self._actor.now,
                **vars(entry),
            )
            self._session.add(visitor)
            self.created += 1
        else:
            if visitor.id is not None:
                self.matched.add(visitor.id)
            self._fill(visitor, entry)
        self._index(visitor)
        return visitor

    def _fill(self, visitor: Visitor, entry: GuestBookEntry) -> None:
        changed = False
        for name in (*_FILLABLE, *_FILLABLE_CONTACT):
            value = getattr(entry, name)
            if value is not None and getattr(visitor, name) is None:
                setattr(visitor, name, value)
                changed = True
        if changed:
            visitor.updated_at = self._actor.now


def _agency_names(name: str) -> list[str]:
    """The names a file may use for a directory agency: its full name, and for a name with
    an abbreviation in brackets ('Badan Perencanaan Pembangunan Daerah (Bappeda)') also the
    name without it and the abbreviation alone."""
    names = [name]
    match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", name.strip())
    if match:
        names.extend(match.groups())
    return names


def _agency_index(agencies: Sequence[Agency]) -> dict[str, Agency]:
    """Agencies by their folded names (inactive first, so an active one of the same name
    wins; a full name wins over another agency's abbreviation)."""
    index: dict[str, Agency] = {}
    for agency in agencies:
        for name in _agency_names(agency.name)[1:]:
            index[header_key(name)] = agency
    for agency in agencies:
        index[header_key(agency.name)] = agency
    return index


def _next_codes(session: Session, office_id: int, days: Iterable[date]) -> dict[date, int]:
    """The last imported visit number already used on each day (0 when none)."""
    last: dict[date, int] = dict.fromkeys(days, 0)
    for day, code in queries.imported_codes_on(session, office_id, list(last)):
        number = imported_code_number(code)
        if number is not None:
            last[day] = max(last[day], number)
    return last


def _data_request(
    row: GuestBookRow, arrived_at: datetime, agencies: dict[str, Agency]
) -> DataRequest:
    agency = None
    if row.referred_agency:
        agency = agencies.get(header_key(row.referred_agency))
    return DataRequest(
        position=1,
        description=row.request,
        available=row.found,
        referred_agency=agency.name if agency else row.referred_agency,
        referred_agency_id=agency.id if agency else None,
        decided_at=arrived_at,
    )


def _sale(office: Office, visit: Visit, row: GuestBookRow, visitor: Visitor) -> Sale:
    number = row.receipt_number or (
        f"IMPOR/{office.code}/{row.visit_date:%Y%m%d}/{imported_code_number(visit.code)}"
    )
    return Sale(
        office_id=office.id,
        visit_id=visit.id,
        receipt_year=row.visit_date.year,
        receipt_sequence=None,
        receipt_number=number,
        imported=True,
        payer_name=visitor.name,
        payer_institution=row.visitor.institution,
        payment_method=IMPORTED_PAYMENT_METHOD,
        total=row.amount,
        treasurer_id=None,
        paid_at=visit.arrived_at,
        print_count=0,
        items=[
            SaleItem(
                tariff_id=None,
                publication_id=None,
                item_kind=KIND_IMPORTED,
                description=PURCHASE_DESCRIPTION,
                quantity=1,
                unit_price=row.amount,
                amount=row.amount,
            )
        ],
    )


def _flush(session: Session) -> None:
    """A row another import (or a sale) stored meanwhile refuses the whole file, as input."""
    try:
        session.flush()
    except IntegrityError as error:
        raise InputError.form(
            "Impor dibatalkan, tidak ada yang berubah: sebagian baris atau nomor kuitansinya "
            "baru saja tersimpan oleh proses lain. Periksa berkas sekali lagi, lalu impor."
        ) from error


def _write(
    session: Session, actor: Actor, office: Office, new_rows: Sequence[NewRow]
) -> tuple[int, int]:
    """Store the rows; returns (visitors created, stored visitors the rows matched)."""
    zone = ZoneInfo(office.timezone)
    visitors = _VisitorDirectory(session, actor, queries.office_visitors(session, office.id))
    agencies = _agency_index(list(queries.office_agencies(session, office.id)))
    last_code = _next_codes(session, office.id, {new.row.visit_date for new in new_rows})
    purchases: list[tuple[Visit, GuestBookRow, Visitor]] = []
    for new in new_rows:
        row = new.row
        arrived_at = arrival_moment(row, zone).astimezone(UTC)
        last_code[row.visit_date] += 1
        visitor = visitors.visitor_for(row.visitor)
        visit = Visit(
            office_id=office.id,
            visitor=visitor,
            visit_date=row.visit_date,
            code=imported_visit_code(last_code[row.visit_date]),
            arrived_at=arrived_at,
            admitted=True,
            service_type=row.service_type,
            status=VISIT_DONE,
            outside_service_hours=office_flags_outside_hours(office, arrived_at),
            imported=True,
            import_key=new.key,
            created_by_id=actor.user_id,
        )
        if row.request:
            visit.requests.append(_data_request(row, arrived_at, agencies))
        session.add(visit)
        if row.amount:
            purchases.append((visit, row, visitor))
    _flush(session)
    for visit, row, visitor in purchases:
        session.add(_sale(office, visit, row, visitor))
    _flush(session)
    return visitors.created, len(visitors.matched)


def import_guest_book(
    session: Session, actor: Actor, filename: str, content: bytes
) -> GuestBookImportSummary:
    """Check the file and store its new rows, all or nothing. Refused whole
    (``GuestBookRejected``, an ``InputError`` on the form; nothing changed) while the file
    has any problem. The office row stays locked until the transaction ends, so imports and
    live arrivals are numbered one after the other."""
    office = offices.lock_office(session, actor.office_id)
    check = check_guest_book(session, office.id, filename, content, office_today(office, actor.now))
    if check.problems:
        raise GuestBookRejected(check)
    if not check.parsed.rows:
        raise InputError.form("Tidak ada baris untuk diimpor.")
    created, returning = _write(session, actor, office, check.new_rows)
    summary = GuestBookImportSummary(
        added=len(check.new_rows),
        existing=check.existing,
        new_visitors=created,
        returning_visitors=returning,
        sales=check.new_sales,
        revenue=check.new_revenue,
    )
    record_audit(
        session,
        actor,
        "guest_book.import",
        "visit",
        None,
        after={"file": filename, **vars(summary)},
    )
    session.flush()
    return summary


# -- what the command line and the page say -------------------------------------------------


def problem_text(problem: ImportProblem) -> str:
    """'Baris 5, kolom “Tanggal”: …' (a problem of the whole file names no column)."""
    where = f"Baris {problem.row}"
    if problem.column:
        where += f", kolom “{problem.column}”"
    return f"{where}: {problem.message}"


def check_text(check: GuestBookCheck) -> str:
    """One line on a checked file: rejected with its problem count, or what an import adds."""
    if check.problems:
        return (
            f"Berkas ditolak: {format_number(len(check.problems))} masalah. Tidak ada yang diimpor."
        )
    rows = len(check.parsed.rows)
    text = (
        f"Berkas valid: {format_number(rows)} baris; {format_number(len(check.new_rows))} baru, "
        f"{format_number(check.existing)} sudah ada"
    )
    if check.new_sales:
        text += (
            f"; {format_number(check.new_sales)} pembelian baru senilai "
            f"{format_rupiah(check.new_revenue)}"
        )
    return text + "."


def summary_text(summary: GuestBookImportSummary) -> str:
    text = (
        f"Impor selesai: {format_number(summary.added)} baru, "
        f"{format_number(summary.existing)} sudah ada"
    )
    if summary.added:
        text += (
            f" ({format_number(summary.new_visitors)} pengunjung baru, "
            f"{format_number(summary.returning_visitors)} pengunjung lama"
        )
        if summary.sales:
            text += (
                f", {format_number(summary.sales)} pembelian senilai "
                f"{format_rupiah(summary.revenue)}"
            )
        text += ")"
    return text + "."
