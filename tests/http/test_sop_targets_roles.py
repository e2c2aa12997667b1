"""Only the administrator records a revised SOP version (and reads the versions): another
role's request to the page's callbacks gets 403 and ``sop_step`` is unchanged; the
administrator's request records it."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from dash import Dash
from flask.testing import FlaskClient
from sqlalchemy import delete, func, select

from dashboard.clock import local_date, utc_now
from dashboard.office import sop_targets_ids as ids
from dashboard.web.context import app_state
from db.models import SopStep
from tests.helpers.dash_requests import callback_body

SAVE_CALLBACK = f"{ids.DOCUMENT_FEEDBACK}.children"
LIST_CALLBACK = f"{ids.VERSIONS}.children"


def save_request(app: Dash) -> dict[str, object]:
    effective = (local_date(utc_now()) + timedelta(days=3)).isoformat()
    inputs: dict[str, object] = {
        f"{ids.SAVE}.n_clicks": 1,
        f"{ids.DOCUMENT}.value": "B-9/16030/2026",
        f"{ids.EFFECTIVE}.value": effective,
        f"{ids.TARGET_IDS[2]}.value": 2,
        f"{ids.VERSION}.data": 0,
    }
    return callback_body(app, SAVE_CALLBACK, inputs, changed=[f"{ids.SAVE}.n_clicks"])


def versions(app: Dash) -> int:
    with app.server.app_context(), app_state().database.reading() as session:
        return int(session.scalar(select(func.count(func.distinct(SopStep.effective_from)))) or 0)


@pytest.mark.parametrize("role", ["officer", "treasurer", "head", "monitor"])
def test_another_role_cannot_record_or_list(
    app: Dash, login: Callable[[str], FlaskClient], role: str
) -> None:
    before = versions(app)
    client = login(role)
    assert client.post("/_dash-update-component", json=save_request(app)).status_code == 403
    listing = callback_body(app, LIST_CALLBACK, {f"{ids.LOADED}.data": True})
    assert client.post("/_dash-update-component", json=listing).status_code == 403
    assert versions(app) == before


def test_the_administrator_records_a_version(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    before = versions(app)
    response = login("admin").post("/_dash-update-component", json=save_request(app))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "Versi target tersimpan" in json.dumps(response.get_json())
    assert versions(app) == before + 1
    with app.server.app_context(), app_state().database.transaction() as session:
        session.execute(delete(SopStep).where(SopStep.document_number.is_not(None)))
