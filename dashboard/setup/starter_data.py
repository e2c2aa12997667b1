"""The starter catalog, agency directory and PNBP tariffs shipped with the app
(``db/seed_data``).

They are sample data for BPS Kabupaten Muara Enim, loaded on the first start so that the
desk search, the referral suggestions and the treasurer's sales work from day one; the office
replaces them with its own (see ``db/seed_data/README.md``). They go in through the same
rules and services as an admin's entries, marked ``is_sample``, and only into an office that
has no publication (resp. no agency, no tariff) yet: restarting, or an office that already
keeps its own catalog, changes nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.clock import local_date
from dashboard.config import PROJECT_ROOT
from dashboard.errors import InputError
from dashboard.library.agencies import AgencyInput, validate_agency
from dashboard.library.agency_service import add_agencies
from dashboard.library.catalog import PublicationInput
from dashboard.library.catalog_io import parse_catalog_file
from dashboard.library.catalog_service import save_publications
from dashboard.pnbp.rules import TariffInput, validate_tariff
from dashboard.pnbp.tariffs import add_tariffs
from db.models import Agency, Office, Publication, Tariff
from db.queries.office_records import office_has_any
from db.queries.offices import lock_office

SEED_DIR = PROJECT_ROOT / "db" / "seed_data"
PUBLICATIONS_FILE = SEED_DIR / "publications.csv"
AGENCIES_FILE = SEED_DIR / "agencies.csv"
TARIFFS_FILE = SEED_DIR / "tariffs.csv"
STARTER_OFFICE_CODE = "1603"
"""The office the sample data describes (BPS Kabupaten Muara Enim); others get none."""

AGENCY_HEADERS = {
    "Nama": "name",
    "Topik": "topics",
    "Alamat": "address",
    "Telepon": "phone",
    "Email": "email",
    "Situs web": "website",
    "Catatan": "notes",
}

TARIFF_HEADERS = {
    "Jenis": "item_kind",
    "Nama tarif": "label",
    "Satuan": "unit",
    "Tarif (Rp)": "amount",
    "Berlaku mulai": "valid_from",
    "Berlaku sampai": "valid_to",
}


class StarterDataError(RuntimeError):
    """A shipped seed file breaks the rules: a defect of the release, not of user input."""


@dataclass(frozen=True)
class StarterDataSummary:
    publications: int
    agencies: int
    tariffs: int = 0


@cache
def _publication_bytes() -> bytes:
    return PUBLICATIONS_FILE.read_bytes()


def starter_publications(current_year: int) -> list[PublicationInput]:
    """The sample catalog, checked by the import rules."""
    parsed = parse_catalog_file(
        PUBLICATIONS_FILE.name, _publication_bytes(), current_year=current_year
    )
    if parsed.problems:
        first = "; ".join(f"baris {p.row} {p.column}: {p.message}" for p in parsed.problems[:5])
        raise StarterDataError(f"{PUBLICATIONS_FILE}: {first}")
    return parsed.rows


def starter_agencies() -> list[AgencyInput]:
    """The sample agency directory, checked by the directory rules."""
    text = AGENCIES_FILE.read_text(encoding="utf-8-sig")
    agencies: list[AgencyInput] = []
    for row_number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        raw = {AGENCY_HEADERS[header]: value for header, value in row.items()}
        try:
            agencies.append(validate_agency(raw))
        except InputError as error:
            raise StarterDataError(f"{AGENCIES_FILE} baris {row_number}: {error}") from error
    return agencies


def starter_tariffs() -> list[TariffInput]:
    """The sample PNBP tariffs (amounts are examples, not a regulation), checked by the
    tariff rules."""
    text = TARIFFS_FILE.read_text(encoding="utf-8-sig")
    tariffs: list[TariffInput] = []
    for row_number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        raw = {TARIFF_HEADERS[header]: (value or "").strip() for header, value in row.items()}
        try:
            tariffs.append(
                validate_tariff(
                    item_kind=raw["item_kind"],
                    label=raw["label"],
                    unit=raw["unit"],
                    amount=raw["amount"],
                    valid_from=_seed_day(raw["valid_from"]),
                    valid_to=_seed_day(raw["valid_to"]),
                )
            )
        except (InputError, ValueError) as error:
            raise StarterDataError(f"{TARIFFS_FILE} baris {row_number}: {error}") from error
    return tariffs


def _seed_day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _office_has(
    session: Session, model: type[Publication] | type[Agency] | type[Tariff], office_id: int
) -> bool:
    return office_has_any(session, model, office_id)


def load_starter_data(session: Session, actor: Actor, office: Office) -> StarterDataSummary:
    """Load the sample catalog, directory and tariffs into an office that has none yet;
    returns how many entries were added (all 0 on every later start)."""
    if office.code != STARTER_OFFICE_CODE:
        return StarterDataSummary(0, 0)
    # Several app processes may start at once: they take turns here (PostgreSQL row lock;
    # SQLite already serialises writers), so only the first one loads.
    lock_office(session, office.id)
    publications = agencies = 0
    if not _office_has(session, Publication, office.id):
        current_year = local_date(actor.now).year
        rows = starter_publications(current_year)
        summary = save_publications(
            session, actor, rows, is_sample=True, action="publication.starter_data"
        )
        publications = summary.added
    if not _office_has(session, Agency, office.id):
        agencies = add_agencies(session, actor, starter_agencies(), is_sample=True).added
    tariffs = 0
    if not _office_has(session, Tariff, office.id):
        tariffs = add_tariffs(session, actor, starter_tariffs(), is_sample=True)
    return StarterDataSummary(publications, agencies, tariffs)
