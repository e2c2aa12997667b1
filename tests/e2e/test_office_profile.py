"""Profil kantor in the browser: the administrator opens it from the Admin menu, sees a
refused e-mail beside its field, then saves the address and telephone; the heading preview
shows the contact line and the office row holds it. An officer's menu has no such page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from dashboard.office import profile_ids as ids
from db.models import Office
from tests.helpers.live_app import LiveApp, click_nav
from tests.helpers.staff import create_staff

ADMIN = "admin-kantor"
ADDRESS = "Jl. Jenderal Sudirman No. 1, Muara Enim 31311"
PHONE = "(0734) 421234"


@pytest.fixture
def admin(live_app: LiveApp) -> Iterator[str]:
    """An administrator; the office profile is put back afterwards (other modules share the
    office row of this database)."""
    create_staff(live_app.prepared, ADMIN, "admin")
    with live_app.prepared.database.reading() as session:
        office = session.get(Office, live_app.prepared.office_id)
        assert office is not None
        saved = (office.address, office.phone, office.email)
    yield ADMIN
    with live_app.prepared.database.transaction() as session:
        office = session.get(Office, live_app.prepared.office_id)
        assert office is not None
        office.address, office.phone, office.email = saved


def stored(live_app: LiveApp) -> tuple[str | None, str | None, str | None]:
    with live_app.prepared.database.reading() as session:
        office = session.get(Office, live_app.prepared.office_id)
        assert office is not None
        return office.address, office.phone, office.email


def test_the_admin_saves_the_office_address(  # type: ignore[no-untyped-def]
    page: Page, live_app: LiveApp, admin: str, shot
) -> None:
    live_app.login(page, admin)
    click_nav(page, "Profil kantor")
    name = page.locator(f"#{ids.FIELD_IDS['name']}")
    expect(name).to_have_value("BPS Kabupaten Muara Enim")
    page.fill(f"#{ids.FIELD_IDS['address']}", ADDRESS)
    page.fill(f"#{ids.FIELD_IDS['phone']}", PHONE)
    page.fill(f"#{ids.FIELD_IDS['email']}", "bps1603@")
    page.click(f"#{ids.SAVE}")
    expect(page.locator(f"#{ids.FEEDBACK_IDS['email']}")).to_contain_text("email tidak valid")
    assert stored(live_app) == (None, None, None)

    page.fill(f"#{ids.FIELD_IDS['email']}", "bps1603@bps.go.id")
    page.click(f"#{ids.SAVE}")
    expect(page.locator(f"#{ids.ALERT}")).to_contain_text("Profil kantor tersimpan")
    expect(page.locator(f"#{ids.FIELD_IDS['email']}")).not_to_have_class(re.compile("is-invalid"))
    expect(page.locator(f"#{ids.PREVIEW}")).to_contain_text(f"{ADDRESS} · Telp. {PHONE}")
    shot(f"office-profile-{live_app.prepared.backend}")
    assert stored(live_app) == (ADDRESS, PHONE, "bps1603@bps.go.id")


def test_an_officer_has_no_office_profile_page(page: Page, live_app: LiveApp) -> None:
    live_app.login(page, "petugas")
    page.goto(f"{live_app.url}/admin/kantor")
    expect(page.locator("#access-denied")).to_be_visible()
    expect(page.locator(f"#{ids.SAVE}")).to_have_count(0)
