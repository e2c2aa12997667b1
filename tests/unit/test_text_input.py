"""The one rule for text entering the system, and the one way exports write a cell."""

from __future__ import annotations

import pytest

from dashboard.errors import InputError
from dashboard.tabular_file import csv_cell, export_cell
from dashboard.text_input import clean_text, column_length, optional_text, required_text
from db.models import Sale, VisitStep


def refusal(raw: object, **options: object) -> str:
    with pytest.raises(InputError) as caught:
        clean_text("note", raw, label="Catatan", limit=20, **options)  # type: ignore[arg-type]
    return caught.value.errors["note"]


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f"])
def test_control_characters_are_refused_on_one_line_and_in_notes(character: str) -> None:
    for multiline in (False, True):
        message = refusal(f"ab{character}cd", multiline=multiline)
        assert message.startswith("Catatan memuat karakter kendali")


def test_c1_controls_lone_surrogates_and_non_characters_are_refused() -> None:
    for text in ("a\x85b", "a\ud800b", "a\uffffb"):
        assert "karakter kendali" in refusal(text)


def test_one_line_folds_breaks_and_tabs_a_note_keeps_them() -> None:
    assert clean_text("f", "  Siti\t\r\nAminah   ", label="Nama", limit=50) == "Siti Aminah"
    note = clean_text("f", " baris 1\r\n\tbaris 2\rbaris 3 ", label="N", limit=50, multiline=True)
    assert note == "baris 1\n\tbaris 2\nbaris 3"


def test_length_is_counted_after_cleaning() -> None:
    assert clean_text("note", "a" * 20 + "   ", label="Catatan", limit=20) == "a" * 20
    assert refusal("a" * 21) == "Catatan terlalu panjang (paling banyak 20 karakter)."


def test_optional_and_required() -> None:
    assert optional_text("f", "  ", label="X", limit=5) is None
    assert optional_text("f", None, label="X", limit=5) is None
    with pytest.raises(InputError) as caught:
        required_text("f", " \t ", label="X", limit=5, missing="Isi X.")
    assert caught.value.errors == {"f": "Isi X."}


def test_column_lengths_come_from_the_model() -> None:
    assert column_length(Sale.payer_name) == 200
    assert column_length(Sale.payment_reference) == 64
    with pytest.raises(TypeError):
        column_length(VisitStep.note)  # a Text column names its limit where it is checked


def test_an_export_cell_shows_what_a_spreadsheet_cannot_hold() -> None:
    assert export_cell("Siti\x00Ami\x0bnah\x1f") == "Siti\ufffdAmi\ufffdnah\ufffd"
    assert export_cell("baris 1\nbaris 2\tx") == "baris 1\nbaris 2\tx"
    assert export_cell(2024) == 2024 and export_cell(None) is None


@pytest.mark.parametrize("text", ["=1+1", "+62 812", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_a_csv_cell_starting_like_a_formula_is_quoted(text: str) -> None:
    assert csv_cell(text) == f"'{text}"


def test_other_csv_cells_are_left_alone() -> None:
    assert csv_cell("Dalam Angka 2024") == "Dalam Angka 2024"
    assert csv_cell(-5) == -5  # a number is no formula
    assert csv_cell("a=b") == "a=b"
