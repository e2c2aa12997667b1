"""Importing past guest books on SQLite and PostgreSQL: imported visits (no steps, Z codes),
visitors found again, referrals matched to the directory, imported sales; a dry run and a
refused file change nothing; a file imported twice adds nothing the second time; and the
command line around it."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from dashboard.audit import Actor
from dashboard.cli import main
from dashboard.errors import InputError
from dashboard.imports.guest_book_import import (
    PURCHASE_DESCRIPTION,
    GuestBookCheck,
    GuestBookImportSummary,
    GuestBookRejected,
    check_guest_book,
    import_guest_book,
)
from dashboard.pnbp.rules import KIND_IMPORTED
from dashboard.pnbp.sales import record_deposit, void_sale
from db.models import (
    VISIT_DONE,
    Agency,
    AuditEvent,
    DataRequest,
    Sale,
    SaleItem,
    Visit,
    Visitor,
    VisitStep,
)
from db.queries.sales import undeposited_total
from tests.helpers.clock import at
from tests.helpers.database import PreparedDatabase

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_CSV = EXAMPLES / "buku-tamu-contoh.csv"
EXAMPLE_XLSX = EXAMPLES / "buku-tamu-contoh.xlsx"
NOW = at("2026-11-26 10:00")
HEADER = (
    "Tanggal;Jam;Nama;Jenis kelamin;Instansi;Pekerjaan;Pendidikan;Telepon;Jenis layanan;"
    "Data yang dicari;Ditemukan;Dinas rujukan;Jumlah pembelian;Nomor kuitansi"
)
COUNTED = (Visit, Visitor, VisitStep, DataRequest, Sale, SaleItem, AuditEvent)


def csv_file(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows, ""]).encode("utf-8")


def counts(db: PreparedDatabase) -> dict[str, int]:
    with db.database.reading() as session:
        return {
            table.__tablename__: session.scalar(select(func.count()).select_from(table)) or 0
            for table in COUNTED
        }


def do_import(
    db: PreparedDatabase, content: bytes, filename: str = "buku-tamu.csv"
) -> GuestBookImportSummary:
    with db.database.transaction() as session:
        return import_guest_book(session, Actor(None, db.office_id, NOW), filename, content)


def dry_run(
    db: PreparedDatabase, content: bytes, filename: str = "buku-tamu.csv"
) -> GuestBookCheck:
    with db.database.reading() as session:
        return check_guest_book(session, db.office_id, filename, content, NOW.date())


@dataclass(frozen=True)
class StoredVisit:
    visit: Visit
    visitor: Visitor
    requests: list[DataRequest]
    steps: int


def stored_visits(db: PreparedDatabase) -> dict[tuple[date, str], StoredVisit]:
    with db.database.reading() as session:
        visits = session.scalars(
            select(Visit)
            .where(Visit.office_id == db.office_id)
            .options(selectinload(Visit.visitor), selectinload(Visit.requests))
        ).all()
        counted = select(VisitStep.visit_id, func.count()).group_by(VisitStep.visit_id)
        steps = {visit_id: count for visit_id, count in session.execute(counted)}
        session.expunge_all()
    return {
        (visit.visit_date, visit.code): StoredVisit(
            visit, visit.visitor, list(visit.requests), steps.get(visit.id, 0)
        )
        for visit in visits
        if visit.visitor is not None
    }


def sales(db: PreparedDatabase) -> list[Sale]:
    with db.database.reading() as session:
        found = session.scalars(
            select(Sale).options(selectinload(Sale.items)).order_by(Sale.paid_at)
        ).all()
        session.expunge_all()
    return list(found)


def test_the_example_file_becomes_imported_visits(db: PreparedDatabase) -> None:
    summary = do_import(db, EXAMPLE_CSV.read_bytes(), EXAMPLE_CSV.name)
    assert summary == GuestBookImportSummary(
        added=11, existing=0, new_visitors=10, returning_visitors=0, sales=3, revenue=250_000
    )
    visits = stored_visits(db)
    assert len(visits) == 11
    for stored in visits.values():
        visit = stored.visit
        assert visit.imported and visit.import_key and len(visit.import_key) == 64
        assert (visit.status, visit.admitted, visit.left_at) == (VISIT_DONE, True, None)
        assert stored.steps == 0, "imported visits never count in step times"
        assert visit.code.startswith("Z-")
        assert visit.client_key is None and visit.rack_slot is None
    assert sorted(code for day, code in visits if day == date(2024, 1, 8)) == ["Z-001", "Z-002"]

    # The time of a row, or 09:00 WIB without one; the visit day is the row's date.
    first = visits[(date(2024, 1, 8), "Z-001")]
    assert first.visit.arrived_at == at("2024-01-08 09:12")
    assert (first.visitor.name, first.visitor.phone) == ("Rina Marlina", "081273451180")
    assert (first.visitor.education, first.visitor.occupation) == ("sma", "pelajar")
    budi = visits[(date(2024, 1, 9), "Z-002")]
    assert budi.visitor.name == "Budi Santoso"
    assert budi.visit.arrived_at == at("2024-01-09 09:00")
    assert not budi.visit.outside_service_hours

    # Rina came twice: one visitor, found again by her phone number.
    again = visits[(date(2024, 1, 11), "Z-001")]
    assert again.visitor.id == first.visitor.id

    # Referrals: matched to the directory when the name is there, kept as written otherwise.
    referred = {
        stored.visitor.name: stored.requests[0]
        for stored in visits.values()
        if stored.requests and stored.requests[0].available is False
    }
    assert set(referred) == {"Siti Nurhaliza", "Dewi Anggraini", "Yusuf Hidayat"}
    with db.database.reading() as session:
        agency_id = session.scalar(
            select(Agency.id).where(
                Agency.office_id == db.office_id, Agency.name == "Dinas Pendidikan"
            )
        )
    assert (
        referred["Siti Nurhaliza"].referred_agency_id,
        referred["Siti Nurhaliza"].referred_agency,
    ) == (
        agency_id,
        "Dinas Pendidikan",
    )
    assert referred["Yusuf Hidayat"].referred_agency_id is None
    assert referred["Yusuf Hidayat"].referred_agency == "Dinas Pertanian"
    assert all(request.decided_at is not None for request in referred.values())

    # Purchases: imported sales outside the live receipt numbering.
    stored_sales = sales(db)
    assert [sale.receipt_number for sale in stored_sales] == [
        "0012/KWT/2024",
        "0013/KWT/2024",
        "IMPOR/1603/20240116/1",
    ]
    for sale in stored_sales:
        assert sale.imported and sale.receipt_sequence is None and sale.treasurer_id is None
        assert sale.receipt_year == 2024 and sale.payment_method == "cash"
        [item] = sale.items
        assert (item.tariff_id, item.item_kind, item.description) == (
            None,
            KIND_IMPORTED,
            PURCHASE_DESCRIPTION,
        )
        assert item.quantity == 1 and item.unit_price == item.amount == sale.total
    assert [sale.total for sale in stored_sales] == [75_000, 150_000, 25_000]
    assert stored_sales[0].paid_at == budi.visit.arrived_at
    assert stored_sales[0].visit_id == budi.visit.id
    assert (stored_sales[0].payer_name, stored_sales[0].payer_institution) == (
        "Budi Santoso",
        "CV Lematang Jaya",
    )
    with db.database.reading() as session:
        audit = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "guest_book.import")
        ).one()
    assert '"added": 11' in (audit.after or "")


def test_importing_the_same_rows_again_adds_nothing(db: PreparedDatabase) -> None:
    do_import(db, EXAMPLE_CSV.read_bytes(), EXAMPLE_CSV.name)
    before = counts(db)
    for path in (EXAMPLE_XLSX, EXAMPLE_CSV):
        check = dry_run(db, path.read_bytes(), path.name)
        assert (len(check.new_rows), check.existing, check.problems) == (0, 11, [])
        summary = do_import(db, path.read_bytes(), path.name)
        assert (summary.added, summary.existing, summary.sales) == (0, 11, 0)
    after = counts(db)
    assert after == {**before, "audit_event": before["audit_event"] + 2}


def test_a_dry_run_writes_nothing(db: PreparedDatabase) -> None:
    before = counts(db)
    check = dry_run(db, EXAMPLE_XLSX.read_bytes(), EXAMPLE_XLSX.name)
    assert check.problems == [] and len(check.new_rows) == 11 and check.existing == 0
    assert (check.new_sales, check.new_revenue) == (3, 250_000)
    assert counts(db) == before


def test_a_refused_file_leaves_the_database_as_it_was(db: PreparedDatabase) -> None:
    do_import(db, csv_file("02/01/2025;09:00;Ani;P;;;;;Perpustakaan;Data A;ya;;;"))
    before = counts(db)
    content = csv_file(
        "03/01/2025;09:00;Budi;L;Unsri;Mahasiswa;S1;;Perpustakaan;Data B;ya;;25000;KW-77",
        "04/01/2025;09:00;Cici;P;;Petani;;;Astrologi;Data C;ya;;-5;",
        "bukan tanggal;;Dedi;L;;;;;Lainnya;;;;;",
        "05/01/2025;10:00;Eka;P;;;;;Lainnya;;;;;",
    )
    with pytest.raises(GuestBookRejected) as refused:
        do_import(db, content)
    rejected = refused.value.check
    assert {(problem.row, problem.column) for problem in rejected.problems} == {
        (3, "Pekerjaan"),
        (3, "Jenis layanan"),
        (3, "Jumlah pembelian"),
        (4, "Tanggal"),
    }
    assert "4 masalah" in refused.value.errors["_form"]
    assert counts(db) == before


def test_a_receipt_number_already_stored_is_a_problem(db: PreparedDatabase) -> None:
    do_import(db, EXAMPLE_CSV.read_bytes(), EXAMPLE_CSV.name)
    content = csv_file(
        "20/02/2024;10:00;Fajar;L;;;;;Penjualan;Publikasi;ya;;50000;0012/KWT/2024",
    )
    check = dry_run(db, content)
    [problem] = check.problems
    assert (problem.row, problem.column) == (2, "Nomor kuitansi")
    assert "0012/KWT/2024 sudah ada di basis data" in problem.message
    before = counts(db)
    with pytest.raises(InputError):
        do_import(db, content)
    assert counts(db) == before


def test_imported_codes_continue_on_a_day(db: PreparedDatabase) -> None:
    do_import(
        db,
        csv_file(
            "02/01/2025;10:00;Ani;P;;;;;Perpustakaan;;;;;",
            "02/01/2025;09:00;Budi;L;;;;;Perpustakaan;;;;;",
        ),
    )
    do_import(
        db,
        csv_file(
            "02/01/2025;09:00;Budi;L;;;;;Perpustakaan;;;;;",
            "02/01/2025;11:00;Cici;P;;;;;Lainnya;;;;;",
        ),
    )
    visits = stored_visits(db)
    names = {code: stored.visitor.name for (_day, code), stored in visits.items()}
    assert names == {"Z-001": "Ani", "Z-002": "Budi", "Z-003": "Cici"}


def _visitor(db: PreparedDatabase, **values: object) -> int:
    with db.database.transaction() as session:
        visitor = Visitor(office_id=db.office_id, created_at=NOW, updated_at=NOW, **values)
        session.add(visitor)
        session.flush()
        return visitor.id


def test_returning_visitors_are_found_and_keep_what_is_stored(db: PreparedDatabase) -> None:
    by_phone = _visitor(db, name="Rina M.", gender="P", phone="081234567890", education="s2")
    by_identity = _visitor(db, name="Ahmad Fauzi", gender="L", institution="Bappeda Muara Enim")
    other_phone = _visitor(db, name="Sari", gender="P", institution="Unsri", phone="081111111111")
    summary = do_import(
        db,
        csv_file(
            # The same phone written another way: found; education stays S2, occupation filled.
            "02/01/2025;09:00;Rina Marlina;P;Unsri;Mahasiswa;S1;+62 812-3456-7890;Perpustakaan;"
            ";;;;",
            # No contact: the same name, institution and gender (spelt differently).
            "02/01/2025;10:00;AHMAD  FAUZI;L;bappeda muara enim;PNS;;;Konsultasi;;;;;",
            # A name without an institution is not enough to be somebody already known.
            "03/01/2025;10:00;Ahmad Fauzi;L;;;;;Konsultasi;;;;;",
            # Same name and institution, but another phone: somebody else.
            "03/01/2025;11:00;Sari;P;Unsri;;;082222222222;Lainnya;;;;;",
        ),
    )
    assert (summary.new_visitors, summary.returning_visitors) == (2, 2)
    visits = stored_visits(db)
    who = {(day.day, stored.visit.code): stored.visitor for (day, _), stored in visits.items()}
    rina, ahmad, ahmad_again, sari = (
        who[(2, "Z-001")],
        who[(2, "Z-002")],
        who[(3, "Z-001")],
        who[(3, "Z-002")],
    )
    assert rina.id == by_phone
    assert (rina.name, rina.education, rina.occupation, rina.institution) == (
        "Rina M.",
        "s2",
        "pelajar",
        "Unsri",
    )
    assert ahmad.id == by_identity and ahmad.occupation == "asn"
    assert ahmad_again.id not in (by_identity, by_phone)
    assert sari.id != other_phone and sari.phone == "082222222222"


def _spellings_xlsx() -> bytes:
    """English and Indonesian headers in other spellings, and every form of date."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "NO.",
            "date",
            "TIME",
            "nama_lengkap",
            "Sex",
            "birth year",
            "Asal Instansi",
            "institution type",
            "Profesi",
            "Pendidikan Terakhir",
            "No. HP",
            "e-mail",
            "Tujuan",
            "Requested data",
            "Tersedia",
            "Dirujuk ke",
            "Nominal",
            "No. Kwitansi",
        ]
    )
    common = ["Instansi X", "Swasta", "Karyawan", "SMA", None, None, "Library", "Data"]
    dates: list[object] = [
        datetime(2025, 3, 3),
        45720,
        "5/3/2025",
        "2025-03-06",
        "7 Maret 2025",
        datetime(2025, 3, 10, 14, 5),
        "11-03-25",
    ]
    for number, cell in enumerate(dates, start=1):
        sheet.append([number, cell, None, f"Tamu {number}", "F", 1990, *common, "yes"])
    sheet.append(
        [
            8,
            date(2025, 3, 12),
            time(8, 40),
            "Tamu 8",
            "M",
            1980,
            *common,
            "no",
            "Dinas Sosial",
            "Rp 12.500",
            "KW-8",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_every_column_spelling_and_date_form(db: PreparedDatabase) -> None:
    summary = do_import(db, _spellings_xlsx(), "ejaan.xlsx")
    assert summary.added == 8
    visits = {stored.visitor.name: stored for stored in stored_visits(db).values()}
    days = {name: stored.visit.visit_date for name, stored in visits.items()}
    assert days == {f"Tamu {n}": date(2025, 3, 2 + n) for n in range(1, 6)} | {
        "Tamu 6": date(2025, 3, 10),
        "Tamu 7": date(2025, 3, 11),
        "Tamu 8": date(2025, 3, 12),
    }
    assert visits["Tamu 6"].visit.arrived_at == at("2025-03-10 14:05")
    assert visits["Tamu 8"].visit.arrived_at == at("2025-03-12 08:40")
    eight = visits["Tamu 8"]
    assert (eight.visitor.gender, eight.visitor.institution_type, eight.visitor.occupation) == (
        "L",
        "swasta",
        "swasta",
    )
    assert eight.visit.service_type == "perpustakaan"
    assert (eight.requests[0].available, eight.requests[0].referred_agency) == (
        False,
        "Dinas Sosial",
    )
    assert eight.requests[0].referred_agency_id is not None
    [sale] = sales(db)
    assert (sale.receipt_number, sale.total) == ("KW-8", 12_500)


def test_a_visit_on_a_weekend_is_flagged_outside_service_hours(db: PreparedDatabase) -> None:
    do_import(
        db,
        csv_file(
            "04/01/2025;10:00;Sabtu;L;;;;;Lainnya;;;;;",  # a Saturday
            "06/01/2025;16:30;Senin Sore;L;;;;;Lainnya;;;;;",  # after 15:30
            "06/01/2025;;Senin;L;;;;;Lainnya;;;;;",
        ),
    )
    flags = {
        stored.visitor.name: stored.visit.outside_service_hours
        for stored in stored_visits(db).values()
    }
    assert flags == {"Sabtu": True, "Senin Sore": True, "Senin": False}


# -- the command line -----------------------------------------------------------------------


def run(db: PreparedDatabase, *args: str) -> int:
    return main(["--database-url", db.database.url, "import", *args])


def test_the_command_line(
    db: PreparedDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, str(EXAMPLE_XLSX), "--check") == 0
    out = capsys.readouterr().out
    assert "Berkas valid: 11 baris; 11 baru, 0 sudah ada" in out
    assert "tidak ada yang diimpor" in out
    assert counts(db)["visit"] == 0

    assert run(db, str(EXAMPLE_XLSX)) == 0
    assert "Impor selesai: 11 baru, 0 sudah ada" in capsys.readouterr().out
    assert run(db, str(EXAMPLE_CSV)) == 0
    assert "Impor selesai: 0 baru, 11 sudah ada." in capsys.readouterr().out
    assert counts(db)["visit"] == 11

    bad = tmp_path / "salah.csv"
    bad.write_bytes(csv_file("31/02/2025;;Ani;X;;;;;Astrologi;;;;-1;"))
    for extra in (["--check"], []):
        assert run(db, str(bad), *extra) == 2
        captured = capsys.readouterr()
        lines = captured.err.splitlines()
        assert lines[:4] == [
            "Baris 2, kolom “Tanggal”: Tanggal “31/02/2025” tidak ada di kalender; tulis mis. "
            "26/11/2026 (hari/bulan/tahun) atau 2026-11-26.",
            "Baris 2, kolom “Jenis kelamin”: Jenis kelamin “X” tidak dikenal; tulis L/P, "
            "laki-laki/perempuan, male/female atau M/F.",
            "Baris 2, kolom “Jenis layanan”: Jenis layanan “Astrologi” tidak dikenal. Pilihan: "
            "Perpustakaan; Konsultasi statistik; Penjualan produk statistik; Rekomendasi "
            "kegiatan statistik; Lainnya.",
            "Baris 2, kolom “Jumlah pembelian”: Jumlah pembelian tidak boleh negatif.",
        ]
        assert lines[-1] == "Gagal: Berkas ditolak: 4 masalah. Tidak ada yang diimpor."
    assert counts(db)["visit"] == 11

    assert run(db, str(tmp_path / "tidak-ada.csv")) == 2
    assert "tidak dapat dibaca" in capsys.readouterr().err


def test_imported_sales_are_not_the_treasurers_to_deposit_or_void(db: PreparedDatabase) -> None:
    """Old books' money was settled back then: an imported sale counts as revenue but is not
    in the undeposited balance, and cannot be voided or deposited now."""
    do_import(db, EXAMPLE_CSV.read_bytes())
    imported = sales(db)
    assert imported and all(sale.imported for sale in imported)
    with db.database.reading() as session:
        assert undeposited_total(session, db.office_id) == 0
    actor = Actor(None, db.office_id, NOW)
    with pytest.raises(InputError, match="diimpor"), db.database.transaction() as session:
        void_sale(session, actor, imported[0].id, "Salah catat di buku lama")
    with pytest.raises(InputError), db.database.transaction() as session:
        record_deposit(
            session,
            actor,
            deposited_on=NOW.date(),
            amount=imported[0].total,
            billing_code="820261126000001",
            ntpn="0A1B2C3D4E5F6G7H",
            sale_ids=[imported[0].id],
            note=None,
        )
