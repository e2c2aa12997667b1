"""How cheap the wall screens' poll is, on the province-scale demo database, on SQLite and on
PostgreSQL, each figure beside its floor measured in the same run.

    python -m benchmarks.monitor_bench [--sqlite-url URL] [--postgres-url URL] [--build]
                                       [--monitors 50] [--seconds 60] [--rounds 300]
                                       [--no-sqlite] [--no-postgres] [--no-load] [--quick]

The province database (about a million visits over 3 years, 17 offices) is reused from the
URLs given (defaults: ``PST_BENCH_SQLITE_URL`` or ``data/pst-bench-province.sqlite3``, and
``PST_BENCH_POSTGRES_URL`` or ``pst_bench_province`` on 127.0.0.1:5432); ``--build`` makes a
missing one (about 6 minutes each) with
``python -m dashboard demo --scale 16 --years 3 --database-url URL``. ``--quick`` instead
builds a small demo database (one office, one year) in a temporary file and a temporary
PostgreSQL database, with short phases and the load on SQLite only: a check that the harness
works (under a minute).

Figures, printed (never asserted):
1. a poll that finds no change, through the Flask app (test client), against the bare no-op
   Dash callback of a plain Dash app in the same process (``/_dash-update-component``);
2. a poll after a change (the marker bumped in its own transaction before each poll, so each
   one builds, stores and sends the snapshot), against the bare SQL of that poll: the
   statements one such poll ran, captured with cursor events, re-run through the DBAPI;
3. load: ``--monitors`` screens polling every 5 s while an officer saves twice a second at
   the desk through the page services (the rate of a visit started and screened every
   second), for ``--seconds``, against one app process: its CPU (of the master and workers
   under gunicorn) as a fraction of one core, on the Flask development server and under
   ``gunicorn --workers 2 --threads 4``. The officer is a real desk's
   (``benchmarks.bench_desk``): it walks each visit through the whole SOP to the bag's
   return and has at most 5 in progress at once, so the snapshot the screens get is that of
   a busy day, not one swollen by hundreds of visits nobody finishes.
The benchmark database gets a monitor and an officer account (``bench-monitor``,
``bench-officer``), which stay; the officer's visits (their steps, requests, visitor and
audit events) are deleted after each load phase, so a shared demo database keeps its
contents. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import requests
from dash import Dash, Input, Output, dcc, html
from flask.testing import FlaskClient
from sqlalchemy import delete
from sqlalchemy.engine import make_url

from benchmarks import province_db
from benchmarks.bench_desk import IN_ROOM, BenchDesk, remove_visits
from benchmarks.search_bench import p90
from benchmarks.sql_replay import Statement, captured_statements, describe_statement, replay
from dashboard import create_app
from dashboard.audit import Actor
from dashboard.clock import utc_now
from dashboard.config import PROJECT_ROOT, Settings
from dashboard.errors import InputError
from dashboard.monitor.showing_day import showing_day
from dashboard.monitor.snapshot import build_snapshot
from dashboard.office import staff
from dashboard.office.service_hours import previous_working_day
from dashboard.paths import MONITOR_POLL_PATH
from dashboard.roles import MONITOR, OFFICER
from dashboard.web.context import FORM_TOKEN_FIELD, app_state, token_in_page
from db.change_feed import MARKER_SECONDS, office_topic
from db.change_marker import bump_offices
from db.models import LiveSnapshot
from db.queries import live
from db.session import Database

SECRET_KEY = "pst-monitor-bench"
MONITOR_USER = "bench-monitor"
OFFICER_USER = "bench-officer"
PASSWORD = "bench-sandi-2026"
POLL_SECONDS = 5.0
HTTP_TIMEOUT = 10.0
START_TIMEOUT = 90.0
STOP_TIMEOUT = 15.0
SETTLE_TIMEOUT = 30.0
SAVES_PER_SECOND = 2.0
"""The officer's saves (as before: a visit started and screened every second)."""
HEAR_TIMEOUT = 2.0
TARGET_NO_CHANGE_RATIO = 2.0
TARGET_CHANGED_MS = 50.0
TARGET_CORES = 0.5
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# -- statistics --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timings:
    """Milliseconds of repeated calls."""

    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def p90(self) -> float:
        return p90(self.values) if len(self.values) > 1 else self.values[0]


