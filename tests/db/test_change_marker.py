"""The per-office change marker (``db.change_marker``) on SQLite and PostgreSQL: every kind of
write raises its office's version by exactly one per transaction, a refused or rolled-back
action raises nothing, another office's marker stays, and the demo's row writer (which
bypasses the sessions) bumps too."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from dashboard import sop
from dashboard.audit import Actor
from dashboard.demo.runner import DemoOptions, run_demo
from dashboard.errors import InputError
from dashboard.library.catalog import validate_publication
from dashboard.library.catalog_service import add_publication, update_publication
from dashboard.office import staff as staff_service
from dashboard.pnbp import rules as pnbp
from dashboard.pnbp import sales, tariffs
from dashboard.pnbp.rules import SaleInput, SaleLine
from dashboard.setup.database import prepare_database
from dashboard.visits import services as visits
from dashboard.visits.corrections import correct_step_time
from db import bulk_writer
from db.change_marker import bump_offices
from db.models import OfficeChange, VisitStep
from db.queries.live import marker_version
from db.reference_data import OfficeSeed, ensure_office
from tests.helpers.clock import at
from tests.helpers.database import PreparedDatabase, fresh_database
from tests.helpers.staff import create_staff

T = TypeVar("T")

T0 = at("2026-11-26 09:00")  # a Thursday, inside service hours
THRESHOLD = Decimal("37.5")
OTHER_OFFICE = OfficeSeed(code="9831", name="BPS Uji Penanda", city="Uji")


def version(db: PreparedDatabase, office_id: int | None = None) -> int:
    with db.database.reading() as session:
        return marker_version(session, office_id or db.office_id)


class Desk:
    """One officer of one office, acting one transaction at a time, a minute apart."""

    def __init__(self, db: PreparedDatabase, user_id: int, office_id: int) -> None:
        self.db, self.user_id, self.office_id, self.now = db, user_id, office_id, T0

    def do(self, action: Callable[[Session, Actor], T]) -> T:
        self.now += timedelta(minutes=1)
        with self.db.database.transaction() as session:
            return action(session, Actor(self.user_id, self.office_id, self.now))

    def bumps(self, action: Callable[[Session, Actor], T]) -> tuple[T, int]:
        """Run ``action``; its result and how much it raised the office's version."""
        before = version(self.db, self.office_id)
        result = self.do(action)
        return result, version(self.db, self.office_id) - before


@pytest.fixture
def desk(db: PreparedDatabase, monkeypatch: pytest.MonkeyPatch) -> Desk:
    monkeypatch.setattr(
        staff_service,
        "generate_password_hash",
        lambda password: generate_password_hash(password, method="pbkdf2:sha256:1"),
    )
    return Desk(db, create_staff(db, "petugas", "officer"), db.office_id)


def arrive(desk: Desk) -> int:
    return desk.do(lambda s, a: visits.start_visit(s, a)).id


def screen(desk: Desk, visit_id: int) -> Callable[[Session, Actor], Any]:
    return lambda s, a: visits.record_screening(s, a, visit_id, True, "36,5", THRESHOLD)


def step_row(db: PreparedDatabase, visit_id: int, number: int) -> VisitStep:
    with db.database.reading() as session:
        step = session.scalar(
            select(VisitStep).where(VisitStep.visit_id == visit_id, VisitStep.step_number == number)
        )
        assert step is not None
        return step


def test_an_arrival_and_each_step_bump_by_one(desk: Desk) -> None:
    before = version(desk.db)
    visit_id = arrive(desk)
    assert version(desk.db) == before + 1
    assert desk.bumps(screen(desk, visit_id))[1] == 1
    # place_bag flushes inside a savepoint: still one bump for the one transaction
    assert desk.bumps(lambda s, a: visits.place_bag(s, a, visit_id, 3, 30))[1] == 1


def test_a_correction_bumps_by_one(desk: Desk) -> None:
    visit_id = arrive(desk)
    desk.do(screen(desk, visit_id))
    screening = step_row(desk.db, visit_id, sop.SCREENING)
    assert screening.ended_at is not None
    earlier = screening.ended_at - timedelta(seconds=30)
    _, raised = desk.bumps(
        lambda s, a: correct_step_time(s, a, screening.id, "ended_at", earlier, "Salah klik")
    )
    assert raised == 1


def _page_line(desk: Desk) -> SaleLine:
    tariff = desk.do(
        lambda s, a: tariffs.add_tariff(
            s,
            a,
            item_kind=pnbp.KIND_PRINTED_PAGE,
            label="Cetak halaman uji penanda",
            unit=None,
            amount=1_000,
            valid_from=date(2026, 1, 1),
            valid_to=None,
        )
    )
    return SaleLine(tariff_id=tariff.id, quantity=3, unit_price=1_000, description="Tabel PDRB")


def test_a_sale_and_its_void_bump_by_one_each(desk: Desk, db: PreparedDatabase) -> None:
    line = _page_line(desk)
    treasurer = Desk(db, create_staff(db, "bendahara", "treasurer"), db.office_id)
    treasurer.now = desk.now
    data = SaleInput("Siti Aminah", None, "cash", None, (line,))
    sale, raised = treasurer.bumps(lambda s, a: sales.record_sale(s, a, data))
    assert raised == 1
    assert treasurer.bumps(lambda s, a: sales.void_sale(s, a, sale.id, "Salah ketik"))[1] == 1


