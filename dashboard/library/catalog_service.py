"""Keeping the library catalog: add, edit, retire and bulk-save publications.

Every write fills the ``search_*`` columns the full-text indexes read (see
``db.search_text``) and leaves an audit event. Catalog numbers are unique per office;
a taken number is refused with a message under ``catalog_number``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy.orm import Session

from dashboard.audit import Actor, record_audit
from dashboard.errors import InputError
from dashboard.library.catalog import PublicationInput, subject_label
from dashboard.office.records import (
    flush_or_taken,
    office_record,
    record_switch,
    switch_off_samples,
)
from db.models import Publication
from db.queries import catalog as queries
from db.search_text import index_text

TABLE = "publication"
_LOOKUP_CHUNK = 500
_INPUT_FIELDS = tuple(field.name for field in fields(PublicationInput))
KEEPABLE_FIELDS = frozenset({"region", "isbn", "issn", "shelf_location", "notes"})
"""Optional fields that depend on no other: an update may leave them as stored."""


@dataclass(frozen=True)
class ImportSummary:
    """What a bulk save did: entries added, entries changed, and entries already identical."""

    added: int
    updated: int
    unchanged: int = 0


def search_columns(data: PublicationInput) -> dict[str, str]:
    """The prepared text of the three indexed columns: title (with the region, so
    'Lawang Kidul' finds its *Kecamatan … Dalam Angka*), subject (label and code), and notes
    (with the ISBN/ISSN as written and as bare digits, and the catalog number)."""
    identifiers = [
        form
        for number in (data.isbn, data.issn)
        if number
        for form in (number, number.replace("-", ""))
    ]
    notes = " ".join([data.notes or "", *identifiers, data.catalog_number])
    return {
        "search_title": index_text(f"{data.title} {data.region or ''}"),
        "search_subject": index_text(f"{subject_label(data.subject)} {data.subject}"),
        "search_notes": index_text(notes),
    }


def publication_input(publication: Publication) -> PublicationInput:
    """A stored entry as the input that would store it again (for edit forms and exports)."""
    return PublicationInput(**{name: getattr(publication, name) for name in _INPUT_FIELDS})


def _snapshot(publication: Publication) -> dict[str, Any]:
    return asdict(publication_input(publication))


def _apply(publication: Publication, data: PublicationInput) -> None:
    for name, value in asdict(data).items():
        setattr(publication, name, value)
    for name, value in search_columns(data).items():
        setattr(publication, name, value)


def _new_publication(actor: Actor, data: PublicationInput, is_sample: bool) -> Publication:
    publication = Publication(
        office_id=actor.office_id, is_sample=is_sample, created_at=actor.now, updated_at=actor.now
    )
    _apply(publication, data)
    return publication


def _taken_message(holder: Publication) -> str:
    return (
        f"Nomor katalog {holder.catalog_number} sudah dipakai oleh "
        f"“{holder.title}” ({holder.year})."
    )


def _check_number_free(
    session: Session, office_id: int, catalog_number: str, except_id: int | None = None
) -> None:
    holder = queries.publication_by_number(session, office_id, catalog_number)
    if holder is not None and holder.id != except_id:
        raise InputError.on("catalog_number", _taken_message(holder))


def _flush_or_taken(session: Session, catalog_number: str) -> None:
    flush_or_taken(
        session,
        "catalog_number",
        f"Nomor katalog {catalog_number} baru saja dipakai entri lain.",
    )


def _load(session: Session, actor: Actor, publication_id: int) -> Publication:
    return office_record(
        session, actor, Publication, publication_id, "Publikasi tidak ditemukan di katalog."
    )


def add_publication(
    session: Session, actor: Actor, data: PublicationInput, *, is_sample: bool = False
) -> Publication:
    """Add an entry to the office's catalog."""
    _check_number_free(session, actor.office_id, data.catalog_number)
    publication = _new_publication(actor, data, is_sample)
    session.add(publication)
    _flush_or_taken(session, data.catalog_number)
    record_audit(
        session, actor, "publication.add", TABLE, publication.id, after=_snapshot(publication)
    )
    return publication


