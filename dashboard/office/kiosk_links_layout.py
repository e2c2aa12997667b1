"""The pieces of *Layar monitor*: the list of kiosk links, the link just made (shown once,
with a copy button), and the question before revoking one."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.i18n import format_moment
from dashboard.office import kiosk_links_ids as ids
from dashboard.office.kiosk_links import KioskLinkRow
from dashboard.ui.buttons import icon_label, small_button
from dashboard.ui.dialogs import dialog, dialog_footer

NO_LINKS_TEXT = "Belum ada tautan layar. Buat satu untuk setiap TV."
NEVER_USED_TEXT = "belum pernah"


def _status(row: KioskLinkRow) -> Component:
    if row.revoked_at is not None:
        return dbc.Badge(f"Dicabut {format_moment(row.revoked_at)}", color="secondary")
    return dbc.Badge("Aktif", color="success")


def _action(row: KioskLinkRow) -> Component | None:
    if row.revoked_at is not None:
        return None
    return small_button(
        "Cabut", "x-circle", {"type": ids.REVOKE, "index": row.id}, "danger", outline=True
    )


def links_table(rows: Sequence[KioskLinkRow]) -> Component:
    """Every link of the office: name, made when and by whom, last used, status."""
    if not rows:
        return html.P(NO_LINKS_TEXT, className="text-muted", id="kiosk-links-empty")
    header = html.Thead(
        html.Tr(
            [
                html.Th("Nama layar"),
                html.Th("Dibuat"),
                html.Th("Terakhir dipakai"),
                html.Th("Status"),
                html.Th(""),
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(row.label),
                    html.Td(
                        [
                            format_moment(row.created_at),
                            html.Div(row.created_by or "—", className="small text-muted"),
                        ]
                    ),
                    html.Td(
                        format_moment(row.last_used_at) if row.last_used_at else NEVER_USED_TEXT
                    ),
                    html.Td(_status(row)),
                    html.Td(_action(row), className="text-end"),
                ],
                className="text-muted" if row.revoked_at is not None else None,
            )
            for row in rows
        ]
    )
    return dbc.Table([header, body], hover=True, responsive=True, className="align-middle")


def new_link_notice(label: str, url: str) -> dbc.Alert:
    """The link just made: its full address, shown this once, with a copy button."""
    return dbc.Alert(
        [
            html.Div(
                icon_label("link-45deg", f"Tautan untuk «{label}» dibuat.", "me-1"),
                className="fw-semibold mb-2",
            ),
            dbc.InputGroup(
                [
                    dbc.Input(
                        id=ids.NEW_LINK_URL, value=url, readonly=True, className="font-monospace"
                    ),
                    dbc.InputGroupText(
                        dcc.Clipboard(target_id=ids.NEW_LINK_URL, title="Salin tautan")
                    ),
                ],
                className="mb-2",
            ),
            html.Div(
                "Salin sekarang dan buka di peramban TV: tautan ini hanya ditampilkan sekali. "
                "Layar masuk dengan tampilan monitor (hanya baca) dan tetap masuk; cabut "
                "tautannya bila TV hilang atau tidak dipakai lagi.",
                className="small",
            ),
        ],
        color="success",
        id="kiosk-links-created-notice",
    )


def revoke_question(label: str) -> str:
    return (
        f"Cabut tautan «{label}»? Layar yang memakainya keluar pada permintaan berikutnya, "
        "dan tautan ini tidak dapat dipakai lagi."
    )


def confirm_modal() -> dbc.Modal:
    """The question before a link is revoked."""
    return dialog(
        ids.CONFIRM_MODAL,
        "Cabut tautan layar",
        dbc.ModalBody(id=ids.CONFIRM_TEXT),
        dialog_footer(
            cancel=(ids.CANCEL, "Batal"),
            submit=(ids.CONFIRM, "Ya, cabut"),
            icon="bi bi-x-circle me-1",
            color="danger",
        ),
    )
