"""Callbacks of *Direktori dinas*: read the directory into the grid, open an agency in the
form, save it, and switch it off or on for referrals (the shared ``callbacks.admin_form``).

Every write goes through ``perform(CATALOG_EDITORS, …)``: the server refuses it (403) for any
role but the administrator. Reads are open to the desk roles.
"""

from __future__ import annotations

from collections.abc import Mapping

from callbacks.admin_form import AdminList, admin_form_callbacks
from callbacks.common import Outcome, perform, read
from dashboard.library import agency_admin_ids as ids
from dashboard.library import agency_admin_layout as layout
from dashboard.library import agency_admin_view as view
from dashboard.library.agency_service import deactivate_sample_agencies
from dashboard.roles import CATALOG_EDITORS
from dashboard.ui.admin_form import FormOpening, GridView
from dashboard.web.context import app_state, current_role


def can_write() -> bool:
    return current_role() in CATALOG_EDITORS


def grid_view(status: str | None) -> GridView:
    office_id = app_state().office_id
    rows = read(lambda session: view.load_rows(session, office_id))
    return layout.grid_view(rows, status, can_write())


def load_entry(agency_id: int) -> view.FormEntry | None:
    office_id = app_state().office_id
    return read(lambda session: view.load_entry(session, office_id, agency_id))


def form_opening(entry: view.FormEntry) -> FormOpening:
    return layout.form_opening(entry, can_write())


def save_entry(agency_id: int | None, raw: Mapping[str, object]) -> Outcome[str]:
    return perform(
        CATALOG_EDITORS, lambda session, actor: view.save_entry(session, actor, agency_id, raw)
    )


def set_active(agency_id: int, active: bool) -> Outcome[str]:
    return perform(
        CATALOG_EDITORS,
        lambda session, actor: view.set_active(session, actor, agency_id, active),
    )


DIRECTORY = AdminList(
    ids=ids.FORM_IDS,
    grid_view=grid_view,
    blank_entry=view.blank_entry,
    load_entry=load_entry,
    form_opening=form_opening,
    save=save_entry,
    toggle_key="active",
    toggle=set_active,
    samples=lambda: perform(CATALOG_EDITORS, deactivate_sample_agencies),
    samples_done=view.SAMPLES_DEACTIVATED,
    invalid_fields=view.FIELDS,
    submit_fields=view.SUBMIT_FIELDS,
    first_field=ids.NAME,
)
CALLBACKS = admin_form_callbacks(DIRECTORY, __name__)
