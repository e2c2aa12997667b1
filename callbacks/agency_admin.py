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
from dash import Dash, Input, Output, Patch, State, ctx, dcc, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from sqlalchemy.orm import Session

from callbacks.common import Outcome, perform, read
from dashboard.agency_directory import validate_agency
from dashboard.components.forms import field_feedback, form_alert
from dashboard.components.grid import selected_row_id
from dashboard.context import app_state, current_role
from dashboard.i18n import format_number
from dashboard.ids import agency_admin as ids
from dashboard.roles import CATALOG_EDITORS
from dashboard.services.agencies import (
    add_agency,
    deactivate_sample_agencies,
    set_agency_active,
    update_agency,
)
from dashboard.services.audit import Actor
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

FOCUS_FORM = f"""
function (isOpen) {{
    if (!isOpen) {{ return; }}
    var attempts = 0;
    function focusFirst() {{
        var field = document.getElementById("{ids.NAME}");
        var modal = field && field.closest(".modal");
        if (!modal || !modal.classList.contains("show")) {{
            if (++attempts < 40) {{ window.setTimeout(focusFirst, 25); }}
            return;
        }}
        var active = document.activeElement;
        if (active && modal.contains(active) && active.matches("input, select, textarea")) {{
            return;
        }}
        if (!field.disabled) {{ field.focus(); field.select(); }}
    }}
    focusFirst();
}}
"""
"""Put the cursor in the first field once the form is shown, unless the user is already in a
field of it."""

FOCUS_INVALID = f"""
function (_alert) {{
    var modal = document.getElementById("{ids.FORM_MODAL}");
    var invalid = modal && modal.querySelector(".is-invalid");
    if (invalid) {{ invalid.focus(); }}
}}
"""
"""After a refused save, put the cursor in the first field marked red."""


def can_write() -> bool:
    return current_role() in CATALOG_EDITORS


def next_version(version: int | None) -> int:
    return (version or 0) + 1


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
    action: list[Component] = []
    if writable:
        action.append(
            dcc.ConfirmDialogProvider(
                dbc.Button(
                    [html.I(className="bi bi-slash-circle me-1"), f"Nonaktifkan {count} contoh"],
                    id=ids.SAMPLE_DEACTIVATE_BUTTON,
                    color="warning",
                    size="sm",
                ),
                id=ids.SAMPLE_DEACTIVATE,
                message=f"Nonaktifkan {count} instansi contoh? Instansi itu tidak lagi "
                "disarankan untuk rujukan, dan dapat diaktifkan lagi satu per satu.",
            )
        )
    return dbc.Alert(
        html.Div(
            [
                html.Div(
                    [
                        html.Div(
                            [
                                html.I(className="bi bi-exclamation-triangle-fill me-2"),
                                html.Strong(
                                    "Direktori contoh — periksa dan ganti dengan data dinas "
                                    "di daerah Anda."
                                ),
                            ]
                        ),
                        html.Div(
                            f"{count} instansi bertanda “{SAMPLE_TEXT}” adalah data contoh "
                            "bawaan aplikasi. Periksa alamat dan kontaknya sebelum dipakai "
                            "untuk rujukan; instansi yang sudah diubah menjadi data kantor Anda.",
                            className="small mt-1",
                        ),
                    ],
                    className="me-auto",
                ),
                *action,
            ],
            className="d-flex flex-wrap align-items-center gap-2",
        ),
        color="warning",
        id=ids.SAMPLE_NOTICE,
        className="mb-2",
    )


@dataclass(frozen=True)
class GridView:
    records: list[dict[str, Any]]
    counts: str
    banner: Component | None


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


def editing_id(editing: object) -> int | None:
    if not isinstance(editing, Mapping):
        return None
    value = editing.get("id")
    return value if isinstance(value, int) else None


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
    if not outcome.ok or outcome.value is None:
        return form_alert(outcome.errors), no_update, no_update, no_update
    done = "diaktifkan lagi untuk rujukan" if active else "dinonaktifkan: tidak disarankan lagi"
    return None, False, next_version(version), form_alert({}, f"{outcome.value.name} {done}.")


def samples_outputs(outcome: Outcome[int], version: int | None) -> tuple[Any, Any]:
    if not outcome.ok:
        return no_update, form_alert(outcome.errors)
    text = f"{format_number(outcome.value or 0)} instansi contoh dinonaktifkan."
    return next_version(version), form_alert({}, text)


# -- callbacks ------------------------------------------------------------------------------


