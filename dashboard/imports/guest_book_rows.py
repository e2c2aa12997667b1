"""Past guest books (*buku tamu*) from a CSV or XLSX file: reading and checking the rows.

Nothing here touches the database: the choices a row is matched against (service types,
education, occupation, institution types) come in as a ``Vocabulary``, and
``dashboard.imports.guest_book_import`` stores the checked rows.

One row is one past visit: when and who (the guest-book fields, checked by the same rules
as the live guest book, ``validate_guest_book``), the PST service, what was asked and
whether it was found or referred elsewhere, and what was bought. Every problem of the file
is reported at once, with its row, its column (as the file names it) and why; a file with
any problem imports nothing.

Column names are matched ignoring case, spaces and punctuation, in Indonesian or English
(``COLUMNS``). Dates may be written 26/11/2026, 26-11-2026, 26.11.2026, 26/11/26,
2026-11-26, '26 November 2026' / '26 Nov 2026', or be Excel date cells (a date cell, or
its serial number such as 46352). Times are 09:15, 09.15, 9:15:30 or Excel time cells.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from openpyxl.utils.datetime import from_excel

from dashboard.errors import InputError
from dashboard.tabular_file import (
    Cell,
    Column,
    ColumnSet,
    Header,
    ImportProblem,
    header_key,
    is_blank,
    read_sheet,
    sort_problems,
)
from dashboard.text_input import column_length, optional_text
from dashboard.visits.guest_book import GENDERS, GuestBookEntry, validate_guest_book
from dashboard.visits.services import MAX_AGENCY, MAX_REQUEST
from db.models import Sale
from db.reference_data import EDUCATION, INSTITUTION_TYPE, OCCUPATION, SERVICE_TYPE
from db.search_text import fold

__all__ = [
    "COLUMNS",
    "COLUMN_NOTES",
    "COLUMN_SET",
    "DEFAULT_TIME",
    "IMPORTED_CODE_LETTER",
    "LOOKUP_FIELDS",
    "GuestBookRow",
    "ImportProblem",
    "ParsedGuestBook",
    "Vocabulary",
    "arrival_moment",
    "import_key",
    "imported_code_number",
    "imported_visit_code",
    "parse_amount",
    "parse_date",
    "parse_found",
    "parse_gender",
    "parse_guest_book_file",
    "parse_time",
]

MAX_IMPORT_ROWS = 100_000
MAX_RECEIPT_NUMBER = column_length(Sale.receipt_number)
EARLIEST_DATE = date(1990, 1, 1)
"""Older dates are taken for typing mistakes (or an Excel number that is not a date)."""
DEFAULT_TIME = time(9, 0)
"""The arrival time of a row without one: mid-morning, inside service hours, so a visit on
a working day is not flagged as outside them. ``GuestBookRow.visit_time`` stays None."""
IMPORTED_CODE_LETTER = "Z"
"""Imported visits are coded Z-001, Z-002… per day. Live visits are numbered A-001 … A-999,
B-001 … in arrival order, so they would reach Z only after 24,975 visits in one day: the
two ranges never meet."""


# -- the columns ----------------------------------------------------------------------------


def _names(text: str) -> tuple[str, ...]:
    """'a | b | c' → ('a', 'b', 'c'): the long lists of names below, one line each."""
    return tuple(name.strip() for name in text.split("|"))


COLUMNS: tuple[Column, ...] = (
    Column(
        "visit_date",
        "Tanggal",
        True,
        _names("tgl | tanggal kunjungan | tanggal datang | hari tanggal | date | visit date"),
    ),
    Column(
        "visit_time",
        "Jam",
        False,
        _names("waktu | jam datang | jam kedatangan | pukul | time | arrival time | visit time"),
    ),
    Column(
        "name",
        "Nama",
        True,
        _names("nama pengunjung | nama lengkap | nama tamu | name | full name | visitor name"),
    ),
    Column(
        "gender",
        "Jenis kelamin",
        True,
        _names("jk | kelamin | l/p | jenis kelamin (l/p) | jk (l/p) | gender | sex"),
    ),
    Column("birth_year", "Tahun lahir", False, _names("thn lahir | birth year | year of birth")),
    Column(
        "institution",
        "Instansi",
        True,
        _names(
            "asal instansi | lembaga | instansi/lembaga | asal instansi/lembaga | institusi | "
            "asal | institution | organization"
        ),
    ),
    Column(
        "institution_type",
        "Jenis instansi",
        False,
        _names("kategori instansi | tipe instansi | jenis lembaga | institution type"),
    ),
    Column(
        "occupation",
        "Pekerjaan",
        True,
        _names("profesi | pekerjaan/profesi | occupation | job | profession"),
    ),
    Column("education", "Pendidikan", True, _names("pendidikan terakhir | education")),
    Column(
        "phone",
        "Telepon",
        False,
        _names(
            "no telepon | nomor telepon | telp | no telp | telepon/hp | hp | no hp | nomor hp | "
            "no hp/wa | nomor hp/wa | wa | whatsapp | phone | phone number | mobile"
        ),
    ),
    Column("email", "Email", False, _names("e-mail | surel | email/surel | alamat email")),
    Column(
        "service_type",
        "Jenis layanan",
        True,
        _names(
            "layanan | jenis layanan pst | tujuan | tujuan kunjungan | keperluan | purpose | "
            "service type"
        ),
    ),
    Column(
        "request",
        "Data yang dicari",
        True,
        _names(
            "data dicari | data yang diminta | data yang dibutuhkan | permintaan data | "
            "kebutuhan data | "
            "yang ditanyakan | request | data request | requested data | what was asked"
        ),
    ),
    Column(
        "found",
        "Ditemukan",
        True,
        _names("tersedia | data tersedia | data ditemukan | ketersediaan | found | available"),
    ),
    Column(
        "referred_agency",
        "Dinas rujukan",
        True,
        _names("rujukan | dirujuk ke | instansi rujukan | referred agency | referred to"),
    ),
    Column(
        "amount",
        "Jumlah pembelian",
        False,
        _names(
            "nominal | nilai pembelian | pembelian | jumlah bayar | pembayaran | total | "
            "purchase amount | amount"
        ),
    ),
    Column(
        "receipt_number",
        "Nomor kuitansi",
        False,
        _names(
            "no kuitansi | kuitansi | nomor kwitansi | no kwitansi | kwitansi | "
            "receipt number | receipt no | receipt"
        ),
    ),
)
COLUMN_NOTES: dict[str, str] = {
    "visit_date": "Wajib diisi. 26/11/2026, 2026-11-26, 26 Nov 2026 atau sel tanggal Excel; "
    "tidak boleh sesudah hari ini.",
    "visit_time": "Jam datang (WIB): 09:15 atau 09.15. Kosong: dicatat pukul 09:00.",
    "name": "Wajib diisi.",
    "gender": "Wajib diisi: L/P, laki-laki/perempuan, male/female atau M/F.",
    "birth_year": "Empat angka, mis. 1998; tidak sesudah tahun kunjungan.",
    "institution": "Nama instansi/lembaga asal pengunjung.",
    "institution_type": "Salah satu jenis instansi formulir buku tamu (nama atau kodenya).",
    "occupation": "Salah satu pekerjaan formulir buku tamu, mis. Mahasiswa, PNS, Dosen.",
    "education": "Salah satu pendidikan formulir buku tamu, mis. SMA, S1, S2.",
    "phone": "Mis. 0812 3456 7890; untuk mengenali pengunjung lama.",
    "email": "Untuk mengenali pengunjung lama.",
    "service_type": "Wajib diisi: salah satu jenis layanan PST (nama atau kodenya).",
    "request": "Data yang dicari pengunjung (satu permintaan); boleh kosong.",
    "found": "Ya/tidak; wajib diisi bila ada data yang dicari.",
    "referred_agency": "Dinas tujuan rujukan bila data tidak ditemukan; dicocokkan dengan "
    "direktori dinas.",
    "amount": "Rupiah, mis. 25000 atau 25.000. Kosong atau 0: tidak membeli.",
    "receipt_number": "Nomor kuitansi di pembukuan lama; kosong: dibuat IMPOR/<kantor>/"
    "<tanggal>/<nomor>.",
}
"""What each column holds, as the page and the documentation explain it."""
IGNORED_HEADERS = _names("no | no. | nomor | no urut | nomor urut | ttd | tanda tangan | paraf")
"""Columns a guest book often has that carry nothing to import: they are skipped."""
COLUMN_SET = ColumnSet(COLUMNS, IGNORED_HEADERS)


# -- the choices rows are matched against ---------------------------------------------------

SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    SERVICE_TYPE: {
        "perpustakaan": _names("pustaka | layanan perpustakaan | baca | membaca | library"),
        "konsultasi": _names("konsultasi data | consultation | statistical consultation"),
        "penjualan": _names(
            "penjualan publikasi | pembelian | pembelian publikasi | pembelian data | beli | "
            "beli data | beli publikasi | purchase | sales"
        ),
        "rekomendasi": _names("rekomendasi statistik | recommendation"),
        "lainnya": _names("lain | lain-lain | other | others"),
    },
    EDUCATION: {
        "sd_smp": _names("sltp | mi | mts | sekolah dasar"),
        "sma": _names("slta | smu | stm | ma | sekolah menengah atas | high school"),
        "diploma": _names("diploma | ahli madya"),
        "s1": _names("sarjana | strata 1 | sarjana terapan | bachelor"),
        "s2": _names("magister | master | strata 2 | pascasarjana"),
        "s3": _names("doktor | doktoral | strata 3 | doctor | phd"),
    },
    OCCUPATION: {
        "pelajar": _names("mahasiswi | mhs | siswa | siswi | student"),
        "peneliti": _names("akademisi | researcher | lecturer"),
        "asn": _names("pns | pegawai negeri | pegawai negeri sipil | pppk | civil servant"),
        "bumn": _names("bumd | pegawai bumn | karyawan bumn"),
        "swasta": _names("karyawan | karyawan swasta | private employee"),
        "wiraswasta": _names("wirausaha | pengusaha | pedagang | entrepreneur | self employed"),
        "lainnya": _names("lain | lain-lain | other | others"),
    },
    INSTITUTION_TYPE: {
        "pemerintah": _names(
            "pemerintahan | instansi pemerintah | lembaga negara | dinas | kementerian | government"
        ),
        "pendidikan": _names(
            "lembaga pendidikan | pendidikan dan penelitian | lembaga penelitian | "
            "perguruan tinggi | universitas | sekolah | kampus | education | university"
        ),
        "bumn": _names("bumd"),
        "swasta": _names("lembaga swasta | perusahaan | private | company"),
        "internasional": _names("asing | international | foreign"),
        "perorangan": _names("pribadi | individu | individual | personal"),
        "lainnya": _names("lain | lain-lain | other | others"),
    },
}
"""Other ways a file writes a choice, by its code. A choice is also found by its code, its
label, and each part of a label split at '/' ('Pelajar/Mahasiswa' → 'pelajar', 'mahasiswa';
'SD/SMP sederajat' → 'sd', 'smp'); matching ignores case, spaces and punctuation."""

KIND_NAMES = {
    SERVICE_TYPE: "Jenis layanan",
    EDUCATION: "Pendidikan",
    OCCUPATION: "Pekerjaan",
    INSTITUTION_TYPE: "Jenis instansi",
}
LOOKUP_FIELDS = {
    "service_type": SERVICE_TYPE,
    "education": EDUCATION,
    "occupation": OCCUPATION,
    "institution_type": INSTITUTION_TYPE,
}


def _choice_names(code: str, label: str, kind: str) -> list[str]:
    parts = [part.replace("sederajat", "") for part in label.lower().split("/")]
    return [code, label, *parts, *SYNONYMS.get(kind, {}).get(code, ())]


@dataclass(frozen=True)
class Vocabulary:
    """The active choices of the app's forms, ``kind → [(code, label)]`` (as
    ``db.reference_data.lookup_options`` gives them)."""

    options: Mapping[str, Sequence[tuple[str, str]]]
    _index: dict[str, dict[str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, dict[str, str]] = {}
        for kind, options in self.options.items():
            keys: dict[str, str] = {}
            # Codes and labels first: a synonym never hides another choice's own name.
            for code, label in options:
                keys.setdefault(header_key(code), code)
                keys.setdefault(header_key(label), code)
            for code, label in options:
                for name in _choice_names(code, label, kind):
                    keys.setdefault(header_key(name), code)
            keys.pop("", None)
            index[kind] = keys
        object.__setattr__(self, "_index", index)

    def match(self, kind: str, text: str) -> str | None:
        return self._index.get(kind, {}).get(header_key(text))

    def label(self, kind: str, code: str | None) -> str:
        return dict(self.options.get(kind, ())).get(code or "", code or "")

    def choices_text(self, kind: str) -> str:
        return "; ".join(label for _code, label in self.options.get(kind, ()))


# -- the checked rows -----------------------------------------------------------------------


@dataclass(frozen=True)
class GuestBookRow:
    """One past visit, checked and normalised. ``row`` is its spreadsheet row number."""

    row: int
    visit_date: date
    visit_time: time | None
    """As the file writes it; None when the file gives none (``DEFAULT_TIME`` is used)."""
    visitor: GuestBookEntry
    service_type: str
    request: str | None
    found: bool | None
    """Whether the data asked for was found; None only when nothing was asked."""
    referred_agency: str | None
    amount: int
    """Rupiah paid for publications; 0 when nothing was bought."""
    receipt_number: str | None

    def fingerprint(self) -> dict[str, object]:
        """The row's values in one normalised form (texts folded, spaces collapsed)."""

        def text(value: str | None) -> str:
            return " ".join(fold(value or "").split())

        visitor = self.visitor
        return {
            "date": self.visit_date.isoformat(),
            "time": self.visit_time.isoformat() if self.visit_time else "",
            "name": text(visitor.name),
            "gender": visitor.gender,
            "birth_year": visitor.birth_year,
            "education": visitor.education,
            "occupation": visitor.occupation,
            "institution": text(visitor.institution),
            "institution_type": visitor.institution_type,
            "phone": visitor.phone,
            "email": visitor.email,
            "service_type": self.service_type,
            "request": text(self.request),
            "found": self.found,
            "referred_agency": text(self.referred_agency),
            "amount": self.amount,
            "receipt_number": self.receipt_number,
        }


