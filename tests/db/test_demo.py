"""The demo history on real databases: written through the services, repeatable, holding
every rule the app enforces (the checker finds nothing), and the checker catching a
corrupted database. Each test makes its own fresh database (SQLite file, PostgreSQL
database), because a demo claims the whole database and changes stock and tariffs."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from dashboard.audit import Actor
from dashboard.cli import main
from dashboard.demo.checker import check_database
from dashboard.demo.runner import DemoOptions, run_demo
from dashboard.demo.users import DEMO_USERS, ensure_demo_users, is_demo_database
from dashboard.errors import InputError
from dashboard.office.staff import add_user, authenticate
from dashboard.setup.database import prepare_database
from db.models import (
    VISIT_IN_PROGRESS,
    AuditEvent,
    Base,
    DataRequest,
    DataRequestPublication,
    Deposit,
    Publication,
    ReceiptCounter,
    Sale,
    SaleItem,
    StepTimeCorrection,
    Tariff,
    Visit,
    Visitor,
    VisitStep,
)
from db.session import Database
from tests.helpers.database import BACKENDS, fresh_database

NOW = datetime(2026, 11, 26, 3, 30, tzinfo=UTC)
"""10:30 WIB on a Thursday: the history ends with visitors still in the building."""
WEEKS = 2 / 52


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def _generate(database: Database, seed: int = 1, **options: object) -> tuple[int, object]:
    office = prepare_database(database)
    result = run_demo(
        database,
        office.id,
        DemoOptions(offices=("1603",), years=WEEKS, seed=seed, now=NOW, **options),  # type: ignore[arg-type]
    )
    return office.id, result


GENERATED_TABLES = (
    Visitor,
    Visit,
    VisitStep,
    DataRequest,
    DataRequestPublication,
    Sale,
    SaleItem,
    Deposit,
    ReceiptCounter,
    StepTimeCorrection,
)


def _digest(database: Database) -> str:
    """A fingerprint of every generated row (and the stock and tariffs it changed)."""
    digest = hashlib.sha256()
    with database.reading() as session:
        for model in GENERATED_TABLES:
            table = model.__table__
            order = list(table.primary_key.columns)
            for row in session.execute(select(table).order_by(*order)):
                digest.update(repr(tuple(row)).encode())
        for row in session.execute(
            select(Publication.id, Publication.hardcopy_stock).order_by(Publication.id)
        ):
            digest.update(repr(tuple(row)).encode())
        for row in session.execute(
            select(
                Tariff.item_kind, Tariff.label, Tariff.amount, Tariff.valid_from, Tariff.valid_to
            ).order_by(Tariff.id)
        ):
            digest.update(repr(tuple(row)).encode())
        for row in session.execute(
            select(AuditEvent.at, AuditEvent.action, AuditEvent.row_id, AuditEvent.after)
            .where(AuditEvent.action.like("visit.%") | AuditEvent.action.like("sale.%"))
            .order_by(AuditEvent.id)
        ):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_a_generated_history_holds_every_rule(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path, "demo") as database:
        _, result = _generate(database)
        summary = result.offices[0]  # type: ignore[attr-defined]
        assert summary.visits > 40 and summary.sales > 0 and summary.deposits > 0
        with database.reading() as session:
            assert is_demo_database(session)
            assert check_database(session) == []
            open_visits = session.scalars(
                select(Visit).where(Visit.status == VISIT_IN_PROGRESS)
            ).all()
            assert all(visit.visit_date == NOW.date() for visit in open_visits)
            assert session.scalar(select(Visit.id).where(Visit.admitted.is_(False))) is not None
            referred = session.scalar(
                select(DataRequest.id).where(DataRequest.available.is_(False))
            )
            assert referred is not None
            assert all(
                authenticate(session, user.username, user.password) is not None
                for user in DEMO_USERS
            )
            latest = session.scalar(select(Visit.arrived_at).order_by(Visit.arrived_at.desc()))
            assert latest is not None and latest <= NOW


def test_the_same_seed_gives_the_same_data(backend: str, tmp_path: Path) -> None:
    """Two fresh databases, one seed, one fixed 'now': the same rows (a different seed gives
    another history: see the unit tests of the day plans)."""
    digests = []
    for _ in range(2):
        with fresh_database(backend, tmp_path, "demo") as database:
            _generate(database, seed=7)
            digests.append(_digest(database))
    assert digests[0] == digests[1]


LOADED_AT_START_UP = {
    "publication": {"created_at", "updated_at"},
    "agency": {"created_at", "updated_at"},
    "tariff": {"created_at"},
    "staff_user": {"password_hash"},
    "office_change": {"version", "changed_at"},
}
"""Columns that differ between two fresh databases whatever the generator does: when the
app loaded its starter data (the wall clock), each password's random salt, and the change
marker (it counts transactions, which the row writer batches; when it last moved)."""
GENERATED_AUDIT = ("visit.", "request.", "sale.", "deposit.")


def _every_row(database: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in id order, but for the columns of LOADED_AT_START_UP and
    the moment of the audit events the start-up (not the generator) wrote."""
    rows: dict[str, list[tuple[object, ...]]] = {}
    with database.reading() as session:
        for table in Base.metadata.sorted_tables:
            skipped = LOADED_AT_START_UP.get(table.name, set())
            columns = [column for column in table.columns if column.name not in skipped]
            statement = select(*columns).order_by(*table.primary_key.columns)
            rows[table.name] = [tuple(row) for row in session.execute(statement)]
        names = AuditEvent.__table__.columns.keys()
        at, action = names.index("at"), names.index("action")
        rows["audit_event"] = [
            row if str(row[action]).startswith(GENERATED_AUDIT) else row[:at] + row[at + 1 :]
            for row in rows["audit_event"]
        ]
    return rows


