"""IDs of *Target SOP* (/admin/target-sop): the form of a revised version of the SOP's step
targets and the list of versions."""

from __future__ import annotations

from dashboard.office.sop_targets import TARGETED_STEPS

PAGE = "sop-targets-page"
LOADED = "sop-targets-loaded"
"""A store filled when the page opens: the list and the form's starting targets."""
VERSION = "sop-targets-version"
"""A store bumped after a save: the list is read again."""
DOCUMENT = "sop-targets-document"
DOCUMENT_FEEDBACK = "sop-targets-document-feedback"
EFFECTIVE = "sop-targets-effective"
EFFECTIVE_FEEDBACK = "sop-targets-effective-feedback"
SAVE = "sop-targets-save"
ALERT = "sop-targets-alert"
VERSIONS = "sop-targets-versions"

TARGET_IDS: dict[int, str] = {number: f"sop-targets-target-{number}" for number in TARGETED_STEPS}
TARGET_FEEDBACK_IDS: dict[int, str] = {
    number: f"{input_id}-feedback" for number, input_id in TARGET_IDS.items()
}
