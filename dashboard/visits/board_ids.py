"""IDs of the *Layanan berjalan* page (visits in progress).

Per-visit elements use dict IDs ``{"type": <TYPE>, "index": visit_id}``; the browser renders
them as the JSON text with sorted keys, e.g. ``{"index":7,"type":"in-progress-start"}``.
"""

from __future__ import annotations

from dashboard.ui.field_ids import dict_id

PAGE = "in-progress-page"
INTERVAL = "in-progress-interval"
RELOAD = "in-progress-reload"
"""A store the start action writes to redraw the board at once after a refused start."""
START_REQUEST = "in-progress-start-request"
"""A store: the visit and step of the "Mulai" button just clicked (set in the browser)."""
REDIRECT = "in-progress-redirect"
"""The location the start action sets to open the visit's service page."""

DAY = "in-progress-day"
INSIDE_COUNT = "in-progress-inside-count"
WAITING_COUNT = "in-progress-waiting-count"
UPDATED = "in-progress-updated"
MESSAGE = "in-progress-message"

BOARD = "in-progress-board"
"""The container the refresh callback fills with the table or the empty notice."""
TABLE = "in-progress-table"
EMPTY = "in-progress-empty"

# Types of the per-visit dict IDs.
ROW = "in-progress-row"
CODE = "in-progress-code"
VISITOR = "in-progress-visitor"
ARRIVED = "in-progress-arrived"
OUTSIDE_HOURS = "in-progress-outside-hours"
STEP = "in-progress-step"
TIMER = "in-progress-timer"
RACK_SLOT = "in-progress-rack-slot"
READING_TABLE = "in-progress-reading-table"
START = "in-progress-start"
ARRIVAL_LINK = "in-progress-arrival-link"
SERVICE_LINK = "in-progress-service-link"
AWAITING_PAYMENT = "in-progress-awaiting-payment"
"""'Menunggu pembayaran' under the step of a visit whose visitor is with the treasurer."""
PAYMENT_LINK = "in-progress-payment-link"
"""The treasurer's 'Catat pembayaran' on such a visit (opens the sale form on it)."""


of_visit = dict_id
"""The dict ID of one visit's element, e.g. ``of_visit(START, 7)``."""
