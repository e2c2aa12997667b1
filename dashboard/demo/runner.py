"""One demo run: claim the database for the demo, create the demo users, then write each
office's history (by the row writer, ``bulk``, or with ``--through-services`` by replaying
every action through the page services, ``generator``)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from dashboard.audit import Actor
from dashboard.clock import WIB, utc_now
from dashboard.config import DEFAULT_DATA_DIR, Settings, sqlite_url
from dashboard.demo import bulk
from dashboard.demo.checker import Violation, check_database
from dashboard.demo.generator import (
    DEFAULT_DESK,
    DemoError,
    Desk,
    OfficeSummary,
    Progress,
    generate_office,
    office_seed,
    span_days,
)
from dashboard.demo.people import SUMSEL_OFFICES
from dashboard.demo.users import (
    claim_for_demo,
    demo_generated,
    demo_users_text,
    ensure_demo_users,
    mark_generated,
)
from dashboard.errors import InputError
from dashboard.setup.database import prepare_database
from db.models import Office
from db.queries.demo import total_rows
from db.reference_data import ensure_office
from db.session import Database

DEFAULT_YEARS = 3.0
DEFAULT_SEED = 1
PROVINCE_CODES: tuple[str, ...] = tuple(office.code for office in SUMSEL_OFFICES)


@dataclass(frozen=True)
class DemoOptions:
    offices: tuple[str, ...]
    years: float = DEFAULT_YEARS
    seed: int = DEFAULT_SEED
    scale: float | None = None
    """This many times an ordinary office's visits, without the audit trail of the generated
    actions (benchmark databases)."""
    through_services: bool = False
    """Replay every action through the page services instead of the row writer (the same
    rows, the row writer's reference; about a hundred times slower)."""
    now: datetime | None = None
    """The moment the history ends (UTC); the wall clock when None."""

    def __post_init__(self) -> None:
        if self.through_services and self.scale is not None:
            raise InputError.on("scale", "--scale tidak bisa digabung dengan --through-services.")


@dataclass
class DemoResult:
    offices: list[OfficeSummary] = field(default_factory=list)
    seconds: float = 0.0
    rows: int = 0

    @property
    def visits(self) -> int:
        return sum(office.visits for office in self.offices)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def count_rows(database: Database) -> int:
    """Rows in every table of the app (to report what a run wrote)."""
    with database.reading() as session:
        return total_rows(session)


def run_demo(
    database: Database,
    office_id: int,
    options: DemoOptions,
    desk: Desk = DEFAULT_DESK,
    progress: Progress | None = None,
) -> DemoResult:
    """Generate the demo history described by ``options`` into ``database`` (prepared by
    ``dashboard.setup.database.prepare_database``; ``office_id`` is its default office)."""
    started = time.perf_counter()
    now = (options.now or utc_now()).astimezone(UTC).replace(microsecond=0)
    first_day, last_day = span_days(now, options.years, ZoneInfo(WIB.key))
    rows_before = count_rows(database)
    with database.transaction() as session:
        claim_for_demo(session)
        staff = ensure_demo_users(session, Actor(None, office_id, now))
    result = DemoResult()
    if not options.through_services:
        result.offices = bulk.generate_offices(
            database,
            options.offices,
            staff,
            seed=options.seed,
            first_day=first_day,
            now=now,
            volume=1.0 if options.scale is None else options.scale,
            audit_trail=options.scale is None,
            desk=desk,
            progress=progress,
        )
    else:
        for code in options.offices:
            summary = generate_office(
                database,
                code,
                staff,
                seed=options.seed,
                first_day=first_day,
                now=now,
                desk=desk,
                progress=progress,
            )
            result.offices.append(summary)
    with database.transaction() as session:
        mark_generated(session, describe(options, first_day.isoformat(), last_day.isoformat()))
    result.seconds = time.perf_counter() - started
    result.rows = count_rows(database) - rows_before
    return result


def describe(options: DemoOptions, first: str, last: str) -> str:
    scale = f", skala {options.scale:g}" if options.scale is not None else ""
    return f"seed {options.seed}, {first} s.d. {last}, kantor {','.join(options.offices)}{scale}"


def summary_lines(result: DemoResult) -> Sequence[str]:
    lines = [
        f"{office.code}: {office.days} hari kerja, {office.visits} kunjungan "
        f"({office.refused} ditolak saat skrining, {office.open_visits} masih berjalan), "
        f"{office.sales} kuitansi ({office.voids} dibatalkan), {office.deposits} setoran"
        for office in result.offices
    ]
    lines.append(
        f"Selesai dalam {result.seconds:.1f} detik: {result.visits} kunjungan, "
        f"{result.rows} baris ({result.rows_per_second:,.0f} baris/detik)."
    )
    return lines


# -- the command line and ``app.py --demo`` --------------------------------------------------

DEMO_DATABASE_FILE = DEFAULT_DATA_DIR / "pst-demo.sqlite3"
CHECK_SAMPLE_DAYS = 60
"""Days whose visits the checker reads after a ``--scale`` run (the books are read whole)."""


def prepare_demo_database(database: Database, office_code: str) -> Office:
    """Migrate and seed the database as the app does, with the office row of any office of
    the province (a fresh database only knows Muara Enim's)."""
    prepare_database(database)
    with database.transaction() as session:
        ensure_office(session, office_seed(office_code))
    return prepare_database(database, office_code)


def demo_database_url() -> str:
    """PST_DEMO_DATABASE_URL, or the demo file beside the real one (never the real one)."""
    return os.environ.get("PST_DEMO_DATABASE_URL", "").strip() or sqlite_url(DEMO_DATABASE_FILE)


def desk_of(settings: Settings) -> Desk:
    return Desk(
        rack_slots=settings.rack_slots,
        reading_tables=settings.reading_tables,
        fever_threshold=settings.fever_threshold_celsius,
    )


class MonthlyProgress:
    """Prints a line when an office's simulation enters a new month, and when it ends (on
    standard error, so the summary on standard output stays clean)."""

    def __init__(self) -> None:
        self.months: dict[str, tuple[int, int]] = {}

    def __call__(self, code: str, day: date, done: int, total: int) -> None:
        month = (day.year, day.month)
        if self.months.get(code) != month or done == total:
            self.months[code] = month
            print(f"  {code}: {day:%Y-%m} ({done}/{total} hari kerja)", file=sys.stderr, flush=True)


def check_after_run(database: Database, options: DemoOptions, desk: Desk) -> list[Violation]:
    """The checker over the new database (a sample of days after a ``--scale`` run)."""
    sample = CHECK_SAMPLE_DAYS if options.scale is not None else None
    with database.reading() as session:
        return check_database(
            session, sample_days=sample, seed=options.seed, fever_threshold=desk.fever_threshold
        )


SHOWN_VIOLATIONS = 20


def violation_lines(violations: Sequence[Violation]) -> list[str]:
    """The first violations, one indented line each (the count is said beside them)."""
    return [f"  {violation}" for violation in violations[:SHOWN_VIOLATIONS]]


def ensure_demo_history(database: Database, office_id: int, settings: Settings) -> str | None:
    """For ``app.py --demo``: generate the default demo history into a database that holds
    none yet (printing its progress); returns what was generated, or None when the history
    was already there."""
    with database.reading() as session:
        if demo_generated(session) is not None:
            return None
    options = DemoOptions(offices=(settings.office_code,))
    desk = desk_of(settings)
    result = run_demo(database, office_id, options, desk, MonthlyProgress())
    violations = check_after_run(database, options, desk)
    if violations:
        listed = "\n".join(violation_lines(violations))
        raise DemoError(f"The generated history breaks {len(violations)} rules:\n{listed}")
    return "\n".join([*summary_lines(result), "Pemeriksa aturan: 0 pelanggaran."])


def ready_demo_users(database: Database, office_id: int) -> None:
    """The demo users of a demo database, created if someone removed them."""
    with database.transaction() as session:
        ensure_demo_users(session, Actor(None, office_id, utc_now()))


def ready_demo_database(settings: Settings) -> tuple[Settings, str]:
    """For ``app.py --demo``: ``settings`` moved onto the demo database
    (``PST_DEMO_DATABASE_URL`` or ``data/pst-demo.sqlite3``, never the real one), which is
    migrated, given the default demo history on first use (its progress on standard error)
    and its demo users; with what to print before serving (what was generated, the demo
    users and their passwords). An ``InputError`` says why the database cannot be used."""
    settings = settings.with_overrides(database_url=demo_database_url())
    database = Database(settings.database_url)
    try:
        office = prepare_demo_database(database, settings.office_code)
        generated = ensure_demo_history(database, office.id, settings)
        ready_demo_users(database, office.id)
    finally:
        database.dispose()
    return settings, "\n".join([*([generated] if generated else []), demo_users_text()])
