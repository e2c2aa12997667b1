"""The audit trail: who did what to which row, when, before and after."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Concatenate, ParamSpec

from sqlalchemy.orm import Session

from db.change_marker import note_office_write
from db.models import AuditEvent

P = ParamSpec("P")


@dataclass(frozen=True)
class Actor:
    """Who acts, for which office, and the moment the action happens (UTC)."""

    user_id: int | None
    office_id: int
    now: datetime


def _as_json(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, default=str, ensure_ascii=False, sort_keys=True)


def audit_values(
    actor: Actor,
    action: str,
    table_name: str,
    row_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The columns of one audit event (the demo's row writer inserts these directly)."""
    return {
        "at": actor.now,
        "user_id": actor.user_id,
        "action": action,
        "table_name": table_name,
        "row_id": row_id,
        "before": _as_json(before),
        "after": _as_json(after),
    }


def _added_to_session(
    values: Callable[Concatenate[Actor, P], dict[str, Any]],
) -> Callable[Concatenate[Session, Actor, P], None]:
    def record(session: Session, actor: Actor, /, *args: P.args, **kwargs: P.kwargs) -> None:
        session.add(AuditEvent(**values(actor, *args, **kwargs)))
        note_office_write(session, actor.office_id)

    return record


record_audit = _added_to_session(audit_values)
"""``record_audit(session, actor, action, table_name, row_id, before=None, after=None)``:
the audit event of ``audit_values``, added to the session (written with the action). The
action counts as a write of the actor's office: its change marker is bumped when the
transaction commits (``db.change_marker``)."""
