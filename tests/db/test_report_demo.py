"""The work report on a small demo database (six generated weeks, on SQLite and PostgreSQL):
the DOCX and XLSX read back hold exactly ``/api/v1/stats``'s figures for the year and for the
month, as on the trap data set."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from dashboard.demo.runner import DemoOptions, run_demo
from dashboard.reports.content import ReportRequest
from dashboard.reports.default_template import DEFAULT_TEMPLATE
from dashboard.reports.job import produce_report
from dashboard.setup.database import prepare_database
from dashboard.trends.stats import load_period_stats, stats_json
from db.session import Database
from tests.helpers.database import BACKENDS, fresh_database
from tests.helpers.reports import assert_docx_matches, assert_xlsx_matches

NOW = datetime(2026, 11, 26, 3, 30, tzinfo=UTC)
TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, int]]:
    with fresh_database(request.param, tmp_path_factory.mktemp("demo"), "report") as database:
        office = prepare_database(database)
        run_demo(database, office.id, DemoOptions(offices=("1603",), years=6 / 52, now=NOW))
        yield database, office.id


@pytest.mark.parametrize("month", [None, 11])
def test_the_report_of_a_demo_history_holds_the_stats(
    demo: tuple[Database, int], month: int | None
) -> None:
    database, office_id = demo
    request = ReportRequest(2026, month, office_id)
    files = produce_report(
        database, request, TODAY, DEFAULT_TEMPLATE.read_bytes(), charts=False, with_pdf=False
    )
    with database.reading() as session:
        api = stats_json(load_period_stats(session, request.period, [office_id]))
    assert api["visitors"] > 50 and api["steps"][1]["count"] > 50
    docx, xlsx = files.file("docx"), files.file("xlsx")
    assert docx is not None and xlsx is not None
    assert_docx_matches(docx.content, api)
    assert_xlsx_matches(xlsx.content, api)
