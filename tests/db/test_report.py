"""The work report (``dashboard.reports``) on the trap data set, on SQLite and PostgreSQL: the
DOCX read back with python-docx and the XLSX with openpyxl hold exactly ``/api/v1/stats``'s
figures for the same period (a year, a month), every section heading is there, the notes name
the imported month and the revised SOP, and a year without data is still a report that says
so. Charts are left out here (``tests/unit/test_report_charts.py`` renders them)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from dashboard.reports.content import ReportRequest
from dashboard.reports.default_template import DEFAULT_TEMPLATE
from dashboard.reports.job import ReportFiles, produce_report
from dashboard.trends.stats import load_period_stats, stats_json
from tests.helpers.database import PreparedDatabase
from tests.helpers.metrics_data import MetricsData, trap_data
from tests.helpers.reports import (
    assert_docx_matches,
    assert_xlsx_matches,
    docx_tables,
    docx_text,
    xlsx_sheets,
)

T = date(2026, 11, 26)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def trap(request: pytest.FixtureRequest) -> Iterator[tuple[PreparedDatabase, MetricsData]]:
    with trap_data(request, request.param) as written:
        yield written


def _report(db: PreparedDatabase, office_id: int, year: int, month: int | None) -> ReportFiles:
    template = DEFAULT_TEMPLATE.read_bytes()
    request = ReportRequest(year, month, office_id)
    return produce_report(db.database, request, T, template, charts=False, with_pdf=False)


def _api(db: PreparedDatabase, office_id: int, year: int, month: int | None) -> dict:
    with db.database.reading() as session:
        return stats_json(
            load_period_stats(session, ReportRequest(year, month, office_id).period, [office_id])
        )


@pytest.mark.parametrize("month", [None, 11])
def test_the_report_holds_the_figures_of_the_stats_api(
    trap: tuple[PreparedDatabase, MetricsData], month: int | None
) -> None:
    db, data = trap
    files = _report(db, data.office_id, 2026, month)
    docx, xlsx = files.file("docx"), files.file("xlsx")
    assert docx is not None and xlsx is not None
    api = _api(db, data.office_id, 2026, month)
    assert api["visitors"] and api["pnbp_revenue"]
    assert_docx_matches(docx.content, api)
    assert_xlsx_matches(xlsx.content, api)


def test_the_monthly_report_by_hand(trap: tuple[PreparedDatabase, MetricsData]) -> None:
    """November 2026: A B H I D E G U1 U2 U3 admitted, C U4 refused; step 2's durations are
    Y-T's (U1-U3 still in it): median 165 s = 2,75 minutes, target on 30 Nov 2 minutes."""
    db, data = trap
    files = _report(db, data.office_id, 2026, 11)
    docx = files.file("docx")
    assert docx is not None
    tables = docx_tables(docx.content)
    summary = {row[0]: row for row in tables["Angka utama"]}
    assert summary["Pengunjung (diterima)"][1:3] == ["10", "0"]
    assert summary["Ditolak saat skrining"][1] == "2"
    step_2 = next(row for row in tables["Durasi per langkah"] if row[0].startswith("2."))
    assert (step_2[1], step_2[3], step_2[5]) == ("6", "2,75", "2")
    text = docx_text(docx.content)
    assert "LAPORAN BULANAN PELAYANAN STATISTIK TERPADU (PST) NOVEMBER 2026" in text
    assert "1 November 2026 – 30 November 2026" in text
    assert files.stem == "laporan-bulanan-1603-2026-11"


def test_the_notes_name_the_imported_month_and_the_revised_sop(
    trap: tuple[PreparedDatabase, MetricsData],
) -> None:
    db, data = trap
    files = _report(db, data.office_id, 2026, None)
    docx = files.file("docx")
    assert docx is not None
    text = docx_text(docx.content)
    assert "Bulan dengan kunjungan impor buku tamu: November 2026 (1 kunjungan)" in text
    assert "Target SOP direvisi, berlaku 26 November 2026" in text
    assert "langkah 2 3 menit → 2 menit" in text
    assert "Periode belum berakhir: angka laporan ini sampai 26 November 2026." in text
    xlsx = files.file("xlsx")
    assert xlsx is not None
    notes = {row[0]: row for row in xlsx_sheets(xlsx.content)["Data per bulan"][1:]}
    assert notes[datetime(2026, 11, 1)][1:] == (10, 1, "tercatat")
    assert notes[datetime(2026, 12, 1)][3] is None  # not begun on T


def test_a_year_without_data_is_still_a_report(trap: tuple[PreparedDatabase, MetricsData]) -> None:
    db, data = trap
    files = _report(db, data.office_id, 2020, None)
    docx = files.file("docx")
    assert docx is not None
    text = docx_text(docx.content)
    assert "Tidak ada kunjungan maupun penjualan yang tercatat untuk 1 Januari 2020" in text
    assert "Tidak ada kunjungan pada periode ini." in text
    assert_docx_matches(docx.content, _api(db, data.office_id, 2020, None))
