"""The *Katalog publikasi* page as data: the grid's rows and texts, the form's values, and the
reads and writes behind them (each taking the caller's ``Session``), free of Dash.

The writes return the sentence the page shows once they are done, made inside their
transaction: no ORM object leaves it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.clock import local_date, utc_now
from dashboard.i18n import format_day, format_number
from dashboard.library import catalog_admin_ids as ids
from dashboard.library.catalog import (
    FORMAT_HARDCOPY,
    FORMAT_SOFTCOPY,
    subject_label,
    validate_publication,
)
from dashboard.library.catalog_io import (
    ImportSummary,
    ParsedCatalog,
    export_catalog,
    import_catalog,
    parse_catalog_file,
)
from dashboard.library.catalog_service import (
    add_publication,
    set_publication_retired,
    update_publication,
)
from dashboard.office.records import add_or_update
from db.models import Publication
from db.queries.catalog_admin import (
    PublicationListRow,
    catalog_numbers,
    publication_of_office,
    publication_rows,
    publications_for_export,
)

FIELDS: tuple[str, ...] = tuple(ids.FIELD_IDS)
"""The form's fields in page order (= the ``PublicationInput`` field names)."""
SWITCH_FIELDS = ("has_hardcopy", "has_softcopy")
TEXT_FIELDS: tuple[str, ...] = tuple(name for name in FIELDS if name not in SWITCH_FIELDS)
"""Fields with an ``invalid`` state and (but the subject select) Enter to save."""
SUBMIT_FIELDS: tuple[str, ...] = tuple(name for name in TEXT_FIELDS if name != "subject")

STATUS_ACTIVE = "active"
STATUS_RETIRED = "retired"
STATUS_ALL = "all"
FORMAT_SHORT = {FORMAT_HARDCOPY: "Cetak", FORMAT_SOFTCOPY: "PDF"}
SAMPLE_TEXT = "Contoh"
SAMPLES_RETIRED = "entri contoh ditarik dari katalog."
"""Follows the number of sample entries "Tarik … entri contoh" retired."""


def current_year() -> int:
    return local_date(utc_now()).year


# -- the grid -------------------------------------------------------------------------------


def formats_text(has_hardcopy: bool, has_softcopy: bool) -> str:
    names = [
        FORMAT_SHORT[code]
        for code, held in ((FORMAT_HARDCOPY, has_hardcopy), (FORMAT_SOFTCOPY, has_softcopy))
        if held
    ]
    return " + ".join(names) or "—"


def status_note(row: PublicationListRow) -> str:
    """The status with its date, for the cell's tooltip."""
    if row.retired_at is None:
        return "Aktif: ditemukan di pencarian meja layanan"
    return f"Ditarik sejak {format_day(local_date(row.retired_at))}"


def grid_record(row: PublicationListRow) -> dict[str, Any]:
    """One row of the grid: raw values to sort and filter on, texts as the page shows them."""
    return {
        "id": str(row.id),
        "catalog_number": row.catalog_number,
        "title": row.title,
        "year": row.year,
        "subject_label": subject_label(row.subject),
        "region": row.region or "",
        "formats": formats_text(row.has_hardcopy, row.has_softcopy),
        "stock": row.hardcopy_stock if row.has_hardcopy else None,
        "stock_text": format_number(row.hardcopy_stock) if row.has_hardcopy else "—",
        "shelf_location": row.shelf_location or "",
        "status": "Ditarik" if row.retired_at is not None else "Aktif",
        "status_note": status_note(row),
        "retired": row.retired_at is not None,
        "sample": SAMPLE_TEXT if row.is_sample else "",
        "isbn": row.isbn or "",
        "issn": row.issn or "",
    }


def shown_rows(rows: Sequence[PublicationListRow], status: str | None) -> list[PublicationListRow]:
    if status == STATUS_ALL:
        return list(rows)
    retired = status == STATUS_RETIRED
    return [row for row in rows if (row.retired_at is not None) == retired]


def counts_text(rows: Sequence[PublicationListRow]) -> str:
    retired = sum(1 for row in rows if row.retired_at is not None)
    active = len(rows) - retired
    return f"{format_number(active)} publikasi aktif · {format_number(retired)} ditarik"


def active_samples(rows: Sequence[PublicationListRow]) -> int:
    """The sample entries shipped with the app still in the catalog."""
    return sum(1 for row in rows if row.is_sample and row.retired_at is None)


