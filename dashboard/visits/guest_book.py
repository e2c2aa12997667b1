"""SOP step 3: the guest book entry, checked and normalised before it is stored."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.contact import normalize_email
from dashboard.errors import InputError
from dashboard.text_input import column_length, optional_text, required_text
from db.models import Visitor

GENDERS = {"L": "Laki-laki", "P": "Perempuan"}
OLDEST_BIRTH_YEAR = 1900
MAX_NAME = column_length(Visitor.name)
_PHONE_DIGITS = re.compile(r"^0\d{8,13}$")


@dataclass(frozen=True)
class GuestBookEntry:
    name: str
    gender: str
    birth_year: int | None
    education: str | None
    occupation: str | None
    institution: str | None
    institution_type: str | None
    phone: str | None
    email: str | None


def normalize_phone(raw: str | None) -> str | None:
    """Indonesian phone numbers in one form: '+62 812-3456-789' and '0812 3456 789' are both
    '08123456789'. Returns None for an empty value; raises for a malformed one."""
    if raw is None or raw.strip() == "":
        return None
    digits = re.sub(r"[\s\-().]", "", raw.strip())
    for country_code in ("+62", "62"):
        if digits.startswith(country_code):
            # '+62 (0)812…' writes the trunk zero too; keep a single leading 0.
            digits = "0" + digits[len(country_code) :].lstrip("0")
            break
    if not _PHONE_DIGITS.match(digits):
        raise InputError.on(
            "phone", "Nomor telepon tidak valid: gunakan 9-14 angka, mis. 0812 3456 7890."
        )
    return digits


def _name(raw: str | None) -> str:
    return required_text(
        "name",
        raw,
        label="Nama",
        limit=MAX_NAME,
        missing="Nama pengunjung wajib diisi.",
    )


def _optional(field: str, raw: str | None, label: str) -> str | None:
    """A text of the visitor's record (a choice's code, or the institution typed), bounded by
    its column."""
    return optional_text(field, raw, label=label, limit=column_length(getattr(Visitor, field)))


def _birth_year(raw: object, current_year: int) -> int | None:
    if raw is None or str(raw).strip() == "":
        return None
    try:
        year = int(str(raw).strip())
    except ValueError as exc:
        raise InputError.on("birth_year", "Tahun lahir harus berupa angka, mis. 1998.") from exc
    if year > current_year:
        raise InputError.on("birth_year", "Tahun lahir tidak boleh di masa depan.")
    if year < OLDEST_BIRTH_YEAR:
        raise InputError.on("birth_year", f"Tahun lahir tidak boleh sebelum {OLDEST_BIRTH_YEAR}.")
    return year


def validate_guest_book(
    *,
    name: str | None,
    gender: str | None,
    birth_year: object,
    education: str | None,
    occupation: str | None,
    institution: str | None,
    institution_type: str | None,
    phone: str | None,
    email: str | None,
    current_year: int,
) -> GuestBookEntry:
    """Check every field and report all problems at once, each beside its field."""
    errors: dict[str, str] = {}
    if gender not in GENDERS:
        errors["gender"] = "Pilih jenis kelamin."
    values: dict[str, object] = {}
    for field, check in (
        ("name", lambda: _name(name)),
        ("education", lambda: _optional("education", education, "Pendidikan")),
        ("occupation", lambda: _optional("occupation", occupation, "Pekerjaan")),
        ("institution", lambda: _optional("institution", institution, "Instansi")),
        (
            "institution_type",
            lambda: _optional("institution_type", institution_type, "Jenis instansi"),
        ),
        ("birth_year", lambda: _birth_year(birth_year, current_year)),
        ("phone", lambda: normalize_phone(phone)),
        ("email", lambda: normalize_email(email)),
    ):
        try:
            values[field] = check()
        except InputError as error:
            errors.update(error.errors)
    if errors:
        raise InputError(errors)
    return GuestBookEntry(
        name=values["name"],  # type: ignore[arg-type]
        gender=str(gender),
        birth_year=values["birth_year"],  # type: ignore[arg-type]
        education=values["education"],  # type: ignore[arg-type]
        occupation=values["occupation"],  # type: ignore[arg-type]
        institution=values["institution"],  # type: ignore[arg-type]
        institution_type=values["institution_type"],  # type: ignore[arg-type]
        phone=values["phone"],  # type: ignore[arg-type]
        email=values["email"],  # type: ignore[arg-type]
    )
