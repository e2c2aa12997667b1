"""Step 4's panel: the PST service type and the data the visitor asks for."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import sop
from dashboard.ui.forms import labeled_field
from dashboard.visits import service_ids as ids
from dashboard.visits.service_layout.common import activity, submit_button
from dashboard.visits.service_page import ServiceView


def purpose_form(view: ServiceView) -> html.Div:
    return html.Div(
        [
            activity(sop.PURPOSE),
            dbc.Row(
                [
                    dbc.Col(
                        labeled_field(
                            "Jenis layanan PST",
                            dbc.Select(
                                id=ids.SERVICE_TYPE,
                                options=[
                                    {"label": label, "value": code}
                                    for code, label in view.service_types
                                ],
                                placeholder="Pilih jenis layanan…",
                            ),
                            ids.SERVICE_TYPE_FEEDBACK,
                        ),
                        md=5,
                    ),
                    dbc.Col(
                        labeled_field(
                            "Data yang dicari",
                            dbc.Textarea(
                                id=ids.REQUESTS,
                                rows=4,
                                submit_on_enter=False,
                                placeholder=(
                                    "PDRB Kabupaten Muara Enim 2025\nJumlah penduduk per kecamatan"
                                ),
                            ),
                            ids.REQUESTS_FEEDBACK,
                            help_text="Satu permintaan data per baris.",
                        ),
                        md=7,
                    ),
                ]
            ),
            submit_button("Simpan tujuan", ids.PURPOSE_SUBMIT, "bi-check2"),
        ]
    )
