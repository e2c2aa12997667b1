"""What every callback does the same way: check the role on the server, run one service in
one transaction, and turn refused input into messages for the form."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from dash import Input
from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.errors import InputError
from dashboard.roles import DESK_READERS
from dashboard.web.callback_registry import clientside_callback
from dashboard.web.context import app_state, require_role

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """The result of one action: its value, or the messages of the input it refused."""

    value: T | None = None
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def perform(roles: Iterable[str], action: Callable[[Session, Actor], T]) -> Outcome[T]:
    """Run ``action`` as the signed-in user (403 when the role may not), all or nothing."""
    actor = require_role(roles)
    try:
        with app_state().database.transaction() as session:
            return Outcome(value=action(session, actor))
    except InputError as error:
        return Outcome(errors=error.errors)


def read(query: Callable[[Session], T], roles: Iterable[str] = DESK_READERS) -> T:
    """Run a read-only ``query`` for a signed-in user whose role may see it (403 otherwise).
    By default only desk staff may read: the wall-screen role sees no visitor data."""
    require_role(roles)
    with app_state().database.reading() as session:
        return query(session)


def in_browser_on_change(script: str, component_id: str, prop: str, module: str) -> None:
    """Run ``script`` (browser code, no output) when ``prop`` of ``component_id`` changes,
    not when the page loads: where the dialogs and forms move the cursor."""
    clientside_callback(script, Input(component_id, prop), module=module, prevent_initial_call=True)