def timed_ms(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return (time.perf_counter() - started) * 1000, result


# -- accounts, the app in this process, the floor of a callback --------------------------------


def ensure_user(database: Database, office_id: int, username: str, role: str) -> int:
    """The benchmark's account (made, or its password reset), by id."""
    actor = Actor(None, office_id, utc_now())
    with database.transaction() as session:
        user = staff.find_user(session, username)
        if user is None:
            user = staff.add_user(
                session,
                actor,
                username=username,
                full_name=f"Akun Benchmark {role}",
                role=role,
                password=PASSWORD,
            )
        else:
            staff.set_password(session, actor, username, PASSWORD)
        return user.id


def sign_in(app: Dash) -> FlaskClient:
    client = app.server.test_client()
    token = token_in_page(client.get("/login").get_data(as_text=True))
    data = {FORM_TOKEN_FIELD: token, "username": MONITOR_USER, "password": PASSWORD}
    response = client.post("/login", data=data)
    if response.status_code != 302:
        raise SystemExit(f"monitor sign-in failed: {response.status_code}")
    return client


NOOP_BODY = {
    "output": "noop-out.children",
    "outputs": {"id": "noop-out", "property": "children"},
    "inputs": [{"id": "noop-in", "property": "value", "value": "x"}],
    "changedPropIds": ["noop-in.value"],
    "state": [],
}


def bare_dash_app() -> Dash:
    """A plain Dash app with one callback that returns its input: the floor of a request."""
    app = Dash(__name__)
    app.layout = html.Div([dcc.Input(id="noop-in"), html.Div(id="noop-out")])
    app.callback(Output("noop-out", "children"), Input("noop-in", "value"))(lambda value: value)
    return app


def noop_call(client: FlaskClient) -> None:
    response = client.post("/_dash-update-component", json=NOOP_BODY)
    if response.status_code != 200:
        raise SystemExit(f"no-op callback answered {response.status_code}")


def poll_once(client: FlaskClient, since: int | None, day: str | None) -> dict[str, Any]:
    query = {"since": since, "day": day} if since is not None else {}
    response = client.get(MONITOR_POLL_PATH, query_string=query)
    if response.status_code != 200:
        raise SystemExit(f"poll answered {response.status_code}: {response.get_data(True)[:200]}")
    return response.get_json()


# -- figures 1 and 2: one request at a time, in this process -----------------------------------


@dataclass
class RequestFigures:
    no_change: Timings
    noop: Timings
    noop_on_app: Timings | None
    changed: Timings
    bare_sql: Timings
    slowest_statement: str
    build_only: Timings
    month_end: date
    build_month_end: Timings
    """``build_snapshot`` alone for ``month_end``, the previous month's last working day: the
    month to date at its longest (its month figures read every day of it)."""
    statements: int
    no_change_statements: int
    snapshot_bytes: int
    in_progress: int


def bump(database: Database, office_id: int) -> None:
    """A change of the office, committed; on PostgreSQL, returns once this process's listener
    has heard of it (within milliseconds), as a screen polling seconds later finds it."""
    with database.engine.begin() as connection:
        bump_offices(connection, [office_id])
    feed = database.change_feed
    deadline = time.monotonic() + HEAR_TIMEOUT
    while feed is not None and time.monotonic() < deadline:
        if feed.recall(office_topic(office_id), office_id, MARKER_SECONDS) is None:
            return
        time.sleep(0.0005)


def measure_requests(url: str, rounds: int) -> RequestFigures:
    bare = bare_dash_app()
    bare_client = bare.server.test_client()
    noop_call(bare_client)  # Dash sets its routes up on the first request
    app = create_app(Settings(database_url=url, secret_key=SECRET_KEY))
    app.callback(Output("bench-noop-out", "children"), Input("bench-noop-in", "value"))(
        lambda value: value
    )
    with app.server.app_context():
        database, office_id = app_state().database, app_state().office_id
    ensure_user(database, office_id, MONITOR_USER, MONITOR)
    client = sign_in(app)
    noop_on_app = _noop_on_app(client)

    first = poll_once(client, None, None)
    version, day = first["version"], first["day"]
    for _ in range(10):
        poll_once(client, version, day)
        noop_call(bare_client)
    no_change, noop, on_app = [], [], []
    for _ in range(rounds):  # interleaved, so both see the same noise
        ms, answer = timed_ms(lambda: poll_once(client, version, day))
        if answer["changed"]:
            raise SystemExit("a poll without change answered changed: true")
        no_change.append(ms)
        noop.append(timed_ms(lambda: noop_call(bare_client))[0])
        if noop_on_app is not None:
            on_app.append(timed_ms(noop_on_app)[0])

    with captured_statements() as quiet_statements:
        poll_once(client, version, day)
    changed, size, in_progress = [], 0, 0
    for _ in range(max(rounds // 3, 5)):
        bump(database, office_id)
        ms, answer = timed_ms(lambda v=version, d=day: poll_once(client, v, d))
        if not answer["changed"]:
            raise SystemExit("a poll after a bump answered changed: false")
        changed.append(ms)
        version, day = answer["version"], answer["day"]
        in_progress = len(answer["snapshot"]["in_progress"])
        size = len(json.dumps(answer["snapshot"]))

    bump(database, office_id)
    with captured_statements() as statements:
        answer = poll_once(client, version, day)
    bare_sql, slowest = _bare_sql(database, office_id, answer["version"], statements, len(changed))
    shown = date.fromisoformat(answer["day"])
    build_only = _build_only(database, office_id, shown, len(changed))
    month_end = previous_working_day(shown.replace(day=1))
    build_month_end = _build_only(database, office_id, month_end, len(changed))
    database.dispose()
    return RequestFigures(
        no_change=Timings(no_change),
        noop=Timings(noop),
        noop_on_app=Timings(on_app) if on_app else None,
        changed=Timings(changed),
        bare_sql=bare_sql,
        slowest_statement=slowest,
        build_only=build_only,
        month_end=month_end,
        build_month_end=build_month_end,
        statements=sum(1 for statement in statements if statement.sql),
        no_change_statements=sum(1 for statement in quiet_statements if statement.sql),
        snapshot_bytes=size,
        in_progress=in_progress,
    )


def _noop_on_app(client: FlaskClient) -> Callable[[], None] | None:
    """The same no-op callback on the PST app, signed in (its guard and session included),
    or None when the app does not take it."""
    body = {
        **NOOP_BODY,
        "output": "bench-noop-out.children",
        "outputs": {"id": "bench-noop-out", "property": "children"},
        "inputs": [{"id": "bench-noop-in", "property": "value", "value": "x"}],
        "changedPropIds": ["bench-noop-in.value"],
    }

    def call() -> None:
        client.post("/_dash-update-component", json=body)

    response = client.post("/_dash-update-component", json=body)
    return call if response.status_code == 200 else None


def _bare_sql(
    database: Database, office_id: int, version: int, statements: list[Statement], rounds: int
) -> tuple[Timings, str]:
    """The captured statements of one changed poll, re-run raw ``rounds`` times, and the
    slowest of them (its median). Before each run (untimed) the snapshot that poll stored is
    deleted, so the run's insert stores it again and commits, as the poll did."""
    engines = {statement.connection: statement.engine for statement in statements}
    connections = {key: engine.raw_connection() for key, engine in engines.items()}
    runs: list[list[float]] = []
    try:
        for _ in range(rounds):
            with database.engine.begin() as connection:
                connection.execute(
                    delete(LiveSnapshot).where(
                        LiveSnapshot.office_id == office_id, LiveSnapshot.version == version
                    )
                )
            runs.append(replay(statements, connections))
    finally:
        for raw in connections.values():
            raw.close()
    medians = [statistics.median(column) for column in zip(*runs, strict=True)]
    slowest = max(range(len(medians)), key=medians.__getitem__)
    slowest_text = f"{describe_statement(statements[slowest])} {medians[slowest]:.2f} ms"
    return Timings([sum(run) for run in runs]), slowest_text


def _build_only(database: Database, office_id: int, day: date, rounds: int) -> Timings:
    """``build_snapshot`` alone in a reading session: no marker, store, JSON or Flask."""
    timings = []
    for _ in range(rounds):
        with database.reading() as session:
            timings.append(
                timed_ms(lambda s=session: build_snapshot(s, office_id, day, utc_now()))[0]
            )
    return Timings(timings)


# -- figure 3: the load on a served app ---------------------------------------------------------


@dataclass
class LoadFigures:
    server: str
    seconds: float
    cpu_seconds: float
    processes: int
    polls: int
    changed: int
    errors: int
    saves: int
    save_errors: int
    visits_finished: int
    visits_open: int
    latencies: Timings | None

    @property
    def cores(self) -> float:
        return self.cpu_seconds / self.seconds if self.seconds else 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _proc_stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def process_tree(root: int) -> list[int]:
    """``root`` and its children (the gunicorn workers)."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _proc_stat(int(entry.name))
        if fields is not None and int(fields[1]) == root:
            children.append(int(entry.name))
    return [root, *children]


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of the processes (from ``/proc/<pid>/stat``)."""
    ticks = 0
    for pid in pids:
        if (fields := _proc_stat(pid)) is not None:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / CLOCK_TICKS


@contextlib.contextmanager
def served_app(kind: str, url: str, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """The app served on 127.0.0.1 by the Flask development server (threaded) or gunicorn,
    stopped (and waited for) at the end."""
    port = free_port()
    if kind == "gunicorn":
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--threads",
            "4",
            "--graceful-timeout",
            "5",
            "--bind",
            f"127.0.0.1:{port}",
            "app:server",
        ]
    else:
        command = [sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)]
    environment = {**os.environ, "PST_DATABASE_URL": url, "PST_SECRET_KEY": SECRET_KEY}
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, log)
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{base}/health", timeout=HTTP_TIMEOUT).status_code == 200:
                return
        time.sleep(0.3)
    raise SystemExit(f"server not up in {START_TIMEOUT:.0f} s: {log}")


def settle(pid: int) -> None:
    """Wait (bounded) until the server is idle: workers booted, start-up work done."""
    deadline = time.monotonic() + SETTLE_TIMEOUT
    before = cpu_seconds(process_tree(pid))
    while time.monotonic() < deadline:
        time.sleep(1.0)
        now = cpu_seconds(process_tree(pid))
        if now - before < 0.05:
            return
        before = now


class Officer(threading.Thread):
    """An officer at the desk (``bench_desk.BenchDesk``): ``SAVES_PER_SECOND`` saves a
    second through the page services, each its own transaction, walking visits through the
    whole SOP with at most ``bench_desk.IN_ROOM`` in progress, as a real desk finishes the
    visits it starts; ``count`` saves at most."""

    def __init__(self, url: str, user_id: int, office_id: int, count: int) -> None:
        super().__init__(name="bench-officer", daemon=True)
        self.url, self.user_id, self.office_id, self.count = url, user_id, office_id, count
        self.stop = threading.Event()
        self.saves = self.errors = self.finished = self.in_progress = 0

    def run(self) -> None:
        database = Database(self.url)
        desk = BenchDesk(database, self.user_id, self.office_id)
        try:
            started = time.monotonic()
            for index in range(self.count):
                moment = started + index / SAVES_PER_SECOND
                if self.stop.wait(max(0.0, moment - time.monotonic())):
                    return
                try:
                    desk.save()
                    self.saves += 1
                except InputError:
                    self.errors += 1
        finally:
            self.finished, self.in_progress = desk.finished, len(desk.open_visits)
            database.dispose()


@dataclass
class Monitor:
    """One wall screen: a poll every 5 s with the version and day of its last answer."""

    base: str
    cookies: Any
    offset: float
    latencies: list[float] = field(default_factory=list)
    changed: int = 0
    errors: int = 0

    def run(self, started: float, deadline: float) -> None:
        since: int | None = None
        day: str | None = None
        with requests.Session() as http:
            http.cookies.update(self.cookies)
            for index in range(int((deadline - started) / POLL_SECONDS) + 1):
                moment = started + self.offset + index * POLL_SECONDS
                if moment >= deadline:
                    return
                time.sleep(max(0.0, moment - time.monotonic()))
                query = {"since": since, "day": day} if since is not None else {}
                try:
                    ms, response = timed_ms(
                        lambda q=query: http.get(
                            f"{self.base}{MONITOR_POLL_PATH}", params=q, timeout=HTTP_TIMEOUT
                        )
                    )
                    answer = response.json()
                except (requests.RequestException, ValueError):
                    self.errors += 1
                    continue
                if response.status_code != 200:
                    self.errors += 1
                    continue
                self.latencies.append(ms)
                if answer["changed"]:
                    self.changed += 1
                    day = answer["day"]
                since = answer["version"]


def measure_load(kind: str, url: str, monitors: int, seconds: float, workdir: Path) -> LoadFigures:
    """The load figures of one server; the officer's visits are removed again afterwards
    (and any an interrupted run left before)."""
    database = Database(url)
    try:
        office_id = app_office_id(database)
        ensure_user(database, office_id, MONITOR_USER, MONITOR)
        officer_id = ensure_user(database, office_id, OFFICER_USER, OFFICER)
        remove_visits(database, officer_id, office_id)
        try:
            return _measure_load(kind, url, monitors, seconds, workdir, office_id, officer_id)
        finally:
            removed = remove_visits(database, officer_id, office_id)
            print(f"   {kind}: the officer's {removed} visits removed again", flush=True)
    finally:
        database.dispose()


def _measure_load(
    kind: str,
    url: str,
    monitors: int,
    seconds: float,
    workdir: Path,
    office_id: int,
    officer_id: int,
) -> LoadFigures:
    with served_app(kind, url, workdir / f"{kind}.log") as (base, process):
        with requests.Session() as login:
            token = token_in_page(login.get(f"{base}/login", timeout=HTTP_TIMEOUT).text)
            response = login.post(
                f"{base}/login",
                data={FORM_TOKEN_FIELD: token, "username": MONITOR_USER, "password": PASSWORD},
                allow_redirects=False,
                timeout=HTTP_TIMEOUT,
            )
            if response.status_code != 302:
                raise SystemExit(f"{kind}: monitor sign-in failed ({response.status_code})")
            for _ in range(6):  # warm every worker's snapshot path
                login.get(f"{base}{MONITOR_POLL_PATH}", timeout=HTTP_TIMEOUT)
            cookies = login.cookies.get_dict()
        settle(process.pid)
        screens = [Monitor(base, cookies, POLL_SECONDS * i / monitors) for i in range(monitors)]
        officer = Officer(url, officer_id, office_id, int(seconds * SAVES_PER_SECOND))
        pids = process_tree(process.pid)
        cpu_before, started = cpu_seconds(pids), time.monotonic()
        deadline = started + seconds
        threads = [
            threading.Thread(target=screen.run, args=(started, deadline), daemon=True)
            for screen in screens
        ]
        officer.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=seconds + 2 * HTTP_TIMEOUT)
        officer.stop.set()
        officer.join(timeout=2 * HTTP_TIMEOUT)
        elapsed = time.monotonic() - started
        used = cpu_seconds(pids) - cpu_before
    latencies = [ms for screen in screens for ms in screen.latencies]
    return LoadFigures(
        server=kind,
        seconds=elapsed,
        cpu_seconds=used,
        processes=len(pids),
        polls=len(latencies),
        changed=sum(screen.changed for screen in screens),
        errors=sum(screen.errors for screen in screens),
        saves=officer.saves,
        save_errors=officer.errors,
        visits_finished=officer.finished,
        visits_open=officer.in_progress,
        latencies=Timings(latencies) if latencies else None,
    )


