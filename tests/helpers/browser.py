"""What an officer does in the browser, step by step, for the browser tests: each helper
types, clicks or presses Enter as a person does, then waits for the page to show the result.
Database reads for the checks that follow are here too."""

from __future__ import annotations

import json
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from dash import Dash
from playwright.sync_api import Cookie, Locator, Page, expect
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from dashboard import sop
from dashboard.visits import arrival_ids as arrival
from dashboard.visits import board_ids as in_progress
from dashboard.visits import service_ids as service
from db.models import DataRequest, StepTimeCorrection, Visit, Visitor, VisitStep
from tests.helpers.live_app import LiveApp, click_nav


def dict_id(kind: str, index: int) -> str:
    """The CSS selector of a dict id as Dash renders it (JSON, sorted keys, no spaces)."""
    text = json.dumps({"index": index, "type": kind}, separators=(",", ":"), sort_keys=True)
    return f"[id='{text}']"


def of_type(kind: str) -> str:
    """Every element whose dict id has this ``type``, in page order."""
    return f"""[id*='"type":"{kind}"']"""


def type_into(field: Locator, text: str) -> None:
    """Click into a field and type ``text`` over what it holds (one input event: long texts
    key by key would only slow the tests down)."""
    field.click()
    field.fill(text)


def type_keys(field: Locator, text: str) -> None:
    """Click into a field, clear it and type ``text`` key by key, for short entries."""
    field.click()
    field.press("ControlOrMeta+a")
    field.press("Backspace")
    field.press_sequentially(text)


@dataclass(frozen=True)
class GuestBook:
    """What a visitor tells the officer for the guest book (labels as the form shows them)."""

    name: str
    phone: str
    email: str = ""
    gender: str = "Perempuan"
    birth_year: str = "1994"
    education: str = "D4/S1"
    occupation: str = "Peneliti/Dosen"
    institution: str = "Universitas Sriwijaya"
    institution_type: str = "Lembaga pendidikan & penelitian dalam negeri"


@dataclass(frozen=True)
class StoredVisit:
    """A visit as the database holds it, read after the browser did its work."""

    visit: Visit
    steps: dict[int, VisitStep]
    requests: list[DataRequest]
    visitor: Visitor | None


_SIGNED_IN: WeakKeyDictionary[Dash, dict[str, list[Cookie]]] = WeakKeyDictionary()
"""Session cookies of users already signed in through the login form, per served app and
username: the next test's fresh browser context starts signed in (the login form has its own
test). Keyed by the app object, so an app served later on the same port never gets them."""


