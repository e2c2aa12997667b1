"""Step 9's panels: the purchase offer, the wait for the treasurer's receipt once the visitor
buys, and the receipts the visit's purchase was paid with."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import sop
from dashboard.i18n import format_rupiah
from dashboard.paths import payment_path, receipt_path
from dashboard.pnbp.sales_view import sale_status
from dashboard.ui.buttons import icon_button, icon_label
from dashboard.visits import service_ids as ids
from dashboard.visits.service_layout.common import activity, read_only_note
from dashboard.visits.service_page import ServiceView, VisitSale, payment_wait_text


def purchase_form(_view: ServiceView) -> html.Div:
    return html.Div(
        [
            activity(sop.PURCHASE_OFFER),
            html.Div(
                [
                    icon_button(
                        "Ya, ingin membeli",
                        "bag-check",
                        ids.PURCHASE_YES,
                        color="primary",
                        className="me-2",
                    ),
                    icon_button(
                        "Tidak membeli",
                        "x-circle",
                        ids.PURCHASE_NO,
                        color="secondary",
                        outline=True,
                    ),
                ]
            ),
            html.Div(id=ids.PURCHASE_FEEDBACK, className="invalid-feedback d-block"),
        ]
    )


def awaiting_payment(
    view: ServiceView, can_write: bool, can_record_payment: bool, now: datetime
) -> html.Div:
    """Step 9 answered "yes": the visitor is with the treasurer. The step (and its 10-minute
    target) runs until the receipt is issued; the page moves on to step 10 by itself."""
    step = view.visit.open_step
    assert step is not None
    actions: list[Component] = []
    if can_record_payment:
        actions.append(
            html.A(
                icon_label("cash-coin", "Catat pembayaran"),
                href=payment_path(view.visit.visit_id),
                id=ids.PAYMENT_LINK,
                className="btn btn-primary",
            )
        )
    if can_write:
        # Confirmed first: the panel's first button gets the focus, and a stray Enter must not
        # cancel a purchase the treasurer may be recording.
        actions.append(
            dcc.ConfirmDialogProvider(
                icon_button(
                    "Batal membeli",
                    "x-circle",
                    ids.PURCHASE_CANCEL_BUTTON,
                    color="secondary",
                    outline=True,
                    title="Pengunjung berubah pikiran: tidak jadi membeli, lanjut ke "
                    "pengambilan tas",
                ),
                id=ids.PURCHASE_CANCEL,
                message=f"Pengunjung {view.visit.code} batal membeli? Langkah penawaran "
                "publikasi selesai tanpa pembelian dan pengunjung lanjut ke pengambilan tas.",
            )
        )
    if not actions:
        actions.append(read_only_note())
    return html.Div(
        [
            html.P(
                icon_label("hourglass-split", "Menunggu pembayaran di bendahara"),
                id=ids.PAYMENT_WAITING,
                className="fs-5 mb-1",
            ),
            html.P(
                f"Pengunjung ingin membeli publikasi; {payment_wait_text(step.started_at, now)}. "
                "Langkah ini selesai saat Bendahara Penerimaan menerbitkan kuitansi, lalu halaman "
                "ini lanjut sendiri ke pengambilan tas.",
                className="text-muted mb-2",
            ),
            html.Div(
                [
                    html.Span("Status pembayaran: ", className="text-muted"),
                    dbc.Badge("Belum dibayar", color="warning", text_color="dark"),
                ],
                id=ids.PAYMENT_STATUS,
                className="mb-3",
            ),
            html.Div(actions, className="d-flex flex-wrap gap-2"),
            html.Div(id=ids.PURCHASE_FEEDBACK, className="invalid-feedback d-block"),
        ]
    )


def sale_summary(sales: Sequence[VisitSale], can_download: bool) -> Component:
    """The receipts of the visit's purchase: number, amount and status (and a look at the PDF
    for the roles that may read it; printing is the treasurer's, on *Penjualan PNBP*)."""
    items = []
    for sale in sales:
        status = sale_status(voided=sale.voided, deposited=sale.deposited)
        link: Component = (
            html.A(
                icon_label("file-earmark-pdf", "Lihat kuitansi (PDF)", "me-1"),
                href=receipt_path(sale.sale_id),
                target="_blank",
                rel="noopener",
                className="ms-2",
            )
            if can_download
            else html.Span()
        )
        items.append(
            html.Li(
                [
                    "Kuitansi ",
                    html.Strong(
                        sale.receipt_number,
                        id={"type": ids.RECEIPT_NUMBER_TYPE, "index": sale.sale_id},
                    ),
                    f" · {format_rupiah(sale.total)} · ",
                    dbc.Badge(
                        status,
                        id={"type": ids.RECEIPT_STATUS_TYPE, "index": sale.sale_id},
                        color="danger" if sale.voided else "success",
                    ),
                    link,
                ]
            )
        )
    return html.Div(
        [
            html.Div("Pembayaran PNBP", className="fw-semibold mt-3"),
            html.Ul(items, className="mb-0"),
        ],
        id=ids.SALE_SUMMARY,
    )
