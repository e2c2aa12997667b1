"""IDs of *Tarif PNBP* (/admin/tarif): the tariffs with their validity, the sample-tariff
banner, and the administrator's forms to add a tariff and to end one."""

from __future__ import annotations

from dashboard.pnbp.dialog_ids import DialogIds
from dashboard.ui.field_ids import feedback_ids

PAGE = "tariff-admin-page"
VERSION = "tariff-admin-version"
"""Bumped by every write so that the grid and the banner are read again."""
READ_ONLY_NOTE = "tariff-admin-read-only-note"
SAMPLE_BANNER = "tariff-admin-sample-banner"
"""Where the banner shows while sample tariffs are in force."""
SAMPLE_NOTICE = "tariff-admin-sample-notice"
MESSAGE = "tariff-admin-message"
SHOW_ALL = "tariff-admin-show-all"
"""Show ended tariffs too (by default: in force and future ones)."""
GRID = "tariff-admin-grid"

# -- add a tariff ----------------------------------------------------------------------------
ADD_OPEN = "tariff-admin-add-open"
ADD_MODAL = "tariff-admin-add-modal"
ADD_ALERT = "tariff-admin-add-alert"
ITEM_KIND = "tariff-admin-item-kind"
LABEL = "tariff-admin-label"
UNIT = "tariff-admin-unit"
AMOUNT = "tariff-admin-amount"
VALID_FROM = "tariff-admin-valid-from"
VALID_TO = "tariff-admin-valid-to"
ADD_SUBMIT = "tariff-admin-add-submit"
ADD_CANCEL = "tariff-admin-add-cancel"

FIELD_IDS: dict[str, str] = {
    "item_kind": ITEM_KIND,
    "label": LABEL,
    "unit": UNIT,
    "amount": AMOUNT,
    "valid_from": VALID_FROM,
    "valid_to": VALID_TO,
}
"""The add form's fields by the key the tariff service names them with in its messages."""
FEEDBACK_IDS: dict[str, str] = feedback_ids(FIELD_IDS)

# -- end a tariff ----------------------------------------------------------------------------
END_OPEN = "tariff-admin-end-open"
END_MODAL = "tariff-admin-end-modal"
END_TARIFF = "tariff-admin-end-tariff"
"""A store: the id of the tariff the end dialog is about."""
END_TARIFF_TEXT = "tariff-admin-end-tariff-text"
END_ON = "tariff-admin-end-on"
END_ON_FEEDBACK = "tariff-admin-end-on-feedback"
END_ALERT = "tariff-admin-end-alert"
END_SUBMIT = "tariff-admin-end-submit"
END_CANCEL = "tariff-admin-end-cancel"
END_DIALOG = DialogIds(
    open=END_OPEN,
    modal=END_MODAL,
    target=END_TARIFF,
    text=END_TARIFF_TEXT,
    field=END_ON,
    feedback=END_ON_FEEDBACK,
    alert=END_ALERT,
    cancel=END_CANCEL,
    submit=END_SUBMIT,
    notice=MESSAGE,
    version=VERSION,
)
