"""Contact details as every form of the system checks them: an e-mail address is stored in
one form (trimmed, lower case), whoever gives it (a visitor, an agency, the office)."""

from __future__ import annotations

import re

from dashboard.errors import InputError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def normalize_email(raw: str | None) -> str | None:
    if raw is None or raw.strip() == "":
        return None
    email = raw.strip().lower()
    if len(email) > 254 or not _EMAIL.match(email):
        raise InputError.on("email", "Alamat email tidak valid, mis. nama@contoh.go.id.")
    return email
