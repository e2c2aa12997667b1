"""The report's content as plain data: sections of blocks, each block a reading, a chart (by
its key on *Tren layanan*) and tables. A table cell carries its kind (``Money``, ``Fraction``,
``Minutes``, ``Month``, a date, a count, a text), so the DOCX writes it as Indonesian text and
the XLSX as a number with an Indonesian format, from the same value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Money:
    """Whole rupiah."""

    amount: int


@dataclass(frozen=True)
class Fraction:
    """A share or a relative change, 0 … 1 (shown as a percentage)."""

    value: float


@dataclass(frozen=True)
class Minutes:
    """A duration in minutes, exact as the metrics give it."""

    value: float


@dataclass(frozen=True)
class Month:
    """A calendar month, named by its first day."""

    first_day: date


Cell = str | int | date | Money | Fraction | Minutes | Month | None
"""``None``: no value (no base for a share, no duration): shown as a dash, an empty cell."""


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None
    """The period's own total (a metric, never a sum of the rows), written last, in bold."""
    empty: str = "Tidak ada data pada periode ini."
    """What the document says instead of a table without rows."""


@dataclass(frozen=True)
class Block:
    """A chart and its tables, under a sub-heading, with the chart's one-line reading."""

    title: str
    reading: str
    tables: tuple[Table, ...]
    chart: str | None = None
    """The chart's key on *Tren layanan* (``dashboard.trends.chart_tables.CHARTS``)."""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = ()
    """Plain statements about the section's data (what is missing, and why)."""


@dataclass(frozen=True)
class OfficeHeading:
    """The office as its documents head them (*Profil kantor*)."""

    name: str
    heading: tuple[str, ...]
    contact: str
    city: str


@dataclass(frozen=True)
class Report:
    office: OfficeHeading
    office_code: str
    title: str
    period_text: str
    """'1 Januari 2026 – 31 Desember 2026'."""
    first_day: date
    last_day: date
    annual: bool
    made_on: date
    sections: tuple[Section, ...]

    def tables(self) -> list[Table]:
        """Every table of the report, in the document's order."""
        return [
            table for section in self.sections for block in section.blocks for table in block.tables
        ]

    def charts(self) -> list[str]:
        """The keys of the charts the document shows, in its order."""
        return [block.chart for section in self.sections for block in section.blocks if block.chart]

    @property
    def file_stem(self) -> str:
        """'laporan-kerja-1603-2026' or 'laporan-bulanan-1603-2026-11'."""
        if self.annual:
            return f"laporan-kerja-{self.office_code}-{self.first_day.year}"
        return f"laporan-bulanan-{self.office_code}-{self.first_day:%Y-%m}"
