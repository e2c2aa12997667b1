"""Queries about staff accounts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import StaffUser


def user_by_username(session: Session, username: str) -> StaffUser | None:
    """The account with exactly this (already normalised) username, if any."""
    return session.scalar(select(StaffUser).where(StaffUser.username == username))


def any_active_user_with_role(session: Session, role: str) -> bool:
    """Whether at least one active account has ``role``."""
    return (
        session.scalar(
            select(StaffUser.id).where(StaffUser.role == role, StaffUser.active.is_(True))
        )
        is not None
    )


def users_by_username(session: Session) -> list[StaffUser]:
    """Every account, ordered by username."""
    return list(session.scalars(select(StaffUser).order_by(StaffUser.username)))
