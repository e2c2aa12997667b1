"""How long the server takes to redraw the whole trends page (*Tren layanan*), on the
province-scale demo database, on SQLite and on PostgreSQL, beside the bare SQL of the same
aggregates and a naive pandas version, measured in the same run.

    python -m benchmarks.trends_bench [--sqlite-url URL] [--postgres-url URL] [--rounds N]
                                      [--build] [--no-sqlite] [--no-postgres] [--quick]

The province databases (about a million visits over 3 years, 17 offices) are found (or, with
``--build``, made) by ``benchmarks.province_db``, as ``monitor_bench`` does. ``--quick``
instead builds a small demo database (one office, one year) in a temporary file and a
temporary PostgreSQL database: a check that the harness works (under a minute).

What is timed, for (1) one office over one year (the "12 bulan terakhir" preset), (2) one
office over all the years the database holds, (3) all offices over one year, monthly grain,
compared with the same period a year before (the page's defaults):

- the app: the real ``redraw`` callback of ``callbacks/trends.py`` posted to
  ``/_dash-update-component`` through Flask's test client, signed in as a head — the server's
  whole work for one redraw (session and role check, ``load_trends_view``, the readings and
  tables, the 13 figures, Dash's JSON answer), no network and no browser;
- the bare SQL: the statements that one such redraw ran, captured with cursor events and
  re-run through the DBAPI with every row fetched (no ORM, no Python figures, no JSON);
- naive pandas: ``pandas.read_sql`` of the period's visits, steps, requests and sales, then
  visitors by month, each step's median and p90, the referral rate and revenue by month
  grouped in Python — four of the page's figures, not all thirteen charts.

Figures are printed, never asserted. Each is the median of ``--rounds`` rounds; the app, its
bare SQL and ``load_trends_view`` alone run interleaved so they see the same noise.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from flask.testing import FlaskClient
from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection, make_url

from benchmarks import province_db
from benchmarks.monitor_bench import PASSWORD, Timings, ensure_user, timed_ms
from benchmarks.sql_replay import captured_statements, replay, slowest
from dashboard import create_app
from dashboard.clock import local_date, utc_now
from dashboard.config import Settings
from dashboard.metrics.period import Period
from dashboard.paths import TRENDS_PATH
from dashboard.roles import HEAD
from dashboard.trends import trends_ids as ids
from dashboard.trends.trends_view import (
    ALL_OFFICES,
    Controls,
    TrendsView,
    load_trends_for,
    preset_period,
)
from dashboard.web.context import FORM_TOKEN_FIELD, app_state, token_in_page
from db.models import Office, Visit
from db.session import Database

SECRET_KEY = "pst-trends-bench"
HEAD_USER = "bench-head"
SLOWEST_SHOWN = 3
PANDAS_ROUNDS = 3
"""At most this many rounds of the pandas version (it is the slow one)."""


@dataclass(frozen=True)
class Scenario:
    label: str
    all_offices: bool
    all_years: bool
    target_ms: float


SCENARIOS = (
    Scenario("1 office, 1 year", all_offices=False, all_years=False, target_ms=300.0),
    Scenario("1 office, all years", all_offices=False, all_years=True, target_ms=1000.0),
    Scenario("all offices, 1 year", all_offices=True, all_years=False, target_ms=1000.0),
)


# -- the real callback, through the test client ------------------------------------------------


@dataclass(frozen=True)
class Redraw:
    """The ``redraw`` callback as the browser posts it."""

    output: str
    outputs: list[dict[str, str]]
    inputs: list[dict[str, str]]

    def body(self, controls: Controls) -> dict[str, Any]:
        values = {
            ids.START: controls.first,
            ids.END: controls.last,
            ids.GRAIN: controls.grain,
            ids.COMPARISON: controls.comparison,
            ids.OFFICE: controls.office,
        }
        inputs = [{**spec, "value": values[spec["id"]]} for spec in self.inputs]
        return {
            "output": self.output,
            "outputs": self.outputs,
            "inputs": inputs,
            "changedPropIds": [f"{ids.START}.value"],
            "state": [],
        }


def find_redraw(callback_map: dict[str, Any]) -> Redraw:
    """The callback whose outputs include the headline (``callbacks.trends.redraw``)."""
    key = next(key for key in callback_map if f"{ids.HEADLINE}.children" in key)
    outputs = []
    for part in key.strip(".").split("..."):
        component, prop = part.rsplit(".", 1)
        outputs.append({"id": component, "property": prop})
    inputs = [
        {"id": spec["id"], "property": spec["property"]} for spec in callback_map[key]["inputs"]
    ]
    return Redraw(key, outputs, inputs)


def sign_in(client: FlaskClient) -> None:
    token = token_in_page(client.get("/login").get_data(as_text=True))
    data = {FORM_TOKEN_FIELD: token, "username": HEAD_USER, "password": PASSWORD}
    response = client.post("/login", data=data)
    if response.status_code != 302:
        raise SystemExit(f"head sign-in failed: {response.status_code}")


def post_redraw(client: FlaskClient, body: dict[str, Any]) -> int:
    """One redraw; the size of the answer in bytes."""
    response = client.post("/_dash-update-component", json=body)
    if response.status_code != 200 or ids.HEADLINE not in response.get_data(True):
        raise SystemExit(f"redraw answered {response.status_code}: {response.get_data(True)[:300]}")
    return len(response.get_data())


# -- the scenarios' controls -------------------------------------------------------------------


def scenario_controls(database: Database, scenario: Scenario, office_id: int) -> Controls:
    """The controls of a scenario: the last twelve months (the page's preset) or every visit
    day of the database, of the app's office or of every office, monthly, against a year
    before."""
    today = local_date(utc_now())
    with database.reading() as session:
        code = session.scalar(select(Office.code).where(Office.id == office_id))
        first = session.scalar(
            select(func.min(Visit.visit_date)).where(
                True if scenario.all_offices else Visit.office_id == office_id
            )
        )
    if scenario.all_years and first is not None:
        period = Period(date.fromisoformat(str(first)), today)
    else:
        period = preset_period("last_12_months", today)  # type: ignore[assignment]
    return Controls(
        first=period.first_day.isoformat(),
        last=period.last_day.isoformat(),
        grain="month",
        comparison="year",
        office=ALL_OFFICES if scenario.all_offices else code,
    )


# -- naive pandas: read the rows, group in Python ----------------------------------------------


@dataclass(frozen=True)
class NaiveFigures:
    visitors_by_month: dict[tuple[int, int], int]
    step_quantiles: dict[int, tuple[float, float]]
    """Step number → (median, p90) seconds."""
    referral_rate: float | None
    revenue_by_month: dict[tuple[int, int], int]
    rows_read: int


def naive_pandas(
    connection: Connection, office_ids: tuple[int, ...] | None, period: Period
) -> NaiveFigures:
    """The four figures from DataFrames of the period's rows (pandas imported here only: the
    app never imports it)."""
    import pandas as pd

    params: dict[str, Any] = {"first": period.first_day, "last": period.last_day}
    offices_sql = ""
    if office_ids is not None:
        offices_sql = " AND v.office_id IN ({})".format(
            ", ".join(f":o{index}" for index in range(len(office_ids)))
        )
        params |= {f"o{index}": office for index, office in enumerate(office_ids)}
    in_period = f"v.visit_date >= :first AND v.visit_date <= :last{offices_sql}"
    visits = pd.read_sql(
        text(
            "SELECT v.id, v.office_id, v.visit_date, v.admitted, v.imported"
            f" FROM visit v WHERE {in_period}"
        ),
        connection,
        params=params,
    )
    steps = pd.read_sql(
        text(
            "SELECT s.visit_id, s.step_number, s.started_at, s.ended_at FROM visit_step s"
            f" JOIN visit v ON v.id = s.visit_id WHERE {in_period}"
        ),
        connection,
        params=params,
    )
    requests = pd.read_sql(
        text(
            "SELECT r.visit_id, r.available FROM data_request r"
            f" JOIN visit v ON v.id = r.visit_id WHERE {in_period}"
        ),
        connection,
        params=params,
    )
    offices = pd.read_sql(text("SELECT id, timezone FROM office"), connection)
    # Sales by the office-local day paid: a UTC window a day wider, then shifted and cut.
    sales = pd.read_sql(
        text(
            "SELECT s.office_id, s.paid_at, s.total FROM sale s WHERE s.voided_at IS NULL"
            " AND s.paid_at >= :start AND s.paid_at < :end"
            + offices_sql.replace("v.office_id", "s.office_id")
        ),
        connection,
        params=params
        | {"start": period.first_day - timedelta(days=1), "end": period.last_day + timedelta(2)},
    )

    rows_read = len(visits) + len(steps) + len(requests) + len(sales)
    admitted = visits[visits["admitted"] == 1]
    days = pd.to_datetime(admitted["visit_date"])
    by_month = admitted.groupby([days.dt.year, days.dt.month]).size()

    steps = steps.merge(visits[["id", "imported"]], left_on="visit_id", right_on="id")
    steps = steps[
        (steps["imported"] == 0) & steps["started_at"].notna() & steps["ended_at"].notna()
    ]
    seconds = (
        _moments(pd, steps["ended_at"]).dt.floor("s")
        - _moments(pd, steps["started_at"]).dt.floor("s")
    ).dt.total_seconds()
    quantiles = seconds.groupby(steps["step_number"]).quantile([0.5, 0.9]).unstack()

    decided = requests[requests["available"].notna()]
    decided = decided[decided["visit_id"].isin(admitted["id"])]
    per_visit = decided.assign(referred=decided["available"] == 0).groupby("visit_id")["referred"]
    visit_referred = per_visit.any()
    rate = float(visit_referred.mean()) if len(visit_referred) else None

    offset = offices.set_index("id")["timezone"].map(
        lambda zone: ZoneInfo(zone).utcoffset(datetime(period.first_day.year, 1, 1))
    )
    paid = _moments(pd, sales["paid_at"]).dt.tz_localize(None) + pd.to_timedelta(
        sales["office_id"].map(offset)
    )
    local = paid.dt.date
    kept = (local >= period.first_day) & (local <= period.last_day)
    revenue = sales["total"][kept].groupby([paid[kept].dt.year, paid[kept].dt.month]).sum()
    return NaiveFigures(
        visitors_by_month={(int(y), int(m)): int(n) for (y, m), n in by_month.items()},
        step_quantiles={
            int(step): (float(row[0.5]), float(row[0.9])) for step, row in quantiles.iterrows()
        },
        referral_rate=rate,
        revenue_by_month={(int(y), int(m)): int(n) for (y, m), n in revenue.items()},
        rows_read=rows_read,
    )


def _moments(pd: Any, column: Any) -> Any:
    """UTC moments of a column (SQLite hands text, PostgreSQL datetimes)."""
    return pd.to_datetime(column, utc=True, format="ISO8601")


def naive_agreement(naive: NaiveFigures, view: TrendsView) -> str:
    """Whether the pandas figures equal the page's (a check that both did the same work)."""

    def month(period: Period) -> tuple[int, int]:
        return (period.first_day.year, period.first_day.month)

    visitors = {month(row.period): row.visitors for row in view.visitors if row.visitors}
    revenue = {month(row.period): row.revenue for row in view.revenue if row.revenue}
    steps = {
        row.step: (row.durations.median_seconds, row.durations.p90_seconds)
        for row in view.stats.steps.steps
        if row.durations.count
    }
    same_steps = steps.keys() == naive.step_quantiles.keys() and all(
        abs(steps[key][0] - naive.step_quantiles[key][0]) < 1e-6
        and abs(steps[key][1] - naive.step_quantiles[key][1]) < 1e-6
        for key in steps
    )
    rate, naive_rate = view.stats.referrals.visit_rate, naive.referral_rate
    same_rate = (rate is None and naive_rate is None) or (
        rate is not None and naive_rate is not None and abs(rate - naive_rate) < 1e-9
    )
    checks = {
        "visitors by month": visitors == naive.visitors_by_month,
        "step median/p90": same_steps,
        "referral rate": same_rate,
        "revenue by month": revenue == naive.revenue_by_month,
    }
    return ", ".join(f"{name} {'=' if ok else 'DIFFERS'}" for name, ok in checks.items())


