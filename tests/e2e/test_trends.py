"""Tren layanan in the browser: the head changes the period and the grain (the page redraws
without a reload), downloads a chart's data as CSV, and after the administrator records a
revised target for step 2 effective today, the compliance of today changes while
yesterday's stays as it was."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import delete

from dashboard.clock import WIB, local_date, utc_now
from dashboard.i18n import format_day
from dashboard.office import sop_targets_ids as sop_ids
from dashboard.reports.content import ReportRequest
from dashboard.trends import trends_ids as ids
from dashboard.trends.stats import load_period_stats, stats_json
from dashboard.visits import services as visits
from db.models import SopStep
from tests.helpers.desk import RACK_SLOTS, THRESHOLD, Desk
from tests.helpers.live_app import ARTIFACTS, LiveApp, click_nav
from tests.helpers.reports import assert_docx_matches, assert_xlsx_matches
from tests.helpers.staff import create_staff

ADMIN = "admin-tren"


@pytest.fixture
def two_days(live_app: LiveApp) -> Iterator[tuple[str, str]]:
    """A visit yesterday and one today, each 3 minutes at the bag rack (target 3: met);
    the SOP versions recorded by the test removed afterwards."""
    prepared = live_app.prepared
    desk = Desk(prepared, create_staff(prepared, "petugas-tren", "officer"))
    today = local_date(utc_now())
    for slot, day in enumerate((today - timedelta(days=1), today), start=1):
        desk.now = (
            utc_now()
            .astimezone(WIB)
            .replace(year=day.year, month=day.month, day=day.day, hour=0, minute=5)
        )
        visit_id = desk.new_visit()
        desk.do(lambda s, a, v=visit_id: visits.record_screening(s, a, v, True, "36,5", THRESHOLD))
        desk.do(lambda s, a, v=visit_id, n=slot: visits.place_bag(s, a, v, n, RACK_SLOTS), 3)
    create_staff(prepared, ADMIN, "admin")
    yield (today - timedelta(days=1)).isoformat(), today.isoformat()
    with prepared.database.transaction() as session:
        session.execute(delete(SopStep).where(SopStep.document_number.is_not(None)))


def step_2_compliance(page: Page) -> dict[str, tuple[str, str]]:
    """The compliance chart's CSV, downloaded: step 2's (meeting, with target) by day."""
    button = page.locator(f'[id*="{ids.DOWNLOAD_BUTTON}"][id*="compliance"][id*="csv"]').first
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.startswith("tren-compliance-")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    return {
        row["periode_mulai"]: (row["memenuhi"], row["bertarget"])
        for row in rows
        if row["langkah"] == "2"
    }


def open_days(page: Page, first: str, last: str) -> None:
    page.fill(f"#{ids.START}", first)
    page.fill(f"#{ids.END}", last)
    page.locator(f"#{ids.GRAIN}").get_by_label("Harian").check()
    # The page has redrawn for these very days (not only the grain) before anything is read.
    span = (
        f"{format_day(date.fromisoformat(first))} – {format_day(date.fromisoformat(last))} · harian"
    )
    expect(page.locator(f"#{ids.PERIOD_TEXT}")).to_contain_text(span)
    expect(page.locator(f"#{ids.PRESET}")).to_have_value("custom")


CHART_WIDTHS = "Array.from(document.querySelectorAll('.js-plotly-plot'), g => g._fullLayout.width)"
PRINTED_WIDTH = 640
"""``assets/zz-pst/print-charts.js``: the width every chart is redrawn at for printing."""


def charts_fit_the_printed_page(page: Page) -> None:
    """Printing starts: every chart is redrawn at the printed width (a screen-wide chart would
    be cut off on A4); printing ends: each gets its screen width back."""
    on_screen = page.evaluate(CHART_WIDTHS)
    assert len(on_screen) >= 10 and max(on_screen) > PRINTED_WIDTH
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_function(f"{CHART_WIDTHS}.every(width => width === {PRINTED_WIDTH})")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.wait_for_function(
        f"{CHART_WIDTHS}.every((width, i) => Math.abs(width - {json.dumps(on_screen)}[i]) < 2)"
    )


def test_the_head_reads_trends_and_a_revision_changes_later_days_only(  # type: ignore[no-untyped-def]
    page: Page, live_app: LiveApp, two_days: tuple[str, str], browser, shot
) -> None:
    yesterday, today = two_days
    live_app.login(page, "kepala")
    click_nav(page, "Tren layanan")
    reading = page.locator(f"#{ids.READING_IDS['visitors']}")
    expect(reading).not_to_be_empty()
    # A preset: last month, a month-long period; the page redraws in place.
    page.select_option(f"#{ids.PRESET}", "last_month")
    first_of_month = local_date(utc_now()).replace(day=1)
    last_month = (first_of_month - timedelta(days=1)).replace(day=1)
    expect(page.locator(f"#{ids.START}")).to_have_value(last_month.isoformat())
    page.locator(f"#{ids.GRAIN}").get_by_label("Mingguan").check()
    expect(page.locator(f"#{ids.PERIOD_TEXT}")).to_contain_text("mingguan")
    # The two days, day by day.
    open_days(page, yesterday, today)
    expect(reading).to_contain_text("2 pengunjung")
    shot("trends-two-days")
    assert step_2_compliance(page) == {yesterday: ("1", "1"), today: ("1", "1")}
    charts_fit_the_printed_page(page)

    # The administrator records step 2's new target, 2 minutes, from today.
    admin = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    admin_page = admin.new_page()
    admin_page.set_default_timeout(10_000)
    live_app.login(admin_page, ADMIN)
    click_nav(admin_page, "Target SOP")
    expect(admin_page.locator(f"#{sop_ids.TARGET_IDS[2]}")).to_have_value("3")
    admin_page.fill(f"#{sop_ids.DOCUMENT}", "B-77/16030/PS.100/2026")
    admin_page.fill(f"#{sop_ids.EFFECTIVE}", today)
    admin_page.fill(f"#{sop_ids.TARGET_IDS[2]}", "2")
    admin_page.click(f"#{sop_ids.SAVE}")
    expect(admin_page.locator(f"#{sop_ids.ALERT}")).to_contain_text("Versi target tersimpan")
    expect(admin_page.locator(f"#{sop_ids.VERSIONS}")).to_contain_text("B-77/16030/PS.100/2026")
    expect(admin_page.locator(f"#{sop_ids.VERSIONS}")).to_contain_text("Uji Admin-Tren")
    ARTIFACTS.mkdir(exist_ok=True)
    admin_page.screenshot(path=str(ARTIFACTS / "trends-sop-targets.png"), full_page=True)
    admin.close()

    # The head's page, read again: today's 3 minutes now miss; yesterday's still meet.
    page.reload()
    open_days(page, yesterday, today)
    expect(page.locator(f"#{ids.READING_IDS['steps']}")).to_contain_text("Langkah 2")
    assert step_2_compliance(page) == {yesterday: ("1", "1"), today: ("0", "1")}


@pytest.fixture
def visit_today(live_app: LiveApp) -> date:
    """One visit screened today (whatever else the module's database holds)."""
    desk = Desk(live_app.prepared, create_staff(live_app.prepared, "petugas-laporan", "officer"))
    visit_id = desk.new_visit()
    desk.do(lambda s, a: visits.record_screening(s, a, visit_id, True, "36,5", THRESHOLD))
    return local_date(utc_now())


def test_the_head_downloads_the_months_work_report(  # type: ignore[no-untyped-def]
    page: Page, live_app: LiveApp, visit_today: date, shot
) -> None:
    """This month chosen under *Laporan kerja*: one ZIP whose DOCX and XLSX hold the month's
    figures as ``/api/v1/stats`` computes them."""
    live_app.login(page, "kepala")
    click_nav(page, "Tren layanan")
    month = visit_today
    page.select_option(f"#{ids.REPORT_YEAR}", str(month.year))
    page.select_option(f"#{ids.REPORT_MONTH}", str(month.month))
    link = page.locator(f"#{ids.REPORT_LINK}")
    expect(link).to_have_attribute("href", re.compile(f"bulan={month.month}"))
    shot("trends-report")
    with page.expect_download(timeout=120_000) as info:
        link.click(no_wait_after=True)
    download = info.value
    stem = f"laporan-bulanan-1603-{month:%Y-%m}"
    assert download.suggested_filename == f"{stem}.zip"
    archive = zipfile.ZipFile(Path(download.path()))
    prepared = live_app.prepared
    with prepared.database.reading() as session:
        period = ReportRequest(month.year, month.month, prepared.office_id).period
        api = stats_json(load_period_stats(session, period, [prepared.office_id]))
    assert api["visitors"] >= 1
    assert_docx_matches(archive.read(f"{stem}.docx"), api)
    assert_xlsx_matches(archive.read(f"{stem}.xlsx"), api)
