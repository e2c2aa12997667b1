"""The office's own details as its documents print them: the name and city of the heading
(*kop*) and the contact line under it (address, telephone, e-mail), kept by the administrator
on *Profil kantor*."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.contact import normalize_email
from dashboard.errors import InputError
from dashboard.text_input import clean_text, column_length
from db.models import Office

MAX_NAME = column_length(Office.name)
MAX_CITY = column_length(Office.city)
MAX_ADDRESS = 150
"""One line under the heading of an A5 receipt."""
MAX_PHONE = column_length(Office.phone)
_PHONE = re.compile(r"^\+?[\d\s().\-/]+$")
MIN_PHONE_DIGITS = 6
SEPARATOR = " · "


@dataclass(frozen=True)
class OfficeProfile:
    name: str
    city: str
    address: str | None
    phone: str | None
    email: str | None


def _clean(raw: object) -> str:
    return " ".join(str(raw or "").split())


def _text(errors: dict[str, str], field: str, raw: object, label: str, limit: int) -> str:
    """The one text rule (``dashboard.text_input``); a refusal joins ``errors``."""
    try:
        return clean_text(field, raw, label=label, limit=limit)
    except InputError as error:
        errors.update(error.errors)
        return ""


def _required(errors: dict[str, str], field: str, raw: object, label: str, limit: int) -> str:
    text = _text(errors, field, raw, label, limit)
    if not text and field not in errors:
        errors[field] = f"{label} wajib diisi."
    return text


def _phone(errors: dict[str, str], raw: object) -> str | None:
    text = _clean(raw)
    if not text:
        return None
    digits = sum(character.isdigit() for character in text)
    if len(text) > MAX_PHONE or not _PHONE.match(text) or digits < MIN_PHONE_DIGITS:
        errors["phone"] = "Nomor telepon tidak valid, mis. (0734) 421234."
    return text


def validate_office_profile(
    *, name: object, city: object, address: object, phone: object, email: object
) -> OfficeProfile:
    """The form's values checked all at once (every problem keyed by its field)."""
    errors: dict[str, str] = {}
    clean_name = _required(errors, "name", name, "Nama kantor", MAX_NAME)
    clean_city = _required(errors, "city", city, "Kota tempat kantor", MAX_CITY)
    clean_address = _text(errors, "address", address, "Alamat", MAX_ADDRESS) or None
    clean_phone = _phone(errors, phone)
    clean_email = None
    try:
        clean_email = normalize_email(_clean(email))
    except InputError as error:
        errors.update(error.errors)
    if errors:
        raise InputError(errors)
    return OfficeProfile(clean_name, clean_city, clean_address, clean_phone, clean_email)


def office_heading(office_name: str) -> tuple[str, ...]:
    """The heading lines of the office, in capitals: 'BPS Kabupaten Muara Enim' gives
    ('BADAN PUSAT STATISTIK', 'KABUPATEN MUARA ENIM')."""
    for prefix in ("Badan Pusat Statistik ", "BPS "):
        if office_name.lower().startswith(prefix.lower()):
            rest = office_name[len(prefix) :].strip()
            return ("BADAN PUSAT STATISTIK", rest.upper()) if rest else ("BADAN PUSAT STATISTIK",)
    return (office_name.upper(),)


def contact_line(city: str, address: str | None, phone: str | None, email: str | None) -> str:
    """The line under the heading: 'Jl. Jenderal Sudirman No. 1, Muara Enim · Telp. (0734)
    421234 · bps1603@bps.go.id'; the city alone while the office has recorded none."""
    parts = [address or city]
    if phone:
        parts.append(f"Telp. {phone}")
    if email:
        parts.append(email)
    return SEPARATOR.join(parts)
