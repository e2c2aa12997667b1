"""The parts of *Penjualan PNBP* drawn from what the callbacks read: the visits waiting for
payment, the publications to add, the lines of the sale form, the form as it opens and
closes, the receipt issued or the messages of a refused sale, the void dialog, the notices
around them, and the page's browser-side code.

Every function returns components whose ids come from ``dashboard.pnbp.sales_ids`` (the callbacks
and the browser tests find them there); the values come from ``dashboard.pnbp.sales_view``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import dash_bootstrap_components as dbc
from dash import html, no_update
from dash.development.base_component import Component

from dashboard.errors import FORM
from dashboard.i18n import format_rupiah
from dashboard.pnbp import sales_ids as ids
from dashboard.pnbp.forms_layout import named_feedback
from dashboard.pnbp.rules import (
    ITEM_KINDS,
    KIND_HARDCOPY,
    KIND_SOFTCOPY,
    METHOD_CASH,
    PUBLICATION_KINDS,
)
from dashboard.pnbp.sales_ids import line_id
from dashboard.pnbp.sales_view import (
    SaleFormOpening,
    SaleReceipt,
    SellablePublication,
    TariffOption,
    line_description,
    line_messages,
    other_tariff_options,
    publication_add_index,
    refusal_of_add,
    tariff_store,
    tariffs_of_kind,
    unplaced_messages,
    waited_text,
)
from dashboard.ui.buttons import icon_label, small_button
from dashboard.ui.forms import form_alert
from db.queries.sales import WaitingPayment

SUCCESS_MS = 8000
FORM_TITLE = "Catat pembayaran"


def focus_on_open(field_id: str) -> str:
    """Browser code: put the cursor in ``field_id`` once its dialog has opened."""
    return f"""
