"""The app's rules, run over a whole database: what a generated (or imported, or repaired)
database must satisfy for every page to be right.

It reads the rows (``db.queries.demo_checker``) and applies the app's own rule functions:
the guest book validation (``dashboard.visits.guest_book``), screening
(``dashboard.visits.arrival.screen_visitor``), the SOP order of steps and its branches
(``dashboard.sop.step_after``), service hours (``dashboard.office.service_hours``), receipt
numbers (``dashboard.pnbp.rules.receipt_number``) and tariffs in force
(``dashboard.pnbp.rules.tariff_in_force_on``). It returns the violations found; an empty list
means the database holds nothing the app would have refused.

For a large database the visit checks can run on a sample of days (every visit of a day is
checked together, so the rack and table intervals of that day are complete); the treasurer's
books are always checked whole.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.clock import local_date
from dashboard.errors import InputError
from dashboard.office.service_hours import office_flags_outside_hours
from dashboard.pnbp import rules as pnbp
from dashboard.pnbp.receipt_numbers import receipt_number
from dashboard.visits.arrival import screen_visitor
from dashboard.visits.corrections import validate_correction
from dashboard.visits.guest_book import normalize_email, normalize_phone, validate_guest_book
from db.models import VISIT_DONE, VISIT_IN_PROGRESS, VISIT_REFUSED
from db.queries import demo_checker as stored
from db.queries.demo_checker import StoredVisit, TableRow

DEFAULT_FEVER_THRESHOLD = Decimal("37.5")


@dataclass(frozen=True)
class Violation:
    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.where}: {self.message}"


# -- visitors -----------------------------------------------------------------------------------


def check_visitors(session: Session, visitor_ids: Sequence[int] | None = None) -> list[Violation]:
    """Every stored visitor passes the guest book as the form would send it back."""
    violations = []
    for visitor in stored.visitors(session, visitor_ids):
        where = f"pengunjung {visitor.id} ({visitor.name})"
        try:
            entry = validate_guest_book(
                name=visitor.name,
                gender=visitor.gender,
                birth_year=visitor.birth_year,
                education=visitor.education,
                occupation=visitor.occupation,
                institution=visitor.institution,
                institution_type=visitor.institution_type,
                phone=visitor.phone,
                email=visitor.email,
                current_year=local_date(visitor.created_at).year,
            )
        except InputError as error:
            violations.append(Violation("buku tamu", where, str(error)))
            continue
        if entry.name != visitor.name or (
            visitor.phone and normalize_phone(visitor.phone) != visitor.phone
        ):
            violations.append(Violation("buku tamu", where, "nama/telepon tidak dinormalkan"))
        if visitor.email and normalize_email(visitor.email) != visitor.email:
            violations.append(Violation("buku tamu", where, "email tidak dinormalkan"))
    return violations


# -- visits and their steps --------------------------------------------------------------------


def _visit_where(visit: TableRow) -> str:
    return f"kunjungan {visit.id} ({visit.code}, {visit.visit_date})"


def _check_arrival(data: StoredVisit, office: TableRow, threshold: Decimal) -> list[Violation]:
    visit, steps = data.visit, data.steps
    where = _visit_where(visit)
    problems = []
    zone = ZoneInfo(office.timezone)
    if visit.visit_date != local_date(visit.arrived_at, zone):
        problems.append("tanggal kunjungan bukan hari kedatangan")
    if visit.imported:
        return []  # an old guest-book row: its own import rules, no steps, maybe no time
    if visit.outside_service_hours != office_flags_outside_hours(office, visit.arrived_at):
        problems.append("tanda di luar jam layanan tidak sesuai jam kedatangan")
    if steps and steps[0].started_at != visit.arrived_at:
        problems.append("langkah 1 tidak dimulai saat kedatangan")
    if visit.admitted is not None and visit.mask_worn is not None:
        temperature = visit.temperature_celsius
        result = screen_visitor(visit.mask_worn, Decimal(str(temperature)), threshold)
        if result.admitted != visit.admitted:
            problems.append("hasil skrining tidak sesuai masker/suhu")
        if not visit.admitted and visit.status != VISIT_REFUSED:
            problems.append("pengunjung ditolak tetapi kunjungan tidak berstatus ditolak")
    if visit.admitted and visit.status != VISIT_IN_PROGRESS and visit.visitor_id is None:
        problems.append("kunjungan selesai tanpa buku tamu")
    return [Violation("kedatangan", where, problem) for problem in problems]


def _expected_next(current: TableRow, data: StoredVisit) -> int | None:
    any_available = any(request.available for request in data.requests)
    return sop.step_after(current.step_number, any_data_available=any_available)


def _check_steps(data: StoredVisit) -> list[Violation]:
    """SOP order with its branches, and times: queued ≤ started ≤ ended, each step due
    when the one before ended, none overlapping."""
    visit, steps = data.visit, data.steps
    where = _visit_where(visit)
    problems: list[str] = []
    if not steps:
        return [] if visit.imported else [Violation("urutan SOP", where, "tanpa langkah")]
    if steps[0].step_number != sop.SCREENING:
        problems.append("langkah pertama bukan skrining")
    for before, after in itertools.pairwise(steps):
        expected = _expected_next(before, data)
        if after.step_number != expected:
            problems.append(
                f"langkah {after.step_number} setelah {before.step_number} (SOP: {expected})"
            )
        if before.ended_at is None:
            problems.append(
                f"langkah {before.step_number} belum selesai tetapi ada langkah berikutnya"
            )
        elif after.queued_at != before.ended_at:
            problems.append(
                f"langkah {after.step_number} tidak mulai ditunggu saat langkah sebelumnya selesai"
            )
        elif after.started_at is not None and after.started_at < before.ended_at:
            problems.append(f"langkah {after.step_number} tumpang tindih dengan langkah sebelumnya")
    for step in steps:
        if step.started_at is not None and step.started_at < step.queued_at:
            problems.append(f"langkah {step.step_number} dimulai sebelum ditunggu")
        if step.ended_at is not None and (
            step.started_at is None or step.ended_at < step.started_at
        ):
            problems.append(f"langkah {step.step_number} selesai sebelum dimulai")
        if sop.starts_immediately(step.step_number) and step.started_at != step.queued_at:
            problems.append(f"langkah {step.step_number} mestinya langsung dimulai")
    last = steps[-1]
    if visit.status == VISIT_DONE:
        if last.step_number != sop.BAG_RETURN or last.ended_at is None:
            problems.append("kunjungan selesai tanpa langkah 10 yang selesai")
        elif visit.left_at != last.ended_at:
            problems.append("waktu pulang tidak sama dengan selesainya langkah 10")
    elif visit.status == VISIT_REFUSED:
        if len(steps) != 1 or last.outcome != sop.OUTCOME_REFUSED:
            problems.append("kunjungan ditolak mestinya hanya punya langkah 1 'ditolak'")
    elif last.ended_at is not None:
        problems.append("kunjungan berjalan tanpa langkah yang terbuka")
    return [Violation("urutan SOP", where, problem) for problem in problems]


def _check_requests(data: StoredVisit) -> list[Violation]:
    visit = data.visit
    if visit.imported:
        return []
    where = _visit_where(visit)
    problems = []
    numbers = [step.step_number for step in data.steps]
    decided = sop.AVAILABILITY in numbers and data.steps[numbers.index(sop.AVAILABILITY)].ended_at
    if (
        sop.PURPOSE in numbers
        and data.steps[numbers.index(sop.PURPOSE)].ended_at
        and not data.requests
    ):
        problems.append("tujuan tercatat tanpa permintaan data")
    for request in data.requests:
        if decided and request.available is None:
            problems.append(f"permintaan {request.position} belum diputuskan setelah langkah 7")
        if request.available is False:
            if not (request.referred_agency or "").strip():
                problems.append(f"permintaan {request.position} tidak tersedia tanpa dinas rujukan")
            if data.picks.get(request.id):
                problems.append(f"permintaan {request.position} dirujuk tetapi punya publikasi")
    return [Violation("permintaan data", where, problem) for problem in problems]


def _intervals(
    datas: Iterable[StoredVisit], column: str, taken_at_step: int
) -> dict[tuple[int, int], list[tuple[datetime, datetime | None, str]]]:
    """(office, number) → when each visit held it: from the step that took it to leaving."""
    held: dict[tuple[int, int], list[tuple[datetime, datetime | None, str]]] = defaultdict(list)
    for data in datas:
        number = getattr(data.visit, column)
        if number is None:
            continue
        taken = next(
            (step.ended_at for step in data.steps if step.step_number == taken_at_step), None
        )
        if taken is None:
            continue
        held[(data.visit.office_id, number)].append(
            (taken, data.visit.left_at, _visit_where(data.visit))
        )
    return held


def _check_collisions(datas: Sequence[StoredVisit]) -> list[Violation]:
    """No rack slot or reading table held by two visits at once."""
    violations = []
    for column, step, noun in (
        ("rack_slot", sop.BAG_RACK, "rak"),
        ("reading_table", sop.READING_TABLE, "meja baca"),
    ):
        for (_, number), spans in _intervals(datas, column, step).items():
            spans.sort(key=lambda span: span[0])
            for (_, end, first), (start, _, second) in itertools.pairwise(spans):
                if end is None or start < end:
                    violations.append(
                        Violation("rak & meja", second, f"{noun} {number} masih dipakai {first}")
                    )
    return violations


def _sample_days(session: Session, sample_days: int | None, seed: int) -> list[tuple[int, date]]:
    days = stored.visit_days(session)
    if sample_days is None or sample_days >= len(days):
        return days
    return sorted(random.Random(seed).sample(days, sample_days))


def check_visits(
    session: Session,
    *,
    sample_days: int | None = None,
    seed: int = 0,
    fever_threshold: Decimal = DEFAULT_FEVER_THRESHOLD,
) -> list[Violation]:
    """Arrival, SOP order and times, requests, and rack/table intervals, for every visit (or
    every visit of ``sample_days`` days drawn at random), and the guest book of their
    visitors."""
    offices = stored.offices(session)
    violations: list[Violation] = []
    days = _sample_days(session, sample_days, seed)
    by_office: dict[int, list[date]] = defaultdict(list)
    for office_id, day in days:
        by_office[office_id].append(day)
    visitor_ids: set[int] = set()
    for office_id, office_days in by_office.items():
        for day_chunk in (
            office_days[start : start + 50] for start in range(0, len(office_days), 50)
        ):
            visit_ids = stored.visit_ids_on(session, office_id, day_chunk)
            datas = stored.stored_visits(session, visit_ids)
            for data in datas:
                violations += _check_arrival(data, offices[office_id], fever_threshold)
                violations += _check_steps(data)
                violations += _check_requests(data)
                if data.visit.visitor_id is not None:
                    visitor_ids.add(data.visit.visitor_id)
            violations += _check_collisions(datas)
    violations += check_visitors(session, sorted(visitor_ids))
    return violations


# -- the treasurer's books ---------------------------------------------------------------------


def _check_receipts(session: Session, offices: dict[int, TableRow]) -> list[Violation]:
    """Numbers gapless per office and year, printed as the real path prints them, and the
    counter at the last one."""
    violations = []
    sequences: dict[tuple[int, int], list[int]] = defaultdict(list)
    for row in stored.receipt_rows(session):
        office = offices[row.office_id]
        where = f"kuitansi {row.receipt_number}"
        if row.receipt_sequence is None:
            violations.append(Violation("nomor kuitansi", where, "tanpa nomor urut"))
            continue
        sequences[(row.office_id, row.receipt_year)].append(row.receipt_sequence)
        expected = receipt_number(row.receipt_sequence, office.code, row.receipt_year)
        if row.receipt_number != expected:
            violations.append(Violation("nomor kuitansi", where, f"mestinya {expected}"))
        if local_date(row.paid_at, ZoneInfo(office.timezone)).year != row.receipt_year:
            violations.append(Violation("nomor kuitansi", where, "tahun nomor bukan tahun bayar"))
    counters = stored.receipt_counters(session)
    for (office_id, year), numbers in sequences.items():
        where = f"kantor {offices[office_id].code} tahun {year}"
        if numbers != list(range(1, len(numbers) + 1)):
            missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
            violations.append(
                Violation(
                    "nomor kuitansi", where, f"nomor tidak urut/berlubang: hilang {missing[:10]}"
                )
            )
        if counters.get((office_id, year)) != len(numbers):
            violations.append(
                Violation(
                    "nomor kuitansi",
                    where,
                    f"penghitung {counters.get((office_id, year))}, kuitansi {len(numbers)}",
                )
            )
    return violations


def _check_amounts(session: Session, offices: dict[int, TableRow]) -> list[Violation]:
    """Item amount = unit price × quantity; unit price = the tariff in force that day unless
    zero-rupiah (then 0, with reason and letter); total = the sum of the items."""
    tariffs = stored.tariffs(session)
    sales = stored.recorded_sales(session)
    sums: dict[int, int] = defaultdict(int)
    violations = []
    for item in stored.sale_items(session):
        sale = sales.get(item.sale_id)
        if sale is None:
            continue
        where = f"kuitansi {sale.receipt_number}"
        sums[sale.id] += item.amount
        if item.amount != item.unit_price * item.quantity:
            violations.append(
                Violation("jumlah", where, f"baris {item.id}: jumlah ≠ harga × banyaknya")
            )
        if item.quantity <= 0:
            violations.append(
                Violation("jumlah", where, f"baris {item.id}: banyaknya tidak positif")
            )
        tariff = tariffs.get(item.tariff_id) if item.tariff_id is not None else None
        if tariff is None:
            violations.append(Violation("tarif", where, f"baris {item.id}: tanpa tarif"))
            continue
        day = local_date(sale.paid_at, ZoneInfo(offices[sale.office_id].timezone))
        if not pnbp.tariff_in_force_on(tariff.valid_from, tariff.valid_to, day):
            violations.append(
                Violation("tarif", where, f"baris {item.id}: tarif tidak berlaku {day}")
            )
        if tariff.item_kind != item.item_kind:
            violations.append(Violation("tarif", where, f"baris {item.id}: jenis ≠ jenis tarif"))
        zero = sale.zero_rupiah_reason is not None
        expected_price = 0 if zero else tariff.amount
        if item.unit_price != expected_price:
            violations.append(
                Violation(
                    "tarif",
                    where,
                    f"baris {item.id}: harga {item.unit_price} ≠ tarif {expected_price}",
                )
            )
    for sale in sales.values():
        where = f"kuitansi {sale.receipt_number}"
        if sale.total != sums.get(sale.id, 0):
            violations.append(
                Violation(
                    "jumlah", where, f"total {sale.total} ≠ jumlah baris {sums.get(sale.id, 0)}"
                )
            )
        if (sale.zero_rupiah_reason is None) != (sale.zero_rupiah_letter is None):
            violations.append(
                Violation("tarif nol", where, "alasan dan nomor surat harus keduanya ada")
            )
        if (
            sale.zero_rupiah_reason is not None
            and sale.zero_rupiah_reason not in pnbp.ZERO_RUPIAH_REASONS
        ):
            violations.append(Violation("tarif nol", where, "alasan tarif nol tidak dikenal"))
    return violations


def _check_stock(session: Session) -> list[Violation]:
    """The hardcopy stock never below zero: the stock now plus what was sold afterwards (less
    what voids put back) at every moment of the history."""
    changes: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
    for publication_id, quantity, paid_at, voided_at in stored.hardcopy_sales(
        session, pnbp.KIND_HARDCOPY
    ):
        changes[publication_id].append((paid_at, -quantity))
        if voided_at is not None:
            changes[publication_id].append((voided_at, quantity))
    stock = stored.hardcopy_stock(session)
    violations = []
    for publication_id, events in changes.items():
        events.sort()
        level = stock.get(publication_id, 0) - sum(change for _, change in events)
        for moment, change in events:
            level += change
            if level < 0:
                violations.append(
                    Violation("stok", f"publikasi {publication_id}", f"stok {level} pada {moment}")
                )
                break
    violations += [
        Violation("stok", f"publikasi {publication_id}", f"stok sekarang {value}")
        for publication_id, value in stock.items()
        if value < 0
    ]
    return violations


def _check_deposits(session: Session, offices: dict[int, TableRow]) -> list[Violation]:
    """A deposit's amount is the total of its sales, each non-void, above Rp0, of its office,
    paid on or before the deposit day."""
    totals: dict[int, int] = defaultdict(int)
    violations = []
    deposits = stored.deposits(session)
    for sale in stored.deposited_sales(session):
        deposit = deposits[sale.deposit_id]
        totals[deposit.id] += sale.total
        where = f"setoran {deposit.id} ({deposit.deposited_on})"
        paid_on = local_date(sale.paid_at, ZoneInfo(offices[sale.office_id].timezone))
        if sale.voided_at is not None:
            violations.append(Violation("setoran", where, f"kuitansi batal {sale.receipt_number}"))
        if sale.total <= 0:
            violations.append(
                Violation("setoran", where, f"kuitansi nol rupiah {sale.receipt_number}")
            )
        if sale.office_id != deposit.office_id:
            violations.append(
                Violation("setoran", where, f"kuitansi kantor lain {sale.receipt_number}")
            )
        if paid_on > deposit.deposited_on:
            violations.append(
                Violation("setoran", where, f"{sale.receipt_number} dibayar sesudahnya")
            )
    for deposit in deposits.values():
        if deposit.amount != totals.get(deposit.id, 0):
            violations.append(
                Violation(
                    "setoran",
                    f"setoran {deposit.id} ({deposit.deposited_on})",
                    f"jumlah {deposit.amount} ≠ total kuitansinya {totals.get(deposit.id, 0)}",
                )
            )
        try:
            pnbp.validate_billing_code(deposit.billing_code)
            pnbp.validate_ntpn(deposit.ntpn)
        except InputError as error:
            violations.append(Violation("setoran", f"setoran {deposit.id}", str(error)))
    return violations


def _check_purchases(session: Session) -> list[Violation]:
    """A visit's sale ends its step 9 "buys" at the moment of the receipt."""
    violations = []
    rows = stored.sales_with_visit_step(session, sop.PURCHASE_OFFER)
    for number, paid_at, outcome, ended_at in rows:
        if outcome != sop.OUTCOME_BUYS or ended_at != paid_at:
            violations.append(
                Violation(
                    "pembelian",
                    f"kuitansi {number}",
                    "langkah 9 kunjungannya tidak berakhir dengan kuitansi ini",
                )
            )
    return violations


def check_corrections(session: Session) -> list[Violation]:
    """Every stored time correction passes the correction form's rules (a known time, not
    after the moment it was made, a reason)."""
    violations = []
    for correction in stored.time_corrections(session):
        try:
            validate_correction(
                correction.field_name,
                correction.new_value,
                correction.reason,
                correction.corrected_at,
            )
        except InputError as error:
            where = f"koreksi {correction.id} (langkah {correction.visit_step_id})"
            violations.append(Violation("koreksi waktu", where, " ".join(error.errors.values())))
    return violations


def check_books(session: Session) -> list[Violation]:
    offices = stored.offices(session)
    return (
        _check_receipts(session, offices)
        + _check_amounts(session, offices)
        + _check_stock(session)
        + _check_deposits(session, offices)
        + _check_purchases(session)
    )


def check_database(
    session: Session,
    *,
    sample_days: int | None = None,
    seed: int = 0,
    fever_threshold: Decimal = DEFAULT_FEVER_THRESHOLD,
) -> list[Violation]:
    """Every rule above over the database (visits on ``sample_days`` random days when given)."""
    visits = check_visits(
        session, sample_days=sample_days, seed=seed, fever_threshold=fever_threshold
    )
    return visits + check_corrections(session) + check_books(session)
