"""Staff accounts for tests: one password for every test user, and a cheap hash."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from werkzeug.security import generate_password_hash

from dashboard.audit import Actor
from dashboard.office import staff as staff_service
from dashboard.office.staff import add_user
from tests.helpers.database import PreparedDatabase

TEST_PASSWORD = "rahasia-uji-123"


def create_staff(prepared: PreparedDatabase, username: str, role: str) -> int:
    """A user of ``role`` with the test password; returns its id."""
    with prepared.database.transaction() as session:
        user = add_user(
            session,
            Actor(None, prepared.office_id, datetime.now(UTC)),
            username=username,
            full_name=f"Uji {username.title()}",
            role=role,
            password=TEST_PASSWORD,
        )
        return user.id


def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests about visits, sales or rules, not passwords: a cheap hash keeps them fast."""
    monkeypatch.setattr(
        staff_service,
        "generate_password_hash",
        lambda password: generate_password_hash(password, method="pbkdf2:sha256:1"),
    )