function (isOpen) {{
    if (!isOpen) {{ return; }}
    let attempts = 0;
    function focus() {{
        const field = document.getElementById("{field_id}");
        const modal = field && field.closest(".modal");
        if (!modal || !modal.classList.contains("show")) {{
            if (++attempts < 40) {{ window.setTimeout(focus, 25); }}
            return;
        }}
        field.focus();
    }}
    focus();
}}
"""


def waiting_item(row: WaitingPayment, now: datetime, writable: bool) -> dbc.ListGroupItem:
    details = " · ".join(part for part in (row.visitor_name, row.visitor_institution) if part)
    action: list[Component] = []
    if writable:
        action.append(
            small_button(
                "Catat pembayaran",
                "cash-coin",
                {"type": ids.WAITING_RECORD_TYPE, "index": row.visit_id},
                "primary",
                className="text-nowrap",
            )
        )
    return dbc.ListGroupItem(
        html.Div(
            [
                html.Div(
                    [
                        html.Span(row.code, className="fs-5 fw-bold me-2"),
                        html.Span(details or "—"),
                        html.Div(
                            icon_label("clock", waited_text(row.since, now), "me-1"),
                            className="small text-muted",
                        ),
                    ],
                    className="me-auto",
                ),
                *action,
            ],
            className="d-flex align-items-center gap-2",
        ),
        id={"type": ids.WAITING_ROW_TYPE, "index": row.visit_id},
    )


def waiting_list(rows: Sequence[WaitingPayment], now: datetime, writable: bool) -> Component:
    if not rows:
        return html.P(
            "Tidak ada kunjungan yang menunggu pembayaran.",
            id=ids.WAITING_EMPTY,
            className="text-muted m-3",
        )
    return dbc.ListGroup([waiting_item(row, now, writable) for row in rows], flush=True)


def tariff_notice(options: Sequence[TariffOption]) -> Component | None:
    """Above the form: no tariff in force, or sample tariffs in force."""
    if not options:
        return dbc.Alert(
            "Belum ada tarif PNBP yang berlaku hari ini. Minta administrator mengisi menu "
            "Tarif PNBP.",
            color="danger",
        )
    if any(option.is_sample for option in options):
        return dbc.Alert(
            [
                html.I(className="bi bi-exclamation-triangle-fill me-2"),
                html.Strong("Tarif contoh — isi dengan tarif PNBP yang berlaku. "),
                "Kuitansi ini memakai tarif contoh bawaan aplikasi.",
            ],
            color="warning",
            className="py-2",
        )
    return None


def visit_heading(row: WaitingPayment | None, now: datetime) -> Component:
    if row is None:
        return html.Div(
            icon_label("person", "Pembeli langsung (tanpa kunjungan)"),
            className="fw-semibold",
        )
    return html.Div(
        [
            html.Span("Kunjungan ", className="text-muted"),
            html.Span(row.code, className="fs-4 fw-bold text-primary me-2"),
            html.Span(f"menunggu pembayaran {waited_text(row.since, now)}", className="small"),
        ]
    )


def not_waiting_alert(visit: str) -> dbc.Alert:
    """``visit``: its code ('A-002'), or 'nomor 7' for an id this office does not have."""
    return dbc.Alert(
        f"Kunjungan {visit} tidak sedang menunggu pembayaran: sudah dibayar, batal "
        "membeli, atau belum sampai langkah penawaran publikasi.",
        color="warning",
        dismissable=True,
    )


def _line_row(line: Mapping[str, Any], tariffs: Mapping[str, Mapping[str, Any]]) -> html.Tr:
    key = int(line["key"])
    kind = str(line["kind"])
    what: list[Component] = [html.Div(line_description(line), className="fw-semibold")]
    if kind in PUBLICATION_KINDS:
        what.append(html.Div(ITEM_KINDS.get(kind, kind), className="small text-muted"))
    else:
        what.append(
            dbc.Input(
                id=line_id(ids.LINE_DESCRIPTION_TYPE, key),
                value=line.get("description") or "",
                placeholder="Uraian, mis. Tabel PDRB 2020-2024",
                autocomplete="off",
                maxlength=500,
                size="sm",
                className="mt-1",
            )
        )
    what.append(
        html.Div(id=line_id(ids.LINE_FEEDBACK_TYPE, key), className="invalid-feedback d-block")
    )
    return html.Tr(
        [
            html.Td(what),
            html.Td(
                dbc.Select(
                    id=line_id(ids.LINE_TARIFF_TYPE, key),
                    options=tariffs_of_kind(tariffs, kind),
                    value=line.get("tariff_id"),
                    size="sm",
                ),
                style={"minWidth": "12rem"},
            ),
            html.Td(
                dbc.Input(
                    id=line_id(ids.LINE_QUANTITY_TYPE, key),
                    value=str(line.get("quantity") or ""),
                    inputmode="numeric",
                    autocomplete="off",
                    maxlength=6,
                    size="sm",
                    className="text-end",
                    style={"width": "5rem"},
                )
            ),
            html.Td(
                html.Span("—", id=line_id(ids.LINE_UNIT_PRICE_TYPE, key)),
                className="text-end text-nowrap",
            ),
            html.Td(
                html.Span("—", id=line_id(ids.LINE_AMOUNT_TYPE, key), className="fw-semibold"),
                className="text-end text-nowrap",
            ),
            html.Td(
                dbc.Button(
                    html.I(className="bi bi-x-lg"),
                    id=line_id(ids.LINE_REMOVE_TYPE, key),
                    color="link",
                    size="sm",
                    className="text-danger p-0",
                    title="Hapus baris",
                )
            ),
        ],
        id=line_id(ids.LINE_ROW_TYPE, key),
        className="align-middle",
    )


def lines_table(
    lines: Sequence[Mapping[str, Any]], tariffs: Mapping[str, Mapping[str, Any]]
) -> Component:
    if not lines:
        return html.P(
            "Belum ada barang. Cari publikasi di atas, atau pilih cetak halaman / data digital.",
            id=ids.LINES_EMPTY,
            className="text-muted border rounded p-3 mb-2",
        )
    return dbc.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th("Barang/jasa"),
                        html.Th("Tarif"),
                        html.Th("Banyaknya"),
                        html.Th("Harga satuan", className="text-end"),
                        html.Th("Subtotal", className="text-end"),
                        html.Th(""),
                    ]
                )
            ),
            html.Tbody([_line_row(line, tariffs) for line in lines]),
        ],
        size="sm",
        className="mb-2",
    )


def _add_button(
    publication: SellablePublication,
    kind: str,
    tariffs: Mapping[str, Mapping[str, Any]],
    lines: Sequence[Mapping[str, Any]],
) -> Component:
    refusal = refusal_of_add(publication, kind, tariffs, lines)
    label = "Cetak" if kind == KIND_HARDCOPY else "Softcopy"
    button = dbc.Button(
        icon_label("plus-lg", label, "me-1"),
        id={
            "type": ids.PUBLICATION_ADD_TYPE,
            "index": publication_add_index(publication.publication_id, kind),
        },
        color="primary",
        outline=True,
        size="sm",
        disabled=refusal is not None,
    )
    # A disabled button shows no tooltip of its own: the wrapper carries the reason.
    return html.Span(button, title=refusal or f"Tambah {label.lower()} ke daftar")


def publication_results(
    publications: Sequence[SellablePublication],
    heading: str,
    tariffs: Mapping[str, Mapping[str, Any]],
    lines: Sequence[Mapping[str, Any]],
) -> Component:
    if not publications:
        return html.Div(heading, id=ids.PUBLICATION_MESSAGE, className="small text-muted")
    return html.Div(
        [
            html.Div(heading, id=ids.PUBLICATION_MESSAGE, className="small text-muted mb-1"),
            dbc.ListGroup(
                [
                    dbc.ListGroupItem(
                        html.Div(
                            [
                                html.Div(
                                    [
                                        html.Div(publication.title, className="fw-semibold"),
                                        html.Div(publication.details, className="small text-muted"),
                                    ],
                                    className="me-auto",
                                ),
                                _add_button(publication, KIND_HARDCOPY, tariffs, lines),
                                _add_button(publication, KIND_SOFTCOPY, tariffs, lines),
                            ],
                            className="d-flex align-items-center gap-2",
                        ),
                        id={"type": ids.PUBLICATION_HIT_TYPE, "index": publication.publication_id},
                        className="py-1",
                    )
                    for publication in publications
                ],
                # A long answer scrolls on its own: the lines and the total stay in view.
                style={"maxHeight": "16rem", "overflowY": "auto"},
            ),
        ]
    )


# -- the form opening and closing -------------------------------------------------------------

FORM_STATE: dict[str, tuple[str, str]] = {
    "form_hidden": (ids.FORM, "hidden"),
    "placeholder_hidden": (ids.FORM_PLACEHOLDER, "hidden"),
    "result_hidden": (ids.RESULT, "hidden"),
    "title": (ids.FORM_TITLE, "children"),
    "visit_heading": (ids.FORM_VISIT, "children"),
    "visit": (ids.SALE_VISIT, "data"),
    "payer_name": (ids.PAYER_NAME, "value"),
    "payer_institution": (ids.PAYER_INSTITUTION, "value"),
    "tariffs": (ids.TARIFFS, "data"),
    "lines": (ids.LINES, "data"),
    "next_key": (ids.NEXT_LINE_KEY, "data"),
    "lines_table": (ids.LINES_TABLE, "children"),
    "search": (ids.PUBLICATION_SEARCH, "value"),
    "other_options": (ids.OTHER_TARIFF, "options"),
    "other_tariff": (ids.OTHER_TARIFF, "value"),
    "method": (ids.PAYMENT_METHOD, "value"),
    "reference": (ids.PAYMENT_REFERENCE, "value"),
    "zero_rupiah": (ids.ZERO_RUPIAH, "value"),
    "zero_reason": (ids.ZERO_REASON, "value"),
    "zero_letter": (ids.ZERO_LETTER, "value"),
    "alert": (ids.FORM_ALERT, "children"),
    "lines_feedback": (ids.LINES_FEEDBACK, "children"),
    "focus": (ids.FOCUS, "data"),
    "message": (ids.MESSAGE, "children"),
}
"""Everything opening or closing the form sets: a name, and the component and property."""


def closed_form(message: Component | None = None) -> dict[str, Any]:
    """The card back to its hint (after "Batal" or "Penjualan berikutnya"), with ``message``
    above the page (why a visit's form did not open)."""
    values: dict[str, Any] = dict.fromkeys(FORM_STATE, no_update)
    values.update(
        form_hidden=True,
        placeholder_hidden=False,
        result_hidden=True,
        title=FORM_TITLE,
        visit=None,
        lines=[],
        lines_table=lines_table([], {}),
        message=message,
    )
    return values


def opened_form(opening: SaleFormOpening, now: datetime) -> dict[str, Any]:
    """A blank sale form, for a visit (payer from its guest book) or a walk-in buyer; the
    card closed with a notice when the visit asked for does not wait for payment."""
    if opening.refused is not None:
        return closed_form(not_waiting_alert(opening.refused))
    row = opening.visit
    tariffs = tariff_store(opening.options)
    return {
        "form_hidden": False,
        "placeholder_hidden": True,
        "result_hidden": True,
        "title": (
            f"{FORM_TITLE} kunjungan {row.code}" if row else f"{FORM_TITLE} pembeli langsung"
        ),
        "visit_heading": visit_heading(row, now),
        "visit": row.visit_id if row else None,
        "payer_name": (row.visitor_name or "") if row else "",
        "payer_institution": (row.visitor_institution or "") if row else "",
        "tariffs": tariffs,
        "lines": [],
        "next_key": 1,
        "lines_table": lines_table([], tariffs),
        "search": "",
        "other_options": other_tariff_options(tariffs),
        "other_tariff": None,
        "method": METHOD_CASH,
        "reference": "",
        "zero_rupiah": False,
        "zero_reason": None,
        "zero_letter": "",
        "alert": tariff_notice(opening.options),
        "lines_feedback": "",
        "focus": {"id": ids.PUBLICATION_SEARCH if row else ids.PAYER_NAME, "at": now.isoformat()},
        "message": None,
    }


# -- recording ---------------------------------------------------------------------------------


def submitted(
    receipt: SaleReceipt | None,
    errors: dict[str, str],
    line_count: int,
    version: int | None,
) -> dict[str, Any]:
    """What recording a sale shows: the receipt issued, or each message where it belongs (a
    field, a line, above the form); a refusal of the whole form (the visit no longer waits)
    redraws the page."""
    placed = {
        **named_feedback(errors, tuple(ids.FIELD_IDS), ids.INVALID_FIELDS),
        "line_messages": line_messages(errors, line_count),
    }
    if receipt is not None:
        return {
            "number": receipt.receipt_number,
            "total": f"{format_rupiah(receipt.total)} · {receipt.payer_name}",
            "sale": receipt.sale_id,
            "form_hidden": True,
            "result_hidden": False,
            "lines": [],
            "visit": None,
            "alert": None,
            **placed,
            "lines_feedback": "",
            "version": (version or 0) + 1,
        }
    unplaced = unplaced_messages(errors, line_count)
    alert = form_alert(errors)
    if unplaced:
        alert = dbc.Alert(" ".join(unplaced), color="danger", className="mb-2")
    return {
        "number": no_update,
        "total": no_update,
        "sale": no_update,
        "form_hidden": no_update,
        "result_hidden": no_update,
        "lines": no_update,
        "visit": no_update,
        "alert": alert,
        **placed,
        "lines_feedback": errors.get("lines", ""),
        "version": (version or 0) + 1 if FORM in errors else no_update,
    }


# -- voiding -----------------------------------------------------------------------------------


def void_dialog_text(row: Mapping[str, Any]) -> Component:
    """The sale to void, as its row of today's sales shows it."""
    return html.Div(
        [
            html.Div(row["receipt_number"], className="fs-4 fw-bold"),
            html.Div(f"{row['payer']} · {row['total_text']} · {row['method']}"),
        ]
    )


def void_refused(errors: Mapping[str, str]) -> dbc.Alert | None:
    """The messages of a refused void that are not about its reason."""
    others = [text for key, text in errors.items() if key != "void_reason"]
    return dbc.Alert(" ".join(others), color="danger") if others else None


def void_success(receipt_number: str) -> dbc.Alert:
    return dbc.Alert(
        f"Kuitansi {receipt_number} dibatalkan. Nomornya tetap tercatat dengan tanda BATAL.",
        color="success",
        duration=SUCCESS_MS,
    )


# -- in the browser ----------------------------------------------------------------------------

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
"""Put the cursor in the first field marked invalid after a refused sale."""
