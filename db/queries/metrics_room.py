"""The aggregate under "In the room now" (DESIGN.md): today's admitted, unfinished, live
visits, those holding a rack slot and those holding a reading table, and the older visits
still open (shown apart, as stale)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from db.models import VISIT_IN_PROGRESS, Visit


class RoomRow(NamedTuple):
    """Counts of the visits still in progress: ``in_room`` admitted live visits of the day
    (or later), ``bags`` and ``tables`` those of them holding a slot / a table; ``stale``
    admitted live visits of an earlier day still open."""

    in_room: int
    bags: int
    tables: int
    stale: int


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def room_counts(session: Session, office_ids: Sequence[int] | None, day: date) -> RoomRow:
    """One statement over the open visits of the offices (``None``: every office)."""
    current = Visit.visit_date >= day
    conditions = [
        Visit.status == VISIT_IN_PROGRESS,
        Visit.admitted.is_(True),
        Visit.imported.is_(False),
    ]
    if office_ids is not None:
        conditions.append(Visit.office_id.in_(tuple(office_ids)))
    row = session.execute(
        select(
            _count(current),
            _count(current & Visit.rack_slot.is_not(None)),
            _count(current & Visit.reading_table.is_not(None)),
            _count(Visit.visit_date < day),
        ).where(*conditions)
    ).one()
    return RoomRow(*(int(value) for value in row))
