"""Catalog import and export on SQLite and PostgreSQL: a clean file adds and updates by
catalog number, a file with any problem changes nothing, and export → import gives back the
identical catalog.

Every test works in an office of its own (code 9813), emptied of publications first.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from dashboard.errors import InputError
from dashboard.library.catalog import validate_publication
from dashboard.library.catalog_io import (
    ImportSummary,
    ParsedCatalog,
    export_catalog,
    parse_catalog_file,
)
from dashboard.library.catalog_service import (
    add_publication,
    publication_input,
    search_columns,
    set_publication_retired,
)
from db.reference_data import OfficeSeed
from tests.helpers.clock import at
from tests.helpers.library import Library, LibrarySetup

TEST_OFFICE = OfficeSeed(code="9813", name="BPS Uji Impor", city="Uji")
NOW = at("2026-11-26 10:00")
YEAR = 2026
HEADER = "Nomor katalog;Judul;Tahun;Subjek;Wilayah;Hardcopy;Stok hardcopy;Lokasi rak;Softcopy"


LIBRARY = LibrarySetup(offices=[TEST_OFFICE], now=NOW, empty_agencies=False)


def parse(text: str, filename: str = "katalog.csv", encoding: str = "utf-8") -> ParsedCatalog:
    return parse_catalog_file(filename, text.encode(encoding), current_year=YEAR)


def rows(*lines: str) -> str:
    return "\n".join([HEADER, *lines]) + "\n"


def seed(library: Library) -> None:
    """Two entries the office already holds."""
    parsed = parse(
        rows(
            "1603-DDA-2024;Kabupaten Muara Enim Dalam Angka 2024;2024;wilayah;;ya;3;Rak A-1;ya",
            "1603-IKR-2023;Indikator Kesejahteraan Rakyat 2023;2023;sosial;;ya;2;Rak C-1;tidak",
        )
    )
    assert library.run_import(parsed) == ImportSummary(added=2, updated=0, unchanged=0)


def test_a_clean_file_adds_and_updates_by_catalog_number(library: Library) -> None:
    seed(library)
    parsed = parse(
        rows(
            "1603-dda-2024;Kabupaten Muara Enim Dalam Angka 2024;2024;wilayah;;ya;5;Rak A-2;ya",
            "1603-IKR-2023;Indikator Kesejahteraan Rakyat 2023;2023;sosial;;ya;2;Rak C-1;tidak",
            "1603-KDA-LUBAI-2024;Kecamatan Lubai Dalam Angka 2024;2024;wilayah;"
            "Kecamatan Lubai;tidak;;;ya",
        )
    )
    assert library.run_import(parsed, minutes=5) == ImportSummary(added=1, updated=1, unchanged=1)
    stored = {p.catalog_number: p for p in library.publications()}
    assert set(stored) == {"1603-DDA-2024", "1603-IKR-2023", "1603-KDA-LUBAI-2024"}
    dda = stored["1603-DDA-2024"]
    assert (dda.hardcopy_stock, dda.shelf_location, dda.updated_at, dda.created_at) == (
        5,
        "Rak A-2",
        NOW + timedelta(minutes=5),
        NOW,
    )
    assert stored["1603-IKR-2023"].updated_at == NOW
    lubai = stored["1603-KDA-LUBAI-2024"]
    data = publication_input(lubai)
    assert (lubai.search_title, lubai.search_subject, lubai.search_notes) == tuple(
        search_columns(data).values()
    )
    assert "lubai" in lubai.search_title.split()


def test_optional_columns_left_out_keep_their_values(library: Library) -> None:
    seed(library)
    stock_only = parse(
        "Nomor katalog,Judul,Tahun,Subjek,Hardcopy,Stok hardcopy,Softcopy\n"
        "1603-DDA-2024,Kabupaten Muara Enim Dalam Angka 2024,2024,wilayah,ya,7,ya\n"
        "1603-BARU-1,Publikasi baru,2025,harga,ya,1,tidak\n"
    )
    assert library.run_import(stock_only, minutes=1) == ImportSummary(1, 1, 0)
    shelves = {
        p.catalog_number: (p.hardcopy_stock, p.shelf_location) for p in library.publications()
    }
    assert shelves == {
        "1603-DDA-2024": (7, "Rak A-1"),
        "1603-IKR-2023": (2, "Rak C-1"),
        "1603-BARU-1": (1, None),
    }
    emptied = parse(
        rows("1603-DDA-2024;Kabupaten Muara Enim Dalam Angka 2024;2024;wilayah;;ya;7;;ya")
    )
    assert library.run_import(emptied, minutes=2) == ImportSummary(0, 1, 0)
    stored = {p.catalog_number: p.shelf_location for p in library.publications()}
    assert stored["1603-DDA-2024"] is None


BAD_FILES: dict[str, tuple[str, bytes, str]] = {
    "duplicate catalog numbers": (
        "k.csv",
        rows(
            "1603-X-1;Judul satu;2024;harga;;ya;1;;ya",
            "1603-x-1;Judul dua;2024;harga;;ya;1;;ya",
        ).encode(),
        "Nomor katalog 1603-X-1 ganda: sudah dipakai di baris 2.",
    ),
    "unknown subject": (
        "k.csv",
        rows("1603-X-1;Judul;2024;ekonomi;;ya;1;;ya").encode(),
        "Subjek 'ekonomi' tidak dikenal.",
    ),
    "unknown format": (
        "k.csv",
        rows("1603-X-1;Judul;2024;harga;;cetak;1;;ya").encode(),
        "Hardcopy (cetak): isian 'cetak' tidak dikenal; tulis ya atau tidak.",
    ),
    "negative stock": (
        "k.csv",
        rows("1603-X-1;Judul;2024;harga;;ya;-4;;ya").encode(),
        "Stok hardcopy tidak boleh negatif.",
    ),
    "wrong columns": (
        "k.csv",
        b"Kode;Nama publikasi;Tahun\n1603-X-1;Judul;2024\n",
        "Kolom tidak dikenal: “Kode”.",
    ),
    "wrong encoding": (
        "k.csv",
        rows("1603-X-1;Statistik Harga Café;2024;harga;;ya;1;;ya").encode("cp1252"),
        "Berkas bukan UTF-8",
    ),
    "empty file": ("k.csv", b"", "Berkas kosong"),
    "broken xlsx": ("k.xlsx", b"PK\x03\x04 bukan zip", "Berkas XLSX tidak dapat dibaca"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_and_changes_nothing(library: Library, case: str) -> None:
    seed(library)
    before, audits = library.snapshot(), library.audit_count()
    filename, content, message = BAD_FILES[case]
    parsed = parse_catalog_file(filename, content, current_year=YEAR)
    assert any(problem.message.startswith(message) for problem in parsed.problems), parsed
    with pytest.raises(InputError) as caught:
        library.run_import(parsed, minutes=5)
    assert caught.value.errors["_form"].startswith("Impor dibatalkan: berkas masih memiliki")
    assert library.snapshot() == before
    assert library.audit_count() == audits


def test_one_bad_row_among_good_ones_imports_nothing(library: Library) -> None:
    seed(library)
    before = library.snapshot()
    parsed = parse(
        rows(
            "1603-DDA-2024;Kabupaten Muara Enim Dalam Angka 2024;2024;wilayah;;ya;9;Rak Z;ya",
            "1603-NEW-1;Publikasi baru;2025;harga;;ya;1;;ya",
            "1603-NEW-2;Publikasi rusak;2025;harga;;ya;satu;;ya",
        )
    )
    assert len(parsed.rows) == 2
    with pytest.raises(InputError):
        library.run_import(parsed)
    assert library.snapshot() == before


def test_retired_column_retires_and_brings_back(library: Library) -> None:
    seed(library)
    parsed = parse(
        "Nomor katalog,Judul,Tahun,Subjek,Hardcopy,Stok hardcopy,Softcopy,Ditarik\n"
        "1603-DDA-2024,Kabupaten Muara Enim Dalam Angka 2024,2024,wilayah,ya,3,ya,ya\n"
        "1603-IKR-2023,Indikator Kesejahteraan Rakyat 2023,2023,sosial,ya,2,tidak,tidak\n"
    )
    assert library.run_import(parsed, minutes=1) == ImportSummary(0, 1, 1)
    retired = {p.catalog_number: p.retired_at for p in library.publications()}
    assert retired == {"1603-DDA-2024": NOW + timedelta(minutes=1), "1603-IKR-2023": None}
    back = parse(
        "Nomor katalog,Judul,Tahun,Subjek,Hardcopy,Stok hardcopy,Softcopy,Ditarik\n"
        "1603-DDA-2024,Kabupaten Muara Enim Dalam Angka 2024,2024,wilayah,ya,3,ya,tidak\n"
    )
    assert library.run_import(back, minutes=2) == ImportSummary(0, 1, 0)
    assert all(p.retired_at is None for p in library.publications())


def a_varied_catalog(library: Library) -> None:
    entries = [
        {
            "catalog_number": "1603-DDA-2024",
            "title": "Kabupaten Muara Enim Dalam Angka 2024",
            "year": 2024,
            "subject": "wilayah",
            "region": "Kabupaten Muara Enim",
            "isbn": "978-0-306-40615-7",
            "issn": "2049-3630",
            "has_hardcopy": True,
            "hardcopy_stock": 4,
            "shelf_location": "Rak A-1",
            "has_softcopy": True,
            "notes": 'Catatan dua baris;\nberisi "kutip", koma dan aksen: Pérak',
        },
        {
            "catalog_number": "0042",
            "title": "=Indeks Harga Konsumen",
            "year": 1945,
            "subject": "Harga dan Inflasi",
            "has_hardcopy": False,
            "has_softcopy": True,
        },
        {
            "catalog_number": "BPS.1603/PUB-2027",
            "title": "Proyeksi Penduduk 2020-2035",
            "year": 2027,
            "subject": "kependudukan",
            "isbn": "123456789X",
            "has_hardcopy": True,
            "hardcopy_stock": 0,
            "has_softcopy": False,
        },
    ]
    with library.prepared.database.transaction() as session:
        ids = [
            add_publication(
                session, library.actor(), validate_publication(raw, current_year=YEAR)
            ).id
            for raw in entries
        ]
        set_publication_retired(session, library.actor(), ids[2], True)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_gives_the_identical_catalog(library: Library, fmt: str) -> None:
    a_varied_catalog(library)
    original = library.catalog()
    content = export_catalog(library.publications(), fmt)  # type: ignore[arg-type]
    parsed = parse_catalog_file(f"katalog.{fmt}", content, current_year=YEAR)
    assert parsed.problems == []

    assert library.run_import(parsed, minutes=1) == ImportSummary(0, 0, 3)
    assert library.catalog() == original

    library.wipe()
    assert library.run_import(parsed, minutes=2) == ImportSummary(3, 0, 0)
    assert library.catalog() == original
