"""Callbacks of *Kedatangan*: start a visit, record steps 1-3 through the visit services, and
redraw the wizard from the database whenever the visit on it changes.

The visit on the wizard is kept in a session store (``ids.VISIT``); every action that moves
it on writes a new revision there, and ``render_stage`` draws the card of the stage the
database says the visit is in. So a reload, or another officer moving the visit on, always
shows the truth; a form sent for a stage the visit has already left gets the service's
message beside the form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, TypeVar
from uuid import uuid4

from dash import ALL, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate
from sqlalchemy.orm import Session

from callbacks.common import Outcome, perform, read
from dashboard.audit import Actor
from dashboard.clock import local_date
from dashboard.roles import VISIT_WRITERS
from dashboard.ui.forms import disabled_while_running, field_feedback, form_alert
from dashboard.visits import arrival_ids as ids
from dashboard.visits import arrival_layout as cards
from dashboard.visits.arrival_desk import (
    GUEST_BOOK_ERROR_FIELDS,
    GUEST_BOOK_FIELDS,
    IDLE,
    StageData,
    StoredVisitor,
    find_returning_visitor,
    load_pending_arrivals,
    load_rack_suggestion,
    load_stage,
    merge_returning_visitor,
    parse_mask,
    returning_notice,
    start_or_resume,
    stepper_states,
    stored_visit_id,
    visit_store,
)
from dashboard.visits.guest_book import validate_guest_book
from dashboard.visits.services import place_bag, record_guest_book, record_screening
from dashboard.web.callback_registry import callback, clientside_callback
from dashboard.web.context import app_state, current_role, require_role

T = TypeVar("T")

FOCUS_FIRST_FIELD = """
function (_children) {
    var attempts = 0;
    function focusFirst() {
        var marked = document.querySelector("#arrival-stage .arrival-autofocus");
        var target = marked && (marked.matches("input, button, select, textarea")
            ? marked
            : marked.querySelector("input:not([disabled]), button, select, textarea"));
        if (!target || target.disabled) {
            if (++attempts < 20) { window.setTimeout(focusFirst, 25); }
            return;
        }
        target.focus();
        if (target.type === "number" && target.select) { target.select(); }
    }
    window.setTimeout(focusFirst, 0);
}
"""
"""Focus the first field of the stage's card once it is drawn (a card is built fresh for each
stage, so the officer can type or press Enter at once)."""


def new_client_key() -> str:
    return str(uuid4())


def can_write() -> bool:
    return current_role() in VISIT_WRITERS


def clicked(value: object) -> bool:
    """Whether a button/submit count says the user acted (a freshly drawn control has None)."""
    return bool(value)


def _visit_or_stop(store: Mapping[str, Any] | None) -> int:
    visit_id = stored_visit_id(store)
    if visit_id is None:
        raise PreventUpdate
    return visit_id


def _record_step(
    sent: bool,
    store: Mapping[str, Any] | None,
    record: Callable[[Session, Actor, int], T],
) -> tuple[Outcome[T], int]:
    """A stage's form sent for the visit on the wizard: ``record`` (session, actor, visit id)
    as one transaction of a visit writer, and the visit id. Nothing happens unless ``sent``
    and a visit is on the wizard."""
    if not sent:
        raise PreventUpdate
    visit_id = _visit_or_stop(store)
    outcome = perform(VISIT_WRITERS, lambda session, actor: record(session, actor, visit_id))
    return outcome, visit_id


# -- shaping --------------------------------------------------------------------------------


def stage_outputs(data: StageData, writable: bool) -> dict[str, Any]:
    """The stepper, the visit banner and the stage card. A reader who may not record sees
    where the visit is, without its forms."""
    if not writable and data.view.step_number is not None:
        data = replace(data, view=IDLE)
    view = data.view
    return {
        "stepper": cards.stepper(stepper_states(view.stage), data.targets),
        "banner": cards.visit_banner(view) if view.step_number is not None else None,
        "stage": cards.stage_card(data, writable),
    }


def start_outputs(
    outcome: Outcome[tuple[int, str]], store: Mapping[str, Any] | None, client_key: str | None
) -> dict[str, Any]:
    """The visit store, the client key and the start alert after "Pengunjung baru"."""
    if not outcome.ok or outcome.value is None:
        return {"visit": no_update, "client_key": no_update, "alert": form_alert(outcome.errors)}
    visit_id, key_used = outcome.value
    return {
        "visit": visit_store(store, visit_id),
        "client_key": key_used if key_used != client_key else no_update,
        "alert": None,
    }


def screening_outputs(
    outcome: Outcome[bool], store: Mapping[str, Any] | None, visit_id: int
) -> dict[str, Any]:
    """The screening form's messages and marks, its alert, the visit store and the client
    key. A refused visitor ends the visit: the next one gets a fresh key."""
    errors = outcome.errors
    if not outcome.ok:
        (temperature_message,), (temperature_invalid,) = field_feedback(errors, ["temperature"])
        return {
            "mask_message": errors.get("mask", ""),
            "mask_class": cards.choice_class(errors, "mask"),
            "temperature_message": temperature_message,
            "temperature_invalid": temperature_invalid,
            "alert": form_alert(errors),
            "visit": no_update,
            "client_key": no_update,
        }
    admitted = bool(outcome.value)
    return {
        "mask_message": "",
        "mask_class": "",
        "temperature_message": "",
        "temperature_invalid": False,
        "alert": None,
        "visit": visit_store(store, visit_id),
        "client_key": no_update if admitted else new_client_key(),
    }


def bag_outputs(
    outcome: Outcome[int], store: Mapping[str, Any] | None, visit_id: int
) -> dict[str, Any]:
    """The rack field's message and mark, the alert and the visit store."""
    if not outcome.ok:
        (message,), (invalid,) = field_feedback(outcome.errors, ["rack_slot"])
        return {
            "message": message,
            "invalid": invalid,
            "alert": form_alert(outcome.errors),
            "visit": no_update,
        }
    return {"message": "", "invalid": False, "alert": None, "visit": visit_store(store, visit_id)}


