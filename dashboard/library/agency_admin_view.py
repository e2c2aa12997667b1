"""The *Direktori dinas* page as data: the grid's rows and texts, the form's values, and the
reads and writes behind them (each taking the caller's ``Session``), free of Dash.

The writes return the sentence the page shows once they are done, made inside their
transaction: no ORM object leaves it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.i18n import format_number
from dashboard.library import agency_admin_ids as ids
from dashboard.library.agencies import validate_agency
from dashboard.library.agency_service import add_agency, set_agency_active, update_agency
from dashboard.office.records import add_or_update
from db.models import Agency
from db.queries.catalog_admin import AgencyListRow, agency_of_office, agency_rows

FIELDS: tuple[str, ...] = tuple(ids.FIELD_IDS)
"""The form's fields in page order (= the ``AgencyInput`` field names)."""
SUBMIT_FIELDS = ("name", "phone", "email", "website")
"""Single-line fields: Enter in them saves (in the text areas Enter starts a new line)."""

STATUS_ACTIVE = "active"
STATUS_INACTIVE = "inactive"
STATUS_ALL = "all"
SAMPLE_TEXT = "Contoh"
SAMPLES_DEACTIVATED = "instansi contoh dinonaktifkan."
"""Follows the number of sample agencies "Nonaktifkan … contoh" switched off."""


# -- the grid -------------------------------------------------------------------------------


def grid_record(row: AgencyListRow) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "name": row.name,
        "topics": row.topics,
        "address": row.address or "",
        "phone": row.phone or "",
        "email": row.email or "",
        "website": row.website or "",
        "status": "Aktif" if row.active else "Nonaktif",
        "active": row.active,
        "sample": SAMPLE_TEXT if row.is_sample else "",
    }


def shown_rows(rows: Sequence[AgencyListRow], status: str | None) -> list[AgencyListRow]:
    if status == STATUS_ALL:
        return list(rows)
    active = status != STATUS_INACTIVE
    return [row for row in rows if row.active == active]


def counts_text(rows: Sequence[AgencyListRow]) -> str:
    active = sum(1 for row in rows if row.active)
    return f"{format_number(active)} instansi aktif · {format_number(len(rows) - active)} nonaktif"


def active_samples(rows: Sequence[AgencyListRow]) -> int:
    """The sample agencies shipped with the app still offered for referrals."""
    return sum(1 for row in rows if row.is_sample and row.active)


def load_rows(session: Session, office_id: int) -> list[AgencyListRow]:
    return agency_rows(session, office_id)


# -- the form -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormEntry:
    agency_id: int | None
    values: dict[str, str]
    active: bool = True
    is_sample: bool = False


def blank_entry() -> FormEntry:
    return FormEntry(None, dict.fromkeys(FIELDS, ""))


def form_values(agency: Agency) -> dict[str, str]:
    return {name: getattr(agency, name) or "" for name in FIELDS}


def load_entry(session: Session, office_id: int, agency_id: int) -> FormEntry | None:
    agency = agency_of_office(session, office_id, agency_id)
    if agency is None:
        return None
    return FormEntry(agency.id, form_values(agency), agency.active, agency.is_sample)


def saved_text(agency: Agency, added: bool) -> str:
    verb = "ditambahkan ke direktori" if added else "disimpan"
    return f"{agency.name} {verb}."


def save_entry(
    session: Session, actor: Actor, agency_id: int | None, raw: Mapping[str, object]
) -> str:
    """Validate and store the form's agency (a new one when ``agency_id`` is None)."""
    agency = add_or_update(
        session, actor, agency_id, validate_agency(raw), add_agency, update_agency
    )
    return saved_text(agency, added=agency_id is None)


def toggled_text(agency: Agency, active: bool) -> str:
    done = "diaktifkan lagi untuk rujukan" if active else "dinonaktifkan: tidak disarankan lagi"
    return f"{agency.name} {done}."


def set_active(session: Session, actor: Actor, agency_id: int, active: bool) -> str:
    """Offer the agency for referrals again, or stop offering it; the sentence saying so."""
    return toggled_text(set_agency_active(session, actor, agency_id, active), active)
