"""The demo marker and the demo users.

A demo database says so: ``app_setting`` ``demo = true``. Demo users, with passwords printed
in the README and at start-up, exist only there. The demo generator refuses a database that
holds anything an office recorded (visits, visitors, sales, deposits, staff accounts) unless
it carries the marker, so a demo can never be mixed into real data.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.errors import InputError
from dashboard.office.staff import add_user, find_user
from dashboard.roles import ADMIN, HEAD, MONITOR, OFFICER, ROLES, TREASURER
from db.models import AppSetting, Deposit, Sale, StaffUser, Visit, Visitor
from db.queries.demo import has_rows

DEMO_KEY = "demo"
DEMO_VALUE = "true"
GENERATED_KEY = "demo_generated"
"""Set once a demo history is complete: its seed, span and when it was made."""


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    full_name: str
    password: str
    nip: str | None = None


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("petugas", OFFICER, "Rina Marlina", "demo-petugas", "199003152015032001"),
    DemoUser("bendahara", TREASURER, "Dedi Kurniawan", "demo-bendahara", "198507222010121002"),
    DemoUser("kepala", HEAD, "Hendra Saputra", "demo-kepala", "197811042003121001"),
    DemoUser("admin", ADMIN, "Administrator Demo", "demo-admin"),
    DemoUser("monitor", MONITOR, "Layar Monitor Demo", "demo-monitor"),
)
"""One user per role; the passwords are public (README, start-up message)."""


@dataclass(frozen=True)
class DemoStaff:
    """The demo users who act in the generated history."""

    officer_id: int
    treasurer_id: int
    admin_id: int


def _setting(session: Session, key: str) -> str | None:
    row = session.get(AppSetting, key)
    return row.value if row is not None else None


def is_demo_database(session: Session) -> bool:
    return _setting(session, DEMO_KEY) == DEMO_VALUE


def demo_generated(session: Session) -> str | None:
    """What the complete demo history was made with, or None when there is none yet."""
    return _setting(session, GENERATED_KEY)


def has_office_data(session: Session) -> bool:
    """Anything an office records (the catalog, agencies and tariffs loaded as samples on
    the first start do not count)."""
    return any(has_rows(session, model) for model in (Visit, Visitor, Sale, Deposit, StaffUser))


def claim_for_demo(session: Session) -> None:
    """Mark the database as a demo database, or refuse: one holding an office's own data,
    or a demo history already made."""
    if is_demo_database(session):
        if demo_generated(session) is not None or has_rows(session, Visit):
            raise InputError.form(
                "Basis data ini sudah berisi riwayat demo. Hapus berkasnya (atau pakai basis "
                "data baru) untuk membuat riwayat demo lain."
            )
        return
    if has_office_data(session):
        raise InputError.form(
            "Basis data ini berisi data kantor (kunjungan, pengunjung, penjualan atau akun "
            "petugas) dan tidak bertanda demo. Data demo tidak dicampur dengan data sungguhan: "
            "pakai basis data baru, mis. --database-url sqlite:///data/pst-demo.sqlite3."
        )
    session.add(AppSetting(key=DEMO_KEY, value=DEMO_VALUE))
    session.flush()


def mark_generated(session: Session, description: str) -> None:
    row = session.get(AppSetting, GENERATED_KEY)
    if row is None:
        session.add(AppSetting(key=GENERATED_KEY, value=description))
    else:
        row.value = description


def ensure_demo_users(session: Session, actor: Actor) -> DemoStaff:
    """The demo users (created when missing), only in a demo database."""
    if not is_demo_database(session):
        raise InputError.form("Pengguna demo hanya dibuat di basis data demo.")
    ids: dict[str, int] = {}
    for user in DEMO_USERS:
        existing = find_user(session, user.username)
        if existing is None:
            existing = add_user(
                session,
                actor,
                username=user.username,
                full_name=user.full_name,
                role=user.role,
                password=user.password,
                nip=user.nip,
            )
        ids[user.role] = existing.id
    return DemoStaff(officer_id=ids[OFFICER], treasurer_id=ids[TREASURER], admin_id=ids[ADMIN])


def demo_users_text() -> str:
    """The demo users and their passwords, for the start-up message."""
    lines = ["Pengguna demo (kata sandi hanya untuk demo):"]
    lines += [
        f"  {user.username:<10} {user.password:<15} {ROLES[user.role]}" for user in DEMO_USERS
    ]
    return "\n".join(lines)
