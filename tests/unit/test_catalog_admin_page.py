"""Katalog publikasi: what the grid lists, what the form shows and sends, what the import
check and the import say, and that the server refuses writes from any role but the admin."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from dash import Dash, no_update
from flask.testing import FlaskClient
from sqlalchemy import func, select

from callbacks import admin_form
from callbacks import catalog_admin as page
from callbacks.common import Outcome
from callbacks.file_import import decode_upload
from dashboard.errors import FORM
from dashboard.library import catalog_admin_ids as ids
from dashboard.library import catalog_admin_layout as layout
from dashboard.library import catalog_admin_view as view
from dashboard.library.catalog import validate_publication
from dashboard.library.catalog_io import ImportProblem, ParsedCatalog
from dashboard.library.catalog_service import ImportSummary, publication_input
from dashboard.roles import ADMIN, CATALOG_EDITORS, DESK_READERS, MONITOR
from dashboard.web.context import app_state
from db.models import Publication
from db.queries.catalog_admin import PublicationListRow
from tests.helpers.callbacks import open_form_output_count, output_count
from tests.helpers.dash_requests import callback_body

RETIRED_AT = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # 20 Nov 2026 10:00 WIB
UPDATED_AT = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)


def list_row(**changes: Any) -> PublicationListRow:
    values: dict[str, Any] = {
        "id": 7,
        "catalog_number": "1603-DDA-2024",
        "title": "Kabupaten Muara Enim Dalam Angka 2024",
        "year": 2024,
        "subject": "wilayah",
        "region": "Kabupaten Muara Enim",
        "isbn": None,
        "issn": None,
        "has_hardcopy": True,
        "hardcopy_stock": 1250,
        "shelf_location": "R1-02",
        "has_softcopy": True,
        "is_sample": False,
        "retired_at": None,
        "updated_at": UPDATED_AT,
    }
    values.update(changes)
    return PublicationListRow(**values)


def stored_publication(**changes: Any) -> Publication:
    values: dict[str, Any] = {
        "id": 7,
        "catalog_number": "1603-DDA-2024",
        "title": "Kabupaten Muara Enim Dalam Angka 2024",
        "year": 2024,
        "subject": "wilayah",
        "region": "Kabupaten Muara Enim",
        "isbn": "978-602-438-123-3",
        "issn": None,
        "has_hardcopy": True,
        "hardcopy_stock": 3,
        "shelf_location": "R1-02",
        "has_softcopy": False,
        "notes": "Tabel 3.1: penduduk per kecamatan",
    }
    values.update(changes)
    return Publication(**values)


# -- the grid -------------------------------------------------------------------------------


def test_grid_record_keeps_raw_values_for_sorting_and_indonesian_text_for_showing() -> None:
    record = view.grid_record(list_row())
    assert record["id"] == "7"  # AG Grid row ids are text
    assert record["stock"] == 1250
    assert record["stock_text"] == "1.250"
    assert record["subject_label"] == "Wilayah dalam Angka"
    assert record["formats"] == "Cetak + PDF"
    assert record["status"] == "Aktif"
    assert record["sample"] == ""


def test_grid_record_of_a_retired_softcopy_sample() -> None:
    row = list_row(has_hardcopy=False, hardcopy_stock=0, is_sample=True, retired_at=RETIRED_AT)
    record = view.grid_record(row)
    assert record["stock"] is None
    assert record["stock_text"] == "—"
    assert record["formats"] == "PDF"
    assert record["status"] == "Ditarik"
    assert record["status_note"] == "Ditarik sejak 20 Nov 2026"
    assert record["retired"] is True
    assert record["sample"] == view.SAMPLE_TEXT


def test_status_filter_and_counts() -> None:
    rows = [list_row(id=1), list_row(id=2, retired_at=RETIRED_AT), list_row(id=3)]
    assert [row.id for row in view.shown_rows(rows, view.STATUS_ACTIVE)] == [1, 3]
    assert [row.id for row in view.shown_rows(rows, view.STATUS_RETIRED)] == [2]
    assert [row.id for row in view.shown_rows(rows, view.STATUS_ALL)] == [1, 2, 3]
    assert view.counts_text(rows) == "2 publikasi aktif · 1 ditarik"


def test_sample_banner_counts_active_samples_and_offers_the_admin_to_retire_them() -> None:
    assert layout.sample_banner([list_row()], writable=True) is None
    retired_sample = list_row(id=2, is_sample=True, retired_at=RETIRED_AT)
    assert layout.sample_banner([retired_sample], writable=True) is None
    rows = [list_row(id=1, is_sample=True), list_row(id=3, is_sample=True), retired_sample]
    banner = layout.sample_banner(rows, writable=True)
    assert banner is not None
    text = str(banner)
    assert "Katalog contoh — ganti dengan katalog kantor Anda" in text
    assert ids.SAMPLE_RETIRE in text
    assert "Tarik 2 entri contoh" in text
    assert ids.SAMPLE_RETIRE not in str(layout.sample_banner(rows, writable=False))


# -- the form -------------------------------------------------------------------------------


def test_form_values_of_a_stored_entry_validate_back_to_the_same_entry() -> None:
    publication = stored_publication()
    values = view.form_values(publication)
    assert values["year"] == "2024"
    assert values["hardcopy_stock"] == "3"
    raw = {name: values[name] for name in view.FIELDS}  # what the form sends, by field
    assert validate_publication(raw, current_year=2026) == publication_input(publication)


def test_blank_form_is_this_year_with_hardcopy() -> None:
    values = view.blank_form(2026)
    assert set(values) == set(view.FIELDS)
    assert values["year"] == "2026"
    assert values["has_hardcopy"] is True
    assert values["has_softcopy"] is False
    assert values["subject"] is None


def open_outputs(entry: view.FormEntry, writable: bool) -> dict[str, Any]:
    return admin_form.open_outputs(page.CATALOG, layout.form_opening(entry, writable))


def test_open_outputs_fill_every_output_of_the_open_callback() -> None:
    entry = view.FormEntry(7, view.form_values(stored_publication()), "20 Nov 2026", True)
    outputs = open_outputs(entry, writable=True)
    # the editing store is one output however many keys it holds
    assert output_count({**outputs, "editing": None}) == open_form_output_count(ids.FORM_MODAL)
    assert outputs["selection"] == []  # the cleared grid selection
    assert outputs["is_open"] is True
    assert outputs["editing"] == {"id": 7, "retired": True}
    assert outputs["title"] == "Ubah publikasi 1603-DDA-2024"
    assert (outputs["toggle_label"], outputs["toggle_color"], outputs["toggle_class"]) == (
        "Pulihkan ke katalog",
        "success",
        "me-auto",
    )
    assert outputs["alert"] is None
    assert list(outputs["values"]) == list(view.FIELDS)
    assert outputs["values"]["title"] == "Kabupaten Muara Enim Dalam Angka 2024"


def test_open_outputs_for_a_new_entry_and_for_a_reader() -> None:
    new = open_outputs(view.FormEntry(None, view.blank_form(2026)), writable=True)
    assert new["title"] == "Tambah publikasi"
    assert "d-none" in new["toggle_class"]  # nothing to retire yet
    entry = view.FormEntry(7, view.form_values(stored_publication()))
    read_only = open_outputs(entry, writable=False)
    assert read_only["title"] == "Publikasi 1603-DDA-2024"
    assert "d-none" in read_only["toggle_class"]


def test_save_outputs_put_each_message_beside_its_own_field() -> None:
    errors = {"hardcopy_stock": "Stok hardcopy tidak boleh negatif.", "has_hardcopy": "Pilih…"}
    outputs = admin_form.save_outputs(page.CATALOG, Outcome(errors=errors), version=3)
    messages = outputs["messages"]
    invalid = outputs["invalid"]
    assert list(messages) == list(view.FIELDS)
    assert list(invalid) == list(view.TEXT_FIELDS)
    assert messages["hardcopy_stock"] == errors["hardcopy_stock"]
    assert messages["has_hardcopy"] == "Pilih…"
    assert [name for name, flag in invalid.items() if flag] == ["hardcopy_stock"]
    alert, is_open, version, page_message = (
        outputs[key] for key in ("alert", "is_open", "version", "message")
    )
    assert "Periksa isian" in str(alert)
    assert (is_open, version, page_message) == (no_update, no_update, no_update)


def test_save_outputs_on_success_close_the_form_and_refresh_the_grid() -> None:
    saved = Outcome(value=view.saved_text(stored_publication(), added=True))
    outputs = admin_form.save_outputs(page.CATALOG, saved, version=3)
    alert, is_open, version, page_message = (
        outputs[key] for key in ("alert", "is_open", "version", "message")
    )
    assert (alert, is_open, version) == (None, False, 4)
    assert "1603-DDA-2024" in str(page_message) and "ditambahkan ke katalog" in str(page_message)
    assert not any(outputs["invalid"].values())


def test_retire_outputs() -> None:
    retired = view.retired_text(stored_publication(), retire=True)
    done = admin_form.closed_outputs(Outcome(value=retired), version=None)
    assert (done["is_open"], done["version"]) == (False, 1)
    assert "ditarik dari katalog" in str(done["message"])
    refused = admin_form.closed_outputs(Outcome(errors={FORM: "Publikasi tidak ditemukan."}), 1)
    assert "Publikasi tidak ditemukan." in str(refused["alert"])
    assert (refused["is_open"], refused["version"], refused["message"]) == (
        no_update,
        no_update,
        no_update,
    )


def test_editing_id() -> None:
    assert admin_form.editing_id({"id": 4, "retired": False}) == 4
    assert admin_form.editing_id({"id": None}) is None
    assert admin_form.editing_id(None) is None


# -- import ---------------------------------------------------------------------------------


def test_decode_upload() -> None:
    content = b"Nomor katalog;Judul\n"
    url = "data:text/csv;base64," + base64.b64encode(content).decode()
    assert decode_upload(url) == content
    assert decode_upload(None) is None
    assert decode_upload("data:text/csv;base64,%%%") is None


def test_check_outputs_of_a_rejected_file_show_the_report_and_keep_import_disabled() -> None:
    problems = [
        ImportProblem(3, "Tahun", "Tahun terbit harus berupa angka tahun, mis. 2024."),
        ImportProblem(4, "Subjek", "Subjek 'astrologi' tidak dikenal."),
    ]
    outputs = page.check_outputs("katalog.csv", ParsedCatalog([], problems), set())
    name, alert, report, disabled = (
        outputs[key] for key in ("file_name", "check", "report", "import_disabled")
    )
    assert "katalog.csv" in str(name)
    assert "Berkas ditolak: 2 masalah" in str(alert)
    assert disabled is True
    assert report.id == ids.IMPORT_REPORT_GRID
    assert [(row["row"], row["column"]) for row in report.rowData] == [
        (3, "Tahun"),
        (4, "Subjek"),
    ]


def test_check_outputs_of_a_clean_file_say_what_the_import_will_do() -> None:
    first = validate_publication(
        {
            "catalog_number": "A-1",
            "title": "Satu",
            "year": 2024,
            "subject": "sosial",
            "has_hardcopy": "ya",
            "hardcopy_stock": 2,
            "has_softcopy": "tidak",
        },
        current_year=2026,
    )
    second = validate_publication(
        {**first.__dict__, "catalog_number": "A-2", "title": "Dua"}, current_year=2026
    )
    outputs = page.check_outputs("katalog.xlsx", ParsedCatalog([first, second], []), {"A-2"})
    alert, report, disabled = (outputs[key] for key in ("check", "report", "import_disabled"))
    assert "Berkas valid: 2 baris" in str(alert)
    assert "1 entri baru, 1 memperbarui" in str(alert)
    assert report is None
    assert disabled is False


def test_import_outputs() -> None:
    done = page.import_outputs(Outcome(value=ImportSummary(120, 3, 2)), version=5)
    assert "Impor selesai: 120 baru, 3 diperbarui, 2 tidak berubah." in str(done["check"])
    assert (done["import_disabled"], done["upload"], done["version"]) == (True, None, 6)
    refused = page.import_outputs(Outcome(errors={FORM: "Impor dibatalkan: 2 masalah."}), 5)
    assert "tidak ada yang berubah" in str(refused["check"])
    assert refused["version"] is no_update


def test_summary_text_without_unchanged_rows() -> None:
    assert view.summary_text(ImportSummary(1_200, 0)) == "Impor selesai: 1.200 baru, 0 diperbarui."


# -- the server refuses writes from other roles -----------------------------------------------


NEW_ENTRY = {
    ids.CATALOG_NUMBER: "UJI-PERAN-1",
    ids.TITLE: "Statistik Daerah Kecamatan Gelumbang 2025",
    ids.YEAR: "2025",
    ids.SUBJECT: "wilayah",
    ids.HAS_HARDCOPY: True,
    ids.HARDCOPY_STOCK: "2",
    ids.HAS_SOFTCOPY: False,
}


def save_body(app: Dash, number: str) -> dict[str, Any]:
    values = {f"{ids.SAVE}.n_clicks": 1, f"{ids.EDITING}.data": {"id": None}}
    values.update({f"{key}.value": value for key, value in NEW_ENTRY.items()})
    values[f"{ids.CATALOG_NUMBER}.value"] = number
    return callback_body(
        app,
        f"{ids.FEEDBACK_IDS['catalog_number']}.children",
        values,
        changed=[f"{ids.SAVE}.n_clicks"],
    )


def publications_numbered(app: Dash, number: str) -> int:
    with app.server.app_context(), app_state().database.reading() as session:
        return session.scalar(
            select(func.count())
            .select_from(Publication)
            .where(Publication.catalog_number == number)
        )


def test_only_the_admin_may_write_the_catalog() -> None:
    assert frozenset({ADMIN}) == CATALOG_EDITORS
    assert MONITOR not in DESK_READERS


@pytest.mark.parametrize("role", ["officer", "head", "monitor"])
def test_a_save_from_another_role_is_refused_and_writes_nothing(
    app: Dash, login: Callable[[str], FlaskClient], role: str
) -> None:
    number = f"UJI-{role.upper()}"
    response = login(role).post("/_dash-update-component", json=save_body(app, number))
    assert response.status_code == 403
    assert publications_numbered(app, number) == 0


def test_the_admin_saves_through_the_callback(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    response = login("admin").post("/_dash-update-component", json=save_body(app, "UJI-ADMIN"))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert publications_numbered(app, "UJI-ADMIN") == 1


def test_an_import_from_another_role_is_refused(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    csv = (
        "Nomor katalog;Judul;Tahun;Subjek;Hardcopy;Stok hardcopy;Softcopy\n"
        "UJI-IMPOR;Judul;2024;sosial;ya;1;tidak\n"
    )
    contents = "data:text/csv;base64," + base64.b64encode(csv.encode()).decode()
    values = {
        f"{ids.IMPORT_SUBMIT}.n_clicks": 1,
        f"{ids.IMPORT_UPLOAD}.contents": contents,
        f"{ids.IMPORT_UPLOAD}.filename": "katalog.csv",
    }
    body = callback_body(
        app, f"{ids.IMPORT_CHECK}.children", values, changed=[f"{ids.IMPORT_SUBMIT}.n_clicks"]
    )
    assert login("officer").post("/_dash-update-component", json=body).status_code == 403
    assert publications_numbered(app, "UJI-IMPOR") == 0
    check = callback_body(
        app,
        f"{ids.IMPORT_FILE_NAME}.children",
        {
            f"{ids.IMPORT_UPLOAD}.contents": contents,
            f"{ids.IMPORT_UPLOAD}.filename": "katalog.csv",
        },
        changed=[f"{ids.IMPORT_UPLOAD}.contents"],
    )
    assert login("head").post("/_dash-update-component", json=check).status_code == 403


def test_the_monitor_role_cannot_read_the_catalog(
    app: Dash, login: Callable[[str], FlaskClient]
) -> None:
    body = callback_body(
        app,
        f"{ids.GRID}.rowData",
        {f"{ids.VERSION}.data": 0, f"{ids.STATUS_FILTER}.value": "all"},
        changed=[f"{ids.VERSION}.data"],
    )
    assert login("monitor").post("/_dash-update-component", json=body).status_code == 403
    response = login("officer").post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert isinstance(response.get_json()["response"][ids.GRID]["rowData"], list)