def test_a_catalog_edit_bumps_by_one(desk: Desk) -> None:
    fields = {
        "catalog_number": "UJI-PENANDA-1",
        "title": "Statistik Uji Penanda",
        "year": 2025,
        "subject": "wilayah",
        "has_hardcopy": True,
        "hardcopy_stock": 2,
        "shelf_location": "Rak A-1",
        "has_softcopy": False,
    }
    data = validate_publication(fields, current_year=2026)
    publication, raised = desk.bumps(lambda s, a: add_publication(s, a, data))
    assert raised == 1
    edited = validate_publication({**fields, "hardcopy_stock": 5}, current_year=2026)
    assert desk.bumps(lambda s, a: update_publication(s, a, publication.id, edited))[1] == 1


def test_a_refused_action_bumps_nothing(desk: Desk) -> None:
    visit_id = arrive(desk)
    before = version(desk.db)
    with pytest.raises(InputError):
        desk.do(lambda s, a: visits.record_screening(s, a, visit_id, True, "panas", THRESHOLD))
    assert version(desk.db) == before
    desk.do(screen(desk, visit_id))
    other = arrive(desk)
    desk.do(screen(desk, other))
    before = version(desk.db)

    def both_on_slot_4(session: Session, actor: Actor) -> None:
        visits.place_bag(session, actor, visit_id, 4, 30)  # written (flushed), then undone
        visits.place_bag(session, actor, other, 4, 30)  # refused: the slot is taken

    with pytest.raises(InputError):
        desk.do(both_on_slot_4)
    assert version(desk.db) == before


def test_a_rolled_back_transaction_bumps_nothing(desk: Desk) -> None:
    before = version(desk.db)
    with pytest.raises(RuntimeError), desk.db.database.transaction() as session:
        visits.start_visit(session, Actor(desk.user_id, desk.office_id, T0))
        session.flush()
        raise RuntimeError("the desk's PC lost power")
    assert version(desk.db) == before


def test_a_write_to_one_office_leaves_the_other(desk: Desk, db: PreparedDatabase) -> None:
    with db.database.transaction() as session:
        other_id = ensure_office(session, OTHER_OFFICE).id
    other = Desk(db, desk.user_id, other_id)
    mine, theirs = version(db), version(db, other_id)
    arrive(desk)
    assert (version(db), version(db, other_id)) == (mine + 1, theirs)
    arrive(other)
    assert (version(db), version(db, other_id)) == (mine + 1, theirs + 1)


def test_a_child_row_whose_parent_is_not_loaded_bumps_its_office(desk: Desk) -> None:
    """A step added by its visit id alone (the visit not in the session): traced before the
    commit."""
    visit_id = arrive(desk)
    before = version(desk.db)
    with desk.db.database.transaction() as session:
        session.add(VisitStep(visit_id=visit_id, step_number=sop.BAG_RACK, queued_at=T0))
    assert version(desk.db) == before + 1


def test_an_audited_action_without_office_rows_bumps_the_actors_office(
    desk: Desk, db: PreparedDatabase
) -> None:
    """A new staff account has no office column: the audit event names the acting office."""
    _, raised = desk.bumps(
        lambda s, a: staff_service.add_user(
            s,
            a,
            username="kasir2",
            full_name="Uji Kasir",
            role="treasurer",
            password="rahasia-1234",
        )
    )
    assert raised == 1


def test_bump_offices_on_a_connection(db: PreparedDatabase) -> None:
    with db.database.transaction() as session:
        other_id = ensure_office(session, OTHER_OFFICE).id
    mine, theirs = version(db), version(db, other_id)
    with db.database.engine.begin() as connection:
        bump_offices(connection, [db.office_id, other_id, db.office_id])
    assert (version(db), version(db, other_id)) == (mine + 1, theirs + 1)
    with pytest.raises(RuntimeError), db.database.engine.begin() as connection:
        bump_offices(connection, [db.office_id])
        raise RuntimeError("rolled back")
    assert version(db) == mine + 1


def test_the_first_write_of_an_office_starts_its_marker(db: PreparedDatabase) -> None:
    with db.database.transaction() as session:
        office_id = ensure_office(
            session, OfficeSeed(code=f"T{uuid.uuid4().hex[:7]}", name="Baru", city="Uji")
        ).id
    with db.database.reading() as session:
        row = session.get(OfficeChange, office_id)
        assert row is not None and row.version == 1
        assert row.changed_at.tzinfo is not None


# -- the demo's row writer ------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_demo_row_writer_bumps_once_per_transaction(
    backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each of the row writer's transactions bumps the office by one, inside the transaction
    that writes its rows (the bump is seen by that transaction before it commits)."""
    seen: list[tuple[int, int]] = []

    def counting(connection: Connection, office_ids: Iterable[int]) -> None:
        (office_id,) = office_ids
        with database.reading() as session:
            before = marker_version(session, office_id)
        bump_offices(connection, [office_id])
        inside = connection.execute(
            select(OfficeChange.version).where(OfficeChange.office_id == office_id)
        ).scalar_one()
        seen.append((before, inside))

    monkeypatch.setattr(bulk_writer, "bump_offices", counting)
    with fresh_database(backend, tmp_path, "marker") as database:
        office = prepare_database(database)
        end = datetime(2026, 11, 26, 3, 30, tzinfo=UTC)
        run_demo(database, office.id, DemoOptions(offices=("1603",), years=1 / 52, seed=3, now=end))
        with database.reading() as session:
            final = marker_version(session, office.id)
    assert len(seen) >= 2, "the row writer's batches and its books each bump"
    assert all(inside == before + 1 for before, inside in seen), seen
    assert final >= seen[-1][1]
