"""The library catalog's rules: what a publication entry must hold before it is stored.

Every check reports in Indonesian, beside the field it concerns, and all problems of one
entry are reported together (the admin form and the import report show them at once).
Values may come from a form (text, booleans) or from an import file (text, or the numbers
and booleans a spreadsheet cell holds, e.g. a year read as ``2024.0``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dashboard.errors import InputError
from dashboard.i18n import format_number
from dashboard.text_input import column_length, optional_text, required_text
from db.models import FORMAT_HARDCOPY, FORMAT_SOFTCOPY, Publication
from db.queries.catalog import CatalogColumns
from db.search_text import fold

SUBJECTS: dict[str, str] = {
    "kependudukan": "Kependudukan",
    "sosial": "Sosial dan Kesejahteraan Rakyat",
    "ketenagakerjaan": "Ketenagakerjaan",
    "pendidikan": "Pendidikan",
    "kesehatan": "Kesehatan",
    "pertanian": "Pertanian, Kehutanan dan Perikanan",
    "industri": "Industri, Pertambangan dan Energi",
    "perdagangan": "Perdagangan",
    "harga": "Harga dan Inflasi",
    "transportasi": "Transportasi dan Komunikasi",
    "pariwisata": "Pariwisata",
    "keuangan": "Keuangan dan Perbankan",
    "neraca": "Neraca Nasional dan PDRB",
    "wilayah": "Wilayah dalam Angka",
    "lainnya": "Lainnya",
}
"""BPS subject areas: code (stored) → label (shown)."""

FORMATS: dict[str, str] = {
    FORMAT_HARDCOPY: "Hardcopy (cetak)",
    FORMAT_SOFTCOPY: "Softcopy (PDF)",
}

FIRST_YEAR = 1945
"""The oldest publication year accepted: the Republic's first year."""
MAX_CATALOG_NUMBER = column_length(Publication.catalog_number)
MAX_TITLE = column_length(Publication.title)
MAX_REGION = column_length(Publication.region)
MAX_SHELF = column_length(Publication.shelf_location)
MAX_NOTES = 4000
MAX_STOCK = 99_999

MIN_SEARCH_LENGTH = 2
"""Letters a typed catalog search waits for (the desk at step 6, the sale form): one letter
matches most of the catalog."""
SEARCH_TOO_SHORT_TEXT = f"Ketik paling sedikit {MIN_SEARCH_LENGTH} huruf."

FORMAT_FIELD = "has_hardcopy"
"""Where the message 'choose at least one format' goes: a form showing the two formats as
one group should show the messages of ``has_hardcopy`` and ``has_softcopy`` beside it."""

_CATALOG_NUMBER = re.compile(r"^[A-Za-z0-9./-]+$")
_WHOLE_NUMBER = re.compile(r"^[+-]?\d+(?:\.0+)?$")
_ISSN = re.compile(r"^(\d{4})-?(\d{3}[\dX])$")
TRUE_WORDS = frozenset({"ya", "y", "yes", "true", "1", "benar", "ada"})
FALSE_WORDS = frozenset({"tidak", "t", "no", "n", "false", "0", "salah", "tidak ada", ""})


@dataclass(frozen=True)
class PublicationInput(CatalogColumns):
    """One catalog entry, checked and normalised."""

    notes: str | None


def subject_label(code: str) -> str:
    """The label of a subject code; an unknown code is shown as it is."""
    return SUBJECTS.get(code, code)


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text))


_SUBJECT_KEYS: dict[str, str] = {
    **{_key(label): code for code, label in SUBJECTS.items()},
    **{_key(code): code for code in SUBJECTS},
}


def subject_code(text: object) -> str | None:
    """The subject code for a code or a label, ignoring case, accents, spaces and punctuation
    ('Harga dan Inflasi', 'HARGA' → 'harga'); None when it is not a known subject."""
    if text is None:
        return None
    return _SUBJECT_KEYS.get(_key(str(text)))


def _cell(raw: object) -> object:
    """A whole-number spreadsheet cell (``2024.0``) as the whole number it shows (``2024``)."""
    return int(raw) if isinstance(raw, float) and raw.is_integer() else raw


