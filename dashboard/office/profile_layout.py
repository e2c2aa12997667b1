"""The *Profil kantor* page (the form beside the office heading, *kop*, as a receipt prints
it), and the notice that the heading still lacks the office's address."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.office import profile_ids as ids
from dashboard.office.profile import (
    MAX_ADDRESS,
    MAX_CITY,
    MAX_NAME,
    MAX_PHONE,
    contact_line,
    office_heading,
)
from dashboard.paths import OFFICE_PROFILE_PATH
from dashboard.ui.admin_form import text_field
from dashboard.ui.buttons import save_button
from dashboard.ui.headings import page_heading


def heading_preview(name: str, city: str, address: str, phone: str, email: str) -> list[html.Div]:
    """The heading lines in capitals, then the contact line, over a double rule."""
    lines = office_heading(" ".join(name.split()) or "…")
    contact = contact_line(city.strip() or "…", address.strip(), phone.strip(), email.strip())
    return [
        *(
            html.Div(line, className="fw-bold" + (" fs-5" if index == 0 else ""))
            for index, line in enumerate(lines)
        ),
        html.Div(contact, className="small", id="office-profile-contact-line"),
        html.Hr(className="border-2 border-dark opacity-100 mt-2 mb-0"),
    ]


def missing_address_notice(can_edit: bool) -> dbc.Alert:
    """For those who print receipts while the office profile has no address: the heading
    shows the city only until the administrator fills it in."""
    where: list[object] = (
        [
            "Isi di ",
            dcc.Link("Admin › Profil kantor", href=OFFICE_PROFILE_PATH, className="alert-link"),
        ]
        if can_edit
        else ["Administrator dapat mengisinya di Admin › Profil kantor"]
    )
    return dbc.Alert(
        [
            html.I(className="bi bi-building-exclamation me-2"),
            "Alamat kantor belum diisi: kop kuitansi hanya memuat nama kota. ",
            *where,
            ".",
        ],
        color="warning",
        className="py-2",
        id="office-address-missing",
    )


def _field(name: str, label: str, help_text: str | None = None, **kwargs: object) -> html.Div:
    return text_field(label, ids.FIELD_IDS[name], ids.FEEDBACK_IDS[name], True, help_text, **kwargs)


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
                save_button(ids.SAVE),
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


def office_profile_page() -> html.Div:
    """The form beside the heading it makes (the administrator's only)."""
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
