"""The office profile's rules: what the form accepts, and the contact line under the heading."""

from __future__ import annotations

import pytest

from dashboard.errors import InputError
from dashboard.office.profile import (
    MAX_ADDRESS,
    contact_line,
    office_heading,
    validate_office_profile,
)
from dashboard.office.profile_layout import heading_preview

GOOD = {
    "name": "  BPS Kabupaten   Muara Enim ",
    "city": "Muara Enim",
    "address": "Jl. Jenderal Sudirman No. 1,  Muara Enim 31311",
    "phone": "(0734) 421234",
    "email": " BPS1603@bps.go.id ",
}


def test_a_good_profile_is_cleaned() -> None:
    profile = validate_office_profile(**GOOD)
    assert profile.name == "BPS Kabupaten Muara Enim"
    assert profile.address == "Jl. Jenderal Sudirman No. 1, Muara Enim 31311"
    assert (profile.phone, profile.email) == ("(0734) 421234", "bps1603@bps.go.id")


def test_contacts_are_optional() -> None:
    profile = validate_office_profile(**GOOD | {"address": " ", "phone": None, "email": ""})
    assert (profile.address, profile.phone, profile.email) == (None, None, None)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(InputError) as refused:
        validate_office_profile(
            name="",
            city=" ",
            address="x" * (MAX_ADDRESS + 1),
            phone="telepon kantor",
            email="bps@",
        )
    assert set(refused.value.errors) == {"name", "city", "address", "phone", "email"}
    assert "wajib" in refused.value.errors["name"]


@pytest.mark.parametrize("phone", ["12345", "0734-42 12 34 ext", "+62 " + "1" * 40])
def test_a_phone_needs_digits_and_phone_signs_only(phone: str) -> None:
    with pytest.raises(InputError, match="telepon"):
        validate_office_profile(**GOOD | {"phone": phone})


def test_the_contact_line_falls_back_to_the_city() -> None:
    assert contact_line("Muara Enim", None, None, None) == "Muara Enim"
    assert contact_line("Muara Enim", None, "0734 421234", None) == "Muara Enim · Telp. 0734 421234"
    assert (
        contact_line("Muara Enim", "Jl. A No. 1", None, "bps1603@bps.go.id")
        == "Jl. A No. 1 · bps1603@bps.go.id"
    )


def test_the_preview_shows_the_heading_as_the_receipt_prints_it() -> None:
    parts = heading_preview("BPS Kabupaten Muara Enim", "Muara Enim", "Jl. A No. 1", "", "")
    texts = [part.children for part in parts[:3]]
    assert texts == ["BADAN PUSAT STATISTIK", "KABUPATEN MUARA ENIM", "Jl. A No. 1"]


def test_office_heading() -> None:
    assert office_heading("Badan Pusat Statistik Provinsi Sumatera Selatan") == (
        "BADAN PUSAT STATISTIK",
        "PROVINSI SUMATERA SELATAN",
    )
    assert office_heading("Kantor Contoh") == ("KANTOR CONTOH",)
