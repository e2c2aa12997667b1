"""The parts of *Tarif PNBP* drawn from what its callbacks read: the sample-tariff banner,
the tariff named in the "Akhiri tarif" dialog, and the success notices."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.i18n import format_number
from dashboard.pnbp import tariff_admin_ids as ids
from dashboard.pnbp.tariffs_view import SAMPLE_TEXT
from dashboard.ui.buttons import icon_label

SUCCESS_MS = 8000


def sample_banner(count: int) -> Component | None:
    if not count:
        return None
    return dbc.Alert(
        [
            html.Div(
                icon_label(
                    "exclamation-triangle-fill",
                    html.Strong("Tarif contoh — isi dengan tarif PNBP yang berlaku."),
                )
            ),
            html.Div(
                f"{format_number(count)} tarif bertanda “{SAMPLE_TEXT}” adalah tarif contoh bawaan "
                "aplikasi, bukan tarif resmi. Tambahkan tarif sesuai peraturan tarif PNBP yang "
                "berlaku pada BPS, lalu akhiri tarif contoh.",
                className="small mt-1",
            ),
        ],
        color="warning",
        id=ids.SAMPLE_NOTICE,
        className="mb-2",
    )


def end_dialog_text(row: Mapping[str, Any]) -> Component:
    """The tariff to end, as its grid row shows it."""
    return html.Div(
        [
            html.Div(row["label"], className="fw-semibold"),
            html.Div(f"{row['kind']} · {row['amount_text']} / {row['unit']}"),
            html.Div(f"Berlaku mulai {row['valid_from']}", className="small text-muted"),
        ]
    )


def success_notice(text: str) -> dbc.Alert:
    return dbc.Alert(text, color="success", duration=SUCCESS_MS)
