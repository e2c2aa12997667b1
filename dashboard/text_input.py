"""The one rule for text entering the system, typed in a form, read from an imported file or
given on the command line: no control characters, and no longer than its column holds.

A control character (NUL, vertical tab, the separators ``\\x1c``-``\\x1f``, DEL, C1 codes) is
invisible on the page, usually pasted along with text from elsewhere, and breaks what is
made from the row later (an XLSX export refuses it for good). It is refused with a message
beside the field, never stored and never silently dropped. A single-line field folds line
breaks and tabs into single spaces; a multi-line field (a note) keeps its line breaks and
tabs. Lengths come from the column (``column_length``), so a form, an import and the database
agree on one number.
"""

from __future__ import annotations

import re
from typing import Any

from dashboard.errors import InputError
from dashboard.i18n import format_number

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""What no text may hold: C0 controls but tab, line feed and carriage return; DEL and the
C1 controls; lone surrogates (not encodable as UTF-8); the two non-characters XML refuses."""
_FOLDED = re.compile(r"[ \t\r\n]+")
_LINE_BREAK = re.compile(r"\r\n?")


def column_length(attribute: Any) -> int:
    """The length of a ``String(n)`` column of ``db.models`` (``column_length(Sale.payer_name)``),
    the one bound of what a form or an import may put into it."""
    length = attribute.property.columns[0].type.length
    if length is None:
        raise TypeError(f"{attribute} has no length: give the limit of its text explicitly")
    return int(length)


def has_control_character(text: str) -> bool:
    """Whether ``text`` holds a character no field accepts (tab and line breaks aside)."""
    return _CONTROL.search(text) is not None


def control_character_message(label: str) -> str:
    return (
        f"{label} memuat karakter kendali yang tidak terlihat (biasanya terbawa saat menyalin "
        "teks); hapus lalu ketik ulang."
    )


def too_long_message(label: str, limit: int) -> str:
    return f"{label} terlalu panjang (paling banyak {format_number(limit)} karakter)."


def clean_text(field: str, raw: object, *, label: str, limit: int, multiline: bool = False) -> str:
    """``raw`` as the text to store ('' when nothing was given): trimmed, and on a single line
    its runs of spaces, tabs and line breaks made one space; a multi-line text keeps its line
    breaks (as ``\\n``) and tabs. ``field`` is refused (``InputError``, ``label`` naming it)
    when the text holds a control character or is longer than ``limit``."""
    text = "" if raw is None else str(raw)
    if has_control_character(text):
        raise InputError.on(field, control_character_message(label))
    text = _LINE_BREAK.sub("\n", text).strip() if multiline else _FOLDED.sub(" ", text).strip()
    if len(text) > limit:
        raise InputError.on(field, too_long_message(label, limit))
    return text


def optional_text(
    field: str, raw: object, *, label: str, limit: int, multiline: bool = False
) -> str | None:
    """``clean_text``, with None when nothing was given."""
    return clean_text(field, raw, label=label, limit=limit, multiline=multiline) or None


def required_text(
    field: str, raw: object, *, label: str, limit: int, missing: str, multiline: bool = False
) -> str:
    """``clean_text`` of a field that must be filled in: empty is refused with ``missing``."""
    text = clean_text(field, raw, label=label, limit=limit, multiline=multiline)
    if not text:
        raise InputError.on(field, missing)
    return text
