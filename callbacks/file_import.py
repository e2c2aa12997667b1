"""What the import pages' callbacks share: the bytes of an uploaded file, why an import was
refused, and the pair of buttons that download a file as CSV or as XLSX."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any, Literal

from dash import Input, Output, ctx

from dashboard.errors import FORM


def decode_upload(contents: object) -> bytes | None:
    """The bytes of a file from ``dcc.Upload`` (a ``data:…;base64,…`` URL); None if none."""
    if not isinstance(contents, str) or "," not in contents:
        return None
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        return None


def refusal_text(errors: Mapping[str, str]) -> str:
    """Why an import stored nothing: the form-level message, or every message."""
    return errors.get(FORM) or "; ".join(errors.values())


def format_buttons(csv_id: str, xlsx_id: str) -> dict[str, Any]:
    """The inputs of a download callback fired by a CSV and an XLSX button (both disabled
    while the file is made)."""
    return {
        "inputs": {"_csv": Input(csv_id, "n_clicks"), "_xlsx": Input(xlsx_id, "n_clicks")},
        "prevent_initial_call": True,
        "running": [
            (Output(csv_id, "disabled"), True, False),
            (Output(xlsx_id, "disabled"), True, False),
        ],
    }


def chosen_format(xlsx_id: str) -> Literal["csv", "xlsx"]:
    """The format of the button that fired the download callback."""
    return "xlsx" if ctx.triggered_id == xlsx_id else "csv"
