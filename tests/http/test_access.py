"""Every route but login, assets and health is closed to anonymous users."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tests.helpers.staff import TEST_PASSWORD


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
    response = client.post("/login", data={"username": "officer", "password": "salah-salah"})
    assert response.status_code == 401
    assert "kata sandi salah" in response.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401


def test_login_then_logout(login: Callable[[str], FlaskClient]) -> None:
    client = login("officer")
    assert client.get("/_dash-layout").status_code == 200
    client.get("/logout")
    assert client.get("/_dash-layout").status_code == 401


def test_login_redirects_only_to_local_paths(client: FlaskClient) -> None:
    response = client.post(
        "/login",
        data={"username": "officer", "password": TEST_PASSWORD, "next": "https://evil.example/"},
    )
    assert response.headers["Location"] == "/layanan-berjalan"


def test_session_cookie_expires(login: Callable[[str], FlaskClient]) -> None:
    client = login("officer")
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.expires is not None
    assert cookie.http_only
