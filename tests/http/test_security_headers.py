"""The headers every response carries, the size limit every request meets (413 before
anything reads the body, signed in or not), and a server that names no versions."""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import urllib.request
from collections.abc import Callable, Iterator

import pytest
from dash import Dash
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from dashboard.web.security import QuietRequestHandler, upload_callback_bytes
from tests.helpers.dash_requests import callback_body

INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S
)


def policy_of(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    text = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in text.split(";"))


@pytest.mark.parametrize("path", ["/login", "/health", "/assets/zz-pst/pst.css"])
def test_every_response_carries_the_headers(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_page_runs_only_its_own_scripts_and_dashs_hashed_ones(
    login: Callable[[str], FlaskClient],
) -> None:
    response = login("officer").get("/layanan-berjalan")
    policy = policy_of(response)
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "http" not in " ".join(policy.values())  # no CDN: every asset is this server's
    html = response.get_data(as_text=True).split("<![endif]-->", 1)[-1]  # IE's comment aside
    scripts = INLINE_SCRIPT.findall(html)
    assert len(scripts) > 2  # the renderer and the clientside callbacks
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy["script-src"], script[:80]


@pytest.mark.parametrize("role", ["monitor", "admin"])
def test_only_the_wall_screen_may_be_framed_by_this_server(
    login: Callable[[str], FlaskClient], role: str
) -> None:
    response = login(role).get("/monitor")
    assert policy_of(response)["frame-ancestors"] == "'self'"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_the_login_page_holds_no_inline_script(client: FlaskClient) -> None:
    response = client.get("/login")
    assert "<script" not in response.get_data(as_text=True)
    assert policy_of(response)["form-action"] == "'self'"


# -- sizes -------------------------------------------------------------------------------------


def test_an_oversized_form_is_refused_before_it_is_read(app: Dash) -> None:
    limit = app.server.config["MAX_CONTENT_LENGTH"]
    body = b"username=" + b"x" * limit
    response = app.server.test_client().post(
        "/login", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413


def test_an_oversized_callback_is_refused_before_its_json_is_parsed(
    app: Dash, login: Callable[[str], FlaskClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[bytes] = []
    monkeypatch.setattr("flask.Request.get_json", lambda self, **_: parsed.append(b"") or {})
    client = login("officer")
    body = b'{"output": "' + b"x" * upload_callback_bytes() + b'"}'
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 413
    assert parsed == []
    anonymous = app.server.test_client().post(
        "/_dash-update-component", data=body, content_type="application/json"
    )
    assert anonymous.status_code == 413


def test_a_callback_may_carry_the_largest_upload(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    """A file the import pages accept fits into the callback limit, base64 and all."""
    from dashboard.imports import guest_book_import_ids as ids
    from dashboard.imports.guest_book_import_layout import MAX_UPLOAD_BYTES

    content = "data:text/csv;base64," + base64.b64encode(b"a" * MAX_UPLOAD_BYTES).decode()
    body = callback_body(
        app,
        f"{ids.FILE_NAME}.children",
        {f"{ids.UPLOAD}.contents": content, f"{ids.UPLOAD}.filename": "besar.csv"},
    )
    response = login("admin").post("/_dash-update-component", json=body)
    assert response.status_code != 413


# -- the server's name -------------------------------------------------------------------------


@pytest.fixture
def served(app: Dash) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app.server, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def test_the_development_server_names_no_versions(served: str) -> None:
    with urllib.request.urlopen(f"{served}/health") as response:
        banners = response.headers.get_all("Server")
    assert banners == ["PST"]