def _changes(
    before: dict[str, Any], after: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The values that differ: (old, new), for the audit trail."""
    changed = [name for name in after if before.get(name) != after[name]]
    return {name: before.get(name) for name in changed}, {name: after[name] for name in changed}


def update_publication(
    session: Session, actor: Actor, publication_id: int, data: PublicationInput
) -> Publication:
    """Replace an entry's values. An edited sample entry becomes the office's own
    (``is_sample`` is cleared); an edit that changes nothing is not recorded."""
    publication = _load(session, actor, publication_id)
    if data.catalog_number != publication.catalog_number:
        _check_number_free(session, actor.office_id, data.catalog_number, publication.id)
    before = _snapshot(publication)
    if before == asdict(data):
        return publication
    _apply(publication, data)
    publication.is_sample = False
    publication.updated_at = actor.now
    _flush_or_taken(session, data.catalog_number)
    old, new = _changes(before, _snapshot(publication))
    record_audit(session, actor, "publication.update", TABLE, publication.id, old, new)
    return publication


def _set_retired(publication: Publication, retired: bool, actor: Actor) -> bool:
    """Retire (withdraw from the desk search) or bring back; True when the state changed."""
    if retired == (publication.retired_at is not None):
        return False
    publication.retired_at = actor.now if retired else None
    publication.updated_at = actor.now
    return True


def set_publication_retired(
    session: Session, actor: Actor, publication_id: int, retired: bool
) -> Publication:
    """Withdraw an entry from the catalog (it stays for the visits that used it) or bring it
    back. Doing what is already done changes nothing."""
    publication = _load(session, actor, publication_id)
    if _set_retired(publication, retired, actor):
        after = {"catalog_number": publication.catalog_number, "retired": retired}
        actions = ("publication.retire", "publication.unretire")
        record_switch(session, actor, TABLE, publication.id, retired, actions, after)
    return publication


def retire_sample_publications(session: Session, actor: Actor) -> int:
    """Retire every sample entry still active (the office replacing the starter catalog with
    its own); returns how many were retired."""
    return switch_off_samples(
        session,
        actor,
        Publication,
        Publication.retired_at.is_(None),
        lambda publication: _set_retired(publication, True, actor),
        action="publication.retire_samples",
        table=TABLE,
    )


def _existing_by_number(
    session: Session, office_id: int, numbers: Sequence[str]
) -> dict[str, Publication]:
    found: dict[str, Publication] = {}
    for start in range(0, len(numbers), _LOOKUP_CHUNK):
        chunk = numbers[start : start + _LOOKUP_CHUNK]
        rows = queries.publications_by_numbers(session, office_id, chunk)
        found.update({row.catalog_number: row for row in rows})
    return found


def save_publications(
    session: Session,
    actor: Actor,
    rows: Sequence[PublicationInput],
    *,
    retired: Mapping[str, bool] | None = None,
    keep: Collection[str] = (),
    is_sample: bool = False,
    action: str = "publication.import",
) -> ImportSummary:
    """Add or update many entries at once, matched by catalog number (an import, the starter
    catalog). ``retired`` optionally sets the retired state per catalog number; ``keep``
    names optional fields an existing entry keeps as stored (the columns an import file
    left out). Rows must already be valid and their numbers distinct. Additions are
    recorded in one audit event, each changed entry in its own."""
    if unknown := set(keep) - KEEPABLE_FIELDS:
        raise ValueError(f"fields that cannot be kept: {sorted(unknown)}")
    numbers = [row.catalog_number for row in rows]
    if len(set(numbers)) != len(numbers):
        raise InputError.form("Nomor katalog ganda di antara entri yang disimpan.")
    retired = retired or {}
    existing = _existing_by_number(session, actor.office_id, numbers)
    added: list[Publication] = []
    updated = unchanged = 0
    for data in rows:
        publication = existing.get(data.catalog_number)
        if publication is None:
            publication = _new_publication(actor, data, is_sample)
            if retired.get(data.catalog_number):
                publication.retired_at = actor.now
            added.append(publication)
            continue
        if keep:
            data = replace(data, **{name: getattr(publication, name) for name in keep})
        before = _snapshot(publication)
        values_changed = before != asdict(data)
        retired_changed = data.catalog_number in retired and _set_retired(
            publication, retired[data.catalog_number], actor
        )
        if not (values_changed or retired_changed):
            unchanged += 1
            continue
        updated += 1
        if values_changed:
            _apply(publication, data)
            publication.is_sample = is_sample
            publication.updated_at = actor.now
            old, new = _changes(before, _snapshot(publication))
            record_audit(session, actor, "publication.update", TABLE, publication.id, old, new)
        if retired_changed:
            record_audit(
                session,
                actor,
                "publication.retire" if publication.retired_at else "publication.unretire",
                TABLE,
                publication.id,
                after={"catalog_number": publication.catalog_number},
            )
    session.add_all(added)
    session.flush()
    summary = ImportSummary(added=len(added), updated=updated, unchanged=unchanged)
    record_audit(session, actor, action, TABLE, None, after=asdict(summary))
    return summary
