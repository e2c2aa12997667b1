"""Layout pieces the treasurer's pages (``pages/sales.py``, ``deposits.py``,
``tariff_admin.py``) share: grid columns sorted on a raw value and shown as text, and the
payer and payment-method columns of the sales and deposits grids (their dialogs and read-only
notes are ``dashboard.ui.dialogs``)."""

from __future__ import annotations

from typing import Any

from dashboard.ui.grid import NUMBER_FILTER


def shown_as(text_field: str) -> dict[str, str]:
    """A column's ``valueFormatter``: the row's ``text_field`` (the column sorts on the raw
    value, e.g. an ISO date or an amount, and shows the text)."""
    return {"function": f"params.data ? params.data.{text_field} : ''"}


def money_column(field: str, header: str, text_field: str, width: int = 140) -> dict[str, Any]:
    """An amount: right-aligned, filtered as a number, shown as rupiah text."""
    return {
        "field": field,
        "headerName": header,
        "width": width,
        "type": "rightAligned",
        "filter": NUMBER_FILTER,
        "valueFormatter": shown_as(text_field),
    }


def payer_column() -> dict[str, Any]:
    """Who paid (the widest column, its full text as a tooltip)."""
    return {
        "field": "payer",
        "headerName": "Pembayar",
        "flex": 1,
        "minWidth": 220,
        "tooltipField": "payer",
    }


def method_column() -> dict[str, Any]:
    """How it was paid."""
    return {"field": "method", "headerName": "Cara bayar", "width": 170}
