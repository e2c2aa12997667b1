"""Queries shared by an office's own lists (catalog, agency directory, tariffs)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session


class OfficeOwned(Protocol):
    office_id: Any
    is_sample: Any


R = TypeVar("R", bound=OfficeOwned)


def sample_records(
    session: Session, model: type[R], office_id: int, still_on: ColumnElement[bool]
) -> Sequence[R]:
    """The office's sample entries of ``model`` that are ``still_on``."""
    return session.scalars(
        select(model).where(
            model.office_id == office_id,
            model.is_sample.is_(True),
            still_on,
        )
    ).all()


def office_has_any(session: Session, model: type[OfficeOwned], office_id: int) -> bool:
    """Whether the office has at least one entry of ``model``."""
    return bool(session.scalar(select(exists().where(model.office_id == office_id))))
