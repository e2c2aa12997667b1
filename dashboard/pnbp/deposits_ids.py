"""IDs of *Setoran* (/setoran): the PNBP not yet deposited to the state treasury, its age, the
sales to cover with a deposit (grid rows with checkboxes), the deposit form and past deposits.
"""

from __future__ import annotations

from dashboard.ui.field_ids import feedback_ids

PAGE = "deposits-page"
VERSION = "deposits-version"
"""Bumped by a recorded deposit so that the balance and the lists are read again."""

READ_ONLY_NOTE = "deposits-read-only-note"
MESSAGE = "deposits-message"

# -- the undeposited balance -----------------------------------------------------------------
BALANCE_CARD = "deposits-balance-card"
BALANCE_TOTAL = "deposits-balance-total"
BALANCE_COUNT = "deposits-balance-count"
BALANCE_AGE = "deposits-balance-age"
"""The age in days of the oldest undeposited sale (coloured: amber over 1 day, red over 7)."""
BALANCE_AGE_HELP = "deposits-balance-age-help"
BALANCE_OLDEST = "deposits-balance-oldest"

# -- undeposited sales (rows selectable with checkboxes) --------------------------------------
UNDEPOSITED_GRID = "deposits-undeposited-grid"
SELECT_ALL = "deposits-select-all"
SELECTED_SUMMARY = "deposits-selected-summary"

# -- the deposit form ------------------------------------------------------------------------
FORM = "deposits-form"
DEPOSITED_ON = "deposits-deposited-on"
BILLING_CODE = "deposits-billing-code"
NTPN = "deposits-ntpn"
AMOUNT = "deposits-amount"
NOTE = "deposits-note"
SUBMIT = "deposits-submit"
FORM_ALERT = "deposits-form-alert"

FIELD_IDS: dict[str, str] = {
    "deposited_on": DEPOSITED_ON,
    "billing_code": BILLING_CODE,
    "ntpn": NTPN,
    "amount": AMOUNT,
    "note": NOTE,
}
"""The form's fields by the key the deposit service names them with in its messages."""
FEEDBACK_IDS: dict[str, str] = feedback_ids(FIELD_IDS)

# -- past deposits ---------------------------------------------------------------------------
HISTORY_GRID = "deposits-history-grid"
