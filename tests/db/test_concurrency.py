"""Officers acting at the same moment, each request in its own transaction and thread: the
database (SQLite's write lock, PostgreSQL's row locks and unique indexes) keeps the record
consistent, and the loser of a race gets a clear InputError, never a crash or a duplicate."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.audit import Actor
from dashboard.errors import FORM, InputError
from dashboard.visits import services as visits
from db.models import Visit, VisitStep
from tests.helpers.database import PreparedDatabase
from tests.helpers.desk import RACK_SLOTS, Desk

T = TypeVar("T")
THREADS = 8


def at_once(
    db: PreparedDatabase, count: int, work: Callable[[int, Session], T]
) -> list[T | BaseException]:
    """Run ``work(i, session)`` in ``count`` threads released together, each in its own
    transaction; a thread's result is its return value or the exception it raised."""
    barrier = threading.Barrier(count)

    def one(index: int) -> T | BaseException:
        barrier.wait(timeout=10)
        try:
            with db.database.transaction() as session:
                return work(index, session)
        except Exception as exc:
            return exc

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def split(results: list[Any]) -> tuple[list[Any], list[BaseException]]:
    successes = [r for r in results if not isinstance(r, BaseException)]
    failures = [r for r in results if isinstance(r, BaseException)]
    return successes, failures


def rows(db: PreparedDatabase, model: type, *where: Any) -> int:
    with db.database.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_simultaneous_arrivals_get_distinct_codes_without_gaps(desk: Desk) -> None:
    def arrive(index: int, session: Session) -> str:
        actor = Actor(desk.officer, desk.db.office_id, desk.now + timedelta(seconds=index))
        return visits.start_visit(session, actor, client_key=f"form-{index}").code

    results = at_once(desk.db, THREADS, arrive)
    codes, failures = split(results)
    assert failures == [], [repr(f) for f in failures]
    assert sorted(codes) == [f"A-{n:03d}" for n in range(1, THREADS + 1)]
    assert rows(desk.db, Visit) == THREADS
    assert rows(desk.db, VisitStep) == THREADS


def test_simultaneous_double_submit_makes_one_visit(desk: Desk) -> None:
    def arrive(_index: int, session: Session) -> int:
        return visits.start_visit(session, desk.actor(), client_key="same-form").id

    ids, failures = split(at_once(desk.db, 4, arrive))
    assert failures == [], [repr(f) for f in failures]
    assert len(set(ids)) == 1
    assert rows(desk.db, Visit) == 1


def test_two_visits_on_the_same_rack_slot_at_once(desk: Desk) -> None:
    first, second = desk.new_visit(), desk.new_visit()
    desk.walk(first, sop.BAG_RACK)
    desk.walk(second, sop.BAG_RACK)
    targets = (first, second)

    def place(index: int, session: Session) -> int:
        visit = visits.place_bag(session, desk.actor(), targets[index], 5, RACK_SLOTS)
        return visit.id

    placed, failures = split(at_once(desk.db, 2, place))
    assert len(placed) == 1, [repr(f) for f in failures]
    assert len(failures) == 1
    failure = failures[0]
    assert isinstance(failure, InputError), repr(failure)
    assert set(failure.errors) == {"rack_slot"}
    assert "Rak nomor 5" in failure.errors["rack_slot"]
    assert rows(desk.db, Visit, Visit.rack_slot == 5) == 1
    loser = second if placed == [first] else first
    assert desk.open_step(loser) == (sop.BAG_RACK, True)
    assert desk.open_step(placed[0]) == (sop.GUEST_BOOK, True)


def test_two_officers_ending_the_same_step_at_once(desk: Desk) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.SEARCH)

    def finish(_index: int, session: Session) -> int:
        return visits.finish_search(session, desk.actor(), visit_id, "dicari di rak").id

    done, failures = split(at_once(desk.db, 2, finish))
    assert len(done) == 1, [repr(f) for f in failures]
    assert len(failures) == 1
    failure = failures[0]
    assert isinstance(failure, InputError), repr(failure)
    assert set(failure.errors) == {FORM}
    assert "7. Ketersediaan data" in failure.errors[FORM]
    assert rows(desk.db, VisitStep, VisitStep.visit_id == visit_id) == 6
    assert rows(desk.db, VisitStep, VisitStep.step_number == sop.AVAILABILITY) == 1
    assert desk.open_step(visit_id) == (sop.AVAILABILITY, True)


@pytest.mark.parametrize("officers", [2, 4])
def test_officers_returning_the_same_bag_at_once(desk: Desk, officers: int) -> None:
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.BAG_RETURN)

    def hand_back(_index: int, session: Session) -> str:
        return visits.return_bag(session, desk.actor(), visit_id, "A-001").status

    done, failures = split(at_once(desk.db, officers, hand_back))
    assert len(done) == 1, [repr(f) for f in failures]
    assert all(isinstance(f, InputError) and "sudah ditutup" in f.errors[FORM] for f in failures), [
        repr(f) for f in failures
    ]
