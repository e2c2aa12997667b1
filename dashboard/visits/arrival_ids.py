"""IDs of the *Kedatangan* page (arrival: SOP steps 1-3 at the door).

The page keeps one visit on a wizard; only the card of its current stage is in the page
(start, 1 screening, 2 bag rack, 3 guest book), so the IDs of the other stages' fields are
absent until their stage comes. Per-visit elements of the list of visits still at the door
use dict IDs ``{"type": <TYPE>, "index": visit_id}`` (see ``of_visit``); stepper items use
``{"type": STEPPER_STEP, "index": step_number}``.
"""

from __future__ import annotations

from dashboard.ui.field_ids import dict_id

PAGE = "arrival-page"

# -- state kept in the browser ---------------------------------------------------------------
CLIENT_KEY = "arrival-client-key"
"""Session store: the key of the next "Pengunjung baru" click (a repeated click with the same
key returns the same visit). Renewed when a visit is refused, registered or set aside."""
VISIT = "arrival-visit"
"""Session store ``{"visit_id": int | None, "revision": int}``: the visit on the wizard, kept
over a page reload."""
REQUESTED_VISIT = "arrival-requested-visit"
"""Store holding the ``?kunjungan=<id>`` of the address: open that visit on the wizard."""
RETURNING_MATCH = "arrival-returning-match"
"""Store: the returning visitor last filled into the guest book form, and what was filled."""
PENDING_INTERVAL = "arrival-pending-interval"

# -- the frame -------------------------------------------------------------------------------
STEPPER = "arrival-stepper"
STEPPER_STEP = "arrival-stepper-step"
"""Type of the stepper items' dict IDs; the item's class holds its state (``is-current``,
``is-done``, ``is-todo``, ``is-refused``)."""
VISIT_BANNER = "arrival-visit-banner"
VISIT_CODE = "arrival-visit-code"
"""The visit code (the bag tag, e.g. ``A-017``) of the visit on the wizard."""
OUTSIDE_HOURS_FLAG = "arrival-outside-hours-flag"
ARRIVED_AT = "arrival-arrived-at"
RELOAD_VISIT = "arrival-reload-visit"
"""Redraw the wizard from the database (after another officer moved the visit on)."""
SET_ASIDE = "arrival-set-aside"
"""Leave the visit at its step (it stays in the list) and free the wizard for another."""
STAGE = "arrival-stage"
"""The container of the current stage's card."""

# -- start (no visit on the wizard) ----------------------------------------------------------
START_CARD = "arrival-start-card"
NEW_VISIT = "arrival-new-visit"
START_ALERT = "arrival-start-alert"
READ_ONLY_NOTE = "arrival-read-only-note"
RESULT = "arrival-result"
"""What became of the last visit: refused at screening, or registered."""
RESULT_CODE = "arrival-result-code"
RESULT_TEXT = "arrival-result-text"
RESULT_SERVICE_LINK = "arrival-result-service-link"

# -- step 1: screening -----------------------------------------------------------------------
SCREENING_CARD = "arrival-screening-card"
MASK = "arrival-mask"
"""RadioItems: values ``"yes"`` / ``"no"``."""
MASK_FEEDBACK = "arrival-mask-feedback"
TEMPERATURE = "arrival-temperature"
TEMPERATURE_FEEDBACK = "arrival-temperature-feedback"
SCREENING_SUBMIT = "arrival-screening-submit"
SCREENING_ALERT = "arrival-screening-alert"

# -- step 2: bag rack ------------------------------------------------------------------------
BAG_CARD = "arrival-bag-card"
RACK_SLOT = "arrival-rack-slot"
RACK_SLOT_FEEDBACK = "arrival-rack-slot-feedback"
RACK_HINT = "arrival-rack-hint"
RACK_FIND_FREE = "arrival-rack-find-free"
BAG_SUBMIT = "arrival-bag-submit"
BAG_ALERT = "arrival-bag-alert"

# -- step 3: guest book ----------------------------------------------------------------------
GUEST_BOOK_CARD = "arrival-guest-book-card"
PHONE = "arrival-phone"
PHONE_FEEDBACK = "arrival-phone-feedback"
EMAIL = "arrival-email"
EMAIL_FEEDBACK = "arrival-email-feedback"
RETURNING_NOTICE = "arrival-returning-notice"
NAME = "arrival-name"
NAME_FEEDBACK = "arrival-name-feedback"
GENDER = "arrival-gender"
"""RadioItems: values ``"L"`` / ``"P"``."""
GENDER_FEEDBACK = "arrival-gender-feedback"
BIRTH_YEAR = "arrival-birth-year"
BIRTH_YEAR_FEEDBACK = "arrival-birth-year-feedback"
EDUCATION = "arrival-education"
OCCUPATION = "arrival-occupation"
INSTITUTION = "arrival-institution"
INSTITUTION_FEEDBACK = "arrival-institution-feedback"
INSTITUTION_TYPE = "arrival-institution-type"
GUEST_BOOK_SUBMIT = "arrival-guest-book-submit"
GUEST_BOOK_ALERT = "arrival-guest-book-alert"

GUEST_BOOK_INPUTS: dict[str, str] = {
    "phone": PHONE,
    "email": EMAIL,
    "name": NAME,
    "gender": GENDER,
    "birth_year": BIRTH_YEAR,
    "education": EDUCATION,
    "occupation": OCCUPATION,
    "institution": INSTITUTION,
    "institution_type": INSTITUTION_TYPE,
}
"""The guest book's field keys (as the services name them) and their controls."""
GUEST_BOOK_FEEDBACK: dict[str, str] = {
    "phone": PHONE_FEEDBACK,
    "email": EMAIL_FEEDBACK,
    "name": NAME_FEEDBACK,
    "gender": GENDER_FEEDBACK,
    "birth_year": BIRTH_YEAR_FEEDBACK,
    "institution": INSTITUTION_FEEDBACK,
}

# -- visits still at the door (steps 1-3) ----------------------------------------------------
PENDING_LIST = "arrival-pending-list"
PENDING_EMPTY = "arrival-pending-empty"
PENDING_ROW = "arrival-pending-row"
"""Type of a row's dict ID."""
PENDING_STEP = "arrival-pending-step"
PENDING_OUTSIDE_HOURS = "arrival-pending-outside-hours"
RESUME = "arrival-resume"
"""Type of the "Lanjutkan" buttons' dict IDs."""


of_visit = dict_id
"""The dict ID of one visit's element, e.g. ``of_visit(RESUME, 7)``."""


def stepper_step(step_number: int) -> dict[str, str | int]:
    return dict_id(STEPPER_STEP, step_number)
