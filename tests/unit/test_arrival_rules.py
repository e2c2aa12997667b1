"""Rules of arrival (SOP steps 1-2): temperature, screening, visit codes, rack slots."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dashboard.errors import InputError
from dashboard.visits.arrival import (
    check_number_free,
    lowest_free_number,
    normalize_visit_code,
    parse_temperature,
    screen_visitor,
    visit_code,
    visit_code_sequence,
)

THRESHOLD = Decimal("37.5")


# -- temperature ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("36,6", Decimal("36.6")),
        ("36.6", Decimal("36.6")),
        (" 36,6 ", Decimal("36.6")),
        (36.6, Decimal("36.6")),
        (37, Decimal("37.0")),
        ("34", Decimal("34.0")),
        ("43", Decimal("43.0")),
        ("43,0", Decimal("43.0")),
    ],
)
def test_temperature_accepts_comma_dot_and_numbers(raw: object, expected: Decimal) -> None:
    value = parse_temperature(raw)
    assert value == expected
    assert value.as_tuple().exponent == -1  # one decimal, as a thermometer shows


@pytest.mark.parametrize("raw", ["33,9", "43,1", "0", "-36", "100", "1e1", "nan", "inf"])
def test_temperature_outside_34_to_43_is_refused(raw: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_temperature(raw)
    assert caught.value.errors == {"temperature": "Suhu tubuh harus antara 34 dan 43 °C."}


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_temperature_is_required(raw: object) -> None:
    with pytest.raises(InputError) as caught:
        parse_temperature(raw)
    assert caught.value.errors == {"temperature": "Suhu tubuh wajib diisi."}


@pytest.mark.parametrize("raw", ["abc", "36,6,1", "tiga puluh"])
def test_temperature_must_be_a_number(raw: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_temperature(raw)
    assert "angka" in caught.value.errors["temperature"]


# -- screening ------------------------------------------------------------------------------


def test_mask_and_normal_temperature_is_admitted() -> None:
    result = screen_visitor(True, Decimal("36.5"), THRESHOLD)
    assert result.admitted is True
    assert result.refusal_reason is None


def test_temperature_at_the_threshold_is_admitted() -> None:
    assert screen_visitor(True, Decimal("37.5"), THRESHOLD).admitted is True


def test_fever_above_threshold_is_refused() -> None:
    result = screen_visitor(True, Decimal("37.6"), THRESHOLD)
    assert result.admitted is False
    assert result.refusal_reason is not None
    assert "37,6" in result.refusal_reason


def test_no_mask_is_refused() -> None:
    result = screen_visitor(False, Decimal("36.5"), THRESHOLD)
    assert result.admitted is False
    assert result.refusal_reason == "Tidak memakai masker"


def test_no_mask_and_fever_gives_both_reasons() -> None:
    result = screen_visitor(False, Decimal("38.2"), THRESHOLD)
    assert result.admitted is False
    assert result.refusal_reason is not None
    assert result.refusal_reason.startswith("Tidak memakai masker; ")
    assert "38,2" in result.refusal_reason


def test_fever_reason_keeps_the_celsius_unit_as_written() -> None:
    """The reason is shown to staff and in reports: the unit must stay '°C', not '°c'."""
    result = screen_visitor(True, Decimal("38.2"), THRESHOLD)
    assert result.refusal_reason == "Suhu 38,2 °C di atas batas"


def test_mask_answer_is_required() -> None:
    with pytest.raises(InputError) as caught:
        screen_visitor(None, Decimal("36.5"), THRESHOLD)
    assert set(caught.value.errors) == {"mask"}
    assert "masker" in caught.value.errors["mask"]


# -- visit codes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sequence", "code"),
    [(1, "A-001"), (2, "A-002"), (17, "A-017"), (999, "A-999"), (1000, "B-001"), (1998, "B-999")],
)
def test_visit_code_sequence(sequence: int, code: str) -> None:
    assert visit_code(sequence) == code
    assert visit_code_sequence(code) == sequence


def test_visit_code_starts_at_one() -> None:
    with pytest.raises(ValueError):
        visit_code(0)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("a17", "A-017"),
        ("A-17", "A-017"),
        (" A-017 ", "A-017"),
        ("a 1", "A-001"),
        ("b-999", "B-999"),
        ("A-017", "A-017"),
    ],
)
def test_normalize_visit_code_accepts_what_an_officer_types(typed: str, expected: str) -> None:
    assert normalize_visit_code(typed) == expected


@pytest.mark.parametrize("typed", [None, "", "  ", "A", "17", "AB-1", "A-x1", "-017"])
def test_normalize_visit_code_rejects_non_codes(typed: str | None) -> None:
    assert normalize_visit_code(typed) == ""


# -- rack slots and reading tables ----------------------------------------------------------


def test_lowest_free_number() -> None:
    assert lowest_free_number([], 5) == 1
    assert lowest_free_number([1, 2, 4], 5) == 3
    assert lowest_free_number([2, 1, 3], 4) == 4
    assert lowest_free_number([1, 2, 3], 3) is None
    assert lowest_free_number([], 0) is None


@pytest.mark.parametrize("chosen", [3, "3", " 3 "])
def test_check_number_free_accepts_a_free_number(chosen: object) -> None:
    assert check_number_free("rack_slot", "rak", chosen, [1, 2], 30) == 3


@pytest.mark.parametrize("chosen", [None, "", "abc", "2,5"])
def test_check_number_free_requires_a_number(chosen: object) -> None:
    with pytest.raises(InputError) as caught:
        check_number_free("rack_slot", "rak", chosen, [], 30)
    assert caught.value.errors == {"rack_slot": "Pilih nomor rak."}


@pytest.mark.parametrize("chosen", [0, -1, 31])
def test_check_number_free_refuses_out_of_range(chosen: int) -> None:
    with pytest.raises(InputError) as caught:
        check_number_free("rack_slot", "rak", chosen, [], 30)
    assert caught.value.errors == {"rack_slot": "Nomor rak harus antara 1 dan 30."}


def test_check_number_free_refuses_a_taken_number() -> None:
    with pytest.raises(InputError) as caught:
        check_number_free("reading_table", "meja baca", 2, [1, 2], 8)
    assert caught.value.errors == {"reading_table": "Meja baca nomor 2 sedang terpakai."}


def test_check_number_free_edges_are_valid() -> None:
    assert check_number_free("rack_slot", "rak", 1, [], 30) == 1
    assert check_number_free("rack_slot", "rak", 30, [], 30) == 30
