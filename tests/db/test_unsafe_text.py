"""Text that would break what is made from it later, on SQLite and PostgreSQL: a control
character typed or imported is refused with a message beside its field (nothing stored), and
rows already holding one (written straight into the table) no longer break the receipts book
or the catalog exports; the catalog CSV neutralises cells a spreadsheet would run as a
formula, and importing that CSV gives the same catalog back. A date that is no date is
refused, never read as "no date"."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from dashboard import sop
from dashboard.errors import FORM
from dashboard.library.catalog_admin_view import export_content
from dashboard.library.catalog_io import parse_catalog_file
from dashboard.pnbp import sales
from dashboard.pnbp.books_view import export_book
from dashboard.pnbp.rules import KIND_DIGITAL_DATA
from dashboard.pnbp.sales_view import looked_at_receipt_file
from dashboard.pnbp.tariffs_view import add_tariff_from_form, end_tariff_from_form
from dashboard.visits import services as visits
from db.models import Publication, Sale
from db.reference_data import OfficeSeed
from tests.helpers.clock import at
from tests.helpers.desk import Desk
from tests.helpers.desk import refused as refused_at_desk
from tests.helpers.library import Library, LibrarySetup
from tests.helpers.till import Till, book, refused, sale_input

CONTROL_CHARACTERS = ["\x00", "\x0b", "\x1f"]
CONTROL_MESSAGE = "karakter kendali"
LIBRARY = LibrarySetup(
    offices=[OfficeSeed(code="9815", name="BPS Uji Teks", city="Uji")], now=at("2026-11-26 09:00")
)
CATALOG_HEADER = "Nomor katalog;Judul;Tahun;Subjek;Hardcopy;Stok hardcopy;Softcopy"


def storable(characters: str, backend: str) -> str:
    """The characters a column of ``backend`` can hold: PostgreSQL text never holds NUL."""
    return characters.replace("\x00", "") if backend == "postgresql" else characters


# -- refused where they are typed or imported -------------------------------------------------


@pytest.mark.parametrize("character", CONTROL_CHARACTERS)
def test_a_payer_name_with_a_control_character_is_refused(till: Till, character: str) -> None:
    data = sale_input(book(till), payer_name=f"Siti{character}Aminah")
    refused(till, lambda s, a: sales.record_sale(s, a, data), "payer_name", CONTROL_MESSAGE)


@pytest.mark.parametrize("character", CONTROL_CHARACTERS)
def test_a_void_reason_with_a_control_character_is_refused(till: Till, character: str) -> None:
    sale_id = till.sell(book(till)).id
    refused(
        till,
        lambda s, a: sales.void_sale(s, a, sale_id, f"salah{character}input"),
        "void_reason",
        CONTROL_MESSAGE,
    )


@pytest.mark.parametrize("character", CONTROL_CHARACTERS)
def test_a_data_request_with_a_control_character_is_refused(desk: Desk, character: str) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURPOSE)
    refused_at_desk(
        desk,
        lambda s, a: visits.record_purpose(
            s, a, visit_id, "perpustakaan", [f"PDRB{character}2024"], ["perpustakaan"]
        ),
        "requests",
        CONTROL_MESSAGE,
    )


def test_a_very_long_step_note_is_refused(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.SEARCH)
    refused_at_desk(
        desk,
        lambda s, a: visits.finish_search(s, a, visit_id, "x" * 1_048_576),
        "note",
        "terlalu panjang",
    )


def test_a_client_key_longer_than_its_column_is_refused(desk: Desk) -> None:
    refused_at_desk(desk, lambda s, a: visits.start_visit(s, a, "k" * 65), FORM, "Kunci formulir")


@pytest.mark.parametrize("character", CONTROL_CHARACTERS)
def test_an_imported_catalog_title_with_a_control_character_is_refused(
    library: Library, character: str
) -> None:
    text = f"{CATALOG_HEADER}\n1603-UJI-1;Judul{character}Rusak;2024;wilayah;ya;1;tidak\n"
    parsed = parse_catalog_file("katalog.csv", text.encode(), current_year=2026)
    assert [(p.row, p.column) for p in parsed.problems] == [(2, "Judul")]
    assert CONTROL_MESSAGE in parsed.problems[0].message
    assert parsed.rows == []


# -- rows already stored no longer break the exports -----------------------------------------


def test_the_receipts_book_and_the_receipt_take_a_payer_holding_controls(till: Till) -> None:
    sale = till.sell(book(till))
    bad = storable("Siti\x00Ami\x0bnah\x1f", till.db.backend)
    with till.db.database.transaction() as session:
        session.execute(update(Sale).where(Sale.id == sale.id).values(payer_name=bad))
    day = till.now.date()
    with till.db.database.reading() as session:
        exported = export_book(session, till.office_id, day.replace(day=1), day)
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet is not None
    payers = [row[2] for row in sheet.iter_rows(min_row=5, values_only=True) if row[1]]
    shown = bad.translate(dict.fromkeys(map(ord, CONTROL_CHARACTERS), "\ufffd"))
    assert [payer for payer in payers if str(payer).startswith(shown)], payers
    with till.db.database.reading() as session:  # and the receipt itself
        receipt = looked_at_receipt_file(session, till.actor(), sale.id)
    assert receipt is not None and receipt.content.startswith(b"%PDF")


def stored_title(library: Library, title: str) -> int:
    """A publication whose title was written straight into the table (no rule checked it)."""
    publication_id = library.add_publication("Judul sementara")
    with library.prepared.database.transaction() as session:
        session.execute(
            update(Publication).where(Publication.id == publication_id).values(title=title)
        )
    return publication_id


def exported_titles(library: Library, fmt: str) -> list[object]:
    with library.prepared.database.reading() as session:
        content = export_content(session, library.office_id, fmt)  # type: ignore[arg-type]
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        assert sheet is not None
        return [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return [row[1] for row in rows[1:]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_catalog_exports_a_title_holding_control_characters(library: Library, fmt: str) -> None:
    stored_title(library, storable("Dalam\x00 Angka\x0b 2024\x1f", library.prepared.backend))
    [title] = exported_titles(library, fmt)
    assert "\ufffd" in str(title) and str(title).startswith("Dalam")
    assert not any(character in str(title) for character in CONTROL_CHARACTERS)


FORMULAS = ['=HYPERLINK("http://contoh")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def test_the_catalog_csv_neutralises_formulas_and_imports_back_the_same(library: Library) -> None:
    for title in FORMULAS:
        stored_title(library, title)
    with library.prepared.database.reading() as session:
        content = export_content(session, library.office_id, "csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert sorted(row[1] for row in rows[1:]) == sorted(f"'{title}" for title in FORMULAS)
    assert all(row[2] == "2024" for row in rows[1:])  # numbers stay numbers
    parsed = parse_catalog_file("katalog.csv", content, current_year=2026)
    assert parsed.problems == []
    assert sorted(row.title for row in parsed.rows) == sorted(t.strip() for t in FORMULAS)


def test_the_catalog_xlsx_keeps_formulas_as_text(library: Library) -> None:
    for title in FORMULAS[:4]:
        stored_title(library, title)
    with library.prepared.database.reading() as session:
        content = export_content(session, library.office_id, "xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert sorted(cell.value for cell in cells) == sorted(FORMULAS[:4])
    assert {cell.data_type for cell in cells} == {"s"}


# -- dates that are no dates ------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["31/12/2026", "2026-13-01", "kapan-kapan"])
def test_an_unreadable_tariff_end_date_is_refused_not_taken_for_none(
    till: Till, typed: str
) -> None:
    form = {
        "item_kind": KIND_DIGITAL_DATA,
        "label": "Tabulasi khusus",
        "unit": "berkas",
        "amount": "5.000",
        "valid_from": "2027-01-01",
        "valid_to": typed,
    }
    refused(till, lambda s, a: add_tariff_from_form(s, a, form), "valid_to", "bukan tanggal")
    refused(
        till,
        lambda s, a: end_tariff_from_form(s, a, till.hardcopy, typed),
        "valid_to",
        "bukan tanggal",
    )
