"""Step 8's panel: the reading table to take the visitor to (the lowest free one suggested)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import sop
from dashboard.ui.forms import input_field
from dashboard.visits import service_ids as ids
from dashboard.visits.service_layout.common import activity, submit_button
from dashboard.visits.service_page import ServiceView


def reading_table_form(view: ServiceView) -> html.Div:
    taken = ", ".join(str(number) for number in view.taken_tables)
    taken_text = (
        f"Meja terpakai: {taken} (dari {view.table_count} meja)."
        if taken
        else f"Semua {view.table_count} meja baca kosong."
    )
    suggested = view.suggested_table
    return html.Div(
        [
            activity(sop.READING_TABLE),
            dbc.Row(
                dbc.Col(
                    input_field(
                        "Nomor meja baca",
                        ids.READING_TABLE,
                        ids.READING_TABLE_FEEDBACK,
                        type="number",
                        step=1,
                        value=suggested,
                        autocomplete="off",
                    ),
                    width=12,
                    sm=4,
                    lg=3,
                )
            ),
            html.P(
                taken_text if suggested else "Semua meja baca terpakai; tunggu meja kosong.",
                id=ids.READING_TABLE_TAKEN,
                className="text-muted small" if suggested else "text-danger small",
            ),
            submit_button("Antar ke meja baca", ids.READING_TABLE_SUBMIT, "bi-arrow-right-circle"),
        ]
    )