def test_the_row_writer_writes_exactly_what_the_services_write(
    backend: str, tmp_path: Path
) -> None:
    """The default path writes the day plans as rows; replaying the same plans through the
    page services gives the very same database: every table, every column, every id, the
    audit trail included. So the row writer holds nothing the services would refuse."""
    with (
        fresh_database(backend, tmp_path, "demo") as services,
        fresh_database(backend, tmp_path, "demo") as rows,
    ):
        _generate(services, through_services=True)
        _generate(rows)
        by_services, by_rows = _every_row(services), _every_row(rows)
        assert len(by_services["visit"]) > 40 and len(by_services["audit_event"]) > 500
        assert by_services["step_time_correction"], "the weeks should hold a late-click fix"
        for table, expected in by_services.items():
            assert by_rows[table] == expected, table
        with rows.reading() as session:
            assert check_database(session) == []


def test_the_services_replay_cannot_be_scaled() -> None:
    with pytest.raises(InputError, match="--through-services"):
        DemoOptions(offices=("1603",), scale=2.0, through_services=True)


def test_the_checker_catches_a_corrupted_database(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path, "demo") as database:
        _generate(database)
        with database.transaction() as session:
            visits = session.scalars(
                select(Visit).where(Visit.rack_slot.is_not(None)).order_by(Visit.id)
            ).all()
            # Two visits of one day on the same slot at once.
            same_day = [visit for visit in visits if visit.visit_date == visits[0].visit_date]
            same_day[1].rack_slot = same_day[0].rack_slot
            same_day[0].left_at = same_day[1].arrived_at + timedelta(hours=5)
            # A step that ends before it starts.
            step = session.scalar(select(VisitStep).where(VisitStep.step_number == 6).limit(1))
            assert step is not None and step.started_at is not None
            step.ended_at = step.started_at - timedelta(minutes=1)
            # A gap in the receipt numbers, a total that is not the sum, a deposit off by one.
            sales = session.scalars(select(Sale).order_by(Sale.id)).all()
            sales[0].receipt_sequence = 999
            sales[1].total += 1000
            deposit = session.scalar(select(Deposit).limit(1))
            assert deposit is not None
            deposit.amount += 1
            # A guest book entry the form would refuse.
            visitor = session.scalar(select(Visitor).where(Visitor.phone.is_not(None)).limit(1))
            assert visitor is not None
            visitor.phone = "12345"
            # A time correction without a proper reason.
            correction = session.scalar(select(StepTimeCorrection).limit(1))
            assert correction is not None
            correction.reason = "lupa"
        with database.reading() as session:
            rules = {violation.rule for violation in check_database(session)}
        assert {
            "rak & meja",
            "urutan SOP",
            "nomor kuitansi",
            "jumlah",
            "setoran",
            "buku tamu",
            "koreksi waktu",
        } <= rules


def test_a_database_with_real_data_is_refused(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path, "demo") as database:
        office = prepare_database(database)
        with database.transaction() as session:
            with pytest.raises(InputError):
                ensure_demo_users(session, Actor(None, office.id, NOW))
            add_user(
                session,
                Actor(None, office.id, NOW),
                username="kepala",
                full_name="Kepala Sungguhan",
                role="head",
                password="rahasia-kepala-1",
            )
        with pytest.raises(InputError, match="data kantor"):
            run_demo(database, office.id, DemoOptions(offices=("1603",), years=WEEKS, now=NOW))
        with database.reading() as session:
            assert not is_demo_database(session)
            assert session.scalar(select(Visit.id)) is None


def test_the_command_line_generates_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cli-demo.sqlite3'}"
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    args = ["demo", "--years", "0.02", "--seed", "3", "--until", "2026-11-26T10:30"]
    args += ["--database-url", url]
    assert main([*args[:-4], "--until", "2999-01-01", "--database-url", url]) == 2
    assert "masa depan" in capsys.readouterr().err
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "0 pelanggaran" in out
    assert all(f"{user.username}" in out and user.password in out for user in DEMO_USERS)
    assert main(args) == 2
    assert "sudah berisi riwayat demo" in capsys.readouterr().err
    assert main([*args[:-2], "--database-url", url, "--offices", "9999"]) == 2


def test_other_offices_of_the_province_get_their_own_names(tmp_path: Path) -> None:
    with fresh_database("sqlite", tmp_path, "demo") as database:
        office = prepare_database(database)
        run_demo(
            database,
            office.id,
            DemoOptions(offices=("1604", "1671"), years=WEEKS, now=NOW, scale=0.5),
        )
        with database.reading() as session:
            names = dict(session.execute(text("SELECT code, name FROM office")).all())
            assert names["1604"] == "BPS Kabupaten Lahat"
            assert names["1671"] == "BPS Kota Palembang"
            titles = session.scalars(
                select(Publication.title).where(Publication.catalog_number.like("1604-%"))
            ).all()
            assert titles and not any("Muara Enim" in title for title in titles)
            assert session.scalar(select(Visit.id).where(Visit.office_id != office.id)) is not None
            assert check_database(session) == []
