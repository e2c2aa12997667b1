"""Callbacks of *Permintaan tidak terpenuhi*: the period (this year unless chosen), then the
summary, the chart and the table of topics for it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from dash import Input, Output, ctx, no_update

from callbacks.common import read
from dashboard.clock import local_date, utc_now
from dashboard.errors import InputError
from dashboard.figures.unmet_demand import unmet_figure
from dashboard.library import unmet_demand_ids as ids
from dashboard.library.unmet_demand import (
    UnmetDemand,
    grid_rows,
    last_twelve_months,
    last_year,
    load_unmet_demand,
    parse_period,
    summary_text,
    this_year,
)
from dashboard.ui.forms import disabled_while_running
from dashboard.web.callback_registry import callback
from dashboard.web.context import app_state

PRESETS: dict[str, Callable[[date], tuple[date, date]]] = {
    ids.THIS_YEAR: this_year,
    ids.LAST_YEAR: last_year,
    ids.LAST_12_MONTHS: last_twelve_months,
}
PRESET_BUTTONS = (ids.THIS_YEAR, ids.LAST_YEAR, ids.LAST_12_MONTHS)


def preset_period(clicked: object, today: date) -> tuple[str, str]:
    """The period a preset button sets (this year when the page opens), as ISO dates."""
    choose = PRESETS.get(clicked if isinstance(clicked, str) else "", this_year)
    first_day, last_day = choose(today)
    return first_day.isoformat(), last_day.isoformat()


@callback(
    output={"first": Output(ids.START, "value"), "last": Output(ids.END, "value")},
    inputs={"_clicks": {button: Input(button, "n_clicks") for button in PRESET_BUTTONS}},
    running=disabled_while_running(*PRESET_BUTTONS),
)
def choose_period(_clicks: dict[str, int | None]) -> dict[str, str]:
    first, last = preset_period(ctx.triggered_id, local_date(utc_now()))
    return {"first": first, "last": last}


def demand_outputs(demand: UnmetDemand) -> dict[str, Any]:
    """The summary, chart and table of a period, and the period accepted."""
    return {
        "summary": summary_text(demand),
        "chart": unmet_figure(demand.groups),
        "rows": grid_rows(demand.groups),
        "period_message": "",
        "first_invalid": False,
        "last_invalid": False,
    }


@callback(
    output={
        "summary": Output(ids.SUMMARY, "children"),
        "chart": Output(ids.CHART, "figure"),
        "rows": Output(ids.GRID, "rowData"),
        "period_message": Output(ids.PERIOD_FEEDBACK, "children"),
        "first_invalid": Output(ids.START, "invalid"),
        "last_invalid": Output(ids.END, "invalid"),
    },
    inputs={"first": Input(ids.START, "value"), "last": Input(ids.END, "value")},
)
def show(first: str | None, last: str | None) -> dict[str, Any]:
    try:
        first_day, last_day = parse_period(first, last)
    except InputError as error:
        return {
            "summary": no_update,
            "chart": no_update,
            "rows": no_update,
            "period_message": error.errors["period"],
            "first_invalid": not first,
            "last_invalid": not last or bool(first),
        }
    office_id = app_state().office_id
    demand = read(lambda session: load_unmet_demand(session, office_id, first_day, last_day))
    return demand_outputs(demand)
