"""Callbacks of the Layanan page: draw the visit, and one callback per officer action.

Every action bumps the page's ``version`` store when it changed the visit, and the render
callback redraws from the database; so the panel always shows the true current step. A
form-level refusal (another officer moved the visit on, the visit is closed) bumps it too,
so the panel catches up while the message stays above it. A light poll compares the visit's
change marker with the one drawn, so work done elsewhere shows up without a reload; nothing
is kept in the server process (the marker lives in the browser).

Step 6's catalog search is the exception: picking a publication for a request (or removing
it) redraws only the list of requests, so the search box, its filters and results stay as
the officer left them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from dash import ALL, MATCH, Input, Output, State, ctx, no_update, set_props
from dash.development.base_component import Component

from callbacks.common import Outcome, perform, read
from dashboard import sop
from dashboard.clock import utc_now
from dashboard.errors import FORM
from dashboard.paths import parse_id
from dashboard.roles import RECEIPT_READERS, SALE_WRITERS, VISIT_WRITERS
from dashboard.ui.forms import disabled_while_running, field_feedback, form_alert
from dashboard.visits import service_ids as ids
from dashboard.visits import services
from dashboard.visits.desk_search import (
    PickResult,
    parse_filters,
    parse_unpick_key,
    pick_publication,
    run_search,
    unpick_publication,
)
from dashboard.visits.service_layout import render_visit, search_request_items, search_results
from dashboard.visits.service_layout.alerts import (
    not_found_alert,
    outdated_alert,
    pick_target_alert,
    purchase_alert,
    purchase_cancel_alert,
    success_alert,
    unplaced_alert,
)
from dashboard.visits.service_page import (
    NOT_AVAILABLE,
    ServiceView,
    availability_message,
    change_marker,
    correct_time_from_form,
    load_view,
    record_availability_from_form,
    record_purpose_from_form,
)
from dashboard.visits.step_history import correction_success, current_value_text
from dashboard.web.callback_registry import callback, clientside_callback
from dashboard.web.context import app_state, current_role

CORRECTION_FIELDS = ("corrected_step", "corrected_field", "corrected_time", "correction_reason")


# -- shaping (plain functions, tested without Dash) -----------------------------------------


class Response(NamedTuple):
    """What an action shows: the new version (or no_update), the alert above the panel, and
    each form field's message and invalid mark."""

    version: Any
    alert: Component | None
    messages: list[str]
    invalid: list[bool]


def respond(
    outcome: Outcome[Any],
    version: int | None,
    success: Component | None,
    fields: Sequence[str] = (),
) -> Response:
    """An action's response. Success and form-level refusals redraw the page (``version`` +
    1); a field refusal keeps the form as typed and marks the fields. Messages for fields
    this form does not show go into the alert, so no refusal is ever silent."""
    errors = outcome.errors
    messages, invalid = field_feedback(errors, fields)
    if outcome.ok:
        return Response((version or 0) + 1, success, messages, invalid)
    if FORM in errors:
        return Response((version or 0) + 1, outdated_alert(errors[FORM]), messages, invalid)
    unplaced = [message for key, message in errors.items() if key not in fields]
    if unplaced:
        return Response(no_update, unplaced_alert(unplaced), messages, invalid)
    return Response(no_update, form_alert(errors), messages, invalid)


def render_outputs(
    view: ServiceView | None,
    visit_id: object,
    can_write: bool,
    now: Any,
    refresh_seconds: int,
    role: str | None = None,
) -> dict[str, Any]:
    """The render callback's outputs by name. ``role`` decides the payment extras: the
    treasurer's link to the sale form, and who may open receipts."""
    if view is None:
        return {
            "not_found": not_found_alert(visit_id),
            "content_hidden": True,
            **dict.fromkeys(DRAWN, no_update),
            "marker": "missing",
            "refresh_interval": 60_000,
            "refresh_disabled": True,
        }
    page = render_visit(
        view,
        can_write,
        now,
        can_record_payment=role in SALE_WRITERS,
        can_download_receipt=role in RECEIPT_READERS,
    )
    return {
        "not_found": None,
        "content_hidden": False,
        "header": page.header,
        "panel_title": page.panel_title,
        "panel": page.panel,
        "history": page.history,
        "corrections": page.corrections,
        "correction_options": page.correction_options,
        "correction_form_hidden": not can_write,
        "step_times": page.step_times,
        "marker": page.marker,
        "refresh_interval": refresh_seconds * 1000,
        "refresh_disabled": False,
    }