def import_key(row: GuestBookRow, office_code: str) -> str:
    """``Visit.import_key`` of the row: SHA-256 of the office and the row's normalised values.
    The same row imported again has the same key, and is skipped."""
    payload = json.dumps([office_code, row.fingerprint()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def arrival_moment(row: GuestBookRow, zone: ZoneInfo) -> datetime:
    """When the visitor arrived, as an aware moment in the office's time zone."""
    return datetime.combine(row.visit_date, row.visit_time or DEFAULT_TIME, tzinfo=zone)


def imported_visit_code(number: int) -> str:
    """The visit code of the ``number``-th imported visit of a day: Z-001, Z-002 …"""
    if number < 1:
        raise ValueError("number starts at 1")
    return f"{IMPORTED_CODE_LETTER}-{number:03d}"


def imported_code_number(code: str) -> int | None:
    """The number of an imported visit code ('Z-012' → 12), None for any other code."""
    match = re.fullmatch(rf"{IMPORTED_CODE_LETTER}-(\d+)", code)
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class ParsedGuestBook:
    """The checked rows of a file and every problem found in it."""

    rows: list[GuestBookRow]
    problems: list[ImportProblem]
    headers: Mapping[str, str] = field(default_factory=dict)
    """field → the header as the file writes it, for each column the file has."""


# -- reading single cells -------------------------------------------------------------------


class CellProblem(ValueError):
    """A cell whose value cannot be read; the message says why, in Indonesian."""


def _whole(cell: Cell) -> Cell:
    """A whole number from a spreadsheet without its '.0' (``2024.0`` → ``2024``)."""
    return int(cell) if isinstance(cell, float) and cell.is_integer() else cell


def _text(cell: Cell) -> str:
    """A cell as one line of text (a whole number from a spreadsheet without its '.0')."""
    cell = _whole(cell)
    return "" if cell is None else " ".join(str(cell).split())


MONTHS = {
    **dict.fromkeys(("januari", "january", "jan"), 1),
    **dict.fromkeys(("februari", "february", "feb", "peb"), 2),
    **dict.fromkeys(("maret", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("agustus", "august", "agu", "agt", "ags", "aug"), 8),
    **dict.fromkeys(("september", "sept", "sep"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "december", "des", "dec"), 12),
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})")
_YEAR_MONTH_DAY = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})")
_DAY_MONTHNAME_YEAR = re.compile(r"(\d{1,2})[\s.-]+([a-z]+)\.?[\s.-]+(\d{4})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?")
_WEEKDAY_PREFIX = re.compile(
    r"^(senin|selasa|rabu|kamis|jumat|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday)\s*,?\s*"
)
DATE_HINT = "tulis mis. 26/11/2026 (hari/bulan/tahun) atau 2026-11-26"


