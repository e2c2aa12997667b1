"""IDs of *Penjualan PNBP* (/penjualan): the visits waiting for payment, the sale form (a visit's
purchase or a walk-in buyer), the receipt just issued, and today's sales with their voids.

Constants are element ids; the ``*_TYPE`` constants are the ``type`` of pattern-matching dict
ids: ``{"type": WAITING_RECORD_TYPE, "index": visit_id}``, ``{"type": LINE_QUANTITY_TYPE,
"index": line_key}`` and ``{"type": PUBLICATION_ADD_TYPE, "index": "<publication id>:<item
kind>"}``.
"""

from __future__ import annotations

from dashboard.pnbp.dialog_ids import DialogIds
from dashboard.ui.field_ids import dict_id, feedback_ids

PAGE = "sales-page"

# -- page state (dcc.Store / dcc.Interval) ---------------------------------------------------
VERSION = "sales-version"
"""Bumped by every write (sale, void) so that the lists are read again."""
REFRESH = "sales-refresh"
"""Polls the visits waiting for payment (an officer may send one any moment)."""
PRESET_VISIT = "sales-preset-visit"
"""The visit of the address ``/penjualan?kunjungan=<id>`` (the link on the service page and
the in-progress board): its sale form opens on arrival."""
OPEN_REQUEST = "sales-open-request"
"""A store the browser sets when a "Catat pembayaran" button is clicked."""
SALE_VISIT = "sales-sale-visit"
"""The visit the open form pays for, or None for a walk-in buyer."""
TARIFFS = "sales-tariffs"
"""The tariffs in force today, read when the form opens: ``{tariff id: {...}}``."""
LINES = "sales-lines"
"""The lines of the open form: what does not change once added (kind, publication, key)."""
NEXT_LINE_KEY = "sales-next-line-key"
FOCUS = "sales-focus"
"""Which field the browser puts the cursor in after the form opens."""

# -- header ----------------------------------------------------------------------------------
DAY = "sales-day"
READ_ONLY_NOTE = "sales-read-only-note"
MESSAGE = "sales-message"

# -- visits waiting for payment --------------------------------------------------------------
WAITING_CARD = "sales-waiting-card"
WAITING_COUNT = "sales-waiting-count"
WAITING_LIST = "sales-waiting-list"
WAITING_EMPTY = "sales-waiting-empty"
WAITING_ROW_TYPE = "sales-waiting-row"
WAITING_RECORD_TYPE = "sales-waiting-record"
"""'Catat pembayaran' of one waiting visit (index = visit id)."""
WALK_IN = "sales-walk-in"
"""'Pembeli langsung': a sale without a visit."""

# -- the sale form ---------------------------------------------------------------------------
FORM_CARD = "sales-form-card"
FORM_TITLE = "sales-form-title"
FORM_PLACEHOLDER = "sales-form-placeholder"
FORM = "sales-form"
FORM_VISIT = "sales-form-visit"
"""The visit the sale pays for (code and since when it waits), or 'Pembeli langsung'."""
FORM_ALERT = "sales-form-alert"
PAYER_NAME = "sales-payer-name"
PAYER_INSTITUTION = "sales-payer-institution"
# lines: adding a publication (catalog search) or a tariff of another kind
PUBLICATION_SEARCH = "sales-publication-search"
PUBLICATION_RESULTS = "sales-publication-results"
PUBLICATION_MESSAGE = "sales-publication-message"
PUBLICATION_HIT_TYPE = "sales-publication-hit"
PUBLICATION_ADD_TYPE = "sales-publication-add"
OTHER_TARIFF = "sales-other-tariff"
OTHER_ADD = "sales-other-add"
# the lines themselves (index = line key)
LINES_TABLE = "sales-lines-table"
LINES_EMPTY = "sales-lines-empty"
LINE_ROW_TYPE = "sales-line-row"
LINE_DESCRIPTION_TYPE = "sales-line-description"
LINE_TARIFF_TYPE = "sales-line-tariff"
LINE_QUANTITY_TYPE = "sales-line-quantity"
LINE_UNIT_PRICE_TYPE = "sales-line-unit-price"
LINE_AMOUNT_TYPE = "sales-line-amount"
LINE_REMOVE_TYPE = "sales-line-remove"
LINE_FEEDBACK_TYPE = "sales-line-feedback"
LINES_FEEDBACK = "sales-lines-feedback"
TOTAL = "sales-total"
TOTAL_WORDS = "sales-total-words"
# payment
PAYMENT_METHOD = "sales-payment-method"
PAYMENT_REFERENCE_ROW = "sales-payment-reference-row"
PAYMENT_REFERENCE_LABEL = "sales-payment-reference-label"
PAYMENT_REFERENCE = "sales-payment-reference"
# zero-rupiah service (tarif nol rupiah)
ZERO_RUPIAH = "sales-zero-rupiah"
ZERO_RUPIAH_FIELDS = "sales-zero-rupiah-fields"
ZERO_REASON = "sales-zero-reason"
ZERO_LETTER = "sales-zero-letter"
SUBMIT = "sales-submit"
CANCEL = "sales-cancel"