def _feedback_outputs(*, duplicate: bool = False) -> list[Output]:
    return [
        *[Output(ids.FEEDBACK_IDS[name], "children", allow_duplicate=duplicate) for name in FIELDS],
        *[Output(ids.FIELD_IDS[name], "invalid", allow_duplicate=duplicate) for name in FIELDS],
    ]


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.GRID, "rowData"),
        Output(ids.COUNTS, "children"),
        Output(ids.SAMPLE_BANNER, "children"),
        Input(ids.VERSION, "data"),
        Input(ids.STATUS_FILTER, "value"),
    )
    def refresh_grid(_version: int | None, status: str | None) -> tuple[Any, Any, Any]:
        view = grid_view(load_rows(), status, can_write())
        return view.records, view.counts, view.banner

    @app.callback(
        Output(ids.GRID, "dashGridOptions"),
        Input(ids.QUICK_FILTER, "value"),
        prevent_initial_call=True,
    )
    def quick_filter(text: str | None) -> Patch:
        options = Patch()
        options["quickFilterText"] = text or ""
        return options

    @app.callback(
        Output(ids.FORM_MODAL, "is_open"),
        Output(ids.EDITING, "data"),
        Output(ids.FORM_TITLE, "children"),
        Output(ids.FORM_STATUS, "children"),
        Output(ids.TOGGLE_ACTIVE, "children"),
        Output(ids.TOGGLE_ACTIVE, "color"),
        Output(ids.TOGGLE_ACTIVE, "className"),
        Output(ids.FORM_ALERT, "children"),
        *[Output(ids.FIELD_IDS[name], "value") for name in FIELDS],
        *_feedback_outputs(),
        Output(ids.GRID, "selectedRows"),
        Input(ids.ADD, "n_clicks"),
        Input(ids.GRID, "selectedRows"),
        prevent_initial_call=True,
    )
    def open_form(_add: int | None, selected: object) -> tuple[Any, ...]:
        if ctx.triggered_id == ids.ADD:
            entry = blank_entry()
        else:
            agency_id = selected_row_id(selected)
            entry = load_entry(agency_id) if agency_id is not None else None
            if entry is None:
                raise PreventUpdate
        # The selection is cleared so that a click on the same row opens it again.
        return (*open_outputs(entry, can_write()), [])

    app.clientside_callback(FOCUS_FORM, Input(ids.FORM_MODAL, "is_open"), prevent_initial_call=True)
    app.clientside_callback(
        FOCUS_INVALID, Input(ids.FORM_ALERT, "children"), prevent_initial_call=True
    )

    @app.callback(
        Output(ids.FORM_MODAL, "is_open", allow_duplicate=True),
        Input(ids.CANCEL, "n_clicks"),
        prevent_initial_call=True,
    )
    def close_form(_clicks: int | None) -> bool:
        return False

    @app.callback(
        *_feedback_outputs(duplicate=True),
        Output(ids.FORM_ALERT, "children", allow_duplicate=True),
        Output(ids.FORM_MODAL, "is_open", allow_duplicate=True),
        Output(ids.VERSION, "data"),
        Output(ids.MESSAGE, "children"),
        Input(ids.SAVE, "n_clicks"),
        *[Input(ids.FIELD_IDS[name], "n_submit") for name in SUBMIT_FIELDS],
        *[State(ids.FIELD_IDS[name], "value") for name in FIELDS],
        State(ids.EDITING, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=[(Output(ids.SAVE, "disabled"), True, False)],
    )
    def save(*args: Any) -> tuple[Any, ...]:
        triggers = args[: 1 + len(SUBMIT_FIELDS)]
        values = args[1 + len(SUBMIT_FIELDS) : 1 + len(SUBMIT_FIELDS) + len(FIELDS)]
        editing, version = args[-2:]
        if not any(triggers):
            raise PreventUpdate
        outcome = save_entry(editing, raw_entry(values))
        return save_outputs(outcome, editing_id(editing) is None, version)

    @app.callback(
        Output(ids.FORM_ALERT, "children", allow_duplicate=True),
        Output(ids.FORM_MODAL, "is_open", allow_duplicate=True),
        Output(ids.VERSION, "data", allow_duplicate=True),
        Output(ids.MESSAGE, "children", allow_duplicate=True),
        Input(ids.TOGGLE_ACTIVE, "n_clicks"),
        State(ids.EDITING, "data"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
        running=[(Output(ids.TOGGLE_ACTIVE, "disabled"), True, False)],
    )
    def toggle_active(clicks: int | None, editing: object, version: int | None) -> tuple:
        agency_id = editing_id(editing)
        if not clicks or agency_id is None:
            raise PreventUpdate
        active = not (isinstance(editing, Mapping) and editing.get("active"))
        outcome = perform(
            CATALOG_EDITORS,
            lambda session, actor: set_agency_active(session, actor, agency_id, active),
        )
        return toggle_outputs(outcome, active, version)

    @app.callback(
        Output(ids.VERSION, "data", allow_duplicate=True),
        Output(ids.MESSAGE, "children", allow_duplicate=True),
        Input(ids.SAMPLE_DEACTIVATE, "submit_n_clicks"),
        State(ids.VERSION, "data"),
        prevent_initial_call=True,
    )
    def deactivate_samples(clicks: int | None, version: int | None) -> tuple[Any, Any]:
        if not clicks:
            raise PreventUpdate
        return samples_outputs(perform(CATALOG_EDITORS, deactivate_sample_agencies), version)
