"""Rollups kept exact by every write, so that a period's figures read a few rows per office
and day (or month) instead of every visit and step of the period: step times and time
corrections (``db.rollups.steps``) and visits (``db.rollups.visits``), each family
recomputed per (office, visit day) from the raw rows by the same definitions.

How they stay exact, once for every service (registered with ``db.change_marker``):
- ``note_flushed_rows`` (``after_flush``) notes the (office, visit day) of every visit, visit
  step, data request or linked publication written; a row whose visit the session does not
  hold is looked up before the commit. Writes that reach other days are noted as such: a
  visitor's profile (every day of the visitor's visits), a visit of a visitor (the days of
  the visitor's other visits, whose "returning" may change), an office's time zone (every
  day of the office), a SOP target version (every day from its effective day).
- ``take_noted_days`` and ``refresh_days`` run in ``before_commit`` (``db.change_marker``):
  the offices of the noted days are bumped first, which on PostgreSQL locks each office's
  marker row until the commit, so two writers of one office take turns and the second
  recomputes after the first committed (read committed: each statement sees what is
  committed); on SQLite the writer holds the database's write lock. Each noted day is then
  recomputed from its raw rows, with its month, in the same transaction.
- Writes that bypass sessions (the demo's row writer) call ``rebuild`` afterwards;
  ``db.migrate.upgrade_to_newest`` fills the rollups of a database that has visits but no
  rollups (the first start after migration 0010).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import exists, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key
from sqlalchemy.sql.elements import ColumnElement

from db.models import (
    DataRequest,
    DataRequestPublication,
    Office,
    SopStep,
    StepTimeCorrection,
    Visit,
    VisitDay,
    Visitor,
    VisitStep,
)
from db.queries.metrics import as_date
from db.rollups import steps, visits

NOTED = "pst_rollup_noted"
"""``Session.info`` key: what the transaction wrote that each family of rollups follows
(``STEPS``, ``VISITS`` → ``_Noted``)."""
STEPS, VISITS = "steps", "visits"
"""The families: a step's times reach only the step rollups; a request, a visitor or an
office's time zone only the visit rollups; a visit both."""
LOOKUP_CHUNK = 1000
"""Ids per lookup statement (SQLite limits a statement's parameters)."""

Day = tuple[int, date]
"""An office's visit day: (office id, visit day)."""


class _Noted:
    """The days written, and the rows whose days are still to be looked up."""

    def __init__(self) -> None:
        self.days: set[Day] = set()
        self.visits: set[int] = set()
        self.steps: set[int] = set()
        self.requests: set[int] = set()
        self.visitors: dict[int, date | None] = {}
        """Visitor → the first day whose visits are concerned (``None``: all of them)."""
        self.offices: set[int] = set()
        self.targets_from: date | None = None

    def note_visitor(self, visitor_id: int, since: date | None) -> None:
        """The visitor's visits from ``since`` on (``None``: all) are to be recomputed."""
        known = self.visitors.get(visitor_id, since)
        self.visitors[visitor_id] = None if known is None or since is None else min(known, since)

    def lookups(self) -> list[ColumnElement[bool]]:
        """Conditions on ``visit`` of the visits whose days are still to be found."""
        found: list[ColumnElement[bool]] = []
        for ids, condition in ((self.visits, Visit.id.in_), (self.offices, Visit.office_id.in_)):
            found.extend(condition(chunk) for chunk in _chunks(ids))
        for chunk in _chunks(set(self.visitors)):
            since = [self.visitors[visitor] for visitor in chunk]
            found.append(
                Visit.visitor_id.in_(chunk)
                if None in since
                else Visit.visitor_id.in_(chunk) & (Visit.visit_date >= min(since))  # type: ignore[type-var]
            )
        for chunk in _chunks(self.steps):
            found.append(exists().where(VisitStep.visit_id == Visit.id, VisitStep.id.in_(chunk)))
        for chunk in _chunks(self.requests):
            found.append(
                exists().where(DataRequest.visit_id == Visit.id, DataRequest.id.in_(chunk))
            )
        if self.targets_from is not None:
            found.append(Visit.visit_date >= self.targets_from)
        return found


def _chunks(ids: set[int]) -> list[list[int]]:
    ordered = sorted(ids)
    return [ordered[start : start + LOOKUP_CHUNK] for start in range(0, len(ordered), LOOKUP_CHUNK)]


def _noted(session: Session) -> dict[str, _Noted]:
    noted = session.info.get(NOTED)
    if noted is None:
        noted = session.info[NOTED] = {STEPS: _Noted(), VISITS: _Noted()}
    return noted


# -- noting what a flush wrote --------------------------------------------------------------------


def _loaded(instance: object, name: str) -> Any:
    """An attribute's loaded value (nothing is loaded inside a flush); ``None`` if expired."""
    return inspect(instance).dict.get(name)


def _note_visit(noted: _Noted, visit: Visit, visitors: bool = True) -> None:
    """The visit's day, and its day before a change of office or day; with ``visitors``, the
    visitor's later visits (whether they are returning may change); an expired visit by id."""
    state = inspect(visit)
    office_id, day = _loaded(visit, "office_id"), _loaded(visit, "visit_date")
    if office_id is None or day is None:
        if state.identity:
            noted.visits.add(int(state.identity[0]))
        return
    noted.days.add((int(office_id), day))
    for old_office in state.attrs.office_id.history.deleted or [office_id]:
        for old_day in state.attrs.visit_date.history.deleted or [day]:
            noted.days.add((int(old_office), old_day))
    for visitor_id in (_loaded(visit, "visitor_id"), *state.attrs.visitor_id.history.deleted):
        if visitor_id is not None and visitors:
            noted.note_visitor(int(visitor_id), day)


