"""Callbacks of *Tren layanan* (head and admin only: ``read(…, STATS_READERS)``, 403 for
the others): the period from a preset (or "custom" when dates are typed), the office choice
when the database holds several, the whole page redrawn from one read model, and a chart's
data downloaded as CSV or XLSX."""

from __future__ import annotations

from typing import Any

from dash import ALL, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import read
from dashboard.clock import local_date, utc_now
from dashboard.errors import InputError
from dashboard.roles import STATS_READERS
from dashboard.trends import trends_ids as ids
from dashboard.trends.chart_tables import CHARTS, XLSX_TYPE, download_name, table_csv, table_xlsx
from dashboard.trends.trends_charts import chart_figures
from dashboard.trends.trends_layout import (
    headline,
    notice,
    office_options,
    period_text,
)
from dashboard.trends.trends_view import (
    CUSTOM,
    Controls,
    TrendsView,
    load_trends_for,
    office_choices,
    preset_period,
    report_href,
)
from dashboard.web.callback_registry import callback
from dashboard.web.context import app_state, require_role

CONTROLS = {
    "first": State(ids.START, "value"),
    "last": State(ids.END, "value"),
    "grain": State(ids.GRAIN, "value"),
    "comparison": State(ids.COMPARISON, "value"),
    "office": State(ids.OFFICE, "value"),
}


@callback(
    output={
        "preset": Output(ids.PRESET, "value"),
        "first": Output(ids.START, "value"),
        "last": Output(ids.END, "value"),
    },
    inputs={
        "preset": Input(ids.PRESET, "value"),
        "first": Input(ids.START, "value"),
        "last": Input(ids.END, "value"),
    },
)
def choose_period(preset: str | None, first: str | None, last: str | None) -> dict[str, Any]:
    """A preset fills the dates; dates typed by hand make the preset "custom"."""
    if ctx.triggered_id in (ids.START, ids.END):
        return {"preset": CUSTOM, "first": no_update, "last": no_update}
    period = preset_period(preset or "", local_date(utc_now()))
    if period is None:
        raise PreventUpdate
    return {
        "preset": no_update,
        "first": period.first_day.isoformat(),
        "last": period.last_day.isoformat(),
    }


@callback(
    output={
        "options": Output(ids.OFFICE, "options"),
        "value": Output(ids.OFFICE, "value"),
        "style": Output(ids.OFFICE_FIELD, "style"),
    },
    inputs={"_loaded": Input(ids.LOADED, "data")},
)
def choose_office(_loaded: object) -> dict[str, Any]:
    """The office selector, shown only when the database holds several offices."""
    own = app_state().office_id
    offices = read(office_choices, STATS_READERS)
    mine = next((office.code for office in offices if office.id == own), None)
    return {
        "options": office_options([(office.code, office.name) for office in offices]),
        "value": mine,
        "style": {} if len(offices) > 1 else {"display": "none"},
    }


def _view(controls: dict[str, str | None]) -> TrendsView:
    own = app_state().office_id
    return read(lambda session: load_trends_for(session, Controls(**controls), own), STATS_READERS)


@callback(
    output={
        "figures": {key: Output(ids.GRAPH_IDS[key], "figure") for key in CHARTS},
        "readings": {key: Output(ids.READING_IDS[key], "children") for key in CHARTS},
        "headline": Output(ids.HEADLINE, "children"),
        "notice": Output(ids.NOTICE, "children"),
        "period": Output(ids.PERIOD_TEXT, "children"),
    },
    inputs={
        name: Input(spec.component_id, spec.component_property) for name, spec in CONTROLS.items()
    },
)
def redraw(**controls: str | None) -> dict[str, Any]:
    try:
        view = _view(controls)
    except InputError as error:
        return {
            "figures": {key: no_update for key in CHARTS},
            "readings": {key: no_update for key in CHARTS},
            "headline": no_update,
            "notice": notice(None, error.errors["period"]),
            "period": no_update,
        }
    return {
        "figures": chart_figures(view),
        "readings": view.readings,
        "headline": headline(view),
        "notice": notice(view),
        "period": period_text(view),
    }


@callback(
    output=Output(ids.REPORT_LINK, "href"),
    inputs={
        "year": Input(ids.REPORT_YEAR, "value"),
        "month": Input(ids.REPORT_MONTH, "value"),
        "office": Input(ids.OFFICE, "value"),
    },
)
def report_link(year: str | None, month: str | None, office: str | None) -> str:
    """The work report's download address for the chosen year, month and office (the route
    checks the role again when the file is asked for)."""
    require_role(STATS_READERS)
    return report_href(year, month, office)


@callback(
    output=Output(ids.DOWNLOAD, "data"),
    inputs={
        "_clicks": Input({"type": ids.DOWNLOAD_BUTTON, "chart": ALL, "format": ALL}, "n_clicks")
    },
    state=CONTROLS,
    prevent_initial_call=True,
)
def download(_clicks: list[int | None], **controls: str | None) -> Any:
    """The clicked chart's table, read again for the controls' values."""
    clicked = ctx.triggered_id
    if not isinstance(clicked, dict) or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    key, kind = str(clicked["chart"]), str(clicked["format"])
    if key not in CHARTS:
        raise PreventUpdate
    try:
        view = _view(controls)
    except InputError:
        raise PreventUpdate from None
    table = view.tables[key]
    if kind == "xlsx":
        content = table_xlsx(table, CHARTS[key])
        return dcc.send_bytes(content, download_name(key, view, "xlsx"), type=XLSX_TYPE)
    return dcc.send_bytes(table_csv(table), download_name(key, view, "csv"), type="text/csv")
