"""The wall screen in Chromium: an officer's step appears on the monitor within 10 s; the
server stopped and started again on the same port is survived without a reload; a long run of
polls with changes in between leaves the JavaScript heap flat.

The app is served here (not by ``conftest.live_app``) so that a test can stop and restart its
WSGI server. The long run polls every 10 ms (``/monitor?poll_ms=10``, the script's test
knob) and measures ``performance.memory`` in a Chromium of its own, started with
``--enable-precise-memory-info`` and ``--js-flags=--expose-gc`` (``window.gc()``)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect
from werkzeug.serving import BaseWSGIServer, make_server

from dashboard import create_app
from dashboard.audit import Actor
from dashboard.clock import local_date, utc_now
from dashboard.config import Settings, sqlite_url
from dashboard.monitor.showing_day import showing_day
from dashboard.office.staff import find_user
from dashboard.visits import services as visits
from dashboard.web.context import app_state
from db.queries import live
from tests.helpers.browser import Desk
from tests.helpers.clock import browser_clock_from_app_now
from tests.helpers.database import PreparedDatabase
from tests.helpers.live_app import CHROMIUM, CHROMIUM_ARGS, LiveApp
from tests.helpers.staff import TEST_PASSWORD, create_staff

# The desk writes visits at the app's now, which the screen shows only on a working day in
# service hours: the app's clock runs from such a morning whatever the hour of the run.
pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("working_morning")]

STALE = re.compile(r"(^|\s)is-stale(\s|$)")
"""The root's class while the figures are stale (beside others: ``is-summary`` when closed)."""
MEMORY_ARGS = ["--enable-precise-memory-info", "--js-flags=--expose-gc"]


@dataclass
class Served:
    """The app on a port of its own, which a test may stop and start again."""

    live: LiveApp
    port: int
    server: BaseWSGIServer | None = None
    thread: threading.Thread | None = field(default=None)

    def start(self) -> None:
        self.server = make_server("127.0.0.1", self.port, self.live.app.server, threaded=True)
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        assert self.server is not None and self.thread is not None
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
        self.server = None


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    if request.param == "sqlite":
        url = sqlite_url(tmp_path_factory.mktemp("e2e-monitor") / "pst.sqlite3")
    else:
        url = request.getfixturevalue("postgresql_url")
    app = create_app(Settings(database_url=url, secret_key="uji-monitor", refresh_seconds=1))
    with app.server.app_context():
        state = app_state()
        prepared = PreparedDatabase(state.database, state.office_id)
    prepared.empty_operational_tables()
    create_staff(prepared, "petugas", "officer")
    create_staff(prepared, "layar", "monitor")
    running = Served(LiveApp("", app, prepared), 0)
    running.start()
    running.live.url = f"http://127.0.0.1:{running.port}"
    yield running
    if running.server is not None:
        running.stop()
    prepared.database.dispose()


def shown_day(served: Served) -> date:
    """The day the screens show now (``showing_day`` of the office's calendar)."""
    with served.live.app.server.app_context(), app_state().database.reading() as session:
        return showing_day(utc_now(), live.office_marker(session, app_state().office_id))


def open_monitor(page: Page, served: Served, query: str = "") -> None:
    """Sign in as the monitor (it lands on /monitor) and wait for the first figures."""
    page.goto(f"{served.live.url}/login")
    page.fill("#login-username", "layar")
    page.fill("#login-password", TEST_PASSWORD)
    page.click("#login-submit")
    page.wait_for_url("**/monitor")
    if query:
        page.goto(f"{served.live.url}/monitor?{query}")
    page.wait_for_selector("#monitor-root")
    page.wait_for_function("window.pstMonitor && window.pstMonitor.answers >= 1")
    page.evaluate("window.loadedMarker = 'dimuat sekali'")


def new_visit(served: Served) -> int:
    """A visit started at the desk (in the test's thread, through the services)."""
    prepared = served.live.prepared
    with prepared.database.reading() as session:
        officer = find_user(session, "petugas")
        assert officer is not None
    actor = Actor(officer.id, prepared.office_id, utc_now().replace(microsecond=0))
    with prepared.database.transaction() as session:
        visit = visits.start_visit(session, actor)
    return visit.id


