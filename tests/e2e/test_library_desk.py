"""The library at the desk, as the officer works it in the browser (SQLite and PostgreSQL):
search the catalog with a word form, pick a publication for one request, refer another
request to a suggested agency, print the referral slip; then the database must hold the link
and the referral."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from playwright.sync_api import Page, expect
from sqlalchemy import select

from dashboard import sop
from dashboard.audit import Actor
from dashboard.clock import local_date, utc_now
from dashboard.i18n import format_long_day
from dashboard.library import agency_service as agency_services
from dashboard.library import catalog_service as catalog_services
from dashboard.library import referral_slip_ids as slip_ids
from dashboard.library import unmet_demand_ids as unmet_ids
from dashboard.library.agencies import AgencyInput
from dashboard.library.catalog import PublicationInput
from dashboard.visits import service_ids as service
from db.models import DataRequestPublication
from tests.helpers.browser import (
    Desk,
    GuestBook,
    dict_id,
    of_type,
    stored_visit,
    type_into,
    visit_id_of,
)
from tests.helpers.live_app import ARTIFACTS, LiveApp

FOUND_REQUEST = "Jumlah penduduk per kecamatan 1999"
REFERRED_REQUEST = "Prevalensi stunting balita per desa 2024"
OLD_YEAR = "1999"
"""No starter publication is this old: the year filter leaves only the one this test adds."""


@dataclass(frozen=True)
class Library:
    publication_id: int
    publication_title: str
    agency_id: int
    agency_name: str


def shot_name(live_app: LiveApp, name: str) -> str:
    return f"library-{name}-{live_app.prepared.backend}"


def stock_the_library(live_app: LiveApp) -> Library:
    """A publication whose title says 'Kependudukan' and an agency holding stunting data,
    added through the catalog and directory services as an admin would."""
    suffix = uuid.uuid4().hex[:6]
    title = f"Statistik Kependudukan Kabupaten Muara Enim {OLD_YEAR} ({suffix})"
    publication = PublicationInput(
        catalog_number=f"UJI-{suffix}",
        title=title,
        year=int(OLD_YEAR),
        subject="kependudukan",
        region="Kabupaten Muara Enim",
        isbn=None,
        issn=None,
        has_hardcopy=True,
        hardcopy_stock=2,
        shelf_location="Rak Z-9",
        has_softcopy=False,
        notes=None,
    )
    agency = AgencyInput(
        name=f"Dinas Kesehatan Uji {suffix}",
        topics=("prevalensi stunting", "gizi balita"),
        address="Jl. Uji Rujukan No. 7, Muara Enim",
        phone="0734 421777",
        email=None,
        website=None,
        notes=None,
    )
    prepared = live_app.prepared
    actor = Actor(None, prepared.office_id, utc_now())
    with prepared.database.transaction() as session:
        publication_id = catalog_services.add_publication(session, actor, publication).id
        agency_id = agency_services.add_agency(session, actor, agency).id
    return Library(publication_id, title, agency_id, agency.name)


def search_and_pick(page: Page, library: Library) -> None:
    """Step 6: type a word form, narrow by year, pick the hit for request 1; a pick made for
    request 2 by mistake is taken back."""
    query = page.locator(f"#{service.SEARCH_QUERY}")
    expect(query).to_be_focused()
    query.press_sequentially("penduduk")
    type_into(page.locator(f"#{service.SEARCH_YEAR}"), OLD_YEAR)
    hit = page.locator(dict_id(service.SEARCH_RESULT_TYPE, library.publication_id))
    expect(hit).to_contain_text(library.publication_title)
    expect(hit).to_contain_text("Kependudukan")
    expect(hit).to_contain_text("stok 2")
    expect(hit).to_contain_text("Rak Z-9")
    expect(page.locator(f"#{service.SEARCH_MESSAGE}")).to_contain_text("1 publikasi ditemukan")

    target = page.locator(f"#{service.SEARCH_TARGET}")
    expect(target.locator("input[type=radio]").nth(0)).to_be_checked()
    pick = page.locator(dict_id(service.SEARCH_PICK_TYPE, library.publication_id))
    pick.click()
    expect(page.locator(f"#{service.ALERT}")).to_contain_text("dipilih untuk permintaan 1")
    picked = page.locator(of_type(service.SEARCH_PICKED_TYPE))
    expect(picked.nth(0)).to_contain_text(library.publication_title)

    target.get_by_text(f"2. {REFERRED_REQUEST}", exact=True).click()
    pick.click()
    expect(picked.nth(1)).to_contain_text(library.publication_title)
    picked.nth(1).locator(of_type(service.SEARCH_UNPICK_TYPE)).click()
    expect(page.locator(f"#{service.ALERT}")).to_contain_text("belum ditemukan lagi")
    expect(picked.nth(1)).to_have_text("")
    expect(query).to_have_value("penduduk")  # the box keeps what was typed


def refer_to_suggestion(page: Page, library: Library) -> None:
    """Step 7: request 1 already shows as available with its publication; request 2 is not
    available and goes to the agency the directory suggests."""
    rows = page.locator(of_type(service.REQUEST_ROW_TYPE))
    expect(rows).to_have_count(2)
    found, referred = rows.nth(0), rows.nth(1)
    expect(found).to_contain_text("Ditemukan di katalog")
    expect(found).to_contain_text(library.publication_title)
    expect(found.locator("input[type=radio]").nth(0)).to_be_checked()  # "Tersedia"
    referred.get_by_text("Tidak tersedia", exact=True).click()
    suggestion = referred.locator(of_type(service.REQUEST_AGENCY_PICK_TYPE)).filter(
        has_text=library.agency_name
    )
    suggestion.click()
    expect(referred.locator(of_type(service.REQUEST_AGENCY_TYPE))).to_have_value(
        library.agency_name
    )
    page.click(f"#{service.AVAILABILITY_SUBMIT}")
    page.wait_for_selector(f"#{service.AVAILABILITY_SUBMIT}", state="detached")


def check_and_print_slip(slip: Page, live_app: LiveApp, library: Library, code: str) -> None:
    slip.wait_for_selector(f"#{slip_ids.SHEET}")
    expect(slip.locator(f"#{slip_ids.OFFICE}")).to_have_text("BPS Kabupaten Muara Enim")
    expect(slip.locator(f"#{slip_ids.CODE}")).to_have_text(code)
    expect(slip.locator(f"#{slip_ids.VISITOR}")).to_contain_text("Nurul Hidayah")
    expect(slip.locator(f"#{slip_ids.DATE}")).to_have_text(format_long_day(local_date(utc_now())))
    expect(slip.locator(f"#{slip_ids.OFFICER}")).to_have_text("Uji Petugas")
    items = slip.locator(of_type(slip_ids.ITEM_TYPE))
    expect(items).to_have_count(1)
    item = items.first
    expect(item.locator(of_type(slip_ids.AGENCY_TYPE))).to_have_text(library.agency_name)
    expect(item.locator(of_type(slip_ids.ADDRESS_TYPE))).to_have_text(
        "Jl. Uji Rujukan No. 7, Muara Enim"
    )
    expect(item.locator(of_type(slip_ids.PHONE_TYPE))).to_have_text("0734 421777")
    expect(item.locator(of_type(slip_ids.REQUEST_TYPE))).to_have_text(REFERRED_REQUEST)
    expect(slip.locator(f"#{slip_ids.SHEET}")).not_to_contain_text(FOUND_REQUEST)

    # "Cetak" opens the browser's print dialog; the test counts the calls instead.
    slip.evaluate(
        "() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }"
    )
    slip.click(f"#{slip_ids.PRINT}")
    slip.wait_for_function("window.__printed === 1")
    slip.emulate_media(media="print")
    expect(slip.locator("#shell-navbar")).to_be_hidden()
    expect(slip.locator(f"#{slip_ids.TOOLBAR}")).to_be_hidden()
    expect(slip.locator(f"#{slip_ids.SHEET}")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    slip.screenshot(path=str(ARTIFACTS / f"{shot_name(live_app, 'slip-print')}.png"))


def test_search_pick_refer_and_print_the_slip(page: Page, live_app: LiveApp, shot) -> None:  # type: ignore[no-untyped-def]
    library = stock_the_library(live_app)
    desk = Desk(page, live_app)
    code = desk.register(GuestBook(name="Nurul Hidayah", phone="0812 7700 0101"))
    visit_id = visit_id_of(live_app, code)
    desk.follow_result_link(visit_id)
    desk.start_step(sop.PURPOSE)
    desk.record_purpose("Perpustakaan", [FOUND_REQUEST, REFERRED_REQUEST])
    desk.expect_panel(sop.SEARCH)

    search_and_pick(page, library)
    shot(shot_name(live_app, "1-search"))
    desk.finish_search("Tabel 3.1")
    refer_to_suggestion(page, library)

    desk.expect_panel(sop.READING_TABLE)
    summary = page.locator(f"#{service.REQUEST_SUMMARY}")
    expect(summary).to_contain_text(f"dirujuk ke {library.agency_name}")
    expect(summary).to_contain_text(library.publication_title)
    shot(shot_name(live_app, "2-summary"))
    with page.context.expect_page() as opened:
        page.click(f"#{service.SLIP_LINK}")
    slip = opened.value
    check_and_print_slip(slip, live_app, library, code)

    stored = stored_visit(live_app, visit_id)
    found, referred = stored.requests
    assert (found.description, found.available) == (FOUND_REQUEST, True)
    assert (found.referred_agency, found.referred_agency_id) == (None, None)
    assert (referred.description, referred.available) == (REFERRED_REQUEST, False)
    assert (referred.referred_agency_id, referred.referred_agency) == (
        library.agency_id,
        library.agency_name,
    )
    with live_app.prepared.database.reading() as session:
        links = session.execute(
            select(
                DataRequestPublication.data_request_id, DataRequestPublication.publication_id
            ).where(DataRequestPublication.data_request_id.in_([found.id, referred.id]))
        ).all()
    assert [tuple(link) for link in links] == [(found.id, library.publication_id)]
    assert stored.steps[sop.SEARCH].note == "Tabel 3.1"
    assert stored.steps[sop.AVAILABILITY].outcome == sop.OUTCOME_FOUND

    # The unmet-demand page counts the referred request under its topic.
    desk.open_menu("Permintaan tidak terpenuhi", unmet_ids.PAGE)
    expect(page.locator(f"#{unmet_ids.GRID}")).to_contain_text(REFERRED_REQUEST)
    expect(page.locator(f"#{unmet_ids.GRID}")).to_contain_text(library.agency_name)
    shot(shot_name(live_app, "3-unmet"))