def _excel_serial(value: float) -> datetime:
    if not 1 <= value < 2_958_466:  # Excel's own range: 1900-01-01 … 9999-12-31
        raise CellProblem(f"Angka {_text(value)} bukan tanggal Excel; {DATE_HINT}.")
    return from_excel(value)


def _calendar_date(year: int, month: int, day: int, written: str) -> date:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError as error:
        raise CellProblem(f"Tanggal “{written}” tidak ada di kalender; {DATE_HINT}.") from error


def _date_from_text(text: str) -> tuple[date, time | None]:
    """A date written as text, with an optional time after it ('26/11/2026 10:15')."""
    lowered = _WEEKDAY_PREFIX.sub("", text.lower().strip())
    if re.fullmatch(r"\d+(\.\d+)?", lowered):
        moment = _excel_serial(float(lowered))
        return moment.date(), _time_of_datetime(moment)
    for pattern, order in ((_YEAR_MONTH_DAY, "ymd"), (_DAY_MONTH_YEAR, "dmy")):
        match = pattern.match(lowered)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            day = _calendar_date(parts["y"], parts["m"], parts["d"], text)
            return day, _trailing_time(lowered[match.end() :], text)
    match = _DAY_MONTHNAME_YEAR.match(lowered)
    if match and match.group(2) in MONTHS:
        day = _calendar_date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)), text)
        return day, _trailing_time(lowered[match.end() :], text)
    raise CellProblem(f"“{text}” bukan tanggal; {DATE_HINT}.")


