"""Callbacks of *Permintaan tidak terpenuhi*: the period (this year unless chosen), then the
summary, the chart and the table of topics for it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from dash import Dash, Input, Output, ctx, no_update

from callbacks.common import read
from dashboard.clock import local_date, utc_now
from dashboard.errors import InputError
from dashboard.library import unmet_demand_ids as ids
from dashboard.library.unmet_demand import (
    UnmetDemand,
    build_unmet_demand,
    grid_rows,
    last_twelve_months,
    last_year,
    parse_period,
    summary_text,
    this_year,
    unmet_figure,
)
from dashboard.web.context import app_state
from db.queries.unmet_demand import requests_in_period, unmet_requests

PRESETS: dict[str, Callable[[date], tuple[date, date]]] = {
    ids.THIS_YEAR: this_year,
    ids.LAST_YEAR: last_year,
    ids.LAST_12_MONTHS: last_twelve_months,
}


def preset_period(clicked: object, today: date) -> tuple[str, str]:
    """The period a preset button sets (this year when the page opens), as ISO dates."""
    choose = PRESETS.get(clicked if isinstance(clicked, str) else "", this_year)
    first_day, last_day = choose(today)
    return first_day.isoformat(), last_day.isoformat()


def load_demand(office_id: int, first_day: date, last_day: date) -> UnmetDemand:
    rows, total = read(
        lambda session: (
            unmet_requests(session, office_id, first_day, last_day),
            requests_in_period(session, office_id, first_day, last_day),
        )
    )
    return build_unmet_demand(first_day, last_day, rows, total)


def demand_outputs(demand: UnmetDemand) -> tuple[Any, ...]:
    """Summary, chart, table rows, period message, start/end invalid flags."""
    return (
        summary_text(demand),
        unmet_figure(demand.groups),
        grid_rows(demand.groups),
        "",
        False,
        False,
    )


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.START, "value"),
        Output(ids.END, "value"),
        Input(ids.THIS_YEAR, "n_clicks"),
        Input(ids.LAST_YEAR, "n_clicks"),
        Input(ids.LAST_12_MONTHS, "n_clicks"),
        running=[
            (Output(button, "disabled"), True, False)
            for button in (ids.THIS_YEAR, ids.LAST_YEAR, ids.LAST_12_MONTHS)
        ],
    )
    def choose_period(*_clicks: int | None) -> tuple[str, str]:
        return preset_period(ctx.triggered_id, local_date(utc_now()))

    @app.callback(
        Output(ids.SUMMARY, "children"),
        Output(ids.CHART, "figure"),
        Output(ids.GRID, "rowData"),
        Output(ids.PERIOD_FEEDBACK, "children"),
        Output(ids.START, "invalid"),
        Output(ids.END, "invalid"),
        Input(ids.START, "value"),
        Input(ids.END, "value"),
    )
    def show(first: str | None, last: str | None) -> tuple[Any, ...]:
        try:
            first_day, last_day = parse_period(first, last)
        except InputError as error:
            message = error.errors["period"]
            return no_update, no_update, no_update, message, not first, not last or bool(first)
        return demand_outputs(load_demand(app_state().office_id, first_day, last_day))
