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
    monitor_session_days: int = 30
    """How long a wall screen (the monitor role, or a kiosk link) stays signed in."""
    fever_threshold_celsius: Decimal = Decimal("37.5")
    rack_slots: int = 30
    reading_tables: int = 8
    refresh_seconds: int = 5
    secure_cookies: bool = False
    max_request_bytes: int = 1024 * 1024
    """The largest request body; Dash's callbacks may be larger, to carry an import file."""

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


def _env_decimal(
    name: str, default: Decimal, low: Decimal | None = None, high: Decimal | None = None
) -> Decimal:
    """A finite number from the environment, within [low, high] when those are given."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = Decimal(raw.strip().replace(",", "."))
    except InvalidOperation as exc:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from exc
    if not value.is_finite():
        raise SettingsError(f"{name} must be a finite number, got {raw!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise SettingsError(f"{name} must be between {low} and {high}, got {raw!r}")
    return value


_TRUE = {"1", "true", "yes", "ya", "on"}
_FALSE = {"0", "false", "no", "tidak", "off"}


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in _TRUE | _FALSE:
        raise SettingsError(f"{name} must be true or false, got {raw!r}")
    return value in _TRUE


def _read_key(key_file: Path) -> str:
    try:
        return key_file.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


def load_secret_key(data_dir: Path) -> str:
    """Return PST_SECRET_KEY, or a key kept in the data folder so that sessions survive a
    restart and every worker on this host signs cookies alike.

    A new key is written to a private temporary file and linked into place only if no key
    file exists, so workers starting together all end up with the one key that won.
    """
    from_env = os.environ.get("PST_SECRET_KEY", "").strip()
    if from_env:
        return from_env
    key_file = data_dir / "secret_key"
    if existing := _read_key(key_file):
        return existing
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    temporary = data_dir / f".secret_key.{os.getpid()}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key)
    try:
        os.link(temporary, key_file)
    except FileExistsError:
        if existing := _read_key(key_file):
            return existing
        os.replace(temporary, key_file)  # an empty file left by a failed write
    finally:
        temporary.unlink(missing_ok=True)
    return key


def settings_from_env() -> Settings:
    database_url = os.environ.get("PST_DATABASE_URL", "").strip() or sqlite_url(
        DEFAULT_DATABASE_FILE
    )
    return Settings(
        database_url=database_url,
        secret_key=load_secret_key(DEFAULT_DATA_DIR),
        office_code=os.environ.get("PST_OFFICE_CODE", "1603").strip() or "1603",
        session_hours=float(
            _env_decimal("PST_SESSION_HOURS", Decimal(10), Decimal("0.1"), Decimal(24 * 30))
        ),
        monitor_session_days=_env_int("PST_MONITOR_SESSION_DAYS", 30),
        fever_threshold_celsius=_env_decimal(
            "PST_FEVER_THRESHOLD", Decimal("37.5"), Decimal(34), Decimal(43)
        ),
        rack_slots=_env_int("PST_RACK_SLOTS", 30),
        reading_tables=_env_int("PST_READING_TABLES", 8),
        refresh_seconds=_env_int("PST_REFRESH_SECONDS", 5),
        secure_cookies=_env_bool("PST_SECURE_COOKIES", False),
        max_request_bytes=_env_int("PST_MAX_REQUEST_KB", 1024) * 1024,
    )
