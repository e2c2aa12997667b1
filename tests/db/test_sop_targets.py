"""Revised SOP targets (``dashboard.office.sop_targets``) on SQLite and PostgreSQL: a version
is recorded whole in one transaction with its audit event and listed with who recorded it;
bad input is refused in Indonesian and writes nothing; and a revision changes the compliance
of the days from its effective date on, never of the days before."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, select

from dashboard import sop
from dashboard.metrics import loaders
from dashboard.metrics.period import Period
from dashboard.office.sop_targets import load_sop_versions, record_sop_revision
from dashboard.trends.stats import load_period_stats, stats_json
from dashboard.visits import services as visits
from db.models import AuditEvent, SopStep
from tests.helpers.clock import at
from tests.helpers.database import PreparedDatabase, assert_refused
from tests.helpers.desk import RACK_SLOTS, THRESHOLD, Desk
from tests.helpers.staff import create_staff

DAY_1 = date(2026, 11, 26)
DAY_2 = date(2026, 11, 27)
DOCUMENT = "B-123/16030/PS.100/2026"


@pytest.fixture
def admin(db: PreparedDatabase, fast_hashing: None) -> Iterator[Desk]:
    """The administrator (acting through a desk of their own, the clock on DAY_2), and the
    versions they record removed afterwards (``sop_step`` is reference data)."""
    desk = Desk(db, create_staff(db, "admin-sop", "admin"), now=at("2026-11-27 08:00"))
    yield desk
    with db.database.transaction() as session:
        session.execute(delete(SopStep).where(SopStep.document_number.is_not(None)))


def bag_visit(desk: Desk, bag_minutes: float, slot: int) -> int:
    """A visit through screening and a bag placement of ``bag_minutes`` (step 2)."""
    visit_id = desk.new_visit()
    desk.do(lambda s, a: visits.record_screening(s, a, visit_id, True, "36,5", THRESHOLD))
    desk.do(lambda s, a: visits.place_bag(s, a, visit_id, slot, RACK_SLOTS), bag_minutes)
    return visit_id


def revise(admin: Desk, effective: str, **targets: object):  # type: ignore[no-untyped-def]
    today = admin.now.date()
    by_number = {int(key.removeprefix("step_")): value for key, value in targets.items()}
    return admin.do(lambda s, a: record_sop_revision(s, a, DOCUMENT, effective, by_number, today))


def test_a_revision_changes_later_days_only(desk: Desk, admin: Desk) -> None:
    desk.now = at("2026-11-26 09:00")
    bag_visit(desk, 3, 1)  # DAY_1: 3 minutes at the bag rack, target 3: meets
    desk.now = at("2026-11-27 09:00")
    bag_visit(desk, 3, 2)  # DAY_2: the same
    both = Period(DAY_1, DAY_2)
    office = [desk.db.office_id]
    with desk.db.database.reading() as session:
        before = loaders.load_step_compliance(session, both, "day", office)
    assert [(c.period.first_day, c.meeting, c.with_target) for c in before if c.step == 2] == [
        (DAY_1, 1, 1),
        (DAY_2, 1, 1),
    ]
    targets = {f"step_{step.number}": step.target_minutes for step in sop.STEPS}
    targets["step_2"] = 2
    revise(admin, DAY_2.isoformat(), **targets)
    with desk.db.database.reading() as session:
        after = loaders.load_step_compliance(session, both, "day", office)
        answer = stats_json(load_period_stats(session, both, office))
        day_1 = stats_json(load_period_stats(session, Period(DAY_1, DAY_1), office))
    # DAY_1 keeps its target 3 (met); DAY_2's 3 minutes now miss the new 2.
    assert [(c.period.first_day, c.meeting, c.with_target) for c in after if c.step == 2] == [
        (DAY_1, 1, 1),
        (DAY_2, 0, 1),
    ]
    bag = next(row for row in answer["steps"] if row["step"] == 2)
    assert (bag["target_minutes"], bag["within_target_share"]) == (2, 0.5)
    bag_1 = next(row for row in day_1["steps"] if row["step"] == 2)
    assert (bag_1["target_minutes"], bag_1["within_target_share"]) == (3, 1.0)


def test_a_version_is_listed_with_who_recorded_it(admin: Desk) -> None:
    revise(admin, "2026-12-01", step_2=2, step_9=12)
    with admin.db.database.reading() as session:
        versions = load_sop_versions(session)
        rows = session.scalars(
            select(SopStep).where(SopStep.effective_from == date(2026, 12, 1))
        ).all()
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "sop_revised")).all()
    newest, *older = versions
    assert (newest.effective_from, newest.document_number) == (date(2026, 12, 1), DOCUMENT)
    assert newest.recorded_by == "Uji Admin-Sop" and newest.recorded_at is not None
    # Every SOP step gets a row of the version; a blank visit step has no target; 11 and 12
    # keep theirs (none).
    assert sorted(row.number for row in rows) == sorted(step.number for step in sop.STEPS)
    assert newest.targets[2] == 2 and newest.targets[9] == 12 and newest.targets[1] is None
    assert newest.targets[3] is None  # left blank: no target in this version
    assert newest.total_minutes == 14
    # The shipped version: no document, no one recorded it; still listed.
    assert older[-1].document_number is None and older[-1].recorded_by is None
    assert older[-1].targets[2] == 3
    assert len(audit) == 1 and audit[0].row_id == min(row.id for row in rows)


@pytest.mark.parametrize(
    ("effective", "targets", "field_key", "fragment"),
    [
        ("2026-11-26", {}, "effective_from", "tidak boleh sebelum hari ini"),
        ("", {}, "effective_from", "Isi tanggal berlaku"),
        ("2026-11-31", {}, "effective_from", "Isi tanggal berlaku"),
        ("2026-12-01", {"step_2": "0"}, "target_2", "bilangan bulat 1–600 menit"),
        ("2026-12-01", {"step_9": "2,5"}, "target_9", "bilangan bulat 1–600 menit"),
        ("2026-12-01", {"step_4": "601"}, "target_4", "bilangan bulat 1–600 menit"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    admin: Desk, effective: str, targets: dict[str, str], field_key: str, fragment: str
) -> None:
    today = admin.now.date()
    by_number = {int(key.removeprefix("step_")): value for key, value in targets.items()}
    assert_refused(
        admin,
        lambda s, a: record_sop_revision(s, a, DOCUMENT, effective, by_number, today),
        field_key,
        fragment,
        [SopStep, AuditEvent],
    )


def test_a_document_number_is_required_and_versions_go_forward(admin: Desk) -> None:
    today = admin.now.date()
    assert_refused(
        admin,
        lambda s, a: record_sop_revision(s, a, "  ", "2026-12-01", {}, today),
        "document_number",
        "Isi nomor dokumen SOP",
        [SopStep, AuditEvent],
    )
    revise(admin, "2026-12-10", step_2=2)
    assert_refused(
        admin,
        lambda s, a: record_sop_revision(s, a, DOCUMENT, "2026-12-05", {}, today),
        "effective_from",
        "Sudah ada versi yang berlaku sejak 10 Des 2026",
        [SopStep, AuditEvent],
    )
    assert today + timedelta(days=1) < date(2026, 12, 10)