def app_office_id(database: Database) -> int:
    """The office the app serves (``PST_OFFICE_CODE``, by default Muara Enim's)."""
    from dashboard.setup.database import prepare_database

    return prepare_database(database, Settings().office_code).id


# -- one database, the table --------------------------------------------------------------------


@dataclass
class DatabaseRun:
    label: str
    url: str
    note: str
    requests: RequestFigures | None = None
    loads: list[LoadFigures] = field(default_factory=list)


def describe_database(url: str) -> str:
    found = province_db.contents(url)
    if found is None:
        return "unreadable"
    database = Database(url)
    try:
        office_id = app_office_id(database)
        with database.reading() as session:
            marker = live.office_marker(session, office_id)
            day = showing_day(utc_now(), marker)
    finally:
        database.dispose()
    return (
        f"{found.visits:,} visits, {found.offices_with_visits} offices; "
        f"the app's office id {office_id}, showing day {day}"
    )


def run_database(run: DatabaseRun, args: argparse.Namespace, workdir: Path) -> None:
    print(f"\n== {run.label}: {make_url(run.url).render_as_string()} ({run.note})", flush=True)
    print(f"   {describe_database(run.url)}", flush=True)
    started = time.monotonic()
    run.requests = measure_requests(run.url, args.rounds)
    took = time.monotonic() - started
    print(f"   requests measured ({args.rounds} rounds, {took:.1f} s)", flush=True)
    if args.no_load or (args.quick and run.label == "postgresql"):
        print("   load: skipped" + (" (--quick: on SQLite only)" if args.quick else ""))
        return
    for kind in ("flask", "gunicorn"):
        started = time.monotonic()
        load = measure_load(kind, run.url, args.monitors, args.seconds, workdir)
        run.loads.append(load)
        took = time.monotonic() - started
        print(f"   load on {kind}: {load.cores:.3f} cores ({took:.1f} s in all)", flush=True)


