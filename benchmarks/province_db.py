"""The benchmark databases of the live screens: the province-scale demo database (about a
million visits over three years, the 17 offices of Sumatera Selatan), found by URL and built
on request, and a small one (one office, one year) for a quick check of a harness.

Building is the documented demo command, run as a child process:

    python -m dashboard demo --scale 16 --years 3 --database-url URL      # province, ~6 min
    python -m dashboard demo --years 1 --offices 1603 --database-url URL  # small, ~15 s
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from benchmarks.search_bench import postgresql_admin, temporary_postgresql
from dashboard.config import PROJECT_ROOT
from db.models import Visit
from db.session import Database

DEFAULT_SQLITE_URL = os.environ.get(
    "PST_BENCH_SQLITE_URL", f"sqlite:///{PROJECT_ROOT / 'data' / 'pst-bench-province.sqlite3'}"
)
DEFAULT_POSTGRES_URL = os.environ.get(
    "PST_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/pst_bench_province"
)
PROVINCE_DEMO_ARGS = ("--scale", "16", "--years", "3")
SMALL_DEMO_ARGS = ("--years", "1", "--offices", "1603")
PROVINCE_MIN_OFFICES = 17
PROVINCE_MIN_VISITS = 500_000
BUILD_TIMEOUT_SECONDS = 3 * 3600


@dataclass(frozen=True)
class Contents:
    """What a benchmark database holds."""

    offices_with_visits: int
    visits: int

    @property
    def is_province(self) -> bool:
        return (
            self.offices_with_visits >= PROVINCE_MIN_OFFICES and self.visits >= PROVINCE_MIN_VISITS
        )


def demo_command(url: str, demo_args: tuple[str, ...] = PROVINCE_DEMO_ARGS) -> list[str]:
    return [sys.executable, "-m", "dashboard", "demo", *demo_args, "--database-url", url]


def contents(url: str) -> Contents | None:
    """The offices with visits and the visits of the database, or None when it cannot be read
    (absent, empty, unreachable)."""
    url_object = make_url(url)
    if url_object.get_backend_name() == "sqlite" and not os.path.exists(url_object.database or ""):
        return None
    database = Database(url)
    try:
        with database.reading() as session:
            offices = session.scalar(select(func.count(func.distinct(Visit.office_id))))
            visits = session.scalar(select(func.count()).select_from(Visit))
        return Contents(int(offices or 0), int(visits or 0))
    except SQLAlchemyError:
        return None
    finally:
        database.dispose()


def create_postgresql_database(url: str) -> None:
    """Create the PostgreSQL database of ``url`` on its server unless it exists."""
    target = make_url(url)
    server = target.set(database="postgres").render_as_string(hide_password=False)
    admin = postgresql_admin(server)
    if admin is None:
        raise SystemExit(f"cannot create {target.database}: the server is not reachable")
    with admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (target.database,)
        ).fetchone()
        if exists is None:
            admin.execute(f'CREATE DATABASE "{target.database}"')


def build(url: str, demo_args: tuple[str, ...] = PROVINCE_DEMO_ARGS, quiet: bool = False) -> None:
    """Generate the demo history into ``url`` with the demo command (its progress shown unless
    ``quiet``; its output is shown when it fails)."""
    if make_url(url).get_backend_name() == "postgresql":
        create_postgresql_database(url)
    command = demo_command(url, demo_args)
    print("building:", "python", " ".join(command[1:]), flush=True)
    done = subprocess.run(
        command, cwd=PROJECT_ROOT, capture_output=quiet, timeout=BUILD_TIMEOUT_SECONDS
    )
    if done.returncode != 0:
        output = (done.stdout or b"") + (done.stderr or b"")
        raise SystemExit(f"demo build failed ({done.returncode}): {output.decode()[-2000:]}")


def analyze_postgresql(url: str) -> bool:
    """ANALYZE a PostgreSQL database whose visits were never analyzed, as autovacuum does on a
    server in service (the demo writes in bulk; a test server may run without autovacuum, and
    without statistics the planner scans every visit for a few open ones). True when it ran;
    SQLite is left as the app serves it (it keeps no statistics unless told)."""
    if make_url(url).get_backend_name() != "postgresql":
        return False
    database = Database(url)
    try:
        with database.engine.connect() as connection:
            never = connection.execute(
                text(
                    "SELECT last_analyze IS NULL AND last_autoanalyze IS NULL"
                    " FROM pg_stat_user_tables WHERE relname = 'visit'"
                )
            ).scalar()
            if never:
                connection.execute(text("ANALYZE"))
                connection.commit()
        return bool(never)
    finally:
        database.dispose()


def ready_province_database(url: str, *, build_missing: bool) -> tuple[Contents | None, str]:
    """The province database at ``url``: reused when it holds the province's history, built
    when ``build_missing`` says so, else (None, the reason and the command that builds it)."""
    found = contents(url)
    if found is not None and found.is_province:
        return found, "reused, analyzed now" if analyze_postgresql(url) else "reused"
    if not build_missing:
        what = "not found" if found is None else f"too small ({found.visits:,} visits)"
        command = " ".join(demo_command(url)[1:])
        return None, f"{what}; build it with --build or: python {command}"
    build(url)
    analyze_postgresql(url)
    return contents(url), "built"


def small_sqlite(workdir: Path) -> str:
    """A small demo database (one office, one year) built in ``workdir``: its URL."""
    url = f"sqlite:///{workdir / 'small.sqlite3'}"
    build(url, SMALL_DEMO_ARGS, quiet=True)
    return url


def small_postgresql(server_url: str, stack: contextlib.ExitStack) -> str | None:
    """A small demo database in a temporary PostgreSQL database on the server of
    ``server_url``, dropped when ``stack`` closes; None (the reason printed) when the server
    cannot be reached."""
    server = make_url(server_url).set(database="postgres")
    admin = postgresql_admin(server.render_as_string(hide_password=False))
    if admin is None:
        return None
    stack.enter_context(admin)
    url = stack.enter_context(temporary_postgresql(admin, server.render_as_string(False)))
    build(url, SMALL_DEMO_ARGS, quiet=True)
    analyze_postgresql(url)
    return url


def add_database_options(parser: argparse.ArgumentParser) -> None:
    """The options of a benchmark's databases: ``--sqlite-url``, ``--postgres-url``,
    ``--build``, ``--no-sqlite``, ``--no-postgres``."""
    parser.add_argument("--sqlite-url", default=DEFAULT_SQLITE_URL, help="default: %(default)s")
    parser.add_argument(
        "--postgres-url",
        default=DEFAULT_POSTGRES_URL,
        help="default: %(default)s (with --quick: the server where a temporary one is made)",
    )
    parser.add_argument("--build", action="store_true", help="build a missing province database")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")


def benchmark_databases(
    args: argparse.Namespace, workdir: Path, stack: contextlib.ExitStack
) -> Iterator[tuple[str, str, str]]:
    """(label, URL, note) of each database to measure, one at a time: with ``args.quick`` a
    small temporary one, else the province database found (or built with ``--build``); one
    that cannot be used is skipped with its reason printed."""
    if not args.no_sqlite:
        if args.quick:
            yield "sqlite", small_sqlite(workdir), "small, temporary"
        else:
            yield from _province("sqlite", args.sqlite_url, args.build)
    if not args.no_postgres:
        if args.quick:
            url = small_postgresql(args.postgres_url, stack)
            if url is not None:
                yield "postgresql", url, "small, temporary"
        else:
            yield from _province("postgresql", args.postgres_url, args.build)


def _province(label: str, url: str, build_missing: bool) -> Iterator[tuple[str, str, str]]:
    found, note = ready_province_database(url, build_missing=build_missing)
    if found is None:
        print(f"{label}: skipped, {note}")
    else:
        yield label, url, note
