"""Direktori dinas: what the grid lists, what the form shows and sends, and that the server
refuses writes from any role but the admin."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from dash import Dash, no_update
from flask.testing import FlaskClient
from sqlalchemy import func, select

from callbacks import admin_form
from callbacks import agency_admin as page
from callbacks.common import Outcome
from dashboard.errors import FORM
from dashboard.library import agency_admin_ids as ids
from dashboard.library import agency_admin_layout as layout
from dashboard.library import agency_admin_view as view
from dashboard.library.agencies import validate_agency
from dashboard.library.agency_service import agency_input
from dashboard.web.context import app_state
from db.models import Agency
from db.queries.catalog_admin import AgencyListRow
from tests.helpers.callbacks import open_form_output_count, output_count
from tests.helpers.dash_requests import callback_body

UPDATED_AT = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)


def list_row(**changes: Any) -> AgencyListRow:
    values: dict[str, Any] = {
        "id": 3,
        "name": "Dinas Kesehatan",
        "topics": "kesehatan; puskesmas; gizi",
        "address": "Jl. Jend. Sudirman No. 1, Muara Enim",
        "phone": "(0734) 421234",
        "email": None,
        "website": None,
        "is_sample": False,
        "active": True,
        "updated_at": UPDATED_AT,
    }
    values.update(changes)
    return AgencyListRow(**values)


def stored_agency(**changes: Any) -> Agency:
    values: dict[str, Any] = {
        "id": 3,
        "name": "Dinas Kesehatan",
        "topics": "kesehatan; puskesmas; gizi",
        "address": "Jl. Jend. Sudirman No. 1, Muara Enim",
        "phone": "(0734) 421234",
        "email": "dinkes@muaraenimkab.go.id",
        "website": None,
        "notes": None,
        "active": True,
        "is_sample": True,
    }
    values.update(changes)
    return Agency(**values)


def test_grid_record_and_filters() -> None:
    record = view.grid_record(list_row(is_sample=True))
    assert record["id"] == "3"
    assert record["email"] == ""
    assert (record["status"], record["sample"]) == ("Aktif", view.SAMPLE_TEXT)
    rows = [list_row(id=1), list_row(id=2, active=False)]
    assert [row.id for row in view.shown_rows(rows, view.STATUS_ACTIVE)] == [1]
    assert [row.id for row in view.shown_rows(rows, view.STATUS_INACTIVE)] == [2]
    assert len(view.shown_rows(rows, view.STATUS_ALL)) == 2
    assert view.counts_text(rows) == "1 instansi aktif · 1 nonaktif"


def test_sample_banner() -> None:
    assert layout.sample_banner([list_row()], writable=True) is None
    rows = [list_row(is_sample=True), list_row(id=4, is_sample=True, active=False)]
    banner = str(layout.sample_banner(rows, writable=True))
    assert "Direktori contoh" in banner
    assert "Nonaktifkan 1 contoh" in banner
    assert ids.SAMPLE_DEACTIVATE not in str(layout.sample_banner(rows, writable=False))


def test_form_values_validate_back_to_the_same_agency() -> None:
    agency = stored_agency()
    values = view.form_values(agency)
    assert values["website"] == ""
    raw = {name: values[name] for name in view.FIELDS}  # what the form sends, by field
    assert validate_agency(raw) == agency_input(agency)


def open_outputs(entry: view.FormEntry, writable: bool) -> dict[str, Any]:
    return admin_form.open_outputs(page.DIRECTORY, layout.form_opening(entry, writable))


def test_open_outputs_fill_every_output_of_the_open_callback() -> None:
    entry = view.FormEntry(3, view.form_values(stored_agency()), active=False, is_sample=True)
    outputs = open_outputs(entry, writable=True)
    filled = output_count({**outputs, "editing": None})
    assert filled == open_form_output_count(ids.FORM_MODAL)
    assert outputs["editing"] == {"id": 3, "active": False}
    assert outputs["title"] == "Ubah Dinas Kesehatan"
    assert (outputs["toggle_label"], outputs["toggle_color"], outputs["toggle_class"]) == (
        "Aktifkan lagi",
        "success",
        "me-auto",
    )
    assert "d-none" in open_outputs(view.blank_entry(), writable=True)["toggle_class"]
    assert "d-none" in open_outputs(entry, writable=False)["toggle_class"]


def test_save_outputs() -> None:
    errors = {"phone": "Nomor telepon tidak valid.", "topics": "Isi paling sedikit satu topik."}
    refused = admin_form.save_outputs(page.DIRECTORY, Outcome(errors=errors), version=1)
    assert refused["messages"]["phone"] == errors["phone"]
    invalid = refused["invalid"]
    assert list(invalid) == list(view.FIELDS)
    assert [name for name, flag in invalid.items() if flag] == ["topics", "phone"]
    assert (refused["is_open"], refused["version"], refused["message"]) == (
        no_update,
        no_update,
        no_update,
    )
    added = Outcome(value=view.saved_text(stored_agency(), added=True))
    saved = admin_form.save_outputs(page.DIRECTORY, added, version=1)
    assert (saved["is_open"], saved["version"]) == (False, 2)
    assert "Dinas Kesehatan ditambahkan ke direktori." in str(saved["message"])


def test_toggle_outputs() -> None:
    switched_off = view.toggled_text(stored_agency(active=False), False)
    done = admin_form.closed_outputs(Outcome(value=switched_off), 2)
    assert (done["is_open"], done["version"]) == (False, 3)
    assert "dinonaktifkan" in str(done["message"])
    refused = admin_form.closed_outputs(Outcome(errors={FORM: "Instansi tidak ditemukan."}), 2)
    assert "Instansi tidak ditemukan." in str(refused["alert"])


# -- the server refuses writes from other roles -----------------------------------------------


def save_body(dash_app: Dash, name: str) -> dict[str, Any]:
    values: dict[str, Any] = {
        f"{ids.SAVE}.n_clicks": 1,
        f"{ids.EDITING}.data": {"id": None},
        f"{ids.NAME}.value": name,
        f"{ids.TOPICS}.value": "pertanian; padi; pupuk",
        f"{ids.PHONE}.value": "(0734) 421777",
    }
    return callback_body(
        dash_app, f"{ids.FEEDBACK_IDS['name']}.children", values, changed=[f"{ids.SAVE}.n_clicks"]
    )


def agencies_named(dash_app: Dash, name: str) -> int:
    with dash_app.server.app_context(), app_state().database.reading() as session:
        return session.scalar(select(func.count()).select_from(Agency).where(Agency.name == name))


@pytest.mark.parametrize("role", ["officer", "head", "monitor"])
def test_a_save_from_another_role_is_refused_and_writes_nothing(
    app: Dash, login: Callable[[str], FlaskClient], role: str
) -> None:
    name = f"Dinas Uji {role}"
    response = login(role).post("/_dash-update-component", json=save_body(app, name))
    assert response.status_code == 403
    assert agencies_named(app, name) == 0


def test_the_admin_saves_through_the_callback(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    body = save_body(app, "Dinas Pertanian Uji")
    response = login("admin").post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert agencies_named(app, "Dinas Pertanian Uji") == 1