# -- one scenario on one database --------------------------------------------------------------


@dataclass
class ScenarioFigures:
    scenario: Scenario
    controls: Controls
    app: Timings
    bare_sql: Timings
    load_only: Timings
    pandas: Timings
    statements: int
    slowest: list[str]
    answer_bytes: int
    visits: int
    pandas_rows: int
    agreement: str


def measure_scenario(
    client: FlaskClient,
    redraw: Redraw,
    database: Database,
    office_id: int,
    scenario: Scenario,
    rounds: int,
) -> ScenarioFigures:
    controls = scenario_controls(database, scenario, office_id)
    body = redraw.body(controls)
    answer_bytes = post_redraw(client, body)  # warm: the first redraw of a process pays more
    with captured_statements() as captured:
        post_redraw(client, body)
    statements = list(captured)
    connections = {s.connection: s.engine.raw_connection() for s in statements}

    def load_only() -> TrendsView:
        with database.reading() as session:
            return load_trends_for(session, controls, office_id)

    app, bare, loads, runs = [], [], [], []
    try:
        for _ in range(rounds):
            app.append(timed_ms(lambda: post_redraw(client, body))[0])
            run = replay(statements, connections)
            runs.append(run)
            bare.append(sum(run))
            ms, view = timed_ms(load_only)
            loads.append(ms)
    finally:
        for raw in connections.values():
            raw.close()
    office_ids = view.query.office_ids
    pandas_ms, naive = [], None
    for _ in range(min(rounds, PANDAS_ROUNDS)):
        with database.engine.connect() as connection:
            ms, naive = timed_ms(
                lambda c=connection: naive_pandas(c, office_ids, view.query.period)
            )
        pandas_ms.append(ms)
    assert naive is not None
    return ScenarioFigures(
        scenario=scenario,
        controls=controls,
        app=Timings(app),
        bare_sql=Timings(bare),
        load_only=Timings(loads),
        pandas=Timings(pandas_ms),
        statements=sum(1 for statement in statements if statement.sql),
        slowest=slowest(statements, runs, SLOWEST_SHOWN),
        answer_bytes=answer_bytes,
        visits=view.stats.visitors.total.visitors + view.stats.visitors.total.refused,
        pandas_rows=naive.rows_read,
        agreement=naive_agreement(naive, view),
    )


