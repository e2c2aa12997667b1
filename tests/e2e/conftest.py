"""Browser tests: the app served on 127.0.0.1 in a thread, driven by Playwright in the
system Chromium, on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from dash import Dash
from werkzeug.serving import BaseWSGIServer, make_server

from dashboard import create_app
from dashboard.config import Settings, sqlite_url
from dashboard.web.context import app_state
from tests.helpers.database import PreparedDatabase, skip_or_fail
from tests.helpers.live_app import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    LiveApp,
    watch_csp_violations,
)
from tests.helpers.staff import create_staff

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (Debian package 'chromium')")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright for Python is not installed (pip install -r requirements-dev.txt)")
    from playwright.sync_api import expect

    # A loaded 2-core CI machine can take longer than Playwright's 5 s to redraw a page of
    # charts; a real failure still fails, only later.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _serve(app: Dash) -> tuple[BaseWSGIServer, threading.Thread]:
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveApp]:
    if request.param == "sqlite":
        url = sqlite_url(tmp_path_factory.mktemp("e2e") / "pst.sqlite3")
    else:
        url = request.getfixturevalue("postgresql_url")
    app = create_app(Settings(database_url=url, secret_key="uji-e2e", refresh_seconds=2))
    with app.server.app_context():
        state = app_state()
        prepared = PreparedDatabase(state.database, state.office_id)
    prepared.empty_operational_tables()
    create_staff(prepared, "petugas", "officer")
    create_staff(prepared, "kepala", "head")
    server, thread = _serve(app)
    yield LiveApp(f"http://127.0.0.1:{server.server_port}", app, prepared)
    server.shutdown()
    thread.join(timeout=5)
    prepared.database.dispose()


@pytest.fixture
def page(browser, live_app: LiveApp, request: pytest.FixtureRequest) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    context.set_default_timeout(10_000)
    violations = watch_csp_violations(context)
    page = context.new_page()
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert violations == [], "the pages met the Content-Security-Policy"


@pytest.fixture
def shot(page) -> Callable[[str], Path]:  # type: ignore[no-untyped-def]
    """Save a screenshot under test-artifacts/ (to look at after a run)."""

    def take(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
