"""The rollups (``db.rollups``) stay exact through the desk's own writes, on SQLite and
PostgreSQL: after visits walked through the SOP, a refused one, one left open, a time
corrected on an earlier day, a revised SOP target recorded after the day's steps, a returning
visitor whose profile changed, and a rolled-back transaction, the rollups equal a rebuild
from the raw rows; and a database with visits but no rollups (the first start after
migration 0010) gets them on migrating."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, select

from dashboard import sop
from dashboard.audit import Actor
from dashboard.metrics import loaders
from dashboard.metrics.period import Period
from dashboard.office.sop_targets import record_sop_revision
from dashboard.visits import services
from dashboard.visits.corrections import correct_step_time
from db import rollups
from db.migrate import upgrade_to_newest
from db.models import (
    CorrectionDay,
    Publication,
    ReferredRequest,
    SopStep,
    StepDay,
    StepMinutesDay,
    StepMinutesMonth,
    StepTimeDay,
    StepTimeMonth,
    VisitDay,
    VisitDayCount,
    VisitHour,
    VisitMonthCount,
    VisitStep,
)
from db.queries import visits as visit_queries
from tests.helpers.clock import at
from tests.helpers.database import BACKENDS, PreparedDatabase, prepared_backend
from tests.helpers.desk import THRESHOLD, Desk
from tests.helpers.staff import create_staff

ROLLUPS = (
    ReferredRequest,
    CorrectionDay,
    StepTimeDay,
    StepTimeMonth,
    StepDay,
    StepMinutesDay,
    StepMinutesMonth,
    VisitDay,
    VisitHour,
    VisitDayCount,
    VisitMonthCount,
)
DAY_ONE = date(2026, 11, 26)


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest) -> Iterator[PreparedDatabase]:
    prepared = prepared_backend(request, request.param)
    yield prepared
    with prepared.database.transaction() as session:  # the SOP versions a test recorded
        session.execute(delete(SopStep).where(SopStep.effective_from >= DAY_ONE))
    prepared.empty_operational_tables()


@pytest.fixture
def desk(db: PreparedDatabase) -> Desk:
    return Desk(db, create_staff(db, "petugas-rollup", "officer"))


def stored(db: PreparedDatabase) -> dict[str, list[tuple[Any, ...]]]:
    """Every rollup row, without the counts' row ids (a rebuild numbers them anew)."""
    with db.database.reading() as session:
        return {
            model.__tablename__: sorted(
                (
                    tuple(row)
                    for row in session.execute(
                        select(*(c for c in model.__table__.columns if c.name != "id"))
                    )
                ),
                key=repr,
            )
            for model in ROLLUPS
        }


def rebuilt(db: PreparedDatabase) -> dict[str, list[tuple[Any, ...]]]:
    """The rollups recomputed whole from the raw rows (committed: the test's data is its own)."""
    with db.database.transaction() as session:
        rollups.rebuild(session)
    return stored(db)


def a_busy_desk(desk: Desk) -> dict[str, int]:
    """Two days at the desk: visits walked to the end, one left waiting, one refused, a time
    corrected."""
    visits = {}
    for name in ("done-1", "done-2", "waiting"):
        visits[name] = desk.new_visit()
    desk.walk(visits["done-1"], None, slot=1, table=1)
    desk.walk(visits["done-2"], None, slot=2, available=False)
    desk.walk(visits["waiting"], sop.PURPOSE, slot=3, start_waiting=False)
    visits["refused"] = desk.new_visit()
    desk.do(
        lambda s, a: services.record_screening(s, a, visits["refused"], True, "38,9", THRESHOLD)
    )
    desk.now = at("2026-11-27 09:00")
    visits["next-day"] = desk.new_visit()
    desk.walk(visits["next-day"], None, slot=4, table=2)
    last = step_id(desk.db, visits["next-day"], sop.BAG_RETURN)
    with desk.db.database.reading() as session:
        step = session.get(VisitStep, last)
        assert step is not None and step.ended_at is not None
        later = step.ended_at + timedelta(minutes=5)
    desk.now += timedelta(minutes=10)
    desk.do(lambda s, a: correct_step_time(s, a, last, "ended_at", later, "Lupa menekan selesai"))
    return visits


def step_id(db: PreparedDatabase, visit_id: int, number: int) -> int:
    with db.database.reading() as session:
        steps = visit_queries.steps_of_visit(session, visit_id)
        return next(step.id for step in steps if step.step_number == number)