def _trailing_time(rest: str, written: str) -> time | None:
    rest = rest.strip().lstrip(",").strip().removeprefix("t")
    if not rest:
        return None
    try:
        return parse_time(rest)
    except CellProblem as error:
        raise CellProblem(f"“{written}” bukan tanggal; {DATE_HINT}.") from error


def _time_of_datetime(moment: datetime) -> time | None:
    """The time of a date-and-time cell; None for a date cell (midnight)."""
    clock = moment.time().replace(microsecond=0)
    return None if clock == time(0, 0) else clock


def parse_date(cell: Cell, today: date) -> tuple[date, time | None]:
    """The visit date of a cell, and the time when the cell holds one too."""
    if isinstance(cell, bool):
        raise CellProblem(f"“{_text(cell)}” bukan tanggal; {DATE_HINT}.")
    if isinstance(cell, datetime):
        day, clock = cell.date(), _time_of_datetime(cell)
    elif isinstance(cell, date):
        day, clock = cell, None
    elif isinstance(cell, int | float):
        moment = _excel_serial(float(cell))
        day, clock = moment.date(), _time_of_datetime(moment)
    else:
        day, clock = _date_from_text(_text(cell))
    if day > today:
        raise CellProblem(f"Tanggal {day:%d/%m/%Y} belum terjadi (hari ini {today:%d/%m/%Y}).")
    if day < EARLIEST_DATE:
        raise CellProblem(
            f"Tanggal {day:%d/%m/%Y} sebelum {EARLIEST_DATE.year}: periksa tahunnya; {DATE_HINT}."
        )
    return day, clock


