"""Each chart's data as a table (the CSV and XLSX a head downloads under it), and the chart
titles of *Tren layanan*. Values are raw: dates ISO, minutes and shares unrounded as the
metrics give them, money in whole rupiah."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from openpyxl import Workbook

from dashboard.metrics.profile import DIMENSIONS
from dashboard.tabular_file import csv_cell, put_xlsx_cell
from dashboard.trends.readings import kind_label

if TYPE_CHECKING:
    from dashboard.metrics.steps import StepCompliance
    from dashboard.trends.trends_view import TrendsView

CHARTS: dict[str, str] = {
    "visitors": "Pengunjung per periode",
    "returning": "Pengunjung baru dan kembali",
    "steps": "Durasi per langkah terhadap target",
    "compliance": "Dalam target per langkah dari waktu ke waktu",
    "bottleneck": "Langkah penghambat: menit di atas target",
    "waits": "Waktu tunggu sebelum langkah",
    "service": "Waktu layanan satu kunjungan",
    "referrals": "Tingkat rujukan",
    "agencies": "Instansi tujuan rujukan terbanyak",
    "unmet": "Topik yang tidak tersedia",
    "revenue": "PNBP per jenis item",
    "receipts": "Kuitansi, Rp0 dan pembatalan",
    "heatmap": "Kedatangan per hari × jam",
    "service_types": "Jenis layanan PST",
    "profile": "Profil pengunjung",
    "publications": "Publikasi paling banyak diminta dan terjual",
    "corrections": "Koreksi waktu per petugas dan langkah",
}
"""Chart key → title, in the page's order."""
FORMATS = ("csv", "xlsx")
COMPARISON_KIND = "(periode pembanding, semua jenis)"
"""The revenue table's rows of the comparison period: its revenue per bucket, all kinds."""
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ChartTable:
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def _table(columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> ChartTable:
    return ChartTable(columns, tuple(rows))


def chart_tables(view: TrendsView) -> dict[str, ChartTable]:
    """Every chart's table, by chart key."""
    stats = view.stats
    steps = stats.steps.steps
    compared = {index: bucket for index, bucket in enumerate(view.comparison_visitors)}
    compliance_before = _by_position(view.comparison_compliance)
    revenue_before = dict(enumerate(view.comparison_revenue))
    service = stats.service
    return {
        "visitors": _table(
            ("periode_mulai", "pengunjung", "ditolak", "pembanding_mulai", "pengunjung_pembanding"),
            [
                (
                    bucket.period.first_day.isoformat(),
                    bucket.visitors,
                    bucket.refused,
                    compared[i].period.first_day.isoformat() if i in compared else None,
                    compared[i].visitors if i in compared else None,
                )
                for i, bucket in enumerate(view.visitors)
            ],
        ),
        "returning": _table(
            ("periode_mulai", "baru", "kembali", "impor", "di_luar_jam_layanan"),
            [
                (b.period.first_day.isoformat(), b.new, b.returning, b.imported, b.outside_hours)
                for b in view.visitors
            ],
        ),
        "steps": _table(
            (
                "langkah",
                "selesai",
                "terbuka",
                "median_menit",
                "p90_menit",
                "target_menit",
                "bertarget",
                "memenuhi",
                "dalam_target",
            ),
            [
                (
                    s.step,
                    s.ended,
                    s.open,
                    s.durations.median_minutes,
                    s.durations.p90_minutes,
                    s.target_minutes,
                    s.with_target,
                    s.meeting,
                    s.compliance,
                )
                for s in steps
            ],
        ),
        "compliance": _table(
            (
                "periode_mulai",
                "langkah",
                "selesai",
                "bertarget",
                "memenuhi",
                "dalam_target",
                "pembanding_mulai",
                "pembanding_bertarget",
                "pembanding_memenuhi",
                "pembanding_dalam_target",
            ),
            [
                (
                    c.period.first_day.isoformat(),
                    c.step,
                    c.ended,
                    c.with_target,
                    c.meeting,
                    c.compliance,
                    *_compliance_beside(compliance_before.get((c.step, position))),
                )
                for c, position in _positions(view.compliance)
            ],
        ),
        "bottleneck": _table(
            ("langkah", "menit_di_atas_target", "porsi"),
            [
                (s.step, s.missed_minutes, stats.steps.missed_share(s))
                for s in steps
                if s.with_target
            ],
        ),
        "waits": _table(
            ("sebelum_langkah", "jumlah", "median_menit", "p90_menit", "masih_menunggu"),
            [
                (w.step, w.waits.count, w.waits.median_minutes, w.waits.p90_minutes, w.waiting)
                for w in view.waits
            ],
        ),
        "service": _table(
            ("kunjungan_selesai", "median_menit", "p90_menit", "batas_sop_menit", "dalam_batas"),
            [
                (
                    service.visits.count,
                    service.visits.median_minutes,
                    service.visits.p90_minutes,
                    service.limit_minutes,
                    service.within_limit,
                )
            ],
        ),
        "referrals": _table(
            (
                "periode_mulai",
                "kunjungan_dirujuk",
                "kunjungan_diputuskan",
                "tingkat_kunjungan",
                "permintaan_dirujuk",
                "permintaan_diputuskan",
                "tingkat_permintaan",
            ),
            [
                (
                    r.period.first_day.isoformat(),
                    r.visits_referred,
                    r.visits_decided,
                    r.visit_rate,
                    r.requests_referred,
                    r.requests_decided,
                    r.request_rate,
                )
                for r in view.referrals
            ],
        ),
        "agencies": _table(
            ("instansi", "kunjungan", "permintaan"),
            [(a.name, a.visits, a.requests) for a in stats.top_agencies],
        ),
        "unmet": _table(
            ("topik", "permintaan", "porsi", "terakhir_diminta"),
            [(g.label, g.count, g.share, g.last_asked.isoformat()) for g in stats.unmet.groups],
        ),
        "revenue": _table(
            ("periode_mulai", "jenis_item", "rupiah"),
            [
                (bucket.first_day.isoformat(), kind_label(kind), amount)
                for bucket, kind, amount in view.revenue_by_kind
            ]
            + [
                (row.period.first_day.isoformat(), COMPARISON_KIND, row.revenue)
                for index, row in revenue_before.items()
                if index < len(view.revenue)
            ],
        ),
        "receipts": _table(
            ("periode_mulai", "kuitansi", "rupiah", "rp0", "impor", "dibatalkan"),
            [
                (
                    r.period.first_day.isoformat(),
                    r.receipts,
                    r.revenue,
                    r.zero_rupiah,
                    r.imported,
                    r.voided,
                )
                for r in view.revenue
            ],
        ),
        **_more_tables(view),
        "heatmap": _table(
            ("hari", "jam", "pengunjung"),
            [
                (day, hour, count)
                for day, hours in enumerate(view.weekday_hours.cells)
                for hour, count in enumerate(hours)
            ],
        ),
    }


def _positions(cells: Sequence[StepCompliance]) -> list[tuple[StepCompliance, int]]:
    """Each cell with the position of its bucket among its step's buckets."""
    seen: dict[int, int] = {}
    result = []
    for cell in cells:
        result.append((cell, seen.get(cell.step, 0)))
        seen[cell.step] = seen.get(cell.step, 0) + 1
    return result


def _by_position(cells: Sequence[StepCompliance]) -> dict[tuple[int, int], StepCompliance]:
    return {(cell.step, position): cell for cell, position in _positions(cells)}


def _compliance_beside(cell: StepCompliance | None) -> tuple[object, ...]:
    if cell is None:
        return (None, None, None, None)
    return (cell.period.first_day.isoformat(), cell.with_target, cell.meeting, cell.compliance)


def _more_tables(view: TrendsView) -> dict[str, ChartTable]:
    """The tables of service types, visitor profile, publications and corrections."""
    publications = view.publications
    return {
        "service_types": _table(
            ("jenis_layanan", "kunjungan", "porsi"),
            [(t.label, t.visits, t.share) for t in view.service_types.types],
        ),
        "profile": _table(
            ("dimensi", "kategori", "kunjungan", "porsi"),
            [
                (title, item.label, item.visits, item.share)
                for name, title in DIMENSIONS.items()
                for item in view.profile.by[name]
            ],
        ),
        "publications": _table(
            ("daftar", "nomor_katalog", "judul", "tahun", "permintaan", "salinan", "penjualan"),
            [
                ("diminta", p.catalog_number, p.title, p.year, p.requests, None, None)
                for p in publications.requested
            ]
            + [
                ("terjual", p.catalog_number, p.title, p.year, None, p.copies, p.sales)
                for p in publications.sold
            ],
        ),
        "corrections": _table(
            ("langkah", "petugas", "koreksi", "langkah_dikoreksi"),
            [(r.step, r.officer, r.corrections, r.steps_corrected) for r in view.corrections.rows],
        ),
    }


def table_csv(table: ChartTable) -> bytes:
    """The table as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read it)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    writer.writerows(map(csv_cell, row) for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_xlsx(table: ChartTable, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(list(table.columns))
    for row_number, row in enumerate(table.rows, start=2):
        for column_number, value in enumerate(row, start=1):
            put_xlsx_cell(sheet.cell(row=row_number, column=column_number), value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download_name(key: str, view: TrendsView, extension: str) -> str:
    period = view.query.period
    return f"tren-{key}-{period.first_day.isoformat()}-{period.last_day.isoformat()}.{extension}"
