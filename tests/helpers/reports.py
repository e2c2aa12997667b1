"""Reading the work report back as a person's program would (python-docx for the DOCX,
openpyxl for the XLSX), and holding its figures against ``/api/v1/stats``'s answer for the
same period: the figures the head signs must be the screen's."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook

from dashboard import sop
from dashboard.i18n import format_number, format_rupiah
from dashboard.reports.content import SECTION_TITLES
from dashboard.reports.document import cell_text
from dashboard.reports.model import Fraction, Minutes

Rows = list[list[str]]
SUMMARY_COUNTS = {
    "Pengunjung (diterima)": "visitors",
    "Ditolak saat skrining": "refused",
    "Pengunjung kembali": "returning",
    "Kunjungan impor buku tamu": "imported",
    "Kuitansi": "sales",
    "Kuitansi Rp0": "zero_rupiah_sales",
    "Penjualan dibatalkan": "voided_sales",
}
"""The summary's rows that are counts, by the ``/api/v1/stats`` field they show."""
SUMMARY_OTHERS = {
    "Penerimaan PNBP": "pnbp_revenue",
    "Belum disetor pada akhir periode": "undeposited_at_end",
    "Kunjungan dirujuk ke instansi lain": "referral_rate_visits",
}


def docx_headings(content: bytes, style: str = "Heading 1") -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs if p.style.name == style]


def docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def docx_tables(content: bytes) -> dict[str, Rows]:
    """Every table of the document by the title written just above it (header row first)."""
    document = Document(io.BytesIO(content))
    tables: dict[str, Rows] = {}
    title = ""
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            text = Paragraph(element, document).text.strip()
            if text:
                title = text
        elif element.tag.endswith("}tbl"):
            table = DocxTable(element, document)
            tables[title] = [[cell.text for cell in row.cells] for row in table.rows]
    return tables


def xlsx_sheets(content: bytes) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(io.BytesIO(content))
    return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}


def _by_first(rows: Rows | list[tuple[Any, ...]]) -> dict[Any, Any]:
    return {row[0]: row for row in rows[1:]}


def _step(number: int) -> str:
    return f"{number}. {sop.STEP_BY_NUMBER[number].label}"


def _minutes(value: float | None) -> str:
    return cell_text(None if value is None else Minutes(value))


def _share(value: float | None) -> str:
    return cell_text(None if value is None else Fraction(value))


def assert_docx_matches(content: bytes, api: dict[str, Any]) -> None:
    """Every section heading, and the figures of ``api`` in the document's tables."""
    assert docx_headings(content) == list(SECTION_TITLES.values())
    tables = docx_tables(content)
    summary = _by_first(tables["Angka utama"])
    for label, field in SUMMARY_COUNTS.items():
        assert summary[label][1] == format_number(api[field]), label
    assert summary["Penerimaan PNBP"][1] == format_rupiah(api["pnbp_revenue"])
    assert summary["Belum disetor pada akhir periode"][1] == format_rupiah(
        api["undeposited_at_end"]
    )
    assert summary["Kunjungan dirujuk ke instansi lain"][1] == _share(api["referral_rate_visits"])
    steps = _by_first(tables["Durasi per langkah"])
    for row in api["steps"]:
        target = row["target_minutes"]
        found = steps[_step(row["step"])]
        assert [found[1], *found[3:]] == [
            format_number(row["count"]),
            _minutes(row["median_minutes"]),
            _minutes(row["p90_minutes"]),
            "—" if target is None else format_number(target),
            _share(row["within_target_share"]),
        ]
    visit_time = tables["Waktu layanan satu kunjungan"][1]
    service = api["visit_service_minutes"]
    assert visit_time[1:3] == [_minutes(service["median"]), _minutes(service["p90"])]
    rates = _by_first(tables["Tingkat rujukan"])["Jumlah"]
    assert (rates[3], rates[6]) == (
        _share(api["referral_rate_visits"]),
        _share(api["referral_rate_requests"]),
    )
    agencies = tables.get("Instansi tujuan rujukan", [[]])[1:]
    assert [(row[0], row[1]) for row in agencies] == [
        (item["agency"], format_number(item["visits"])) for item in api["top_referral_agencies"]
    ]
    topics = tables.get("Topik yang tidak tersedia", [[]])[1:]
    assert [(row[0], row[1]) for row in topics] == [
        (item["topic"], format_number(item["requests"])) for item in api["unmet_topics"]
    ]
    visitors = tables.get("Pengunjung per bulan") or tables["Pengunjung per hari"]
    total = _by_first(visitors)["Jumlah"]
    assert total[1:3] == [format_number(api["visitors"]), format_number(api["refused"])]


def _excel(value: Any) -> Any:
    """A figure as a workbook holds it: floats to Excel's 15 significant digits."""
    return pytest.approx(value, rel=1e-14, abs=0) if isinstance(value, float) else value


def assert_xlsx_matches(content: bytes, api: dict[str, Any]) -> None:
    """The same figures in the workbook, as numbers (floats exact to Excel's 15 significant
    digits)."""
    sheets = xlsx_sheets(content)
    summary = _by_first(sheets["Angka utama"])
    for label, field in {**SUMMARY_COUNTS, **SUMMARY_OTHERS}.items():
        assert summary[label][1] == _excel(api[field]), label
    steps = _by_first(sheets["Durasi per langkah"])
    for row in api["steps"]:
        found = steps[_step(row["step"])]
        assert [found[1], *found[3:]] == [
            _excel(row[name])
            for name in (
                "count",
                "median_minutes",
                "p90_minutes",
                "target_minutes",
                "within_target_share",
            )
        ]
    visit_time = sheets["Waktu layanan satu kunjungan"][1]
    service = api["visit_service_minutes"]
    assert list(visit_time[1:3]) == [_excel(service["median"]), _excel(service["p90"])]
    agencies = sheets["Instansi tujuan rujukan"][1:]
    assert [row[:2] for row in agencies if row[1] is not None] == [
        (item["agency"], item["visits"]) for item in api["top_referral_agencies"]
    ]
    topics = sheets["Topik yang tidak tersedia"][1:]
    assert [row[:2] for row in topics if row[1] is not None] == [
        (item["topic"], item["requests"]) for item in api["unmet_topics"]
    ]
    assert sheets["Angka utama"][0][0] == "Indikator"
