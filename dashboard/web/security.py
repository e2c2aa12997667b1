"""The security headers of every response and the size limit of every request, set in one
place.

**Headers.** A Content-Security-Policy that Dash runs under: scripts only from this server
(every asset is local, no CDN) plus Dash's own inline scripts, allowed by their hashes
(``Dash.csp_hashes``: the renderer's start and the clientside callbacks). Two allowances
are Dash's components' needs, not ours: ``'unsafe-eval'`` for the grid's
``{"function": ...}`` expressions (dash-ag-grid compiles them with ``new Function``), and
inline styles (AG Grid and Plotly insert ``<style>`` elements). Pages may not be framed by
another site (``frame-ancestors 'none'``, ``X-Frame-Options: DENY``), except the wall
screen, which a kiosk page of this server may frame. ``nosniff``, a same-origin referrer,
and no server version: the development server names none (``QuietRequestHandler``),
gunicorn names itself without a version.

**Sizes.** A request body over the limit is answered 413 before anything reads it, signed
in or not: ``PST_MAX_REQUEST_KB`` for every request, larger only for Dash's callbacks, which
carry an uploaded import file inside their JSON, base64-encoded (a third larger).
"""

from __future__ import annotations

import math

from dash import Dash
from flask import Flask, Response, abort, request
from werkzeug.serving import WSGIRequestHandler

from dashboard.imports.guest_book_import_layout import MAX_UPLOAD_BYTES
from dashboard.library.catalog_admin_layout import MAX_IMPORT_BYTES
from dashboard.paths import KIOSK_SIGN_IN_PREFIX, MONITOR_PATH

CALLBACK_PATH = "/_dash-update-component"
LARGEST_UPLOAD_BYTES = max(MAX_UPLOAD_BYTES, MAX_IMPORT_BYTES)
"""The largest file an import page accepts (its ``dcc.Upload`` refuses bigger ones)."""
CALLBACK_OVERHEAD_BYTES = 1024 * 1024
"""The rest of a callback's JSON beside the file: its ids, the other inputs and states."""
SERVER_NAME = "PST"


def upload_callback_bytes() -> int:
    """The largest callback request: the largest upload in base64, and the JSON around it."""
    return 4 * math.ceil(LARGEST_UPLOAD_BYTES / 3) + CALLBACK_OVERHEAD_BYTES


def content_security_policy(script_hashes: list[str], *, framed_by_self: bool) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", "'unsafe-eval'", *script_hashes]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "worker-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'self'" if framed_by_self else "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _may_be_framed() -> bool:
    """The wall screen (and its kiosk sign-in) may be framed by this server's own pages."""
    return request.path == MONITOR_PATH or request.path.startswith(KIOSK_SIGN_IN_PREFIX)


def install_security(app: Dash, max_request_bytes: int) -> None:
    """The size limit before every other check, and the headers on every response."""
    server: Flask = app.server
    callback_limit = max(max_request_bytes, upload_callback_bytes())

    def limit_size() -> None:
        limit = callback_limit if request.path == CALLBACK_PATH else max_request_bytes
        request.max_content_length = limit  # also bounds a body sent without a length
        if request.content_length is not None and request.content_length > limit:
            abort(413)

    def add_headers(response: Response) -> Response:
        """Each header unless the route set a stricter one itself (the kiosk sign-in sends
        no referrer at all: its address holds the token)."""
        framed = _may_be_framed()
        headers = response.headers
        if response.mimetype == "text/html":
            # Hashed per page (a page load is rare: Dash moves between pages in the browser),
            # since Dash adds inline scripts of its own on its first request (the pages'
            # router).
            policy = content_security_policy(list(app.csp_hashes()), framed_by_self=framed)
            headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Frame-Options", "SAMEORIGIN" if framed else "DENY")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        return response

    server.config["MAX_CONTENT_LENGTH"] = max_request_bytes
    # First of all the checks, the login guard included: nothing reads an oversized body.
    server.before_request_funcs.setdefault(None, []).insert(0, limit_size)
    server.after_request(add_headers)


class QuietRequestHandler(WSGIRequestHandler):
    """The development server's handler (``python app.py``), naming no versions of
    Werkzeug or Python in its ``Server`` header."""

    def version_string(self) -> str:
        return SERVER_NAME
