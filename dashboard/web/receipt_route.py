"""``/kuitansi/<sale_id>.pdf``: the receipt (kuitansi) of a sale as a PDF, for the treasurer,
the head and the administrator. Officers see a sale's status on the pages, never its PDF.

Every download counts as a print (``dashboard.pnbp.sales.print_receipt``): the first is the
original, every later one is printed SALINAN. The count and the PDF are made in one
transaction, so a PDF that fails to build does not use up the original.
"""

from __future__ import annotations

from flask import Flask, Response, abort

from dashboard.paths import RECEIPT_ROUTE
from dashboard.pnbp.receipt_pdf import receipt_filename, receipt_pdf
from dashboard.pnbp.sales import print_receipt
from dashboard.roles import RECEIPT_READERS
from dashboard.web.context import app_state, require_role

PDF_MEDIA_TYPE = "application/pdf"


def _receipt(sale_id: int) -> Response:
    actor = require_role(RECEIPT_READERS)
    with app_state().database.transaction() as session:
        printed = print_receipt(session, actor, sale_id)
        if printed is None:
            abort(404)
        content = receipt_pdf(printed.view, copy=printed.copy)
    response = Response(content, mimetype=PDF_MEDIA_TYPE)
    # Shown in the browser's PDF viewer (to print or save) under a meaningful file name.
    filename = receipt_filename(printed.view.receipt_number, copy=printed.copy)
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    # Every download is a print: never serve one from a cache.
    response.headers["Cache-Control"] = "no-store"
    return response


def install_receipt_route(server: Flask) -> None:
    """Add the route; the login guard (``dashboard.web.auth``) already closes it to anonymous
    users, and the route itself refuses roles that may not print (403)."""
    server.add_url_rule(RECEIPT_ROUTE, "receipt_pdf", _receipt)
