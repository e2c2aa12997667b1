"""Reading and checking past guest-book files (CSV, XLSX) without a database: every column
spelling and date form is understood, every bad value is reported with its row and column,
and the page's shaping of a check and an import."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook

from callbacks.common import Outcome
from callbacks.guest_book_import import check_outputs, import_outputs
from dashboard.errors import FORM
from dashboard.imports.guest_book_import import (
    GuestBookCheck,
    GuestBookImportSummary,
    NewRow,
    check_text,
    problem_text,
    summary_text,
)
from dashboard.imports.guest_book_import_view import (
    STATUS_EXISTING,
    STATUS_NEW,
    preview_record,
)
from dashboard.imports.guest_book_rows import (
    COLUMN_NOTES,
    COLUMN_SET,
    COLUMNS,
    DEFAULT_TIME,
    GuestBookRow,
    ParsedGuestBook,
    Vocabulary,
    arrival_moment,
    import_key,
    imported_code_number,
    imported_visit_code,
    parse_amount,
    parse_date,
    parse_guest_book_file,
    parse_time,
)
from dashboard.tabular_file import ImportProblem
from dashboard.visits.guest_book import GuestBookEntry
from db.reference_data import LOOKUP_OPTIONS

TODAY = date(2026, 11, 26)
VOCABULARY = Vocabulary(LOOKUP_OPTIONS)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HEADER = (
    "Tanggal,Jam,Nama,Jenis kelamin,Instansi,Pekerjaan,Pendidikan,Jenis layanan,"
    "Data yang dicari,Ditemukan,Dinas rujukan"
)
GOOD = "26/11/2025,09:15,Rina Marlina,P,Universitas Sriwijaya,Mahasiswa,S1,Perpustakaan,PDRB,ya,"


def parse(text: str, filename: str = "buku-tamu.csv") -> ParsedGuestBook:
    return parse_guest_book_file(filename, text.encode("utf-8"), vocabulary=VOCABULARY, today=TODAY)


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def messages(parsed: ParsedGuestBook) -> list[tuple[int, str, str]]:
    return [(problem.row, problem.column, problem.message) for problem in parsed.problems]


# -- columns --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "name"),
    [(column.field, name) for column in COLUMNS for name in (column.header, *column.aliases)],
)
def test_every_column_name_is_understood(field: str, name: str) -> None:
    for spelling in (name, name.upper(), f"  {name.title()} ", name.replace(" ", "_")):
        column = COLUMN_SET.find(spelling)
        assert column is not None and column.field == field, spelling


def test_every_column_is_documented() -> None:
    assert set(COLUMN_NOTES) == {column.field for column in COLUMNS}
    required = {column.header for column in COLUMNS if column.required}
    assert required == {
        "Tanggal",
        "Nama",
        "Jenis kelamin",
        "Instansi",
        "Pekerjaan",
        "Pendidikan",
        "Jenis layanan",
        "Data yang dicari",
        "Ditemukan",
        "Dinas rujukan",
    }


def test_a_good_csv() -> None:
    parsed = parse(f"{HEADER}\n{GOOD}\n")
    assert parsed.problems == []
    [row] = parsed.rows
    assert row == GuestBookRow(
        row=2,
        visit_date=date(2025, 11, 26),
        visit_time=time(9, 15),
        visitor=GuestBookEntry(
            name="Rina Marlina",
            gender="P",
            birth_year=None,
            education="s1",
            occupation="pelajar",
            institution="Universitas Sriwijaya",
            institution_type=None,
            phone=None,
            email=None,
        ),
        service_type="perpustakaan",
        request="PDRB",
        found=True,
        referred_agency=None,
        amount=0,
        receipt_number=None,
    )


def test_english_headers_semicolons_and_ignored_columns() -> None:
    text = (
        "\ufeffNo.;DATE;time;Full Name;Sex;Birth_Year;Institution;Institution Type;Job;"
        "Education;Phone Number;E-mail;Purpose;Request;Available;Referred to;Amount;"
        "Receipt No;Tanda tangan\r\n"
        "1;2025-03-04;10.05 WIB;Ahmad Fauzi;male;1985;Bappeda;Government;PNS;Magister;"
        "+62 812-3456-7890;AHMAD@Example.go.id;Consultation;Metode PDRB;no;Bappeda Provinsi;"
        "Rp 25.000;KW-01;(ttd)\r\n"
    )
    parsed = parse(text)
    assert parsed.problems == []
    [row] = parsed.rows
    assert (row.visit_date, row.visit_time) == (date(2025, 3, 4), time(10, 5))
    visitor = row.visitor
    assert (visitor.gender, visitor.birth_year, visitor.occupation, visitor.education) == (
        "L",
        1985,
        "asn",
        "s2",
    )
    assert (visitor.institution_type, visitor.phone, visitor.email) == (
        "pemerintah",
        "081234567890",
        "ahmad@example.go.id",
    )
    assert (row.service_type, row.found, row.referred_agency) == (
        "konsultasi",
        False,
        "Bappeda Provinsi",
    )
    assert (row.amount, row.receipt_number) == (25_000, "KW-01")


def test_unknown_duplicate_and_missing_columns_are_named() -> None:
    parsed = parse("Tanggal,Nama,Nama pengunjung,Hobi,Jenis kelamin\n26/11/2025,A,B,C,L\n")
    problems = messages(parsed)
    assert (1, "Nama pengunjung", "Kolom “Nama pengunjung” muncul dua kali (juga “Nama”).") in (
        problems
    )
    assert any(
        row == 1 and column == "Hobi" and "tidak dikenal" in text for row, column, text in problems
    )
    missing = {column for row, column, text in problems if text.startswith("Kolom wajib")}
    assert missing == {
        "Instansi",
        "Pekerjaan",
        "Pendidikan",
        "Jenis layanan",
        "Data yang dicari",
        "Ditemukan",
        "Dinas rujukan",
    }
    # A missing column is reported once, not again on every row.
    assert not [
        problem for problem in problems if problem[0] == 2 and "Jenis layanan" in problem[1]
    ]


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "buku.csv", "Berkas kosong"),
        (b"   \n\n", "buku.csv", "Berkas kosong"),
        (b"PK\x03\x04 not really a workbook", "buku.xlsx", "XLSX tidak dapat dibaca"),
        (b"\xd0\xcf\x11\xe0 old excel", "buku.xls", "Format Excel lama"),
        ("Nama;Tanggal\nBudi;26/11/2025\n".encode("utf-16"), "buku.csv", "bukan UTF-8"),
    ],
)
def test_empty_and_unreadable_files(content: bytes, filename: str, message: str) -> None:
    parsed = parse_guest_book_file(filename, content, vocabulary=VOCABULARY, today=TODAY)
    assert parsed.rows == []
    assert len(parsed.problems) == 1 and message in parsed.problems[0].message


def test_header_without_rows() -> None:
    parsed = parse(f"{HEADER}\n")
    assert [problem.message for problem in parsed.problems] == [
        "Berkas hanya berisi judul kolom, tanpa baris data."
    ]


# -- values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("26/11/2025", (date(2025, 11, 26), None)),
        ("6/1/2025", (date(2025, 1, 6), None)),
        ("26-11-2025", (date(2025, 11, 26), None)),
        ("26.11.2025", (date(2025, 11, 26), None)),
        ("26/11/25", (date(2025, 11, 26), None)),
        ("2025-11-26", (date(2025, 11, 26), None)),
        ("2025/11/26", (date(2025, 11, 26), None)),
        ("26 November 2025", (date(2025, 11, 26), None)),
        ("Rabu, 26 Nov 2025", (date(2025, 11, 26), None)),
        ("17 Agustus 2025", (date(2025, 8, 17), None)),
        ("26/11/2025 10:15", (date(2025, 11, 26), time(10, 15))),
        ("2025-11-26T10:15:00", (date(2025, 11, 26), time(10, 15))),
        (date(2025, 11, 26), (date(2025, 11, 26), None)),
        (datetime(2025, 11, 26), (date(2025, 11, 26), None)),
        (datetime(2025, 11, 26, 13, 40), (date(2025, 11, 26), time(13, 40))),
        (45987, (date(2025, 11, 26), None)),
        (45987.5, (date(2025, 11, 26), time(12, 0))),
        ("45987", (date(2025, 11, 26), None)),
    ],
)
def test_date_forms(cell: object, expected: tuple[date, time | None]) -> None:
    assert parse_date(cell, TODAY) == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("kemarin", "“kemarin” bukan tanggal"),
        ("11/26/2025", "tidak ada di kalender"),
        ("31/02/2025", "tidak ada di kalender"),
        ("27/11/2026", "belum terjadi"),
        ("12/05/1985", "sebelum 1990"),
        (2025, "sebelum 1990"),
        (-3, "bukan tanggal Excel"),
        (True, "bukan tanggal"),
        ("26/11/2025 pagi", "bukan tanggal"),
    ],
)
def test_dates_that_are_not_dates(cell: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(cell, TODAY)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("09:15", time(9, 15)),
        ("9.15", time(9, 15)),
        ("09:15:30", time(9, 15, 30)),
        ("10.05 WIB", time(10, 5)),
        ("pukul 14.00", time(14, 0)),
        (time(8, 45), time(8, 45)),
        (datetime(1899, 12, 30, 11, 20), time(11, 20)),
        (0.4375, time(10, 30)),
    ],
)
def test_time_forms(cell: object, expected: time) -> None:
    assert parse_time(cell) == expected


@pytest.mark.parametrize("cell", ["25:00", "9", "siang", 1.5])
def test_times_that_are_not_times(cell: object) -> None:
    with pytest.raises(ValueError, match="bukan jam"):
        parse_time(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("25000", 25_000),
        ("25.000", 25_000),
        ("25,000", 25_000),
        ("Rp 25.000", 25_000),
        ("Rp25.000,00", 25_000),
        ("1.250.000", 1_250_000),
        (150000, 150_000),
        (150000.0, 150_000),
        ("", 0),
        (None, 0),
        ("-", 0),
        ("0", 0),
    ],
)
def test_amount_forms(cell: object, expected: int) -> None:
    assert parse_amount(cell) == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("-5000", "tidak boleh negatif"),
        (-1, "tidak boleh negatif"),
        ("Rp -25.000", "tidak boleh negatif"),
        (2500.5, "bukan rupiah utuh"),
        ("25.5", "bukan angka"),
        ("dua puluh ribu", "bukan angka"),
    ],
)
def test_bad_amounts(cell: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_amount(cell)


@pytest.mark.parametrize(
    ("written", "gender"),
    [
        ("L", "L"),
        ("p", "P"),
        ("Laki-laki", "L"),
        ("PEREMPUAN", "P"),
        ("male", "L"),
        ("Female", "P"),
        ("M", "L"),
        ("F", "P"),
        ("Pria", "L"),
        ("Wanita", "P"),
    ],
)
def test_gender_spellings(written: str, gender: str) -> None:
    parsed = parse(f"{HEADER}\n{GOOD.replace(',P,', f',{written},')}\n")
    assert parsed.problems == []
    assert parsed.rows[0].visitor.gender == gender


@pytest.mark.parametrize(
    ("column", "written", "code"),
    [
        ("Pendidikan", "S1", "s1"),
        ("Pendidikan", "D4/S1", "s1"),
        ("Pendidikan", "sarjana", "s1"),
        ("Pendidikan", "SMK", "sma"),
        ("Pendidikan", "sd_smp", "sd_smp"),
        ("Pendidikan", "D3", "diploma"),
        ("Pekerjaan", "Mahasiswa", "pelajar"),
        ("Pekerjaan", "pelajar/mahasiswa", "pelajar"),
        ("Pekerjaan", "PNS", "asn"),
        ("Pekerjaan", "Dosen", "peneliti"),
        ("Jenis layanan", "Konsultasi Statistik", "konsultasi"),
        ("Jenis layanan", "penjualan", "penjualan"),
        ("Jenis layanan", "Pembelian publikasi", "penjualan"),
        ("Jenis layanan", "LAIN-LAIN", "lainnya"),
    ],
)
def test_choices_by_code_label_or_synonym(column: str, written: str, code: str) -> None:
    header = HEADER.split(",")
    cells = GOOD.split(",")
    cells[header.index(column)] = written
    parsed = parse(f"{HEADER}\n{','.join(cells)}\n")
    assert parsed.problems == []
    row = parsed.rows[0]
    stored = {
        "Pendidikan": row.visitor.education,
        "Pekerjaan": row.visitor.occupation,
        "Jenis layanan": row.service_type,
    }
    assert stored[column] == code


def test_every_bad_value_is_reported_with_row_and_column() -> None:
    header = f"{HEADER},Tahun lahir,Jumlah pembelian,Nomor kuitansi,Telepon,Email"
    rows = [
        # row 2: fine
        f"{GOOD},1999,,,,",
        # row 3: not a date, unknown gender, unknown education and service, future birth year
        "kemarin,9.00,Budi,X,,Petani,Sarjana Muda,Astrologi,Data,ya,,2099,,,,",
        # row 4: no name, negative amount, bad phone and email, found missing for a request
        "01/02/2025,,,L,,,,Perpustakaan,Data inflasi,,,,-5000,,12345,bukan-email",
        # row 5: agency for a found request; a receipt number without an amount
        "03/02/2025,,Sari,P,,,,Lainnya,Data,ya,Dinas Kesehatan,,,KW-9,,",
        # row 6: 'found' without a request, born after the visit
        "04/02/2025,,Tono,L,,,,Lainnya,,tidak,,2026,,,,",
    ]
    parsed = parse("\n".join([header, *rows]) + "\n")
    assert [row.row for row in parsed.rows] == [2]
    problems = messages(parsed)
    by_place = {(row, column): text for row, column, text in problems}
    assert len(by_place) == len(problems), "one problem per cell"
    assert "“kemarin” bukan tanggal" in by_place[(3, "Tanggal")]
    assert "Jenis kelamin “X” tidak dikenal" in by_place[(3, "Jenis kelamin")]
    assert by_place[(3, "Pekerjaan")].startswith("Pekerjaan “Petani” tidak dikenal. Pilihan:")
    assert "Pelajar/Mahasiswa" in by_place[(3, "Pekerjaan")]
    assert "D4/S1" in by_place[(3, "Pendidikan")]
    assert "Jenis layanan “Astrologi” tidak dikenal" in by_place[(3, "Jenis layanan")]
    assert by_place[(3, "Tahun lahir")] == "Tahun lahir tidak boleh di masa depan."
    assert by_place[(4, "Nama")] == "Nama pengunjung wajib diisi."
    assert by_place[(4, "Jumlah pembelian")] == "Jumlah pembelian tidak boleh negatif."
    assert "Nomor telepon tidak valid" in by_place[(4, "Telepon")]
    assert "Alamat email tidak valid" in by_place[(4, "Email")]
    assert "Wajib diisi bila ada data yang dicari" in by_place[(4, "Ditemukan")]
    assert "hanya untuk data yang tidak ditemukan" in by_place[(5, "Dinas rujukan")]
    assert "jumlah pembelian kosong" in by_place[(5, "Nomor kuitansi")]
    assert "“data yang dicari” kosong" in by_place[(6, "Ditemukan")]
    assert by_place[(6, "Tahun lahir")] == "Tahun lahir 2026 sesudah tahun kunjungan."
    # In the order of the file: by row, then by column.
    assert [row for row, _, _ in problems] == sorted(row for row, _, _ in problems)


def test_repeated_rows_and_receipt_numbers() -> None:
    header = f"{HEADER},Jumlah pembelian,Nomor kuitansi"
    first = f"{GOOD},25000,KW-1"
    same_receipt = "27/11/2025,10:00,Budi,L,,,,Penjualan,Publikasi,ya,,10000,KW-1"
    parsed = parse("\n".join([header, first, first.upper(), same_receipt]) + "\n")
    by_place = {(row, column): text for row, column, text in messages(parsed)}
    assert set(by_place) == {(3, "Nama"), (3, "Nomor kuitansi"), (4, "Nomor kuitansi")}
    assert "Sama persis dengan baris 2" in by_place[(3, "Nama")]
    assert "KW-1 ganda: sudah dipakai di baris 2" in by_place[(4, "Nomor kuitansi")]


def test_xlsx_cells() -> None:
    content = xlsx(
        [
            ["No", *HEADER.split(","), "Telepon", "Jumlah pembelian", "Tahun lahir"],
            [
                1,
                datetime(2025, 11, 26),
                time(10, 30),
                "Rina",
                "P",
                "Unsri",
                "Mahasiswa",
                "S1",
                "Perpustakaan",
                "PDRB",
                True,
                None,
                81234567890,
                75000,
                2001.0,
            ],
            [2, 45988, None, "Budi", "L", None, None, None, "Lainnya", None, None, None],
        ]
    )
    parsed = parse_guest_book_file("buku.xlsx", content, vocabulary=VOCABULARY, today=TODAY)
    assert parsed.problems == []
    first, second = parsed.rows
    assert (first.visit_date, first.visit_time, first.found) == (
        date(2025, 11, 26),
        time(10, 30),
        True,
    )
    assert (first.visitor.phone, first.amount, first.visitor.birth_year) == (
        "081234567890",
        75_000,
        2001,
    )
    assert (second.visit_date, second.visit_time, second.request, second.found) == (
        date(2025, 11, 27),
        None,
        None,
        None,
    )


def test_the_example_files_are_valid_and_alike() -> None:
    csv_rows = parse_guest_book_file(
        "buku-tamu-contoh.csv",
        (EXAMPLES / "buku-tamu-contoh.csv").read_bytes(),
        vocabulary=VOCABULARY,
        today=TODAY,
    )
    xlsx_rows = parse_guest_book_file(
        "buku-tamu-contoh.xlsx",
        (EXAMPLES / "buku-tamu-contoh.xlsx").read_bytes(),
        vocabulary=VOCABULARY,
        today=TODAY,
    )
    assert csv_rows.problems == [] and xlsx_rows.problems == []
    assert csv_rows.rows == xlsx_rows.rows
    assert len(csv_rows.rows) == 11
    assert [import_key(row, "1603") for row in csv_rows.rows] == [
        import_key(row, "1603") for row in xlsx_rows.rows
    ]


# -- keys, codes, times ---------------------------------------------------------------------


def test_import_key_is_stable_per_office_and_ignores_spelling_noise() -> None:
    [row] = parse(f"{HEADER}\n{GOOD}\n").rows
    [noisy] = parse(
        f"{HEADER}\n{GOOD.replace('Rina Marlina', ' RINA   marlina ').replace('S1', 'sarjana')}\n"
    ).rows
    [other] = parse(f"{HEADER}\n{GOOD.replace('09:15', '09:16')}\n").rows
    key = import_key(row, "1603")
    assert len(key) == 64 and key == import_key(noisy, "1603")
    assert key != import_key(row, "1601")
    assert key != import_key(other, "1603")


def test_imported_visit_codes() -> None:
    assert imported_visit_code(1) == "Z-001"
    assert imported_visit_code(1000) == "Z-1000"
    assert imported_code_number("Z-012") == 12
    assert imported_code_number("A-012") is None
    with pytest.raises(ValueError):
        imported_visit_code(0)


def test_arrival_without_time_is_nine_in_the_morning() -> None:
    from zoneinfo import ZoneInfo

    [row] = parse(f"{HEADER}\n{GOOD.replace('09:15', '')}\n").rows
    assert row.visit_time is None
    moment = arrival_moment(row, ZoneInfo("Asia/Jakarta"))
    assert (moment.date(), moment.time()) == (date(2025, 11, 26), DEFAULT_TIME)
    assert moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 7 * 3600


# -- texts and the page ---------------------------------------------------------------------


def _check(parsed: ParsedGuestBook, new: int, problems: list[ImportProblem] | None = None):  # type: ignore[no-untyped-def]
    new_rows = [NewRow(row, import_key(row, "1603")) for row in parsed.rows[:new]]
    return GuestBookCheck(
        parsed,
        problems if problems is not None else parsed.problems,
        new_rows,
        len(parsed.rows) - new,
        VOCABULARY,
    )


def test_problem_text() -> None:
    assert problem_text(ImportProblem(4, "Tanggal", "Salah.")) == "Baris 4, kolom “Tanggal”: Salah."
    assert problem_text(ImportProblem(1, "", "Berkas kosong.")) == "Baris 1: Berkas kosong."


def test_check_outputs_of_a_rejected_file() -> None:
    parsed = parse(f"{HEADER}\nkemarin,,Budi,L,,,,Lainnya,,,\n")
    check = _check(parsed, 0)
    outputs = check_outputs("buku.csv", check)
    alert, report, preview, disabled, result = (
        outputs[key] for key in ("check", "report", "preview", "import_disabled", "result")
    )
    assert "Berkas ditolak: 1 masalah" in str(alert)
    assert report is not None and preview is None and disabled and result is None
    assert report.rowData[0]["column"] == "Tanggal"  # type: ignore[attr-defined]


def test_check_outputs_of_a_valid_file() -> None:
    text = (EXAMPLES / "buku-tamu-contoh.csv").read_bytes()
    parsed = parse_guest_book_file("contoh.csv", text, vocabulary=VOCABULARY, today=TODAY)
    check = _check(parsed, 9)
    assert check_text(check) == (
        "Berkas valid: 11 baris; 9 baru, 2 sudah ada; 2 pembelian baru senilai Rp 225.000."
    )
    outputs = check_outputs("contoh.csv", check)
    report, preview, disabled = (outputs[key] for key in ("report", "preview", "import_disabled"))
    assert report is None and not disabled
    records = preview.children[0].rowData  # type: ignore[union-attr]
    assert [record["status"] for record in records] == [STATUS_NEW] * 9 + [STATUS_EXISTING] * 2
    budi = next(record for record in records if record["name"] == "Budi Santoso")
    assert budi["time"] == "" and budi["amount_text"] == "Rp 75.000"
    assert budi["service"] == "Penjualan produk statistik"


def test_a_file_already_imported_cannot_be_imported_again() -> None:
    parsed = parse(f"{HEADER}\n{GOOD}\n")
    check = _check(parsed, 0)
    assert check_text(check) == "Berkas valid: 1 baris; 0 baru, 1 sudah ada."
    outputs = check_outputs("buku.csv", check)
    assert outputs["import_disabled"] is True
    assert "tidak ada yang baru" in str(outputs["check"])


def test_preview_record() -> None:
    [row] = parse(f"{HEADER}\n{GOOD}\n").rows
    record = preview_record(row, _check(parse(f"{HEADER}\n{GOOD}\n"), 1), new=True)
    assert record["date_text"] == "26 Nov 2025"
    assert (record["time"], record["found"], record["status"]) == ("09:15", "Ya", STATUS_NEW)


def test_import_outputs_and_summary_text() -> None:
    summary = GuestBookImportSummary(
        added=11, existing=0, new_visitors=10, returning_visitors=0, sales=3, revenue=250_000
    )
    assert summary_text(summary) == (
        "Impor selesai: 11 baru, 0 sudah ada (10 pengunjung baru, 0 pengunjung lama, "
        "3 pembelian senilai Rp 250.000)."
    )
    again = GuestBookImportSummary(0, 11, 0, 0, 0, 0)
    assert summary_text(again) == "Impor selesai: 0 baru, 11 sudah ada."
    done = import_outputs(Outcome(value=summary))
    result, disabled, alert, upload = (
        done[key] for key in ("result", "import_disabled", "check", "upload")
    )
    assert "Impor selesai" in str(result) and disabled and alert is None and upload is None
    refused = import_outputs(Outcome(errors={FORM: "Impor dibatalkan: berkas memiliki 2 masalah."}))
    assert "Tidak ada yang diimpor" in str(refused["result"]) and refused["import_disabled"] is True
