"""Callbacks of *Penjualan PNBP*: the visits waiting for payment and today's sales (polled),
the sale form (opened for a visit or a walk-in buyer, its lines, live amounts), recording the
sale and its receipt, and voiding a sale.

Every write goes through ``perform(SALE_WRITERS, …)``: the server refuses it (403) for any
role but the treasurer, whatever the page shows. The receipt PDF is never built here: the
page links to ``/kuitansi/<id>.pdf`` (``dashboard.web.receipt_route``), which checks the role.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from sqlalchemy.orm import Session

from callbacks.common import Outcome, perform, read
from dashboard.clock import local_date, utc_now
from dashboard.errors import FORM
from dashboard.i18n import format_clock, format_long_day, format_number, format_rupiah
from dashboard.office.profile_layout import missing_address_notice
from dashboard.paths import parse_id, receipt_path
from dashboard.pnbp import sales_ids as ids
from dashboard.pnbp.sales import void_sale
from dashboard.pnbp.sales_layout import (
    focus_on_open,
    lines_table,
    not_waiting_alert,
    publication_results,
    tariff_notice,
    visit_heading,
    void_success,
    waiting_list,
)
from dashboard.pnbp.sales_view import (
    STATUS_DEPOSITED,
    STATUS_VOID,
    FormFigures,
    SaleForm,
    SellablePublication,
    TariffOption,
    first_tariff,
    form_figures,
    has_line,
    line_messages,
    merge_line_values,
    method_label,
    new_line,
    other_tariff_options,
    parse_publication_add,
    reference_field,
    sale_input,
    sale_status,
    tariff_store,
)
from dashboard.roles import OFFICE_EDITORS, RECEIPT_READERS, SALE_READERS, SALE_WRITERS
from dashboard.ui.forms import field_feedback, form_alert
from dashboard.ui.grid import selected_row_id
from dashboard.visits.purchase import record_visit_purchase
from dashboard.web.context import app_state, current_role, require_role
from db.models import Sale, Tariff
from db.queries.offices import office
from db.queries.sales import (
    WaitingPayment,
    payer_text,
    publications_of_visit,
    sales_between,
    tariffs_in_force,
    visits_waiting_for_payment,
)
from db.queries.sales_pages import publication_line_title, sellable_publications, visit_codes

FIELDS: tuple[str, ...] = tuple(ids.FIELD_IDS)
"""The form's fields in page order (the keys of the sale service's messages)."""
INVALID_FIELDS = (
    "payer_name",
    "payer_institution",
    "payment_reference",
    "zero_rupiah_reason",
    "zero_rupiah_letter",
)
"""Fields with an ``invalid`` state (the payment method is a radio group: message only)."""
SUBMIT_FIELDS = (ids.PAYER_NAME, ids.PAYER_INSTITUTION, ids.PAYMENT_REFERENCE, ids.ZERO_LETTER)
"""Enter in these submits the sale."""
MIN_SEARCH = 2

WAITING_RELAY = """
function (_clicks) {
    const context = window.dash_clientside.callback_context;
    const clicked = context.triggered_id;
    const count = context.triggered.length ? context.triggered[0].value : null;
    if (!clicked || !count) {
        return window.dash_clientside.no_update;
    }
    return {visit_id: clicked.index, clicked_at: Date.now()};
}
"""
"""In the browser: a click on "Catat pembayaran" becomes an open request. The waiting list is
redrawn on every poll, and Dash calls callbacks with ``ALL`` inputs whenever such inputs
come or go; relaying in the browser keeps those calls off the server."""

FOCUS_JS = """
function (target) {
    if (!target || !target.id) { return; }
    let attempts = 0;
    function focus() {
        const field = document.getElementById(target.id);
        if (!field || field.offsetParent === null) {
            if (++attempts < 40) { window.setTimeout(focus, 25); }
            return;
        }
        field.focus();
        if (field.select) { field.select(); }
    }
    focus();
}
"""
"""Put the cursor in the field the form asks for once it is shown (after it opens: the
publication search for a visit, the payer's name for a walk-in buyer)."""

FOCUS_INVALID_JS = f"""
function (_alert) {{
    const form = document.getElementById("{ids.FORM}");
    const invalid = form && form.querySelector(".is-invalid");
    if (invalid) {{ invalid.focus(); }}
}}
"""


def can_write() -> bool:
    return current_role() in SALE_WRITERS


def can_download() -> bool:
    return current_role() in RECEIPT_READERS


# -- the lists (polled) ---------------------------------------------------------------------


def print_link(sale: Sale, downloadable: bool) -> str:
    """The grid's receipt cell (markdown): first print, or a reprint marked SALINAN."""
    if not downloadable:
        return ""
    label = "Cetak" if not sale.print_count else "Cetak ulang (salinan)"
    return f"[{label}]({receipt_path(sale.id)})"


def sale_record(sale: Sale, visit_code: str | None, downloadable: bool) -> dict[str, Any]:
    """One row of today's sales: raw values to sort on, texts as the page shows them."""
    status = sale_status(voided=sale.voided_at is not None, deposited=sale.deposit_id is not None)
    note = {
        STATUS_VOID: f"Dibatalkan: {sale.void_reason or ''}",
        STATUS_DEPOSITED: "Sudah disetor ke kas negara",
    }.get(status, "Diterima bendahara, belum disetor")
    return {
        "id": str(sale.id),
        "receipt_number": sale.receipt_number,
        "time": format_clock(sale.paid_at),
        "payer": payer_text(sale),
        "visit_code": visit_code or "langsung",
        "total": sale.total,
        "total_text": format_rupiah(sale.total),
        "method": "Rp0 (nol rupiah)"
        if sale.zero_rupiah_reason
        else method_label(sale.payment_method),
        "status": status,
        "status_note": note,
        "voided": sale.voided_at is not None,
        "voidable": status not in {STATUS_VOID, STATUS_DEPOSITED},
        "print_link": print_link(sale, downloadable),
    }


def today_summary(sales: Sequence[Sale]) -> str:
    """'3 kuitansi · Rp 225.000 (1 batal)': voids are counted apart and not summed."""
    valid = [sale for sale in sales if sale.voided_at is None]
    text = f"{format_number(len(valid))} kuitansi · {format_rupiah(sum(s.total for s in valid))}"
    voided = len(sales) - len(valid)
    return text + (f" ({format_number(voided)} batal)" if voided else "")


def load_lists(
    writable: bool, downloadable: bool
) -> tuple[Component, str, list[dict[str, Any]], str, str]:
    """(waiting list, waiting count, today's rows, today's summary, day) as of now."""
    now = utc_now()
    today = local_date(now)
    office_id = app_state().office_id

    def query(session: Session) -> tuple[list[WaitingPayment], list[Sale], dict[int, str]]:
        waiting = visits_waiting_for_payment(session, office_id)
        sales = sales_between(session, office_id, today, today)
        codes = visit_codes(session, office_id, [s.visit_id for s in sales if s.visit_id])
        return waiting, sales, codes

    waiting, sales, codes = read(query, SALE_READERS)
    records = [
        sale_record(sale, codes.get(sale.visit_id or 0), downloadable) for sale in reversed(sales)
    ]
    return (
        waiting_list(waiting, now, writable),
        str(len(waiting)),
        records,
        today_summary(sales),
        format_long_day(today),
    )


# -- opening the form ----------------------------------------------------------------------


def tariff_option(tariff: Tariff) -> TariffOption:
    return TariffOption(
        tariff.id, tariff.item_kind, tariff.label, tariff.unit, tariff.amount, tariff.is_sample
    )


def visit_publication(publication: Any) -> SellablePublication:
    return SellablePublication(
        publication_id=publication.publication_id,
        title=publication.title,
        catalog_number=None,
        year=None,
        has_hardcopy=publication.has_hardcopy,
        hardcopy_stock=publication.hardcopy_stock,
        has_softcopy=publication.has_softcopy,
    )


def hit_publication(hit: Any) -> SellablePublication:
    return SellablePublication(
        publication_id=hit.id,
        title=hit.title,
        catalog_number=hit.catalog_number,
        year=hit.year,
        has_hardcopy=hit.has_hardcopy,
        hardcopy_stock=hit.hardcopy_stock,
        has_softcopy=hit.has_softcopy,
    )


OPEN_OUTPUTS = (
    (ids.FORM, "hidden"),
    (ids.FORM_PLACEHOLDER, "hidden"),
    (ids.RESULT, "hidden"),
    (ids.FORM_TITLE, "children"),
    (ids.FORM_VISIT, "children"),
    (ids.SALE_VISIT, "data"),
    (ids.PAYER_NAME, "value"),
    (ids.PAYER_INSTITUTION, "value"),
    (ids.TARIFFS, "data"),
    (ids.LINES, "data"),
    (ids.NEXT_LINE_KEY, "data"),
    (ids.LINES_TABLE, "children"),
    (ids.PUBLICATION_SEARCH, "value"),
    (ids.OTHER_TARIFF, "options"),
    (ids.OTHER_TARIFF, "value"),
    (ids.PAYMENT_METHOD, "value"),
    (ids.PAYMENT_REFERENCE, "value"),
    (ids.ZERO_RUPIAH, "value"),
    (ids.ZERO_REASON, "value"),
    (ids.ZERO_LETTER, "value"),
    (ids.FORM_ALERT, "children"),
    (ids.LINES_FEEDBACK, "children"),
    (ids.FOCUS, "data"),
    (ids.MESSAGE, "children"),
)


def closed_form(message: Component | None = None) -> dict[tuple[str, str], Any]:
    """The card back to its hint (after "Batal" or "Penjualan berikutnya")."""
    values: dict[tuple[str, str], Any] = dict.fromkeys(OPEN_OUTPUTS, no_update)
    values.update(
        {
            (ids.FORM, "hidden"): True,
            (ids.FORM_PLACEHOLDER, "hidden"): False,
            (ids.RESULT, "hidden"): True,
            (ids.FORM_TITLE, "children"): "Catat pembayaran",
            (ids.SALE_VISIT, "data"): None,
            (ids.LINES, "data"): [],
            (ids.LINES_TABLE, "children"): lines_table([], {}),
            (ids.MESSAGE, "children"): message,
        }
    )
    return values


def opened_form(
    row: WaitingPayment | None, options: Sequence[TariffOption], now: datetime
) -> dict[tuple[str, str], Any]:
    """A blank sale form, for a visit (payer from its guest book) or a walk-in buyer."""
    tariffs = tariff_store(options)
    return {
        (ids.FORM, "hidden"): False,
        (ids.FORM_PLACEHOLDER, "hidden"): True,
        (ids.RESULT, "hidden"): True,
        (ids.FORM_TITLE, "children"): (
            f"Catat pembayaran kunjungan {row.code}" if row else "Catat pembayaran pembeli langsung"
        ),
        (ids.FORM_VISIT, "children"): visit_heading(row, now),
        (ids.SALE_VISIT, "data"): row.visit_id if row else None,
        (ids.PAYER_NAME, "value"): (row.visitor_name or "") if row else "",
        (ids.PAYER_INSTITUTION, "value"): (row.visitor_institution or "") if row else "",
        (ids.TARIFFS, "data"): tariffs,
        (ids.LINES, "data"): [],
        (ids.NEXT_LINE_KEY, "data"): 1,
        (ids.LINES_TABLE, "children"): lines_table([], tariffs),
        (ids.PUBLICATION_SEARCH, "value"): "",
        (ids.OTHER_TARIFF, "options"): other_tariff_options(tariffs),
        (ids.OTHER_TARIFF, "value"): None,
        (ids.PAYMENT_METHOD, "value"): "cash",
        (ids.PAYMENT_REFERENCE, "value"): "",
        (ids.ZERO_RUPIAH, "value"): False,
        (ids.ZERO_REASON, "value"): None,
        (ids.ZERO_LETTER, "value"): "",
        (ids.FORM_ALERT, "children"): tariff_notice(options),
        (ids.LINES_FEEDBACK, "children"): "",
        (ids.FOCUS, "data"): {
            "id": ids.PUBLICATION_SEARCH if row else ids.PAYER_NAME,
            "at": now.isoformat(),
        },
        (ids.MESSAGE, "children"): None,
    }


def load_form(visit_id: int | None) -> dict[tuple[str, str], Any]:
    """The form opened for a waiting visit (or a walk-in buyer when ``visit_id`` is None)."""
    now = utc_now()
    office_id = app_state().office_id

    def query(
        session: Session,
    ) -> tuple[WaitingPayment | None, str | None, list[TariffOption]]:
        waiting = visits_waiting_for_payment(session, office_id) if visit_id else []
        row = next((row for row in waiting if row.visit_id == visit_id), None)
        code = None
        if visit_id is not None and row is None:
            code = visit_codes(session, office_id, [visit_id]).get(visit_id)
        options = [tariff_option(t) for t in tariffs_in_force(session, office_id, local_date(now))]
        return row, code, options

    row, code, options = read(query, SALE_WRITERS)
    if visit_id is not None and row is None:
        return closed_form(not_waiting_alert(code or f"nomor {visit_id}"))
    return opened_form(row, options, now)


# -- lines ------------------------------------------------------------------------------------


def by_key(id_list: Sequence[Mapping[str, Any]], values: Sequence[Any]) -> dict[int, Any]:
    """Pattern-matching values keyed by the line key (``index``) of their dict id."""
    return {int(item["index"]): value for item, value in zip(id_list, values, strict=True)}


def edited_lines(
    lines: Sequence[Mapping[str, Any]],
    next_key: int,
    tariffs: Mapping[str, Mapping[str, Any]],
    trigger: object,
    other_tariff: str | None,
    title: str | None = None,
) -> tuple[list[dict[str, Any]], int] | None:
    """The lines after a click: a publication added ('+ Cetak'/'+ Softcopy', ``title`` being
    its title), a tariff of another kind added, or a line removed; None when the click
    changes nothing."""
    if trigger == ids.OTHER_ADD:
        tariff = tariffs.get(str(other_tariff or ""))
        if tariff is None:
            return None
        line = new_line(next_key, str(tariff["kind"]), tariff_id=str(other_tariff))
        return [*lines, line], next_key + 1
    if not isinstance(trigger, Mapping):
        return None
    if trigger.get("type") == ids.LINE_REMOVE_TYPE:
        key = trigger.get("index")
        return [line for line in lines if line.get("key") != key], next_key
    parsed = parse_publication_add(trigger.get("index"))
    if trigger.get("type") != ids.PUBLICATION_ADD_TYPE or parsed is None:
        return None
    publication_id, kind = parsed
    if has_line(lines, publication_id, kind):
        return None
    line = new_line(
        next_key,
        kind,
        publication_id=publication_id,
        title=title,
        tariff_id=first_tariff(tariffs, kind),
    )
    return [*lines, line], next_key + 1


def find_publications(
    text: str | None, visit_id: int | None
) -> tuple[list[SellablePublication], str]:
    """What the search box shows: the catalog's answer to the typed text, or (while the box is
    empty) the publications found for the visit's requests at step 6."""
    office_id = app_state().office_id
    typed = (text or "").strip()
    if not typed:
        if visit_id is None:
            return [], "Ketik judul atau nomor katalog publikasi yang dibeli."
        found = read(lambda session: publications_of_visit(session, visit_id), SALE_WRITERS)
        if not found:
            return [], "Tidak ada publikasi yang dicatat untuk kunjungan ini; cari di katalog."
        return [
            visit_publication(p) for p in found
        ], "Publikasi yang ditemukan untuk kunjungan ini:"
    if len(typed) < MIN_SEARCH:
        return [], "Ketik paling sedikit 2 huruf."
    hits = read(lambda session: sellable_publications(session, office_id, typed), SALE_WRITERS)
    if not hits:
        return [], f"Tidak ada publikasi yang cocok dengan “{typed}”."
    return [hit_publication(hit) for hit in hits], f"{len(hits)} publikasi ditemukan:"


# -- recording --------------------------------------------------------------------------------


def submit_outputs(outcome: Outcome[Sale], line_count: int, version: int | None) -> tuple[Any, ...]:
    """What recording a sale returns, in the order of the submit callback's outputs."""
    errors = outcome.errors
    messages, _ = field_feedback(errors, FIELDS)
    invalid_flags = [name in errors for name in INVALID_FIELDS]
    lines = line_messages(errors, line_count)
    if outcome.ok and outcome.value is not None:
        sale = outcome.value
        return (
            sale.receipt_number,
            f"{format_rupiah(sale.total)} · {sale.payer_name}",
            receipt_path(sale.id),
            True,
            False,
            [],
            None,
            None,
            *messages,
            *invalid_flags,
            lines,
            "",
            (version or 0) + 1,
        )
    known = {*FIELDS, "lines", FORM} | {f"line-{index}" for index in range(line_count)}
    unplaced = [message for key, message in errors.items() if key not in known]
    alert = form_alert(errors)
    if unplaced:
        alert = dbc.Alert(" ".join(unplaced), color="danger", className="mb-2")
    return (
        no_update,
        no_update,
        no_update,
        no_update,
        no_update,
        no_update,
        no_update,
        alert,
        *messages,
        *invalid_flags,
        lines,
        errors.get("lines", ""),
        (version or 0) + 1 if FORM in errors else no_update,
    )


# -- voiding ---------------------------------------------------------------------------------


def void_target(selected: object) -> dict[str, Any] | None:
    """The selected row of today's sales when it may be voided."""
    if selected_row_id(selected) is None or not isinstance(selected, list):
        return None
    row = selected[0]
    return row if isinstance(row, Mapping) and row.get("voidable") else None


# -- callbacks ------------------------------------------------------------------------------


def register(app: Dash) -> None:
    _register_lists(app)
    _register_form(app)
    _register_lines(app)
    _register_submit(app)
    _register_void(app)


def _register_lists(app: Dash) -> None:
    @app.callback(
        Output(ids.WAITING_LIST, "children"),
        Output(ids.WAITING_COUNT, "children"),
        Output(ids.TODAY_GRID, "rowData"),
        Output(ids.TODAY_SUMMARY, "children"),
        Output(ids.DAY, "children"),
        Output(ids.REFRESH, "interval"),
        Input(ids.REFRESH, "n_intervals"),
        Input(ids.VERSION, "data"),
    )
    def refresh(_ticks: int | None, _version: int | None) -> tuple[Any, ...]:
        require_role(SALE_READERS)
        return (
            *load_lists(can_write(), can_download()),
            app_state().settings.refresh_seconds * 1000,
        )

    @app.callback(Output(ids.OFFICE_NOTICE, "children"), Input(ids.VERSION, "data"))
    def notice(_version: int | None) -> Component | None:
        return office_notice()


def office_notice() -> Component | None:
    """The missing-address notice, for those who print receipts."""
    if not can_download():
        return None
    office_id = app_state().office_id
    address = read(lambda session: office(session, office_id).address, RECEIPT_READERS)
    return None if address else missing_address_notice(current_role() in OFFICE_EDITORS)


def _register_form(app: Dash) -> None:
    app.clientside_callback(
        WAITING_RELAY,
        Output(ids.OPEN_REQUEST, "data"),
        Input({"type": ids.WAITING_RECORD_TYPE, "index": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        *[Output(component, prop) for component, prop in OPEN_OUTPUTS],
        Input(ids.PRESET_VISIT, "data"),
        Input(ids.OPEN_REQUEST, "data"),
        Input(ids.WALK_IN, "n_clicks"),
        Input(ids.RESULT_NEW, "n_clicks"),
        Input(ids.CANCEL, "n_clicks"),
        running=[(Output(ids.WALK_IN, "disabled"), True, False)],
    )
    def open_form(preset: object, request: object, walk_in, new, cancel) -> tuple[Any, ...]:
        trigger = ctx.triggered_id
        if not can_write():
            raise PreventUpdate
        if trigger in {ids.RESULT_NEW, ids.CANCEL}:
            if not (new or cancel):
                raise PreventUpdate
            values = closed_form()
        elif trigger == ids.WALK_IN:
            if not walk_in:
                raise PreventUpdate
            values = load_form(None)
        else:
            raw = (
                request.get("visit_id")
                if trigger == ids.OPEN_REQUEST and isinstance(request, Mapping)
                else preset
            )
            visit_id = parse_id(raw)
            if visit_id is None:
                raise PreventUpdate
            values = load_form(visit_id)
        return tuple(values[key] for key in OPEN_OUTPUTS)

    app.clientside_callback(FOCUS_JS, Input(ids.FOCUS, "data"), prevent_initial_call=True)
    app.clientside_callback(
        FOCUS_INVALID_JS, Input(ids.FORM_ALERT, "children"), prevent_initial_call=True
    )

    @app.callback(
        Output(ids.PAYMENT_REFERENCE_ROW, "className"),
        Output(ids.PAYMENT_REFERENCE_LABEL, "children"),
        Output(ids.ZERO_RUPIAH_FIELDS, "className"),
        Output(ids.PAYMENT_METHOD, "options"),
        Input(ids.PAYMENT_METHOD, "value"),
        Input(ids.ZERO_RUPIAH, "value"),
        State(ids.PAYMENT_METHOD, "options"),
    )
    def payment_fields(method: str | None, zero: bool | None, options: list[dict[str, Any]]):
        shown, label = reference_field(method, bool(zero))
        # A zero-rupiah sale pays nothing: the method is recorded as cash and not asked.
        methods = [{**option, "disabled": bool(zero)} for option in options or []]
        return (
            "" if shown else "d-none",
            label,
            "g-3 mt-1" if zero else "g-3 mt-1 d-none",
            methods,
        )

    @app.callback(
        Output(ids.PUBLICATION_RESULTS, "children"),
        Input(ids.PUBLICATION_SEARCH, "value"),
        Input(ids.SALE_VISIT, "data"),
        Input(ids.TARIFFS, "data"),
        Input(ids.LINES, "data"),
        State(ids.FORM, "hidden"),
    )
    def search(text: str | None, visit_id: object, tariffs, lines, hidden: bool | None):
        if hidden or not can_write():
            return None
        found, heading = find_publications(text, parse_id(visit_id))
        return publication_results(found, heading, tariffs or {}, lines or [])


def _register_lines(app: Dash) -> None:
    tariff_ids = {"type": ids.LINE_TARIFF_TYPE, "index": ALL}
    quantity_ids = {"type": ids.LINE_QUANTITY_TYPE, "index": ALL}
    description_ids = {"type": ids.LINE_DESCRIPTION_TYPE, "index": ALL}

    @app.callback(
        Output(ids.LINES, "data", allow_duplicate=True),
        Output(ids.NEXT_LINE_KEY, "data", allow_duplicate=True),
        Output(ids.LINES_TABLE, "children", allow_duplicate=True),
        Output(ids.LINES_FEEDBACK, "children", allow_duplicate=True),
        Output(ids.OTHER_TARIFF, "value", allow_duplicate=True),
        Input({"type": ids.PUBLICATION_ADD_TYPE, "index": ALL}, "n_clicks"),
        Input(ids.OTHER_ADD, "n_clicks"),
        Input({"type": ids.LINE_REMOVE_TYPE, "index": ALL}, "n_clicks"),
        State({"type": ids.PUBLICATION_ADD_TYPE, "index": ALL}, "id"),
        State(ids.LINES, "data"),
        State(ids.NEXT_LINE_KEY, "data"),
        State(ids.TARIFFS, "data"),
        State(ids.OTHER_TARIFF, "value"),
        State(tariff_ids, "id"),
        State(tariff_ids, "value"),
        State(quantity_ids, "id"),
        State(quantity_ids, "value"),
        State(description_ids, "id"),
        State(description_ids, "value"),
        prevent_initial_call=True,
        running=[(Output(ids.OTHER_ADD, "disabled"), True, False)],
    )
    def edit_lines(
        _adds,
        _other,
        _removes,
        _add_ids,
        lines,
        next_key,
        tariffs,
        other_tariff,
        t_ids,
        t_values,
        q_ids,
        q_values,
        d_ids,
        d_values,
    ):
        # Dash calls this when buttons come or go (new search results, a redrawn table): only
        # a real click (a count) changes the lines.
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            raise PreventUpdate
        trigger: object = ctx.triggered_id
        current = merge_line_values(
            lines or [], by_key(t_ids, t_values), by_key(q_ids, q_values), by_key(d_ids, d_values)
        )
        edited = edited_lines(
            current,
            int(next_key or 1),
            tariffs or {},
            trigger,
            other_tariff,
            publication_title(trigger),
        )
        if edited is None:
            raise PreventUpdate
        new_lines, new_key = edited
        return new_lines, new_key, lines_table(new_lines, tariffs or {}), "", None

    @app.callback(
        Output({"type": ids.LINE_UNIT_PRICE_TYPE, "index": ALL}, "children"),
        Output({"type": ids.LINE_AMOUNT_TYPE, "index": ALL}, "children"),
        Output(ids.TOTAL, "children"),
        Output(ids.TOTAL_WORDS, "children"),
        Input(tariff_ids, "value"),
        Input(quantity_ids, "value"),
        Input(ids.ZERO_RUPIAH, "value"),
        State(ids.TARIFFS, "data"),
    )
    def figures(tariff_values, quantity_values, zero: bool | None, tariffs):
        shown: FormFigures = form_figures(tariff_values, quantity_values, tariffs or {}, bool(zero))
        return (
            [line.unit_price for line in shown.lines],
            [line.amount for line in shown.lines],
            shown.total,
            shown.total_words,
        )


def publication_title(trigger: object) -> str | None:
    """The line text of the publication whose '+' button was clicked: 'title (catalog no.)'."""
    index = trigger.get("index") if isinstance(trigger, Mapping) else None
    parsed = parse_publication_add(index)
    if parsed is None:
        return None
    office_id = app_state().office_id
    return read(lambda session: publication_line_title(session, office_id, parsed[0]), SALE_WRITERS)


def _register_submit(app: Dash) -> None:
    line_feedback = {"type": ids.LINE_FEEDBACK_TYPE, "index": ALL}

    @app.callback(
        Output(ids.RESULT_NUMBER, "children"),
        Output(ids.RESULT_TOTAL, "children"),
        Output(ids.RESULT_DOWNLOAD, "href"),
        Output(ids.FORM, "hidden", allow_duplicate=True),
        Output(ids.RESULT, "hidden", allow_duplicate=True),
        Output(ids.LINES, "data", allow_duplicate=True),
        Output(ids.SALE_VISIT, "data", allow_duplicate=True),
        Output(ids.FORM_ALERT, "children", allow_duplicate=True),
        *[Output(ids.FEEDBACK_IDS[name], "children") for name in FIELDS],
        *[Output(ids.FIELD_IDS[name], "invalid") for name in INVALID_FIELDS],
        Output(line_feedback, "children"),
        Output(ids.LINES_FEEDBACK, "children", allow_duplicate=True),
        Output(ids.VERSION, "data"),
        Input(ids.SUBMIT, "n_clicks"),
        *[Input(field, "n_submit") for field in SUBMIT_FIELDS],
        State(ids.SALE_VISIT, "data"),
        State(ids.PAYER_NAME, "value"),
        State(ids.PAYER_INSTITUTION, "value"),
        State(ids.PAYMENT_METHOD, "value"),
        State(ids.PAYMENT_REFERENCE, "value"),
        State(ids.ZERO_RUPIAH, "value"),
        State(ids.ZERO_REASON, "value"),
        State(ids.ZERO_LETTER, "value"),
        State(ids.LINES, "data"),
        State(ids.TARIFFS, "data"),
        State({"type": ids.LINE_TARIFF_TYPE, "index": ALL}, "id"),
        State({"type": ids.LINE_TARIFF_TYPE, "index": ALL}, "value"),
        State({"type": ids.LINE_QUANTITY_TYPE, "index": ALL}, "id"),
        State({"type": ids.LINE_QUANTITY_TYPE, "index": ALL}, "value"),
        State({"type": ids.LINE_DESCRIPTION_TYPE, "index": ALL}, "id"),
        State({"type": ids.LINE_DESCRIPTION_TYPE, "index": ALL}, "value"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=[
            (Output(ids.SUBMIT, "disabled"), True, False),
            *[(Output(field, "disabled"), True, False) for field in SUBMIT_FIELDS],
        ],
    )
    def submit(clicks, *args: Any) -> tuple[Any, ...]:
        submits = args[: len(SUBMIT_FIELDS)]
        (
            raw_visit,
            payer,
            institution,
            method,
            reference,
            zero,
            reason,
            letter,
            lines,
            tariffs,
            t_ids,
            t_values,
            q_ids,
            q_values,
            d_ids,
            d_values,
            version,
        ) = args[len(SUBMIT_FIELDS) :]
        if not (clicks or any(submits)):
            raise PreventUpdate
        merged = merge_line_values(
            lines or [], by_key(t_ids, t_values), by_key(q_ids, q_values), by_key(d_ids, d_values)
        )
        form = SaleForm(payer, institution, method, reference, bool(zero), reason, letter, merged)
        visit_id = parse_id(raw_visit)
        outcome = perform(
            SALE_WRITERS,
            lambda session, actor: record_visit_purchase(
                session, actor, sale_input(form, tariffs or {}), visit_id
            ),
        )
        return submit_outputs(outcome, len(merged), version)


def _register_void(app: Dash) -> None:
    @app.callback(
        Output(ids.VOID_OPEN, "disabled"),
        Input(ids.TODAY_GRID, "selectedRows"),
    )
    def void_enabled(selected: object) -> bool:
        return void_target(selected) is None

    @app.callback(
        Output(ids.VOID_MODAL, "is_open"),
        Output(ids.VOID_SALE, "data"),
        Output(ids.VOID_SALE_TEXT, "children"),
        Output(ids.VOID_REASON, "value"),
        Output(ids.VOID_ALERT, "children"),
        Input(ids.VOID_OPEN, "n_clicks"),
        Input(ids.VOID_CANCEL, "n_clicks"),
        State(ids.TODAY_GRID, "selectedRows"),
        prevent_initial_call=True,
    )
    def toggle_void(_open, _cancel, selected: object) -> tuple[Any, ...]:
        if ctx.triggered_id == ids.VOID_CANCEL:
            return False, None, no_update, no_update, None
        row = void_target(selected)
        if row is None:
            raise PreventUpdate
        text = html.Div(
            [
                html.Div(row["receipt_number"], className="fs-4 fw-bold"),
                html.Div(f"{row['payer']} · {row['total_text']} · {row['method']}"),
            ]
        )
        return True, parse_id(row["id"]), text, "", None

    app.clientside_callback(
        focus_on_open(ids.VOID_REASON), Input(ids.VOID_MODAL, "is_open"), prevent_initial_call=True
    )

    @app.callback(
        Output(ids.VOID_REASON_FEEDBACK, "children"),
        Output(ids.VOID_REASON, "invalid"),
        Output(ids.VOID_ALERT, "children", allow_duplicate=True),
        Output(ids.VOID_MODAL, "is_open", allow_duplicate=True),
        Output(ids.MESSAGE, "children", allow_duplicate=True),
        Output(ids.VERSION, "data", allow_duplicate=True),
        Input(ids.VOID_SUBMIT, "n_clicks"),
        Input(ids.VOID_REASON, "n_submit"),
        State(ids.VOID_SALE, "data"),
        State(ids.VOID_REASON, "value"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=[
            (Output(ids.VOID_SUBMIT, "disabled"), True, False),
            (Output(ids.VOID_REASON, "disabled"), True, False),
        ],
    )
    def void(clicks, submits, raw_sale, reason: str | None, version) -> tuple[Any, ...]:
        sale_id = parse_id(raw_sale)
        if not (clicks or submits) or sale_id is None:
            raise PreventUpdate
        outcome = perform(
            SALE_WRITERS, lambda session, actor: void_sale(session, actor, sale_id, reason)
        )
        if outcome.ok and outcome.value is not None:
            return "", False, None, False, void_success(outcome.value), (version or 0) + 1
        errors = outcome.errors
        message = errors.get("void_reason", "")
        others = {key: text for key, text in errors.items() if key != "void_reason"}
        alert = dbc.Alert(" ".join(others.values()), color="danger") if others else None
        return message, bool(message), alert, no_update, no_update, no_update
