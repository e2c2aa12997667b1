"""``/laporan-kerja?tahun=YYYY[&bulan=M][&kantor=CODE]``: the work report of a year (or a month)
as one ZIP (DOCX, XLSX and, where LibreOffice is present, PDF) for the head and the
administrator; the login guard answers anonymous requests, other roles get 403 here. The job
runs in the request; its charts are rendered behind ``dashboard.figures.render``'s lock, so
two requests never share Kaleido's server. A bad year, month or office gets a 400 with the
reason in Indonesian, as does an office template whose tags do not fit."""

from __future__ import annotations

from flask import Flask, Response, request

from dashboard.clock import local_date, utc_now
from dashboard.errors import InputError
from dashboard.paths import REPORT_PATH
from dashboard.reports.content import parse_report_request
from dashboard.reports.job import produce_report, report_zip
from dashboard.reports.template import check_template, read_template, template_path
from dashboard.roles import STATS_READERS
from dashboard.web.context import app_state, require_role

ZIP_TYPE = "application/zip"


def _refused(error: InputError) -> Response:
    return Response(" ".join(error.errors.values()), status=400, mimetype="text/plain")


def _report() -> Response:
    actor = require_role(STATS_READERS)
    database = app_state().database
    today = local_date(utc_now())
    args = request.args
    try:
        with database.reading() as session:
            asked = parse_report_request(
                session,
                args.get("tahun"),
                args.get("bulan"),
                args.get("kantor"),
                actor.office_id,
                today,
            )
        template = read_template(template_path())
        check_template(template)
    except InputError as error:
        return _refused(error)
    files = produce_report(database, asked, today, template)
    response = Response(report_zip(files), mimetype=ZIP_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{files.stem}.zip"'
    response.headers["Cache-Control"] = "no-store"
    return response


def install_report_route(server: Flask) -> None:
    server.add_url_rule(REPORT_PATH, "work_report", _report)
