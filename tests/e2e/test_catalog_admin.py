"""Katalog publikasi in the browser: an administrator adds a publication through the form,
sees a rejected import file's report (and nothing imported), imports a good CSV, retires an
entry from the grid, and the database holds exactly that."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from dashboard.library import catalog_admin_ids as ids
from db.models import Publication
from tests.helpers.live_app import LiveApp, click_nav
from tests.helpers.staff import create_staff

ADMIN = "admin-uji"
ADDED_NUMBER = "UJI-ADM-2025"
ADDED_TITLE = "Uji Admin Peta Tematik Daerah Aliran Sungai Lematang 2025"

BAD_FILE = (
    "Nomor katalog,Judul,Tahun,Subjek,Hardcopy,Stok hardcopy,Softcopy\n"
    "UJI-IMP-BAIK,Uji Impor Baris Yang Baik,2024,sosial,ya,2,tidak\n"
    "UJI-IMP-BAIK,,20x4,astrologi,ya,-1,tidak\n"
)
GOOD_FILE = (
    "Nomor katalog;Judul;Tahun;Subjek;Hardcopy;Stok hardcopy;Softcopy;Lokasi rak\n"
    "UJI-IMP-001;Uji Impor Statistik Kecamatan Rambang Niru 2024;2024;wilayah;ya;3;tidak;R9-01\n"
    "UJI-IMP-002;Uji Impor Indikator Kesejahteraan Rakyat 2024;2024;Sosial dan Kesejahteraan "
    "Rakyat;tidak;;ya;\n"
    f"{ADDED_NUMBER};{ADDED_TITLE};2025;wilayah;ya;6;ya;R1-07\n"
)


@dataclass(frozen=True)
class Stored:
    title: str
    year: int
    subject: str
    has_hardcopy: bool
    hardcopy_stock: int
    shelf_location: str | None
    has_softcopy: bool
    is_sample: bool
    retired: bool
    search_title: str


def stored(live_app: LiveApp, number: str) -> Stored | None:
    with live_app.prepared.database.reading() as session:
        publication = session.scalar(
            select(Publication).where(
                Publication.office_id == live_app.prepared.office_id,
                Publication.catalog_number == number,
            )
        )
        if publication is None:
            return None
        return Stored(
            title=publication.title,
            year=publication.year,
            subject=publication.subject,
            has_hardcopy=publication.has_hardcopy,
            hardcopy_stock=publication.hardcopy_stock,
            shelf_location=publication.shelf_location,
            has_softcopy=publication.has_softcopy,
            is_sample=publication.is_sample,
            retired=publication.retired_at is not None,
            search_title=publication.search_title,
        )


@pytest.fixture(scope="module")
def admin(live_app: LiveApp) -> Iterator[str]:
    create_staff(live_app.prepared, ADMIN, "admin")
    yield ADMIN


def type_into(field: Locator, text: str) -> None:
    """Click into a field, clear it and type ``text`` key by key, as a person does."""
    field.click()
    field.press("ControlOrMeta+a")
    field.press("Backspace")
    field.press_sequentially(text)


def open_catalog(page: Page, live_app: LiveApp, username: str) -> None:
    live_app.login(page, username)
    click_nav(page, "Katalog publikasi")
    page.wait_for_selector(f"#{ids.GRID} .ag-row")


def upload(page: Page, name: str, text: str) -> None:
    page.set_input_files(
        f"#{ids.IMPORT_UPLOAD} input[type=file]",
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}],
    )


def open_entry(page: Page, number: str) -> None:
    """Filter the grid down to one catalog number and click its row."""
    type_into(page.locator(f"#{ids.QUICK_FILTER}"), number)
    rows = page.locator(f"#{ids.GRID} .ag-center-cols-container .ag-row")
    expect(rows).to_have_count(1)
    rows.first.click()
    expect(page.locator(f"#{ids.CATALOG_NUMBER}")).to_have_value(number)


def test_admin_adds_imports_and_retires(page: Page, live_app: LiveApp, admin: str, shot) -> None:  # type: ignore[no-untyped-def]
    open_catalog(page, live_app, admin)
    expect(page.locator(f"#{ids.SAMPLE_NOTICE}")).to_contain_text(
        "Katalog contoh — ganti dengan katalog kantor Anda"
    )

    # Add through the form: the cursor starts in the first field; Enter saves.
    page.click(f"#{ids.ADD}")
    expect(page.locator(f"#{ids.CATALOG_NUMBER}")).to_be_focused()
    page.keyboard.type(ADDED_NUMBER.lower())
    type_into(page.locator(f"#{ids.YEAR}"), "2025")
    page.select_option(f"#{ids.SUBJECT}", label="Wilayah dalam Angka")
    type_into(page.locator(f"#{ids.TITLE}"), ADDED_TITLE)
    type_into(page.locator(f"#{ids.HARDCOPY_STOCK}"), "-1")
    page.locator(f"#{ids.HARDCOPY_STOCK}").press("Enter")
    expect(page.locator(f"#{ids.FEEDBACK_IDS['hardcopy_stock']}")).to_contain_text(
        "tidak boleh negatif"
    )
    expect(page.locator(f"#{ids.HARDCOPY_STOCK}")).to_be_focused()
    type_into(page.locator(f"#{ids.HARDCOPY_STOCK}"), "4")
    type_into(page.locator(f"#{ids.SHELF_LOCATION}"), "R1-07")
    page.locator(f"#{ids.SHELF_LOCATION}").press("Enter")
    expect(page.locator(f"#{ids.FORM_MODAL}")).to_be_hidden()
    expect(page.locator(f"#{ids.MESSAGE}")).to_contain_text("ditambahkan ke katalog")
    added = stored(live_app, ADDED_NUMBER)
    assert added is not None
    assert (added.title, added.year, added.subject) == (ADDED_TITLE, 2025, "wilayah")
    assert (added.has_hardcopy, added.hardcopy_stock, added.shelf_location) == (True, 4, "R1-07")
    assert not added.has_softcopy and not added.is_sample and not added.retired
    assert "lematang" in added.search_title

    # A rejected file: every problem listed, the import button stays off, nothing stored.
    page.click(f"#{ids.IMPORT_OPEN}")
    upload(page, "katalog-salah.csv", BAD_FILE)
    expect(page.locator(f"#{ids.IMPORT_CHECK}")).to_contain_text("Berkas ditolak: 5 masalah")
    report = page.locator(f"#{ids.IMPORT_REPORT_GRID} .ag-center-cols-container .ag-row")
    expect(report).to_have_count(5)
    expect(page.locator(f"#{ids.IMPORT_REPORT_GRID}")).to_contain_text("astrologi")
    expect(page.locator(f"#{ids.IMPORT_SUBMIT}")).to_be_disabled()
    shot(f"catalog-import-rejected-{live_app.prepared.backend}")
    assert stored(live_app, "UJI-IMP-BAIK") is None

    # A good file: checked first (what it will do), then imported with "Impor".
    upload(page, "katalog.csv", GOOD_FILE)
    expect(page.locator(f"#{ids.IMPORT_CHECK}")).to_contain_text(
        "Berkas valid: 3 baris. 2 entri baru, 1 memperbarui"
    )
    expect(page.locator(f"#{ids.IMPORT_REPORT_GRID}")).to_have_count(0)
    page.click(f"#{ids.IMPORT_SUBMIT}")
    expect(page.locator(f"#{ids.IMPORT_CHECK}")).to_contain_text(
        "Impor selesai: 2 baru, 1 diperbarui."
    )
    expect(page.locator(f"#{ids.IMPORT_SUBMIT}")).to_be_disabled()
    page.click(f"#{ids.IMPORT_CLOSE}")
    expect(page.locator(f"#{ids.MESSAGE}")).to_contain_text("Impor selesai")
    first, second = stored(live_app, "UJI-IMP-001"), stored(live_app, "UJI-IMP-002")
    assert first is not None and second is not None
    assert (first.hardcopy_stock, first.shelf_location) == (3, "R9-01")
    assert (second.subject, second.has_hardcopy, second.has_softcopy) == ("sosial", False, True)
    updated = stored(live_app, ADDED_NUMBER)
    assert updated is not None and (updated.hardcopy_stock, updated.has_softcopy) == (6, True)

    # Retire the added entry from the grid: it leaves the active list, stays in the database.
    open_entry(page, ADDED_NUMBER)
    expect(page.locator(f"#{ids.FORM_TITLE}")).to_have_text(f"Ubah publikasi {ADDED_NUMBER}")
    page.click(f"#{ids.RETIRE}")
    expect(page.locator(f"#{ids.MESSAGE}")).to_contain_text("ditarik dari katalog")
    expect(page.locator(f"#{ids.GRID} .ag-center-cols-container .ag-row")).to_have_count(0)
    page.select_option(f"#{ids.STATUS_FILTER}", "retired")
    expect(page.locator(f"#{ids.GRID} .ag-center-cols-container .ag-row")).to_have_count(1)
    retired = stored(live_app, ADDED_NUMBER)
    assert retired is not None and retired.retired
    shot(f"catalog-admin-{live_app.prepared.backend}")


def test_an_officer_sees_the_catalog_read_only(page: Page, live_app: LiveApp) -> None:
    open_catalog(page, live_app, "petugas")
    expect(page.locator(f"#{ids.READ_ONLY_NOTE}")).to_be_visible()
    expect(page.locator(f"#{ids.ADD}")).to_be_hidden()
    expect(page.locator(f"#{ids.IMPORT_OPEN}")).to_be_hidden()
    page.locator(f"#{ids.GRID} .ag-center-cols-container .ag-row").first.click()
    expect(page.locator(f"#{ids.TITLE}")).to_be_disabled()
    expect(page.locator(f"#{ids.SAVE}")).to_be_hidden()
