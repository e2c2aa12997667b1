"""Callbacks of *Kedatangan*: start a visit, record steps 1-3 through the visit services, and
redraw the wizard from the database whenever the visit on it changes.

The visit on the wizard is kept in a session store (``ids.VISIT``); every action that moves
it on writes a new revision there, and ``render_stage`` draws the card of the stage the
database says the visit is in. So a reload, or another officer moving the visit on, always
shows the truth; a form sent for a stage the visit has already left gets the service's
message beside the form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import uuid4

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from sqlalchemy.orm import Session

from callbacks.common import Outcome, perform, read
from dashboard.clock import local_date, utc_now
from dashboard.roles import DESK_READERS, VISIT_WRITERS
from dashboard.ui.forms import form_alert
from dashboard.visits import arrival_ids as ids
from dashboard.visits import arrival_layout as cards
from dashboard.visits.arrival_desk import (
    GUEST_BOOK_ERROR_FIELDS,
    GUEST_BOOK_FIELDS,
    IDLE,
    STAGE_BAG,
    STAGE_GUEST_BOOK,
    STAGE_SCREENING,
    ArrivalView,
    RackSuggestion,
    arrival_view,
    contact_for_lookup,
    merge_returning_visitor,
    parse_mask,
    pending_arrivals,
    rack_suggestion,
    returning_notice,
    start_or_resume,
    stepper_states,
    stored_visit_id,
    visit_store,
    visitor_form_values,
)
from dashboard.visits.guest_book import validate_guest_book
from dashboard.visits.services import place_bag, record_guest_book, record_screening
from dashboard.web.context import app_state, current_role, require_role
from db.queries import visits as queries
from db.reference_data import EDUCATION, INSTITUTION_TYPE, OCCUPATION, lookup_options

INVALID_CHOICE = "is-invalid"
"""``input_class_name`` of a radio group whose choice was refused."""

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


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageData:
    """Everything the wizard needs to draw the visit's current stage."""

    view: ArrivalView
    targets: Mapping[int, int | None]
    fever_threshold: Decimal
    rack_capacity: int
    rack: RackSuggestion | None = None
    options: Mapping[str, Sequence[tuple[str, str]]] | None = None


def load_stage(visit_id: int | None) -> StageData:
    state = app_state()
    settings = state.settings

    def query(session: Session) -> StageData:
        visit = queries.visit_with_details(session, visit_id) if visit_id else None
        view = arrival_view(visit, state.office_id)
        day = local_date(view.arrived_at or utc_now())
        rack = None
        if view.stage == STAGE_BAG:
            taken = queries.taken_rack_slots(session, state.office_id)
            rack = rack_suggestion(taken, settings.rack_slots)
        options = None
        if view.stage == STAGE_GUEST_BOOK:
            options = {
                kind: lookup_options(session, kind)
                for kind in (EDUCATION, OCCUPATION, INSTITUTION_TYPE)
            }
        return StageData(
            view=view,
            targets=queries.step_targets_in_force(session, day),
            fever_threshold=settings.fever_threshold_celsius,
            rack_capacity=settings.rack_slots,
            rack=rack,
            options=options,
        )

    return read(query)


def load_rack_suggestion() -> RackSuggestion:
    state = app_state()
    taken = read(lambda session: queries.taken_rack_slots(session, state.office_id))
    return rack_suggestion(taken, state.settings.rack_slots)


@dataclass(frozen=True)
class StoredVisitor:
    visitor_id: int
    name: str
    updated_at: datetime
    values: dict[str, str | None]


def find_returning_visitor(phone: str | None, email: str | None) -> StoredVisitor | None:
    clean_phone, clean_email = contact_for_lookup(phone, email)
    if clean_phone is None and clean_email is None:
        return None
    office_id = app_state().office_id

    def query(session: Session) -> StoredVisitor | None:
        visitor = queries.find_visitor_by_contact(session, office_id, clean_phone, clean_email)
        if visitor is None:
            return None
        return StoredVisitor(
            visitor.id, visitor.name, visitor.updated_at, visitor_form_values(visitor)
        )

    return read(query)


