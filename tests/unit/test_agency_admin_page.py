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

from callbacks import agency_admin as page
from callbacks.common import Outcome
from dashboard.errors import FORM
from dashboard.library import agency_admin_ids as ids
from dashboard.library.agencies import validate_agency
from dashboard.library.agency_service import agency_input
from dashboard.web.context import app_state
from db.models import Agency
from db.queries.catalog_admin import AgencyListRow
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
    record = page.grid_record(list_row(is_sample=True))
    assert record["id"] == "3"
    assert record["email"] == ""
    assert (record["status"], record["sample"]) == ("Aktif", page.SAMPLE_TEXT)
    rows = [list_row(id=1), list_row(id=2, active=False)]
    assert [row.id for row in page.shown_rows(rows, page.STATUS_ACTIVE)] == [1]
    assert [row.id for row in page.shown_rows(rows, page.STATUS_INACTIVE)] == [2]
    assert len(page.shown_rows(rows, page.STATUS_ALL)) == 2
    assert page.counts_text(rows) == "1 instansi aktif · 1 nonaktif"


def test_sample_banner() -> None:
    assert page.sample_banner([list_row()], writable=True) is None
    rows = [list_row(is_sample=True), list_row(id=4, is_sample=True, active=False)]
    banner = str(page.sample_banner(rows, writable=True))
    assert "Direktori contoh" in banner
    assert "Nonaktifkan 1 contoh" in banner
    assert ids.SAMPLE_DEACTIVATE not in str(page.sample_banner(rows, writable=False))


def test_form_values_validate_back_to_the_same_agency() -> None:
    agency = stored_agency()
    values = page.form_values(agency)
    assert values["website"] == ""
    raw = page.raw_entry([values[name] for name in page.FIELDS])
    assert validate_agency(raw) == agency_input(agency)


def _open_form_output_count() -> int:
    dash_app = Dash(__name__, suppress_callback_exceptions=True)
    page.register(dash_app)
    key = next(k for k in dash_app.callback_map if k.startswith(f"..{ids.FORM_MODAL}.is_open."))
    return len(key.strip(".").split("..."))


def test_open_outputs_fill_every_output_of_the_open_callback() -> None:
    entry = page.FormEntry(3, page.form_values(stored_agency()), active=False, is_sample=True)
    outputs = page.open_outputs(entry, writable=True)
    assert len(outputs) + 1 == _open_form_output_count()
    assert outputs[1] == {"id": 3, "active": False}
    assert outputs[2] == "Ubah Dinas Kesehatan"
    assert outputs[4:7] == ("Aktifkan lagi", "success", "me-auto")
    assert "d-none" in page.open_outputs(page.blank_entry(), writable=True)[6]
    assert "d-none" in page.open_outputs(entry, writable=False)[6]


def test_save_outputs() -> None:
    errors = {"phone": "Nomor telepon tidak valid.", "topics": "Isi paling sedikit satu topik."}
    refused = page.save_outputs(Outcome(errors=errors), added=True, version=1)
    count = len(page.FIELDS)
    assert refused[page.FIELDS.index("phone")] == errors["phone"]
    invalid = refused[count : 2 * count]
    assert [name for name, flag in zip(page.FIELDS, invalid, strict=True) if flag] == [
        "topics",
        "phone",
    ]
    assert refused[-3:] == (no_update, no_update, no_update)
    saved = page.save_outputs(Outcome(value=stored_agency()), added=True, version=1)
    assert saved[-3:-1] == (False, 2)
    assert "Dinas Kesehatan ditambahkan ke direktori." in str(saved[-1])


def test_toggle_outputs() -> None:
    done = page.toggle_outputs(Outcome(value=stored_agency(active=False)), False, 2)
    assert done[1:3] == (False, 3)
    assert "dinonaktifkan" in str(done[3])
    refused = page.toggle_outputs(Outcome(errors={FORM: "Instansi tidak ditemukan."}), True, 2)
    assert "Instansi tidak ditemukan." in str(refused[0])


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
