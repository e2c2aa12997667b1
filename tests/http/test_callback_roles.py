"""Callbacks that write check the role on the server: hiding a button is not security."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from dash import Dash
from flask.testing import FlaskClient
from sqlalchemy import select

from dashboard import sop
from dashboard.clock import utc_now
from dashboard.office.staff import find_user
from dashboard.visits import board_ids as ids
from dashboard.web.context import app_state
from db.models import VisitStep
from tests.helpers.dash_requests import callback_body
from tests.helpers.database import PreparedDatabase
from tests.helpers.desk import Desk


def waiting_visit(app: Dash) -> int:
    """A visit that waits for step 4 (purpose), made through the services."""
    with app.server.app_context():
        state = app_state()
        prepared = PreparedDatabase(state.database, state.office_id)
        with prepared.database.reading() as session:
            officer = find_user(session, "officer")
            assert officer is not None
        desk = Desk(prepared, officer.id, now=utc_now() - timedelta(hours=1))
        visit_id = desk.new_visit()
        desk.walk(visit_id, sop.PURPOSE, start_waiting=False, slot=visit_id)
        return visit_id


def start_body(app: Dash, visit_id: int) -> dict[str, object]:
    return callback_body(
        app,
        f"{ids.REDIRECT}.href",
        {f"{ids.START_REQUEST}.data": {"visit_id": visit_id, "step": sop.PURPOSE}},
    )


def purpose_started(app: Dash, visit_id: int) -> bool:
    with app.server.app_context(), app_state().database.reading() as session:
        step = session.scalar(
            select(VisitStep).where(
                VisitStep.visit_id == visit_id, VisitStep.step_number == sop.PURPOSE
            )
        )
        return step is not None and step.started_at is not None


@pytest.mark.parametrize("role", ["head", "treasurer", "monitor"])
def test_wrong_role_is_refused_and_nothing_is_written(
    app: Dash, login: Callable[[str], FlaskClient], role: str
) -> None:
    visit_id = waiting_visit(app)
    response = login(role).post("/_dash-update-component", json=start_body(app, visit_id))
    assert response.status_code == 403
    assert not purpose_started(app, visit_id)


def test_anonymous_write_is_refused(app: Dash, client: FlaskClient) -> None:
    visit_id = waiting_visit(app)
    response = client.post("/_dash-update-component", json=start_body(app, visit_id))
    assert response.status_code == 401
    assert not purpose_started(app, visit_id)


def test_officer_request_writes(app: Dash, login: Callable[[str], FlaskClient]) -> None:
    visit_id = waiting_visit(app)
    response = login("officer").post("/_dash-update-component", json=start_body(app, visit_id))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["response"][ids.REDIRECT]["href"] == f"/layanan/{visit_id}"
    assert purpose_started(app, visit_id)