DRAWN = (
    "header",
    "panel_title",
    "panel",
    "history",
    "corrections",
    "correction_options",
    "correction_form_hidden",
    "step_times",
)
"""The render outputs drawn from a visit (left as they are when there is none)."""


def by_index(ids_list: Sequence[dict[str, Any]], values: Sequence[Any]) -> dict[int, Any]:
    """Pattern-matching values keyed by the ``index`` of their dict id."""
    return {int(item["index"]): value for item, value in zip(ids_list, values, strict=True)}


def clicked_index(triggered_id: object, triggered: Sequence[dict[str, Any]]) -> object | None:
    """The ``index`` of the dict-id button a click came from; None when the callback ran for
    another reason (a button appearing with no click yet)."""
    if not isinstance(triggered_id, dict) or not triggered or not triggered[0].get("value"):
        return None
    return triggered_id.get("index")


def _publish(response: Response) -> None:
    """Show an action's message above the panel and, when the visit changed (here or by
    another officer), redraw the page.

    The alert and the version store live outside the step panel, so they are set with
    ``set_props`` instead of declared outputs: Dash fires a callback when a new panel brings
    its inputs into the page unless all its declared outputs are inside that panel too, and
    such a firing would disable the panel's buttons (``running``) and drop the focus.
    """
    set_props(ids.ALERT, {"children": response.alert})
    if response.version is not no_update:
        set_props(ids.VERSION, {"data": response.version})


def act(
    action: Callable[..., Any],
    version: int | None,
    success: Callable[[Any], Component | None],
    fields: Sequence[str] = (),
) -> tuple[Outcome[Any], Response]:
    """One officer action: run it as the signed-in officer, publish its message (and the
    redraw), and hand back the outcome and the fields' messages. ``success`` builds the
    success message from the action's value."""
    outcome = perform(VISIT_WRITERS, action)
    response = respond(outcome, version, success(outcome.value) if outcome.ok else None, fields)
    _publish(response)
    return outcome, response


def pick_outcome_props(outcome: Outcome[PickResult], version: int | None) -> None:
    """After a pick or its removal: on success the request list is redrawn in place (the
    search box keeps what was typed); a refusal shows why, and a form-level one redraws the
    page to the visit's true state."""
    if outcome.ok and outcome.value is not None:
        set_props(ids.SEARCH_REQUESTS, {"children": search_request_items(outcome.value.requests)})
        set_props(ids.ALERT, {"children": success_alert(outcome.value.message)})
        return
    _publish(respond(outcome, version, None))


VISIT = {"visit_id": State(ids.VISIT_ID, "data"), "version": State(ids.VERSION, "data")}
"""The visit on the page and the version drawn: every action's state. Always passed as a
copy (``{**VISIT}``): Dash merges a callback's inputs into the ``state`` dict it is given."""


# -- drawing the visit ----------------------------------------------------------------------


@callback(
    output={
        "not_found": Output(ids.NOT_FOUND, "children"),
        "content_hidden": Output(ids.CONTENT, "hidden"),
        "header": Output(ids.HEADER, "children"),
        "panel_title": Output(ids.PANEL_TITLE, "children"),
        "panel": Output(ids.PANEL, "children"),
        "history": Output(ids.HISTORY, "children"),
        "corrections": Output(ids.CORRECTIONS, "children"),
        "correction_options": Output(ids.CORRECTION_STEP, "options"),
        "correction_form_hidden": Output(ids.CORRECTION_FORM, "hidden"),
        "step_times": Output(ids.STEP_TIMES, "data"),
        "marker": Output(ids.SIGNATURE, "data"),
        "refresh_interval": Output(ids.REFRESH, "interval"),
        "refresh_disabled": Output(ids.REFRESH, "disabled"),
    },
    inputs={"_version": Input(ids.VERSION, "data")},
    state={"visit_id": State(ids.VISIT_ID, "data")},
)
def render(_version: int | None, visit_id: int) -> dict[str, Any]:
    state = app_state()
    view = read(
        lambda session: load_view(session, state.office_id, visit_id, state.settings.reading_tables)
    )
    role = current_role()
    return render_outputs(
        view, visit_id, role in VISIT_WRITERS, utc_now(), state.settings.refresh_seconds, role
    )


