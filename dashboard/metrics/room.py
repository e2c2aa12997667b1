"""In the room now (DESIGN.md): "admitted visits that arrived today and have not finished; an
older visit still open is shown apart, as a stale open visit, not counted in today's room.
Imported visits are never in the room. Bags on the rack and tables taken count today's
visits in the room that hold a slot or a table"."""

from __future__ import annotations

from dataclasses import dataclass

from db.queries.metrics_room import RoomRow


@dataclass(frozen=True)
class RoomFigures:
    in_room: int
    bags_on_rack: int
    tables_taken: int
    stale_open: int


def room_figures(row: RoomRow) -> RoomFigures:
    return RoomFigures(row.in_room, row.bags, row.tables, row.stale)
