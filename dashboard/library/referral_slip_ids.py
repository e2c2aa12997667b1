"""IDs of the referral slip (*surat rujukan*, /rujukan/<visit_id>): a printable page listing
where a visitor is referred for the data BPS does not hold.

Repeated things use dict ids ``{"type": ITEM_TYPE, "index": request_id}``.
"""

PAGE = "referral-slip-page"
VISIT_ID = "referral-slip-visit-id"
TOOLBAR = "referral-slip-toolbar"
PRINT = "referral-slip-print"
PRINTED = "referral-slip-printed"
BACK_LINK = "referral-slip-back-link"
BODY = "referral-slip-body"
NOT_FOUND = "referral-slip-not-found"
EMPTY = "referral-slip-empty"

# the slip itself
SHEET = "referral-slip-sheet"
OFFICE = "referral-slip-office"
CONTACT = "referral-slip-contact"
TITLE = "referral-slip-title"
CODE = "referral-slip-code"
VISITOR = "referral-slip-visitor"
DATE = "referral-slip-date"
OFFICER = "referral-slip-officer"

# one referred request (index = request id)
ITEM_TYPE = "referral-slip-item"
AGENCY_TYPE = "referral-slip-agency"
ADDRESS_TYPE = "referral-slip-address"
PHONE_TYPE = "referral-slip-phone"
REQUEST_TYPE = "referral-slip-request"
EMAIL_TYPE = "referral-slip-email"
NOTE_TYPE = "referral-slip-note"