GUEST_BOOK_INVALID_INPUTS = ("phone", "email", "name", "birth_year", "institution")
"""Guest book fields shown with a text input (marked with ``invalid``); gender is a radio."""

GUEST_BOOK_SUBMIT_INPUTS = ("phone", "email", "name", "birth_year", "institution")
"""Guest book fields where Enter sends the form."""


def guest_book_outputs(
    outcome: Outcome[int], store: Mapping[str, Any] | None, visit_id: int
) -> dict[str, Any]:
    """The messages of GUEST_BOOK_ERROR_FIELDS, the marks of GUEST_BOOK_INVALID_INPUTS, the
    gender class, the alert, the visit store and the client key. Once recorded the visit has
    left the door: the wizard is free for the next visitor, with a fresh key."""
    errors = outcome.errors
    messages, _ = field_feedback(errors, GUEST_BOOK_ERROR_FIELDS)
    _, invalid = field_feedback(errors, GUEST_BOOK_INVALID_INPUTS)
    shown = {
        "messages": dict(zip(GUEST_BOOK_ERROR_FIELDS, messages, strict=True)),
        "invalid": dict(zip(GUEST_BOOK_INVALID_INPUTS, invalid, strict=True)),
    }
    if not outcome.ok:
        return {
            **shown,
            "gender_class": cards.choice_class(errors, "gender"),
            "alert": form_alert(errors),
            "visit": no_update,
            "client_key": no_update,
        }
    return {
        **shown,
        "gender_class": "",
        "alert": None,
        "visit": visit_store(store, visit_id),
        "client_key": new_client_key(),
    }


def returning_outputs(
    found: StoredVisitor | None,
    current: Mapping[str, Any],
    match: Mapping[str, Any] | None,
    visit_id: int | None,
) -> dict[str, Any]:
    """Each of GUEST_BOOK_FIELDS' value (or no_update), the notice and the match store once
    a phone or email was typed. Nothing changes when no visitor matches, or the same one was
    filled in already (so a second blur does not undo the officer's edits)."""
    previous = match if match and match.get("visit_id") == visit_id else None
    if found is None or (previous and previous.get("visitor_id") == found.visitor_id):
        raise PreventUpdate
    merged = merge_returning_visitor(current, found.values, previous and previous.get("values"))
    # Unchanged fields are left alone: writing back the values read when the request left
    # would undo what the officer typed meanwhile.
    values = {
        field: no_update if merged[field] == current.get(field) else merged[field]
        for field in GUEST_BOOK_FIELDS
    }
    return {
        "values": values,
        "notice": cards.returning_notice(returning_notice(found.name, found.updated_at)),
        "match": {"visit_id": visit_id, "visitor_id": found.visitor_id, "values": found.values},
    }


