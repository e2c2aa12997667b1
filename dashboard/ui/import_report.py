"""What the import pages show alike: the area to drop a file on, the name of the file being
checked, the button that imports it, and the report of the problems a check found in it, one
line per problem as a spreadsheet user finds it."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.i18n import format_number
from dashboard.tabular_file import ImportProblem
from dashboard.ui.buttons import icon_button, icon_label
from dashboard.ui.grid import data_grid

MAX_REPORTED_PROBLEMS = 2000
"""A file wrong in every row reports the first ones; fixing those usually fixes the rest."""
AUTO_HEIGHT_ROWS = 12
"""A list this short is shown whole, without a scroll area."""
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCEPTED_FILES = f".csv,.xlsx,text/csv,{XLSX_TYPE}"


def upload_and_check(
    upload_id: str,
    prompt: str,
    limits: str,
    max_size: int,
    *,
    file_name_id: str,
    check_id: str,
    report_id: str,
) -> list[Component]:
    """The dashed area a CSV or XLSX file is dropped on (or clicked to choose one), then
    where the checked file's name, the outcome of its check and its problems show."""
    return [
        _upload_area(upload_id, prompt, limits, max_size),
        html.Div(id=file_name_id, className="mb-2 fw-semibold"),
        html.Div(id=check_id),
        html.Div(id=report_id),
    ]


def _upload_area(upload_id: str, prompt: str, limits: str, max_size: int) -> dcc.Upload:
    return dcc.Upload(
        html.Div(
            [
                html.I(className="bi bi-file-earmark-arrow-up fs-3 d-block"),
                prompt,
                html.Span("pilih berkas", className="text-primary fw-semibold"),
                html.Div(limits, className="small text-muted"),
            ]
        ),
        id=upload_id,
        accept=ACCEPTED_FILES,
        max_size=max_size,
        multiple=False,
        className="border border-2 rounded text-center p-3 mb-3 bg-light",
        style={"borderStyle": "dashed", "cursor": "pointer"},
    )


def import_button(button_id: str) -> dbc.Button:
    """ "Impor": disabled until a file checks out."""
    return icon_button(
        "Impor", "box-arrow-in-down", button_id, gap="me-1", color="primary", disabled=True
    )


def file_name_line(filename: str) -> list[Component | str]:
    """The name of the file just checked, above the outcome of the check."""
    return icon_label("file-earmark-text", filename, "me-1")


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