# -- one database ------------------------------------------------------------------------------


@dataclass
class DatabaseRun:
    label: str
    url: str
    note: str
    figures: list[ScenarioFigures] = field(default_factory=list)


def run_database(run: DatabaseRun, rounds: int) -> None:
    print(f"\n== {run.label}: {make_url(run.url).render_as_string()} ({run.note})", flush=True)
    app = create_app(Settings(database_url=run.url, secret_key=SECRET_KEY))
    with app.server.app_context():
        database, office_id = app_state().database, app_state().office_id
    ensure_user(database, office_id, HEAD_USER, HEAD)
    client = app.server.test_client()
    sign_in(client)
    client.get(TRENDS_PATH)  # Dash sets its routes up on the first request
    redraw = find_redraw(app.callback_map)
    found = province_db.contents(run.url)
    if found is not None:
        print(
            f"   {found.visits:,} visits, {found.offices_with_visits} offices;"
            f" the app's office id {office_id}"
        )
    for scenario in SCENARIOS:
        started = time.monotonic()
        figures = measure_scenario(client, redraw, database, office_id, scenario, rounds)
        run.figures.append(figures)
        print(
            f"   {scenario.label}: {figures.controls.first} … {figures.controls.last}, office "
            f"{figures.controls.office}: app {figures.app.median:.1f} ms median "
            f"({time.monotonic() - started:.1f} s in all)",
            flush=True,
        )
    database.dispose()