# -- the frame: which visit is on the wizard ------------------------------------------------


@callback(
    output={
        "stepper": Output(ids.STEPPER, "children"),
        "banner": Output(ids.VISIT_BANNER, "children"),
        "stage": Output(ids.STAGE, "children"),
    },
    inputs={"store": Input(ids.VISIT, "data")},
)
def render_stage(store: Mapping[str, Any] | None) -> dict[str, Any]:
    state = app_state()
    visit_id = stored_visit_id(store)
    data = read(
        lambda session: load_stage(
            session,
            state.office_id,
            visit_id,
            rack_capacity=state.settings.rack_slots,
            fever_threshold=state.settings.fever_threshold_celsius,
        )
    )
    return stage_outputs(data, can_write())


clientside_callback(FOCUS_FIRST_FIELD, Input(ids.STAGE, "children"), module=__name__)


@callback(
    output={
        "listing": Output(ids.PENDING_LIST, "children"),
        "interval": Output(ids.PENDING_INTERVAL, "interval"),
    },
    inputs={
        "_ticks": Input(ids.PENDING_INTERVAL, "n_intervals"),
        "store": Input(ids.VISIT, "data"),
    },
)
def refresh_pending(_ticks: int | None, store: Mapping[str, Any] | None) -> dict[str, Any]:
    state = app_state()
    pending = read(lambda session: load_pending_arrivals(session, state.office_id))
    return {
        "listing": cards.pending_list(pending, stored_visit_id(store), can_write()),
        "interval": state.settings.refresh_seconds * 1000,
    }


VISIT_AND_KEY = {
    "visit": Output(ids.VISIT, "data", allow_duplicate=True),
    "client_key": Output(ids.CLIENT_KEY, "data", allow_duplicate=True),
}
"""The wizard's visit store and form key, which several callbacks move on (passed as a copy:
Dash may change the dicts it is given)."""


@callback(
    output={**VISIT_AND_KEY},
    inputs={"clicks": Input({"type": ids.RESUME, "index": ALL}, "n_clicks")},
    state={"store": State(ids.VISIT, "data")},
    prevent_initial_call=True,
)
def resume(clicks: list[int | None], store: Mapping[str, Any] | None) -> dict[str, Any]:
    triggered = ctx.triggered_id
    if not isinstance(triggered, Mapping) or not any(clicked(count) for count in clicks):
        raise PreventUpdate
    if not clicked(ctx.triggered[0]["value"]):
        raise PreventUpdate
    return {"visit": visit_store(store, int(triggered["index"])), "client_key": new_client_key()}


@callback(
    output={**VISIT_AND_KEY},
    inputs={"requested": Input(ids.REQUESTED_VISIT, "data")},
    state={"store": State(ids.VISIT, "data")},
    prevent_initial_call="initial_duplicate",
)
def open_requested(requested: int | None, store: Mapping[str, Any] | None) -> dict[str, Any]:
    if not requested or stored_visit_id(store) == requested:
        raise PreventUpdate
    return {"visit": visit_store(store, int(requested)), "client_key": new_client_key()}


@callback(
    output=Output(ids.VISIT, "data", allow_duplicate=True),
    inputs={"n_clicks": Input(ids.RELOAD_VISIT, "n_clicks")},
    state={"store": State(ids.VISIT, "data")},
    prevent_initial_call=True,
)
def reload_visit(n_clicks: int | None, store: Mapping[str, Any] | None) -> Any:
    if not clicked(n_clicks):
        raise PreventUpdate
    return visit_store(store, stored_visit_id(store))


