"""Signing in and out as a person does it."""

from __future__ import annotations

from tests.helpers.live_app import LiveApp


def test_login_shows_name_and_logout_returns_to_login(page, live_app: LiveApp, shot) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_app.url}/kedatangan")
    assert "/login" in page.url
    page.fill("#login-username", "petugas")
    page.fill("#login-password", "salah-sekali")
    page.click("#login-submit")
    assert "kata sandi salah" in page.inner_text("#login-error")
    live_app.login(page, "petugas")
    page.wait_for_selector("#shell-user-menu")
    assert "Uji Petugas" in page.inner_text("#shell-navbar")
    shot("login-home")
    page.click("#shell-user-menu .dropdown-toggle")
    page.click("#shell-logout")
    page.wait_for_url("**/login")
    page.goto(f"{live_app.url}/kedatangan")
    assert "/login" in page.url
