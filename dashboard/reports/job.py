"""One report job: read the figures (one read-only transaction), then write the files. The
command line (``python -m dashboard report``) and the trends page's download both run it, so
both give the same files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dashboard.reports.content import ReportRequest, load_report
from dashboard.reports.workbook import report_xlsx
from db.session import Database

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ReportFile:
    name: str
    content: bytes
    media_type: str


@dataclass(frozen=True)
class ReportFiles:
    files: tuple[ReportFile, ...]
    messages: tuple[str, ...]
    """What the person asking must know (a chart or a format that could not be made, and
    how to get it), in Indonesian."""


def produce_report(database: Database, request: ReportRequest, today: date) -> ReportFiles:
    with database.reading() as session:
        report, _view = load_report(session, request, today)
    xlsx = ReportFile(f"{report.file_stem}.xlsx", report_xlsx(report), XLSX_TYPE)
    return ReportFiles((xlsx,), ())


def write_report_files(files: ReportFiles, folder: Path) -> list[Path]:
    """Write the files into ``folder`` (made when missing); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file in files.files:
        path = folder / file.name
        path.write_bytes(file.content)
        written.append(path)
    return written
