"""How long the work report takes (``dashboard.reports.job.produce_report``, what the command
line and the trends page's download run): the annual report of one office-year and a monthly
report, charts included, on the province-scale demo database.

    python -m benchmarks.report_bench [--database-url URL] [--office CODE] [--year Y]
                                      [--month M] [--rounds N] [--quick]

The database: ``--database-url``, else the province SQLite database of the other benchmarks
(``PST_BENCH_SQLITE_URL``, default ``data/pst-bench-province.sqlite3``) when it exists.
``--quick`` instead generates a small demo database (one office, two years) in a temporary
file: a check that the harness works (under a minute).

What is timed, for the annual report (default: last year) and a monthly report (default: the
last whole month), each the median of ``--rounds`` rounds:

- the figures alone (``load_report``: the trends view, the year before, the quarters or weeks,
  deposits, SOP versions: one read-only transaction);
- the DOCX and XLSX with charts (``produce_report`` without PDF): the figures, Kaleido's
  Chromium started in the background while they are read, the 15 chart images, the document
  and the workbook — the figure the targets are about (annual < 10 s, monthly < 3 s);
- the PDF conversion of that DOCX by LibreOffice, apart (when ``soffice`` is installed).

Figures are printed, never asserted."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from benchmarks import province_db
from dashboard.demo.runner import DemoOptions, run_demo
from dashboard.reports import pdf
from dashboard.reports.content import ReportRequest, load_report
from dashboard.reports.default_template import DEFAULT_TEMPLATE
from dashboard.reports.job import produce_report
from dashboard.setup.database import prepare_database
from db.queries.offices import office_by_code
from db.session import Database

QUICK_NOW = datetime(2026, 11, 26, 3, 30, tzinfo=UTC)


def _median_seconds(action: Callable[[], object], rounds: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _database_url(args: argparse.Namespace) -> str | None:
    if args.database_url:
        return args.database_url
    return (
        province_db.DEFAULT_SQLITE_URL
        if province_db.contents(province_db.DEFAULT_SQLITE_URL)
        else None
    )


def measure(database: Database, request: ReportRequest, today: date, rounds: int) -> None:
    name = "tahunan" if request.annual else "bulanan"
    label = f"{name} {request.year}" + ("" if request.annual else f"-{request.month:02d}")
    template = DEFAULT_TEMPLATE.read_bytes()

    def figures() -> object:
        with database.reading() as session:
            return load_report(session, request, today)

    def files() -> object:
        return produce_report(database, request, today, template, with_pdf=False)

    read, _ = _median_seconds(figures, rounds)
    made, produced = _median_seconds(files, rounds)
    docx = produced.file("docx")  # type: ignore[attr-defined]
    target = 10 if request.annual else 3
    messages = " ".join(produced.messages)  # type: ignore[attr-defined]
    print(f"laporan {label}: angka {read:.2f} s; DOCX+XLSX dengan grafik {made:.2f} s "
          f"(target < {target} s){'; ' + messages if messages else ''}")  # fmt: skip
    soffice = pdf.find_soffice()
    if soffice is not None and docx is not None:
        converted, _ = _median_seconds(lambda: pdf.docx_to_pdf(soffice, docx.content), 1)
        print(f"laporan {label}: PDF (LibreOffice) {converted:.2f} s tambahan")


def _quick_database(folder: Path) -> Database:
    database = Database(f"sqlite:///{folder / 'report-bench.sqlite3'}")
    office = prepare_database(database)
    run_demo(database, office.id, DemoOptions(offices=("1603",), years=2, now=QUICK_NOW))
    return database


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--database-url", help="the database (default: the province one)")
    parser.add_argument("--office", default="1603", help="office code (default 1603)")
    parser.add_argument("--year", type=int, help="the annual report's year (default: last year)")
    parser.add_argument(
        "--month", type=int, help="the monthly report's month (default: the last whole month)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds per figure (default 3)")
    parser.add_argument("--quick", action="store_true", help="a small temporary demo database")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pst-report-bench-") as folder:
        if args.quick:
            database, today = _quick_database(Path(folder)), QUICK_NOW.date()
            print("basis data: demo sementara (1 kantor, 2 tahun)")
        else:
            url = _database_url(args)
            if url is None:
                print("tidak ada basis data provinsi: pakai --database-url URL atau --quick")
                return
            database, today = Database(url), date.today()
            print(f"basis data: {url}")
        with database.reading() as session:
            office = office_by_code(session, args.office)
        if office is None:
            print(f"kantor {args.office} tidak ada di basis data")
            return
        year = args.year or today.year - 1
        month = args.month or (today.month - 1 or 12)
        month_year = today.year if today.month > 1 else today.year - 1
        measure(database, ReportRequest(year, None, office.id), today, args.rounds)
        measure(database, ReportRequest(month_year, month, office.id), today, args.rounds)
        database.dispose()


if __name__ == "__main__":
    main()
