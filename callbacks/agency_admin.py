"""Callbacks of *Direktori dinas*: read the directory into the grid, open an agency in the
form, save it, and switch it off or on for referrals.

Every write goes through ``perform(CATALOG_EDITORS, …)``: the server refuses it (403) for any
role but the administrator. Reads are open to the desk roles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, html, no_update
from dash.development.base_component import Component
from sqlalchemy.orm import Session

from callbacks.admin_form import (
    AdminFormLogic,
    GridView,
    closed_outputs,
    count_outputs,
    editing_id,
    next_version,
    register_admin_form,
    sample_action,
    sample_notice,
)
from callbacks.common import Outcome, perform, read
from dashboard.audit import Actor
from dashboard.i18n import format_number
from dashboard.library import agency_admin_ids as ids
from dashboard.library.agencies import validate_agency
from dashboard.library.agency_service import (
    add_agency,
    deactivate_sample_agencies,
    set_agency_active,
    update_agency,
)
from dashboard.roles import CATALOG_EDITORS
from dashboard.ui.admin_form_ids import admin_form_ids
from dashboard.ui.forms import field_feedback, form_alert
from dashboard.web.context import app_state, current_role
from db.models import Agency
from db.queries.catalog_admin import AgencyListRow, agency_of_office, agency_rows

FIELDS: tuple[str, ...] = tuple(ids.FIELD_IDS)
"""The form's fields in page order (= the ``AgencyInput`` field names)."""
SUBMIT_FIELDS = ("name", "phone", "email", "website")
"""Single-line fields: Enter in them saves (in the text areas Enter starts a new line)."""

STATUS_ACTIVE = "active"
STATUS_INACTIVE = "inactive"
STATUS_ALL = "all"
SAMPLE_TEXT = "Contoh"


def can_write() -> bool:
    return current_role() in CATALOG_EDITORS


# -- the grid -------------------------------------------------------------------------------


def grid_record(row: AgencyListRow) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "name": row.name,
        "topics": row.topics,
        "address": row.address or "",
        "phone": row.phone or "",
        "email": row.email or "",
        "website": row.website or "",
        "status": "Aktif" if row.active else "Nonaktif",
        "active": row.active,
        "sample": SAMPLE_TEXT if row.is_sample else "",
    }


def shown_rows(rows: Sequence[AgencyListRow], status: str | None) -> list[AgencyListRow]:
    if status == STATUS_ALL:
        return list(rows)
    active = status != STATUS_INACTIVE
    return [row for row in rows if row.active == active]


def counts_text(rows: Sequence[AgencyListRow]) -> str:
    active = sum(1 for row in rows if row.active)
    return f"{format_number(active)} instansi aktif · {format_number(len(rows) - active)} nonaktif"


def sample_banner(rows: Sequence[AgencyListRow], writable: bool) -> Component | None:
    """The notice that the directory still holds the sample agencies shipped with the app."""
    samples = sum(1 for row in rows if row.is_sample and row.active)
    if not samples:
        return None
    count = format_number(samples)
    action = None
    if writable:
        action = sample_action(
            ids.SAMPLE_DEACTIVATE,
            ids.SAMPLE_DEACTIVATE_BUTTON,
            "bi-slash-circle",
            f"Nonaktifkan {count} contoh",
            f"Nonaktifkan {count} instansi contoh? Instansi itu tidak lagi "
            "disarankan untuk rujukan, dan dapat diaktifkan lagi satu per satu.",
        )
    return sample_notice(
        ids.SAMPLE_NOTICE,
        "Direktori contoh — periksa dan ganti dengan data dinas di daerah Anda.",
        f"{count} instansi bertanda “{SAMPLE_TEXT}” adalah data contoh "
        "bawaan aplikasi. Periksa alamat dan kontaknya sebelum dipakai "
        "untuk rujukan; instansi yang sudah diubah menjadi data kantor Anda.",
        action,
    )


def grid_view(rows: Sequence[AgencyListRow], status: str | None, writable: bool) -> GridView:
    return GridView(
        records=[grid_record(row) for row in shown_rows(rows, status)],
        counts=counts_text(rows),
        banner=sample_banner(rows, writable),
    )


def load_rows() -> list[AgencyListRow]:
    office_id = app_state().office_id
    return read(lambda session: agency_rows(session, office_id))


# -- the form -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormEntry:
    agency_id: int | None
    values: dict[str, str]
    active: bool = True
    is_sample: bool = False


def blank_entry() -> FormEntry:
    return FormEntry(None, dict.fromkeys(FIELDS, ""))


def form_values(agency: Agency) -> dict[str, str]:
    return {name: getattr(agency, name) or "" for name in FIELDS}


