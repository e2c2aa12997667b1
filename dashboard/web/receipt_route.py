"""``/kuitansi/<sale_id>.pdf``: the receipt (kuitansi) of a sale as a PDF, for the treasurer,
the head and the administrator. Officers see a sale's status on the pages, never its PDF.

Every download counts as a print (``mark_printed``): the first is the original, every later
one is printed SALINAN. The count and the PDF are made in one transaction, so a PDF that
fails to build does not use up the original.
"""

from __future__ import annotations

from flask import Flask, Response, abort

from dashboard.errors import InputError
from dashboard.paths import RECEIPT_ROUTE
from dashboard.pnbp.receipt_pdf import receipt_filename, receipt_pdf, receipt_view
from dashboard.pnbp.sales import mark_printed
from dashboard.roles import RECEIPT_READERS
from dashboard.web.context import app_state, require_role
from db.models import StaffUser
from db.queries import offices
from db.queries.sales import sale_with_items, tariffs_by_id

PDF_MEDIA_TYPE = "application/pdf"


def _receipt(sale_id: int) -> Response:
    actor = require_role(RECEIPT_READERS)
    with app_state().database.transaction() as session:
        sale = sale_with_items(session, actor.office_id, sale_id)
        if sale is None:
            abort(404)
        try:
            prints = mark_printed(session, actor, sale.id)
        except InputError:
            abort(404)
        treasurer = session.get(StaffUser, sale.treasurer_id)
        if treasurer is None:
            abort(404)
        units = {
            tariff_id: tariff.unit
            for tariff_id, tariff in tariffs_by_id(
                session, actor.office_id, {item.tariff_id for item in sale.items}
            ).items()
        }
        view = receipt_view(sale, treasurer, offices.office(session, actor.office_id), units=units)
        copy = prints > 1
        content = receipt_pdf(view, copy=copy)
    response = Response(content, mimetype=PDF_MEDIA_TYPE)
    # Shown in the browser's PDF viewer (to print or save) under a meaningful file name.
    response.headers["Content-Disposition"] = (
        f'inline; filename="{receipt_filename(view.receipt_number, copy=copy)}"'
    )
    # Every download is a print: never serve one from a cache.
    response.headers["Cache-Control"] = "no-store"
    return response


def install_receipt_route(server: Flask) -> None:
    """Add the route; the login guard (``dashboard.web.auth``) already closes it to anonymous
    users, and the route itself refuses roles that may not print (403)."""
    server.add_url_rule(RECEIPT_ROUTE, "receipt_pdf", _receipt)