def parse_time(cell: Cell) -> time:
    """A time of day: '09:15', '9.15', '09:15:30', '09.15 WIB', or an Excel time cell."""
    if isinstance(cell, datetime):
        return cell.time().replace(microsecond=0)
    if isinstance(cell, time):
        return cell.replace(microsecond=0, tzinfo=None)
    if isinstance(cell, float) and 0 <= cell < 1:
        seconds = round(cell * 86_400)
        return (datetime.min + timedelta(seconds=min(seconds, 86_399))).time()
    text = _text(cell).lower().removeprefix("pukul").strip()
    text = re.sub(r"\s*(wib)$", "", text)
    match = _TIME.fullmatch(text)
    if match:
        hour, minute, second = (int(part or 0) for part in match.groups())
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute, second)
    raise CellProblem(f"“{_text(cell)}” bukan jam; tulis mis. 09:15 atau 09.15.")


GENDER_WORDS = {
    **dict.fromkeys(("l", "lk", "laki", "lakilaki", "pria", "m", "male", "man"), "L"),
    **dict.fromkeys(("p", "pr", "perempuan", "wanita", "w", "f", "female", "woman"), "P"),
}
GENDER_HINT = "tulis L/P, laki-laki/perempuan, male/female atau M/F"


def parse_gender(cell: Cell) -> str:
    text = _text(cell)
    if not text:
        raise CellProblem(f"Jenis kelamin wajib diisi; {GENDER_HINT}.")
    gender = GENDER_WORDS.get(header_key(text))
    if gender is None:
        raise CellProblem(f"Jenis kelamin “{text}” tidak dikenal; {GENDER_HINT}.")
    return gender


