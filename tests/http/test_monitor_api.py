"""``/api/v1/today`` and the monitor page through Flask's test client: who may read it, its
fields exactly as the issue lists them, no personal data in it (nor in the page), and the
monitor role's home."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from dash import Dash
from flask.testing import FlaskClient

from dashboard.audit import Actor
from dashboard.clock import WIB, local_date, utc_now
from dashboard.visits import services as visits
from dashboard.visits.guest_book import validate_guest_book
from tests.helpers.web import act_now, post_login

pytestmark = pytest.mark.usefixtures("working_morning")  # "today" is the day on the screen

TODAY = "/api/v1/today"
FIELDS = [
    "date",
    "visitors",
    "refused",
    "usual_visitors",
    "arrivals_by_hour",
    "in_room",
    "bags_on_rack",
    "tables_taken",
    "waiting_for_payment",
    "in_progress",
    "steps",
    "within_target_share_month",
    "referral_rate_today",
    "referral_rate_month",
    "pnbp_today",
    "pnbp_month",
    "receipts_today",
]
NAME = "Wulandari Tamu Rahasia"
PHONE = "0813 5555 4321"
EMAIL = "wulan.rahasia@contoh.id"
INSTITUTION = "Lembaga Rahasia Uji"


def write(app: Dash, action: Callable[[Any, Actor], Any]) -> Any:
    """One action of the officer at the desk, now, in one transaction."""
    return act_now(app, action)


@pytest.fixture(scope="module")
def guest_code(app: Dash) -> str:
    """A visit of now with the visitor's name, phone, e-mail and institution on record."""
    visit = write(app, lambda s, a: visits.start_visit(s, a))
    write(app, lambda s, a: visits.record_screening(s, a, visit.id, True, "36,5", Decimal(38)))
    write(app, lambda s, a: visits.place_bag(s, a, visit.id, 4, 30))
    entry = validate_guest_book(
        name=NAME,
        gender="P",
        birth_year="1991",
        education="s1",
        occupation="pns",
        institution=INSTITUTION,
        institution_type="pemerintah",
        phone=PHONE,
        email=EMAIL,
        current_year=utc_now().year,
    )
    write(app, lambda s, a: visits.record_guest_book(s, a, visit.id, entry))
    return visit.code


def today(client: FlaskClient) -> dict[str, Any]:
    response = client.get(TODAY)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    return response.get_json()


@pytest.mark.parametrize("role", ["monitor", "head", "admin"])
def test_screen_roles_read_today(login: Callable[[str], FlaskClient], role: str) -> None:
    assert list(today(login(role))) == FIELDS


@pytest.mark.parametrize("role", ["officer", "treasurer"])
def test_desk_roles_may_not(login: Callable[[str], FlaskClient], role: str) -> None:
    assert login(role).get(TODAY).status_code == 403


def test_anonymous_is_refused_with_401(client: FlaskClient) -> None:
    response = client.get(TODAY)
    assert response.status_code == 401
    assert "Location" not in response.headers


def test_the_fields_and_their_types(guest_code: str, login: Callable[[str], FlaskClient]) -> None:
    answer = today(login("monitor"))
    assert len(answer["arrivals_by_hour"]) == 24
    # The visit is of today; the figures are of the showing day, which is an earlier working
    # day before opening time, on weekends and holidays (the room holds the visit all the same).
    arrived_on_the_day_shown = answer["date"] == local_date(utc_now(), WIB).isoformat()
    assert answer["visitors"] >= (1 if arrived_on_the_day_shown else 0)
    assert answer["in_room"] >= 1 and answer["bags_on_rack"] >= 1
    visit = next(row for row in answer["in_progress"] if row["code"] == guest_code)
    assert set(visit) == {"code", "step", "minutes", "target_minutes"}
    assert isinstance(visit["minutes"], int) and visit["minutes"] >= 0
    assert [set(step) for step in answer["steps"]] == [
        {
            "step",
            "count",
            "median_minutes",
            "max_minutes",
            "target_minutes",
            "within_target_share",
        }
    ] * len(answer["steps"])
    for name in ("pnbp_today", "pnbp_month", "receipts_today", "waiting_for_payment"):
        assert isinstance(answer[name], int)


def test_no_personal_data(app: Dash, guest_code: str, login: Callable[[str], FlaskClient]) -> None:
    screen = login("monitor")
    bodies = {
        "today": screen.get(TODAY).get_data(as_text=True),
        "poll": screen.get("/api/v1/monitor/poll").get_data(as_text=True),
        # the page itself, as the Dash renderer asks for it (the answer it is served with)
        "page": screen.post(
            "/_dash-update-component",
            json={
                "output": ".._pages_content.children..._pages_store.data..",
                "outputs": [
                    {"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"},
                ],
                "inputs": [
                    {"id": "_pages_location", "property": "pathname", "value": "/monitor"},
                    {"id": "_pages_location", "property": "search", "value": ""},
                ],
                "changedPropIds": ["_pages_location.pathname"],
            },
        ).get_data(as_text=True),
    }
    assert guest_code in bodies["today"] and guest_code in bodies["poll"]
    assert "monitor-root" in bodies["page"], bodies["page"][:500]
    for where, text in bodies.items():
        for personal in (NAME, "Wulandari", PHONE, "0813 5555", EMAIL, INSTITUTION):
            assert personal not in text, where
    assert "Rahasia" not in json.dumps(json.loads(bodies["today"]))


def test_a_monitor_lands_on_the_monitor(app: Dash) -> None:
    client = app.server.test_client()
    response = post_login(client, "monitor")
    assert response.headers["Location"] == "/monitor"
    assert client.get("/").headers["Location"] == "/monitor"
    officer = app.server.test_client()
    response = post_login(officer, "officer")
    assert response.headers["Location"] == "/layanan-berjalan"
    assert officer.get("/").headers["Location"] == "/layanan-berjalan"
