"""Step 6/7 at the desk without a database: the search filters and result texts, the pick
target, the remove-button keys, and what the panels of steps 6-8 draw for found and referred
requests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from dash import Dash

from callbacks import service as service_callbacks
from dashboard import sop
from dashboard.library import referral_slip_ids as slip_ids
from dashboard.library import unmet_demand_ids as unmet_ids
from dashboard.paths import slip_path
from dashboard.visits import service_ids as ids
from dashboard.visits.desk_search import (
    ANY,
    RESULT_LIMIT,
    SearchFilters,
    SearchResult,
    default_target,
    formats_text,
    parse_filters,
    parse_unpick_key,
    picked_line,
    result_message,
    run_search,
    shelf_text,
    short_request,
    stock_text,
    unpick_key,
)
from dashboard.visits.service_layout import render_visit, search_results
from dashboard.visits.service_page import AVAILABLE, RequestView
from dashboard.web.callback_registry import register_callbacks
from db.queries.catalog_search import AgencySuggestion, PublicationHit
from db.queries.library_desk import LinkedPublication
from tests.unit.test_service_page import EARLIER, T0, ids_in, make_view, step, text_of, walk

PUBLICATION = LinkedPublication(
    request_id=11,
    publication_id=7,
    catalog_number="1603-DDA-2025",
    title="Kabupaten Muara Enim Dalam Angka 2025",
    year=2025,
    shelf_location="Rak A-1",
    has_hardcopy=True,
    hardcopy_stock=3,
    has_softcopy=True,
)
HIT = PublicationHit(
    id=7,
    catalog_number="1603-DDA-2025",
    title="Kabupaten Muara Enim Dalam Angka 2025",
    year=2025,
    subject="wilayah",
    region="Kabupaten Muara Enim",
    has_hardcopy=True,
    hardcopy_stock=0,
    shelf_location="A-1",
    has_softcopy=False,
    retired=False,
    rank=3.2,
)
SUGGESTION = AgencySuggestion(
    id=5,
    name="Dinas Kesehatan",
    topics="kesehatan; kematian bayi",
    address=None,
    phone=None,
    rank=2.1,
)


def request(request_id: int, position: int, **changes: Any) -> RequestView:
    return replace(
        RequestView(request_id, position, f"Permintaan {position}", None, None, None), **changes
    )


# -- filters and texts ------------------------------------------------------------------------


def test_parse_filters() -> None:
    assert parse_filters(" 2024 ", "kependudukan", "hardcopy") == SearchFilters(
        2024, "kependudukan", "hardcopy"
    )
    assert parse_filters(None, ANY, ANY) == SearchFilters()
    assert not parse_filters("", ANY, ANY).any
    assert parse_filters("", "bukan-subjek", "cd-rom") == SearchFilters()
    for typed in ("20x4", "12", "٢٠٢٤"):
        filters = parse_filters(typed, ANY, ANY)
        assert (
            filters.year is None and filters.year_problem == "Tahun ditulis empat angka, mis. 2024."
        )


def test_result_message() -> None:
    nothing = SearchFilters()
    assert result_message("penduduk", 3, nothing) == "3 publikasi ditemukan."
    assert "Tidak ada publikasi yang cocok dengan “zzz”" in result_message("zzz", 0, nothing)
    assert "saringan ini" in result_message("", 0, SearchFilters(year=1990))
    assert "teratas" in result_message("data", RESULT_LIMIT, nothing)
    assert result_message("x", 1, parse_filters("abc", ANY, ANY)).startswith("Tahun ditulis")


def test_result_texts() -> None:
    assert formats_text(True, True) == "Hardcopy · Softcopy"
    assert formats_text(False, True) == "Softcopy"
    assert formats_text(False, False) == "—"
    assert stock_text(True, 1234) == "stok 1.234"
    assert stock_text(True, 0) == "stok habis"
    assert stock_text(False, 5) == "—"
    assert shelf_text("A-1") == "rak A-1"
    assert shelf_text("Rak A-1") == "Rak A-1"
    assert shelf_text(None) == "rak belum dicatat"
    assert picked_line(PUBLICATION) == (
        "Kabupaten Muara Enim Dalam Angka 2025 (2025) · Rak A-1 · stok 3 · softcopy"
    )


def test_search_results_table_has_a_pick_button_per_hit() -> None:
    table = search_results(SearchResult((HIT,), "1 publikasi ditemukan."))
    assert {ids.SEARCH_RESULT_TYPE, ids.SEARCH_PICK_TYPE} <= ids_in(table)
    text = text_of(table)
    for expected in ("Kabupaten Muara Enim Dalam Angka 2025", "Wilayah dalam Angka", "stok habis"):
        assert expected in text
    assert ids_in(search_results(SearchResult((), "Ketik…"))) == set()


# -- the pick target and remove keys -----------------------------------------------------------


def test_default_target_is_the_first_request_not_found() -> None:
    found = request(11, 1, publications=(PUBLICATION,))
    assert default_target([found, request(12, 2)]) == 12
    assert default_target([found]) == 11
    assert default_target([]) is None


def test_short_request() -> None:
    long = request(
        3, 3, description="Jumlah penduduk menurut kelompok umur dan jenis kelamin per desa"
    )
    assert short_request(long) == "3. Jumlah penduduk menurut kelompok umur dan jenis…"
    assert short_request(request(1, 1)) == "1. Permintaan 1"


@pytest.mark.parametrize("key", ["", None, "12", "a-b", "12-", "-4", "0-4", "12-4-5"])
def test_parse_unpick_key_refuses_anything_but_two_ids(key: object) -> None:
    assert parse_unpick_key(key) is None


def test_unpick_key_round_trip() -> None:
    assert parse_unpick_key(unpick_key(12, 4)) == (12, 4)


def test_clicked_index_ignores_buttons_that_appear_without_a_click() -> None:
    button = {"type": ids.SEARCH_PICK_TYPE, "index": 7}
    assert service_callbacks.clicked_index(button, [{"prop_id": "x", "value": 1}]) == 7
    assert service_callbacks.clicked_index(button, [{"prop_id": "x", "value": None}]) is None
    assert service_callbacks.clicked_index(None, []) is None


# -- panels of steps 6, 7 and after --------------------------------------------------------------


def view_with(open_step, requests):  # type: ignore[no-untyped-def]
    view = make_view([*EARLIER, open_step])
    return replace(view, visit=replace(view.visit, requests=tuple(requests)))


def test_step_6_panel_has_the_search_box_first_and_the_picks() -> None:
    requests = [request(11, 1, publications=(PUBLICATION,)), request(12, 2)]
    page = render_visit(view_with(step(sop.SEARCH, 2, 2, None), requests), True, T0)
    assert {
        ids.SEARCH_QUERY,
        ids.SEARCH_YEAR,
        ids.SEARCH_SUBJECT,
        ids.SEARCH_FORMAT,
        ids.SEARCH_TARGET,
        ids.SEARCH_RESULTS,
        ids.SEARCH_REQUESTS,
        ids.SEARCH_PICKED_TYPE,
        ids.SEARCH_UNPICK_TYPE,
        ids.SEARCH_NOTE,
        ids.SEARCH_SUBMIT,
    } <= ids_in(page.panel)
    fields = [
        item.id
        for item in walk(page.panel)
        if type(item).__name__ in {"Input", "Select", "Textarea", "Button", "RadioItems"}
    ]
    assert fields[0] == ids.SEARCH_QUERY  # the page focuses the first field
    (target,) = [
        item for item in walk(page.panel) if getattr(item, "id", None) == ids.SEARCH_TARGET
    ]
    assert target.value == 12
    assert "Kabupaten Muara Enim Dalam Angka 2025" in text_of(page.panel)


def test_step_7_preselects_found_requests_and_offers_suggestions() -> None:
    requests = [
        request(11, 1, publications=(PUBLICATION,)),
        request(12, 2, suggestions=(SUGGESTION,)),
    ]
    page = render_visit(view_with(step(sop.AVAILABILITY, 3, 3, None), requests), True, T0)
    radios = {
        item.id["index"]: item.value
        for item in walk(page.panel)
        if isinstance(getattr(item, "id", None), dict)
        and item.id["type"] == ids.REQUEST_AVAILABLE_TYPE
    }
    assert radios == {11: AVAILABLE, 12: None}
    picks = [
        item
        for item in walk(page.panel)
        if isinstance(getattr(item, "id", None), dict)
        and item.id["type"] == ids.REQUEST_AGENCY_PICK_TYPE
    ]
    assert [(pick.id["index"], pick.id["agency"], pick.children) for pick in picks] == [
        (12, 5, "Dinas Kesehatan")
    ]
    assert "Ditemukan di katalog" in text_of(page.panel)
    assert "Tidak ada dinas di direktori" in text_of(page.panel)


def test_summary_links_the_slip_once_a_request_is_referred() -> None:
    referred = [
        request(11, 1, available=True, publications=(PUBLICATION,)),
        request(12, 2, available=False, referred_agency="Dinas Kesehatan"),
    ]
    page = render_visit(view_with(step(sop.READING_TABLE, 4, 4, None), referred), True, T0)
    (link,) = [item for item in walk(page.panel) if getattr(item, "id", None) == ids.SLIP_LINK]
    assert link.href == slip_path(1) == "/rujukan/1" and link.target == "_blank"
    text = text_of(page.panel)
    assert "dirujuk ke Dinas Kesehatan" in text and "Rak A-1" in text
    available_only = [request(11, 1, available=True)]
    page = render_visit(view_with(step(sop.READING_TABLE, 4, 4, None), available_only), True, T0)
    assert ids.SLIP_LINK not in ids_in(page.panel)


def test_slip_callbacks_register_on_a_fresh_app() -> None:
    app = Dash(__name__, suppress_callback_exceptions=True)
    register_callbacks(app)
    slip_outputs = [key for key in app.callback_map if "referral-slip-" in key]
    assert len(slip_outputs) == 2


@pytest.mark.parametrize(
    ("module", "prefix"), [(slip_ids, "referral-slip-"), (unmet_ids, "unmet-")]
)
def test_new_page_ids_are_unique_kebab_case_and_page_prefixed(module: object, prefix: str) -> None:
    values = [value for name, value in vars(module).items() if name.isupper()]
    assert len(values) == len(set(values))
    assert all(value.startswith(prefix) and value == value.lower() for value in values)
    assert " " not in "".join(values) and "_" not in "".join(values)


def test_one_letter_waits_for_the_second_without_querying() -> None:
    """One letter matches most of the catalog: the desk asks for a second one instead of
    scoring thousands of rows (the session is never touched)."""
    result = run_search(None, 1, "k", SearchFilters())  # type: ignore[arg-type]
    assert result.hits == ()
    assert "2 huruf" in result.message
