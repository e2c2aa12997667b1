"""Step 10's panel: the bag handed back against its tag, which ends the visit."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import sop
from dashboard.ui.forms import input_field
from dashboard.visits import service_ids as ids
from dashboard.visits.service_layout.common import activity, submit_button
from dashboard.visits.service_page import ServiceView


def bag_return_form(view: ServiceView) -> html.Div:
    rack = view.visit.rack_slot
    return html.Div(
        [
            activity(sop.BAG_RETURN),
            html.P(
                f"Ambil tas dari rak nomor {rack}, lalu cocokkan label tasnya."
                if rack
                else "Cocokkan label tas pengunjung."
            ),
            dbc.Row(
                dbc.Col(
                    input_field(
                        "Kode pada label tas",
                        ids.TAG_CODE,
                        ids.TAG_CODE_FEEDBACK,
                        placeholder="mis. A-017",
                        autocomplete="off",
                        maxlength=8,
                    ),
                    width=12,
                    sm=5,
                    lg=4,
                )
            ),
            submit_button("Serahkan tas & selesai", ids.BAG_SUBMIT, "bi-box-arrow-right"),
        ]
    )
