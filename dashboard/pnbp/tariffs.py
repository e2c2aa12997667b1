"""Keeping the PNBP tariffs: the admin adds a price with its validity and ends it when a new
regulation replaces it. Tariffs are never edited or deleted: a sale stores the price it was
charged, and the history of prices stays readable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from typing import Unpack

from sqlalchemy.orm import Session

from dashboard.audit import Actor, record_audit
from dashboard.clock import local_date
from dashboard.errors import InputError
from dashboard.i18n import format_day
from dashboard.pnbp import rules as pnbp
from db.models import Tariff
from db.queries import offices
from db.queries import sales as queries

TABLE = "tariff"


def add_tariff(
    session: Session,
    actor: Actor,
    *,
    is_sample: bool = False,
    **form: Unpack[pnbp.TariffForm],
) -> Tariff:
    """Add a tariff. Two tariffs of the same kind and name (case aside) may not be valid on
    the same day: end the old one first. ``amount`` may be an int or typed text ('50.000')."""
    data = pnbp.validate_tariff(**form)
    # Two admins adding the same tariff at once take turns here, so the overlap check holds.
    offices.lock_office(session, actor.office_id)
    tariff = _store(session, actor, data, is_sample)
    record_audit(session, actor, "tariff.add", TABLE, tariff.id, after=_values(tariff))
    return tariff


def add_tariffs(
    session: Session, actor: Actor, rows: Sequence[pnbp.TariffInput], *, is_sample: bool
) -> int:
    """Add checked tariffs together (the starter samples) with one audit event; returns how
    many were added."""
    offices.lock_office(session, actor.office_id)
    for data in rows:
        _store(session, actor, data, is_sample)
    record_audit(session, actor, "tariff.add_many", TABLE, None, after={"count": len(rows)})
    return len(rows)


def _store(session: Session, actor: Actor, data: pnbp.TariffInput, is_sample: bool) -> Tariff:
    clash = queries.overlapping_tariffs(
        session, actor.office_id, data.item_kind, data.label, data.valid_from, data.valid_to
    )
    if clash:
        other = clash[0]
        raise InputError.on(
            "valid_from",
            f"Tarif “{other.label}” sudah ada untuk masa "
            f"{pnbp.validity_text(other.valid_from, other.valid_to)}; akhiri tarif itu dulu "
            "atau pilih tanggal lain.",
        )
    tariff = Tariff(
        office_id=actor.office_id, is_sample=is_sample, created_at=actor.now, **asdict(data)
    )
    session.add(tariff)
    session.flush()
    return tariff


def end_tariff(session: Session, actor: Actor, tariff_id: int, last_day: date | None) -> Tariff:
    """Set the last day a tariff is valid (e.g. the day before a new regulation applies).

    The last day may not come before the first, nor before a sale already priced by the
    tariff: receipts keep the price they were given, and the tariff must have been in force
    on their day.
    """
    offices.lock_office(session, actor.office_id)
    tariff = session.get(Tariff, tariff_id, populate_existing=True)
    if tariff is None or tariff.office_id != actor.office_id:
        raise InputError.form("Tarif tidak ditemukan.")
    if last_day is None:
        raise InputError.on("valid_to", "Tanggal akhir berlaku wajib diisi.")
    if last_day < tariff.valid_from:
        raise InputError.on(
            "valid_to",
            "Tanggal akhir tidak boleh sebelum tarif mulai berlaku "
            f"({format_day(tariff.valid_from)}).",
        )
    last_use = queries.last_use_of_tariff(session, tariff.id)
    if last_use is not None:
        used_on = local_date(last_use, queries.office_zone(session, actor.office_id))
        if last_day < used_on:
            raise InputError.on(
                "valid_to",
                f"Tarif ini sudah dipakai pada kuitansi tanggal {format_day(used_on)}; tanggal "
                "akhir tidak boleh sebelum itu.",
            )
    before = _values(tariff)
    tariff.valid_to = last_day
    record_audit(
        session, actor, "tariff.end", TABLE, tariff.id, before=before, after=_values(tariff)
    )
    session.flush()
    return tariff


def _values(tariff: Tariff) -> dict[str, object]:
    return {
        "item_kind": tariff.item_kind,
        "label": tariff.label,
        "unit": tariff.unit,
        "amount": tariff.amount,
        "valid_from": tariff.valid_from,
        "valid_to": tariff.valid_to,
        "is_sample": tariff.is_sample,
    }
