"""Settings from environment variables, and the secret key kept in the data folder."""

from __future__ import annotations

import stat
from decimal import Decimal
from pathlib import Path

import pytest

from dashboard import config
from dashboard.config import Settings, SettingsError, load_secret_key, settings_from_env

PST_VARIABLES = (
    "PST_DATABASE_URL",
    "PST_SECRET_KEY",
    "PST_OFFICE_CODE",
    "PST_SESSION_HOURS",
    "PST_MONITOR_SESSION_DAYS",
    "PST_FEVER_THRESHOLD",
    "PST_RACK_SLOTS",
    "PST_READING_TABLES",
    "PST_REFRESH_SECONDS",
    "PST_SECURE_COOKIES",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No PST_* variable from the developer's shell, and a data folder that is not the repo's."""
    for name in PST_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    data_dir = tmp_path / "data"
    monkeypatch.setattr(config, "DEFAULT_DATA_DIR", data_dir)
    monkeypatch.setenv("PST_SECRET_KEY", "kunci-uji")
    return data_dir


# -- settings_from_env ----------------------------------------------------------------------


def test_defaults() -> None:
    settings = settings_from_env()
    assert settings.database_url == config.sqlite_url(config.DEFAULT_DATABASE_FILE)
    assert settings.database_url.startswith("sqlite:///")
    assert settings.secret_key == "kunci-uji"
    assert settings.office_code == "1603"
    assert settings.session_hours == 10.0
    assert settings.monitor_session_days == 30
    assert settings.fever_threshold_celsius == Decimal("37.5")
    assert (settings.rack_slots, settings.reading_tables, settings.refresh_seconds) == (30, 8, 5)
    assert settings.secure_cookies is False
    assert settings.max_request_bytes == 1024 * 1024


def test_every_variable_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PST_DATABASE_URL", " postgresql+psycopg://pst@db/pst ")
    monkeypatch.setenv("PST_OFFICE_CODE", "1601")
    monkeypatch.setenv("PST_SESSION_HOURS", "8,5")
    monkeypatch.setenv("PST_FEVER_THRESHOLD", "37,8")
    monkeypatch.setenv("PST_RACK_SLOTS", "40")
    monkeypatch.setenv("PST_READING_TABLES", "12")
    monkeypatch.setenv("PST_REFRESH_SECONDS", "10")
    monkeypatch.setenv("PST_SECURE_COOKIES", "ya")
    monkeypatch.setenv("PST_MONITOR_SESSION_DAYS", "45")
    monkeypatch.setenv("PST_MAX_REQUEST_KB", "64")
    settings = settings_from_env()
    assert settings.database_url == "postgresql+psycopg://pst@db/pst"
    assert settings.office_code == "1601"
    assert settings.session_hours == 8.5
    assert settings.fever_threshold_celsius == Decimal("37.8")
    assert (settings.rack_slots, settings.reading_tables, settings.refresh_seconds) == (40, 12, 10)
    assert settings.secure_cookies is True
    assert settings.monitor_session_days == 45
    assert settings.max_request_bytes == 64 * 1024


@pytest.mark.parametrize("name", ["PST_RACK_SLOTS", "PST_OFFICE_CODE", "PST_FEVER_THRESHOLD"])
def test_blank_values_mean_the_default(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(name, "  ")
    assert settings_from_env() == Settings(
        database_url=settings_from_env().database_url, secret_key="kunci-uji"
    )


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("TRUE", True), ("0", False)])
def test_secure_cookies_flag(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("PST_SECURE_COOKIES", raw)
    assert settings_from_env().secure_cookies is expected


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("PST_RACK_SLOTS", "tiga puluh"),
        ("PST_RACK_SLOTS", "0"),
        ("PST_RACK_SLOTS", "-5"),
        ("PST_RACK_SLOTS", "2.5"),
        ("PST_READING_TABLES", "0"),
        ("PST_READING_TABLES", "x"),
        ("PST_REFRESH_SECONDS", "0"),
        ("PST_REFRESH_SECONDS", "lima"),
        ("PST_FEVER_THRESHOLD", "panas"),
        ("PST_SESSION_HOURS", "sepuluh"),
        ("PST_MONITOR_SESSION_DAYS", "0"),
        ("PST_MONITOR_SESSION_DAYS", "tiga puluh"),
    ],
)
def test_bad_values_raise_settings_error(
    monkeypatch: pytest.MonkeyPatch, name: str, raw: str
) -> None:
    monkeypatch.setenv(name, raw)
    with pytest.raises(SettingsError, match=name):
        settings_from_env()


@pytest.mark.parametrize("raw", ["nan", "NaN", "inf", "-Infinity"])
def test_non_finite_fever_threshold_is_refused(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    """A NaN threshold would make every screening fail (Decimal refuses to order NaN)."""
    monkeypatch.setenv("PST_FEVER_THRESHOLD", raw)
    with pytest.raises(SettingsError, match="PST_FEVER_THRESHOLD"):
        settings_from_env()


@pytest.mark.parametrize("raw", ["0", "-1", "nan", "inf"])
def test_session_hours_must_be_a_positive_number(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("PST_SESSION_HOURS", raw)
    with pytest.raises(SettingsError, match="PST_SESSION_HOURS"):
        settings_from_env()


def test_settings_error_is_a_value_error() -> None:
    assert issubclass(SettingsError, ValueError)


def test_with_overrides_keeps_the_rest() -> None:
    settings = Settings(secret_key="k").with_overrides(rack_slots=5)
    assert settings.rack_slots == 5
    assert settings.secret_key == "k"
    assert settings.reading_tables == 8


# -- the secret key -------------------------------------------------------------------------


def test_secret_key_from_environment_wins(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("from-file", encoding="utf-8")
    assert load_secret_key(tmp_path) == "kunci-uji"


def test_secret_key_file_is_made_once_and_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PST_SECRET_KEY")
    data_dir = tmp_path / "new" / "data"
    first = load_secret_key(data_dir)
    key_file = data_dir / "secret_key"
    assert key_file.read_text(encoding="utf-8") == first
    assert len(first) >= 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_secret_key(data_dir) == first


def test_existing_secret_key_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PST_SECRET_KEY")
    (tmp_path / "secret_key").write_text("  kunci-lama\n", encoding="utf-8")
    assert load_secret_key(tmp_path) == "kunci-lama"


def test_blank_environment_key_falls_back_to_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PST_SECRET_KEY", "   ")
    (tmp_path / "secret_key").write_text("kunci-berkas", encoding="utf-8")
    assert load_secret_key(tmp_path) == "kunci-berkas"


def test_empty_secret_key_file_is_not_an_empty_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An empty key file (e.g. a full disk when it was written) must not give an empty key:
    the app then refuses to start with a message pointing at PST_SECRET_KEY."""
    monkeypatch.delenv("PST_SECRET_KEY")
    (tmp_path / "secret_key").write_text("", encoding="utf-8")
    assert load_secret_key(tmp_path) != ""


def test_settings_without_env_key_use_the_data_folder(
    monkeypatch: pytest.MonkeyPatch, clean_environment: Path
) -> None:
    monkeypatch.delenv("PST_SECRET_KEY")
    settings = settings_from_env()
    assert settings.secret_key == (clean_environment / "secret_key").read_text(encoding="utf-8")
    assert settings_from_env().secret_key == settings.secret_key