def load_rows(session: Session, office_id: int) -> list[PublicationListRow]:
    return publication_rows(session, office_id)


# -- the form -------------------------------------------------------------------------------


def blank_form(year: int) -> dict[str, Any]:
    """A new entry: this year, hardcopy ticked, everything else empty."""
    values: dict[str, Any] = dict.fromkeys(FIELDS, "")
    values.update(year=str(year), subject=None, has_hardcopy=True, has_softcopy=False)
    return values


def form_values(publication: Publication) -> dict[str, Any]:
    """The form's values for a stored entry (text fields as text, switches as booleans)."""
    return {
        "catalog_number": publication.catalog_number,
        "title": publication.title,
        "year": str(publication.year),
        "subject": publication.subject,
        "region": publication.region or "",
        "isbn": publication.isbn or "",
        "issn": publication.issn or "",
        "has_hardcopy": bool(publication.has_hardcopy),
        "hardcopy_stock": str(publication.hardcopy_stock),
        "shelf_location": publication.shelf_location or "",
        "has_softcopy": bool(publication.has_softcopy),
        "notes": publication.notes or "",
    }


@dataclass(frozen=True)
class FormEntry:
    """What the form shows when it opens: an entry's values and where it stands."""

    publication_id: int | None
    values: dict[str, Any]
    retired_at_text: str | None = None
    is_sample: bool = False


def blank_entry() -> FormEntry:
    return FormEntry(None, blank_form(current_year()))


def load_entry(session: Session, office_id: int, publication_id: int) -> FormEntry | None:
    publication = publication_of_office(session, office_id, publication_id)
    if publication is None:
        return None
    retired = publication.retired_at
    return FormEntry(
        publication_id=publication.id,
        values=form_values(publication),
        retired_at_text=format_day(local_date(retired)) if retired else None,
        is_sample=bool(publication.is_sample),
    )


def saved_text(publication: Publication, added: bool) -> str:
    verb = "ditambahkan ke katalog" if added else "disimpan"
    return f"Publikasi {publication.catalog_number} “{publication.title}” {verb}."


def save_entry(
    session: Session, actor: Actor, publication_id: int | None, raw: Mapping[str, object]
) -> str:
    """Validate and store the form's entry (a new one when ``publication_id`` is None)."""
    data = validate_publication(raw, current_year=current_year())
    publication = add_or_update(
        session, actor, publication_id, data, add_publication, update_publication
    )
    return saved_text(publication, added=publication_id is None)


def retired_text(publication: Publication, retire: bool) -> str:
    done = "ditarik dari katalog" if retire else "dipulihkan ke katalog"
    return f"Publikasi {publication.catalog_number} “{publication.title}” {done}."


def set_retired(session: Session, actor: Actor, publication_id: int, retire: bool) -> str:
    """Retire or restore an entry; the sentence saying so."""
    return retired_text(set_publication_retired(session, actor, publication_id, retire), retire)


# -- import ---------------------------------------------------------------------------------


def existing_numbers(session: Session, office_id: int) -> set[str]:
    """The catalog numbers the office already holds (an import updates those entries)."""
    return catalog_numbers(session, office_id)


def parse_file(filename: str, content: bytes) -> ParsedCatalog:
    """Check a file against the catalog's rules (this year bounds the years it may hold)."""
    return parse_catalog_file(filename, content, current_year=current_year())


def new_and_updated(parsed: ParsedCatalog, existing: set[str]) -> tuple[int, int]:
    """How many rows of a clean file add an entry, and how many update one."""
    new = sum(1 for row in parsed.rows if row.catalog_number not in existing)
    return new, len(parsed.rows) - new


def import_file(session: Session, actor: Actor, filename: str, content: bytes) -> ImportSummary:
    """Parse the same file again on the server and import it, in the caller's transaction."""
    return import_catalog(session, actor, parse_file(filename, content))


def summary_text(summary: ImportSummary) -> str:
    text = (
        f"Impor selesai: {format_number(summary.added)} baru, "
        f"{format_number(summary.updated)} diperbarui"
    )
    if summary.unchanged:
        text += f", {format_number(summary.unchanged)} tidak berubah"
    return text + "."


# -- export ---------------------------------------------------------------------------------


def export_content(session: Session, office_id: int, fmt: Literal["csv", "xlsx"]) -> bytes:
    return export_catalog(publications_for_export(session, office_id), fmt)