@callback(
    output=Output(ids.VERSION, "data", allow_duplicate=True),
    inputs={"_ticks": Input(ids.REFRESH, "n_intervals")},
    state={"drawn": State(ids.SIGNATURE, "data"), **VISIT},
    prevent_initial_call=True,
)
def refresh(_ticks: int, drawn: str | None, visit_id: int, version: int | None) -> Any:
    """Redraw only when the visit changed elsewhere (another officer, another tab)."""
    office_id = app_state().office_id
    marker = read(lambda session: change_marker(session, office_id, visit_id))
    return no_update if marker == drawn else (version or 0) + 1


# -- a waiting step, step 4 -----------------------------------------------------------------


@callback(
    inputs={"clicks": Input(ids.START_STEP, "n_clicks")},
    state={"step_number": State(ids.PANEL_STEP, "data"), **VISIT},
    prevent_initial_call=True,
    running=disabled_while_running(ids.START_STEP),
)
def start_step(
    clicks: int | None, step_number: int | None, visit_id: int, version: int | None
) -> None:
    if not clicks or step_number is None:
        return
    number = int(step_number)
    act(
        lambda session, actor: services.start_waiting_step(session, actor, visit_id, number),
        version,
        lambda _step: success_alert(f"Langkah {sop.step_label(number)} dimulai."),
    )


@callback(
    output={
        "messages": [
            Output(ids.SERVICE_TYPE_FEEDBACK, "children"),
            Output(ids.REQUESTS_FEEDBACK, "children"),
        ],
        "invalid": [Output(ids.SERVICE_TYPE, "invalid"), Output(ids.REQUESTS, "invalid")],
    },
    inputs={"clicks": Input(ids.PURPOSE_SUBMIT, "n_clicks")},
    state={
        "service_type": State(ids.SERVICE_TYPE, "value"),
        "requests": State(ids.REQUESTS, "value"),
        **VISIT,
    },
    prevent_initial_call=True,
    running=disabled_while_running(ids.PURPOSE_SUBMIT),
)
def record_purpose(
    clicks: int | None,
    service_type: str | None,
    requests: str | None,
    visit_id: int,
    version: int | None,
) -> dict[str, Any]:
    if not clicks:
        return {"messages": [no_update] * 2, "invalid": [no_update] * 2}
    _, response = act(
        lambda session, actor: record_purpose_from_form(
            session, actor, visit_id, service_type, requests
        ),
        version,
        lambda _visit: success_alert("Tujuan kedatangan dicatat; lanjut mencari data."),
        ("service_type", "requests"),
    )
    return {"messages": response.messages, "invalid": response.invalid}


# -- steps 6 and 7 --------------------------------------------------------------------------


@callback(
    output=Output(ids.SEARCH_NOTE_FEEDBACK, "children"),
    inputs={
        "clicks": Input(ids.SEARCH_SUBMIT, "n_clicks"),
        "submits": Input(ids.SEARCH_NOTE, "n_submit"),
    },
    state={"note": State(ids.SEARCH_NOTE, "value"), **VISIT},
    prevent_initial_call=True,
    running=disabled_while_running(ids.SEARCH_SUBMIT, ids.SEARCH_NOTE),
)
def finish_search(
    clicks: int | None, submits: int | None, note: str | None, visit_id: int, version: int | None
) -> Any:
    if not (clicks or submits):
        return no_update
    act(
        lambda session, actor: services.finish_search(session, actor, visit_id, note),
        version,
        lambda _step: success_alert("Pencarian selesai; tentukan ketersediaan tiap data."),
    )
    return ""