@pytest.fixture
def screen(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    context.set_default_timeout(15_000)
    browser_clock_from_app_now(context)
    yield context.new_page()
    context.close()


def test_a_step_saved_at_the_desk_shows_within_10_s(
    browser: Browser, screen: Page, served: Served
) -> None:
    open_monitor(screen, served)
    desk_context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    try:
        desk = Desk(desk_context.new_page(), served.live)
        code = desk.new_visitor()
        visits_panel = screen.locator("#monitor-visits")
        expect(visits_panel).to_contain_text(code, timeout=10_000)
        expect(visits_panel).to_contain_text("1 Skrining masker & suhu")
        desk.screen("Ya", "36,5")
        expect(visits_panel.locator(".pm-visit", has_text=code)).to_contain_text(
            "2 Titip tas di rak", timeout=10_000
        )
        # today's visitor counts on the day shown only when that is today (before opening,
        # on weekends and holidays the screen shows the last working day)
        today_shown = shown_day(served) == local_date(utc_now())
        expect(screen.locator("#monitor-visitors")).to_have_text(
            "1" if today_shown else "0", timeout=10_000
        )
    finally:
        desk_context.close()
    assert screen.evaluate("window.loadedMarker") == "dimuat sekali"


def test_the_server_stops_and_returns_without_a_reload(screen: Page, served: Served) -> None:
    open_monitor(screen, served, "poll_ms=200")
    notice = screen.locator("#monitor-connection")
    expect(notice).to_be_hidden()
    served.stop()
    try:
        expect(notice).to_be_visible(timeout=10_000)
        expect(notice).to_contain_text("Koneksi terputus sejak")
        expect(screen.locator("#monitor-root")).to_have_class(STALE)
        expect(screen.locator("#monitor-updated")).to_contain_text("belum diperbarui")
        in_flight = screen.evaluate("window.pstMonitor.failures")
        screen.wait_for_timeout(1_500)
        # backing off: 200, 400, 800 ms … not a poll every 200 ms
        assert screen.evaluate("window.pstMonitor.failures") - in_flight <= 3
    finally:
        served.start()
    new_visit(served)  # a change while it was away
    expect(notice).to_be_hidden(timeout=15_000)
    expect(screen.locator("#monitor-root")).not_to_have_class(STALE)
    expect(screen.locator("#monitor-visit-count")).not_to_have_text("0")
    assert screen.evaluate("window.loadedMarker") == "dimuat sekali"


def heap(page: Page) -> int:
    page.evaluate("window.gc(); window.gc()")
    return int(page.evaluate("performance.memory.usedJSHeapSize"))


@pytest.mark.parametrize("served", ["sqlite"], indirect=True)  # the heap is the browser's
def test_a_long_run_keeps_the_heap_flat(browser: Browser, served: Served) -> None:
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *MEMORY_ARGS]
    )
    try:
        context = chromium.new_context(viewport={"width": 1920, "height": 1080})
        context.set_default_timeout(20_000)
        page = context.new_page()
        open_monitor(page, served, "poll_ms=10")
        polls = "window.pstMonitor.polls"
        page.wait_for_function(f"{polls} >= 100")
        baseline = heap(page)
        start_polls, start_changes = (
            page.evaluate(polls),
            page.evaluate("window.pstMonitor.changes"),
        )
        while page.evaluate(polls) < start_polls + 1_000:
            new_visit(served)
            page.wait_for_timeout(400)
        changes = page.evaluate("window.pstMonitor.changes") - start_changes
        after = heap(page)
        assert changes >= 20, changes  # the charts and rows were redrawn many times
        assert page.evaluate("window.pstMonitor.failures") == 0
        assert after <= baseline * 1.2, (baseline, after)
        assert page.evaluate("window.loadedMarker") == "dimuat sekali"
        context.close()
    finally:
        chromium.close()