class Desk:
    """One officer signed in on one browser tab, on the home page (Layanan berjalan)."""

    def __init__(self, page: Page, live_app: LiveApp, username: str = "petugas") -> None:
        self.page = page
        self.live_app = live_app
        signed_in = _SIGNED_IN.setdefault(live_app.app, {})
        if username in signed_in:
            page.context.add_cookies(signed_in[username])  # type: ignore[arg-type]
            page.goto(f"{live_app.url}/layanan-berjalan")
        else:
            live_app.login(page, username)
            signed_in[username] = page.context.cookies()
        page.wait_for_selector("#shell-user-menu")

    # -- moving around ----------------------------------------------------------------------

    def open_menu(self, name: str, page_id: str) -> None:
        """Click an item of the navigation bar and wait for its page."""
        # Not exact: the link's name also holds its icon's glyph.
        click_nav(self.page, name)
        self.page.wait_for_selector(f"#{page_id}")

    def open_arrival(self) -> None:
        self.open_menu("Kedatangan", arrival.PAGE)

    def open_board(self) -> None:
        """Layanan berjalan, once its table (or empty notice) is drawn."""
        self.open_menu("Layanan berjalan", in_progress.PAGE)
        self.page.wait_for_selector(f"#{in_progress.TABLE}, #{in_progress.EMPTY}")

    # -- Kedatangan (steps 1-3) -------------------------------------------------------------

    def new_visitor(self, *, press_enter: bool = False) -> str:
        """'Pengunjung baru' (clicked, or Enter on the focused button as the card suggests):
        returns the visit code the banner shows (the bag tag)."""
        if self.page.locator(f"#{arrival.PAGE}").count() == 0:
            self.open_arrival()
        button = self.page.locator(f"#{arrival.NEW_VISIT}")
        if press_enter:
            expect(button).to_be_focused()
            button.press("Enter")
        else:
            button.click()
        self.page.wait_for_selector(f"#{arrival.SCREENING_CARD}")
        code = self.page.inner_text(f"#{arrival.VISIT_CODE}").strip()
        assert code, "the banner shows no visit code"
        return code

    def screen(self, mask: str, temperature: str) -> None:
        """Step 1: pick the mask answer, type the temperature and press Enter."""
        self.page.locator(f"#{arrival.MASK}").get_by_text(mask, exact=True).click()
        temperature_field = self.page.locator(f"#{arrival.TEMPERATURE}")
        type_keys(temperature_field, temperature)
        temperature_field.press("Enter")

    def accept_rack_slot(self) -> int:
        """Step 2: the card proposes the lowest free slot; press Enter to take it."""
        self.page.wait_for_selector(f"#{arrival.BAG_CARD}")
        slot_field = self.page.locator(f"#{arrival.RACK_SLOT}")
        expect(slot_field).not_to_have_value("")
        slot = int(slot_field.input_value())
        slot_field.press("Enter")
        self.page.wait_for_selector(f"#{arrival.GUEST_BOOK_CARD}")
        return slot

    def fill_guest_book(self, entry: GuestBook) -> None:
        """Step 3: type every field of the form (contact first, as the form orders them)."""
        page = self.page
        page.wait_for_selector(f"#{arrival.GUEST_BOOK_CARD}")
        type_into(page.locator(f"#{arrival.PHONE}"), entry.phone)
        if entry.email:
            type_into(page.locator(f"#{arrival.EMAIL}"), entry.email)
        type_into(page.locator(f"#{arrival.NAME}"), entry.name)
        page.locator(f"#{arrival.GENDER}").get_by_text(entry.gender, exact=True).click()
        type_keys(page.locator(f"#{arrival.BIRTH_YEAR}"), entry.birth_year)
        page.select_option(f"#{arrival.EDUCATION}", label=entry.education)
        page.select_option(f"#{arrival.OCCUPATION}", label=entry.occupation)
        type_into(page.locator(f"#{arrival.INSTITUTION}"), entry.institution)
        page.select_option(f"#{arrival.INSTITUTION_TYPE}", label=entry.institution_type)

    def save_guest_book(self) -> None:
        """Click 'Simpan buku tamu' and wait for the confirmation of the registered visit."""
        self.page.click(f"#{arrival.GUEST_BOOK_SUBMIT}")
        self.page.wait_for_selector(f"#{arrival.RESULT_SERVICE_LINK}")

    def register(self, entry: GuestBook) -> str:
        """Steps 1-3 for an admitted visitor; returns the visit code."""
        code = self.new_visitor()
        self.screen("Ya", "36,5")
        self.accept_rack_slot()
        self.fill_guest_book(entry)
        self.save_guest_book()
        expect(self.page.locator(f"#{arrival.RESULT_CODE}")).to_have_text(code)
        return code

    # -- Layanan (steps 4-10) ---------------------------------------------------------------

    def follow_result_link(self, visit_id: int) -> None:
        """The confirmation's 'Buka halaman layanan …' link."""
        self.page.click(f"#{arrival.RESULT_SERVICE_LINK}")
        self.page.wait_for_url(f"**/layanan/{visit_id}")
        self.page.wait_for_selector(f"#{service.CODE}")

    def start_from_board(self, visit_id: int) -> None:
        """Layanan berjalan → the visit's 'Mulai' button, which opens its service page."""
        self.open_board()
        self.page.click(dict_id(in_progress.START, visit_id))
        self.page.wait_for_url(f"**/layanan/{visit_id}")
        self.page.wait_for_selector(f"#{service.CODE}")

    def expect_panel(self, step_number: int) -> None:
        expect(self.page.locator(f"#{service.PANEL_TITLE}")).to_contain_text(
            sop.STEP_BY_NUMBER[step_number].label
        )

    def start_step(self, step_number: int) -> None:
        """A step the visitor waits for (4, 9, 10): its panel says so; click 'Mulai'."""
        self.expect_panel(step_number)
        expect(self.page.locator(f"#{service.WAITING_SINCE}")).to_contain_text("menunggu sejak")
        self.page.click(f"#{service.START_STEP}")
        self.page.wait_for_selector(f"#{service.START_STEP}", state="detached")

    def record_purpose(self, service_type: str, requests: list[str]) -> None:
        """Step 4: choose the service type, type one data request per line, save."""
        page = self.page
        page.wait_for_selector(f"#{service.PURPOSE_SUBMIT}")
        page.select_option(f"#{service.SERVICE_TYPE}", label=service_type)
        type_into(page.locator(f"#{service.REQUESTS}"), "\n".join(requests))
        page.click(f"#{service.PURPOSE_SUBMIT}")
        page.wait_for_selector(f"#{service.SEARCH_SUBMIT}")

    def finish_search(self, note: str) -> None:
        """Step 6: type what was found and press Enter."""
        field = self.page.locator(f"#{service.SEARCH_NOTE}")
        type_into(field, note)
        field.press("Enter")
        self.page.wait_for_selector(f"#{service.AVAILABILITY_SUBMIT}")

    def decide_availability(self, decisions: list[str | None]) -> None:
        """Step 7, one entry per request in page order: None for 'Tersedia', or the agency
        the visitor is referred to ('Tidak tersedia')."""
        rows = self.page.locator(of_type(service.REQUEST_ROW_TYPE))
        expect(rows).to_have_count(len(decisions))
        for position, agency in enumerate(decisions):
            row = rows.nth(position)
            if agency is None:
                row.get_by_text("Tersedia", exact=True).click()
                continue
            row.get_by_text("Tidak tersedia", exact=True).click()
            agency_field = row.locator(of_type(service.REQUEST_AGENCY_TYPE))
            expect(agency_field).to_be_visible()
            type_into(agency_field, agency)
        self.page.click(f"#{service.AVAILABILITY_SUBMIT}")
        self.page.wait_for_selector(f"#{service.AVAILABILITY_SUBMIT}", state="detached")

    def seat_at_suggested_table(self) -> int:
        """Step 8: the field proposes the lowest free table; press Enter to take it."""
        field = self.page.locator(f"#{service.READING_TABLE}")
        expect(field).not_to_have_value("")
        table = int(field.input_value())
        field.press("Enter")
        self.page.wait_for_selector(f"#{service.READING_TABLE}", state="detached")
        return table

    def declines_purchase(self) -> None:
        """Step 9: the visitor does not buy."""
        self.page.click(f"#{service.PURCHASE_NO}")
        self.page.wait_for_selector(f"#{service.PURCHASE_NO}", state="detached")

    def type_tag_code(self, code: str) -> None:
        """Step 10: type the code on the bag's tag and press Enter."""
        field = self.page.locator(f"#{service.TAG_CODE}")
        type_keys(field, code)
        field.press("Enter")

    def return_bag(self, code: str) -> None:
        self.type_tag_code(code)
        self.page.wait_for_selector(f"#{service.DONE}")