def _requests(kind: type[State] | type[Output], type_: str, prop: str) -> Any:
    return kind({"type": type_, "index": ALL}, prop)


@callback(
    output={
        "messages": _requests(Output, ids.REQUEST_FEEDBACK_TYPE, "children"),
        "agency_invalid": _requests(Output, ids.REQUEST_AGENCY_TYPE, "invalid"),
    },
    inputs={"clicks": Input(ids.AVAILABILITY_SUBMIT, "n_clicks")},
    state={
        "choices": _requests(State, ids.REQUEST_AVAILABLE_TYPE, "value"),
        "choice_ids": _requests(State, ids.REQUEST_AVAILABLE_TYPE, "id"),
        "agencies": _requests(State, ids.REQUEST_AGENCY_TYPE, "value"),
        "agency_ids": _requests(State, ids.REQUEST_AGENCY_TYPE, "id"),
        "notes": _requests(State, ids.REQUEST_NOTE_TYPE, "value"),
        "note_ids": _requests(State, ids.REQUEST_NOTE_TYPE, "id"),
        "feedback_ids": _requests(State, ids.REQUEST_FEEDBACK_TYPE, "id"),
        **VISIT,
    },
    prevent_initial_call=True,
    running=disabled_while_running(ids.AVAILABILITY_SUBMIT),
)
def record_availability(
    clicks: int | None,
    choices: list[str | None],
    choice_ids: list[dict[str, Any]],
    agencies: list[str | None],
    agency_ids: list[dict[str, Any]],
    notes: list[str | None],
    note_ids: list[dict[str, Any]],
    feedback_ids: list[dict[str, Any]],
    visit_id: int,
    version: int | None,
) -> dict[str, Any]:
    if not clicks:
        return {
            "messages": [no_update] * len(feedback_ids),
            "agency_invalid": [no_update] * len(agency_ids),
        }
    chosen = by_index(choice_ids, choices)
    typed = by_index(agency_ids, agencies)
    written = by_index(note_ids, notes)

    def success(decisions: list[services.RequestDecision]) -> Component:
        referred_only = all(decision.available is False for decision in decisions)
        return success_alert(
            availability_message(decisions), color="info" if referred_only else "success"
        )

    outcome, response = act(
        lambda session, actor: record_availability_from_form(
            session, actor, visit_id, chosen, typed, written
        ),
        version,
        success,
        [f"request-{item['index']}" for item in feedback_ids],
    )
    agency_invalid = [
        f"request-{item['index']}" in outcome.errors
        and chosen.get(int(item["index"])) == NOT_AVAILABLE
        for item in agency_ids
    ]
    return {"messages": response.messages, "agency_invalid": agency_invalid}


# -- step 6: the catalog search -------------------------------------------------------------


@callback(
    output={
        "results": Output(ids.SEARCH_RESULTS, "children"),
        "message": Output(ids.SEARCH_MESSAGE, "children"),
    },
    inputs={
        "text": Input(ids.SEARCH_QUERY, "value"),
        "year": Input(ids.SEARCH_YEAR, "value"),
        "subject": Input(ids.SEARCH_SUBJECT, "value"),
        "fmt": Input(ids.SEARCH_FORMAT, "value"),
    },
)
def search(
    text: str | None, year: str | None, subject: str | None, fmt: str | None
) -> dict[str, Any]:
    """Results as the officer types."""
    office_id = app_state().office_id
    filters = parse_filters(year, subject, fmt)
    result = read(lambda session: run_search(session, office_id, text, filters))
    return {"results": search_results(result), "message": result.message}


PICK_BUTTONS = {"type": ids.SEARCH_PICK_TYPE, "index": ALL}
UNPICK_BUTTONS = {"type": ids.SEARCH_UNPICK_TYPE, "index": ALL}


