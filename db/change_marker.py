"""The per-office change marker: every transaction that writes an office's rows raises that
office's ``office_change.version`` by one, in the same transaction.

A live screen polls the marker (one primary-key read) and learns whether anything changed
since it last looked; the marker is in the database, so every worker and host agrees on it.

How a write is noticed, once for every service:
- ``after_flush`` notes the offices of the rows the flush wrote: a row with an ``office_id``
  names its office; a child row (a visit's step, a sale's item, a step's correction, ...) is
  traced to its parent in the session's identity map, without loading anything inside the
  flush; a parent that is not there is looked up just before the commit instead.
- ``note_office_write`` notes an office by hand: the audit trail calls it with the actor's
  office, so an action whose statements bypass the unit of work (a Core ``delete``) or touch
  rows without an office (an account, a SOP target) still bumps the office that acted.
- ``before_commit`` of the outermost transaction flushes what is pending and then runs one
  upsert per transaction (``INSERT ... ON CONFLICT (office_id) DO UPDATE SET version =
  office_change.version + 1``; PostgreSQL and SQLite >= 3.24 alike), so a rolled-back
  transaction bumps nothing, and two writers of one office take turns on its marker row.
  On PostgreSQL the bump also announces the offices (``db.change_feed.notify``, delivered
  at commit), so the workers' kept markers are dropped at once.

The same hook keeps the rollups exact (``db.rollups``): the days a transaction
wrote are noted at each flush, their offices bumped with the others, then recomputed.

Writes that bypass sessions altogether (the demo's row writer, on a ``Connection``) call
``bump_offices`` once per transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, event, inspect
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker
from sqlalchemy.orm.util import identity_key

from db import rollups
from db.change_feed import notify, office_topic
from db.models import (
    DataRequest,
    DataRequestPublication,
    LiveSnapshot,
    Office,
    OfficeChange,
    Sale,
    SaleItem,
    StepTimeCorrection,
    Visit,
    VisitStep,
)
from db.upsert import dialect_insert

WRITTEN_OFFICES = "pst_written_offices"
"""``Session.info`` key: the offices the current transaction wrote."""
UNTRACED_ROWS = "pst_untraced_rows"
"""``Session.info`` key: rows (model, primary key) whose office the flush could not tell
from what the session held (a parent not loaded); they are looked up before the commit."""

PARENTS: dict[type[Any], tuple[str, type[Any]]] = {
    VisitStep: ("visit_id", Visit),
    DataRequest: ("visit_id", Visit),
    StepTimeCorrection: ("visit_step_id", VisitStep),
    DataRequestPublication: ("data_request_id", DataRequest),
    SaleItem: ("sale_id", Sale),
}
"""Rows without an ``office_id`` of their own: the column that names their parent."""
NOT_A_CHANGE: tuple[type[Any], ...] = (OfficeChange, LiveSnapshot)
"""The live screens' own bookkeeping: writing it is not a change of the office's data."""


def _offices(session: Session) -> set[int]:
    return session.info.setdefault(WRITTEN_OFFICES, set())


def note_office_write(session: Session, office_id: int) -> None:
    """Count this transaction as a write of ``office_id`` (its marker is bumped at commit)."""
    _offices(session).add(office_id)


RowKey = tuple[type[Any], tuple[Any, ...]]
"""A row by its model and primary key."""


def _office_column(instance: object) -> str | None:
    """The column that holds the row's office: ``office_id``, or the office's own ``id``."""
    if isinstance(instance, Office):
        return "id"
    return "office_id" if "office_id" in inspect(instance).mapper.columns else None


def _trace(session: Session, instance: object) -> int | RowKey | None:
    """The office of a flushed row from what the session already holds: an office id, a
    row still to look up, or None for a row of no office."""
    for _depth in range(len(PARENTS) + 1):
        state = inspect(instance)
        values = state.dict  # the loaded values only: nothing is loaded inside a flush
        own = _office_column(instance)
        link = None if own else PARENTS.get(type(instance))
        column = own or (link[0] if link else None)
        if column is None:
            return None
        value = values.get(column)
        if value is None:  # not loaded (expired): look the row up before the commit
            return (type(instance), tuple(state.identity)) if state.identity else None
        if link is None:
            return int(value)
        parent = session.identity_map.get(identity_key(link[1], value))
        if parent is None:
            return (link[1], (value,))
        instance = parent
    return None


def _office_by_loading(session: Session, model: type[Any], key: tuple[Any, ...]) -> int | None:
    """The office of a row, loading it and its parents (outside a flush)."""
    instance = session.get(model, key)
    while instance is not None:
        if own := _office_column(instance):
            return getattr(instance, own)
        link = PARENTS.get(type(instance))
        if link is None:
            return None
        column, parent_model = link
        instance = session.get(parent_model, getattr(instance, column))
    return None


def _after_flush(session: Session, _flush_context: Any) -> None:
    offices = _offices(session)
    untraced: set[RowKey] = session.info.setdefault(UNTRACED_ROWS, set())
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, NOT_A_CHANGE):
            continue
        traced = _trace(session, instance)
        if isinstance(traced, int):
            offices.add(traced)
        elif traced is not None:
            untraced.add(traced)


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the outermost commit bumps, once
    session.flush()  # the commit flushes only after this event: note the rows still pending
    offices = set(session.info.pop(WRITTEN_OFFICES, ()))
    for model, key in session.info.pop(UNTRACED_ROWS, ()):
        office_id = _office_by_loading(session, model, key)
        if office_id is not None:
            offices.add(office_id)
    days = rollups.take_noted_days(session)
    offices.update(rollups.offices_of(days))
    if offices:
        bump_offices(session, offices)  # first: on PostgreSQL it orders the offices' writers
    rollups.refresh_days(session, days)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # committed or rolled back: nothing noted carries over
        session.info.pop(WRITTEN_OFFICES, None)
        session.info.pop(UNTRACED_ROWS, None)


def watch_writes(sessions: sessionmaker[Session]) -> None:
    """Bump the marker of every office written in a transaction of these sessions."""
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_transaction_end", _after_transaction_end)
    event.listen(sessions, "after_flush", rollups.note_flushed_rows)
    event.listen(sessions, "after_transaction_end", rollups.forget_noted_rows)


def bump_offices(executor: Session | Connection, office_ids: Iterable[int]) -> None:
    """Raise the marker of each office by one (a missing marker row starts at 1), inside the
    caller's transaction: one statement for all the offices."""
    rows = [
        {"office_id": office_id, "version": 1, "changed_at": datetime.now(UTC)}
        for office_id in sorted(set(office_ids))  # one order: concurrent writers never deadlock
    ]
    if not rows:
        return
    table = OfficeChange.__table__
    statement = dialect_insert(executor, table).values(rows)
    executor.execute(
        statement.on_conflict_do_update(
            index_elements=[table.c.office_id],
            set_={"version": table.c.version + 1, "changed_at": statement.excluded.changed_at},
        )
    )
    notify(executor, [office_topic(row["office_id"]) for row in rows])  # delivered at commit