# -- shaping --------------------------------------------------------------------------------


def stage_card(data: StageData, writable: bool) -> Component:
    view = data.view
    if view.stage == STAGE_SCREENING:
        return cards.screening_card(data.fever_threshold)
    if view.stage == STAGE_BAG and data.rack is not None:
        return cards.bag_card(view.code, data.rack, data.rack_capacity)
    if view.stage == STAGE_GUEST_BOOK and data.options is not None:
        return cards.guest_book_card(
            data.options[EDUCATION], data.options[OCCUPATION], data.options[INSTITUTION_TYPE]
        )
    return cards.start_card(view, writable)


def stage_outputs(data: StageData, writable: bool) -> tuple[Any, Any, Any]:
    """(stepper, visit banner, stage card). A reader who may not record sees where the visit
    is, without its forms."""
    if not writable and data.view.step_number is not None:
        data = replace(data, view=IDLE)
    view = data.view
    stepper = cards.stepper(stepper_states(view.stage), data.targets)
    banner = cards.visit_banner(view) if view.step_number is not None else None
    return stepper, banner, stage_card(data, writable)


def field_messages(
    errors: Mapping[str, str], fields: Sequence[str]
) -> tuple[list[str], list[bool]]:
    """Each field's message ('' when none) and whether it is invalid, in ``fields`` order."""
    return [errors.get(name, "") for name in fields], [name in errors for name in fields]


def choice_class(errors: Mapping[str, str], field: str) -> str:
    return INVALID_CHOICE if field in errors else ""


def start_outputs(
    outcome: Outcome[tuple[int, str]], store: Mapping[str, Any] | None, client_key: str | None
) -> tuple[Any, Any, Any]:
    """(visit store, client key, start alert) after "Pengunjung baru"."""
    if not outcome.ok or outcome.value is None:
        return no_update, no_update, form_alert(outcome.errors)
    visit_id, key_used = outcome.value
    return visit_store(store, visit_id), key_used if key_used != client_key else no_update, None


def screening_outputs(
    outcome: Outcome[bool], store: Mapping[str, Any] | None, visit_id: int
) -> tuple[Any, ...]:
    """(mask message, mask class, temperature message, temperature invalid, alert, visit
    store, client key). A refused visitor ends the visit: the next one gets a fresh key."""
    errors = outcome.errors
    if not outcome.ok:
        (temperature_message,), (temperature_invalid,) = field_messages(errors, ["temperature"])
        return (
            errors.get("mask", ""),
            choice_class(errors, "mask"),
            temperature_message,
            temperature_invalid,
            form_alert(errors),
            no_update,
            no_update,
        )
    admitted = bool(outcome.value)
    return (
        "",
        "",
        "",
        False,
        None,
        visit_store(store, visit_id),
        no_update if admitted else new_client_key(),
    )


def bag_outputs(
    outcome: Outcome[int], store: Mapping[str, Any] | None, visit_id: int
) -> tuple[Any, ...]:
    """(rack message, rack invalid, alert, visit store)."""
    if not outcome.ok:
        (message,), (invalid,) = field_messages(outcome.errors, ["rack_slot"])
        return message, invalid, form_alert(outcome.errors), no_update
    return "", False, None, visit_store(store, visit_id)


GUEST_BOOK_INVALID_INPUTS = ("phone", "email", "name", "birth_year")
"""Guest book fields shown with a text input (marked with ``invalid``); gender is a radio."""


def guest_book_outputs(
    outcome: Outcome[int], store: Mapping[str, Any] | None, visit_id: int
) -> tuple[Any, ...]:
    """(messages of GUEST_BOOK_ERROR_FIELDS…, invalid of GUEST_BOOK_INVALID_INPUTS…, gender
    class, alert, visit store, client key). Once recorded the visit has left the door: the
    wizard is free for the next visitor, with a fresh key."""
    errors = outcome.errors
    messages, _ = field_messages(errors, GUEST_BOOK_ERROR_FIELDS)
    _, invalid = field_messages(errors, GUEST_BOOK_INVALID_INPUTS)
    if not outcome.ok:
        return (
            *messages,
            *invalid,
            choice_class(errors, "gender"),
            form_alert(errors),
            no_update,
            no_update,
        )
    return (*messages, *invalid, "", None, visit_store(store, visit_id), new_client_key())