@callback(
    inputs={"_clicks": Input(PICK_BUTTONS, "n_clicks")},
    state={"target": State(ids.SEARCH_TARGET, "value"), **VISIT},
    prevent_initial_call=True,
    running=disabled_while_running(PICK_BUTTONS),
)
def pick(_clicks: list[int | None], target: object, visit_id: int, version: int | None) -> None:
    """A result picked for the chosen request."""
    publication_id = parse_id(clicked_index(ctx.triggered_id, ctx.triggered))
    if publication_id is None:
        return
    request_id = parse_id(target)
    if request_id is None:
        set_props(ids.ALERT, {"children": pick_target_alert()})
        return
    outcome = perform(
        VISIT_WRITERS,
        lambda session, actor: pick_publication(
            session, actor, visit_id, request_id, publication_id
        ),
    )
    pick_outcome_props(outcome, version)


@callback(
    inputs={"_clicks": Input(UNPICK_BUTTONS, "n_clicks")},
    state={**VISIT},
    prevent_initial_call=True,
    running=disabled_while_running(UNPICK_BUTTONS),
)
def unpick(_clicks: list[int | None], visit_id: int, version: int | None) -> None:
    key = parse_unpick_key(clicked_index(ctx.triggered_id, ctx.triggered))
    if key is None:
        return
    request_id, publication_id = key
    outcome = perform(
        VISIT_WRITERS,
        lambda session, actor: unpick_publication(
            session, actor, visit_id, request_id, publication_id
        ),
    )
    pick_outcome_props(outcome, version)


# -- steps 8, 9 and 10 ----------------------------------------------------------------------


def one_field_form(submit_id: str, field_id: str, feedback_id: str) -> Callable[[Any], Any]:
    """The callback of a one-field step form (its button or Enter in the field sends it):
    the field's message and invalid mark as outputs, its value and the visit as state."""
    return callback(
        output={
            "message": Output(feedback_id, "children"),
            "invalid": Output(field_id, "invalid"),
        },
        inputs={"clicks": Input(submit_id, "n_clicks"), "submits": Input(field_id, "n_submit")},
        state={"value": State(field_id, "value"), **VISIT},
        prevent_initial_call=True,
        running=disabled_while_running(submit_id, field_id),
    )


def act_on_field(
    sent: bool,
    action: Callable[..., Any],
    version: int | None,
    success: Callable[[Any], Component | None],
    field: str,
) -> dict[str, Any]:
    """``act`` for a one-field form: the field's message and mark (nothing when not sent)."""
    if not sent:
        return {"message": no_update, "invalid": no_update}
    _, response = act(action, version, success, (field,))
    return {"message": response.messages[0], "invalid": response.invalid[0]}


@one_field_form(ids.READING_TABLE_SUBMIT, ids.READING_TABLE, ids.READING_TABLE_FEEDBACK)
def seat(
    clicks: int | None, submits: int | None, value: object, visit_id: int, version: int | None
) -> dict[str, Any]:
    table_count = app_state().settings.reading_tables
    return act_on_field(
        bool(clicks or submits),
        lambda session, actor: (
            services.seat_at_reading_table(
                session, actor, visit_id, value, table_count
            ).reading_table
        ),
        version,
        lambda seated: success_alert(f"Pengunjung diantar ke meja baca nomor {seated}."),
        "reading_table",
    )


@callback(
    output=Output(ids.PURCHASE_FEEDBACK, "children"),
    inputs={
        "yes_clicks": Input(ids.PURCHASE_YES, "n_clicks"),
        "no_clicks": Input(ids.PURCHASE_NO, "n_clicks"),
    },
    state={**VISIT},
    prevent_initial_call=True,
    running=disabled_while_running(ids.PURCHASE_YES, ids.PURCHASE_NO),
)
def purchase(
    yes_clicks: int | None, no_clicks: int | None, visit_id: int, version: int | None
) -> Any:
    if not (yes_clicks or no_clicks) or ctx.triggered_id not in {
        ids.PURCHASE_YES,
        ids.PURCHASE_NO,
    }:
        return no_update
    return _record_purchase_offer(
        visit_id, version, ctx.triggered_id == ids.PURCHASE_YES, purchase_alert
    )


