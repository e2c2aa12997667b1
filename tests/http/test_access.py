"""Every route but login, assets and health is closed to anonymous users."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from dash import Dash
from flask.testing import FlaskClient

from tests.helpers.staff import TEST_PASSWORD
from tests.helpers.web import page_token, post_login


@pytest.mark.parametrize(
    "path", ["/_dash-layout", "/_dash-dependencies", "/layanan-berjalan", "/kedatangan"]
)
def test_anonymous_get_is_sent_to_login_or_refused(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    if path.startswith("/_"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")


def test_anonymous_callback_request_is_refused(client: FlaskClient) -> None:
    response = client.post("/_dash-update-component", json={"output": "x.children"})
    assert response.status_code == 401
    assert "masuk" in response.get_data(as_text=True).lower()


def test_open_routes(client: FlaskClient) -> None:
    health = client.get("/health").get_json()
    assert health == {"status": "ok", "build": health["build"]}  # the build id beside it
    assert len(health["build"]) == 16
    assert client.get("/login").status_code == 200
    assert client.get("/assets/vendor/bootstrap/bootstrap.min.css").status_code == 200


def test_wrong_password_is_refused_in_indonesian(client: FlaskClient) -> None:
    response = post_login(client, "officer", "salah-salah")
    assert response.status_code == 401
    assert "kata sandi salah" in response.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401


@pytest.mark.parametrize("token", [None, "", "palsu", "tok\u00e9n"])
def test_a_login_without_the_pages_token_is_refused(client: FlaskClient, token: str | None) -> None:
    page_token(client)  # the session has a token: the post must carry it
    data = {"username": "officer", "password": TEST_PASSWORD}
    response = client.post("/login", data=data if token is None else data | {"csrf_token": token})
    assert response.status_code == 400
    assert "Formulir kedaluwarsa" in response.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401


def test_a_login_from_a_client_that_never_opened_the_page_is_refused(app: Dash) -> None:
    foreign = app.server.test_client()
    data = {"username": "officer", "password": TEST_PASSWORD, "csrf_token": "tebakan"}
    assert foreign.post("/login", data=data).status_code == 400
    assert foreign.get("/_dash-layout").status_code == 401


def test_logout_is_a_post_from_the_apps_own_menu(login: Callable[[str], FlaskClient]) -> None:
    client = login("officer")
    assert client.get("/_dash-layout").status_code == 200
    client.get("/logout")  # a link or a prefetch signs nobody out
    assert client.get("/_dash-layout").status_code == 200
    assert client.post("/logout").status_code == 400  # another site's form has no token
    assert client.post("/logout", data={"csrf_token": "palsu"}).status_code == 400
    assert client.get("/_dash-layout").status_code == 200
    layout = client.get("/_dash-layout").get_data(as_text=True)
    with client.session_transaction() as session:
        token = session["csrf_token"]
    assert token in layout  # the menu's 'Keluar' form carries it
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert client.get("/_dash-layout").status_code == 401


def test_login_redirects_only_to_local_paths(client: FlaskClient) -> None:
    response = post_login(client, "officer", next="https://evil.example/")
    assert response.headers["Location"] == "/layanan-berjalan"


def test_session_cookie_expires(login: Callable[[str], FlaskClient]) -> None:
    client = login("officer")
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.expires is not None
    assert cookie.http_only
