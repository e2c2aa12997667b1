"""Unmet demand: what a topic is, how requests are grouped, labelled and counted, the period,
the table rows and the chart (pure functions, no database)."""

from __future__ import annotations

from datetime import date

import pytest
from dash import Dash

from callbacks import unmet_demand as unmet_callbacks
from dashboard.errors import InputError
from dashboard.figures.unmet_demand import unmet_figure
from dashboard.library import unmet_demand_ids as ids
from dashboard.library.unmet_demand import (
    NO_AGENCY,
    build_unmet_demand,
    grid_rows,
    group_unmet,
    last_twelve_months,
    last_year,
    parse_period,
    significant_words,
    summary_text,
    this_year,
    topic_key,
)
from db.queries.unmet_demand import UnmetRow
from tests.helpers.callbacks import Wiring, wirings


def row(
    text: str, agency: str | None = "Dinas Kesehatan", count: int = 1, day: int = 1
) -> UnmetRow:
    return UnmetRow(text, agency, count, date(2026, 3, day))


# -- what a topic is -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Jumlah penduduk per kecamatan 2024", "data kependudukan menurut kecamatan"),
        ("Angka kematian bayi 2024", "KEMATIAN BAYI tahun 2020-2023"),
        ("Curah hujan harian Muara Enim", "curah hujan harian kabupaten muara enim 2025"),
        ("Luas panen padi", "padi, luas panen"),
        ("Jumlah sekolah dan murid SD", "murid dan sekolah SD"),
    ],
)
def test_same_topic(first: str, second: str) -> None:
    assert topic_key(first) == topic_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Jumlah penduduk per kecamatan", "Jumlah penduduk"),
        ("Luas panen padi", "Luas panen jagung"),
        ("PDRB per kapita", "PDRB"),
    ],
)
def test_different_topics(first: str, second: str) -> None:
    assert topic_key(first) != topic_key(second)


def test_significant_words_drop_numbers_and_stop_words_and_keep_the_written_form() -> None:
    assert significant_words("Data jumlah penduduk di Kabupaten Muara Enim tahun 2024") == [
        ("penduduk", "duduk")
    ]
    assert topic_key("Jumlah penduduk per kecamatan 2024") == "camat duduk"


def test_a_request_with_no_significant_word_is_its_own_topic() -> None:
    assert topic_key("Data 2024") == "=data 2024"
    assert topic_key("data  2024") == topic_key("DATA 2024")
    assert topic_key("Data 2024") != topic_key("Data 2023")


# -- grouping ---------------------------------------------------------------------------------


def test_groups_count_label_share_agencies_and_terms() -> None:
    rows = [
        row("Jumlah penduduk per kecamatan 2024", "Disdukcapil", 3, day=2),
        row("data kependudukan menurut kecamatan", "Disdukcapil", 1, day=9),
        row("Penduduk per kecamatan", "Dinas Sosial", 1, day=5),
        row("Angka kematian bayi", "Dinas Kesehatan", 2, day=4),
        row("Curah hujan", None, 1, day=1),
    ]
    population, infants, rain = group_unmet(rows, total_requests=20)
    assert population.label == "Jumlah penduduk per kecamatan 2024"  # the most frequent wording
    assert (population.count, population.wordings) == (5, 3)
    assert population.share == pytest.approx(0.25)
    assert population.last_asked == date(2026, 3, 9)
    assert population.agencies == (("Disdukcapil", 4), ("Dinas Sosial", 1))
    assert population.terms == ("kecamatan", "penduduk")  # the form written most often
    assert (infants.count, infants.label) == (2, "Angka kematian bayi")
    assert rain.agencies == ((NO_AGENCY, 1),)


def test_label_ties_go_to_the_most_recent_wording() -> None:
    rows = [row("Luas panen padi", day=3), row("padi luas panen", day=8)]
    (group,) = group_unmet(rows, total_requests=2)
    assert group.label == "padi luas panen"


def test_topics_are_sorted_by_count_then_most_recent() -> None:
    rows = [
        row("Luas panen padi", count=1, day=1),
        row("Jumlah ternak sapi", count=3, day=2),
        row("Curah hujan", count=1, day=20),
    ]
    assert [group.label for group in group_unmet(rows, 10)] == [
        "Jumlah ternak sapi",
        "Curah hujan",
        "Luas panen padi",
    ]


