"""The office profile saved by the administrator: stored, audited, printed on the next
receipt and referral slip; refused input changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from dashboard.audit import Actor
from dashboard.errors import InputError
from dashboard.office.profile_service import office_profile, save_office_profile
from dashboard.pnbp.receipt_pdf import receipt_view
from db.models import AuditEvent, Office, Sale, SaleItem, StaffUser
from tests.helpers.database import PreparedDatabase

NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
PROFILE = {
    "name": "BPS Kabupaten Muara Enim",
    "city": "Muara Enim",
    "address": "Jl. Jenderal Sudirman No. 1, Muara Enim 31311",
    "phone": "(0734) 421234",
    "email": "bps1603@bps.go.id",
}


@pytest.fixture
def office_db(db: PreparedDatabase) -> Iterator[PreparedDatabase]:
    """The database with its office profile put back afterwards (the office row is reference
    data that the other tests share)."""
    with db.database.reading() as session:
        saved = office_profile(session.get(Office, db.office_id))  # type: ignore[arg-type]
    yield db
    with db.database.transaction() as session:
        office = session.get(Office, db.office_id)
        assert office is not None
        for field, value in vars(saved).items():
            setattr(office, field, value)


def save(db: PreparedDatabase, **changes: Any) -> Office:
    with db.database.transaction() as session:
        return save_office_profile(session, Actor(None, db.office_id, NOW), **PROFILE | changes)


def stored(db: PreparedDatabase) -> tuple[object, ...]:
    with db.database.reading() as session:
        office = session.get(Office, db.office_id)
        assert office is not None
        return tuple(vars(office_profile(office)).values())


def test_the_profile_is_stored_and_audited(office_db: PreparedDatabase) -> None:
    save(office_db)
    assert stored(office_db) == tuple(PROFILE.values())
    save(office_db, phone="(0734) 421235")
    with office_db.database.reading() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "office.profile").order_by(AuditEvent.id)
        ).all()
    assert len(events) == 2
    assert events[1].before == '{"phone": "(0734) 421234"}'
    assert events[1].after == '{"phone": "(0734) 421235"}'
    save(office_db, phone="(0734) 421235")
    with office_db.database.reading() as session:
        audited = session.scalars(select(AuditEvent).where(AuditEvent.action == "office.profile"))
        assert len(audited.all()) == 2, "saving the same profile again changes nothing"


def test_refused_input_changes_nothing(office_db: PreparedDatabase) -> None:
    save(office_db)
    before = stored(office_db)
    with pytest.raises(InputError) as refused:
        save(office_db, name=" ", email="bukan-email", address="Jl. Baru No. 2")
    assert set(refused.value.errors) == {"name", "email"}
    assert stored(office_db) == before


def test_the_next_receipt_prints_the_new_address(office_db: PreparedDatabase) -> None:
    office = save(office_db)
    sale = Sale(
        receipt_number="0001/PST/1603/2026",
        payer_name="Budi",
        payment_method="cash",
        total=25_000,
        paid_at=NOW,
        items=[
            SaleItem(
                item_kind="publikasi_softcopy",
                description="Statistik Daerah",
                quantity=1,
                unit_price=25_000,
                amount=25_000,
            )
        ],
    )
    view = receipt_view(sale, StaffUser(full_name="Siti", nip=None), office)
    assert view.office_address.startswith("Jl. Jenderal Sudirman No. 1, Muara Enim 31311 · ")
