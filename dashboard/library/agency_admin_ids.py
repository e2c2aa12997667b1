"""IDs of the *Direktori dinas* page (/admin/dinas): the grid of agencies a visitor may be
referred to, and the form that adds and edits one.

Each form field has ``FIELD_IDS[name]`` (its input) and ``FEEDBACK_IDS[name]`` (the message
beside it), keyed by the field names of ``dashboard.library.agencies.AgencyInput``, which are
also the keys of the messages the agency services raise.
"""

from __future__ import annotations

import sys

from dashboard.ui.admin_form_ids import admin_form_ids
from dashboard.ui.field_ids import feedback_ids

PAGE = "agency-admin-page"

# -- page state ------------------------------------------------------------------------------
VERSION = "agency-admin-version"
"""A store the write actions bump so that the grid and the counts are read again."""
EDITING = "agency-admin-editing"
"""A store: ``{"id": agency_id, "active": bool}`` of the agency in the form, or
``{"id": None}`` for a new one."""

# -- header, banner, toolbar -----------------------------------------------------------------
COUNTS = "agency-admin-counts"
SAMPLE_BANNER = "agency-admin-sample-banner"
SAMPLE_NOTICE = "agency-admin-sample-notice"
"""The notice inside the banner, shown while active sample agencies remain."""
SAMPLE_DEACTIVATE = "agency-admin-sample-deactivate"
"""Confirm-then-deactivate every active sample agency (a confirm dialog around its button)."""
SAMPLE_DEACTIVATE_BUTTON = "agency-admin-sample-deactivate-button"
READ_ONLY_NOTE = "agency-admin-read-only-note"
MESSAGE = "agency-admin-message"
QUICK_FILTER = "agency-admin-quick-filter"
STATUS_FILTER = "agency-admin-status-filter"
ADD = "agency-admin-add"
GRID = "agency-admin-grid"

# -- the form (a modal) ----------------------------------------------------------------------
FORM_MODAL = "agency-admin-form-modal"
FORM_TITLE = "agency-admin-form-title"
FORM_STATUS = "agency-admin-form-status"
FORM_ALERT = "agency-admin-form-alert"
SAVE = "agency-admin-save"
CANCEL = "agency-admin-cancel"
TOGGLE_ACTIVE = "agency-admin-toggle-active"
"""Deactivates an active agency, or activates an inactive one (the label says which)."""

NAME = "agency-admin-name"
TOPICS = "agency-admin-topics"
ADDRESS = "agency-admin-address"
PHONE = "agency-admin-phone"
EMAIL = "agency-admin-email"
WEBSITE = "agency-admin-website"
NOTES = "agency-admin-notes"

FIELD_IDS: dict[str, str] = {
    "name": NAME,
    "topics": TOPICS,
    "address": ADDRESS,
    "phone": PHONE,
    "email": EMAIL,
    "website": WEBSITE,
    "notes": NOTES,
}
FEEDBACK_IDS: dict[str, str] = feedback_ids(FIELD_IDS)

FORM_IDS = admin_form_ids(
    sys.modules[__name__],
    toggle=TOGGLE_ACTIVE,
    sample_action=SAMPLE_DEACTIVATE,
    sample_button=SAMPLE_DEACTIVATE_BUTTON,
)
"""The ids above under the names the shared admin-list layout and callbacks use."""
