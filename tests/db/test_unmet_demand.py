"""The unmet-demand query (requests not available, per wording and agency, over a period of
visit days, for one office) and its grouping into topics, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import delete

from dashboard import sop
from dashboard.library.unmet_demand import build_unmet_demand
from dashboard.visits import services as visits
from db.models import Office
from db.queries import visits as queries
from db.queries.unmet_demand import UnmetRow, requests_in_period, unmet_requests
from tests.helpers.clock import at
from tests.helpers.database import PreparedDatabase
from tests.helpers.desk import Desk

SERVICE_TYPES = ["perpustakaan"]


def served(desk: Desk, when: str, decisions: list[tuple[str, str | None]]) -> int:
    """A whole visit arriving at ``when`` (WIB 'YYYY-MM-DD' at 09:00, or 'YYYY-MM-DD HH:MM')
    whose requests are decided as given: (text, agency), agency None meaning available.
    Returns the visit id."""
    desk.now = at(when if " " in when else f"{when} 09:00")
    visit_id = desk.new_visit()
    desk.walk(visit_id, sop.PURPOSE, slot=1, table=1)
    texts = [text for text, _agency in decisions]
    desk.do(
        lambda s, a: visits.record_purpose(s, a, visit_id, "perpustakaan", texts, SERVICE_TYPES)
    )
    desk.do(lambda s, a: visits.finish_search(s, a, visit_id, None))

    def decide(session, actor):  # type: ignore[no-untyped-def]
        requests = queries.requests_of_visit(session, visit_id)
        choices = [
            visits.RequestDecision(request.id, agency is None, agency)
            for request, (_text, agency) in zip(requests, decisions, strict=True)
        ]
        return visits.record_availability(session, actor, visit_id, choices)

    desk.do(decide)
    desk.walk(visit_id, None, slot=1, table=1)
    return visit_id


def test_unmet_requests_are_counted_per_wording_and_agency_within_the_period(
    desk: Desk,
) -> None:
    served(desk, "2026-01-05", [("Jumlah penduduk per kecamatan 2024", "Disdukcapil")])
    served(
        desk,
        "2026-03-10",
        [
            ("Jumlah penduduk per kecamatan 2024", "Disdukcapil"),
            ("PDRB 2025", None),
        ],
    )
    served(desk, "2026-03-11", [("data kependudukan menurut kecamatan", "Disdukcapil")])
    served(desk, "2026-04-01", [("Jumlah penduduk per kecamatan 2024", "Dinas Sosial")])
    served(desk, "2025-12-31", [("Curah hujan harian", "BMKG")])  # before the period
    served(desk, "2027-01-01", [("Curah hujan harian", "BMKG")])  # after it

    first, last = date(2026, 1, 1), date(2026, 12, 31)
    with desk.db.database.reading() as session:
        rows = unmet_requests(session, desk.db.office_id, first, last)
        total = requests_in_period(session, desk.db.office_id, first, last)
    assert rows == [
        UnmetRow("Jumlah penduduk per kecamatan 2024", "Disdukcapil", 2, date(2026, 3, 10)),
        UnmetRow("Jumlah penduduk per kecamatan 2024", "Dinas Sosial", 1, date(2026, 4, 1)),
        UnmetRow("data kependudukan menurut kecamatan", "Disdukcapil", 1, date(2026, 3, 11)),
    ]
    assert total == 5  # the available PDRB request counts in the base

    demand = build_unmet_demand(first, last, rows, total)
    (topic,) = demand.groups
    assert (topic.label, topic.count, topic.wordings) == (
        "Jumlah penduduk per kecamatan 2024",
        4,
        2,
    )
    assert topic.share == pytest.approx(4 / 5)
    assert topic.last_asked == date(2026, 4, 1)
    assert topic.agencies == (("Disdukcapil", 3), ("Dinas Sosial", 1))
    assert (demand.unmet, demand.total) == (4, 5)


def test_period_bounds_are_inclusive_visit_days_in_wib(desk: Desk) -> None:
    # Arriving 23:20 WIB on 31 Dec (16:20 UTC): the visit day is 31 Dec, though the steps
    # end after midnight.
    served(desk, "2026-12-31 23:20", [("Luas panen padi", "Dinas Pertanian")])
    served(desk, "2026-12-01 07:30", [("Luas panen jagung", "Dinas Pertanian")])
    with desk.db.database.reading() as session:
        december = unmet_requests(session, desk.db.office_id, date(2026, 12, 1), date(2026, 12, 31))
        last_day = unmet_requests(
            session, desk.db.office_id, date(2026, 12, 31), date(2026, 12, 31)
        )
        after = unmet_requests(session, desk.db.office_id, date(2027, 1, 1), date(2027, 1, 31))
    assert sorted(row.description for row in december) == ["Luas panen jagung", "Luas panen padi"]
    assert [row.description for row in last_day] == ["Luas panen padi"] and after == []


@pytest.fixture
def other_office(db: PreparedDatabase) -> Iterator[int]:
    """A second office for the duration of a test, removed with its visits afterwards."""
    with db.database.transaction() as session:
        office = Office(code="9999", name="BPS Kabupaten Uji", city="Uji")
        session.add(office)
        session.flush()
        office_id = office.id
    yield office_id
    db.empty_operational_tables()
    with db.database.transaction() as session:
        session.execute(delete(Office).where(Office.id == office_id))


def test_other_offices_and_undecided_requests_are_left_out(
    db: PreparedDatabase, desk: Desk, other_office: int
) -> None:
    other_id = other_office
    elsewhere = Desk(PreparedDatabase(db.database, other_id), desk.officer)
    served(elsewhere, "2026-02-02", [("Jumlah ternak sapi", "Dinas Peternakan")])
    served(desk, "2026-02-02", [("Jumlah ternak sapi", "Dinas Peternakan")])
    desk.now = at("2026-02-03 09:00")
    waiting = desk.new_visit()
    desk.walk(waiting, sop.PURPOSE, slot=2)
    desk.do(
        lambda s, a: visits.record_purpose(
            s, a, waiting, "perpustakaan", ["Jumlah ternak"], SERVICE_TYPES
        )
    )
    first, last = date(2026, 2, 1), date(2026, 2, 28)
    with db.database.reading() as session:
        rows = unmet_requests(session, db.office_id, first, last)
        total = requests_in_period(session, db.office_id, first, last)
        other_total = requests_in_period(session, other_id, first, last)
    assert [(row.description, row.count) for row in rows] == [("Jumlah ternak sapi", 1)]
    assert (total, other_total) == (2, 1)  # the undecided request counts in the base only


def test_an_empty_period(desk: Desk) -> None:
    day = date(2030, 6, 1)
    with desk.db.database.reading() as session:
        assert unmet_requests(session, desk.db.office_id, day, day + timedelta(days=1)) == []
        assert requests_in_period(session, desk.db.office_id, day, day) == 0
