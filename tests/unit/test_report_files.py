"""The work report's files without a database: the template's tags checked before use (clear
Indonesian messages), the DOCX written on the default template (section headings, narrative
places, a table of contents field, a page number field), the XLSX's sheets and formats, the
PDF through LibreOffice where it is installed, and chart images through Kaleido."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from dashboard.errors import InputError
from dashboard.figures.render import RENDER_LOCK, chart_renderer, find_chromium
from dashboard.figures.trends import service_types_figure
from dashboard.metrics.profile import ServiceTypes, Share
from dashboard.reports import pdf
from dashboard.reports.default_template import DEFAULT_TEMPLATE, build_default_template
from dashboard.reports.document import NARRATIVE, cell_text, report_docx
from dashboard.reports.model import (
    Block,
    Fraction,
    Minutes,
    Money,
    Month,
    OfficeHeading,
    Report,
    Section,
    Table,
)
from dashboard.reports.template import check_template
from dashboard.reports.workbook import RUPIAH_FORMAT, SHARE_FORMAT, report_xlsx, sheet_names
from tests.helpers.database import skip_or_fail
from tests.helpers.reports import docx_tables

TEMPLATE = DEFAULT_TEMPLATE.read_bytes()
PNG = b"\x89PNG\r\n\x1a\n"


def _report(*tables: Table) -> Report:
    block = Block("Angka utama", "1.071 pengunjung & 13 ditolak.", tables, "visitors")
    return Report(
        office=OfficeHeading(
            "BPS Kabupaten Muara Enim",
            ("BADAN PUSAT STATISTIK", "KABUPATEN MUARA ENIM"),
            "Jl. Jenderal Sudirman No. 1, Muara Enim",
            "Muara Enim",
        ),
        office_code="1603",
        title="LAPORAN KERJA TAHUNAN PELAYANAN STATISTIK TERPADU (PST) TAHUN 2026",
        period_text="1 Januari 2026 – 31 Desember 2026",
        first_day=date(2026, 1, 1),
        last_day=date(2026, 12, 31),
        annual=True,
        made_on=date(2027, 1, 4),
        sections=(Section("summary", "1. Ringkasan", (block,), ("Catatan data.",)),),
    )


TABLE = Table(
    "Angka utama",
    ("Indikator", "2026", "Porsi"),
    (("Pengunjung", 1071, Fraction(0.25)), ("PNBP", Money(10_616_000), None)),
    ("Jumlah", 1071, None),
)


def _with_text(old: str, new: str) -> bytes:
    """The default template with one text of its body replaced."""
    source = zipfile.ZipFile(io.BytesIO(TEMPLATE))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            target.writestr(item, data)
    return out.getvalue()


def test_the_default_template_is_built_by_its_script() -> None:
    built = io.BytesIO()
    build_default_template().save(built)
    texts = [p.text for p in Document(built).paragraphs]
    assert texts == [p.text for p in Document(io.BytesIO(TEMPLATE)).paragraphs]
    check_template(TEMPLATE)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("{{ judul }}", "Judul", "tag wajib belum ada: {{ judul }}"),
        ("{{ dibuat }}", "{{ tanggal_cetak }}", "tag tidak dikenal: {{ tanggal_cetak }}"),
        ("{{ judul }}", "{{ judul }", "Tag dalam templat laporan tidak dapat dibaca"),
        ("{{ b.isi }}", "isi", "belum ada: {{ b.isi }}"),
        ("{%p endfor %}", "selesai", "Tag dalam templat laporan tidak dapat dibaca"),
    ],
)
def test_a_replaced_template_is_checked_before_use(old: str, new: str, message: str) -> None:
    with pytest.raises(InputError) as refused:
        check_template(_with_text(old, new))
    assert message in refused.value.errors["template"]


def test_a_file_that_is_not_a_word_document_is_refused() -> None:
    with pytest.raises(InputError) as refused:
        check_template(b"bukan docx")
    assert "bukan dokumen Word" in refused.value.errors["template"]


def test_cells_are_written_in_indonesian() -> None:
    assert cell_text(1234567) == "1.234.567"
    assert cell_text(Money(10_616_000)) == "Rp 10.616.000"
    assert cell_text(Fraction(2 / 3)) == "66,7 %"
    assert cell_text(Minutes(2.75)) == "2,75"
    assert cell_text(Minutes(9.6)) == "9,6"
    assert cell_text(Month(date(2026, 5, 1))) == "Mei 2026"
    assert cell_text(date(2026, 11, 26)) == "26 Nov 2026"
    assert cell_text(None) == "—"


def test_the_document_on_the_default_template() -> None:
    content = report_docx(_report(TABLE), TEMPLATE, {}, "(Grafik tidak tersedia.)")
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    assert "BADAN PUSAT STATISTIK\nKABUPATEN MUARA ENIM" in texts
    assert "Periode 1 Januari 2026 – 31 Desember 2026" in texts
    assert NARRATIVE in texts and "(Grafik tidak tersedia.)" in texts
    assert "1.071 pengunjung & 13 ditolak." in texts
    assert "Muara Enim, 4 Januari 2027" in texts
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == ["1. Ringkasan"]
    assert docx_tables(content)["Angka utama"] == [
        ["Indikator", "2026", "Porsi"],
        ["Pengunjung", "1.071", "25,0 %"],
        ["PNBP", "Rp 10.616.000", "—"],
        ["Jumlah", "1.071", "—"],
    ]
    body = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert re.search(r"<w:instrText[^>]*> TOC \\o", body)
    assert "1. Ringkasan" in body[body.index("TOC") :]  # the contents list the sections
    footers = [
        zipfile.ZipFile(io.BytesIO(content)).read(name).decode()
        for name in zipfile.ZipFile(io.BytesIO(content)).namelist()
        if name.startswith("word/footer")
    ]
    assert any(" PAGE " in footer for footer in footers)


def test_the_workbook_has_a_sheet_per_table_with_formats() -> None:
    book = load_workbook(io.BytesIO(report_xlsx(_report(TABLE, TABLE))))
    assert book.sheetnames == ["Keterangan", "Angka utama", "Angka utama (2)"]
    sheet = book["Angka utama"]
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]] == ["Indikator", "2026", "Porsi"]
    assert sheet["C2"].value == 0.25 and sheet["C2"].number_format == SHARE_FORMAT
    assert sheet["B3"].value == 10_616_000 and sheet["B3"].number_format == RUPIAH_FORMAT
    assert sheet["A4"].value == "Jumlah" and sheet["A4"].font.bold


def test_sheet_names_are_valid_and_unique() -> None:
    tables = [Table("Profil: pekerjaan / umur [x]", ("a",), ()), Table("x" * 40, ("a",), ())] * 2
    names = sheet_names(tables)
    assert len(set(names)) == 4 and all(len(name) <= 31 for name in names)
    assert names[0] == "Profil pekerjaan  umur x"


def test_the_pdf_through_libreoffice() -> None:
    soffice = pdf.find_soffice()
    if soffice is None:
        skip_or_fail(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    content = pdf.docx_to_pdf(soffice, report_docx(_report(TABLE), TEMPLATE, {}))
    assert content.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "LAPORAN KERJA TAHUNAN" in text and "Rp 10.616.000" in text
    assert "Halaman 2" in text


def test_charts_render_offline_behind_the_lock() -> None:
    if find_chromium() is None:
        skip_or_fail("Chromium is not installed: apt-get install chromium")
    types = ServiceTypes(3, (Share("Perpustakaan", 2, 2 / 3), Share("Konsultasi", 1, 1 / 3)))
    with chart_renderer() as render:
        assert RENDER_LOCK.locked()
        image = render(service_types_figure(types))
    assert not RENDER_LOCK.locked()
    assert image.startswith(PNG) and len(image) > 5_000