def test_the_desk_keeps_the_rollups_equal_to_a_rebuild(db: PreparedDatabase, desk: Desk) -> None:
    a_busy_desk(desk)
    kept = stored(db)
    assert all(kept[model.__tablename__] for model in ROLLUPS)
    assert kept == rebuilt(db)


def test_a_correction_of_an_earlier_day_moves_that_day_and_its_month(
    db: PreparedDatabase, desk: Desk
) -> None:
    visits = a_busy_desk(desk)
    corrected = step_id(db, visits["done-1"], sop.BAG_RETURN)
    with db.database.reading() as session:
        step = session.get(VisitStep, corrected)
        assert step is not None and step.started_at is not None
        longer_end = step.started_at + timedelta(minutes=47)
    desk.do(lambda s, a: correct_step_time(s, a, corrected, "ended_at", longer_end, "Salah klik"))
    assert stored(db) == rebuilt(db)
    with db.database.reading() as session:
        figures = loaders.load_steps(session, Period(DAY_ONE, DAY_ONE), [db.office_id])
        month = loaders.load_steps(
            session, Period(date(2026, 11, 1), date(2026, 11, 30)), [db.office_id]
        )
    bag_return = next(row for row in figures.steps if row.step == sop.BAG_RETURN)
    assert bag_return.durations.max_seconds == 47 * 60
    monthly = next(row for row in month.steps if row.step == sop.BAG_RETURN)
    assert monthly.durations.max_seconds == 47 * 60


def test_a_revised_target_recorded_after_the_days_steps_counts_for_that_day(
    db: PreparedDatabase, desk: Desk
) -> None:
    visit = desk.new_visit()
    desk.walk(visit, None)
    day = Period(DAY_ONE, DAY_ONE)
    with db.database.reading() as session:
        before = loaders.load_steps(session, day, [db.office_id])
    bag_rack = next(row for row in before.steps if row.step == sop.BAG_RACK)
    assert bag_rack.meeting == 1  # the walk takes a minute per action
    admin = create_staff(db, "admin-rollup", "admin")
    with db.database.transaction() as session:
        record_sop_revision(
            session,
            Actor(admin, db.office_id, desk.now),
            "SOP-REV-ROLLUP",
            DAY_ONE,
            {sop.BAG_RACK: None},
            DAY_ONE,
        )
    with db.database.reading() as session:
        after = loaders.load_steps(session, day, [db.office_id])
    assert next(row for row in after.steps if row.step == sop.BAG_RACK).with_target == 0
    assert stored(db) == rebuilt(db)


def test_a_rolled_back_transaction_leaves_the_rollups_alone(
    db: PreparedDatabase, desk: Desk
) -> None:
    visit = desk.new_visit()
    desk.walk(visit, None)
    kept = stored(db)
    screening = step_id(db, visit, sop.SCREENING)
    with pytest.raises(RuntimeError), db.database.transaction() as session:
        step = session.get(VisitStep, screening)
        assert step is not None and step.started_at is not None
        step.ended_at = step.started_at + timedelta(hours=3)
        session.flush()
        raise RuntimeError("the action failed after its flush")
    assert stored(db) == kept


def test_migrating_fills_the_rollups_of_a_database_that_has_none(
    db: PreparedDatabase, desk: Desk
) -> None:
    a_busy_desk(desk)
    kept = stored(db)
    with db.database.transaction() as session:
        for model in ROLLUPS:
            session.execute(delete(model))
    with db.database.reading() as session:
        assert rollups.missing(session)
        assert session.scalar(select(StepDay.office_id)) is None
    upgrade_to_newest(db.database.engine)
    assert stored(db) == kept


def test_removing_a_pick_recomputes_the_publications_asked_for(
    db: PreparedDatabase, desk: Desk
) -> None:
    """Unlinking a publication deletes its link outside the unit of work; the rollups follow."""
    visit = desk.new_visit()
    desk.walk(visit, sop.SEARCH)
    with db.database.reading() as session:
        request = visit_queries.requests_of_visit(session, visit)[0].id
        publications = list(
            session.scalars(
                select(Publication.id).where(Publication.office_id == db.office_id).limit(2)
            )
        )
    for publication in publications:
        desk.do(lambda s, a, p=publication: services.mark_request_found(s, a, visit, request, p))
    desk.do(lambda s, a: services.unmark_request_found(s, a, visit, request, publications[0]))
    with db.database.reading() as session:
        asked = loaders.load_publications(session, Period(DAY_ONE, DAY_ONE), [db.office_id])
    assert [row.publication_id for row in asked.requested] == [publications[1]]
    assert stored(db) == rebuilt(db)
