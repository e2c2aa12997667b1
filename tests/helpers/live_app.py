"""The app the browser tests drive (served by the ``live_app`` fixture of
``tests/e2e/conftest.py``), its navigation bar, and where screenshots go. Free of Playwright,
so that the fixtures can skip with a reason where it is not installed."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import dash
from dash import Dash

from tests.helpers.database import PreparedDatabase
from tests.helpers.staff import TEST_PASSWORD

CHROMIUM = os.environ.get("PST_TEST_CHROMIUM", "/usr/bin/chromium")
"""The system Chromium the browser tests drive (Debian package ``chromium``)."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
"""Screenshots of the browser tests (failures and those a test takes), to look at after a run."""


@dataclass
class LiveApp:
    """The served app: its address, its database, and a way to sign in a page."""

    url: str
    app: Dash
    prepared: PreparedDatabase

    def login(self, page, username: str, password: str = TEST_PASSWORD) -> None:  # type: ignore[no-untyped-def]
        page.goto(f"{self.url}/login")
        page.fill("#login-username", username)
        page.fill("#login-password", password)
        page.click("#login-submit")
        page.wait_for_url(f"{self.url}/layanan-berjalan", wait_until="commit")


_REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.pstCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
      `(${event.sourceFile || location.pathname}:${event.lineNumber})`
  );
});
"""


def watch_csp_violations(context) -> list[str]:  # type: ignore[no-untyped-def]
    """Every Content-Security-Policy violation any page of the browser ``context`` meets from
    now on (the list fills as they happen): a page that works only without the policy."""
    violations: list[str] = []
    context.expose_function("pstCspViolation", lambda text: violations.append(text))
    context.add_init_script(_REPORT_CSP_VIOLATIONS)
    return violations


def click_nav(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Click a page's entry in the navigation bar, opening the group menu (Perpustakaan,
    PNBP, Admin) that holds it when the page sits in one."""
    group = next(
        (entry.get("nav_group") for entry in dash.page_registry.values() if entry["name"] == name),
        None,
    )
    if group is not None:
        menu = f"#shell-nav-{group.lower()}"
        page.locator(f"{menu}.dropdown-toggle, {menu} .dropdown-toggle").first.click()
    page.locator("#shell-navbar").get_by_role("link", name=name).first.click()
