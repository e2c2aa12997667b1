"""Receipt numbers (*nomor kuitansi*): ``0042/PST/1603/2026``, unique and gapless per office
and year. The sequence is taken from the counter row inside the sale's own transaction
(``db.queries.receipt_numbers.take_receipt_sequence``), so a refused sale gives its number
back; a void keeps its number; nothing is deleted."""

from __future__ import annotations

RECEIPT_SERIES = "PST"


def receipt_number(sequence: int, office_code: str, year: int) -> str:
    """The printed number of a receipt: ``0042/PST/1603/2026`` (sequence per office and year)."""
    if sequence < 1:
        raise ValueError(f"receipt sequence must be positive, not {sequence}")
    return f"{sequence:04d}/{RECEIPT_SERIES}/{office_code}/{year}"