@callback(
    output={**VISIT_AND_KEY},
    inputs={"n_clicks": Input(ids.SET_ASIDE, "n_clicks")},
    state={"store": State(ids.VISIT, "data")},
    prevent_initial_call=True,
)
def set_aside(n_clicks: int | None, store: Mapping[str, Any] | None) -> dict[str, Any]:
    if not clicked(n_clicks):
        raise PreventUpdate
    return {"visit": visit_store(store, None), "client_key": new_client_key()}


# -- step 1: a new visit and its screening --------------------------------------------------


@callback(
    output={**VISIT_AND_KEY, "alert": Output(ids.START_ALERT, "children")},
    inputs={"n_clicks": Input(ids.NEW_VISIT, "n_clicks")},
    state={"client_key": State(ids.CLIENT_KEY, "data"), "store": State(ids.VISIT, "data")},
    prevent_initial_call=True,
    running=disabled_while_running(ids.NEW_VISIT),
)
def new_visit(
    n_clicks: int | None, client_key: str | None, store: Mapping[str, Any] | None
) -> dict[str, Any]:
    if not clicked(n_clicks):
        raise PreventUpdate
    key = client_key or new_client_key()
    outcome = perform(
        VISIT_WRITERS,
        lambda session, actor: start_or_resume(session, actor, key, new_client_key),
    )
    return start_outputs(outcome, store, client_key)


@callback(
    output={
        "mask_message": Output(ids.MASK_FEEDBACK, "children"),
        "mask_class": Output(ids.MASK, "input_class_name"),
        "temperature_message": Output(ids.TEMPERATURE_FEEDBACK, "children"),
        "temperature_invalid": Output(ids.TEMPERATURE, "invalid"),
        "alert": Output(ids.SCREENING_ALERT, "children"),
        **VISIT_AND_KEY,
    },
    inputs={
        "n_clicks": Input(ids.SCREENING_SUBMIT, "n_clicks"),
        "n_submit": Input(ids.TEMPERATURE, "n_submit"),
    },
    state={
        "mask": State(ids.MASK, "value"),
        "temperature": State(ids.TEMPERATURE, "value"),
        "store": State(ids.VISIT, "data"),
    },
    prevent_initial_call=True,
    running=disabled_while_running(ids.SCREENING_SUBMIT),
)
def submit_screening(
    n_clicks: int | None,
    n_submit: int | None,
    mask: str | None,
    temperature: str | None,
    store: Mapping[str, Any] | None,
) -> dict[str, Any]:
    def record(session: Session, actor: Actor, visit_id: int) -> bool:
        threshold = app_state().settings.fever_threshold_celsius
        screening = record_screening(
            session, actor, visit_id, parse_mask(mask), temperature, threshold
        )
        return bool(screening.admitted)

    outcome, visit_id = _record_step(clicked(n_clicks) or clicked(n_submit), store, record)
    return screening_outputs(outcome, store, visit_id)


# -- step 2: the bag rack --------------------------------------------------------------------


@callback(
    output={
        "message": Output(ids.RACK_SLOT_FEEDBACK, "children"),
        "invalid": Output(ids.RACK_SLOT, "invalid"),
        "alert": Output(ids.BAG_ALERT, "children"),
        "visit": Output(ids.VISIT, "data", allow_duplicate=True),
    },
    inputs={
        "n_clicks": Input(ids.BAG_SUBMIT, "n_clicks"),
        "n_submit": Input(ids.RACK_SLOT, "n_submit"),
    },
    state={"rack_slot": State(ids.RACK_SLOT, "value"), "store": State(ids.VISIT, "data")},
    prevent_initial_call=True,
    running=disabled_while_running(ids.BAG_SUBMIT),
)
def submit_bag(
    n_clicks: int | None,
    n_submit: int | None,
    rack_slot: object,
    store: Mapping[str, Any] | None,
) -> dict[str, Any]:
    outcome, visit_id = _record_step(
        clicked(n_clicks) or clicked(n_submit),
        store,
        lambda session, actor, visit_id: (
            place_bag(session, actor, visit_id, rack_slot, app_state().settings.rack_slots).id
        ),
    )
    return bag_outputs(outcome, store, visit_id)


