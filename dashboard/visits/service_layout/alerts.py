"""The messages above the Layanan page's panel: an action's success, a refusal, a visit that
is not there."""

from __future__ import annotations

from collections.abc import Iterable

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.paths import HOME_PATH

SUCCESS_SECONDS = 6000
"""How long a success message stays (ms)."""


def success_alert(message: str, color: str = "success") -> dbc.Alert:
    return dbc.Alert(message, color=color, duration=SUCCESS_SECONDS, className="mb-3")


def outdated_alert(message: str) -> dbc.Alert:
    """A form-level refusal (the visit moved on elsewhere): the page is redrawn beneath it."""
    return dbc.Alert(
        [message, html.Br(), html.Small("Tampilan sudah diperbarui ke keadaan terkini.")],
        color="danger",
        className="mb-3",
    )


def unplaced_alert(messages: Iterable[str]) -> dbc.Alert:
    """Messages for fields the form does not show, so no refusal is ever silent."""
    return dbc.Alert(" ".join(messages), color="danger")


def pick_target_alert() -> dbc.Alert:
    """A search result picked before choosing which request it answers."""
    return dbc.Alert("Pilih dulu permintaan yang dijawab.", color="warning")


def back_to_board_alert(heading: str, text: str, **extra: object) -> dbc.Alert:
    """A visit the page cannot show: why, and the way back to *Layanan berjalan*."""
    return dbc.Alert(
        [
            html.Strong(heading),
            f"{text} Buka kunjungan dari daftar ",
            dcc.Link("Layanan berjalan", href=HOME_PATH),
            ".",
        ],
        color="warning",
        **extra,
    )


def not_found_alert(visit_id: object) -> dbc.Alert:
    return back_to_board_alert(
        "Kunjungan tidak ditemukan. ", f"Tidak ada kunjungan nomor {visit_id} di kantor ini."
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
