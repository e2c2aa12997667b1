"""One report job: the figures read in one read-only transaction, the charts rendered (the
Chromium behind ``dashboard.figures.render``'s lock, started while the figures are read), then
the files written: DOCX, XLSX and, where LibreOffice is present, PDF. The command line
(``python -m dashboard report``) and the trends page's download both run it, so both give the
same files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dashboard.figures.render import ChromiumMissing, Render, chart_renderer
from dashboard.reports import pdf
from dashboard.reports.content import ReportRequest, load_report
from dashboard.reports.document import DOCX_TYPE, report_docx
from dashboard.reports.model import Report
from dashboard.reports.workbook import report_xlsx
from dashboard.trends.trends_charts import chart_figures
from dashboard.trends.trends_view import TrendsView
from db.session import Database

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NO_CHROMIUM = (
    "Grafik tidak dibuat: Chromium tidak terpasang di server (pasang dengan `apt-get install "
    "chromium`); laporan ditulis dengan semua tabelnya, tanpa gambar grafik."
)
CHART_NOTE = "(Grafik tidak tersedia: Chromium tidak terpasang di server saat laporan dibuat.)"


@dataclass(frozen=True)
class ReportFile:
    name: str
    content: bytes
    media_type: str


@dataclass(frozen=True)
class ReportFiles:
    stem: str
    """The files' common name (``Report.file_stem``)."""
    files: tuple[ReportFile, ...]
    messages: tuple[str, ...]
    """What the person asking must know (charts or a PDF that could not be made, and how to
    get them), in Indonesian."""

    def file(self, extension: str) -> ReportFile | None:
        return next((f for f in self.files if f.name.endswith(f".{extension}")), None)


@contextmanager
def _renderer(charts: bool, messages: list[str]) -> Iterator[Render | None]:
    """The chart renderer, or ``None`` (charts not asked for, or no Chromium: said)."""
    if not charts:
        yield None
        return
    with ExitStack() as stack:
        try:
            render = stack.enter_context(chart_renderer())
        except ChromiumMissing:
            messages.append(NO_CHROMIUM)
            render = None
        yield render


def chart_images(view: TrendsView, report: Report, render: Render) -> dict[str, bytes]:
    """The report's charts as PNG, drawn by the trends page's own figure builders."""
    figures = chart_figures(view)
    return {key: render(figures[key]) for key in report.charts()}


def _pdf_file(stem: str, docx: bytes, messages: list[str]) -> ReportFile | None:
    """The PDF of the document, or ``None`` with a message saying why and how to get it."""
    soffice = pdf.find_soffice()
    if soffice is None:
        messages.append(pdf.INSTALL_HINT)
        return None
    try:
        return ReportFile(f"{stem}.pdf", pdf.docx_to_pdf(soffice, docx), pdf.PDF_TYPE)
    except pdf.ConversionFailed as error:
        messages.append(f"PDF tidak dibuat: {error}")
        return None


def produce_report(
    database: Database,
    request: ReportRequest,
    today: date,
    template: bytes,
    charts: bool = True,
    with_pdf: bool = True,
) -> ReportFiles:
    """The report's files; ``template``: the DOCX template (checked first). ``charts`` and
    ``with_pdf`` off leave the images and the PDF out (tests, benchmarks)."""
    messages: list[str] = []
    with _renderer(charts, messages) as render:
        with database.reading() as session:
            report, view = load_report(session, request, today)
        images = chart_images(view, report, render) if render is not None else {}
    note = CHART_NOTE if charts and render is None else ""
    docx = report_docx(report, template, images, note)
    files = [
        ReportFile(f"{report.file_stem}.docx", docx, DOCX_TYPE),
        ReportFile(f"{report.file_stem}.xlsx", report_xlsx(report), XLSX_TYPE),
    ]
    converted = _pdf_file(report.file_stem, docx, messages) if with_pdf else None
    if converted is not None:
        files.append(converted)
    return ReportFiles(report.file_stem, tuple(files), tuple(messages))


def write_report_files(files: ReportFiles, folder: Path) -> list[Path]:
    """Write the files into ``folder`` (made when missing); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file in files.files:
        path = folder / file.name
        path.write_bytes(file.content)
        written.append(path)
    return written


NOTES_FILE = "CATATAN.txt"


def report_zip(files: ReportFiles) -> bytes:
    """The files in one ZIP (what the trends page downloads), with the messages in
    ``CATATAN.txt`` when there are any."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files.files:
            archive.writestr(file.name, file.content)
        if files.messages:
            archive.writestr(NOTES_FILE, "\n".join(files.messages) + "\n")
    return out.getvalue()
