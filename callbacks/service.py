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

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import dash_bootstrap_components as dbc
from dash import ALL, MATCH, Dash, Input, Output, State, ctx, dcc, html, no_update, set_props
from dash.development.base_component import Component

from callbacks.common import Outcome, perform, read
from dashboard import sop
from dashboard.clock import utc_now
from dashboard.errors import FORM
from dashboard.paths import HOME_PATH, parse_id
from dashboard.roles import DESK_READERS, RECEIPT_READERS, SALE_WRITERS, VISIT_WRITERS
from dashboard.ui.forms import field_feedback, form_alert
from dashboard.visits import service_ids as ids
from dashboard.visits import services
from dashboard.visits.corrections import CORRECTABLE_FIELDS
from dashboard.visits.desk_search import (
    PickResult,
    parse_filters,
    parse_unpick_key,
    pick_publication,
    run_search,
    unpick_publication,
)
from dashboard.visits.service_layout import (
    render_visit,
    search_request_items,
    search_results,
)
from dashboard.visits.service_page import (
    NOT_AVAILABLE,
    ServiceView,
    availability_message,
    change_marker,
    correct_time_from_form,
    load_view,
    record_availability_from_form,
    request_lines,
)
from dashboard.visits.step_history import current_value_text, format_clock_seconds
from dashboard.web.context import app_state, current_role, require_role
from db.reference_data import SERVICE_TYPE, lookup_options

SUCCESS_SECONDS = 6000

CORRECTION_FIELDS = ("corrected_step", "corrected_field", "corrected_time", "correction_reason")


# -- shaping (plain functions, tested without Dash) -----------------------------------------


def success_alert(message: str, color: str = "success") -> dbc.Alert:
    return dbc.Alert(message, color=color, duration=SUCCESS_SECONDS, className="mb-3")


def respond(
    outcome: Outcome[Any],
    version: int | None,
    success: Component | None,
    fields: Sequence[str] = (),
) -> tuple[Any, Component | None, list[str], list[bool]]:
    """An action's outputs: (new version or no_update, alert, field messages, invalid flags).

    Success and form-level refusals redraw the page (``version`` + 1); a field refusal keeps
    the form as typed and marks the fields. Messages for fields this form does not show go
    into the alert, so no refusal is ever silent.
    """
    errors = outcome.errors
    messages, invalid = field_feedback(errors, fields)
    if outcome.ok:
        return (version or 0) + 1, success, messages, invalid
    if FORM in errors:
        alert = dbc.Alert(
            [errors[FORM], html.Br(), html.Small("Tampilan sudah diperbarui ke keadaan terkini.")],
            color="danger",
            className="mb-3",
        )
        return (version or 0) + 1, alert, messages, invalid
    unplaced = [message for key, message in errors.items() if key not in fields]
    if unplaced:
        return no_update, dbc.Alert(" ".join(unplaced), color="danger"), messages, invalid
    return no_update, form_alert(errors), messages, invalid


def not_found_alert(visit_id: object) -> dbc.Alert:
    return dbc.Alert(
        [
            html.Strong("Kunjungan tidak ditemukan. "),
            f"Tidak ada kunjungan nomor {visit_id} di kantor ini. Buka kunjungan dari daftar ",
            dcc.Link("Layanan berjalan", href=HOME_PATH),
            ".",
        ],
        color="warning",
    )


def render_outputs(
    view: ServiceView | None,
    visit_id: object,
    can_write: bool,
    now: datetime,
    refresh_seconds: int,
    role: str | None = None,
) -> tuple[Any, ...]:
    """The render callback's outputs, in the order of its Output list. ``role`` decides the
    payment extras: the treasurer's link to the sale form, and who may open receipts."""
    if view is None:
        return (not_found_alert(visit_id), True, *([no_update] * 8), "missing", 60_000, True)
    page = render_visit(
        view,
        can_write,
        now,
        can_record_payment=role in SALE_WRITERS,
        can_download_receipt=role in RECEIPT_READERS,
    )
    return (
        None,
        False,
        page.header,
        page.panel_title,
        page.panel,
        page.history,
        page.corrections,
        page.correction_options,
        not can_write,
        page.step_times,
        page.marker,
        refresh_seconds * 1000,
        False,
    )


