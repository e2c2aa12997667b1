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
    # a category chart: the hover names the bar under the cursor, not the whole x position
    assert figure.layout.hovermode == "closest"


def test_bottleneck_in_orange() -> None:
    figure = charts.bottleneck_figure(steps_of(step(2, 4, 3, 60, 3), step(9, 5, 3, 180, 10)))
    (bars,) = figure.data
    assert list(bars.x) == [1.0, 3.0]
    assert list(bars.marker.color) == ["#9aa5b1", "#d9822b"]
    assert figure.layout.hovermode == "closest"


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


def test_age_bands_and_the_profile() -> None:
    from dashboard.metrics.profile import age_band, visitor_profile
    from db.queries.metrics_profile import ProfileRow

    assert [age_band(a) for a in (None, 12, 19, 20, 29, 30, 45, 59, 60, 91)] == [
        "Tidak diketahui",
        "< 20",
        "< 20",
        "20–29",
        "20–29",
        "30–39",
        "40–49",
        "50–59",
        "≥ 60",
        "≥ 60",
    ]
    rows = [
        ProfileRow("age", "31", 2),
        ProfileRow("age", "19", 1),
        ProfileRow("age", "35", 1),
        ProfileRow("age", None, 1),
        ProfileRow("gender", "L", 1),
        ProfileRow("gender", "P", 3),
        ProfileRow("gender", None, 1),
        ProfileRow("education", "s1", 4),
        ProfileRow("education", "kursus", 1),
    ]
    profile = visitor_profile(rows, {("education", "s1"): "D4/S1"})
    assert profile.visits == 5
    # Bands in age order, "tidak diketahui" last; a code without a label shows as the code.
    assert [(s.label, s.visits) for s in profile.by["age"]] == [
        ("< 20", 1),
        ("30–39", 3),
        ("Tidak diketahui", 1),
    ]
    assert [s.label for s in profile.by["gender"]] == ["Perempuan", "Laki-laki", "Tidak diketahui"]
    assert [(s.label, s.share) for s in profile.by["education"]] == [
        ("D4/S1", 0.8),
        ("kursus", 0.2),
    ]
    figure = charts.profile_figure(profile)
    assert len(figure.data) == 5 and list(figure.data[4].text) == ["20%", "60%", "20%"]
    assert readings.profile_reading(profile).startswith(
        "Terbanyak dari 5 kunjungan: pendidikan D4/S1 (80 %);"
    )


def test_service_types_publications_and_corrections_charts() -> None:
    from dashboard.metrics.corrections import correction_figures
    from dashboard.metrics.profile import service_types
    from dashboard.metrics.publications import publication_figures
    from db.queries.metrics_corrections import CorrectionRow
    from db.queries.metrics_profile import CodeCount
    from db.queries.metrics_publications import PublicationCount

    types = service_types(
        [CodeCount("konsultasi", 3), CodeCount(None, 1)], {("service_type", "konsultasi"): "K"}
    )
    assert [(s.label, s.visits) for s in types.types] == [("K", 3), ("Tidak diketahui", 1)]
    assert list(charts.service_types_figure(types).data[0].x) == [3, 1]
    assert readings.service_types_reading(types) == (
        "Layanan terbanyak: K, 3 dari 4 kunjungan (75 %); 1 jenis layanan diminta."
    )
    book = PublicationCount(1, "1603-A", "Dalam Angka", 2025, 4, 0, 0)
    sold = PublicationCount(2, "1603-B", "Statistik Daerah", 2025, 0, 3, 2)
    figures = publication_figures([book], [sold])
    requested, selling = charts.publications_figure(figures).data
    assert list(requested.x) == [4] and list(selling.x) == [3]
    assert readings.publications_reading(figures) == (
        "Paling banyak diminta “Dalam Angka” (4 permintaan); paling banyak terjual "
        "“Statistik Daerah” (3 salinan dalam 2 penjualan)."
    )
    corrections = correction_figures(
        [
            CorrectionRow(2, 7, "Ani", 3, 2),
            CorrectionRow(9, 7, "Ani", 1, 1),
            CorrectionRow(9, 8, "Budi", 2, 2),
        ],
        {2: 10, 9: 4},
    )
    assert [(s.step, s.corrections, s.share) for s in corrections.by_step] == [
        (2, 3, 0.2),
        (9, 3, 0.75),
    ]
    assert [(o.officer, o.corrections) for o in corrections.by_officer] == [("Ani", 4), ("Budi", 2)]
    ani, budi = charts.corrections_figure(corrections).data
    assert list(ani.y) == [3, 1] and list(budi.y) == [0, 2]
    assert readings.corrections_reading(corrections).startswith(
        "6 koreksi waktu; terbanyak Langkah 2"
    )


def test_the_new_charts_say_so_when_empty() -> None:
    from dashboard.metrics.corrections import correction_figures
    from dashboard.metrics.profile import service_types, visitor_profile
    from dashboard.metrics.publications import publication_figures

    for built in (
        charts.service_types_figure(service_types([], {})),
        charts.profile_figure(visitor_profile([], {})),
        charts.publications_figure(publication_figures([], [])),
        charts.corrections_figure(correction_figures([], {})),
        charts.compliance_figure([], "month", [], "x"),
    ):
        assert not built.data and built.layout.annotations
    assert readings.publications_reading(publication_figures([], [])).startswith("Tidak ada")
    assert readings.corrections_reading(correction_figures([], {})).startswith("Tidak ada")