@callback(
    output={
        "slot": Output(ids.RACK_SLOT, "value"),
        "hint": Output(ids.RACK_HINT, "children"),
        "hint_class": Output(ids.RACK_HINT, "className"),
        "invalid": Output(ids.RACK_SLOT, "invalid", allow_duplicate=True),
    },
    inputs={"n_clicks": Input(ids.RACK_FIND_FREE, "n_clicks")},
    prevent_initial_call=True,
    running=disabled_while_running(ids.RACK_FIND_FREE),
)
def find_free_rack(n_clicks: int | None) -> dict[str, Any]:
    if not clicked(n_clicks):
        raise PreventUpdate
    require_role(VISIT_WRITERS)
    state = app_state()
    suggestion = read(
        lambda session: load_rack_suggestion(session, state.office_id, state.settings.rack_slots)
    )
    return {
        "slot": suggestion.slot if suggestion.slot is not None else no_update,
        "hint": suggestion.text,
        "hint_class": cards.rack_hint_class(suggestion),
        "invalid": False,
    }


# -- step 3: the guest book ------------------------------------------------------------------


def _guest_book(
    kind: type[Output] | type[State], prop: str, fields: tuple[str, ...]
) -> dict[str, Any]:
    return {field: kind(ids.GUEST_BOOK_INPUTS[field], prop) for field in fields}


@callback(
    output={
        "values": _guest_book(Output, "value", GUEST_BOOK_FIELDS),
        "notice": Output(ids.RETURNING_NOTICE, "children"),
        "match": Output(ids.RETURNING_MATCH, "data"),
    },
    inputs={
        "_phone_blurs": Input(ids.PHONE, "n_blur"),
        "_email_blurs": Input(ids.EMAIL, "n_blur"),
    },
    state={
        "current": _guest_book(State, "value", GUEST_BOOK_FIELDS),
        "match": State(ids.RETURNING_MATCH, "data"),
        "store": State(ids.VISIT, "data"),
    },
    prevent_initial_call=True,
)
def fill_returning_visitor(
    _phone_blurs: int | None,
    _email_blurs: int | None,
    current: dict[str, Any],
    match: Mapping[str, Any] | None,
    store: Mapping[str, Any] | None,
) -> dict[str, Any]:
    require_role(VISIT_WRITERS)
    office_id = app_state().office_id
    found = read(
        lambda session: find_returning_visitor(
            session, office_id, current["phone"], current["email"]
        )
    )
    return returning_outputs(found, current, match, stored_visit_id(store))


@callback(
    output={
        "messages": {
            field: Output(ids.GUEST_BOOK_FEEDBACK[field], "children")
            for field in GUEST_BOOK_ERROR_FIELDS
        },
        "invalid": _guest_book(Output, "invalid", GUEST_BOOK_INVALID_INPUTS),
        "gender_class": Output(ids.GENDER, "input_class_name"),
        "alert": Output(ids.GUEST_BOOK_ALERT, "children"),
        **VISIT_AND_KEY,
    },
    inputs={
        "n_clicks": Input(ids.GUEST_BOOK_SUBMIT, "n_clicks"),
        "submits": {
            field: Input(ids.GUEST_BOOK_INPUTS[field], "n_submit")
            for field in GUEST_BOOK_SUBMIT_INPUTS
        },
    },
    state={
        "form": _guest_book(State, "value", GUEST_BOOK_FIELDS),
        "store": State(ids.VISIT, "data"),
    },
    prevent_initial_call=True,
    running=disabled_while_running(ids.GUEST_BOOK_SUBMIT),
)
def submit_guest_book(
    n_clicks: int | None,
    submits: dict[str, int | None],
    form: dict[str, Any],
    store: Mapping[str, Any] | None,
) -> dict[str, Any]:
    outcome, visit_id = _record_step(
        clicked(n_clicks) or any(clicked(count) for count in submits.values()),
        store,
        lambda session, actor, visit_id: (
            record_guest_book(
                session,
                actor,
                visit_id,
                validate_guest_book(**form, current_year=local_date(actor.now).year),
            ).id
        ),
    )
    return guest_book_outputs(outcome, store, visit_id)
