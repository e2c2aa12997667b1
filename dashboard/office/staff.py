"""Staff accounts: created, re-passworded and disabled from the command line or by an admin."""

from __future__ import annotations

import re
import secrets
from functools import cache

from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard.audit import Actor, record_audit
from dashboard.errors import InputError
from dashboard.roles import ADMIN, ROLES
from dashboard.text_input import column_length, required_text
from db.models import StaffUser
from db.queries import staff as queries

MIN_PASSWORD_LENGTH = 10
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_NIP = re.compile(r"^\d{18}$")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError.on(
            "password", f"Kata sandi paling sedikit {MIN_PASSWORD_LENGTH} karakter."
        )


def find_user(session: Session, username: str) -> StaffUser | None:
    return queries.user_by_username(session, username.strip().lower())


def add_user(
    session: Session,
    actor: Actor,
    *,
    username: str,
    full_name: str,
    role: str,
    password: str,
    nip: str | None = None,
) -> StaffUser:
    clean_username = username.strip().lower()
    errors: dict[str, str] = {}
    if not _USERNAME.match(clean_username):
        errors["username"] = "Nama pengguna: 2-64 huruf kecil, angka, titik, garis bawah/hubung."
    clean_name = ""
    try:
        clean_name = required_text(
            "full_name",
            full_name,
            label="Nama lengkap",
            limit=column_length(StaffUser.full_name),
            missing="Nama lengkap wajib diisi.",
        )
    except InputError as error:
        errors.update(error.errors)
    if role not in ROLES:
        errors["role"] = f"Peran tidak dikenal; pilih salah satu: {', '.join(ROLES)}."
    if nip and not _NIP.match(nip.strip()):
        errors["nip"] = "NIP harus 18 angka."
    try:
        _check_password(password)
    except InputError as error:
        errors.update(error.errors)
    if errors:
        raise InputError(errors)
    if find_user(session, clean_username) is not None:
        raise InputError.on("username", f"Nama pengguna '{clean_username}' sudah ada.")
    user = StaffUser(
        username=clean_username,
        full_name=clean_name,
        nip=(nip or "").strip() or None,
        role=role,
        password_hash=generate_password_hash(password),
        active=True,
        created_at=actor.now,
    )
    session.add(user)
    session.flush()
    record_audit(
        session, actor, "user.add", "staff_user", user.id, after={"username": user.username}
    )
    return user


def _existing_user(session: Session, username: str) -> StaffUser:
    user = find_user(session, username)
    if user is None:
        raise InputError.on("username", f"Pengguna '{username}' tidak ditemukan.")
    return user


def set_password(session: Session, actor: Actor, username: str, password: str) -> StaffUser:
    _check_password(password)
    user = _existing_user(session, username)
    user.password_hash = generate_password_hash(password)
    record_audit(session, actor, "user.passwd", "staff_user", user.id)
    return user


def disable_user(session: Session, actor: Actor, username: str) -> StaffUser:
    user = _existing_user(session, username)
    user.active = False
    record_audit(session, actor, "user.disable", "staff_user", user.id, after={"active": False})
    return user


@cache
def _unknown_user_hash() -> str:
    """A hash made once, checked against when no such user exists (one hash per attempt,
    not two)."""
    return generate_password_hash(secrets.token_hex(16))


def authenticate(session: Session, username: str, password: str) -> StaffUser | None:
    """The active user with this name and password, or None (the same answer for both a
    wrong name and a wrong password)."""
    user = find_user(session, username or "")
    if user is None or not user.active:
        # Check anyway so a wrong username takes as long as a wrong password.
        check_password_hash(_unknown_user_hash(), password or "")
        return None
    return user if check_password_hash(user.password_hash, password or "") else None


def has_admin(session: Session) -> bool:
    return queries.any_active_user_with_role(session, ADMIN)


def list_users(session: Session) -> list[StaffUser]:
    return queries.users_by_username(session)