def correction_success(step_number: int, field: str, new_value: datetime | None) -> str:
    what = CORRECTABLE_FIELDS.get(field, field).capitalize()
    return (
        f"{what} langkah {sop.step_label(step_number)} dikoreksi menjadi "
        f"{format_clock_seconds(new_value)} WIB."
    )


def purchase_alert(wants_to_buy: bool) -> dbc.Alert:
    if wants_to_buy:
        return success_alert(
            "Pengunjung ingin membeli publikasi: antar ke Bendahara Penerimaan. Pembayaran "
            "dicatat bendahara; langkah ini selesai saat kuitansi terbit, lalu lanjut ke "
            "pengambilan tas.",
            color="info",
        )
    return success_alert("Penawaran publikasi dicatat: tidak membeli. Lanjut ke pengambilan tas.")


def purchase_cancel_alert() -> dbc.Alert:
    return success_alert("Pengunjung batal membeli. Lanjut ke pengambilan tas.")


def by_index(ids_list: Sequence[dict[str, Any]], values: Sequence[Any]) -> dict[int, Any]:
    """Pattern-matching values keyed by the ``index`` of their dict id."""
    return {int(item["index"]): value for item, value in zip(ids_list, values, strict=True)}


def clicked_index(triggered_id: object, triggered: Sequence[dict[str, Any]]) -> object | None:
    """The ``index`` of the dict-id button a click came from; None when the callback ran for
    another reason (a button appearing with no click yet)."""
    if not isinstance(triggered_id, dict) or not triggered or not triggered[0].get("value"):
        return None
    return triggered_id.get("index")


def pick_outcome_props(outcome: Outcome[PickResult], version: int | None) -> None:
    """After a pick or its removal: on success the request list is redrawn in place (the
    search box keeps what was typed); a refusal shows why, and a form-level one redraws the
    page to the visit's true state."""
    if outcome.ok and outcome.value is not None:
        set_props(ids.SEARCH_REQUESTS, {"children": search_request_items(outcome.value.requests)})
        set_props(ids.ALERT, {"children": success_alert(outcome.value.message)})
        return
    new_version, alert, _, _ = respond(outcome, version, None)
    _publish(new_version, alert)


def _running(*component_ids: str) -> list[tuple[Output, bool, bool]]:
    return [(Output(component_id, "disabled"), True, False) for component_id in component_ids]


# -- registration ---------------------------------------------------------------------------


def register(app: Dash) -> None:
    _register_render(app)
    _register_waiting_and_purpose(app)
    _register_search_and_availability(app)
    _register_catalog_search(app)
    _register_table_purchase_bag(app)
    _register_corrections(app)
    _register_clientside(app)


