"""``GET /api/v1/stats?from=YYYY-MM-DD&to=YYYY-MM-DD[&office=CODE]``: the statistics of a
period for the head and the administrator (the login guard answers 401 to anonymous requests;
other roles get 403 here), computed by ``dashboard.trends.stats`` (the trends page's code). A
bad, missing or reversed date or an unknown office gets a 400 with the reason in Indonesian.
"""

from __future__ import annotations

import json

from flask import Flask, Response, request

from dashboard.errors import InputError
from dashboard.paths import STATS_API_PATH
from dashboard.roles import STATS_READERS
from dashboard.trends.stats import load_period_stats, parse_stats_query, stats_json
from dashboard.web.context import app_state, require_role

JSON_TYPE = "application/json"


def _answer(body: object, status: int = 200) -> Response:
    response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=JSON_TYPE)
    response.headers["Cache-Control"] = "no-store"
    return response


def _stats() -> Response:
    actor = require_role(STATS_READERS)
    with app_state().database.reading() as session:
        try:
            period, office_ids = parse_stats_query(session, request.args, actor.office_id)
        except InputError as error:
            return _answer({"error": "; ".join(error.errors.values()), "fields": error.errors}, 400)
        return _answer(stats_json(load_period_stats(session, period, office_ids)))


def install_stats_routes(server: Flask) -> None:
    server.add_url_rule(STATS_API_PATH, "stats_api", _stats)
