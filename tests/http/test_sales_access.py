"""The treasurer's writes and the receipt PDF are checked on the server: an officer's or the
head's request to record, void or deposit gets 403 and nothing is written; the PDF route
refuses anonymous users and officers and changes nothing; printing is the treasurer's
callback, counted and audited, the first print the original and every later one SALINAN."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from dash import Dash
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlalchemy import func, select

from dashboard.audit import Actor
from dashboard.clock import local_date, utc_now
from dashboard.office.staff import find_user
from dashboard.pnbp import deposits_ids as deposit_ids
from dashboard.pnbp import sales_ids as ids
from dashboard.pnbp import tariff_admin_ids as tariff_ids
from dashboard.pnbp.rules import KIND_PRINTED_PAGE, SaleInput, SaleLine
from dashboard.pnbp.sales import record_sale
from dashboard.web.context import app_state
from db.models import AuditEvent, Deposit, Sale, Tariff
from db.queries.sales import tariffs_in_force
from tests.helpers.dash_requests import callback_body

SALE_CALLBACK = f"{ids.RESULT_NUMBER}.children"
VOID_CALLBACK = f"{ids.VOID_REASON_FEEDBACK}.children"
DEPOSIT_CALLBACK = f"{deposit_ids.FEEDBACK_IDS['deposited_on']}.children"
TARIFF_CALLBACK = f"{tariff_ids.FEEDBACK_IDS['item_kind']}.children"
PRINT_CALLBACK = f"{ids.RECEIPT_DOWNLOAD}.data"


# -- the database ---------------------------------------------------------------------------


def _state(app: Dash) -> Any:
    return app_state()


def page_tariff(app: Dash) -> int:
    """A tariff in force today priced per printed page (no stock to run out)."""
    with app.server.app_context(), _state(app).database.reading() as session:
        today = local_date(utc_now())
        found = [
            tariff
            for tariff in tariffs_in_force(session, _state(app).office_id, today)
            if tariff.item_kind == KIND_PRINTED_PAGE
        ]
        assert found, "the starter data holds a printed-page tariff"
        return found[0].id


def make_sale(app: Dash, payer: str = "Andi") -> int:
    """A walk-in sale recorded by the treasurer through the service."""
    tariff_id = page_tariff(app)
    with app.server.app_context():
        state = _state(app)
        with state.database.reading() as session:
            treasurer = find_user(session, "treasurer")
            assert treasurer is not None
        data = SaleInput(payer, None, "cash", None, (SaleLine(tariff_id, 3),))
        with state.database.transaction() as session:
            actor = Actor(treasurer.id, state.office_id, utc_now().replace(microsecond=0))
            return record_sale(session, actor, data).id


def counts(app: Dash) -> tuple[int, int, int]:
    """(sales, voided sales, deposits) of the office."""
    with app.server.app_context(), _state(app).database.reading() as session:
        sales = session.scalar(select(func.count(Sale.id))) or 0
        voided = session.scalar(select(func.count(Sale.id)).where(Sale.voided_at.is_not(None)))
        deposits = session.scalar(select(func.count(Deposit.id))) or 0
        return sales, voided or 0, deposits


def tariff_count(app: Dash) -> int:
    with app.server.app_context(), _state(app).database.reading() as session:
        return session.scalar(select(func.count(Tariff.id))) or 0


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# -- the requests ---------------------------------------------------------------------------


def sale_request(app: Dash) -> dict[str, Any]:
    line = ids.LINE_QUANTITY_TYPE
    tariff = ids.LINE_TARIFF_TYPE
    tariff_id = page_tariff(app)
    values = {
        f"{ids.SUBMIT}.n_clicks": 1,
        f"{ids.PAYER_NAME}.value": "Budi Langsung",
        f"{ids.PAYER_INSTITUTION}.value": "",
        f"{ids.PAYMENT_METHOD}.value": "cash",
        f"{ids.PAYMENT_REFERENCE}.value": "",
        f"{ids.ZERO_RUPIAH}.value": False,
        f"{ids.LINES}.data": [
            {"key": 1, "kind": KIND_PRINTED_PAGE, "publication_id": None, "tariff_id": None}
        ],
        f"{ids.TARIFFS}.data": {
            str(tariff_id): {"kind": KIND_PRINTED_PAGE, "label": "x", "unit": "halaman",
                             "amount": _amount(app, tariff_id), "sample": True}
        },
        f"{tariff}:1.value": str(tariff_id),
        f"{line}:1.value": "4",
        f"{ids.VERSION}.data": 0,
    }  # fmt: skip
    keys: dict[str, list[object]] = {
        line: [1],
        tariff: [1],
        ids.LINE_DESCRIPTION_TYPE: [],
        ids.LINE_FEEDBACK_TYPE: [1],
    }
    return callback_body(app, SALE_CALLBACK, values, keys=keys, changed=list(values)[:1])


def _amount(app: Dash, tariff_id: int) -> int:
    with app.server.app_context(), _state(app).database.reading() as session:
        tariff = session.get(Tariff, tariff_id)
        assert tariff is not None
        return tariff.amount


def void_request(app: Dash, sale_id: int) -> dict[str, Any]:
    values = {
        f"{ids.VOID_SUBMIT}.n_clicks": 1,
        f"{ids.VOID_SALE}.data": sale_id,
        f"{ids.VOID_REASON}.value": "Salah catat",
        f"{ids.VERSION}.data": 0,
    }
    return callback_body(app, VOID_CALLBACK, values, keys={}, changed=list(values)[:1])


def deposit_request(app: Dash, sale_id: int, amount: int) -> dict[str, Any]:
    field = deposit_ids.FIELD_IDS
    values = {
        f"{deposit_ids.SUBMIT}.n_clicks": 1,
        f"{field['deposited_on']}.value": local_date(utc_now()).isoformat(),
        f"{field['billing_code']}.value": "820261126000123",
        f"{field['ntpn']}.value": "0A1B2C3D4E5F6G7H",
        f"{field['amount']}.value": str(amount),
        f"{field['note']}.value": "",
        f"{deposit_ids.UNDEPOSITED_GRID}.selectedRows": [{"id": str(sale_id), "total": amount}],
        f"{deposit_ids.VERSION}.data": 0,
    }
    return callback_body(app, DEPOSIT_CALLBACK, values, keys={}, changed=list(values)[:1])


def tariff_request(app: Dash) -> dict[str, Any]:
    field = tariff_ids.FIELD_IDS
    values = {
        f"{tariff_ids.ADD_SUBMIT}.n_clicks": 1,
        f"{field['item_kind']}.value": KIND_PRINTED_PAGE,
        f"{field['label']}.value": "Fotokopi murah",
        f"{field['unit']}.value": "",
        f"{field['amount']}.value": "500",
        f"{field['valid_from']}.value": local_date(utc_now()).isoformat(),
        f"{field['valid_to']}.value": "",
        f"{tariff_ids.VERSION}.data": 0,
    }
    return callback_body(app, TARIFF_CALLBACK, values, keys={}, changed=list(values)[:1])


def sale_total(app: Dash, sale_id: int) -> int:
    with app.server.app_context(), _state(app).database.reading() as session:
        sale = session.get(Sale, sale_id)
        assert sale is not None
        return sale.total


# -- the tests ------------------------------------------------------------------------------


@pytest.fixture
def sale_id(app: Dash) -> Iterator[int]:
    yield make_sale(app)


@pytest.mark.parametrize("role", ["officer", "head", "admin", "monitor"])
def test_only_the_treasurer_records_a_sale(
    app: Dash, login: Callable[[str], FlaskClient], role: str
) -> None:
    before = counts(app)
    response = login(role).post("/_dash-update-component", json=sale_request(app))
    assert response.status_code == 403
    assert counts(app) == before


def test_the_treasurers_sale_request_records_it(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    before = counts(app)
    response = login("treasurer").post("/_dash-update-component", json=sale_request(app))
    assert response.status_code == 200, response.get_data(as_text=True)
    shown = response.get_json()["response"]
    assert shown[ids.RESULT_NUMBER]["children"].endswith("/PST/1603/" + str(utc_now().year))
    assert counts(app)[0] == before[0] + 1


@pytest.mark.parametrize("role", ["officer", "head"])
def test_only_the_treasurer_voids(
    app: Dash, login: Callable[[str], FlaskClient], role: str, sale_id: int
) -> None:
    before = counts(app)
    response = login(role).post("/_dash-update-component", json=void_request(app, sale_id))
    assert response.status_code == 403
    assert counts(app) == before


@pytest.mark.parametrize("role", ["officer", "head"])
def test_only_the_treasurer_deposits(
    app: Dash, login: Callable[[str], FlaskClient], role: str, sale_id: int
) -> None:
    before = counts(app)
    request = deposit_request(app, sale_id, sale_total(app, sale_id))
    response = login(role).post("/_dash-update-component", json=request)
    assert response.status_code == 403
    assert counts(app) == before


def test_the_treasurer_voids_and_deposits(
    app: Dash, login: Callable[[str], FlaskClient], sale_id: int
) -> None:
    treasurer = login("treasurer")
    kept = make_sale(app, "Cici")
    voided = treasurer.post("/_dash-update-component", json=void_request(app, sale_id))
    assert voided.status_code == 200, voided.get_data(as_text=True)
    before = counts(app)
    request = deposit_request(app, kept, sale_total(app, kept))
    deposited = treasurer.post("/_dash-update-component", json=request)
    assert deposited.status_code == 200, deposited.get_data(as_text=True)
    assert counts(app)[2] == before[2] + 1


@pytest.mark.parametrize("role", ["treasurer", "officer", "head"])
def test_only_the_admin_adds_a_tariff(
    app: Dash, login: Callable[[str], FlaskClient], role: str
) -> None:
    before = tariff_count(app)
    response = login(role).post("/_dash-update-component", json=tariff_request(app))
    assert response.status_code == 403
    assert tariff_count(app) == before


def test_the_pdf_is_refused_to_anonymous_users(app: Dash, client: FlaskClient, sale_id: int):
    response = client.get(f"/kuitansi/{sale_id}.pdf")
    assert response.status_code in {302, 401}
    assert "/login" in response.headers.get("Location", "/login")


@pytest.mark.parametrize("role", ["officer", "monitor"])
def test_the_pdf_is_refused_to_officers(
    app: Dash, login: Callable[[str], FlaskClient], role: str, sale_id: int
) -> None:
    response = login(role).get(f"/kuitansi/{sale_id}.pdf")
    assert response.status_code == 403


def prints_and_audit_rows(app: Dash, sale_id: int) -> tuple[int, int, str]:
    """(the sale's print count, audit rows in all, its receipt number)."""
    with app.server.app_context(), _state(app).database.reading() as session:
        sale = session.get(Sale, sale_id)
        assert sale is not None
        audit_rows = session.scalar(select(func.count(AuditEvent.id))) or 0
        return sale.print_count, audit_rows, sale.receipt_number


def print_request(app: Dash, sale_id: int) -> dict[str, Any]:
    """'Cetak kuitansi' on the receipt just recorded."""
    values = {f"{ids.RESULT_PRINT}.n_clicks": 1, f"{ids.RESULT_SALE}.data": sale_id}
    return callback_body(app, PRINT_CALLBACK, values, changed=list(values)[:1])


def printed_pdf(client: FlaskClient, app: Dash, sale_id: int) -> tuple[str, bytes]:
    response = client.post("/_dash-update-component", json=print_request(app, sale_id))
    assert response.status_code == 200, response.get_data(as_text=True)
    download = response.get_json()["response"][ids.RECEIPT_DOWNLOAD]["data"]
    assert download["type"] == "application/pdf"
    return download["filename"], base64.b64decode(download["content"])


@pytest.mark.parametrize("role", ["treasurer", "head", "admin"])
def test_looking_at_a_receipt_changes_nothing(
    app: Dash, login: Callable[[str], FlaskClient], sale_id: int, role: str
) -> None:
    before = prints_and_audit_rows(app, sale_id)
    reader = login(role)
    for _ in range(2):
        response = reader.get(f"/kuitansi/{sale_id}.pdf")
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        assert response.headers["Cache-Control"] == "no-store"
        assert "PRATINJAU" in pdf_text(response.data)
        assert "pratinjau" in response.headers["Content-Disposition"]
    assert reader.head(f"/kuitansi/{sale_id}.pdf").status_code == 200
    assert prints_and_audit_rows(app, sale_id) == before
    assert reader.post(f"/kuitansi/{sale_id}.pdf").status_code == 405


def test_the_treasurers_first_print_is_the_original_and_later_ones_copies(
    app: Dash, login: Callable[[str], FlaskClient], sale_id: int
) -> None:
    prints, audit_rows, number = prints_and_audit_rows(app, sale_id)
    treasurer = login("treasurer")
    filename, first = printed_pdf(treasurer, app, sale_id)
    assert number in pdf_text(first) and "SALINAN" not in pdf_text(first)
    assert "PRATINJAU" not in pdf_text(first) and not filename.endswith("-salinan.pdf")
    assert prints_and_audit_rows(app, sale_id) == (prints + 1, audit_rows + 1, number)
    filename, second = printed_pdf(treasurer, app, sale_id)
    assert "SALINAN" in pdf_text(second) and filename.endswith("-salinan.pdf")
    assert prints_and_audit_rows(app, sale_id) == (prints + 2, audit_rows + 2, number)
    looked = login("head").get(f"/kuitansi/{sale_id}.pdf")
    assert "SALINAN" in pdf_text(looked.data) and "PRATINJAU" not in pdf_text(looked.data)
    assert prints_and_audit_rows(app, sale_id) == (prints + 2, audit_rows + 2, number)


@pytest.mark.parametrize("role", ["head", "admin", "officer"])
def test_only_the_treasurer_prints(
    app: Dash, login: Callable[[str], FlaskClient], sale_id: int, role: str
) -> None:
    before = prints_and_audit_rows(app, sale_id)
    response = login(role).post("/_dash-update-component", json=print_request(app, sale_id))
    assert response.status_code == 403
    assert prints_and_audit_rows(app, sale_id) == before


def test_an_unknown_receipt_is_not_found(app: Dash, login: Callable[[str], FlaskClient]) -> None:
    assert login("treasurer").get("/kuitansi/999999.pdf").status_code == 404