def returning_outputs(
    found: StoredVisitor | None,
    current: Mapping[str, Any],
    match: Mapping[str, Any] | None,
    visit_id: int | None,
) -> tuple[Any, ...]:
    """(each of GUEST_BOOK_FIELDS' value or no_update…, notice, match store) once a phone or
    email was typed. Nothing changes when no visitor matches, or the same one was filled in already
    (so a second blur does not undo the officer's edits)."""
    previous = match if match and match.get("visit_id") == visit_id else None
    if found is None or (previous and previous.get("visitor_id") == found.visitor_id):
        raise PreventUpdate
    merged = merge_returning_visitor(current, found.values, previous and previous.get("values"))
    notice = cards.returning_notice(returning_notice(found.name, found.updated_at))
    new_match = {"visit_id": visit_id, "visitor_id": found.visitor_id, "values": found.values}
    # Unchanged fields are left alone: writing back the values read when the request left
    # would undo what the officer typed meanwhile.
    values = (
        no_update if merged[field] == current.get(field) else merged[field]
        for field in GUEST_BOOK_FIELDS
    )
    return (*values, notice, new_match)


# -- callbacks ------------------------------------------------------------------------------


def _visit_or_stop(store: Mapping[str, Any] | None) -> int:
    visit_id = stored_visit_id(store)
    if visit_id is None:
        raise PreventUpdate
    return visit_id


def _register_frame(app: Dash) -> None:
    @app.callback(
        Output(ids.STEPPER, "children"),
        Output(ids.VISIT_BANNER, "children"),
        Output(ids.STAGE, "children"),
        Input(ids.VISIT, "data"),
    )
    def render_stage(store: Mapping[str, Any] | None) -> tuple[Any, Any, Any]:
        require_role(DESK_READERS)
        return stage_outputs(load_stage(stored_visit_id(store)), can_write())

    app.clientside_callback(FOCUS_FIRST_FIELD, Input(ids.STAGE, "children"))

    @app.callback(
        Output(ids.PENDING_LIST, "children"),
        Output(ids.PENDING_INTERVAL, "interval"),
        Input(ids.PENDING_INTERVAL, "n_intervals"),
        Input(ids.VISIT, "data"),
    )
    def refresh_pending(_ticks: int | None, store: Mapping[str, Any] | None) -> tuple[Any, int]:
        require_role(DESK_READERS)
        state = app_state()
        rows = read(lambda session: queries.active_visit_rows(session, state.office_id))
        listing = cards.pending_list(pending_arrivals(rows), stored_visit_id(store), can_write())
        return listing, state.settings.refresh_seconds * 1000

    @app.callback(
        Output(ids.VISIT, "data", allow_duplicate=True),
        Output(ids.CLIENT_KEY, "data", allow_duplicate=True),
        Input({"type": ids.RESUME, "index": ALL}, "n_clicks"),
        State(ids.VISIT, "data"),
        prevent_initial_call=True,
    )
    def resume(clicks: list[int | None], store: Mapping[str, Any] | None) -> tuple[Any, Any]:
        triggered = ctx.triggered_id
        if not isinstance(triggered, Mapping) or not any(clicked(count) for count in clicks):
            raise PreventUpdate
        if not clicked(ctx.triggered[0]["value"]):
            raise PreventUpdate
        return visit_store(store, int(triggered["index"])), new_client_key()

    @app.callback(
        Output(ids.VISIT, "data", allow_duplicate=True),
        Output(ids.CLIENT_KEY, "data", allow_duplicate=True),
        Input(ids.REQUESTED_VISIT, "data"),
        State(ids.VISIT, "data"),
        prevent_initial_call="initial_duplicate",
    )
    def open_requested(requested: int | None, store: Mapping[str, Any] | None) -> tuple[Any, Any]:
        if not requested or stored_visit_id(store) == requested:
            raise PreventUpdate
        return visit_store(store, int(requested)), new_client_key()

    @app.callback(
        Output(ids.VISIT, "data", allow_duplicate=True),
        Input(ids.RELOAD_VISIT, "n_clicks"),
        State(ids.VISIT, "data"),
        prevent_initial_call=True,
    )
    def reload_visit(n_clicks: int | None, store: Mapping[str, Any] | None) -> Any:
        if not clicked(n_clicks):
            raise PreventUpdate
        return visit_store(store, stored_visit_id(store))

    @app.callback(
        Output(ids.VISIT, "data", allow_duplicate=True),
        Output(ids.CLIENT_KEY, "data", allow_duplicate=True),
        Input(ids.SET_ASIDE, "n_clicks"),
        State(ids.VISIT, "data"),
        prevent_initial_call=True,
    )
    def set_aside(n_clicks: int | None, store: Mapping[str, Any] | None) -> tuple[Any, Any]:
        if not clicked(n_clicks):
            raise PreventUpdate
        return visit_store(store, None), new_client_key()


