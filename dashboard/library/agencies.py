"""The agency directory's rules: the other offices a visitor may be referred to (SOP step 7)
and the topics whose data each holds.

Topics are typed as one text separated by semicolons ("kesehatan; puskesmas; gizi") and
stored the same way; the referral suggestions match a request's words against them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import cast

from dashboard.contact import normalize_email
from dashboard.errors import InputError
from dashboard.text_input import (
    column_length,
    control_character_message,
    has_control_character,
    optional_text,
    required_text,
)
from db.models import Agency

MAX_NAME = column_length(Agency.name)
MAX_TOPIC = 100
MAX_TOPICS = 60
MAX_ADDRESS = 500
MAX_PHONE = column_length(Agency.phone)
MAX_WEBSITE = column_length(Agency.website)
MAX_NOTES = 2000
TOPIC_SEPARATOR = "; "

_TOPIC_SPLIT = re.compile(r"[;\n]+")
_PHONE_CHARS = re.compile(r"^[0-9+()\s./-]+$")
_PHONE_DIGITS = re.compile(r"\d")
_WEBSITE = re.compile(r"^(https?://)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(/\S*)?$")


@dataclass(frozen=True)
class AgencyInput:
    """One directory entry, checked and normalised."""

    name: str
    topics: tuple[str, ...]
    address: str | None
    phone: str | None
    email: str | None
    website: str | None
    notes: str | None


def _text(raw: object) -> str:
    return "" if raw is None else " ".join(str(raw).split())


def split_topics(raw: object) -> tuple[str, ...]:
    """Topics from 'a; b; c' text (or lines, or a list): trimmed, empty ones dropped, and a
    topic repeated in another case kept once, in the order given."""
    if isinstance(raw, str) or raw is None:
        parts: Iterable[object] = _TOPIC_SPLIT.split(raw or "")
    else:
        parts = cast(Iterable[object], raw)
    topics: list[str] = []
    seen: set[str] = set()
    for part in parts:
        topic = _text(part)
        if topic and topic.casefold() not in seen:
            seen.add(topic.casefold())
            topics.append(topic)
    return tuple(topics)


def join_topics(topics: Iterable[str]) -> str:
    return TOPIC_SEPARATOR.join(topics)


def _name(raw: object) -> str:
    return required_text(
        "name", raw, label="Nama instansi", limit=MAX_NAME, missing="Nama instansi wajib diisi."
    )


def _topics(raw: object) -> tuple[str, ...]:
    written = [raw] if isinstance(raw, str) else cast(Iterable[object], raw or ())
    if any(has_control_character(str(part)) for part in written):
        raise InputError.on("topics", control_character_message("Topik"))
    topics = split_topics(raw)
    if not topics:
        raise InputError.on(
            "topics",
            "Isi paling sedikit satu topik data yang dimiliki instansi, dipisah titik koma, "
            "mis. kesehatan; puskesmas; gizi.",
        )
    if len(topics) > MAX_TOPICS:
        raise InputError.on("topics", f"Terlalu banyak topik (paling banyak {MAX_TOPICS}).")
    long_topic = next((topic for topic in topics if len(topic) > MAX_TOPIC), None)
    if long_topic is not None:
        raise InputError.on(
            "topics",
            f"Topik '{long_topic[:30]}…' terlalu panjang (paling banyak {MAX_TOPIC} huruf); "
            "pisahkan topik dengan titik koma (;).",
        )
    return topics


def normalize_agency_phone(raw: object) -> str | None:
    """A telephone as written ('(0734) 421234', '0812-7000-1234'), checked for 9-15 digits
    and the usual characters; the written form is kept because it is printed on the slip."""
    phone = _text(raw)
    if not phone:
        return None
    digits = len(_PHONE_DIGITS.findall(phone))
    if len(phone) > MAX_PHONE or not _PHONE_CHARS.match(phone) or not 9 <= digits <= 15:
        raise InputError.on(
            "phone",
            "Nomor telepon tidak valid: 9-15 angka, mis. (0734) 421234 atau 0812 3456 7890.",
        )
    return phone


def normalize_website(raw: object) -> str | None:
    website = _text(raw)
    if not website:
        return None
    if len(website) > MAX_WEBSITE or not _WEBSITE.match(website):
        raise InputError.on("website", "Alamat situs tidak valid, mis. https://muaraenimkab.go.id.")
    return website


def _note(field: str, label: str, limit: int) -> Callable[[object], str | None]:
    """A text area's text (its line breaks kept)."""

    def check(raw: object) -> str | None:
        return optional_text(field, raw, label=label, limit=limit, multiline=True)

    return check


def validate_agency(raw: Mapping[str, object]) -> AgencyInput:
    """Check a directory entry given by field name (the ``AgencyInput`` field names; topics
    as 'a; b; c' text) and raise ``InputError`` listing every problem under its field."""
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    checks: dict[str, Callable[[object], object]] = {
        "name": _name,
        "topics": _topics,
        "address": _note("address", "Alamat", MAX_ADDRESS),
        "phone": normalize_agency_phone,
        "email": lambda value: normalize_email(_text(value)),
        "website": normalize_website,
        "notes": _note("notes", "Catatan", MAX_NOTES),
    }
    for field, check in checks.items():
        try:
            values[field] = check(raw.get(field))
        except InputError as error:
            errors.update(error.errors)
    if errors:
        raise InputError(errors)
    return AgencyInput(**values)  # type: ignore[arg-type]
