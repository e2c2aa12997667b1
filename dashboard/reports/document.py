"""The report as an editable Word document: the template (``dashboard.reports.template``)
rendered with docxtpl, each section's body (sub-headings, chart images with their readings,
tables, notes) built with python-docx in the template's own styles (Heading 2, Caption, Table
Grid, List Bullet; Normal where the template lacks one), and a marked place for the office's
narrative in every section."""

from __future__ import annotations

import io
from collections.abc import Mapping
from contextlib import suppress
from datetime import date

from babel.numbers import format_decimal
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate, Listing

from dashboard.errors import InputError
from dashboard.i18n import LOCALE, format_day, format_number, format_place_date, format_rupiah
from dashboard.reports.content import long_day, month_name
from dashboard.reports.model import Cell, Fraction, Minutes, Money, Month, Report, Section, Table
from dashboard.reports.template import FIELD, check_template

NARRATIVE = (
    "[Uraian kantor: tuliskan di sini penjelasan dan analisis bagian ini, lalu hapus teks "
    "dalam kurung ini.]"
)
CHART_WIDTH = Cm(16.5)
TABLE_FONT = Pt(8.5)
HEADER_SHADE = "DCE6F2"
MIN_COLUMN, MAX_COLUMN = 6, 44
"""A column's width in characters, at least and at most (a long title wraps)."""
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def cell_text(cell: Cell) -> str:
    """A table cell as the document writes it, in Indonesian formats ('—' for no value)."""
    if cell is None:
        return "—"
    if isinstance(cell, Money):
        return format_rupiah(cell.amount)
    if isinstance(cell, Fraction):
        return f"{format_number(cell.value * 100, 1)} %"
    if isinstance(cell, Minutes):
        return format_decimal(cell.value, format="#,##0.##", locale=LOCALE)
    if isinstance(cell, Month):
        return month_name(cell.first_day)
    if isinstance(cell, date):
        return format_day(cell)
    if isinstance(cell, int):
        return format_number(cell)
    return str(cell)


def _is_number(cell: Cell) -> bool:
    return isinstance(cell, int | Money | Fraction | Minutes)


def _shade(cell: object, color: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[attr-defined]


def _repeat_header(table: DocxTable) -> None:
    """The header row is repeated on every page the table runs over."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)


def _write(cell: object, text: str, bold: bool = False, right: bool = False) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.paragraph_format.space_after = Pt(0)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.font.size = TABLE_FONT
    run.bold = bold


def _style(paragraph: Paragraph, name: str) -> Paragraph:
    """``paragraph`` in the template's style ``name``; left in Normal when the office's
    template has no such style."""
    with suppress(KeyError):
        paragraph.style = name
    return paragraph


def _borders(table: DocxTable) -> None:
    """Thin borders round every cell, whatever table styles the template holds."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{side}")
        for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "8A96A3")):
            line.set(qn(f"w:{name}"), value)
        borders.append(line)
    table._tbl.tblPr.append(borders)


class _Body:
    """Writes a section's body in the rendered document, in place of its marker paragraph."""

    def __init__(self, document: DocxDocument, marker: Paragraph) -> None:
        self.document = document
        self.marker = marker
        page = document.sections[0]
        self.width = int(page.page_width - page.left_margin - page.right_margin)

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        paragraph = self.marker.insert_paragraph_before(text)
        return _style(paragraph, style) if style else paragraph

    def picture(self, image: bytes) -> None:
        paragraph = self.paragraph()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_picture(io.BytesIO(image), width=CHART_WIDTH)

    def table(self, rows: int, columns: int) -> DocxTable:
        grid = self.document.add_table(rows=rows, cols=columns)
        self.marker._p.addprevious(grid._tbl)
        with suppress(KeyError):
            grid.style = "Table Grid"
        _borders(grid)
        return grid

    def finish(self) -> None:
        self.marker._p.getparent().remove(self.marker._p)


