"""Settings of the app, read from environment variables (all documented in the README)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DATABASE_FILE = DEFAULT_DATA_DIR / "pst.sqlite3"


class SettingsError(ValueError):
    """An environment variable holds a value the app cannot use."""


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=lambda: sqlite_url(DEFAULT_DATABASE_FILE))
    secret_key: str = ""
    office_code: str = "1603"
    session_hours: float = 10.0
    fever_threshold_celsius: Decimal = Decimal("37.5")
    rack_slots: int = 30
    reading_tables: int = 8
    refresh_seconds: int = 5
    secure_cookies: bool = False

    def with_overrides(self, **changes: object) -> Settings:
        return replace(self, **changes)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _env_int(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from exc
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, got {value}")
    return value


def _env_decimal(name: str, default: Decimal) -> Decimal:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return Decimal(raw.replace(",", "."))
    except InvalidOperation as exc:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from exc


def _env_float(name: str, default: float) -> float:
    return float(_env_decimal(name, Decimal(str(default))))


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "ya", "on"}


def load_secret_key(data_dir: Path) -> str:
    """Return PST_SECRET_KEY, or a key kept in the data folder so that sessions survive a
    restart and every worker on this host signs cookies alike."""
    from_env = os.environ.get("PST_SECRET_KEY", "").strip()
    if from_env:
        return from_env
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


def settings_from_env() -> Settings:
    database_url = os.environ.get("PST_DATABASE_URL", "").strip() or sqlite_url(
        DEFAULT_DATABASE_FILE
    )
    return Settings(
        database_url=database_url,
        secret_key=load_secret_key(DEFAULT_DATA_DIR),
        office_code=os.environ.get("PST_OFFICE_CODE", "1603").strip() or "1603",
        session_hours=_env_float("PST_SESSION_HOURS", 10.0),
        fever_threshold_celsius=_env_decimal("PST_FEVER_THRESHOLD", Decimal("37.5")),
        rack_slots=_env_int("PST_RACK_SLOTS", 30),
        reading_tables=_env_int("PST_READING_TABLES", 8),
        refresh_seconds=_env_int("PST_REFRESH_SECONDS", 5),
        secure_cookies=_env_bool("PST_SECURE_COOKIES", False),
    )