FOUND_WORDS = {
    header_key(word): found
    for words, found in (
        ("ya | y | yes | ada | tersedia | ditemukan | 1 | true | benar | v", True),
        ("tidak | t | tdk | n | no | tidak ada | tidak tersedia | tidak ditemukan | 0", False),
        ("false | dirujuk | x", False),
    )
    for word in _names(words)
}
"""Answers to 'found?', by ``header_key`` (case, spaces and punctuation ignored)."""


def parse_found(cell: Cell) -> bool | None:
    """Whether the data was found: ya/tidak, yes/no, ada/tidak ada, 1/0…; None when empty."""
    if isinstance(cell, bool):
        return cell
    text = _text(cell)
    if not text:
        return None
    found = FOUND_WORDS.get(header_key(text))
    if found is None:
        raise CellProblem(f"“{text}” tidak dikenal; tulis ya atau tidak.")
    return found


_THOUSANDS = re.compile(r"\d{1,3}([.,])\d{3}(\1\d{3})*")
AMOUNT_HINT = "tulis rupiah tanpa sen, mis. 25000 atau 25.000"


def parse_amount(cell: Cell) -> int:
    """Rupiah as a whole number: 25000, 25.000, 'Rp 25.000', '25.000,00', or a number cell;
    0 when empty. Negative amounts and fractions of a rupiah are refused."""
    if isinstance(cell, bool):
        raise CellProblem(f"Jumlah pembelian “{_text(cell)}” bukan angka; {AMOUNT_HINT}.")
    if isinstance(cell, int | float):
        if cell < 0:
            raise CellProblem("Jumlah pembelian tidak boleh negatif.")
        if isinstance(cell, float) and not cell.is_integer():
            raise CellProblem(f"Jumlah pembelian {cell} bukan rupiah utuh; {AMOUNT_HINT}.")
        return int(cell)
    written = _text(cell)
    text = re.sub(r"^rp\.?", "", written.lower().replace(" ", ""))
    if text in ("", "-"):
        return 0
    if text.startswith("-"):
        raise CellProblem("Jumlah pembelian tidak boleh negatif.")
    text = re.sub(r"[.,]0{1,2}$", "", text)  # ',00' or '.00' of whole rupiah
    if text.isdigit():
        return int(text)
    if _THOUSANDS.fullmatch(text):
        return int(re.sub(r"[.,]", "", text))
    raise CellProblem(f"Jumlah pembelian “{written}” bukan angka; {AMOUNT_HINT}.")