def _cell(values: list[float | None], unit: str = "") -> str:
    shown = [("—" if value is None else f"{value:.2f}{unit}") for value in values]
    return " / ".join(shown)


def print_table(runs: list[DatabaseRun], args: argparse.Namespace) -> None:
    by_label = {run.label: run for run in runs}
    sqlite, postgresql = by_label.get("sqlite"), by_label.get("postgresql")
    present = [run for run in (sqlite, postgresql) if run is not None and run.requests]
    rows: list[tuple[str, str, str, str, str, str, str]] = []

    def request_row(
        figure: str,
        value: Callable[[RequestFigures], float],
        floor: Callable[[RequestFigures], float],
        target: str,
        met: Callable[[float, float], bool] | None,
    ) -> None:
        def of(run: DatabaseRun | None) -> str:
            return f"{value(run.requests):.2f}" if run and run.requests else "—"

        floors = [floor(run.requests) for run in present if run.requests]
        ratios = [value(run.requests) / floor(run.requests) for run in present if run.requests]
        verdicts = [
            ("yes" if met(value(run.requests), floor(run.requests)) else "NO")
            for run in present
            if run.requests and met is not None
        ]
        rows.append(
            (
                figure,
                of(sqlite),
                of(postgresql),
                _cell(floors),
                _cell(ratios, "×"),
                target,
                " / ".join(verdicts) or "—",
            )
        )

    request_row(
        "no-change poll, median ms",
        lambda f: f.no_change.median,
        lambda f: f.noop.median,
        "≤ 2× no-op",
        lambda value, floor: value <= TARGET_NO_CHANGE_RATIO * floor,
    )
    request_row(
        "no-change poll, p90 ms",
        lambda f: f.no_change.p90,
        lambda f: f.noop.p90,
        "≤ 2× no-op",
        lambda value, floor: value <= TARGET_NO_CHANGE_RATIO * floor,
    )
    request_row(
        "changed poll, median ms",
        lambda f: f.changed.median,
        lambda f: f.bare_sql.median,
        "< 50 ms",
        lambda value, _floor: value < TARGET_CHANGED_MS,
    )
    request_row(
        "changed poll, p90 ms", lambda f: f.changed.p90, lambda f: f.bare_sql.p90, "(info)", None
    )
    for index, kind in enumerate(("flask", "gunicorn")):
        loads = [
            run.loads[index] if run is not None and len(run.loads) > index else None
            for run in (sqlite, postgresql)
        ]
        if not any(loads):
            continue
        label = "Flask dev server" if kind == "flask" else "gunicorn 2 workers"
        verdicts = [("yes" if load.cores < TARGET_CORES else "NO") for load in loads if load]
        rows.append(
            (
                f"load CPU, {label}, cores",
                *(f"{load.cores:.3f}" if load else "—" for load in loads),
                "—",
                "—",
                f"< {TARGET_CORES} core",
                " / ".join(verdicts),
            )
        )  # type: ignore[arg-type]
    header = ("figure", "SQLite", "PostgreSQL", "floor", "ratio", "target", "met?")
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]
    print()
    print("  ".join(text.ljust(width) for text, width in zip(header, widths, strict=True)))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print("  ".join(str(text).ljust(width) for text, width in zip(row, widths, strict=True)))
    print(
        "\nFloors: no-change poll vs the bare no-op Dash callback (a plain Dash app, same"
        " process, test client);\nchanged poll vs its bare SQL (the statements one changed poll"
        " ran — marker, stored-snapshot\nlookup, the snapshot's queries, the store's insert and"
        " delete, commits — captured with cursor\nevents and re-run through the DBAPI with every"
        " row fetched; no ORM, JSON, Flask). Where two\nvalues stand in a cell they are"
        " SQLite / PostgreSQL."
    )
    _print_details(present, args)