# -- the database after the browser's work --------------------------------------------------


def visit_id_of(live_app: LiveApp, code: str) -> int:
    """The visit this test made with ``code`` (codes are unique per office and day)."""
    with live_app.prepared.database.reading() as session:
        visit_id = session.scalar(
            select(Visit.id)
            .where(Visit.office_id == live_app.prepared.office_id, Visit.code == code)
            .order_by(Visit.id.desc())
        )
    assert visit_id is not None, f"no visit {code} in the database"
    return visit_id


def stored_visit(live_app: LiveApp, visit_id: int) -> StoredVisit:
    with live_app.prepared.database.reading() as session:
        visit = session.scalars(
            select(Visit)
            .where(Visit.id == visit_id)
            .options(
                selectinload(Visit.steps),
                selectinload(Visit.requests),
                selectinload(Visit.visitor),
            )
        ).one()
        session.expunge_all()
    return StoredVisit(
        visit=visit,
        steps={step.step_number: step for step in visit.steps},
        requests=list(visit.requests),
        visitor=visit.visitor,
    )


def visitors_with_phone(live_app: LiveApp, phone: str) -> int:
    with live_app.prepared.database.reading() as session:
        return session.scalar(
            select(func.count())
            .select_from(Visitor)
            .where(Visitor.office_id == live_app.prepared.office_id, Visitor.phone == phone)
        )


def visitors_named(live_app: LiveApp, name: str) -> int:
    with live_app.prepared.database.reading() as session:
        return session.scalar(select(func.count()).select_from(Visitor).where(Visitor.name == name))


def corrections_of_step(live_app: LiveApp, step_id: int) -> list[StepTimeCorrection]:
    with live_app.prepared.database.reading() as session:
        rows = list(
            session.scalars(
                select(StepTimeCorrection)
                .where(StepTimeCorrection.visit_step_id == step_id)
                .order_by(StepTimeCorrection.id)
            )
        )
        session.expunge_all()
    return rows
