"""The parts of *Penjualan PNBP* drawn from what the callbacks read: the visits waiting for
payment, the publications to add, the lines of the sale form, and the notices around them.

Every function returns components whose ids come from ``dashboard.pnbp.sales_ids`` (the callbacks
and the browser tests find them there); the values come from ``dashboard.pnbp.sales_view``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.pnbp import sales_ids as ids
from dashboard.pnbp.rules import ITEM_KINDS, KIND_HARDCOPY, KIND_SOFTCOPY, PUBLICATION_KINDS
from dashboard.pnbp.sales_ids import line_id
from dashboard.pnbp.sales_view import (
    SellablePublication,
    TariffOption,
    line_description,
    publication_add_index,
    refusal_of_add,
    tariffs_of_kind,
    waited_text,
)
from db.models import Sale
from db.queries.sales import WaitingPayment

SUCCESS_MS = 8000


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
            dbc.Button(
                [html.I(className="bi bi-cash-coin me-1"), "Catat pembayaran"],
                id={"type": ids.WAITING_RECORD_TYPE, "index": row.visit_id},
                color="primary",
                size="sm",
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
                            [html.I(className="bi bi-clock me-1"), waited_text(row.since, now)],
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
            [html.I(className="bi bi-person me-2"), "Pembeli langsung (tanpa kunjungan)"],
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
        [html.I(className="bi bi-plus-lg me-1"), label],
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


def void_success(sale: Sale) -> dbc.Alert:
    return dbc.Alert(
        f"Kuitansi {sale.receipt_number} dibatalkan. Nomornya tetap tercatat dengan tanda BATAL.",
        color="success",
        duration=SUCCESS_MS,
    )
