"""The first start: there is no default account, so while the database has no administrator
the app says how to create the first one (``python app.py`` prints it at start-up)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from dashboard.office.staff import has_admin

CREATE_ADMIN_COMMAND = 'python -m dashboard user add admin --role admin --name "Nama Anda"'
"""The command that creates the first administrator (it asks for the password twice)."""


def first_start_hint(session: Session) -> str | None:
    """How to create the first administrator, or None once there is one."""
    if has_admin(session):
        return None
    return f"Belum ada administrator. Buat satu di terminal lain:\n  {CREATE_ADMIN_COMMAND}"