@callback(
    output=Output(ids.PURCHASE_FEEDBACK, "children", allow_duplicate=True),
    inputs={"clicks": Input(ids.PURCHASE_CANCEL, "submit_n_clicks")},
    state={**VISIT},
    prevent_initial_call=True,
    running=disabled_while_running(ids.PURCHASE_CANCEL_BUTTON),
)
def cancel_purchase(clicks: int | None, visit_id: int, version: int | None) -> Any:
    """'Batal membeli' while the visitor waits to pay: step 9 ends as "declines"."""
    if not clicks:
        return no_update
    return _record_purchase_offer(visit_id, version, False, lambda _buys: purchase_cancel_alert())


def _record_purchase_offer(
    visit_id: int,
    version: int | None,
    wants_to_buy: bool,
    message: Callable[[bool], Component],
) -> str:
    """Step 9's answer through the service; the purchase field's message."""
    _, response = act(
        lambda session, actor: services.record_purchase_offer(
            session, actor, visit_id, wants_to_buy
        ),
        version,
        lambda _step: message(wants_to_buy),
        ("purchase",),
    )
    return response.messages[0]


@one_field_form(ids.BAG_SUBMIT, ids.TAG_CODE, ids.TAG_CODE_FEEDBACK)
def return_bag(
    clicks: int | None, submits: int | None, value: str | None, visit_id: int, version: int | None
) -> dict[str, Any]:
    return act_on_field(
        bool(clicks or submits),
        lambda session, actor: services.return_bag(session, actor, visit_id, value).code,
        version,
        lambda code: success_alert(f"Tas {code} sudah diserahkan kepada pemiliknya."),
        "tag_code",
    )


# -- time corrections -----------------------------------------------------------------------


@callback(
    output={
        "version": Output(ids.VERSION, "data", allow_duplicate=True),
        "alert": Output(ids.CORRECTION_ALERT, "children"),
        "messages": [
            Output(ids.CORRECTION_STEP_FEEDBACK, "children"),
            Output(ids.CORRECTION_FIELD_FEEDBACK, "children"),
            Output(ids.CORRECTION_TIME_FEEDBACK, "children"),
            Output(ids.CORRECTION_REASON_FEEDBACK, "children"),
        ],
        "invalid": [
            Output(ids.CORRECTION_STEP, "invalid"),
            Output(ids.CORRECTION_TIME, "invalid"),
            Output(ids.CORRECTION_REASON, "invalid"),
        ],
        "time": Output(ids.CORRECTION_TIME, "value"),
        "reason": Output(ids.CORRECTION_REASON, "value"),
    },
    inputs={
        "clicks": Input(ids.CORRECTION_SUBMIT, "n_clicks"),
        "time_submits": Input(ids.CORRECTION_TIME, "n_submit"),
        "reason_submits": Input(ids.CORRECTION_REASON, "n_submit"),
    },
    state={
        "step_id": State(ids.CORRECTION_STEP, "value"),
        "field": State(ids.CORRECTION_FIELD, "value"),
        "time_text": State(ids.CORRECTION_TIME, "value"),
        "reason": State(ids.CORRECTION_REASON, "value"),
        **VISIT,
    },
    prevent_initial_call=True,
    running=disabled_while_running(
        ids.CORRECTION_SUBMIT, ids.CORRECTION_TIME, ids.CORRECTION_REASON
    ),
)
def correct(
    clicks: int | None,
    time_submits: int | None,
    reason_submits: int | None,
    step_id: object,
    field: str | None,
    time_text: str | None,
    reason: str | None,
    visit_id: int,
    version: int | None,
) -> dict[str, Any]:
    """The correction form answers beside itself (not above the panel), so it does not go
    through ``act``."""
    if not (clicks or time_submits or reason_submits):
        return {
            "version": no_update,
            "alert": no_update,
            "messages": [no_update] * 4,
            "invalid": [no_update] * 3,
            "time": no_update,
            "reason": no_update,
        }
    outcome = perform(
        VISIT_WRITERS,
        lambda session, actor: _correction_message(
            correct_time_from_form(session, actor, visit_id, step_id, field, time_text, reason),
            field,
        ),
    )
    success = success_alert(outcome.value) if outcome.value is not None else None
    response = respond(outcome, version, success, CORRECTION_FIELDS)
    cleared = "" if outcome.ok else no_update
    return {
        "version": response.version,
        "alert": response.alert,
        "messages": response.messages,
        "invalid": [response.invalid[0], response.invalid[2], response.invalid[3]],
        "time": cleared,
        "reason": cleared,
    }