def _set_widths(grid: DocxTable, table: Table, rows: list[tuple[Cell, ...]], width: int) -> None:
    """Columns as wide as their longest text needs (a long label wider than a count), within
    the page."""
    needs = []
    for index, title in enumerate(table.columns):
        longest = max((len(cell_text(row[index])) for row in rows), default=0)
        word = max((len(part) for part in title.split()), default=0) + 1
        needs.append(min(max(longest, word, MIN_COLUMN), MAX_COLUMN))
    grid.autofit = False
    for index, need in enumerate(needs):
        column_width = Emu(width * need // sum(needs))
        grid.columns[index].width = column_width
        for cell in grid.columns[index].cells:
            cell.width = column_width


def _add_table(body: _Body, table: Table) -> None:
    title = body.paragraph()
    title.paragraph_format.keep_with_next = True
    title.paragraph_format.space_before = Pt(6)
    heading = title.add_run(table.title)
    heading.bold = True
    heading.font.size = Pt(9.5)
    if not table.rows:
        body.paragraph(table.empty).runs[0].italic = True
        return
    rows = [*table.rows, *([table.total] if table.total is not None else [])]
    grid = body.table(1 + len(rows), len(table.columns))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_widths(grid, table, rows, body.width)
    numeric = [any(_is_number(row[index]) for row in rows) for index in range(len(table.columns))]
    for index, title_text in enumerate(table.columns):
        cell = grid.rows[0].cells[index]
        _write(cell, title_text, bold=True, right=numeric[index])
        _shade(cell, HEADER_SHADE)
    _repeat_header(grid)
    for position, row in enumerate(rows, start=1):
        bold = table.total is not None and position == len(rows)
        cells = grid.rows[position].cells
        for index, value in enumerate(row):
            _write(cells[index], cell_text(value), bold=bold, right=numeric[index])


def _fill_section(
    body: _Body, section: Section, images: Mapping[str, bytes], chart_note: str
) -> None:
    for note in section.notes:
        body.paragraph(note, "List Bullet")
    for block in section.blocks:
        body.paragraph(block.title, "Heading 2")
        if block.chart is not None:
            image = images.get(block.chart)
            if image is not None:
                body.picture(image)
            elif chart_note:
                body.paragraph(chart_note).runs[0].italic = True
        body.paragraph(block.reading, "Caption")
        for table in block.tables:
            _add_table(body, table)
    body.finish()


def _prefill_contents(document: DocxDocument, titles: list[str]) -> None:
    """The table of contents field's shown text replaced by the sections' titles, so that a
    program that does not update fields on opening (a PDF converter) still lists them; Word
    and LibreOffice write the page numbers when they update the field."""
    for paragraph in document.paragraphs:
        runs = paragraph._p.findall(qn("w:r"))
        if not any("TOC" in (code.text or "") for code in paragraph._p.iter(qn("w:instrText"))):
            continue
        kinds = [_field_char(run) for run in runs]
        if "separate" not in kinds or "end" not in kinds:
            continue
        start, end = kinds.index("separate"), kinds.index("end")
        for run in runs[start + 1 : end]:
            paragraph._p.remove(run)
        closing = runs[end]
        for position, title in enumerate(titles):
            run = OxmlElement("w:r")
            if position:
                run.append(OxmlElement("w:br"))
            text = OxmlElement("w:t")
            text.text = title
            run.append(text)
            closing.addprevious(run)
        return


def _field_char(run: object) -> str | None:
    found = run.find(qn("w:fldChar"))  # type: ignore[attr-defined]
    return None if found is None else found.get(qn("w:fldCharType"))


def _marker(index: int) -> str:
    return f"[[isi-bagian-{index}]]"


def report_docx(
    report: Report, template: bytes, images: Mapping[str, bytes], chart_note: str = ""
) -> bytes:
    """The document of ``report`` on ``template`` (checked first: InputError in Indonesian),
    with the chart images by chart key; ``chart_note`` stands where an image is missing.

    docxtpl renders the tags; each section's ``{{ b.isi }}`` becomes a marker paragraph, which
    its body then replaces (so the body is written in the template's own styles)."""
    check_template(template)
    template_document = DocxTemplate(io.BytesIO(template))
    office = report.office
    context = {
        "judul": report.title,
        "periode": report.period_text,
        "kop": Listing("\n".join(office.heading)),
        "nama_kantor": office.name,
        "alamat": office.contact,
        "dibuat": f"Dibuat {long_day(report.made_on)} dari catatan sistem PST",
        "tempat_tanggal": format_place_date(office.city, report.made_on),
        "bagian": [
            {"judul": section.title, "uraian": NARRATIVE, "isi": _marker(index)}
            for index, section in enumerate(report.sections)
        ],
    }
    template_document.render(context, autoescape=True)
    document = template_document.docx
    markers = {paragraph.text.strip(): paragraph for paragraph in document.paragraphs}
    for index, section in enumerate(report.sections):
        marker = markers.get(_marker(index))
        if marker is None:
            raise InputError.on(
                FIELD,
                "Templat laporan tidak dapat dipakai: {{ b.isi }} harus berdiri sendiri dalam "
                "satu paragraf di dalam {%p for b in bagian %}.",
            )
        _fill_section(_Body(document, marker), section, images, chart_note)
    _prefill_contents(document, [section.title for section in report.sections])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
