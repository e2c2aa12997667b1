"""The office heading (*kop*) as a receipt prints it, shown beside the profile form."""

from __future__ import annotations

from dash import html

from dashboard.office_profile import contact_line
from dashboard.receipt_pdf import office_heading


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
