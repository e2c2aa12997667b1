"""The office heading (*kop*) as a receipt prints it, shown beside the profile form, and the
notice that the heading still lacks the office's address."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.office.profile import contact_line, office_heading
from dashboard.paths import OFFICE_PROFILE_PATH


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
