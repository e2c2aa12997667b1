"""The trends page's figure builders and readings on small hand-made metric results: what each
chart draws, that an empty period says so instead of crashing, and the one-line readings."""

from __future__ import annotations

from datetime import date

from dashboard.figures import trends as charts
from dashboard.figures.theme import graph_config
from dashboard.metrics.period import Period
from dashboard.metrics.steps import Durations, StepFigures, StepsFigures
from dashboard.metrics.visitors import VisitorCount, WeekdayHours
from dashboard.trends import readings
from dashboard.trends.chart_tables import ChartTable, table_csv, table_xlsx

JAN = Period(date(2026, 1, 1), date(2026, 1, 31))
FEB = Period(date(2026, 2, 1), date(2026, 2, 28))


def count(period: Period, visitors: int, refused: int = 0, returning: int = 0) -> VisitorCount:
    return VisitorCount(period, visitors, refused, 0, returning, 0)


def step(number: int, with_target: int, meeting: int, missed: int, target: int | None):  # type: ignore[no-untyped-def]
    durations = Durations(with_target or 3, 120.0, 300.0, 600)
    return StepFigures(number, durations, 0, with_target, meeting, missed, target)


def steps_of(*figures: StepFigures) -> StepsFigures:
    return StepsFigures(Period(JAN.first_day, FEB.last_day), tuple(figures))


def test_visitors_chart_draws_the_comparison_beside() -> None:
    figure = charts.visitors_figure(
        [count(JAN, 10, 1), count(FEB, 12)],
        [count(Period(date(2025, 1, 1), date(2025, 1, 31)), 8)],
        "month",
        "Periode sama setahun sebelumnya",
    )
    before, now, refused = figure.data
    assert list(before.y) == [8] and list(before.x) == ["2026-01-01"]
    assert list(now.y) == [10, 12] and list(refused.y) == [1, 0]
    assert figure.layout.separators == ",."
    assert figure.layout.xaxis.tickformat == "%b %Y"


def test_an_empty_period_says_so() -> None:
    figure = charts.visitors_figure([count(JAN, 0)], [], "month", "x")
    assert not figure.data
    assert "Tidak ada data" in figure.layout.annotations[0].text
    empty_steps = steps_of(step(2, 0, 0, 0, 3))
    for built in (
        charts.bottleneck_figure(empty_steps),
        charts.heatmap_figure(WeekdayHours(tuple(tuple([0] * 24) for _ in range(7)))),
        charts.agencies_figure([]),
        charts.receipts_figure([], "month"),
        charts.revenue_figure([], [JAN], "month"),
    ):
        assert not built.data and built.layout.annotations


def test_steps_chart_marks_the_target() -> None:
    figure = charts.steps_figure(steps_of(step(1, 0, 0, 0, None), step(9, 5, 3, 600, 10)))
    median, p90, target = figure.data
    assert list(median.x) == ["L1", "L9"] and list(median.y) == [2.0, 2.0]
    assert list(p90.y) == [5.0, 5.0]
    assert list(target.x) == ["L9"] and list(target.y) == [10]


def test_bottleneck_in_orange() -> None:
    figure = charts.bottleneck_figure(steps_of(step(2, 4, 3, 60, 3), step(9, 5, 3, 180, 10)))
    (bars,) = figure.data
    assert list(bars.x) == [1.0, 3.0]
    assert list(bars.marker.color) == ["#9aa5b1", "#d9822b"]


def test_graph_config_hides_the_cloud_and_uses_the_locale() -> None:
    config = graph_config("tren-visitors")
    assert config["locale"] == "id" and config["displaylogo"] is False
    assert "sendDataToCloud" in config["modeBarButtonsToRemove"]  # type: ignore[operator]
    assert config["toImageButtonOptions"] == {
        "format": "png",
        "filename": "tren-visitors",
        "scale": 2,
    }


def test_step_reading_names_the_step_that_misses_most() -> None:
    figures = steps_of(step(2, 10, 9, 30, 3), step(9, 8, 5, 900, 10))
    # Step 9: 3 of 8 beyond target = 38 %; all steps 14 of 18 = 78 %.
    assert readings.steps_reading(figures) == (
        "Langkah 9 paling sering melewati target: 38 % di atas 10 menit; seluruhnya 78 % "
        "langkah dalam target."
    )
    # The bottleneck: 900 of 930 missed seconds = 97 %, 15,5 minutes in all.
    assert readings.bottleneck_reading(figures) == (
        "Hambatan utama: Langkah 9 (Penawaran publikasi), 97 % dari 15,5 menit yang melewati "
        "target."
    )
    met = steps_of(step(2, 4, 4, 0, 3))
    assert readings.steps_reading(met).startswith("Semua langkah bertarget memenuhi")
    assert readings.bottleneck_reading(met) == (
        "Tidak ada langkah yang melewati target pada periode ini."
    )
    assert readings.steps_reading(steps_of(step(1, 0, 0, 0, None))).startswith("Belum ada")


def test_reading_formats() -> None:
    assert readings.percent(0.375) == "38 %" and readings.percent(None) == "—"
    assert readings.minutes(4.5) == "4,5 menit" and readings.minutes(32) == "32 menit"
    assert readings.bucket_label(FEB, "month") == "Feb 2026"
    assert readings.bucket_label(Period(date(2026, 8, 3), date(2026, 8, 9)), "week") == (
        "minggu 3 Agu 2026"
    )


def test_tables_download_as_csv_and_xlsx() -> None:
    table = ChartTable(("periode_mulai", "pengunjung"), (("2026-01-01", 10), ("2026-02-01", 12)))
    assert table_csv(table).decode("utf-8-sig").splitlines() == [
        "periode_mulai,pengunjung",
        "2026-01-01,10",
        "2026-02-01,12",
    ]
    content = table_xlsx(table, "Pengunjung per periode")
    assert content[:2] == b"PK"  # a zip: the xlsx container
