"""The referral slip (*surat rujukan*): for a visitor referred at SOP step 7, where to go
for each piece of data BPS does not hold, and what to ask for there.

No Dash here; the printable sheet is built in ``dashboard.library.referral_slip_layout``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.i18n import LOCALE, format_long_day
from dashboard.office.profile import contact_line
from db.queries.library_desk import SlipReferral, SlipVisit, slip_referrals, slip_visit

NOT_RECORDED = "belum tercatat di direktori dinas"


@dataclass(frozen=True)
class SlipLine:
    """One referral as the slip prints it."""

    request_id: int
    number: int
    agency: str
    address: str
    phone: str
    email: str | None
    ask_for: str
    note: str | None


@dataclass(frozen=True)
class ReferralSlip:
    """Everything the slip prints."""

    visit_id: int
    office_name: str
    office_contact: str
    """Under the office name: address (or city), telephone, e-mail."""
    code: str
    date_text: str
    """The visit day, 'Kamis, 26 November 2026'."""
    place_and_date: str
    """Above the signature: 'Muara Enim, 26 November 2026'."""
    visitor_name: str
    institution: str | None
    officer_name: str | None
    officer_nip: str | None
    lines: tuple[SlipLine, ...]


def long_date(day: date) -> str:
    """26 November 2026"""
    return format_date(day, format="d MMMM y", locale=LOCALE)


def build_slip(visit: SlipVisit, referrals: Sequence[SlipReferral]) -> ReferralSlip:
    """The slip of a visit from what the database holds about it and its referrals."""
    lines = tuple(
        SlipLine(
            request_id=referral.request_id,
            number=number,
            agency=referral.agency_name,
            address=referral.address or NOT_RECORDED,
            phone=referral.phone or NOT_RECORDED,
            email=referral.email,
            ask_for=referral.description,
            note=referral.note,
        )
        for number, referral in enumerate(referrals, start=1)
    )
    return ReferralSlip(
        visit_id=visit.visit_id,
        office_name=visit.office_name,
        office_contact=contact_line(
            visit.office_city, visit.office_address, visit.office_phone, visit.office_email
        ),
        code=visit.code,
        date_text=format_long_day(visit.visit_date),
        place_and_date=f"{visit.office_city}, {long_date(visit.visit_date)}",
        visitor_name=visit.visitor_name or "—",
        institution=visit.institution,
        officer_name=visit.officer_name,
        officer_nip=visit.officer_nip,
        lines=lines,
    )


def load_slip(session: Session, office_id: int, visit_id: int) -> ReferralSlip | None:
    """The slip of one visit of this office; None when the office has no such visit (a
    visit with no referral gives a slip with no lines)."""
    visit = slip_visit(session, office_id, visit_id, sop.AVAILABILITY)
    if visit is None:
        return None
    return build_slip(visit, slip_referrals(session, visit_id))
