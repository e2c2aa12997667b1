"""IDs of *Profil kantor* (/admin/kantor): the office's name, city, address, telephone and
e-mail as its documents print them, with the heading they give."""

from __future__ import annotations

from dashboard.ui.field_ids import feedback_ids

PAGE = "office-profile-page"
ALERT = "office-profile-alert"
PREVIEW = "office-profile-preview"
"""The heading and contact line as a receipt prints them."""
SAVE = "office-profile-save"
LOADED = "office-profile-loaded"
"""A store filled when the page opens: the saved values go into the form."""

FIELD_IDS: dict[str, str] = {
    name: f"office-profile-{name}" for name in ("name", "city", "address", "phone", "email")
}
"""The form's fields by the key the office profile rules name them with in their messages."""
FEEDBACK_IDS: dict[str, str] = feedback_ids(FIELD_IDS)
