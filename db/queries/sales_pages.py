"""What the treasurer's pages read beyond the PNBP books (``db.queries.sales``): the catalog
looked up by catalog number for a sale line, and the codes of the visits sales belong to."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Publication, Visit
from db.queries.catalog_search import PublicationHit, publication_hit, search_publications

SEARCH_LIMIT = 12


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def publications_by_catalog_number(
    session: Session, office_id: int, text: str, limit: int = SEARCH_LIMIT
) -> list[PublicationHit]:
    """Active publications whose catalog number starts with ``text`` (case-insensitive)."""
    prefix = text.strip().lower()
    if not prefix:
        return []
    rows = session.scalars(
        select(Publication)
        .where(
            Publication.office_id == office_id,
            Publication.retired_at.is_(None),
            func.lower(Publication.catalog_number).like(_escape_like(prefix) + "%", escape="\\"),
        )
        .order_by(Publication.catalog_number)
        .limit(limit)
    )
    return [publication_hit(row, retired=False, rank=1.0) for row in rows]


def sellable_publications(
    session: Session, office_id: int, text: str, limit: int = SEARCH_LIMIT
) -> list[PublicationHit]:
    """Publications to sell for what the treasurer typed: catalog numbers starting with it
    first, then the catalog's full-text search (title, subject, notes); active entries with a
    hardcopy or a softcopy only."""
    found = publications_by_catalog_number(session, office_id, text, limit)
    seen = {hit.id for hit in found}
    for hit in search_publications(session, office_id, text, limit=limit):
        if hit.id not in seen and (hit.has_hardcopy or hit.has_softcopy):
            found.append(hit)
            seen.add(hit.id)
    return found[:limit]


def visit_codes(session: Session, office_id: int, visit_ids: Collection[int]) -> dict[int, str]:
    """The daily codes (A-017) of the office's visits among ``visit_ids``."""
    if not visit_ids:
        return {}
    rows = session.execute(
        select(Visit.id, Visit.code).where(
            Visit.office_id == office_id, Visit.id.in_(sorted(set(visit_ids)))
        )
    )
    return {visit_id: code for visit_id, code in rows}


def publication_line_title(session: Session, office_id: int, publication_id: int) -> str | None:
    """How a sale line names a publication of the office: 'title (catalog number)'."""
    row = session.execute(
        select(Publication.title, Publication.catalog_number).where(
            Publication.id == publication_id, Publication.office_id == office_id
        )
    ).first()
    return None if row is None else f"{row.title} ({row.catalog_number})"