def _register_start_and_screening(app: Dash) -> None:
    @app.callback(
        Output(ids.VISIT, "data", allow_duplicate=True),
        Output(ids.CLIENT_KEY, "data", allow_duplicate=True),
        Output(ids.START_ALERT, "children"),
        Input(ids.NEW_VISIT, "n_clicks"),
        State(ids.CLIENT_KEY, "data"),
        State(ids.VISIT, "data"),
        prevent_initial_call=True,
        running=[(Output(ids.NEW_VISIT, "disabled"), True, False)],
    )
    def new_visit(
        n_clicks: int | None, client_key: str | None, store: Mapping[str, Any] | None
    ) -> tuple[Any, Any, Any]:
        if not clicked(n_clicks):
            raise PreventUpdate
        key = client_key or new_client_key()
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: start_or_resume(session, actor, key, new_client_key),
        )
        return start_outputs(outcome, store, client_key)

    @app.callback(
        Output(ids.MASK_FEEDBACK, "children"),
        Output(ids.MASK, "input_class_name"),
        Output(ids.TEMPERATURE_FEEDBACK, "children"),
        Output(ids.TEMPERATURE, "invalid"),
        Output(ids.SCREENING_ALERT, "children"),
        Output(ids.VISIT, "data", allow_duplicate=True),
        Output(ids.CLIENT_KEY, "data", allow_duplicate=True),
        Input(ids.SCREENING_SUBMIT, "n_clicks"),
        Input(ids.TEMPERATURE, "n_submit"),
        State(ids.MASK, "value"),
        State(ids.TEMPERATURE, "value"),
        State(ids.VISIT, "data"),
        prevent_initial_call=True,
        running=[(Output(ids.SCREENING_SUBMIT, "disabled"), True, False)],
    )
    def submit_screening(
        n_clicks: int | None,
        n_submit: int | None,
        mask: str | None,
        temperature: str | None,
        store: Mapping[str, Any] | None,
    ) -> tuple[Any, ...]:
        if not (clicked(n_clicks) or clicked(n_submit)):
            raise PreventUpdate
        visit_id = _visit_or_stop(store)
        threshold = app_state().settings.fever_threshold_celsius
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: bool(
                record_screening(
                    session, actor, visit_id, parse_mask(mask), temperature, threshold
                ).admitted
            ),
        )
        return screening_outputs(outcome, store, visit_id)