def _text(raw: object) -> str:
    """A cell or field as trimmed text with inner runs of white space made single spaces."""
    raw = _cell(raw)
    return "" if raw is None else " ".join(str(raw).split())


def parse_flag(raw: object) -> bool | None:
    """ya/tidak, yes/no, 1/0, true/false (any case), a boolean, or empty (= no); None when
    the value is none of these."""
    if isinstance(raw, bool):
        return raw
    if raw is None:
        return False
    if isinstance(raw, int | float):
        return {0: False, 1: True}.get(raw)  # type: ignore[call-overload]
    word = _text(raw).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def parse_whole_number(raw: object) -> int | None:
    """A whole number from an int, a whole float (a spreadsheet's ``2024.0``) or text
    (``"2024"``, ``" 3 "``, ``"5.0"``); None when it is not one. Booleans are not numbers."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None
    text = _text(raw)
    if not _WHOLE_NUMBER.match(text):
        return None
    return int(text.split(".")[0])


def normalize_catalog_number(raw: object) -> str:
    """The catalog number trimmed and in capitals ('1603-dda-2024' → '1603-DDA-2024'), so
    that the same number typed twice in different case is one number."""
    number = required_text(
        "catalog_number",
        _cell(raw),
        label="Nomor katalog",
        limit=MAX_CATALOG_NUMBER,
        missing="Nomor katalog wajib diisi.",
    ).upper()
    if not _CATALOG_NUMBER.match(number):
        raise InputError.on(
            "catalog_number",
            "Nomor katalog hanya boleh berisi huruf, angka, titik, tanda hubung (-) dan "
            "garis miring (/), tanpa spasi, mis. 1603-DDA-2024.",
        )
    return number


def _isbn10_valid(digits: str) -> bool:
    total = sum((10 - i) * int(char) for i, char in enumerate(digits[:9]))
    check = 10 if digits[9] == "X" else int(digits[9])
    return (total + check) % 11 == 0


def _isbn13_valid(digits: str) -> bool:
    total = sum(int(char) * (3 if i % 2 else 1) for i, char in enumerate(digits))
    return total % 10 == 0


def normalize_isbn(raw: object) -> str | None:
    """An ISBN-10 or ISBN-13 whose check digit is right; hyphens and spaces are allowed and
    kept as hyphens ('978 602 438 123 3' → '978-602-438-123-3'). None when empty."""
    text = _text(raw).upper()
    if not text:
        return None
    written = re.sub(r"[\s-]+", "-", text).strip("-")
    digits = written.replace("-", "")
    if not re.fullmatch(r"\d{13}|\d{9}[\dX]", digits):
        raise InputError.on(
            "isbn", "ISBN harus 10 atau 13 angka (tanda hubung boleh), mis. 978-602-438-123-3."
        )
    valid = _isbn13_valid(digits) if len(digits) == 13 else _isbn10_valid(digits)
    if not valid:
        raise InputError.on("isbn", "ISBN tidak valid: angka pemeriksa (digit terakhir) salah.")
    return written


def normalize_issn(raw: object) -> str | None:
    """An ISSN as NNNN-NNNC with a right check digit (C may be X); the hyphen may be left out
    when typing. None when empty."""
    text = _text(raw).upper().replace(" ", "")
    if not text:
        return None
    match = _ISSN.match(text)
    if match is None:
        raise InputError.on("issn", "ISSN harus berbentuk NNNN-NNNN, mis. 0215-2436.")
    digits = match.group(1) + match.group(2)
    total = sum((8 - i) * int(char) for i, char in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    if digits[7] != ("X" if check == 10 else str(check)):
        raise InputError.on("issn", "ISSN tidak valid: angka pemeriksa (digit terakhir) salah.")
    return f"{match.group(1)}-{match.group(2)}"


def _title(raw: object) -> str:
    return required_text(
        "title", _cell(raw), label="Judul", limit=MAX_TITLE, missing="Judul wajib diisi."
    )


def _year(raw: object, current_year: int) -> int:
    if _text(raw) == "":
        raise InputError.on("year", "Tahun terbit wajib diisi.")
    year = parse_whole_number(raw)
    if year is None:
        raise InputError.on("year", "Tahun terbit harus berupa angka tahun, mis. 2024.")
    last = current_year + 1
    if not FIRST_YEAR <= year <= last:
        raise InputError.on("year", f"Tahun terbit harus antara {FIRST_YEAR} dan {last}.")
    return year


def _subject(raw: object) -> str:
    if _text(raw) == "":
        raise InputError.on("subject", "Subjek wajib dipilih.")
    code = subject_code(raw)
    if code is None:
        raise InputError.on(
            "subject",
            f"Subjek '{_text(raw)}' tidak dikenal. Pilih salah satu: {', '.join(SUBJECTS)}.",
        )
    return code


def _flag(field: str, raw: object) -> bool:
    value = parse_flag(raw)
    if value is None:
        name = FORMATS[FORMAT_HARDCOPY if field == "has_hardcopy" else FORMAT_SOFTCOPY]
        raise InputError.on(
            field, f"{name}: isian '{_text(raw)}' tidak dikenal; tulis ya atau tidak."
        )
    return value


def _stock(raw: object, has_hardcopy: bool | None) -> int:
    """The number of printed copies on the shelf: 0 when the publication has no hardcopy."""
    if _text(raw) == "":
        if has_hardcopy:
            raise InputError.on(
                "hardcopy_stock", "Stok hardcopy wajib diisi (0 bila semua eksemplar keluar)."
            )
        return 0
    stock = parse_whole_number(raw)
    if stock is None:
        raise InputError.on("hardcopy_stock", "Stok hardcopy harus bilangan bulat, mis. 3.")
    if stock < 0:
        raise InputError.on("hardcopy_stock", "Stok hardcopy tidak boleh negatif.")
    if stock > MAX_STOCK:
        raise InputError.on(
            "hardcopy_stock",
            f"Stok hardcopy terlalu besar (paling banyak {format_number(MAX_STOCK)}).",
        )
    if stock > 0 and has_hardcopy is False:
        raise InputError.on(
            "hardcopy_stock", "Stok harus 0 atau kosong bila publikasi tidak ada hardcopy-nya."
        )
    return stock


def _optional(
    field: str, label: str, limit: int, *, multiline: bool = False
) -> Callable[[object], str | None]:
    def check(raw: object) -> str | None:
        return optional_text(field, _cell(raw), label=label, limit=limit, multiline=multiline)

    return check


def validate_publication(raw: Mapping[str, object], *, current_year: int) -> PublicationInput:
    """Check a catalog entry given by field name (the ``PublicationInput`` field names) and
    raise ``InputError`` listing every problem, each under its field name.

    The subject may be given by code or label; the formats as booleans or ya/tidak text.
    'Choose at least one format' is reported under ``FORMAT_FIELD``.
    """
    errors: dict[str, str] = {}
    values: dict[str, object] = {}

    def attempt(field: str, check: Callable[[object], object]) -> None:
        try:
            values[field] = check(raw.get(field))
        except InputError as error:
            errors.update(error.errors)

    attempt("catalog_number", normalize_catalog_number)
    attempt("title", _title)
    attempt("year", lambda value: _year(value, current_year))
    attempt("subject", _subject)
    attempt("region", _optional("region", "Wilayah", MAX_REGION))
    attempt("isbn", normalize_isbn)
    attempt("issn", normalize_issn)
    attempt("has_hardcopy", lambda value: _flag("has_hardcopy", value))
    attempt("has_softcopy", lambda value: _flag("has_softcopy", value))
    has_hardcopy = values.get("has_hardcopy")
    attempt("hardcopy_stock", lambda value: _stock(value, has_hardcopy))  # type: ignore[arg-type]
    attempt("shelf_location", _optional("shelf_location", "Lokasi rak", MAX_SHELF))
    attempt("notes", _optional("notes", "Catatan", MAX_NOTES, multiline=True))
    if (
        values.get("has_hardcopy") is False
        and values.get("has_softcopy") is False
        and FORMAT_FIELD not in errors
    ):
        errors[FORMAT_FIELD] = "Pilih paling sedikit satu format: hardcopy atau softcopy."
    if errors:
        raise InputError(errors)
    return PublicationInput(**values)  # type: ignore[arg-type]
