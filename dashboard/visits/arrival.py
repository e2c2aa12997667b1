"""Rules of arrival (SOP steps 1-2): screening, the visit code on the bag tag, rack slots."""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from dashboard.errors import InputError

MIN_TEMPERATURE = Decimal("34")
MAX_TEMPERATURE = Decimal("43")
CODES_PER_LETTER = 999


@dataclass(frozen=True)
class ScreeningResult:
    admitted: bool
    refusal_reason: str | None


def parse_temperature(raw: object) -> Decimal:
    """A body temperature in °C from a form value ('36,6', '36.6' or a number)."""
    if raw is None or str(raw).strip() == "":
        raise InputError.on("temperature", "Suhu tubuh wajib diisi.")
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise InputError.on("temperature", "Suhu tubuh harus berupa angka, mis. 36,5.") from exc
    if not value.is_finite() or not MIN_TEMPERATURE <= value <= MAX_TEMPERATURE:
        raise InputError.on("temperature", "Suhu tubuh harus antara 34 dan 43 °C.")
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def screen_visitor(
    mask_worn: bool | None, temperature: Decimal, fever_threshold: Decimal
) -> ScreeningResult:
    """SOP step 1: no mask, or a temperature above the fever threshold, is not admitted."""
    if mask_worn is None:
        raise InputError.on("mask", "Pilih apakah pengunjung memakai masker.")
    reasons = []
    if not mask_worn:
        reasons.append("tidak memakai masker")
    if temperature > fever_threshold:
        reasons.append(f"suhu {str(temperature).replace('.', ',')} °C di atas batas")
    if reasons:
        reason = "; ".join(reasons)
        return ScreeningResult(admitted=False, refusal_reason=reason[:1].upper() + reason[1:])
    return ScreeningResult(admitted=True, refusal_reason=None)


def visit_code(sequence: int) -> str:
    """The daily visit code printed on the bag tag: A-001 … A-999, then B-001 …"""
    if sequence < 1:
        raise ValueError("sequence starts at 1")
    letter_index, number = divmod(sequence - 1, CODES_PER_LETTER)
    return f"{string.ascii_uppercase[letter_index % 26]}-{number + 1:03d}"


def visit_code_sequence(code: str) -> int:
    letter, number = code.split("-")
    return string.ascii_uppercase.index(letter) * CODES_PER_LETTER + int(number)


def normalize_visit_code(raw: str | None) -> str:
    """Accept what an officer types from a tag: 'a17', 'A-17', ' A-017 ' all mean A-017."""
    cleaned = (raw or "").strip().upper().replace(" ", "").replace("-", "")
    if len(cleaned) < 2 or cleaned[0] not in string.ascii_uppercase or not cleaned[1:].isdigit():
        return ""
    return f"{cleaned[0]}-{int(cleaned[1:]):03d}"


def lowest_free_number(taken: Iterable[int], capacity: int) -> int | None:
    """The first free rack slot or reading table, or None when all are taken."""
    used = set(taken)
    return next((number for number in range(1, capacity + 1) if number not in used), None)


def check_number_free(
    field: str, noun: str, number: object, taken: Iterable[int], capacity: int
) -> int:
    """Validate a rack slot / reading table chosen on the form."""
    try:
        value = int(str(number).strip())
    except (TypeError, ValueError) as exc:
        raise InputError.on(field, f"Pilih nomor {noun}.") from exc
    if not 1 <= value <= capacity:
        raise InputError.on(field, f"Nomor {noun} harus antara 1 dan {capacity}.")
    if value in set(taken):
        raise InputError.on(field, f"{noun.capitalize()} nomor {value} sedang terpakai.")
    return value
