"""``GET /kuitansi/<sale_id>.pdf``: the receipt (kuitansi) of a sale as a PDF to look at, for
the treasurer, the head and the administrator. Officers see a sale's status on the pages,
never its PDF.

Looking changes nothing: no print is counted and nothing is audited, so a head merely
looking, or a browser fetching the link ahead, never uses up the original. The receipt shows
PRATINJAU until its original is printed, SALINAN after. Printing is the treasurer's explicit
action on *Penjualan PNBP* (a callback, ``dashboard.pnbp.sales.print_receipt``): the first
print is the original, every later one SALINAN, each counted and audited.
"""

from __future__ import annotations

from flask import Flask, Response, abort

from dashboard.paths import RECEIPT_ROUTE
from dashboard.pnbp.sales_view import looked_at_receipt_file
from dashboard.roles import RECEIPT_READERS
from dashboard.web.context import app_state, require_role

PDF_MEDIA_TYPE = "application/pdf"


def _receipt(sale_id: int) -> Response:
    actor = require_role(RECEIPT_READERS)
    with app_state().database.reading() as session:
        receipt = looked_at_receipt_file(session, actor, sale_id)
    if receipt is None:
        abort(404)
    response = Response(receipt.content, mimetype=PDF_MEDIA_TYPE)
    # Shown in the browser's PDF viewer (to read or save) under a meaningful file name.
    response.headers["Content-Disposition"] = f'inline; filename="{receipt.filename}"'
    # The mark changes once the original is printed: never serve one from a cache.
    response.headers["Cache-Control"] = "no-store"
    return response


def install_receipt_route(server: Flask) -> None:
    """Add the route (GET and HEAD only); the login guard (``dashboard.web.auth``) already
    closes it to anonymous users, and the route itself refuses other roles (403)."""
    server.add_url_rule(RECEIPT_ROUTE, "receipt_pdf", _receipt, methods=["GET"])
