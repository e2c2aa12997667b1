"""``/api/v1/stats`` through Flask's test client: only the head and the administrator may
read it (anonymous 401, every other role 403), a bad, missing or reversed date and an unknown
office get a 400 with the reason in Indonesian, and a good query answers JSON with the fields
of issue 11."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from dash import Dash
from flask.testing import FlaskClient

from dashboard.roles import ADMIN, HEAD, MONITOR, OFFICER, TREASURER
from dashboard.trends import trends_ids
from tests.helpers.dash_requests import callback_body

STATS = "/api/v1/stats"
GOOD = {"from": "2026-01-01", "to": "2026-01-31"}


def test_anonymous_requests_get_401(client: FlaskClient) -> None:
    response = client.get(STATS, query_string=GOOD)
    assert response.status_code == 401


@pytest.mark.parametrize("role", [OFFICER, TREASURER, MONITOR])
def test_other_roles_get_403(login: Callable[[str], FlaskClient], role: str) -> None:
    assert login(role).get(STATS, query_string=GOOD).status_code == 403


@pytest.mark.parametrize("role", [HEAD, ADMIN])
def test_the_head_and_the_admin_read_it(login: Callable[[str], FlaskClient], role: str) -> None:
    response = login(role).get(STATS, query_string=GOOD)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["visitors"] == 0 and len(body["by_day"]) == 31
    assert body["by_day"][0] == {"date": "2026-01-01", "visitors": 0, "refused": 0}


def test_an_office_by_its_code(login: Callable[[str], FlaskClient]) -> None:
    response = login(HEAD).get(STATS, query_string={**GOOD, "office": "1603"})
    assert response.status_code == 200, response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ({"to": "2026-01-31"}, "Parameter from wajib diisi"),
        ({"from": "2026-01-01"}, "Parameter to wajib diisi"),
        ({"from": "2026-13-01", "to": "2026-12-31"}, "from bukan tanggal yang valid"),
        ({"from": "01/01/2026", "to": "2026-12-31"}, "gunakan YYYY-MM-DD"),
        ({"from": "2026-1-1", "to": "2026-12-31"}, "from bukan tanggal yang valid"),
        ({"from": "2026-02-30", "to": "2026-03-31"}, "from bukan tanggal yang valid"),
        ({"from": "2026-03-01", "to": "2026-02-28"}, "tidak boleh sebelum tanggal awal"),
        ({"from": "2000-01-01", "to": "2026-02-28"}, "paling panjang 10 tahun"),
        ({**GOOD, "office": "9999"}, "Kantor dengan kode '9999' tidak dikenal"),
    ],
)
def test_bad_queries_get_400_with_a_reason(
    login: Callable[[str], FlaskClient], query: dict[str, str], fragment: str
) -> None:
    response = login(HEAD).get(STATS, query_string=query)
    assert response.status_code == 400
    assert fragment in response.get_json()["error"]


def _redraw_request(app: Dash) -> dict[str, object]:
    inputs = {
        f"{trends_ids.START}.value": "2026-01-01",
        f"{trends_ids.END}.value": "2026-03-31",
        f"{trends_ids.GRAIN}.value": "week",
        f"{trends_ids.COMPARISON}.value": "previous",
        f"{trends_ids.OFFICE}.value": "1603",
    }
    return callback_body(app, f"{trends_ids.GRAPH_IDS['visitors']}.figure", inputs)


@pytest.mark.parametrize("role", [OFFICER, TREASURER, MONITOR])
def test_the_trends_page_refuses_other_roles_on_the_server(
    app: Dash, login: Callable[[str], FlaskClient], role: str
) -> None:
    response = login(role).post("/_dash-update-component", json=_redraw_request(app))
    assert response.status_code == 403


def test_the_trends_page_redraws_for_the_head(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    response = login(HEAD).post("/_dash-update-component", json=_redraw_request(app))
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()["response"]
    assert "Tidak ada kunjungan" in json.dumps(body, ensure_ascii=False)
