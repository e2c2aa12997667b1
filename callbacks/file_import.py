"""What the import pages share: the bytes of an uploaded file, and the report of the problems
a check found in it, one line per problem as a spreadsheet user finds it."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence

from dash.development.base_component import Component

from dashboard.i18n import format_number
from dashboard.tabular_file import ImportProblem
from dashboard.ui.grid import data_grid

MAX_REPORTED_PROBLEMS = 2000
"""A file wrong in every row reports the first ones; fixing those usually fixes the rest."""
AUTO_HEIGHT_ROWS = 12
"""A list this short is shown whole, without a scroll area."""


def decode_upload(contents: object) -> bytes | None:
    """The bytes of a file from ``dcc.Upload`` (a ``data:…;base64,…`` URL); None if none."""
    if not isinstance(contents, str) or "," not in contents:
        return None
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        return None


def grid_height(count: int) -> str | None:
    return None if count <= AUTO_HEIGHT_ROWS else "45vh"


def shown_problems_note(count: int) -> str:
    """The sentence saying the report lists only the first problems, when it does."""
    if count <= MAX_REPORTED_PROBLEMS:
        return ""
    return f" Ditampilkan {format_number(MAX_REPORTED_PROBLEMS)} masalah pertama."


def problem_grid(
    grid_id: str, problems: Sequence[ImportProblem], column_width: int = 200
) -> Component:
    """Every problem (the first ``MAX_REPORTED_PROBLEMS``), as a spreadsheet user finds it."""
    records = [
        {
            "id": str(position),
            "row": problem.row,
            "column": problem.column,
            "message": problem.message,
        }
        for position, problem in enumerate(problems[:MAX_REPORTED_PROBLEMS])
    ]
    columns = [
        {"field": "row", "headerName": "Baris", "width": 100, "sort": "asc", "filter": False},
        {"field": "column", "headerName": "Kolom", "width": column_width},
        {
            "field": "message",
            "headerName": "Masalah",
            "flex": 1,
            "wrapText": True,
            "autoHeight": True,
            "cellStyle": {"lineHeight": "1.45", "paddingTop": "8px", "paddingBottom": "8px"},
        },
    ]
    return data_grid(
        grid_id,
        columns,
        row_data=records,
        selectable=False,
        height=grid_height(len(records)),
    )
