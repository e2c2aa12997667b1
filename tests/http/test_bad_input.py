"""Input the form would refuse, posted straight to a callback: the server checks it too,
answers with the Indonesian message beside the field, and writes nothing."""

from __future__ import annotations

from collections.abc import Callable

from dash import Dash
from flask.testing import FlaskClient
from sqlalchemy import select

from dashboard import sop
from dashboard.audit import Actor
from dashboard.clock import utc_now
from dashboard.office.staff import find_user
from dashboard.visits import arrival_ids as ids
from dashboard.visits.services import start_visit
from dashboard.web.context import app_state
from db.models import VISIT_IN_PROGRESS, Visit, VisitStep
from tests.helpers.dash_requests import callback_body

SCREENING_CALLBACK = f"{ids.MASK_FEEDBACK}.children"
"""The screening callback, named by its first output."""
TEMPERATURE_MESSAGE = "Suhu tubuh harus antara 34 dan 43 °C."


def visit_at_screening(app: Dash) -> int:
    """A visit just started by the officer: step 1 (screening) open, nothing recorded."""
    with app.server.app_context():
        state = app_state()
        with state.database.reading() as session:
            officer = find_user(session, "officer")
            assert officer is not None
        with state.database.transaction() as session:
            actor = Actor(officer.id, state.office_id, utc_now().replace(microsecond=0))
            return start_visit(session, actor).id


def screening_state(app: Dash, visit_id: int) -> tuple[object, ...]:
    """What screening would change: the visit's answers and status, and its steps."""
    with app.server.app_context(), app_state().database.reading() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None
        steps = session.execute(
            select(VisitStep.step_number, VisitStep.ended_at, VisitStep.outcome).where(
                VisitStep.visit_id == visit_id
            )
        ).all()
        return (
            visit.status,
            visit.temperature_celsius,
            visit.mask_worn,
            visit.admitted,
            visit.left_at,
            [tuple(step) for step in steps],
        )


def test_temperature_out_of_range_is_refused_with_its_message(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    assert any(key.strip(".").startswith(SCREENING_CALLBACK) for key in app.callback_map), sorted(
        app.callback_map
    )
    visit_id = visit_at_screening(app)
    before = screening_state(app, visit_id)
    assert before == (
        VISIT_IN_PROGRESS,
        None,
        None,
        None,
        None,
        [(sop.SCREENING, None, None)],
    )
    body = callback_body(
        app,
        SCREENING_CALLBACK,
        {
            f"{ids.SCREENING_SUBMIT}.n_clicks": 1,
            f"{ids.MASK}.value": "yes",
            f"{ids.TEMPERATURE}.value": "50",
            f"{ids.VISIT}.data": {"visit_id": visit_id, "revision": 1},
        },
    )

    response = login("officer").post("/_dash-update-component", json=body)

    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()["response"]
    assert answer[ids.TEMPERATURE_FEEDBACK]["children"] == TEMPERATURE_MESSAGE
    assert answer[ids.TEMPERATURE]["invalid"] is True
    assert answer[ids.MASK_FEEDBACK]["children"] == ""
    assert ids.VISIT not in answer, "a refused screening must not move the wizard on"
    assert screening_state(app, visit_id) == before
