"""The printable referral slip (*surat rujukan*) and the notices shown instead of it."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.library import referral_slip_ids as ids
from dashboard.library.referral_slip import ReferralSlip, SlipLine
from dashboard.paths import HOME_PATH, service_path
from dashboard.ui.buttons import icon_button, icon_label

INTRO = (
    "Data berikut tidak tersedia di Pelayanan Statistik Terpadu (PST) {office}. "
    "Pengunjung kami rujuk ke dinas/instansi yang memegang data tersebut:"
)


def _meta_row(label: str, value: str, value_id: str) -> html.Tr:
    return html.Tr(
        [
            html.Th(label, className="pst-slip-label"),
            html.Td(":", className="pst-slip-colon"),
            html.Td(value, id=value_id),
        ]
    )


def _contact(label: str, value: str | None, cell_type: str, index: int) -> html.Tr | None:
    if not value:
        return None
    return html.Tr(
        [
            html.Th(label, className="pst-slip-label"),
            html.Td(":", className="pst-slip-colon"),
            html.Td(value, id={"type": cell_type, "index": index}),
        ]
    )


def _line(line: SlipLine) -> html.Li:
    index = line.request_id
    rows = [
        _contact("Data yang ditanyakan", line.ask_for, ids.REQUEST_TYPE, index),
        _contact("Alamat", line.address, ids.ADDRESS_TYPE, index),
        _contact("Telepon", line.phone, ids.PHONE_TYPE, index),
        _contact("Surel", line.email, ids.EMAIL_TYPE, index),
        _contact("Catatan petugas", line.note, ids.NOTE_TYPE, index),
    ]
    return html.Li(
        [
            html.Div(
                line.agency,
                id={"type": ids.AGENCY_TYPE, "index": index},
                className="pst-slip-agency",
            ),
            html.Table(html.Tbody([row for row in rows if row is not None])),
        ],
        id={"type": ids.ITEM_TYPE, "index": index},
        className="pst-slip-item",
    )


def _signature(slip: ReferralSlip) -> html.Footer:
    children: list[Component] = [
        html.Div(slip.place_and_date),
        html.Div("Petugas PST,"),
        html.Div(className="pst-slip-signature-space"),
        html.Div(slip.officer_name or "………………………………", id=ids.OFFICER, className="pst-slip-officer"),
    ]
    if slip.officer_nip:
        children.append(html.Div(f"NIP {slip.officer_nip}"))
    return html.Footer(children, className="pst-slip-footer")


def slip_sheet(slip: ReferralSlip) -> Component:
    """The sheet as it is printed: office heading, the visit, each referral, the officer."""
    return html.Article(
        [
            html.Header(
                [
                    html.Div("Badan Pusat Statistik", className="pst-slip-agency-kind"),
                    html.Div(slip.office_name, id=ids.OFFICE, className="pst-slip-office"),
                    html.Div("Pelayanan Statistik Terpadu (PST)", className="pst-slip-unit"),
                    html.Div(slip.office_contact, id=ids.CONTACT, className="pst-slip-contact"),
                ],
                className="pst-slip-header",
            ),
            html.H1("Surat Rujukan Data", id=ids.TITLE, className="pst-slip-title"),
            html.Table(
                html.Tbody(
                    [
                        _meta_row("Kode kunjungan", slip.code, ids.CODE),
                        _meta_row(
                            "Nama pengunjung",
                            slip.visitor_name
                            + (f" ({slip.institution})" if slip.institution else ""),
                            ids.VISITOR,
                        ),
                        _meta_row("Tanggal", slip.date_text, ids.DATE),
                    ]
                ),
                className="pst-slip-meta",
            ),
            html.P(INTRO.format(office=slip.office_name), className="pst-slip-intro"),
            html.Ol([_line(line) for line in slip.lines], className="pst-slip-items"),
            _signature(slip),
        ],
        id=ids.SHEET,
        className="pst-slip",
    )


def slip_body(slip: ReferralSlip | None, visit_id: object) -> Component:
    """The sheet, or why there is none."""
    if slip is None:
        return dbc.Alert(
            [
                html.Strong("Kunjungan tidak ditemukan. "),
                f"Tidak ada kunjungan nomor {visit_id} di kantor ini. ",
                html.A("Kembali ke Layanan berjalan", href=HOME_PATH),
                ".",
            ],
            color="warning",
            id=ids.NOT_FOUND,
        )
    if not slip.lines:
        return dbc.Alert(
            f"Kunjungan {slip.code} tidak punya permintaan yang dirujuk ke dinas lain; "
            "tidak ada surat rujukan untuk dicetak.",
            color="info",
            id=ids.EMPTY,
        )
    return slip_sheet(slip)


def _toolbar(visit_id: int | None) -> html.Div:
    back = (
        dcc.Link(
            icon_label("arrow-left", "Halaman layanan kunjungan", "me-1"),
            href=service_path(visit_id),
            id=ids.BACK_LINK,
            className="me-auto",
        )
        if visit_id is not None
        else html.Span(className="me-auto")
    )
    return html.Div(
        [
            back,
            html.Span(
                "Kertas A5 atau A4; bagian ini tidak ikut tercetak.",
                className="text-muted small me-3",
            ),
            icon_button("Cetak", "printer", ids.PRINT, color="primary", disabled=visit_id is None),
        ],
        id=ids.TOOLBAR,
        className="d-flex align-items-center mb-3 pst-no-print pst-slip-toolbar",
    )


def slip_page(visit_id: int | None, raw: object) -> html.Div:
    """The page of one visit's slip (``raw``: the id as the address gave it); the callback
    draws the slip into it."""
    return html.Div(
        [
            dcc.Store(id=ids.VISIT_ID, data=visit_id if visit_id is not None else str(raw)),
            dcc.Store(id=ids.PRINTED),
            _toolbar(visit_id),
            html.Div(
                html.Div("Memuat surat rujukan…", className="text-muted pst-no-print"),
                id=ids.BODY,
            ),
        ],
        id=ids.PAGE,
    )
