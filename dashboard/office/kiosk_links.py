"""Kiosk links: a link that signs a wall screen in with the monitor's read-only view, for the
long session of the monitor role, so a TV needs no password typed on it.

A link is a random token (``secrets.token_urlsafe(32)``) shown once, when it is made; only
its SHA-256 hash is stored, so a copy of the database signs no screen in. The administrator
revokes a link and the screen using it is signed out on its next request. Making and
revoking are audited (the token never enters the audit trail).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from dashboard.audit import Actor, record_audit
from dashboard.errors import InputError
from dashboard.i18n import format_moment
from dashboard.text_input import column_length, required_text
from db.models import KioskLink
from db.queries import kiosk_links as queries
from db.queries.kiosk_links import ActiveKioskLink, KioskLinkRow

TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 100
"""Longer than any token made here: a longer one is refused without hashing it."""
MAX_LABEL = column_length(KioskLink.label)
LABEL_FIELD = "label"


@dataclass(frozen=True)
class NewKioskLink:
    """A link just made, with its token: the only moment the token is known."""

    id: int
    label: str
    token: str


def token_hash(token: str) -> str:
    """What is stored of a token (hex SHA-256: a token is random, no salt is needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


def clean_label(label: object) -> str:
    """The screen's name, e.g. *TV ruang PST*: required, one line, at most 100 characters."""
    return required_text(
        LABEL_FIELD,
        label,
        label="Nama layar",
        limit=MAX_LABEL,
        missing="Isi nama layar, mis. TV ruang PST.",
    )


def create_kiosk_link(session: Session, actor: Actor, label: object) -> NewKioskLink:
    """Make a link for the office's wall screen named ``label``."""
    name = clean_label(label)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = KioskLink(
        office_id=actor.office_id,
        label=name,
        token_hash=token_hash(token),
        created_by_id=actor.user_id,
        created_at=actor.now,
    )
    session.add(link)
    session.flush()
    record_audit(session, actor, "kiosk_link.create", "kiosk_link", link.id, after={"label": name})
    return NewKioskLink(link.id, name, token)


def revoke_kiosk_link(session: Session, actor: Actor, link_id: int) -> KioskLink:
    """Revoke the office's link ``link_id``: the screen using it is signed out on its next
    request. A link already revoked stays as it was (and says so)."""
    link = queries.kiosk_link_of_office(session, actor.office_id, link_id)
    if link is None:
        raise InputError.form("Tautan layar tidak ditemukan.")
    if link.revoked_at is not None:
        raise InputError.form(
            f"Tautan «{link.label}» sudah dicabut pada {format_moment(link.revoked_at)}."
        )
    link.revoked_at = actor.now
    record_audit(
        session,
        actor,
        "kiosk_link.revoke",
        "kiosk_link",
        link.id,
        before={"revoked_at": None},
        after={"revoked_at": actor.now},
    )
    session.flush()
    return link


def load_kiosk_links(session: Session, office_id: int) -> list[KioskLinkRow]:
    """The office's links for the administrator's list, the newest first."""
    return queries.kiosk_link_rows(session, office_id)


def link_for_token(session: Session, office_id: int, token: str) -> ActiveKioskLink | None:
    """The office's unrevoked link whose token this is, or None."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return queries.active_link_by_hash(session, office_id, token_hash(token))