FIELD_IDS: dict[str, str] = {
    "payer_name": PAYER_NAME,
    "payer_institution": PAYER_INSTITUTION,
    "payment_method": PAYMENT_METHOD,
    "payment_reference": PAYMENT_REFERENCE,
    "zero_rupiah_reason": ZERO_REASON,
    "zero_rupiah_letter": ZERO_LETTER,
}
"""The form's fields by the key the sale service names them with in its messages."""
FEEDBACK_IDS: dict[str, str] = feedback_ids(FIELD_IDS)
INVALID_FIELDS: tuple[str, ...] = (
    "payer_name",
    "payer_institution",
    "payment_reference",
    "zero_rupiah_reason",
    "zero_rupiah_letter",
)
"""Fields with an ``invalid`` state (the payment method is a radio group: message only)."""
SUBMIT_FIELDS: tuple[str, ...] = (
    "payer_name",
    "payer_institution",
    "payment_reference",
    "zero_rupiah_letter",
)
"""Enter in these submits the sale."""

# -- the receipt just issued -----------------------------------------------------------------
RESULT = "sales-result"
RESULT_NUMBER = "sales-result-number"
RESULT_TOTAL = "sales-result-total"
RESULT_PRINT = "sales-result-print"
RESULT_SALE = "sales-result-sale"
"""Store: the id of the sale just recorded (what 'Cetak kuitansi' prints)."""
RECEIPT_DOWNLOAD = "sales-receipt-download"
"""The printed receipt's PDF (from the result's button or a click in today's sales)."""
RESULT_NEW = "sales-result-new"

# -- today's sales ---------------------------------------------------------------------------
TODAY_SUMMARY = "sales-today-summary"
TODAY_GRID = "sales-today-grid"
VOID_OPEN = "sales-void-open"
VOID_MODAL = "sales-void-modal"
VOID_SALE = "sales-void-sale"
"""A store: the id of the sale the void dialog is about."""
VOID_SALE_TEXT = "sales-void-sale-text"
VOID_REASON = "sales-void-reason"
VOID_REASON_FEEDBACK = "sales-void-reason-feedback"
VOID_ALERT = "sales-void-alert"
VOID_SUBMIT = "sales-void-submit"
VOID_CANCEL = "sales-void-cancel"
VOID_DIALOG = DialogIds(
    open=VOID_OPEN,
    modal=VOID_MODAL,
    target=VOID_SALE,
    text=VOID_SALE_TEXT,
    field=VOID_REASON,
    feedback=VOID_REASON_FEEDBACK,
    alert=VOID_ALERT,
    cancel=VOID_CANCEL,
    submit=VOID_SUBMIT,
    notice=MESSAGE,
    version=VERSION,
)


def line_id(kind: str, key: int) -> dict[str, str | int]:
    """The dict id of one line's element, e.g. ``line_id(LINE_QUANTITY_TYPE, 3)``."""
    return dict_id(kind, key)


OFFICE_NOTICE = "sales-office-notice"
"""Where the page says, to those who print receipts, that the office has no address yet."""