def _register_bag(app: Dash) -> None:
    @app.callback(
        Output(ids.RACK_SLOT_FEEDBACK, "children"),
        Output(ids.RACK_SLOT, "invalid"),
        Output(ids.BAG_ALERT, "children"),
        Output(ids.VISIT, "data", allow_duplicate=True),
        Input(ids.BAG_SUBMIT, "n_clicks"),
        Input(ids.RACK_SLOT, "n_submit"),
        State(ids.RACK_SLOT, "value"),
        State(ids.VISIT, "data"),
        prevent_initial_call=True,
        running=[(Output(ids.BAG_SUBMIT, "disabled"), True, False)],
    )
    def submit_bag(
        n_clicks: int | None,
        n_submit: int | None,
        rack_slot: object,
        store: Mapping[str, Any] | None,
    ) -> tuple[Any, ...]:
        if not (clicked(n_clicks) or clicked(n_submit)):
            raise PreventUpdate
        visit_id = _visit_or_stop(store)
        capacity = app_state().settings.rack_slots
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: place_bag(session, actor, visit_id, rack_slot, capacity).id,
        )
        return bag_outputs(outcome, store, visit_id)

    @app.callback(
        Output(ids.RACK_SLOT, "value"),
        Output(ids.RACK_HINT, "children"),
        Output(ids.RACK_HINT, "className"),
        Output(ids.RACK_SLOT, "invalid", allow_duplicate=True),
        Input(ids.RACK_FIND_FREE, "n_clicks"),
        prevent_initial_call=True,
        running=[(Output(ids.RACK_FIND_FREE, "disabled"), True, False)],
    )
    def find_free_rack(n_clicks: int | None) -> tuple[Any, ...]:
        if not clicked(n_clicks):
            raise PreventUpdate
        require_role(VISIT_WRITERS)
        suggestion = load_rack_suggestion()
        value = suggestion.slot if suggestion.slot is not None else no_update
        return value, suggestion.text, cards.rack_hint_class(suggestion), False


def _register_guest_book(app: Dash) -> None:
    field_states = [State(ids.GUEST_BOOK_INPUTS[field], "value") for field in GUEST_BOOK_FIELDS]

    @app.callback(
        *[Output(ids.GUEST_BOOK_INPUTS[field], "value") for field in GUEST_BOOK_FIELDS],
        Output(ids.RETURNING_NOTICE, "children"),
        Output(ids.RETURNING_MATCH, "data"),
        Input(ids.PHONE, "n_blur"),
        Input(ids.EMAIL, "n_blur"),
        *field_states,
        State(ids.RETURNING_MATCH, "data"),
        State(ids.VISIT, "data"),
        prevent_initial_call=True,
    )
    def fill_returning_visitor(
        _phone_blurs: int | None, _email_blurs: int | None, *values: Any
    ) -> tuple[Any, ...]:
        *field_values, match, store = values
        current = dict(zip(GUEST_BOOK_FIELDS, field_values, strict=True))
        require_role(VISIT_WRITERS)
        found = find_returning_visitor(current["phone"], current["email"])
        return returning_outputs(found, current, match, stored_visit_id(store))

    @app.callback(
        *[Output(ids.GUEST_BOOK_FEEDBACK[field], "children") for field in GUEST_BOOK_ERROR_FIELDS],
        *[Output(ids.GUEST_BOOK_INPUTS[field], "invalid") for field in GUEST_BOOK_INVALID_INPUTS],
        Output(ids.GENDER, "input_class_name"),
        Output(ids.GUEST_BOOK_ALERT, "children"),
        Output(ids.VISIT, "data", allow_duplicate=True),
        Output(ids.CLIENT_KEY, "data", allow_duplicate=True),
        Input(ids.GUEST_BOOK_SUBMIT, "n_clicks"),
        *[
            Input(ids.GUEST_BOOK_INPUTS[field], "n_submit")
            for field in ("phone", "email", "name", "birth_year", "institution")
        ],
        *field_states,
        State(ids.VISIT, "data"),
        prevent_initial_call=True,
        running=[(Output(ids.GUEST_BOOK_SUBMIT, "disabled"), True, False)],
    )
    def submit_guest_book(*values: Any) -> tuple[Any, ...]:
        submits, rest = values[:6], values[6:]
        *field_values, store = rest
        if not any(clicked(count) for count in submits):
            raise PreventUpdate
        visit_id = _visit_or_stop(store)
        form = dict(zip(GUEST_BOOK_FIELDS, field_values, strict=True))
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: (
                record_guest_book(
                    session,
                    actor,
                    visit_id,
                    validate_guest_book(**form, current_year=local_date(actor.now).year),
                ).id
            ),
        )
        return guest_book_outputs(outcome, store, visit_id)


def register(app: Dash) -> None:
    _register_frame(app)
    _register_start_and_screening(app)
    _register_bag(app)
    _register_guest_book(app)