def _print_details(runs: list[DatabaseRun], args: argparse.Namespace) -> None:
    print("\nDetails (informational):")
    for run in runs:
        figures = run.requests
        if figures is None:
            continue
        on_app = (
            f"{figures.noop_on_app.median:.2f} ms median" if figures.noop_on_app else "not taken"
        )
        print(
            f"  {run.label}: no-op callback on the PST app (signed in): {on_app}; "
            f"build_snapshot alone: {figures.build_only.median:.2f} ms median, "
            f"{figures.build_only.p90:.2f} p90 (on {figures.month_end}, the month to date at"
            f" its longest: {figures.build_month_end.median:.2f} ms median, "
            f"{figures.build_month_end.p90:.2f} p90); statements run by a no-change poll: "
            f"{figures.no_change_statements}, by a changed poll: {figures.statements} "
            f"(slowest: {figures.slowest_statement}); "
            f"snapshot {figures.snapshot_bytes:,} bytes, "
            f"{figures.in_progress} visits in progress"
        )
        for load in run.loads:
            latency = (
                f"{load.latencies.median:.1f} ms median, {load.latencies.p90:.1f} p90"
                if load.latencies
                else "no answers"
            )
            print(
                f"  {run.label} {load.server}: {load.cpu_seconds:.2f} CPU s over "
                f"{load.seconds:.1f} s in {load.processes} process(es); {load.polls} polls "
                f"({load.changed} changed, {load.errors} errors), {latency}; "
                f"{load.saves} saves at the desk ({load.save_errors} refused), "
                f"{load.visits_finished} visits finished, {load.visits_open} left in progress"
            )
    load = (
        ""
        if args.no_load
        else f"{args.monitors} monitors, a poll each every {POLL_SECONDS:.0f} s, an officer"
        f" saving {SAVES_PER_SECOND:g} times a second (whole visits, at most {IN_ROOM} in"
        f" progress), {args.seconds:g} s per server. "
    )
    print(
        f"\n{load}The machine's cores are shared (other work, and this process's own pollers):"
        " the figures are noisy;\ncompare runs on a quiet machine."
    )


# -- the command --------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    province_db.add_database_options(parser)
    parser.add_argument("--monitors", type=int, default=50, help="wall screens (default 50)")
    parser.add_argument("--seconds", type=float, default=60.0, help="load phase per server")
    parser.add_argument("--rounds", type=int, default=300, help="polls per request figure")
    parser.add_argument("--no-load", action="store_true", help="figures 1 and 2 only")
    parser.add_argument(
        "--quick", action="store_true", help="a small temporary database, short phases"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.rounds = min(args.seconds, 6.0), min(args.rounds, 60)
        args.monitors = min(args.monitors, 20)
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    runs: list[DatabaseRun] = []
    with contextlib.ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pst-monitor-")))
        for label, url, note in province_db.benchmark_databases(args, workdir, stack):
            run = DatabaseRun(label, url, note)
            run_database(run, args, workdir)
            runs.append(run)
    if runs:
        print_table(runs, args)
    else:
        print("nothing measured: no database could be used (see above)")


if __name__ == "__main__":
    main()