def _register_render(app: Dash) -> None:
    @app.callback(
        Output(ids.NOT_FOUND, "children"),
        Output(ids.CONTENT, "hidden"),
        Output(ids.HEADER, "children"),
        Output(ids.PANEL_TITLE, "children"),
        Output(ids.PANEL, "children"),
        Output(ids.HISTORY, "children"),
        Output(ids.CORRECTIONS, "children"),
        Output(ids.CORRECTION_STEP, "options"),
        Output(ids.CORRECTION_FORM, "hidden"),
        Output(ids.STEP_TIMES, "data"),
        Output(ids.SIGNATURE, "data"),
        Output(ids.REFRESH, "interval"),
        Output(ids.REFRESH, "disabled"),
        Input(ids.VERSION, "data"),
        State(ids.VISIT_ID, "data"),
    )
    def render(_version: int | None, visit_id: int) -> tuple[Any, ...]:
        require_role(DESK_READERS)
        state = app_state()
        view = read(
            lambda session: load_view(
                session, state.office_id, visit_id, state.settings.reading_tables
            )
        )
        role = current_role()
        return render_outputs(
            view,
            visit_id,
            role in VISIT_WRITERS,
            utc_now(),
            state.settings.refresh_seconds,
            role,
        )

    @app.callback(
        Output(ids.VERSION, "data", allow_duplicate=True),
        Input(ids.REFRESH, "n_intervals"),
        State(ids.VISIT_ID, "data"),
        State(ids.SIGNATURE, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
    )
    def refresh(_ticks: int, visit_id: int, drawn: str | None, version: int | None) -> Any:
        """Redraw only when the visit changed elsewhere (another officer, another tab)."""
        require_role(DESK_READERS)
        office_id = app_state().office_id
        marker = read(lambda session: change_marker(session, office_id, visit_id))
        return no_update if marker == drawn else (version or 0) + 1


def _publish(new_version: Any, alert: Component | None) -> None:
    """Show an action's message above the panel and, when the visit changed (here or by
    another officer), redraw the page.

    The alert and the version store live outside the step panel, so they are set with
    ``set_props`` instead of declared outputs: Dash fires a callback when a new panel brings
    its inputs into the page unless all its declared outputs are inside that panel too, and
    such a firing would disable the panel's buttons (``running``) and drop the focus.
    """
    set_props(ids.ALERT, {"children": alert})
    if new_version is not no_update:
        set_props(ids.VERSION, {"data": new_version})


def _register_waiting_and_purpose(app: Dash) -> None:
    @app.callback(
        Input(ids.START_STEP, "n_clicks"),
        State(ids.PANEL_STEP, "data"),
        State(ids.VISIT_ID, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=_running(ids.START_STEP),
    )
    def start_step(clicks: int | None, step_number: int | None, visit_id: int, version) -> None:
        if not clicks or step_number is None:
            return
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: services.start_waiting_step(
                session, actor, visit_id, int(step_number)
            ),
        )
        success = success_alert(f"Langkah {sop.step_label(int(step_number))} dimulai.")
        new_version, alert, _, _ = respond(outcome, version, success)
        _publish(new_version, alert)

    @app.callback(
        Output(ids.SERVICE_TYPE_FEEDBACK, "children"),
        Output(ids.REQUESTS_FEEDBACK, "children"),
        Output(ids.SERVICE_TYPE, "invalid"),
        Output(ids.REQUESTS, "invalid"),
        Input(ids.PURPOSE_SUBMIT, "n_clicks"),
        State(ids.SERVICE_TYPE, "value"),
        State(ids.REQUESTS, "value"),
        State(ids.VISIT_ID, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=_running(ids.PURPOSE_SUBMIT),
    )
    def record_purpose(
        clicks: int | None, service_type: str | None, requests: str | None, visit_id: int, version
    ):
        if not clicks:
            return (no_update,) * 4
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: services.record_purpose(
                session,
                actor,
                visit_id,
                service_type,
                request_lines(requests),
                [code for code, _label in lookup_options(session, SERVICE_TYPE)],
            ),
        )
        success = success_alert("Tujuan kedatangan dicatat; lanjut mencari data.")
        new_version, alert, messages, invalid = respond(
            outcome, version, success, ("service_type", "requests")
        )
        _publish(new_version, alert)
        return *messages, *invalid


def _register_search_and_availability(app: Dash) -> None:
    @app.callback(
        Output(ids.SEARCH_NOTE_FEEDBACK, "children"),
        Input(ids.SEARCH_SUBMIT, "n_clicks"),
        Input(ids.SEARCH_NOTE, "n_submit"),
        State(ids.SEARCH_NOTE, "value"),
        State(ids.VISIT_ID, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=_running(ids.SEARCH_SUBMIT, ids.SEARCH_NOTE),
    )
    def finish_search(clicks, submits, note: str | None, visit_id: int, version):
        if not (clicks or submits):
            return no_update
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: services.finish_search(session, actor, visit_id, note),
        )
        success = success_alert("Pencarian selesai; tentukan ketersediaan tiap data.")
        new_version, alert, _, _ = respond(outcome, version, success)
        _publish(new_version, alert)
        return ""

    request_ids = {"type": ids.REQUEST_AVAILABLE_TYPE, "index": ALL}

    @app.callback(
        Output({"type": ids.REQUEST_FEEDBACK_TYPE, "index": ALL}, "children"),
        Output({"type": ids.REQUEST_AGENCY_TYPE, "index": ALL}, "invalid"),
        Input(ids.AVAILABILITY_SUBMIT, "n_clicks"),
        State(request_ids, "value"),
        State(request_ids, "id"),
        State({"type": ids.REQUEST_AGENCY_TYPE, "index": ALL}, "value"),
        State({"type": ids.REQUEST_AGENCY_TYPE, "index": ALL}, "id"),
        State({"type": ids.REQUEST_NOTE_TYPE, "index": ALL}, "value"),
        State({"type": ids.REQUEST_NOTE_TYPE, "index": ALL}, "id"),
        State({"type": ids.REQUEST_FEEDBACK_TYPE, "index": ALL}, "id"),
        State(ids.VISIT_ID, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=_running(ids.AVAILABILITY_SUBMIT),
    )
    def record_availability(
        clicks,
        choices,
        choice_ids,
        agencies,
        agency_ids,
        notes,
        note_ids,
        feedback_ids,
        visit_id: int,
        version,
    ):
        if not clicks:
            return [no_update] * len(feedback_ids), [no_update] * len(agency_ids)
        chosen = by_index(choice_ids, choices)
        typed = by_index(agency_ids, agencies)
        written = by_index(note_ids, notes)
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: record_availability_from_form(
                session, actor, visit_id, chosen, typed, written
            ),
        )
        decisions = outcome.value or []
        fields = [f"request-{item['index']}" for item in feedback_ids]
        color = "info" if all(decision.available is False for decision in decisions) else "success"
        success = success_alert(availability_message(decisions), color=color)
        new_version, alert, messages, _ = respond(outcome, version, success, fields)
        _publish(new_version, alert)
        agency_invalid = [
            f"request-{item['index']}" in outcome.errors
            and chosen.get(int(item["index"])) == NOT_AVAILABLE
            for item in agency_ids
        ]
        return messages, agency_invalid


def _register_catalog_search(app: Dash) -> None:
    """Step 6: results as the officer types, and picking a result for a request."""

    @app.callback(
        Output(ids.SEARCH_RESULTS, "children"),
        Output(ids.SEARCH_MESSAGE, "children"),
        Input(ids.SEARCH_QUERY, "value"),
        Input(ids.SEARCH_YEAR, "value"),
        Input(ids.SEARCH_SUBJECT, "value"),
        Input(ids.SEARCH_FORMAT, "value"),
    )
    def search(text: str | None, year: str | None, subject: str | None, fmt: str | None):
        office_id = app_state().office_id
        filters = parse_filters(year, subject, fmt)
        result = read(lambda session: run_search(session, office_id, text, filters))
        return search_results(result), result.message

    pick_buttons = {"type": ids.SEARCH_PICK_TYPE, "index": ALL}

    @app.callback(
        Input(pick_buttons, "n_clicks"),
        State(ids.SEARCH_TARGET, "value"),
        State(ids.VISIT_ID, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=[(Output(pick_buttons, "disabled"), True, False)],
    )
    def pick(_clicks, target, visit_id: int, version) -> None:
        publication_id = parse_id(clicked_index(ctx.triggered_id, ctx.triggered))
        if publication_id is None:
            return
        request_id = parse_id(target)
        if request_id is None:
            set_props(
                ids.ALERT,
                {"children": dbc.Alert("Pilih dulu permintaan yang dijawab.", color="warning")},
            )
            return
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: pick_publication(
                session, actor, visit_id, request_id, publication_id
            ),
        )
        pick_outcome_props(outcome, version)

    unpick_buttons = {"type": ids.SEARCH_UNPICK_TYPE, "index": ALL}

    @app.callback(
        Input(unpick_buttons, "n_clicks"),
        State(ids.VISIT_ID, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=[(Output(unpick_buttons, "disabled"), True, False)],
    )
    def unpick(_clicks, visit_id: int, version) -> None:
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


def _register_table_purchase_bag(app: Dash) -> None:
    @app.callback(
        Output(ids.READING_TABLE_FEEDBACK, "children"),
        Output(ids.READING_TABLE, "invalid"),
        Input(ids.READING_TABLE_SUBMIT, "n_clicks"),
        Input(ids.READING_TABLE, "n_submit"),
        State(ids.READING_TABLE, "value"),
        State(ids.VISIT_ID, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=_running(ids.READING_TABLE_SUBMIT, ids.READING_TABLE),
    )
    def seat(clicks, submits, table, visit_id: int, version):
        if not (clicks or submits):
            return no_update, no_update
        table_count = app_state().settings.reading_tables
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: services.seat_at_reading_table(
                session, actor, visit_id, table, table_count
            ),
        )
        seated = outcome.value.reading_table if outcome.value is not None else table
        success = success_alert(f"Pengunjung diantar ke meja baca nomor {seated}.")
        new_version, alert, messages, invalid = respond(
            outcome, version, success, ("reading_table",)
        )
        _publish(new_version, alert)
        return messages[0], invalid[0]

    @app.callback(
        Output(ids.PURCHASE_FEEDBACK, "children"),
        Input(ids.PURCHASE_YES, "n_clicks"),
        Input(ids.PURCHASE_NO, "n_clicks"),
        State(ids.VISIT_ID, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=_running(ids.PURCHASE_YES, ids.PURCHASE_NO),
    )
    def purchase(yes_clicks, no_clicks, visit_id: int, version):
        if not (yes_clicks or no_clicks) or ctx.triggered_id not in {
            ids.PURCHASE_YES,
            ids.PURCHASE_NO,
        }:
            return no_update
        wants_to_buy = ctx.triggered_id == ids.PURCHASE_YES
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: services.record_purchase_offer(
                session, actor, visit_id, wants_to_buy
            ),
        )
        new_version, alert, messages, _ = respond(
            outcome, version, purchase_alert(wants_to_buy), ("purchase",)
        )
        _publish(new_version, alert)
        return messages[0]

    @app.callback(
        Output(ids.PURCHASE_FEEDBACK, "children", allow_duplicate=True),
        Input(ids.PURCHASE_CANCEL, "submit_n_clicks"),
        State(ids.VISIT_ID, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=_running(ids.PURCHASE_CANCEL_BUTTON),
    )
    def cancel_purchase(clicks: int | None, visit_id: int, version: int | None) -> Any:
        """'Batal membeli' while the visitor waits to pay: step 9 ends as "declines"."""
        if not clicks:
            return no_update
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: services.record_purchase_offer(session, actor, visit_id, False),
        )
        new_version, alert, messages, _ = respond(
            outcome, version, purchase_cancel_alert(), ("purchase",)
        )
        _publish(new_version, alert)
        return messages[0]

    @app.callback(
        Output(ids.TAG_CODE_FEEDBACK, "children"),
        Output(ids.TAG_CODE, "invalid"),
        Input(ids.BAG_SUBMIT, "n_clicks"),
        Input(ids.TAG_CODE, "n_submit"),
        State(ids.TAG_CODE, "value"),
        State(ids.VISIT_ID, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=_running(ids.BAG_SUBMIT, ids.TAG_CODE),
    )
    def return_bag(clicks, submits, tag_code: str | None, visit_id: int, version):
        if not (clicks or submits):
            return no_update, no_update
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: services.return_bag(session, actor, visit_id, tag_code),
        )
        code = outcome.value.code if outcome.value is not None else ""
        success = success_alert(f"Tas {code} sudah diserahkan kepada pemiliknya.")
        new_version, alert, messages, invalid = respond(outcome, version, success, ("tag_code",))
        _publish(new_version, alert)
        return messages[0], invalid[0]


def _register_corrections(app: Dash) -> None:
    @app.callback(
        Output(ids.VERSION, "data", allow_duplicate=True),
        Output(ids.CORRECTION_ALERT, "children"),
        Output(ids.CORRECTION_STEP_FEEDBACK, "children"),
        Output(ids.CORRECTION_FIELD_FEEDBACK, "children"),
        Output(ids.CORRECTION_TIME_FEEDBACK, "children"),
        Output(ids.CORRECTION_REASON_FEEDBACK, "children"),
        Output(ids.CORRECTION_STEP, "invalid"),
        Output(ids.CORRECTION_TIME, "invalid"),
        Output(ids.CORRECTION_REASON, "invalid"),
        Output(ids.CORRECTION_TIME, "value"),
        Output(ids.CORRECTION_REASON, "value"),
        Input(ids.CORRECTION_SUBMIT, "n_clicks"),
        Input(ids.CORRECTION_TIME, "n_submit"),
        Input(ids.CORRECTION_REASON, "n_submit"),
        State(ids.CORRECTION_STEP, "value"),
        State(ids.CORRECTION_FIELD, "value"),
        State(ids.CORRECTION_TIME, "value"),
        State(ids.CORRECTION_REASON, "value"),
        State(ids.VISIT_ID, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=_running(ids.CORRECTION_SUBMIT, ids.CORRECTION_TIME, ids.CORRECTION_REASON),
    )
    def correct(
        clicks, time_submits, reason_submits, step_id, field, time_text, reason, visit_id, version
    ):
        if not (clicks or time_submits or reason_submits):
            return (no_update,) * 11
        outcome = perform(
            VISIT_WRITERS,
            lambda session, actor: correct_time_from_form(
                session, actor, visit_id, step_id, field, time_text, reason
            ),
        )
        step = outcome.value
        success = (
            success_alert(correction_success(step.step_number, field, getattr(step, field)))
            if step is not None
            else None
        )
        new_version, alert, messages, invalid = respond(
            outcome, version, success, CORRECTION_FIELDS
        )
        cleared = ("", "") if outcome.ok else (no_update, no_update)
        return (
            new_version,
            alert,
            *messages,
            invalid[0],
            invalid[2],
            invalid[3],
            *cleared,
        )

    @app.callback(
        Output(ids.CORRECTION_CURRENT, "children"),
        Input(ids.CORRECTION_STEP, "value"),
        Input(ids.CORRECTION_FIELD, "value"),
        Input(ids.STEP_TIMES, "data"),
    )
    def show_current_value(step_id, field, step_times) -> str:
        return current_value_text(step_times, step_id, field)


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


def _register_clientside(app: Dash) -> None:
    """Browser-side helpers: show the referral field only for 'Tidak tersedia', put a
    suggested agency's name into it, and put the cursor in the first field of each new step
    panel (the desk works from the keyboard)."""
    app.clientside_callback(
        AGENCY_TOGGLE_JS,
        Output({"type": ids.REQUEST_AGENCY_ROW_TYPE, "index": MATCH}, "hidden"),
        Input({"type": ids.REQUEST_AVAILABLE_TYPE, "index": MATCH}, "value"),
    )
    suggestions = {"type": ids.REQUEST_AGENCY_PICK_TYPE, "index": MATCH, "agency": ALL}
    app.clientside_callback(
        AGENCY_PICK_JS,
        Output({"type": ids.REQUEST_AGENCY_TYPE, "index": MATCH}, "value"),
        Input(suggestions, "n_clicks"),
        State(suggestions, "children"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        FOCUS_FIRST_FIELD_JS,
        Output(ids.FOCUS, "data"),
        Input(ids.PANEL, "children"),
    )
