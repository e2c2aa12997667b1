"""A visit's purchase becomes a sale, in two browsers on SQLite and PostgreSQL: the officer
records "Ya, ingin membeli" at step 9; the treasurer records the payment from the waiting list
with one publication, prints the numbered receipt (the original); the visit moves on to step 10.

Steps 1-8 are walked through the services (other tests click through them): this test is
about the hand-over between the desk and the treasurer."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader
from sqlalchemy import select

from dashboard import sop
from dashboard.clock import utc_now
from dashboard.pnbp import sales_ids as sales
from dashboard.pnbp.rules import KIND_HARDCOPY
from dashboard.visits import service_ids as service
from dashboard.visits.desk_search import pick_publication
from db.models import DataRequest, Publication, Sale, StaffUser
from tests.helpers.browser import Desk, dict_id, stored_visit
from tests.helpers.desk import Desk as ServiceDesk
from tests.helpers.live_app import ARTIFACTS, LiveApp
from tests.helpers.staff import create_staff

TREASURER = "bendahara"


def visit_at_purchase_offer(live_app: LiveApp) -> tuple[int, int]:
    """A visit walked to step 9 (started) through the services, with a hardcopy publication
    picked for its first request at step 6; returns (visit id, publication id)."""
    prepared = live_app.prepared
    with prepared.database.reading() as session:
        officer = session.scalar(select(StaffUser.id).where(StaffUser.username == "petugas"))
        publication_id = session.scalar(
            select(Publication.id)
            .where(
                Publication.office_id == prepared.office_id,
                Publication.has_hardcopy,
                Publication.hardcopy_stock > 1,
                Publication.retired_at.is_(None),
            )
            .order_by(Publication.id)
        )
    assert officer is not None and publication_id is not None
    desk = ServiceDesk(prepared, officer, now=utc_now() - timedelta(minutes=20))
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.SEARCH, slot=7, table=3)
    with prepared.database.reading() as session:
        request_id = session.scalar(
            select(DataRequest.id).where(DataRequest.visit_id == visit_id).order_by(DataRequest.id)
        )
    assert request_id is not None
    desk.do(lambda s, a: pick_publication(s, a, visit_id, request_id, publication_id))
    desk.walk(visit_id, sop.PURCHASE_OFFER, slot=7, table=3)
    return visit_id, publication_id


def sale_id_of(live_app: LiveApp, receipt_number: str) -> int:
    with live_app.prepared.database.reading() as session:
        sale_id = session.scalar(select(Sale.id).where(Sale.receipt_number == receipt_number))
        assert sale_id is not None
        return sale_id


def stock_of(live_app: LiveApp, publication_id: int) -> int:
    with live_app.prepared.database.reading() as session:
        publication = session.get(Publication, publication_id)
        assert publication is not None
        return publication.hardcopy_stock


def test_a_visits_purchase_becomes_a_receipt_and_the_visit_moves_on(  # type: ignore[no-untyped-def]
    page, browser, live_app: LiveApp
) -> None:
    create_staff(live_app.prepared, TREASURER, "treasurer")
    visit_id, publication_id = visit_at_purchase_offer(live_app)
    stock_before = stock_of(live_app, publication_id)

    # The officer: step 9, the visitor wants to buy.
    desk = Desk(page, live_app)
    page.goto(f"{live_app.url}/layanan/{visit_id}")
    desk.expect_panel(sop.PURCHASE_OFFER)
    page.click(f"#{service.PURCHASE_YES}")
    expect(page.locator(f"#{service.PAYMENT_WAITING}")).to_contain_text(
        "Menunggu pembayaran di bendahara"
    )
    expect(page.locator(f"#{service.PURCHASE_CANCEL_BUTTON}")).to_be_visible()

    # The treasurer, in a second browser: from the waiting list to the receipt.
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    context.set_default_timeout(10_000)
    cashier = context.new_page()
    try:
        live_app.login(cashier, TREASURER)
        cashier.goto(f"{live_app.url}/penjualan")
        cashier.click(dict_id(sales.WAITING_RECORD_TYPE, visit_id))
        expect(cashier.locator(f"#{sales.FORM}")).to_be_visible()
        visitor = stored_visit(live_app, visit_id).visitor
        assert visitor is not None
        expect(cashier.locator(f"#{sales.PAYER_NAME}")).to_have_value(visitor.name)
        add = dict_id(sales.PUBLICATION_ADD_TYPE, f"{publication_id}:{KIND_HARDCOPY}")  # type: ignore[arg-type]
        cashier.click(add)
        expect(cashier.locator(f"#{sales.TOTAL}")).not_to_have_text("Rp 0")
        total_text = cashier.inner_text(f"#{sales.TOTAL}")
        cashier.click(f"#{sales.SUBMIT}")
        number_field = cashier.locator(f"#{sales.RESULT_NUMBER}")
        expect(number_field).to_be_visible()
        number = number_field.inner_text().strip()
        assert number.endswith(f"/PST/1603/{utc_now().year}")
        ARTIFACTS.mkdir(exist_ok=True)
        cashier.screenshot(
            path=str(ARTIFACTS / f"pnbp-receipt-{live_app.prepared.backend}.png"), full_page=True
        )

        # Printing is the treasurer's click: the first print is the original.
        with cashier.expect_download() as printed:
            cashier.click(f"#{sales.RESULT_PRINT}")
        content = Path(printed.value.path()).read_bytes()
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
        assert number in text and total_text in text and "SALINAN" not in text
        # Looking at it afterwards (the link a head follows) is a copy and prints nothing.
        looked = context.request.get(f"{live_app.url}/kuitansi/{sale_id_of(live_app, number)}.pdf")
        assert looked.status == 200 and looked.headers["content-type"] == "application/pdf"
        looked_text = "\n".join(
            p.extract_text() for p in PdfReader(io.BytesIO(looked.body())).pages
        )
        assert "SALINAN" in looked_text
    finally:
        context.close()

    # The database: step 9 ended at the receipt, step 10 waits, the stock went down.
    with live_app.prepared.database.reading() as session:
        sale = session.scalar(select(Sale).where(Sale.receipt_number == number))
        assert sale is not None and sale.visit_id == visit_id and sale.print_count == 1
        paid_at = sale.paid_at
    steps = stored_visit(live_app, visit_id).steps
    assert steps[sop.PURCHASE_OFFER].outcome == sop.OUTCOME_BUYS
    assert steps[sop.PURCHASE_OFFER].ended_at == paid_at
    assert steps[sop.BAG_RETURN].queued_at == paid_at
    assert steps[sop.BAG_RETURN].started_at is None
    assert stock_of(live_app, publication_id) == stock_before - 1

    # The officer's page follows by itself: step 10 waits, the receipt number shows.
    desk.expect_panel(sop.BAG_RETURN)
    expect(page.locator(f"#{service.WAITING_SINCE}")).to_be_visible()
    expect(page.locator(f"#{service.SALE_SUMMARY}")).to_contain_text(number)
    page.screenshot(
        path=str(ARTIFACTS / f"pnbp-visit-{live_app.prepared.backend}.png"), full_page=True
    )
