"""IDs of the Layanan page (/layanan/<visit_id>): one visit served step by step (SOP 4-10).

Constants are element ids; the ``*_TYPE`` constants are the ``type`` of pattern-matching dict
ids, e.g. ``{"type": REQUEST_AVAILABLE_TYPE, "index": request_id}``.
"""

# -- page state (dcc.Store / dcc.Interval) ---------------------------------------------------
VISIT_ID = "service-visit-id"
VERSION = "service-version"
SIGNATURE = "service-signature"
STEP_TIMES = "service-step-times"
FOCUS = "service-focus"
REFRESH = "service-refresh"

# -- frame -----------------------------------------------------------------------------------
NOT_FOUND = "service-not-found"
CONTENT = "service-content"
BACK_LINK = "service-back-link"

# -- header ----------------------------------------------------------------------------------
HEADER = "service-header"
CODE = "service-code"
VISITOR_NAME = "service-visitor-name"
INSTITUTION = "service-institution"
ARRIVED_AT = "service-arrived-at"
RACK_SLOT = "service-rack-slot"
READING_TABLE_SHOWN = "service-reading-table-shown"
SERVICE_TYPE_SHOWN = "service-service-type-shown"
STATUS = "service-status"
OUTSIDE_HOURS = "service-outside-hours"

# -- the SOP step panel ----------------------------------------------------------------------
PANEL_CARD = "service-panel-card"
PANEL_TITLE = "service-panel-title"
ALERT = "service-alert"
PANEL = "service-panel"
PANEL_STEP = "service-panel-step"
READ_ONLY_NOTE = "service-read-only-note"

# waiting steps (4, 9, 10)
WAITING_SINCE = "service-waiting-since"
START_STEP = "service-start-step"

# step 4: purpose of the visit
SERVICE_TYPE = "service-service-type"
SERVICE_TYPE_FEEDBACK = "service-service-type-feedback"
REQUESTS = "service-requests"
REQUESTS_FEEDBACK = "service-requests-feedback"
PURPOSE_SUBMIT = "service-purpose-submit"

# step 6: searching
SEARCH_REQUESTS = "service-search-requests"
SEARCH_NOTE = "service-search-note"
SEARCH_NOTE_FEEDBACK = "service-search-note-feedback"
SEARCH_SUBMIT = "service-search-submit"
# step 6: the catalog search box, its filters and results
SEARCH_QUERY = "service-search-query"
SEARCH_YEAR = "service-search-year"
SEARCH_SUBJECT = "service-search-subject"
SEARCH_FORMAT = "service-search-format"
SEARCH_TARGET = "service-search-target"
SEARCH_MESSAGE = "service-search-message"
SEARCH_RESULTS = "service-search-results"
# one row per hit (index = publication id); locate rows by the dict id's "type", since a
# substring match on "service-search-result" also finds the SEARCH_RESULTS container
SEARCH_RESULT_TYPE = "service-search-result"
SEARCH_PICK_TYPE = "service-search-pick"
# the publications picked for each request (index = request id) and their remove buttons
# (index = "<request id>-<publication id>")
SEARCH_PICKED_TYPE = "service-search-picked"
SEARCH_UNPICK_TYPE = "service-search-unpick"

# step 7: availability, one row per data request (dict ids, index = request id)
REQUEST_ROW_TYPE = "service-request-row"
REQUEST_AVAILABLE_TYPE = "service-request-available"
REQUEST_AGENCY_ROW_TYPE = "service-request-agency-row"
REQUEST_AGENCY_TYPE = "service-request-agency"
REQUEST_NOTE_TYPE = "service-request-note"
REQUEST_FEEDBACK_TYPE = "service-request-feedback"
# a request found at step 6: its publications (index = request id)
REQUEST_FOUND_TYPE = "service-request-found"
# suggested agencies of a request: dict ids {"type": ..., "index": request id, "agency": id}
REQUEST_SUGGESTIONS_TYPE = "service-request-suggestions"
REQUEST_AGENCY_PICK_TYPE = "service-request-agency-pick"
AGENCY_LIST = "service-agency-list"
SEARCH_NOTE_SHOWN = "service-search-note-shown"
AVAILABILITY_SUBMIT = "service-availability-submit"

# step 8: reading table
READING_TABLE = "service-reading-table"
READING_TABLE_FEEDBACK = "service-reading-table-feedback"
READING_TABLE_TAKEN = "service-reading-table-taken"
READING_TABLE_SUBMIT = "service-reading-table-submit"

# step 9: purchase offer
PURCHASE_YES = "service-purchase-yes"
PURCHASE_NO = "service-purchase-no"
PURCHASE_FEEDBACK = "service-purchase-feedback"
# step 9 answered "yes": waiting for the treasurer's receipt
PAYMENT_WAITING = "service-payment-waiting"
PAYMENT_STATUS = "service-payment-status"
PAYMENT_LINK = "service-payment-link"
"""'Catat pembayaran' (the treasurer's sales page on this visit), for the treasurer."""
PURCHASE_CANCEL = "service-purchase-cancel"
"""'Batal membeli' (a confirm dialog around its button): the visitor changed their mind;
step 9 ends as "declines"."""
PURCHASE_CANCEL_BUTTON = "service-purchase-cancel-button"

# step 10: bag return
TAG_CODE = "service-tag-code"
TAG_CODE_FEEDBACK = "service-tag-code-feedback"
BAG_SUBMIT = "service-bag-submit"

# the requests and their decisions, shown from step 8 on
REQUEST_SUMMARY = "service-request-summary"
SLIP_LINK = "service-slip-link"
# the receipts of the visit's purchase, shown once the treasurer recorded it
SALE_SUMMARY = "service-sale-summary"
RECEIPT_NUMBER_TYPE = "service-receipt-number"
"""One receipt number (dict id, index = sale id)."""
RECEIPT_STATUS_TYPE = "service-receipt-status"

# closed or not yet here
DONE = "service-done"
REFUSED = "service-refused"
ARRIVAL_PENDING = "service-arrival-pending"

# -- Riwayat langkah (step history) ----------------------------------------------------------
HISTORY = "service-history"
HISTORY_TABLE = "service-history-table"
HISTORY_ROW_TYPE = "service-history-row"
HISTORY_STARTED_TYPE = "service-history-started"
HISTORY_ENDED_TYPE = "service-history-ended"
HISTORY_MET_TYPE = "service-history-met"

# -- Koreksi waktu (time correction) ---------------------------------------------------------
CORRECTION_CARD = "service-correction-card"
CORRECTION_FORM = "service-correction-form"
CORRECTION_STEP = "service-correction-step"
CORRECTION_STEP_FEEDBACK = "service-correction-step-feedback"
CORRECTION_FIELD = "service-correction-field"
CORRECTION_FIELD_FEEDBACK = "service-correction-field-feedback"
CORRECTION_CURRENT = "service-correction-current"
CORRECTION_TIME = "service-correction-time"
CORRECTION_TIME_FEEDBACK = "service-correction-time-feedback"
CORRECTION_REASON = "service-correction-reason"
CORRECTION_REASON_FEEDBACK = "service-correction-reason-feedback"
CORRECTION_SUBMIT = "service-correction-submit"
CORRECTION_ALERT = "service-correction-alert"
CORRECTIONS = "service-corrections"
CORRECTIONS_TABLE = "service-corrections-table"
