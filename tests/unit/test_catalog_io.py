"""Reading and checking catalog import files (CSV, XLSX) and writing exports, without a
database: every bad file gets problems naming the row and the column, and an export reads
back as the same entries."""

from __future__ import annotations

import io
from dataclasses import asdict

import pytest
from openpyxl import Workbook, load_workbook

from dashboard.library.catalog import PublicationInput
from dashboard.library.catalog_io import (
    CATALOG_COLUMNS,
    ImportProblem,
    ParsedCatalog,
    export_catalog,
    export_filename,
    parse_catalog_file,
)
from db.models import Publication

YEAR = 2026
HEADER = "Nomor katalog,Judul,Tahun,Subjek,Hardcopy,Stok hardcopy,Softcopy"
GOOD_ROW = "1603-DDA-2024,Kabupaten Muara Enim Dalam Angka 2024,2024,wilayah,ya,3,ya"


def parse(text: str, filename: str = "katalog.csv", encoding: str = "utf-8") -> ParsedCatalog:
    return parse_catalog_file(filename, text.encode(encoding), current_year=YEAR)


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_good_csv() -> None:
    parsed = parse(f"{HEADER}\n{GOOD_ROW}\n")
    assert parsed.problems == []
    assert parsed.rows == [
        PublicationInput(
            catalog_number="1603-DDA-2024",
            title="Kabupaten Muara Enim Dalam Angka 2024",
            year=2024,
            subject="wilayah",
            region=None,
            isbn=None,
            issn=None,
            has_hardcopy=True,
            hardcopy_stock=3,
            shelf_location=None,
            has_softcopy=True,
            notes=None,
        )
    ]
    assert parsed.retired == {}


def test_bom_semicolons_and_english_headers_in_any_case() -> None:
    text = (
        "\ufeffCATALOG_NUMBER; title ;Year;subject;has_hardcopy;hardcopy_stock;HAS_SOFTCOPY;"
        "shelf_location;Notes\r\n"
        '1603-STADA-2024;Statistik Daerah;2024;Wilayah dalam Angka;YES;2;no;Rak A-2;"a; b"\r\n'
    )
    parsed = parse(text)
    assert parsed.problems == []
    [row] = parsed.rows
    assert (row.catalog_number, row.subject, row.has_softcopy, row.shelf_location, row.notes) == (
        "1603-STADA-2024",
        "wilayah",
        False,
        "Rak A-2",
        "a; b",
    )


def test_snake_case_indonesian_headers() -> None:
    text = "nomor_katalog,judul,tahun,subjek,hardcopy,stok_hardcopy,softcopy,lokasi_rak\n"
    parsed = parse(text + "X-1,Judul,2020,harga,tidak,,ya,\n")
    assert parsed.problems == []
    assert parsed.rows[0].hardcopy_stock == 0


def test_wrong_encoding_is_named() -> None:
    parsed = parse(
        f"{HEADER}\n{GOOD_ROW}\n1603-X,Statistik Café,2024,harga,ya,1,ya\n", encoding="cp1252"
    )
    assert parsed.rows == []
    [problem] = parsed.problems
    assert problem.row == 3
    assert problem.column == ""
    assert problem.message.startswith("Berkas bukan UTF-8: ada huruf yang tidak terbaca di baris 3")


def test_utf16_is_not_utf8() -> None:
    parsed = parse_catalog_file("k.csv", f"{HEADER}\n".encode("utf-16"), current_year=YEAR)
    assert parsed.problems[0].message.startswith("Berkas bukan UTF-8")


@pytest.mark.parametrize(
    "content", [b"", b"\xef\xbb\xbf", b"  \r\n\r\n", b",,,\r\n,,,\r\n", b";;;\n"]
)
def test_an_empty_file(content: bytes) -> None:
    parsed = parse_catalog_file("k.csv", content, current_year=YEAR)
    assert parsed.problems == [
        ImportProblem(1, "", "Berkas kosong: tidak ada judul kolom maupun data.")
    ]


def test_an_empty_xlsx() -> None:
    parsed = parse_catalog_file("k.xlsx", xlsx([]), current_year=YEAR)
    assert parsed.problems == [
        ImportProblem(1, "", "Berkas kosong: tidak ada judul kolom maupun data.")
    ]


def test_header_without_rows() -> None:
    parsed = parse(HEADER + "\n")
    assert parsed.problems == [
        ImportProblem(1, "", "Berkas hanya berisi judul kolom, tanpa baris data.")
    ]