# -- the table ---------------------------------------------------------------------------------


def _cell(values: list[float], unit: str = "", digits: int = 1) -> str:
    return " / ".join(f"{value:.{digits}f}{unit}" for value in values) or "—"


def print_table(runs: list[DatabaseRun]) -> None:
    by_label = {run.label: run for run in runs}
    columns = [by_label.get("sqlite"), by_label.get("postgresql")]
    present = [run for run in columns if run is not None]
    header = (
        "figure",
        "SQLite",
        "PostgreSQL",
        "floor (bare SQL)",
        "ratio",
        "pandas",
        "app/pandas",
        "target",
        "met?",
    )
    rows: list[tuple[str, ...]] = []
    for index, scenario in enumerate(SCENARIOS):
        for statistic in ("median", "p90"):
            figures = [run.figures[index] for run in present]

            def value(f: ScenarioFigures, kind: str = "app", s: str = statistic) -> float:
                return getattr(getattr(f, kind), s)

            cells = [
                f"{value(run.figures[index]):.1f}" if run is not None else "—" for run in columns
            ]
            met = " / ".join("yes" if value(f) < scenario.target_ms else "NO" for f in figures)
            rows.append(
                (
                    f"{scenario.label}, {statistic} ms",
                    *cells,
                    _cell([value(f, "bare_sql") for f in figures]),
                    _cell([value(f) / value(f, "bare_sql") for f in figures], "×"),
                    _cell([value(f, "pandas") for f in figures], digits=0),
                    _cell([value(f) / value(f, "pandas") for f in figures], "×", 2),
                    f"< {scenario.target_ms:.0f} ms" if statistic == "median" else "(info)",
                    met if statistic == "median" else "—",
                )
            )
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    print()
    print("  ".join(text.ljust(width) for text, width in zip(header, widths, strict=True)))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print("  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True)))
    print(
        "\nApp: the real redraw callback posted through Flask's test client, signed in as a"
        " head (session,\nrole check, load_trends_view, readings, tables, 13 figures, Dash's"
        " JSON). Floor: the statements\nthat one redraw ran, captured with cursor events and"
        " re-run through the DBAPI, every row\nfetched. pandas: read_sql of the period's visits,"
        " steps, requests and sales, then 4 of the\npage's figures grouped in Python (visitors"
        " by month, step median/p90, referral rate, revenue\nby month). Where two values stand"
        " in a cell they are SQLite / PostgreSQL."
    )
    print("\nDetails (informational):")
    for run in present:
        for figures in run.figures:
            print(
                f"  {run.label}, {figures.scenario.label} ({figures.controls.first} …"
                f" {figures.controls.last}, {figures.visits:,} visits):"
                f" load_trends_view alone {figures.load_only.median:.1f} ms median, the rest of"
                f" the callback {figures.app.median - figures.load_only.median:.1f} ms;"
                f" {figures.statements} statements; answer {figures.answer_bytes:,} bytes;"
                f" pandas read {figures.pandas_rows:,} rows ({figures.agreement})"
            )
            print("    slowest statements (median of the replays):")
            for line in figures.slowest:
                print(f"      {line}")
    print(
        "\nThe machine's 2 cores are shared with other work (tests, benchmarks): the figures"
        " are noisy;\ncompare several runs, ideally on a quiet machine."
    )


# -- the command -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    province_db.add_database_options(parser)
    parser.add_argument("--rounds", type=int, default=5, help="redraws per figure (default 5)")
    parser.add_argument(
        "--quick", action="store_true", help="a small temporary database (1 office, 1 year)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds = min(args.rounds, 3)
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    runs: list[DatabaseRun] = []
    with contextlib.ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pst-trends-")))
        for label, url, note in province_db.benchmark_databases(args, workdir, stack):
            run = DatabaseRun(label, url, note)
            run_database(run, args.rounds)
            runs.append(run)
    if runs:
        print_table(runs)
    else:
        print("nothing measured: no database could be used (see above)")


if __name__ == "__main__":
    main()
