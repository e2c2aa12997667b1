"""The catalog's and the agency directory's rules: every field checked, every problem reported
at once under its field, in Indonesian."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard.errors import InputError
from dashboard.library.agencies import AgencyInput, join_topics, split_topics, validate_agency
from dashboard.library.catalog import (
    FORMAT_FIELD,
    SUBJECTS,
    PublicationInput,
    normalize_isbn,
    normalize_issn,
    parse_flag,
    parse_whole_number,
    subject_code,
    validate_publication,
)
from dashboard.library.catalog_service import search_columns

YEAR = 2026


def entry(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "catalog_number": "1603-DDA-2024",
        "title": "Kabupaten Muara Enim Dalam Angka 2024",
        "year": "2024",
        "subject": "wilayah",
        "region": "Kabupaten Muara Enim",
        "isbn": "",
        "issn": "",
        "has_hardcopy": True,
        "hardcopy_stock": "3",
        "shelf_location": "Rak A-1",
        "has_softcopy": True,
        "notes": "",
    }
    values.update(changes)
    return values


def problems(**changes: object) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        validate_publication(entry(**changes), current_year=YEAR)
    return caught.value.errors


def test_a_good_entry_is_normalised() -> None:
    result = validate_publication(
        entry(
            catalog_number="  1603-dda-2024 ",
            title="  Kabupaten  Muara Enim\nDalam Angka 2024 ",
            subject="Wilayah dalam Angka",
            isbn="978 602 438 123 3",
            issn="02152436",
            notes="  Catatan\nbaris kedua  ",
            region="",
        ),
        current_year=YEAR,
    )
    assert result == PublicationInput(
        catalog_number="1603-DDA-2024",
        title="Kabupaten Muara Enim Dalam Angka 2024",
        year=2024,
        subject="wilayah",
        region=None,
        isbn="978-602-438-123-3",
        issn="0215-2436",
        has_hardcopy=True,
        hardcopy_stock=3,
        shelf_location="Rak A-1",
        has_softcopy=True,
        notes="Catatan\nbaris kedua",
    )


def test_every_problem_is_reported_at_once_under_its_field() -> None:
    errors = problems(
        catalog_number="",
        title=" ",
        year="dua ribu",
        subject="astronomi",
        isbn="123",
        issn="1234-5678",
        hardcopy_stock="-2",
    )
    assert errors == {
        "catalog_number": "Nomor katalog wajib diisi.",
        "title": "Judul wajib diisi.",
        "year": "Tahun terbit harus berupa angka tahun, mis. 2024.",
        "subject": (
            "Subjek 'astronomi' tidak dikenal. Pilih salah satu: " + ", ".join(SUBJECTS) + "."
        ),
        "isbn": "ISBN harus 10 atau 13 angka (tanda hubung boleh), mis. 978-602-438-123-3.",
        "issn": "ISSN tidak valid: angka pemeriksa (digit terakhir) salah.",
        "hardcopy_stock": "Stok hardcopy tidak boleh negatif.",
    }


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("1603 DDA 2024", "hanya boleh berisi huruf, angka, titik"),
        ("1603_DDA", "hanya boleh berisi huruf, angka, titik"),
        ("A" * 41, "terlalu panjang (paling banyak 40"),
    ],
)
def test_catalog_number_shape(number: str, message: str) -> None:
    assert message in problems(catalog_number=number)["catalog_number"]


def test_catalog_number_allows_dots_and_slashes() -> None:
    result = validate_publication(entry(catalog_number="bps.1603/pub-2024"), current_year=YEAR)
    assert result.catalog_number == "BPS.1603/PUB-2024"


@pytest.mark.parametrize(
    ("year", "accepted"),
    [(1944, False), (1945, True), (2027, True), (2028, False), (2024.0, True), ("2024.0", True)],
)
def test_year_range_is_1945_to_next_year(year: object, accepted: bool) -> None:
    if accepted:
        result = validate_publication(entry(year=year), current_year=YEAR)
        assert result.year == int(float(str(year)))
    else:
        assert problems(year=year)["year"] == "Tahun terbit harus antara 1945 dan 2027."


def test_year_is_required_and_whole() -> None:
    assert problems(year="")["year"] == "Tahun terbit wajib diisi."
    assert "angka tahun" in problems(year=2024.5)["year"]
    assert "angka tahun" in problems(year=True)["year"]


def test_subject_by_code_or_label_ignoring_case_and_punctuation() -> None:
    assert subject_code("pertanian, kehutanan dan perikanan") == "pertanian"
    assert subject_code("HARGA") == "harga"
    assert subject_code("Neraca Nasional dan PDRB") == "neraca"
    assert subject_code("ekonomi") is None
    assert problems(subject="")["subject"] == "Subjek wajib dipilih."


def test_at_least_one_format() -> None:
    errors = problems(has_hardcopy=False, has_softcopy="tidak", hardcopy_stock="")
    assert errors == {FORMAT_FIELD: "Pilih paling sedikit satu format: hardcopy atau softcopy."}


def test_unknown_format_value_is_named() -> None:
    errors = problems(has_softcopy="pdf")
    assert errors == {
        "has_softcopy": "Softcopy (PDF): isian 'pdf' tidak dikenal; tulis ya atau tidak."
    }


@pytest.mark.parametrize(
    ("stock", "hardcopy", "expected"),
    [
        ("0", True, 0),
        (7.0, True, 7),
        ("", False, 0),
        (None, False, 0),
        ("0", False, 0),
    ],
)
def test_stock_accepted(stock: object, hardcopy: bool, expected: int) -> None:
    result = validate_publication(
        entry(hardcopy_stock=stock, has_hardcopy=hardcopy), current_year=YEAR
    )
    assert result.hardcopy_stock == expected


@pytest.mark.parametrize(
    ("stock", "hardcopy", "message"),
    [
        ("-1", True, "Stok hardcopy tidak boleh negatif."),
        ("2,5", True, "Stok hardcopy harus bilangan bulat, mis. 3."),
        (2.5, True, "Stok hardcopy harus bilangan bulat, mis. 3."),
        ("", True, "Stok hardcopy wajib diisi (0 bila semua eksemplar keluar)."),
        ("100000", True, "Stok hardcopy terlalu besar (paling banyak 99.999)."),
        ("3", False, "Stok harus 0 atau kosong bila publikasi tidak ada hardcopy-nya."),
    ],
)
def test_stock_refused(stock: object, hardcopy: bool, message: str) -> None:
    assert problems(hardcopy_stock=stock, has_hardcopy=hardcopy)["hardcopy_stock"] == message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("978-0-306-40615-7", "978-0-306-40615-7"),
        ("9780306406157", "9780306406157"),
        (9780306406157, "9780306406157"),
        (9780306406157.0, "9780306406157"),
        ("0-306-40615-2", "0-306-40615-2"),
        ("123456789x", "123456789X"),
        ("", None),
        (None, None),
    ],
)
def test_isbn_accepted(raw: object, expected: str | None) -> None:
    assert normalize_isbn(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("978-0-306-40615-8", "angka pemeriksa"),
        ("0-306-40615-3", "angka pemeriksa"),
        ("12345", "10 atau 13 angka"),
        ("978-0-306-4061A-7", "10 atau 13 angka"),
    ],
)
def test_isbn_refused(raw: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        normalize_isbn(raw)
    assert message in caught.value.errors["isbn"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2049-3630", "2049-3630"), ("0000006x", "0000-006X"), (" 0317-8471 ", "0317-8471")],
)
def test_issn_accepted(raw: str, expected: str) -> None:
    assert normalize_issn(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2049-3631", "ISSN tidak valid: angka pemeriksa (digit terakhir) salah."),
        ("204-93630", "ISSN harus berbentuk NNNN-NNNN, mis. 0215-2436."),
        ("ISSN 2049-3630", "ISSN harus berbentuk NNNN-NNNN, mis. 0215-2436."),
    ],
)
def test_issn_refused(raw: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        normalize_issn(raw)
    assert caught.value.errors == {"issn": message}


def test_long_optional_texts_are_refused() -> None:
    errors = problems(region="x" * 201, shelf_location="r" * 65, notes="n" * 4001)
    assert errors == {
        "region": "Wilayah terlalu panjang (paling banyak 200 karakter).",
        "shelf_location": "Lokasi rak terlalu panjang (paling banyak 64 karakter).",
        "notes": "Catatan terlalu panjang (paling banyak 4.000 karakter).",
    }


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ya", True),
        ("YES", True),
        ("1", True),
        ("true", True),
        (1.0, True),
        (True, True),
        ("tidak", False),
        ("No", False),
        ("0", False),
        ("FALSE", False),
        ("", False),
        (None, False),
        (0, False),
        ("mungkin", None),
        (2, None),
    ],
)
def test_flags(raw: object, expected: bool | None) -> None:
    assert parse_flag(raw) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (3, 3),
        ("3", 3),
        (" 12 ", 12),
        (4.0, 4),
        ("4.0", 4),
        ("-2", -2),
        ("3,5", None),
        (False, None),
    ],
)
def test_whole_numbers(raw: object, expected: int | None) -> None:
    assert parse_whole_number(raw) == expected


def test_search_columns_hold_title_region_subject_and_identifiers() -> None:
    data = validate_publication(
        entry(
            catalog_number="1603-KDA-LAWANGKIDUL-2024",
            title="Kecamatan Lawang Kidul Dalam Angka 2024",
            region="Kecamatan Lawang Kidul",
            subject="kependudukan",
            isbn="978-0-306-40615-7",
            issn="2049-3630",
            notes="Penduduk per desa",
        ),
        current_year=YEAR,
    )
    columns = search_columns(data)
    assert "lawang kidul" in columns["search_title"]
    assert "camat" in columns["search_title"].split()  # 'Kecamatan' stems to 'camat'
    assert columns["search_subject"].split()[:2] == ["kependudukan", "duduk"]
    notes = columns["search_notes"].split()
    assert {"penduduk", "duduk", "9780306406157", "20493630", "1603", "kda"} <= set(notes)


# -- the agency directory ----------------------------------------------------------------------


def agency(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "Dinas Kesehatan",
        "topics": "kesehatan; puskesmas; gizi; stunting",
        "address": "Jl. Jenderal Sudirman, Muara Enim",
        "phone": "(0734) 421234",
        "email": "Dinkes@MuaraEnimKab.go.id",
        "website": "https://dinkes.muaraenimkab.go.id",
        "notes": "",
    }
    values.update(changes)
    return values


def test_a_good_agency_is_normalised() -> None:
    result = validate_agency(agency(topics="kesehatan;  Puskesmas ;gizi;\npuskesmas;;"))
    assert result == AgencyInput(
        name="Dinas Kesehatan",
        topics=("kesehatan", "Puskesmas", "gizi"),
        address="Jl. Jenderal Sudirman, Muara Enim",
        phone="(0734) 421234",
        email="dinkes@muaraenimkab.go.id",
        website="https://dinkes.muaraenimkab.go.id",
        notes=None,
    )


def test_agency_problems_are_reported_at_once() -> None:
    with pytest.raises(InputError) as caught:
        validate_agency(
            agency(name=" ", topics=" ; ", phone="12", email="bukan-email", website="dinkes")
        )
    assert caught.value.errors == {
        "name": "Nama instansi wajib diisi.",
        "topics": (
            "Isi paling sedikit satu topik data yang dimiliki instansi, dipisah titik koma, "
            "mis. kesehatan; puskesmas; gizi."
        ),
        "phone": ("Nomor telepon tidak valid: 9-15 angka, mis. (0734) 421234 atau 0812 3456 7890."),
        "email": "Alamat email tidak valid, mis. nama@contoh.go.id.",
        "website": "Alamat situs tidak valid, mis. https://muaraenimkab.go.id.",
    }


def test_agency_optional_contacts_may_be_empty() -> None:
    result = validate_agency({"name": "Dinas Sosial", "topics": ["sosial", "kemiskinan"]})
    assert (result.topics, result.phone, result.email, result.website) == (
        ("sosial", "kemiskinan"),
        None,
        None,
        None,
    )


def test_a_topic_too_long_suggests_the_separator() -> None:
    with pytest.raises(InputError) as caught:
        validate_agency(agency(topics="kesehatan, " * 12))
    assert "pisahkan topik dengan titik koma" in caught.value.errors["topics"]


def test_topics_round_trip_through_their_text() -> None:
    topics = split_topics("kesehatan; gizi; rumah sakit")
    assert split_topics(join_topics(topics)) == topics == ("kesehatan", "gizi", "rumah sakit")
