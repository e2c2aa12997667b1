"""Step 10's panel: the bag handed back against its tag, which ends the visit."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import sop
from dashboard.ui.forms import labeled_field
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
                    labeled_field(
                        "Kode pada label tas",
                        dbc.Input(
                            id=ids.TAG_CODE,
                            placeholder="mis. A-017",
                            autocomplete="off",
                            maxlength=8,
                        ),
                        ids.TAG_CODE_FEEDBACK,
                    ),
                    width=12,
                    sm=5,
                    lg=4,
                )
            ),
            submit_button("Serahkan tas & selesai", ids.BAG_SUBMIT, "bi-box-arrow-right"),
        ]
    )