def test_missing_and_unknown_columns_are_named() -> None:
    text = "Nomor katalog,Judul,Tahun,Penerbit,Hardcopy,Softcopy,Judul\n"
    parsed = parse(text + "1603-A,Judul,2024,BPS,tidak,ya,Lagi\n")
    known = ", ".join(CATALOG_COLUMNS)
    assert parsed.problems == [
        ImportProblem(
            1, "Penerbit", f"Kolom tidak dikenal: “Penerbit”. Kolom yang dikenal: {known}."
        ),
        ImportProblem(1, "Judul", "Kolom “Judul” muncul dua kali (juga “Judul”)."),
        ImportProblem(1, "Subjek", "Kolom wajib tidak ada: “Subjek”."),
        ImportProblem(1, "Stok hardcopy", "Kolom wajib tidak ada: “Stok hardcopy”."),
    ]


def test_rows_are_still_checked_when_a_column_is_missing() -> None:
    text = "Nomor katalog,Judul,Tahun,Hardcopy,Stok hardcopy,Softcopy\n1603-A,,2024,ya,1,ya\n"
    problems = parse(text).problems
    assert ImportProblem(2, "Judul", "Judul wajib diisi.") in problems
    assert not [p for p in problems if p.row == 2 and p.column == "Subjek"]


def test_data_under_a_column_without_header() -> None:
    parsed = parse(f"{HEADER}\n{GOOD_ROW},lupa\n")
    assert parsed.problems == [
        ImportProblem(1, "kolom H", "Kolom H berisi data tetapi tidak berjudul.")
    ]


def test_every_bad_value_is_reported_with_row_and_column() -> None:
    text = "\n".join(
        [
            HEADER,
            GOOD_ROW,
            "1603-dda-2024,Duplikat,2024,wilayah,ya,1,ya",
            ",Tanpa nomor,1890,ekonomi,cetak,-3,ya",
            "",
            "1603-B,Tanpa format,2024,harga,tidak,0,tidak",
        ]
    )
    parsed = parse(text)
    assert [(p.row, p.column) for p in parsed.problems] == [
        (3, "Nomor katalog"),
        (4, "Nomor katalog"),
        (4, "Tahun"),
        (4, "Subjek"),
        (4, "Hardcopy"),
        (4, "Stok hardcopy"),
        (6, "Hardcopy"),
    ]
    messages = {(p.row, p.column): p.message for p in parsed.problems}
    assert messages[(3, "Nomor katalog")] == (
        "Nomor katalog 1603-DDA-2024 ganda: sudah dipakai di baris 2."
    )
    assert messages[(4, "Subjek")].startswith("Subjek 'ekonomi' tidak dikenal.")
    assert messages[(4, "Hardcopy")] == (
        "Hardcopy (cetak): isian 'cetak' tidak dikenal; tulis ya atau tidak."
    )
    assert messages[(4, "Stok hardcopy")] == "Stok hardcopy tidak boleh negatif."
    assert messages[(6, "Hardcopy")] == "Pilih paling sedikit satu format: hardcopy atau softcopy."


def test_a_quoted_line_break_stays_in_its_row() -> None:
    text = f'{HEADER},Catatan\n{GOOD_ROW},"baris satu\nbaris dua"\n1603-B,,2024,harga,ya,1,ya,\n'
    parsed = parse(text)
    assert parsed.rows[0].notes == "baris satu\nbaris dua"
    assert parsed.problems == [ImportProblem(3, "Judul", "Judul wajib diisi.")]


def test_retired_column_is_read() -> None:
    text = f"{HEADER},Ditarik\n{GOOD_ROW},ya\n1603-B,Judul,2024,harga,ya,1,ya,tidak\n"
    assert parse(text).retired == {"1603-DDA-2024": True, "1603-B": False}
    bad = parse(f"{HEADER},Ditarik\n{GOOD_ROW},kadang\n")
    assert bad.problems == [
        ImportProblem(2, "Ditarik", "Isian tidak dikenal; tulis ya atau tidak.")
    ]


