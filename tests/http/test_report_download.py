"""``/laporan-kerja`` through Flask's test client: only the head and the administrator get the
work report (anonymous users are sent to the login page, every other role gets 403, also for
the trends page's link callback), a bad year, month or office gets a 400 with the reason in
Indonesian, and the head's download is one ZIP with the DOCX and XLSX (and the PDF where
LibreOffice is installed, else a note saying how to get it)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

import pytest
from dash import Dash
from flask.testing import FlaskClient

from dashboard.clock import local_date, utc_now
from dashboard.reports.pdf import find_soffice
from dashboard.roles import ADMIN, HEAD, MONITOR, OFFICER, TREASURER
from dashboard.trends import trends_ids as ids
from tests.helpers.dash_requests import callback_body
from tests.helpers.reports import docx_headings

REPORT = "/laporan-kerja"
THIS_YEAR = local_date(utc_now()).year


def test_anonymous_requests_are_sent_to_sign_in(client: FlaskClient) -> None:
    response = client.get(REPORT, query_string={"tahun": THIS_YEAR})
    assert response.status_code in (302, 401)
    assert response.mimetype != "application/zip"


@pytest.mark.parametrize("role", [OFFICER, TREASURER, MONITOR])
def test_other_roles_get_403(login: Callable[[str], FlaskClient], role: str) -> None:
    client = login(role)
    assert client.get(REPORT, query_string={"tahun": THIS_YEAR}).status_code == 403


def _link_request(app: Dash) -> dict[str, object]:
    inputs = {
        f"{ids.REPORT_YEAR}.value": str(THIS_YEAR),
        f"{ids.REPORT_MONTH}.value": "1",
        f"{ids.OFFICE}.value": "1603",
    }
    return callback_body(app, f"{ids.REPORT_LINK}.href", inputs)


@pytest.mark.parametrize("role", [OFFICER, TREASURER, MONITOR])
def test_the_link_callback_refuses_other_roles(
    app: Dash, login: Callable[[str], FlaskClient], role: str
) -> None:
    response = login(role).post("/_dash-update-component", json=_link_request(app))
    assert response.status_code == 403


def test_the_link_follows_the_choices(app: Dash, login: Callable[[str], FlaskClient]) -> None:
    response = login(ADMIN).post("/_dash-update-component", json=_link_request(app))
    assert response.status_code == 200, response.get_data(as_text=True)
    href = json.loads(response.get_data(as_text=True))["response"][ids.REPORT_LINK]["href"]
    assert href == f"{REPORT}?tahun={THIS_YEAR}&bulan=1&kantor=1603"


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ({}, "Tahun laporan tidak valid"),
        ({"tahun": "1999"}, "Tahun laporan harus antara 2000"),
        ({"tahun": str(THIS_YEAR + 1)}, "Tahun laporan harus antara 2000"),
        ({"tahun": str(THIS_YEAR), "bulan": "13"}, "Bulan laporan harus 1 sampai 12"),
        ({"tahun": str(THIS_YEAR), "kantor": "9999"}, "Kantor dengan kode '9999' tidak dikenal"),
    ],
)
def test_bad_choices_get_400_with_a_reason(
    login: Callable[[str], FlaskClient], query: dict[str, str], fragment: str
) -> None:
    response = login(HEAD).get(REPORT, query_string=query)
    assert response.status_code == 400
    assert fragment in response.get_data(as_text=True)


def test_the_head_downloads_the_month_as_one_zip(login: Callable[[str], FlaskClient]) -> None:
    response = login(HEAD).get(REPORT, query_string={"tahun": THIS_YEAR, "bulan": "1"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/zip"
    stem = f"laporan-bulanan-1603-{THIS_YEAR}-01"
    assert f'filename="{stem}.zip"' in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(archive.namelist())
    assert {f"{stem}.docx", f"{stem}.xlsx"} <= names
    assert docx_headings(archive.read(f"{stem}.docx"))[0] == "1. Ringkasan"
    if find_soffice() is None:
        assert "apt-get install libreoffice-writer-nogui" in archive.read("CATATAN.txt").decode()
    else:
        assert archive.read(f"{stem}.pdf").startswith(b"%PDF")