def _correction_message(step: Any, field: str | None) -> str:
    """The success line of a correction, read from the corrected step in its transaction."""
    return correction_success(step.step_number, field or "", getattr(step, field or ""))


@callback(
    output=Output(ids.CORRECTION_CURRENT, "children"),
    inputs={
        "step_id": Input(ids.CORRECTION_STEP, "value"),
        "field": Input(ids.CORRECTION_FIELD, "value"),
        "step_times": Input(ids.STEP_TIMES, "data"),
    },
)
def show_current_value(step_id: object, field: str | None, step_times: Any) -> str:
    return current_value_text(step_times, step_id, field)


# -- in the browser -------------------------------------------------------------------------


AGENCY_TOGGLE_JS = f"function(choice) {{ return choice !== '{NOT_AVAILABLE}'; }}"

AGENCY_PICK_JS = """
function(_clicks, names) {
    // A suggested agency clicked: its name goes into the request's referral field.
    var context = window.dash_clientside.callback_context;
    var clicked = context.triggered_id;
    if (!clicked || !context.triggered.length || !context.triggered[0].value) {
        return window.dash_clientside.no_update;
    }
    var position = context.inputs_list[0].findIndex(function(item) {
        return item.id.agency === clicked.agency;
    });
    return position < 0 ? window.dash_clientside.no_update : names[position];
}
"""

FOCUS_FIRST_FIELD_JS = """
function(children) {
    // Put the cursor in the first field of a freshly drawn step panel, unless the officer
    // is working elsewhere on the page. The panel reaches the DOM a moment after this
    // runs, and a field that is briefly disabled loses focus; so keep watching a little.
    var expected = children && children.props && children.props['data-render'];
    if (!expected) { return window.dash_clientside.no_update; }
    var ticks = 0, steady = 0;
    function tick() {
        if (++ticks > 60) { return; }
        var card = document.getElementById('service-panel-card');
        var root = document.querySelector('#service-panel > [data-render]');
        if (!card || !root || root.getAttribute('data-render') !== expected) {
            setTimeout(tick, 50);
            return;
        }
        var field = root.querySelector(
            'input:not([type=hidden]), select, textarea, button');
        if (!field) { return; }
        var active = document.activeElement;
        if (active === field) {
            if (++steady < 4) { setTimeout(tick, 50); }
            return;
        }
        if (active && active !== document.body) { return; }
        if (!field.disabled) { field.focus(); }
        setTimeout(tick, 50);
    }
    tick();
    return window.dash_clientside.no_update;
}
"""


# Browser-side helpers: show the referral field only for 'Tidak tersedia', put a suggested
# agency's name into it, and put the cursor in the first field of each new step panel (the
# desk works from the keyboard).
clientside_callback(
    AGENCY_TOGGLE_JS,
    Output({"type": ids.REQUEST_AGENCY_ROW_TYPE, "index": MATCH}, "hidden"),
    Input({"type": ids.REQUEST_AVAILABLE_TYPE, "index": MATCH}, "value"),
    module=__name__,
)
SUGGESTIONS = {"type": ids.REQUEST_AGENCY_PICK_TYPE, "index": MATCH, "agency": ALL}
clientside_callback(
    AGENCY_PICK_JS,
    Output({"type": ids.REQUEST_AGENCY_TYPE, "index": MATCH}, "value"),
    Input(SUGGESTIONS, "n_clicks"),
    State(SUGGESTIONS, "children"),
    prevent_initial_call=True,
    module=__name__,
)
clientside_callback(
    FOCUS_FIRST_FIELD_JS, Output(ids.FOCUS, "data"), Input(ids.PANEL, "children"), module=__name__
)
