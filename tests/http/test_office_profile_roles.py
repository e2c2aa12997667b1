"""Only the administrator saves (and reads into the form) the office profile: another role's
request gets 403 and the office row is unchanged."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from dash import Dash
from flask.testing import FlaskClient

from dashboard.office import profile_ids as ids
from dashboard.pnbp import sales_ids
from dashboard.web.context import app_state
from db.models import Office
from tests.helpers.dash_requests import callback_body

SAVE_CALLBACK = f"{ids.FEEDBACK_IDS['name']}.children"
LOAD_CALLBACK = f"{ids.FIELD_IDS['name']}.value"
NEW_ADDRESS = "Jl. Jenderal Sudirman No. 1, Muara Enim 31311"


def save_request(app: Dash) -> dict[str, object]:
    values = {
        "name": "BPS Kabupaten Muara Enim",
        "city": "Muara Enim",
        "address": NEW_ADDRESS,
        "phone": "(0734) 421234",
        "email": "bps1603@bps.go.id",
    }
    inputs: dict[str, object] = {f"{ids.SAVE}.n_clicks": 1}
    inputs |= {f"{ids.FIELD_IDS[name]}.value": value for name, value in values.items()}
    return callback_body(app, SAVE_CALLBACK, inputs)


def address(app: Dash) -> str | None:
    with app.server.app_context(), app_state().database.reading() as session:
        office = session.get(Office, app_state().office_id)
        assert office is not None
        return office.address


@pytest.mark.parametrize("role", ["officer", "treasurer", "head", "monitor"])
def test_another_role_cannot_save_or_read_the_profile(
    app: Dash, login: Callable[[str], FlaskClient], role: str
) -> None:
    before = address(app)
    client = login(role)
    assert client.post("/_dash-update-component", json=save_request(app)).status_code == 403
    assert address(app) == before
    load = callback_body(app, LOAD_CALLBACK, {f"{ids.LOADED}.data": None})
    assert client.post("/_dash-update-component", json=load).status_code == 403


def test_the_administrator_saves_it(app: Dash, login: Callable[[str], FlaskClient]) -> None:
    response = login("admin").post("/_dash-update-component", json=save_request(app))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "tersimpan" in response.get_data(as_text=True)
    assert address(app) == NEW_ADDRESS


def set_address(app: Dash, value: str | None) -> None:
    with app.server.app_context(), app_state().database.transaction() as session:
        office = session.get(Office, app_state().office_id)
        assert office is not None
        office.address = value


def notice_text(client: FlaskClient, app: Dash) -> str:
    output = f"{sales_ids.OFFICE_NOTICE}.children"
    body = callback_body(app, output, {f"{sales_ids.VERSION}.data": 0})
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return json.dumps(response.get_json(), ensure_ascii=False)


def test_those_who_print_receipts_are_told_the_address_is_missing(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    set_address(app, None)
    treasurer, admin, officer = login("treasurer"), login("admin"), login("officer")
    assert "Alamat kantor belum diisi" in notice_text(treasurer, app)
    assert "/admin/kantor" in notice_text(admin, app)
    assert "/admin/kantor" not in notice_text(treasurer, app)
    assert "Alamat kantor" not in notice_text(officer, app)
    set_address(app, NEW_ADDRESS)
    assert "Alamat kantor" not in notice_text(treasurer, app)