def load_entry(agency_id: int) -> FormEntry | None:
    office_id = app_state().office_id

    def query(session: Session) -> FormEntry | None:
        agency = agency_of_office(session, office_id, agency_id)
        if agency is None:
            return None
        return FormEntry(agency.id, form_values(agency), agency.active, agency.is_sample)

    return read(query)


def form_status(entry: FormEntry) -> Component | None:
    if entry.agency_id is None:
        return None
    badges = [
        dbc.Badge("Aktif", color="success", className="me-1")
        if entry.active
        else dbc.Badge(
            "Nonaktif — tidak disarankan untuk rujukan", color="secondary", className="me-1"
        )
    ]
    if entry.is_sample:
        badges.append(dbc.Badge("Data contoh", color="warning", text_color="dark"))
    return html.Div(badges)


def open_outputs(entry: FormEntry, writable: bool) -> tuple[Any, ...]:
    """What opening the form returns: modal open, editing store, title, status, the
    (de)activate button (label, colour, class), alert cleared, values, messages cleared."""
    editing = entry.agency_id is not None
    if not editing:
        title = "Tambah instansi"
    elif writable:
        title = f"Ubah {entry.values['name']}"
    else:
        title = entry.values["name"]
    toggle_label = "Nonaktifkan" if entry.active else "Aktifkan lagi"
    toggle_color = "danger" if entry.active else "success"
    toggle_class = "me-auto" if editing and writable else "me-auto d-none"
    messages, invalid = field_feedback({}, FIELDS)
    return (
        True,
        {"id": entry.agency_id, "active": entry.active},
        title,
        form_status(entry),
        toggle_label,
        toggle_color,
        toggle_class,
        None,
        *(entry.values[name] for name in FIELDS),
        *messages,
        *invalid,
    )


def raw_entry(values: Sequence[Any]) -> dict[str, object]:
    return dict(zip(FIELDS, values, strict=True))


def save_entry(editing: object, raw: Mapping[str, object]) -> Outcome[Agency]:
    agency_id = editing_id(editing)

    def action(session: Session, actor: Actor) -> Agency:
        data = validate_agency(raw)
        if agency_id is None:
            return add_agency(session, actor, data)
        return update_agency(session, actor, agency_id, data)

    return perform(CATALOG_EDITORS, action)


def save_outputs(outcome: Outcome[Agency], added: bool, version: int | None) -> tuple[Any, ...]:
    messages, invalid = field_feedback(outcome.errors, FIELDS)
    if not outcome.ok or outcome.value is None:
        return (*messages, *invalid, form_alert(outcome.errors), no_update, no_update, no_update)
    verb = "ditambahkan ke direktori" if added else "disimpan"
    page_message = form_alert({}, f"{outcome.value.name} {verb}.")
    return (*messages, *invalid, None, False, next_version(version), page_message)


def toggle_outputs(
    outcome: Outcome[Agency], active: bool, version: int | None
) -> tuple[Any, Any, Any, Any]:
    """(form alert, modal open, version, page message) after (de)activating."""
    done = "diaktifkan lagi untuk rujukan" if active else "dinonaktifkan: tidak disarankan lagi"
    return closed_outputs(outcome, lambda agency: f"{agency.name} {done}.", version)


def set_active(agency_id: int, active: bool, version: int | None) -> tuple[Any, ...]:
    outcome = perform(
        CATALOG_EDITORS,
        lambda session, actor: set_agency_active(session, actor, agency_id, active),
    )
    return toggle_outputs(outcome, active, version)


def samples_outputs(outcome: Outcome[int], version: int | None) -> tuple[Any, Any]:
    return count_outputs(outcome, "instansi contoh dinonaktifkan.", version)


# -- callbacks ------------------------------------------------------------------------------

FORM_IDS = admin_form_ids(ids, toggle=ids.TOGGLE_ACTIVE, sample_action=ids.SAMPLE_DEACTIVATE)


def register(app: Dash) -> None:
    register_admin_form(
        app,
        FORM_IDS,
        AdminFormLogic(
            grid_view=lambda status: grid_view(load_rows(), status, can_write()),
            blank_entry=blank_entry,
            load_entry=load_entry,
            open_outputs=lambda entry: open_outputs(entry, can_write()),
            save=lambda editing, values, version: save_outputs(
                save_entry(editing, raw_entry(values)), editing_id(editing) is None, version
            ),
            toggle_key="active",
            toggle=set_active,
            samples=lambda version: samples_outputs(
                perform(CATALOG_EDITORS, deactivate_sample_agencies), version
            ),
            invalid_fields=FIELDS,
            submit_fields=SUBMIT_FIELDS,
            first_field=ids.NAME,
        ),
    )
