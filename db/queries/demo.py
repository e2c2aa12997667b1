"""Reads of the demo generator (``dashboard.demo``): what a run wrote, whether a database
already holds anything, and what an office's history is planned from.

The reads of the rule checker are in ``db.queries.demo_checker``; the row writer's batch
inserts in ``db.bulk_writer``.
"""

from __future__ import annotations

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from db.models import Base, Publication, Tariff


def total_rows(session: Session) -> int:
    """Rows in every table of the app (to report what a run wrote)."""
    return sum(
        session.scalar(select(func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
    )


def has_rows(session: Session, model: type[Base]) -> bool:
    """Whether the model's table holds at least one row."""
    return bool(session.scalar(select(exists().select_from(model.__table__))))


# -- preparing an office -------------------------------------------------------------------------
# No ORDER BY in these two: the plans draw from the lists in the order they come, and a pinned
# order would change the history a seed gives (SQLite reads them along the office's index).


def office_tariffs(session: Session, office_id: int) -> list[Tariff]:
    """Every tariff of the office, in the order the database reads them."""
    return list(session.scalars(select(Tariff).where(Tariff.office_id == office_id)))


def current_publications(session: Session, office_id: int) -> list[Publication]:
    """The office's catalog entries not retired, in the order the database reads them."""
    return list(
        session.scalars(
            select(Publication).where(
                Publication.office_id == office_id, Publication.retired_at.is_(None)
            )
        )
    )