def _phone_text(cell: Cell) -> str | None:
    """A phone number cell: Excel keeps '0812…' typed as a number as 812…; the zero is put
    back."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        digits = _text(cell)
        return "0" + digits if digits.startswith("8") else digits
    return _text(cell) or None


def _birth_year_value(cell: Cell) -> object:
    return _text(cell) if isinstance(cell, float) else cell


# -- checking one row -----------------------------------------------------------------------


@dataclass
class _RowCheck:
    """The problems of one row, keyed by field (the first problem of a field wins)."""

    errors: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)


def _lookup(
    raw: Cell, name: str, vocabulary: Vocabulary, check: _RowCheck, *, required: bool = False
) -> str | None:
    kind = LOOKUP_FIELDS[name]
    text = _text(raw)
    if not text:
        if required:
            choices = vocabulary.choices_text(kind)
            check.add(name, f"{KIND_NAMES[kind]} wajib diisi. Pilihan: {choices}.")
        return None
    code = vocabulary.match(kind, text)
    if code is None:
        choices = vocabulary.choices_text(kind)
        check.add(name, f"{KIND_NAMES[kind]} “{text}” tidak dikenal. Pilihan: {choices}.")
    return code


def _visitor(
    raw: Mapping[str, Cell],
    vocabulary: Vocabulary,
    check: _RowCheck,
    today: date,
    visit_date: date | None,
) -> GuestBookEntry | None:
    """The guest-book fields, checked by the live guest book's own rules."""
    gender: str | None = None
    try:
        gender = parse_gender(raw.get("gender"))
    except CellProblem as problem:
        check.add("gender", str(problem))
    codes = {
        name: _lookup(raw.get(name), name, vocabulary, check)
        for name in ("education", "occupation", "institution_type")
    }
    try:
        entry = validate_guest_book(
            name=_whole(raw.get("name")),  # type: ignore[arg-type]
            # A stand-in when the gender is wrong, so that the other fields are still checked.
            gender=gender or next(iter(GENDERS)),
            birth_year=_birth_year_value(raw.get("birth_year")),
            education=codes["education"],
            occupation=codes["occupation"],
            institution=_whole(raw.get("institution")),  # type: ignore[arg-type]
            institution_type=codes["institution_type"],
            phone=_phone_text(raw.get("phone")),
            email=_text(raw.get("email")) or None,
            current_year=today.year,
        )
    except InputError as error:
        for name, message in error.errors.items():
            check.add(name, message)
        return None
    if entry.birth_year is not None and visit_date and entry.birth_year > visit_date.year:
        check.add("birth_year", f"Tahun lahir {entry.birth_year} sesudah tahun kunjungan.")
        return None
    return entry if gender is not None else None


def _checked_text(
    raw: Mapping[str, Cell], name: str, label: str, limit: int, check: _RowCheck
) -> str | None:
    """A text cell by the one text rule of ``dashboard.text_input``; a refusal is the row's
    problem in that column."""
    try:
        return optional_text(name, _whole(raw.get(name)), label=label, limit=limit)
    except InputError as error:
        for field_name, message in error.errors.items():
            check.add(field_name, message)
        return None


def _request_and_referral(
    raw: Mapping[str, Cell], check: _RowCheck
) -> tuple[str | None, bool | None, str | None]:
    request = _checked_text(raw, "request", "Data yang dicari", MAX_REQUEST, check)
    agency = _checked_text(raw, "referred_agency", "Dinas rujukan", MAX_AGENCY, check)
    found: bool | None = None
    try:
        found = parse_found(raw.get("found"))
    except CellProblem as problem:
        check.add("found", str(problem))
        return request, None, agency
    if request is None and found is not None:
        check.add("found", "Diisi, tetapi “data yang dicari” kosong.")
    elif request is not None and found is None:
        check.add("found", "Wajib diisi bila ada data yang dicari: tulis ya atau tidak.")
    if agency is not None:
        if found:
            check.add("referred_agency", "Dinas rujukan hanya untuk data yang tidak ditemukan.")
        elif request is None:
            check.add("referred_agency", "Diisi, tetapi “data yang dicari” kosong.")
    return request, found, agency


