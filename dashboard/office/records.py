"""What the services of an office's own lists (catalog, agency directory) do the same way:
add or update one entry from its form, find one of the office's entries, audit one switched
off or on, flush a write whose
unique key a simultaneous save may have taken, and switch off every sample entry at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dashboard.audit import Actor, record_audit
from dashboard.errors import InputError
from db.queries.office_records import sample_records


class OfficeRecord(Protocol):
    id: Any
    office_id: Any
    is_sample: Any


R = TypeVar("R", bound=OfficeRecord)
D = TypeVar("D")


def add_or_update(
    session: Session,
    actor: Actor,
    record_id: int | None,
    data: D,
    add: Callable[[Session, Actor, D], R],
    update: Callable[[Session, Actor, int, D], R],
) -> R:
    """Store a form's checked ``data`` as a new entry (``record_id`` None) or over the
    office's entry ``record_id``."""
    if record_id is None:
        return add(session, actor, data)
    return update(session, actor, record_id, data)


def office_record(
    session: Session, actor: Actor, model: type[R], record_id: int, missing: str
) -> R:
    """The office's entry ``record_id``; an entry of another office is as missing as none
    (``missing`` is the form message)."""
    record = session.get(model, record_id)
    if record is None or record.office_id != actor.office_id:
        raise InputError.form(missing)
    return record


def record_switch(
    session: Session,
    actor: Actor,
    table: str,
    record_id: int,
    flag: bool,
    actions: tuple[str, str],
    after: dict[str, Any],
) -> None:
    """Audit an entry switched one way or the other: ``actions`` names the event when
    ``flag`` is true, then when it is false."""
    record_audit(session, actor, actions[0] if flag else actions[1], table, record_id, after=after)


def flush_or_taken(session: Session, field: str, message: str) -> None:
    """Flush in a savepoint so that a unique key taken by a simultaneous save is refused as
    input on ``field`` (and the caller's transaction stays usable) instead of a crash."""
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as error:
        raise InputError.on(field, message) from error


def switch_off_samples(
    session: Session,
    actor: Actor,
    model: type[R],
    still_on: ColumnElement[bool],
    switch_off: Callable[[R], object],
    *,
    action: str,
    table: str,
) -> int:
    """Switch off (``switch_off``) every sample entry of the office that is ``still_on``, with
    one audit event for them all; returns how many."""
    samples: Sequence[R] = sample_records(session, model, actor.office_id, still_on)
    for record in samples:
        switch_off(record)
    if samples:
        record_audit(session, actor, action, table, None, after={"count": len(samples)})
    return len(samples)
