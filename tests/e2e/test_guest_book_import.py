"""Impor buku tamu in the browser: an administrator uploads a file with problems (listed, the
import stays off, nothing stored), then the example guest book (checked, previewed, imported
with one key press), then the same rows again (nothing new). An officer cannot open the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from dashboard.imports import guest_book_import_ids as ids
from db.models import Sale, Visit, VisitStep
from tests.helpers.live_app import LiveApp, click_nav
from tests.helpers.staff import create_staff

ADMIN = "admin-impor"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BAD_FILE = (
    "Tanggal;Nama;Jenis kelamin;Instansi;Pekerjaan;Pendidikan;Jenis layanan;"
    "Data yang dicari;Ditemukan;Dinas rujukan;Jumlah pembelian\n"
    "31/02/2024;Ani;P;;;;Perpustakaan;Data;ya;;\n"
    "01/03/2024;Budi;L;;Petani;;Astrologi;Data;ya;;-5000\n"
)


@pytest.fixture(scope="module")
def admin(live_app: LiveApp) -> Iterator[str]:
    create_staff(live_app.prepared, ADMIN, "admin")
    yield ADMIN


def imported(live_app: LiveApp) -> tuple[int, int, int]:
    """(imported visits, their steps, imported sales) in the database."""
    with live_app.prepared.database.reading() as session:
        visits = session.scalar(select(func.count()).where(Visit.imported.is_(True))) or 0
        steps = session.scalar(
            select(func.count())
            .select_from(VisitStep)
            .join(Visit, Visit.id == VisitStep.visit_id)
            .where(Visit.imported.is_(True))
        )
        sales = session.scalar(select(func.count()).where(Sale.imported.is_(True))) or 0
    return visits, steps or 0, sales


def upload(page: Page, name: str, content: bytes, mime_type: str = "text/csv") -> None:
    page.set_input_files(
        f"#{ids.UPLOAD} input[type=file]",
        files=[{"name": name, "mimeType": mime_type, "buffer": content}],
    )


def test_admin_checks_and_imports_a_guest_book(
    page: Page, live_app: LiveApp, admin: str, shot
) -> None:  # type: ignore[no-untyped-def]
    live_app.login(page, admin)
    click_nav(page, "Impor buku tamu")
    page.wait_for_selector(f"#{ids.PAGE}")
    expect(page.locator(f"#{ids.SUBMIT}")).to_be_disabled()

    # A file with problems: every one listed by row and column, nothing can be imported.
    upload(page, "buku-tamu-salah.csv", BAD_FILE.encode("utf-8"))
    expect(page.locator(f"#{ids.CHECK}")).to_contain_text("Berkas ditolak: 4 masalah")
    report = page.locator(f"#{ids.REPORT_GRID} .ag-center-cols-container .ag-row")
    expect(report).to_have_count(4)
    expect(page.locator(f"#{ids.REPORT_GRID}")).to_contain_text("Astrologi")
    expect(page.locator(f"#{ids.SUBMIT}")).to_be_disabled()
    shot(f"guest-book-import-rejected-{live_app.prepared.backend}")
    assert imported(live_app) == (0, 0, 0)

    # The example guest book: checked, previewed, then imported with Enter on "Impor".
    upload(
        page, "buku-tamu-contoh.xlsx", (EXAMPLES / "buku-tamu-contoh.xlsx").read_bytes(), XLSX_TYPE
    )
    expect(page.locator(f"#{ids.CHECK}")).to_contain_text(
        "Berkas valid: 11 baris; 11 baru, 0 sudah ada; 3 pembelian baru senilai Rp 250.000."
    )
    expect(page.locator(f"#{ids.REPORT_GRID}")).to_have_count(0)
    preview = page.locator(f"#{ids.PREVIEW_GRID} .ag-center-cols-container .ag-row")
    expect(preview).to_have_count(11)
    expect(page.locator(f"#{ids.PREVIEW_GRID}")).to_contain_text("Penjualan produk statistik")
    submit = page.locator(f"#{ids.SUBMIT}")
    expect(submit).to_be_enabled()
    expect(submit).to_be_focused()
    shot(f"guest-book-import-checked-{live_app.prepared.backend}")
    assert imported(live_app) == (0, 0, 0), "the check alone stores nothing"
    submit.press("Enter")
    expect(page.locator(f"#{ids.RESULT}")).to_contain_text(
        "Impor selesai: 11 baru, 0 sudah ada (10 pengunjung baru"
    )
    expect(submit).to_be_disabled()
    assert imported(live_app) == (11, 0, 3)
    shot(f"guest-book-import-done-{live_app.prepared.backend}")

    # The same rows again (as CSV): nothing new, nothing to import.
    upload(page, "buku-tamu-contoh.csv", (EXAMPLES / "buku-tamu-contoh.csv").read_bytes())
    expect(page.locator(f"#{ids.CHECK}")).to_contain_text("0 baru, 11 sudah ada")
    expect(page.locator(f"#{ids.RESULT}")).to_be_empty()
    expect(page.locator(f"#{ids.SUBMIT}")).to_be_disabled()
    assert imported(live_app) == (11, 0, 3)


def test_an_officer_cannot_open_the_page(page: Page, live_app: LiveApp) -> None:
    live_app.login(page, "petugas")
    expect(page.locator("#shell-navbar").get_by_role("link", name="Impor buku tamu")).to_have_count(
        0
    )
    page.goto(f"{live_app.url}/admin/impor-buku-tamu")
    expect(page.locator("#access-denied")).to_be_visible()
    expect(page.locator(f"#{ids.UPLOAD}")).to_have_count(0)
