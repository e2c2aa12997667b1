"""A whole visit through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from dashboard import sop
from dashboard.audit import Actor
from dashboard.errors import InputError
from dashboard.visits import services as visits
from dashboard.visits.guest_book import validate_guest_book
from db.models import VISIT_DONE, VISIT_REFUSED
from db.queries import visits as queries
from tests.helpers.clock import at
from tests.helpers.database import PreparedDatabase
from tests.helpers.staff import create_staff


def test_full_visit_with_sale_declined(db: PreparedDatabase) -> None:
    officer = create_staff(db, "petugas", "officer")
    t0 = at("2026-11-26 09:00")

    def actor(minutes: float) -> Actor:
        return Actor(officer, db.office_id, t0 + timedelta(minutes=minutes))

    with db.database.transaction() as s:
        visit = visits.start_visit(s, actor(0), client_key="k1")
        visit_id = visit.id
        assert visit.code == "A-001"
    with db.database.transaction() as s:
        visits.record_screening(s, actor(1), visit_id, True, "36,5", Decimal("37.5"))
    with db.database.transaction() as s:
        visits.place_bag(s, actor(2), visit_id, 1, 30)
    entry = validate_guest_book(
        name="Siti",
        gender="P",
        birth_year="1999",
        education="s1",
        occupation="pelajar",
        institution="Univ",
        institution_type="pendidikan",
        phone="0812 3456 7890",
        email=None,
        current_year=2026,
    )
    with db.database.transaction() as s:
        visits.record_guest_book(s, actor(5), visit_id, entry)
    with db.database.transaction() as s:
        visits.start_waiting_step(s, actor(7), visit_id, sop.PURPOSE)
        visits.record_purpose(
            s, actor(10), visit_id, "perpustakaan", ["PDRB", "Penduduk"], ["perpustakaan"]
        )
    with db.database.transaction() as s:
        visits.finish_search(s, actor(13), visit_id, None)
    with db.database.transaction() as s:
        reqs = queries.requests_of_visit(s, visit_id)
        visits.record_availability(
            s,
            actor(14),
            visit_id,
            [
                visits.RequestDecision(reqs[0].id, True),
                visits.RequestDecision(reqs[1].id, False, "Disdukcapil"),
            ],
        )
    with db.database.transaction() as s:
        visits.seat_at_reading_table(s, actor(15), visit_id, 2, 8)
    with db.database.transaction() as s:
        visits.start_waiting_step(s, actor(40), visit_id, sop.PURCHASE_OFFER)
        visits.record_purchase_offer(s, actor(42), visit_id, False)
    with db.database.transaction() as s:
        visits.start_waiting_step(s, actor(45), visit_id, sop.BAG_RETURN)
        with pytest.raises(InputError):
            visits.return_bag(s, actor(46), visit_id, "A-2")
    with db.database.transaction() as s:
        visits.return_bag(s, actor(46), visit_id, "a1")
    with db.database.reading() as s:
        v = queries.visit_with_details(s, visit_id)
        assert v.status == VISIT_DONE
        assert [st.step_number for st in v.steps] == [1, 2, 3, 4, 6, 7, 8, 9, 10]
        assert all(st.ended_at is not None for st in v.steps)
        purpose = v.steps[3]
        assert (purpose.started_at - purpose.queued_at) == timedelta(minutes=2)


def test_refused_at_screening(db: PreparedDatabase) -> None:
    officer = create_staff(db, "petugas", "officer")
    actor = Actor(officer, db.office_id, at("2026-11-26 09:00"))
    with db.database.transaction() as s:
        visit_id = visits.start_visit(s, actor).id
    with db.database.transaction() as s:
        visits.record_screening(s, actor, visit_id, True, "38,2", Decimal("37.5"))
    with db.database.reading() as s:
        v = queries.visit_with_details(s, visit_id)
        assert v.status == VISIT_REFUSED and v.admitted is False