def test_no_requests_in_the_period_gives_zero_shares() -> None:
    (group,) = group_unmet([row("Curah hujan")], total_requests=0)
    assert group.share == 0.0


# -- what the page shows ------------------------------------------------------------------------


def test_summary_text() -> None:
    first, last = date(2026, 1, 1), date(2026, 11, 26)
    demand = build_unmet_demand(first, last, [row("Curah hujan", count=3)], total_requests=8)
    assert summary_text(demand) == (
        "3 dari 8 permintaan data (37,5 %) pada 1 Jan 2026 – 26 Nov 2026 tidak tersedia di BPS, "
        "dalam 1 topik."
    )
    assert "Tidak ada permintaan data" in summary_text(build_unmet_demand(first, last, [], 0))
    assert "tidak ada yang dirujuk" in summary_text(build_unmet_demand(first, last, [], 4))


def test_grid_rows() -> None:
    groups = group_unmet(
        [row("Curah hujan", "BMKG", 2, day=7), row("curah hujan 2025", "Bappeda", 1, day=8)], 4
    )
    assert grid_rows(groups) == [
        {
            "id": topic_key("Curah hujan"),
            "rank": 1,
            "label": "Curah hujan",
            "count": 3,
            "share": 75.0,
            "share_text": "75,0 %",
            "last_asked": "2026-03-08",
            "last_asked_text": "8 Mar 2026",
            "agencies": "BMKG (2), Bappeda (1)",
            "terms": "curah, hujan",
            "wordings": 2,
        }
    ]


def test_figure_shows_the_top_15_largest_on_top() -> None:
    rows = [row(f"Topik nomor {chr(97 + n)}{chr(97 + n)}", count=n + 1) for n in range(20)]
    figure = unmet_figure(group_unmet(rows, 100))
    (bars,) = figure.data
    assert bars.orientation == "h"
    assert len(bars.x) == 15 and bars.x[0] == 20 and bars.x[-1] == 6
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.layout.title.text == "15 topik teratas"


def test_figure_of_nothing_says_so() -> None:
    figure = unmet_figure([])
    assert figure.data == ()
    assert "Tidak ada permintaan" in figure.layout.annotations[0].text


# -- the period ---------------------------------------------------------------------------------


def test_period_presets() -> None:
    today = date(2026, 11, 26)
    assert this_year(today) == (date(2026, 1, 1), today)
    assert last_year(today) == (date(2025, 1, 1), date(2025, 12, 31))
    assert last_twelve_months(today) == (date(2025, 11, 27), today)
    assert unmet_callbacks.preset_period(None, today) == ("2026-01-01", "2026-11-26")
    assert unmet_callbacks.preset_period(ids.LAST_YEAR, today) == ("2025-01-01", "2025-12-31")


def test_parse_period() -> None:
    assert parse_period("2026-01-01", "2026-01-31") == (date(2026, 1, 1), date(2026, 1, 31))
    for first, last in ((None, "2026-01-01"), ("2026-13-01", "2026-12-31"), ("", "")):
        with pytest.raises(InputError) as error:
            parse_period(first, last)
        assert error.value.errors == {"period": "Isi tanggal awal dan akhir periode."}
    with pytest.raises(InputError) as error:
        parse_period("2026-02-01", "2026-01-31")
    assert "tidak boleh sebelum" in error.value.errors["period"]


def test_callbacks_register_on_a_fresh_app(app: Dash) -> None:
    """The app the factory builds wires the page's two callbacks: the period buttons set the
    period, and the period draws the summary, chart, grid and its own feedback."""
    assert wirings(app, "callbacks.unmet_demand") == {
        Wiring(
            frozenset({"unmet-start.value", "unmet-end.value"}),
            frozenset(
                {
                    "unmet-this-year.n_clicks",
                    "unmet-last-year.n_clicks",
                    "unmet-last-12-months.n_clicks",
                }
            ),
        ),
        Wiring(
            frozenset(
                {
                    "unmet-summary.children",
                    "unmet-chart.figure",
                    "unmet-grid.rowData",
                    "unmet-period-feedback.children",
                    "unmet-start.invalid",
                    "unmet-end.invalid",
                }
            ),
            frozenset({"unmet-start.value", "unmet-end.value"}),
        ),
    }
