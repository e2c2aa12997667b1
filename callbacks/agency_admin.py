"""Callbacks of *Direktori dinas*: read the directory into the grid, open an agency in the
form, save it, and switch it off or on for referrals (the shared ``callbacks.admin_form``).

Every write goes through ``perform(CATALOG_EDITORS, …)``: the server refuses it (403) for any
role but the administrator. Reads are open to the desk roles.
"""

from __future__ import annotations

from callbacks.admin_form import AdminList, admin_form_callbacks
from dashboard.library import agency_admin_ids as ids
from dashboard.library import agency_admin_layout as layout
from dashboard.library import agency_admin_view as view
from dashboard.library.agency_service import deactivate_sample_agencies
from dashboard.roles import CATALOG_EDITORS

DIRECTORY = AdminList.of(
    ids.FORM_IDS,
    CATALOG_EDITORS,
    view,
    layout,
    toggle_key="active",
    toggle=view.set_active,
    samples=deactivate_sample_agencies,
    samples_done=view.SAMPLES_DEACTIVATED,
    invalid_fields=view.FIELDS,
    submit_fields=view.SUBMIT_FIELDS,
    first_field=ids.NAME,
)
CALLBACKS = admin_form_callbacks(DIRECTORY, __name__)
