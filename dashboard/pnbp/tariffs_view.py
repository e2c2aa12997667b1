"""What *Tarif PNBP* shows and how its forms reach the tariff services: the tariffs as the
grid lists them (in force, future, ended), the sample tariffs still in force, and the texts
of a tariff added or ended. Plain functions, no Dash."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.errors import InputError
from dashboard.i18n import format_day, format_rupiah
from dashboard.pnbp.rules import (
    ITEM_KINDS,
    TariffInput,
    checked_form_date,
    tariff_in_force_on,
    validity_text,
)
from dashboard.pnbp.tariffs import add_tariff, end_tariff
from db.models import Tariff
from db.queries.sales import all_tariffs

SAMPLE_TEXT = "Contoh"
IN_FORCE = "Berlaku"
NOT_YET = "Belum berlaku"
ENDED = "Berakhir"


def in_force(valid_from: date, valid_to: date | None, today: date) -> str:
    """A tariff's standing on ``today``: 'Berlaku', 'Belum berlaku' or 'Berakhir'."""
    if tariff_in_force_on(valid_from, valid_to, today):
        return IN_FORCE
    if today < valid_from:
        return NOT_YET
    return ENDED


@dataclass(frozen=True)
class TariffRow(TariffInput):
    """A tariff as the admin page lists it."""

    tariff_id: int
    is_sample: bool

    def record(self, today: date) -> dict[str, Any]:
        """The grid row: raw values to sort on, texts as the page shows them."""
        status = in_force(self.valid_from, self.valid_to, today)
        return {
            "id": str(self.tariff_id),
            "kind": ITEM_KINDS.get(self.item_kind, self.item_kind),
            "label": self.label,
            "amount": self.amount,
            "amount_text": format_rupiah(self.amount),
            "unit": self.unit,
            "valid_from": format_day(self.valid_from),
            "valid_from_iso": self.valid_from.isoformat(),
            "valid_to": format_day(self.valid_to) if self.valid_to else "—",
            "valid_to_iso": self.valid_to.isoformat() if self.valid_to else "",
            "status": status,
            "ended": status == ENDED,
            "sample": SAMPLE_TEXT if self.is_sample else "",
        }


def tariff_row(tariff: Tariff) -> TariffRow:
    return TariffRow(
        tariff_id=tariff.id,
        item_kind=tariff.item_kind,
        label=tariff.label,
        unit=tariff.unit,
        amount=tariff.amount,
        valid_from=tariff.valid_from,
        valid_to=tariff.valid_to,
        is_sample=tariff.is_sample,
    )


def load_tariff_rows(session: Session, office_id: int) -> list[TariffRow]:
    """Every tariff of the office, newest validity first within each kind and label."""
    return [tariff_row(tariff) for tariff in all_tariffs(session, office_id)]


def tariff_records(
    rows: Sequence[TariffRow], today: date, show_ended: bool
) -> list[dict[str, Any]]:
    """The grid's rows: in force and future tariffs, and ended ones when asked for."""
    records = [row.record(today) for row in rows]
    return records if show_ended else [record for record in records if not record["ended"]]


def samples_in_force(rows: Sequence[TariffRow], today: date) -> int:
    return sum(
        1
        for row in rows
        if row.is_sample and tariff_in_force_on(row.valid_from, row.valid_to, today)
    )


def add_tariff_from_form(
    session: Session, actor: Actor, values: Mapping[str, str | None]
) -> TariffRow:
    """Add the tariff typed into the form (``values`` keyed by its field names); a date that
    is no date is refused, never taken for an empty one."""
    errors: dict[str, str] = {}
    dates: dict[str, date | None] = {}
    for field, label in (("valid_from", "Tanggal mulai"), ("valid_to", "Tanggal akhir")):
        try:
            dates[field] = checked_form_date(field, values[field], label)
        except InputError as error:
            errors.update(error.errors)
    if errors:
        raise InputError(errors)
    tariff = add_tariff(
        session,
        actor,
        item_kind=values["item_kind"],
        label=values["label"],
        unit=values["unit"],
        amount=values["amount"],
        valid_from=dates["valid_from"],
        valid_to=dates["valid_to"],
    )
    return tariff_row(tariff)


def end_tariff_from_form(
    session: Session, actor: Actor, tariff_id: int, last_day: str | None
) -> TariffRow:
    last = checked_form_date("valid_to", last_day, "Tanggal akhir")
    return tariff_row(end_tariff(session, actor, tariff_id, last))


def added_text(row: TariffRow) -> str:
    return (
        f"Tarif “{row.label}” {format_rupiah(row.amount)} / {row.unit} tersimpan, "
        f"berlaku {validity_text(row.valid_from, row.valid_to)}."
    )


def ended_text(row: TariffRow) -> str:
    if row.valid_to:
        return f"Tarif “{row.label}” berakhir pada {format_day(row.valid_to)}."
    return "Tarif diakhiri."