def test_xlsx_with_numeric_and_boolean_cells() -> None:
    content = xlsx(
        [
            [
                "Nomor Katalog",
                "Judul",
                "Tahun",
                "Subjek",
                "Hardcopy",
                "Stok Hardcopy",
                "Softcopy",
                "ISBN",
            ],
            [
                1603,
                "Statistik Daerah",
                2024.0,
                "Wilayah dalam Angka",
                True,
                2.0,
                False,
                9780306406157,
            ],
            ["1603-B", "PDRB", 2023, "neraca", 1, 0, 1, None],
            [None, None, None, None, None, None, None, None],
        ]
    )
    parsed = parse_catalog_file("katalog.xlsx", content, current_year=YEAR)
    assert parsed.problems == []
    first, second = parsed.rows
    assert (first.catalog_number, first.year, first.hardcopy_stock, first.isbn) == (
        "1603",
        2024,
        2,
        "9780306406157",
    )
    assert (first.has_hardcopy, first.has_softcopy, second.has_hardcopy) == (True, False, True)


def test_xlsx_problems_use_spreadsheet_rows() -> None:
    content = xlsx(
        [
            ["Nomor katalog", "Judul", "Tahun", "Subjek", "Hardcopy", "Stok hardcopy", "Softcopy"],
            ["A", "Judul", 2024, "harga", "ya", -1, "ya"],
        ]
    )
    parsed = parse_catalog_file("k.xlsx", content, current_year=YEAR)
    assert parsed.problems == [
        ImportProblem(2, "Stok hardcopy", "Stok hardcopy tidak boleh negatif.")
    ]


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("k.xlsx", b"bukan excel", "Berkas XLSX tidak dapat dibaca"),
        ("k.xlsx", b"PK\x03\x04rusak", "Berkas XLSX tidak dapat dibaca"),
        ("k.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Format Excel lama (.xls) tidak didukung"),
    ],
)
def test_unreadable_spreadsheets(filename: str, content: bytes, message: str) -> None:
    [problem] = parse_catalog_file(filename, content, current_year=YEAR).problems
    assert problem.message.startswith(message)


def publications() -> list[Publication]:
    entries = [
        PublicationInput(
            catalog_number="1603-DDA-2024",
            title='=Kabupaten "Muara Enim", Dalam Angka; 2024',
            year=2024,
            subject="wilayah",
            region="Kabupaten Muara Enim",
            isbn="978-0-306-40615-7",
            issn="2049-3630",
            has_hardcopy=True,
            hardcopy_stock=4,
            shelf_location="Rak A-1",
            has_softcopy=True,
            notes="Baris satu\nbaris dua – dengan aksen: é",
        ),
        PublicationInput(
            catalog_number="0001",
            title="Indeks Harga Konsumen",
            year=1999,
            subject="harga",
            region=None,
            isbn=None,
            issn=None,
            has_hardcopy=False,
            hardcopy_stock=0,
            shelf_location=None,
            has_softcopy=True,
            notes=None,
        ),
    ]
    return [Publication(**asdict(entry)) for entry in entries]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_reads_back_as_the_same_entries(fmt: str) -> None:
    source = publications()
    content = export_catalog(source, fmt)  # type: ignore[arg-type]
    parsed = parse_catalog_file(f"ekspor.{fmt}", content, current_year=YEAR)
    assert parsed.problems == []
    assert [asdict(row) for row in parsed.rows] == [
        {name: getattr(publication, name) for name in asdict(row)}
        for publication, row in zip(source, parsed.rows, strict=True)
    ]
    assert parsed.retired == {"1603-DDA-2024": False, "0001": False}


def test_csv_export_is_utf8_with_bom_and_indonesian_headers() -> None:
    content = export_catalog(publications(), "csv")
    assert content.startswith(b"\xef\xbb\xbf" + ",".join(CATALOG_COLUMNS).encode())
    assert "ya,4,Rak A-1,ya" in content.decode("utf-8-sig")


def test_xlsx_export_keeps_text_as_text() -> None:
    content = export_catalog(publications(), "xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet[1]] == list(CATALOG_COLUMNS)
    title = sheet["B2"]
    assert (title.value, title.data_type) == ('=Kabupaten "Muara Enim", Dalam Angka; 2024', "s")
    assert sheet["A3"].value == "0001"
    assert sheet["C2"].value == 2024


def test_an_empty_export_is_a_template() -> None:
    parsed = parse_catalog_file("t.csv", export_catalog([], "csv"), current_year=YEAR)
    assert parsed.problems == [
        ImportProblem(1, "", "Berkas hanya berisi judul kolom, tanpa baris data.")
    ]


def test_export_filename() -> None:
    from datetime import date

    assert export_filename("xlsx", date(2026, 11, 26)) == "katalog-pst-2026-11-26.xlsx"
