"""SOP step 3: the guest book entry is checked and normalised before it is stored."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard.errors import InputError
from dashboard.visits.guest_book import (
    GuestBookEntry,
    normalize_email,
    normalize_phone,
)
from tests.helpers.desk import guest

YEAR = 2026


def entry(**changes: Any) -> GuestBookEntry:
    """The desk's guest-book entry, with an e-mail address to normalise."""
    return guest(**{"email": "Siti@Contoh.go.id", "current_year": YEAR, **changes})


def errors_of(**changes: Any) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        entry(**changes)
    return caught.value.errors


# -- a good entry ---------------------------------------------------------------------------


def test_good_entry_is_normalised() -> None:
    result = entry(name="  Siti Aminah  ", institution="  Universitas Sriwijaya ")
    assert result.name == "Siti Aminah"
    assert result.gender == "P"
    assert result.birth_year == 1999
    assert result.phone == "081234567890"
    assert result.email == "siti@contoh.go.id"
    assert result.institution == "Universitas Sriwijaya"


def test_optional_fields_may_be_empty() -> None:
    result = entry(
        birth_year="",
        education=None,
        occupation="",
        institution="  ",
        institution_type=None,
        phone="",
        email=None,
    )
    assert result.birth_year is None
    assert result.education is None
    assert result.occupation is None
    assert result.institution is None
    assert result.institution_type is None
    assert result.phone is None
    assert result.email is None


def test_birth_year_this_year_and_1900_are_accepted() -> None:
    assert entry(birth_year=str(YEAR)).birth_year == YEAR
    assert entry(birth_year=1900).birth_year == 1900


# -- each field's error ---------------------------------------------------------------------


@pytest.mark.parametrize("name", [None, "", "   "])
def test_name_is_required(name: str | None) -> None:
    assert errors_of(name=name) == {"name": "Nama pengunjung wajib diisi."}


def test_name_too_long() -> None:
    assert set(errors_of(name="x" * 201)) == {"name"}
    assert entry(name="x" * 200).name == "x" * 200


@pytest.mark.parametrize("gender", [None, "", "X", "l", "Laki-laki"])
def test_gender_must_be_l_or_p(gender: str | None) -> None:
    assert errors_of(gender=gender) == {"gender": "Pilih jenis kelamin."}


def test_future_birth_year_is_refused() -> None:
    assert errors_of(birth_year=str(YEAR + 1)) == {
        "birth_year": "Tahun lahir tidak boleh di masa depan."
    }


def test_birth_year_before_1900_is_refused() -> None:
    assert errors_of(birth_year="1899") == {"birth_year": "Tahun lahir tidak boleh sebelum 1900."}


@pytest.mark.parametrize("birth_year", ["abc", "19,99", "1999.5"])
def test_birth_year_must_be_a_whole_number(birth_year: str) -> None:
    assert errors_of(birth_year=birth_year) == {
        "birth_year": "Tahun lahir harus berupa angka, mis. 1998."
    }


@pytest.mark.parametrize("phone", ["12345", "0812", "0812-ABC-7890", "08123456789012345", "+1 555"])
def test_malformed_phone_is_refused(phone: str) -> None:
    errors = errors_of(phone=phone)
    assert set(errors) == {"phone"}
    assert errors["phone"].startswith("Nomor telepon tidak valid")


@pytest.mark.parametrize("email", ["siti", "siti@", "@contoh.go.id", "siti@contoh", "a b@c.id"])
def test_malformed_email_is_refused(email: str) -> None:
    assert errors_of(email=email) == {"email": "Alamat email tidak valid, mis. nama@contoh.go.id."}


def test_all_errors_are_reported_at_once() -> None:
    errors = errors_of(name="", gender=None, birth_year="3000", phone="12", email="bukan-email")
    assert set(errors) == {"name", "gender", "birth_year", "phone", "email"}
    assert all(message and message[0].isupper() for message in errors.values())


# -- normalisers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "0812 3456 7890",
        "0812-3456-7890",
        "(0812) 3456.7890",
        "+62 812-3456-7890",
        "+6281234567890",
        "6281234567890",
    ],
)
def test_phone_forms_are_one_number(raw: str) -> None:
    assert normalize_phone(raw) == "081234567890"


def test_phone_with_the_trunk_zero_after_the_country_code() -> None:
    """'+62 (0)812…' is a common written form; it is the same number as '0812…'."""
    assert normalize_phone("+62 (0)812 3456 7890") == "081234567890"
    assert normalize_phone("+62 0812 3456 7890") == "081234567890"


def test_phone_length_edges() -> None:
    assert normalize_phone("0" + "1" * 8) == "0" + "1" * 8
    assert normalize_phone("0" + "1" * 13) == "0" + "1" * 13
    with pytest.raises(InputError):
        normalize_phone("0" + "1" * 7)
    with pytest.raises(InputError):
        normalize_phone("0" + "1" * 14)


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_empty_phone_and_email_are_none(raw: str | None) -> None:
    assert normalize_phone(raw) is None
    assert normalize_email(raw) is None


def test_email_is_trimmed_and_lower_case() -> None:
    assert normalize_email("  Budi.S@BPS.go.id ") == "budi.s@bps.go.id"


def test_email_longer_than_254_is_refused() -> None:
    with pytest.raises(InputError):
        normalize_email("a" * 250 + "@b.id")
