"""Staff accounts: who may be added, signing in, new passwords, disabling, the first admin."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from dashboard.audit import Actor
from dashboard.errors import InputError
from dashboard.office import staff
from db.models import AuditEvent, StaffUser
from tests.helpers.database import PreparedDatabase

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
PASSWORD = "sandi-rahasia-1"
NIP = "199001012015011001"


def add(db: PreparedDatabase, **changes: Any) -> StaffUser:
    values: dict[str, Any] = {
        "username": "budi",
        "full_name": "Budi Santoso",
        "role": "officer",
        "password": PASSWORD,
        "nip": None,
    }
    values.update(changes)
    with db.database.transaction() as session:
        return staff.add_user(session, Actor(None, db.office_id, NOW), **values)


def add_errors(db: PreparedDatabase, **changes: Any) -> dict[str, str]:
    before = user_count(db)
    with pytest.raises(InputError) as caught:
        add(db, **changes)
    assert user_count(db) == before
    return caught.value.errors


def user_count(db: PreparedDatabase) -> int:
    with db.database.reading() as session:
        return session.scalar(select(func.count()).select_from(StaffUser)) or 0


def sign_in(db: PreparedDatabase, username: str, password: str) -> StaffUser | None:
    with db.database.reading() as session:
        return staff.authenticate(session, username, password)


# -- adding a user --------------------------------------------------------------------------


def test_add_user_stores_a_clean_account(db: PreparedDatabase) -> None:
    user = add(db, username="  Budi.S ", full_name="  Budi Santoso ", nip=f" {NIP} ")
    with db.database.reading() as session:
        stored = session.get(StaffUser, user.id)
        assert stored is not None
        assert (stored.username, stored.full_name, stored.nip) == ("budi.s", "Budi Santoso", NIP)
        assert stored.role == "officer"
        assert stored.active is True
        assert stored.created_at == NOW
        assert PASSWORD not in stored.password_hash
        assert check_password_hash(stored.password_hash, PASSWORD)
        audit = session.scalar(select(AuditEvent).where(AuditEvent.action == "user.add"))
        assert audit is not None and audit.row_id == user.id
        assert audit.after is not None and "budi.s" in audit.after


@pytest.mark.usefixtures("fast_hashing")
@pytest.mark.parametrize("username", ["b2", "budi_s-1", "petugas.pst", "a" * 64])
def test_good_usernames(db: PreparedDatabase, username: str) -> None:
    assert add(db, username=username).username == username


@pytest.mark.parametrize(
    "username", ["", "b", "budi santoso", "-budi", ".budi", "budi!", "büdi", "a" * 65]
)
def test_bad_usernames(db: PreparedDatabase, username: str) -> None:
    errors = add_errors(db, username=username)
    assert set(errors) == {"username"}
    assert errors["username"].startswith("Nama pengguna: 2-64 huruf kecil")


@pytest.mark.parametrize("role", ["", "superuser", "Officer", "kepala"])
def test_unknown_role(db: PreparedDatabase, role: str) -> None:
    errors = add_errors(db, role=role)
    assert set(errors) == {"role"}
    assert errors["role"].startswith("Peran tidak dikenal")


@pytest.mark.usefixtures("fast_hashing")
@pytest.mark.parametrize("role", ["officer", "treasurer", "head", "admin", "monitor"])
def test_every_known_role(db: PreparedDatabase, role: str) -> None:
    assert add(db, role=role).role == role


@pytest.mark.parametrize(
    "nip", ["123", NIP[:-1], NIP + "1", "19900101201501100X", "1990 0101 2015"]
)
def test_nip_must_be_18_digits(db: PreparedDatabase, nip: str) -> None:
    assert add_errors(db, nip=nip) == {"nip": "NIP harus 18 angka."}


@pytest.mark.usefixtures("fast_hashing")
def test_nip_is_optional(db: PreparedDatabase) -> None:
    assert add(db, nip="").nip is None
    assert add(db, username="sari", nip=None).nip is None


def test_password_of_9_characters_is_too_short(db: PreparedDatabase) -> None:
    assert add_errors(db, password="123456789") == {
        "password": "Kata sandi paling sedikit 10 karakter."
    }


@pytest.mark.usefixtures("fast_hashing")
def test_password_of_10_characters_is_enough(db: PreparedDatabase) -> None:
    user = add(db, password="1234567890")
    assert user_count(db) == 1
    signed_in = sign_in(db, "budi", "1234567890")
    assert signed_in is not None and signed_in.id == user.id


def test_all_problems_are_reported_together(db: PreparedDatabase) -> None:
    errors = add_errors(db, username="X Y", full_name="  ", role="raja", nip="1", password="a")
    assert set(errors) == {"username", "full_name", "role", "nip", "password"}


@pytest.mark.usefixtures("fast_hashing")
def test_duplicate_username(db: PreparedDatabase) -> None:
    add(db)
    errors = add_errors(db, username=" BUDI ", full_name="Budi Lain")
    assert errors == {"username": "Nama pengguna 'budi' sudah ada."}


# -- signing in -----------------------------------------------------------------------------


def test_authenticate(db: PreparedDatabase) -> None:
    user = add(db)
    signed_in = sign_in(db, "budi", PASSWORD)
    assert signed_in is not None and signed_in.id == user.id
    case_and_spaces = sign_in(db, " BUDI ", PASSWORD)
    assert case_and_spaces is not None and case_and_spaces.id == user.id
    assert sign_in(db, "budi", PASSWORD + "x") is None
    assert sign_in(db, "budi", "") is None
    assert sign_in(db, "tidak-ada", PASSWORD) is None
    assert sign_in(db, "", "") is None


def test_disabled_user_cannot_sign_in(db: PreparedDatabase) -> None:
    add(db)
    with db.database.transaction() as session:
        disabled = staff.disable_user(session, Actor(None, db.office_id, NOW), "Budi")
        assert disabled.active is False
    assert sign_in(db, "budi", PASSWORD) is None
    with db.database.reading() as session:
        user = staff.find_user(session, "budi")
        assert user is not None and user.active is False
        assert session.scalar(select(AuditEvent).where(AuditEvent.action == "user.disable"))


def test_set_password(db: PreparedDatabase) -> None:
    add(db)
    with db.database.transaction() as session:
        staff.set_password(session, Actor(None, db.office_id, NOW), "budi", "sandi-baru-2026")
    assert sign_in(db, "budi", PASSWORD) is None
    assert sign_in(db, "budi", "sandi-baru-2026") is not None


@pytest.mark.usefixtures("fast_hashing")
def test_set_password_refuses_a_short_one_and_keeps_the_old(db: PreparedDatabase) -> None:
    add(db)
    with pytest.raises(InputError) as caught, db.database.transaction() as session:
        staff.set_password(session, Actor(None, db.office_id, NOW), "budi", "pendek")
    assert set(caught.value.errors) == {"password"}
    assert sign_in(db, "budi", PASSWORD) is not None


@pytest.mark.parametrize(
    "action",
    [
        lambda session, actor: staff.set_password(session, actor, "hantu", PASSWORD),
        lambda session, actor: staff.disable_user(session, actor, "hantu"),
    ],
    ids=["set_password", "disable_user"],
)
def test_unknown_user(db: PreparedDatabase, action: Any) -> None:
    with pytest.raises(InputError) as caught, db.database.transaction() as session:
        action(session, Actor(None, db.office_id, NOW))
    assert caught.value.errors == {"username": "Pengguna 'hantu' tidak ditemukan."}


# -- the first admin ------------------------------------------------------------------------


def has_admin(db: PreparedDatabase) -> bool:
    with db.database.reading() as session:
        return staff.has_admin(session)


@pytest.mark.usefixtures("fast_hashing")
def test_has_admin(db: PreparedDatabase) -> None:
    assert has_admin(db) is False
    add(db, role="officer")
    add(db, username="kepala", role="head")
    assert has_admin(db) is False
    add(db, username="adm", role="admin")
    assert has_admin(db) is True
    with db.database.transaction() as session:
        staff.disable_user(session, Actor(None, db.office_id, NOW), "adm")
    assert has_admin(db) is False


@pytest.mark.usefixtures("fast_hashing")
def test_list_users_is_sorted(db: PreparedDatabase) -> None:
    for name in ("sari", "adi", "budi"):
        add(db, username=name)
    with db.database.reading() as session:
        assert [u.username for u in staff.list_users(session)] == ["adi", "budi", "sari"]