def _note_parent_visit(
    session: Session, noted: _Noted, visit_id: object, own: set[int], row: object
) -> None:
    """A child row of a visit: its visit's day, from the session or looked up later."""
    visit = None if visit_id is None else session.identity_map.get(identity_key(Visit, visit_id))
    if visit is not None and _loaded(visit, "office_id") is not None:
        _note_visit(noted, visit, visitors=False)
    elif visit_id is not None:
        noted.visits.add(int(visit_id))  # type: ignore[call-overload]
    elif (identity := inspect(row).identity) is not None:
        own.add(int(identity[0]))


def _note_target(noted: _Noted, target: SopStep) -> None:
    history = inspect(target).attrs.effective_from.history
    days = [day for day in (*history.added, *history.unchanged, *history.deleted) if day]
    if days:
        earliest = min(days)
        if noted.targets_from is None or earliest < noted.targets_from:
            noted.targets_from = earliest


def _note_office(noted: _Noted, office: Office) -> None:
    if inspect(office).attrs.timezone.history.deleted:
        noted.offices.add(int(office.id))


def _note_id(ids: set[int], parent_id: object) -> None:
    """A child row's parent (a step, a request) whose visit's day is looked up later."""
    if parent_id is not None:
        ids.add(int(parent_id))  # type: ignore[call-overload]


def note_flushed_rows(session: Session, _flush_context: Any) -> None:
    """``after_flush``: note what this flush wrote that each family of rollups follows."""
    noted = _noted(session)
    steps_noted, visits_noted = noted[STEPS], noted[VISITS]
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, Visit):
            _note_visit(steps_noted, instance, visitors=False)
            _note_visit(visits_noted, instance)
        elif isinstance(instance, VisitStep):
            visit_id = _loaded(instance, "visit_id")
            _note_parent_visit(session, steps_noted, visit_id, steps_noted.steps, instance)
        elif isinstance(instance, StepTimeCorrection):
            _note_id(steps_noted.steps, _loaded(instance, "visit_step_id"))
        elif isinstance(instance, DataRequest):
            visit_id = _loaded(instance, "visit_id")
            _note_parent_visit(session, visits_noted, visit_id, visits_noted.requests, instance)
        elif isinstance(instance, DataRequestPublication):
            _note_id(visits_noted.requests, _loaded(instance, "data_request_id"))
        elif isinstance(instance, Visitor):
            if (identity := inspect(instance).identity) is not None:
                visits_noted.note_visitor(int(identity[0]), None)  # the profile of every visit
        elif isinstance(instance, SopStep):
            _note_target(steps_noted, instance)
        elif isinstance(instance, Office):
            _note_office(visits_noted, instance)


def note_request(session: Session, request_id: int) -> None:
    """A write of a data request's rows that bypassed the unit of work (a Core delete of its
    publication links): its day is recomputed at the commit."""
    _noted(session)[VISITS].requests.add(request_id)


def forget_noted_rows(session: Session, transaction: Any) -> None:
    """``after_transaction_end``: nothing noted carries over into the next transaction."""
    if transaction.parent is None:
        session.info.pop(NOTED, None)


def take_noted_days(session: Session) -> dict[str, set[Day]]:
    """Each family's noted days, the looked-up ones included, taken off the session (before
    the commit: ``db.change_marker`` bumps their offices, then calls ``refresh_days``)."""
    noted = session.info.pop(NOTED, None) or {}
    return {family: _days(session, found) for family, found in noted.items()}


def _days(session: Session, noted: _Noted) -> set[Day]:
    days = set(noted.days)
    for condition in noted.lookups():
        statement = select(Visit.office_id, Visit.visit_date).where(condition).distinct()
        days.update((int(office_id), as_date(day)) for office_id, day in session.execute(statement))
    return days


def offices_of(days: dict[str, set[Day]]) -> set[int]:
    """The offices of the noted days of every family."""
    return {office_id for family in days.values() for office_id, _day in family}


# -- recomputing ----------------------------------------------------------------------------------


def refresh_days(session: Session, days: dict[str, set[Day]]) -> None:
    """Recompute each family's rollups of its noted office days from their raw rows."""
    for office_id, day in sorted(days.get(STEPS, ())):
        steps.refresh(session, office_id, day)
    visit_days = sorted(days.get(VISITS, ()))
    if not visit_days:
        return
    offsets = visits.office_offsets(
        session,
        {office_id for office_id, _day in visit_days},
        min(day for _office, day in visit_days),
        max(day for _office, day in visit_days),
    )  # one read of the offices' zones for the whole transaction, not one per day
    for office_id, day in visit_days:
        visits.refresh(session, office_id, day, offsets[office_id])


def rebuild(session: Session, office_ids: Collection[int] | None = None) -> None:
    """Recompute the rollups of these offices (``None``: every office) from all their rows,
    in the caller's transaction: after writes that bypassed sessions."""
    steps.rebuild(session, office_ids)
    visits.rebuild(session, office_ids)


def missing(session: Session) -> bool:
    """Whether the database has visits but no rollups (never filled)."""
    has_visits = session.scalar(select(exists().where(Visit.id.is_not(None))))
    has_rollups = session.scalar(select(exists().where(VisitDay.office_id.is_not(None))))
    return bool(has_visits) and not has_rollups
