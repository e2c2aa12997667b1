"""IDs of *Tren layanan* (/tren): the controls, the headline figures, and each chart's graph,
reading and download buttons (dict ids by chart key)."""

from __future__ import annotations

from dashboard.trends.chart_tables import CHARTS

PAGE = "trends-page"
LOADED = "trends-loaded"
PRESET = "trends-preset"
START = "trends-start"
END = "trends-end"
GRAIN = "trends-grain"
COMPARISON = "trends-comparison"
OFFICE = "trends-office"
OFFICE_FIELD = "trends-office-field"
NOTICE = "trends-notice"
HEADLINE = "trends-headline"
PERIOD_TEXT = "trends-period-text"
DOWNLOAD = "trends-download"
DOWNLOAD_BUTTON = "trends-download-button"
"""Dict ids ``{"type": DOWNLOAD_BUTTON, "chart": key, "format": "csv" | "xlsx"}``."""

REPORT_YEAR = "trends-report-year"
REPORT_MONTH = "trends-report-month"
REPORT_LINK = "trends-report-link"
"""The work report's year, month (``WHOLE_YEAR`` for the year) and its download link."""

GRAPH_IDS: dict[str, str] = {key: f"trends-graph-{key}" for key in CHARTS}
READING_IDS: dict[str, str] = {key: f"trends-reading-{key}" for key in CHARTS}
