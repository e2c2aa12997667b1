"""How fast the demo generator writes history: one office (the default row writer), and a
small province-scale run; with ``--through-services`` also the same office replayed through
the page services, for comparison.

    python -m benchmarks.demo_bench [--years 3] [--scale 1] [--scale-years 1]
                                    [--database-url URL] [--skip-office] [--skip-scale]
                                    [--through-services]

Each run goes into a temporary database: a SQLite file, and for the scale run also a temporary
PostgreSQL database on the server of ``--database-url`` (by default ``PST_TEST_POSTGRES_URL``
as the tests use; skipped with the reason printed when it is unreachable). Prints seconds,
visits, rows written, rows per second and milliseconds per visit, and the checker's verdict
(on a sample of days after a scale run). The target for one office is ``--years 3`` in under
30 s; about 1 million visits need ``--scale 16 --scale-years 3`` (17 offices).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.search_bench import postgresql_admin, temporary_postgresql
from dashboard.demo.checker import check_database
from dashboard.demo.runner import CHECK_SAMPLE_DAYS, PROVINCE_CODES, DemoOptions, run_demo
from dashboard.setup.database import prepare_database
from db.session import Database

DEFAULT_POSTGRES_URL = os.environ.get(
    "PST_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TARGET_OFFICE_SECONDS = 30.0


@dataclass(frozen=True)
class Figures:
    label: str
    seconds: float
    visits: int
    rows: int
    check_seconds: float
    violations: int

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    @property
    def ms_per_visit(self) -> float:
        return 1000 * self.seconds / self.visits if self.visits else 0.0


def measure(label: str, database_url: str, options: DemoOptions) -> Figures:
    database = Database(database_url)
    try:
        office = prepare_database(database)
        result = run_demo(database, office.id, options)
        sample = CHECK_SAMPLE_DAYS if options.scale is not None else None
        started = time.perf_counter()
        with database.reading() as session:
            violations = check_database(session, sample_days=sample, seed=options.seed)
        checked = time.perf_counter() - started
        return Figures(label, result.seconds, result.visits, result.rows, checked, len(violations))
    finally:
        database.dispose()


def print_table(results: list[Figures]) -> None:
    print(
        f"{'run':<34}{'seconds':>9}{'visits':>10}{'rows':>11}{'rows/s':>10}{'ms/visit':>10}"
        f"{'check s':>9}{'violations':>12}"
    )
    for figures in results:
        print(
            f"{figures.label:<34}{figures.seconds:>9.1f}{figures.visits:>10,}{figures.rows:>11,}"
            f"{figures.rows_per_second:>10,.0f}{figures.ms_per_visit:>10.2f}"
            f"{figures.check_seconds:>9.1f}{figures.violations:>12}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=3.0, help="one office's span (default 3)")
    parser.add_argument("--scale", type=float, default=1.0, help="scale run's volume (default 1)")
    parser.add_argument("--scale-years", type=float, default=1.0, help="scale run's span")
    parser.add_argument(
        "--database-url",
        default=DEFAULT_POSTGRES_URL,
        help="PostgreSQL server on which a temporary database is made (default: %(default)s)",
    )
    parser.add_argument("--skip-office", action="store_true", help="no one-office run")
    parser.add_argument("--skip-scale", action="store_true", help="no scale run")
    parser.add_argument(
        "--through-services", action="store_true", help="also replay the office via services"
    )
    args = parser.parse_args(argv)
    results: list[Figures] = []
    office_options = DemoOptions(offices=("1603",), years=args.years)
    scale_options = DemoOptions(offices=PROVINCE_CODES, years=args.scale_years, scale=args.scale)
    scale_label = f"17 offices, scale {args.scale:g}, {args.scale_years:g} y"
    with tempfile.TemporaryDirectory(prefix="pst-demo-bench-") as directory:
        if not args.skip_office:
            url = f"sqlite:///{Path(directory) / 'office.sqlite3'}"
            results.append(measure(f"sqlite: 1 office, {args.years:g} y", url, office_options))
        if args.through_services:
            url = f"sqlite:///{Path(directory) / 'services.sqlite3'}"
            options = replace(office_options, through_services=True)
            label = f"sqlite: 1 office, {args.years:g} y, services"
            results.append(measure(label, url, options))
        if not args.skip_scale:
            url = f"sqlite:///{Path(directory) / 'scale.sqlite3'}"
            results.append(measure(f"sqlite: {scale_label}", url, scale_options))
    if not args.skip_scale:
        admin = postgresql_admin(args.database_url)
        if admin is not None:
            with admin, temporary_postgresql(admin, args.database_url) as postgresql_url:
                results.append(measure(f"postgresql: {scale_label}", postgresql_url, scale_options))
    print_table(results)
    if not args.skip_office:
        office = results[0]
        verdict = "meets" if office.seconds < TARGET_OFFICE_SECONDS else "misses"
        target = f"{TARGET_OFFICE_SECONDS:.0f} s"
        print(f"One office: {office.seconds:.1f} s, {verdict} the {target} target.")


if __name__ == "__main__":
    main()