def _purchase(raw: Mapping[str, Cell], check: _RowCheck) -> tuple[int, str | None]:
    amount = 0
    try:
        amount = parse_amount(raw.get("amount"))
    except CellProblem as problem:
        check.add("amount", str(problem))
    receipt = _checked_text(raw, "receipt_number", "Nomor kuitansi", MAX_RECEIPT_NUMBER, check)
    if receipt is not None and amount == 0 and "amount" not in check.errors:
        check.add("receipt_number", "Nomor kuitansi diisi, tetapi jumlah pembelian kosong.")
    return amount, receipt


def check_row(
    row: int, raw: Mapping[str, Cell], vocabulary: Vocabulary, today: date
) -> tuple[GuestBookRow | None, dict[str, str]]:
    """One data row by field: the visit it records, or the problems by field."""
    check = _RowCheck()
    visit_date: date | None = None
    visit_time: time | None = None
    if is_blank(raw.get("visit_date")):
        check.add("visit_date", f"Tanggal wajib diisi; {DATE_HINT}.")
    else:
        try:
            visit_date, visit_time = parse_date(raw.get("visit_date"), today)
        except CellProblem as problem:
            check.add("visit_date", str(problem))
    if not is_blank(raw.get("visit_time")):
        try:
            visit_time = parse_time(raw.get("visit_time"))
        except CellProblem as problem:
            check.add("visit_time", str(problem))
    visitor = _visitor(raw, vocabulary, check, today, visit_date)
    service_type = _lookup(
        raw.get("service_type"), "service_type", vocabulary, check, required=True
    )
    request, found, agency = _request_and_referral(raw, check)
    amount, receipt = _purchase(raw, check)
    if check.errors or visit_date is None or visitor is None or service_type is None:
        return None, check.errors
    return (
        GuestBookRow(
            row=row,
            visit_date=visit_date,
            visit_time=visit_time,
            visitor=visitor,
            service_type=service_type,
            request=request,
            found=found,
            referred_agency=agency,
            amount=amount,
            receipt_number=receipt if amount else None,
        ),
        {},
    )


# -- the whole file -------------------------------------------------------------------------


def _repeated_rows(rows: Sequence[GuestBookRow], header: Header) -> list[ImportProblem]:
    """The same visit twice in one file (every value equal), and one receipt number on two
    rows: the later row is the problem."""
    problems: list[ImportProblem] = []
    seen_rows: dict[str, int] = {}
    seen_receipts: dict[str, int] = {}
    for row in rows:
        key = import_key(row, "")
        if key in seen_rows:
            problems.append(
                ImportProblem(
                    row.row,
                    header.column_of("name"),
                    f"Sama persis dengan baris {seen_rows[key]}: satu kunjungan hanya diimpor "
                    "sekali. Hapus salah satunya, atau isi jamnya bila memang dua kunjungan.",
                )
            )
        else:
            seen_rows[key] = row.row
        number = row.receipt_number
        if number is None:
            continue
        if number in seen_receipts:
            problems.append(
                ImportProblem(
                    row.row,
                    header.column_of("receipt_number"),
                    f"Nomor kuitansi {number} ganda: sudah dipakai di baris "
                    f"{seen_receipts[number]}.",
                )
            )
        else:
            seen_receipts[number] = row.row
    return problems


def parse_guest_book_file(
    filename: str, content: bytes, *, vocabulary: Vocabulary, today: date
) -> ParsedGuestBook:
    """Read and check a guest-book file; ``today`` is the office's date (later dates are
    refused). Nothing is stored here."""
    sheet = read_sheet(filename, content, COLUMN_SET, max_rows=MAX_IMPORT_ROWS)
    header = sheet.header
    if header is None:
        return ParsedGuestBook([], sheet.problems)
    missing = {column.field for column in header.missing}
    rows: list[GuestBookRow] = []
    row_problems: list[ImportProblem] = []
    for number, cells in sheet.data:
        checked, errors = check_row(number, header.values(cells), vocabulary, today)
        if checked is not None:
            rows.append(checked)
        row_problems.extend(
            ImportProblem(number, header.column_of(name), message)
            for name, message in errors.items()
            if name not in missing
        )
    row_problems.extend(_repeated_rows(rows, header))
    problems = [*sheet.problems, *sort_problems(row_problems, header)]
    return ParsedGuestBook(rows, problems, dict(header.written))
