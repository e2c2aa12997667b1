"""Profil kantor: the office's name and city (the heading of receipts and referral slips) and
the contact line under it: address, telephone, e-mail. The administrator keeps it."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.office import profile_ids as ids
from dashboard.office.profile import MAX_ADDRESS, MAX_CITY, MAX_NAME, MAX_PHONE
from dashboard.paths import OFFICE_PROFILE_PATH
from dashboard.roles import OFFICE_EDITORS
from dashboard.ui.access import for_roles
from dashboard.ui.admin_form import text_input
from dashboard.ui.forms import labeled_field
from dashboard.ui.headings import page_heading

ROLES = sorted(OFFICE_EDITORS)

dash.register_page(
    __name__,
    path=OFFICE_PROFILE_PATH,
    name="Profil kantor",
    title="Profil kantor · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="Admin",
    icon="bi-building",
    order=40,
    roles=ROLES,
)


def _field(name: str, label: str, help_text: str | None = None, **kwargs: object) -> html.Div:
    control = text_input(ids.FIELD_IDS[name], True, **kwargs)
    return labeled_field(label, control, ids.FEEDBACK_IDS[name], help_text=help_text)


def _form() -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                _field("name", "Nama kantor", maxlength=MAX_NAME, autofocus=True),
                _field(
                    "city",
                    "Kota",
                    "Tempat sebelum tanggal pada kuitansi dan surat rujukan.",
                    maxlength=MAX_CITY,
                ),
                _field(
                    "address",
                    "Alamat",
                    "Satu baris di bawah kop; kosong: hanya nama kota.",
                    maxlength=MAX_ADDRESS,
                    placeholder="mis. Jl. Jenderal Sudirman No. 1, Muara Enim 31311",
                ),
                dbc.Row(
                    [
                        dbc.Col(
                            _field(
                                "phone",
                                "Telepon",
                                maxlength=MAX_PHONE,
                                inputmode="tel",
                                placeholder="mis. (0734) 421234",
                            ),
                            md=6,
                        ),
                        dbc.Col(
                            _field(
                                "email",
                                "Email",
                                maxlength=254,
                                inputmode="email",
                                placeholder="mis. bps1603@bps.go.id",
                            ),
                            md=6,
                        ),
                    ],
                    className="g-3",
                ),
                html.Div(id=ids.ALERT),
                dbc.Button(
                    [html.I(className="bi bi-check-lg me-1"), "Simpan"],
                    id=ids.SAVE,
                    color="primary",
                ),
            ]
        )
    )


def _preview() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader("Kop kuitansi dan surat rujukan"),
            dbc.CardBody(html.Div(id=ids.PREVIEW, className="pst-office-preview")),
        ]
    )


def _build() -> html.Div:
    return html.Div(
        [
            dcc.Store(id=ids.LOADED),
            page_heading(
                "Profil kantor", "Nama, alamat, dan kontak kantor pada kuitansi dan surat rujukan"
            ),
            dbc.Row(
                [dbc.Col(_form(), lg=7), dbc.Col(_preview(), lg=5)],
                className="g-3",
            ),
        ],
        id=ids.PAGE,
    )


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, _build)
