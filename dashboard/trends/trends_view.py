"""The read model of *Tren layanan*: ONE function, ``load_trends_view``, returns every chart's
data for (period, grain, comparison, office) — the whole-period figures come from
``dashboard.trends.stats.load_period_stats`` (what ``/api/v1/stats`` answers), the series from
the same ``dashboard.metrics.loaders`` — with each chart's one-line reading and its table for
download. Dash-free; the figures are drawn by ``dashboard.figures.trends``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy.orm import Session

from dashboard.errors import InputError
from dashboard.metrics import loaders
from dashboard.metrics import period as periods
from dashboard.metrics.corrections import CorrectionFigures
from dashboard.metrics.period import GRAINS, Grain, Period
from dashboard.metrics.profile import ServiceTypes, VisitorProfile
from dashboard.metrics.publications import PublicationFigures
from dashboard.metrics.referrals import ReferralFigures
from dashboard.metrics.revenue import RevenueCount
from dashboard.metrics.steps import StepCompliance, WaitFigures
from dashboard.metrics.visitors import VisitorCount, WeekdayHours
from dashboard.paths import report_path
from dashboard.trends import readings
from dashboard.trends.chart_tables import ChartTable, chart_tables
from dashboard.trends.stats import PeriodStats, load_period_stats
from db.queries.offices import OfficeRow, all_offices

Comparison = Literal["year", "previous"]
COMPARISONS: dict[str, tuple[str, Callable[[Period], Period]]] = {
    "year": ("Periode sama setahun sebelumnya", periods.same_period_a_year_before),
    "previous": ("Periode sebelumnya", periods.previous_period),
}
PRESETS: dict[str, tuple[str, Callable[[date], Period] | None]] = {
    "this_month": ("Bulan ini", periods.this_month),
    "last_month": ("Bulan lalu", periods.last_month),
    "this_quarter": ("Triwulan ini", periods.this_quarter),
    "this_year": ("Tahun ini", periods.this_year),
    "last_year": ("Tahun lalu", periods.last_year),
    "last_12_months": ("12 bulan terakhir", periods.last_twelve_months),
    "custom": ("Pilih tanggal", None),
}
DEFAULT_PRESET = "this_year"
CUSTOM = "custom"
GRAIN_LABELS: dict[str, str] = {"day": "Harian", "week": "Mingguan", "month": "Bulanan"}
ALL_OFFICES = "all"
MAX_DAY_BUCKETS = 400
"""Beyond this many days a daily chart is unreadable: the grain becomes weekly."""


WHOLE_YEAR = "0"
"""The report month's value for the whole year (the annual work report)."""
REPORT_YEARS = 10
"""How many years back the report's year may be chosen."""


def report_href(year: str | None, month: str | None, office: str | None) -> str:
    """The work report's download address for the page's choices (a year, a month or the
    whole year, the office chosen above; all offices means the app's own)."""
    chosen_month = None if month in (None, "", WHOLE_YEAR) else month
    chosen_office = None if office in (None, "", ALL_OFFICES) else office
    return report_path(year, chosen_month, chosen_office)


def preset_period(preset: str, today: date) -> Period | None:
    """The period of a preset (``None`` for "custom" or an unknown key)."""
    choose = PRESETS.get(preset, ("", None))[1]
    return None if choose is None else choose(today)


@dataclass(frozen=True)
class TrendsQuery:
    """What the page asks for: the period, the grain, the comparison, the offices."""

    period: Period
    grain: Grain
    comparison: Comparison
    office_ids: tuple[int, ...] | None

    @property
    def comparison_period(self) -> Period:
        return COMPARISONS[self.comparison][1](self.period)


def parse_trends_query(
    first: str | None,
    last: str | None,
    grain: str | None,
    comparison: str | None,
    office: str | None,
    offices: Sequence[OfficeRow],
    own_office_id: int,
) -> TrendsQuery:
    """The controls' values checked (InputError on "period" in Indonesian)."""
    try:
        period = Period(date.fromisoformat(first or ""), date.fromisoformat(last or ""))
    except ValueError:
        raise InputError.on(
            "period", "Isi tanggal awal dan akhir; tanggal akhir tidak sebelum tanggal awal."
        ) from None
    chosen: Grain = grain if grain in GRAINS else "month"  # type: ignore[assignment]
    if chosen == "day" and period.length > MAX_DAY_BUCKETS:
        chosen = "week"
    compare: Comparison = "previous" if comparison == "previous" else "year"
    if office == ALL_OFFICES:
        office_ids: tuple[int, ...] | None = None
    else:
        found = next((row.id for row in offices if row.code == office), own_office_id)
        office_ids = (found,)
    return TrendsQuery(period, chosen, compare, office_ids)


@dataclass(frozen=True)
class TrendsView:
    """Every chart's data of the page, its reading, its table."""

    query: TrendsQuery
    stats: PeriodStats
    """The whole-period figures: what ``/api/v1/stats`` answers for the same query."""
    visitors: tuple[VisitorCount, ...]
    comparison_visitors: tuple[VisitorCount, ...]
    comparison_total: VisitorCount
    compliance: tuple[StepCompliance, ...]
    comparison_compliance: tuple[StepCompliance, ...]
    waits: tuple[WaitFigures, ...]
    referrals: tuple[ReferralFigures, ...]
    revenue: tuple[RevenueCount, ...]
    revenue_by_kind: tuple[tuple[Period, str, int], ...]
    comparison_revenue: tuple[RevenueCount, ...]
    comparison_revenue_total: RevenueCount
    weekday_hours: WeekdayHours
    service_types: ServiceTypes
    profile: VisitorProfile
    publications: PublicationFigures
    corrections: CorrectionFigures
    readings: dict[str, str]
    tables: dict[str, ChartTable]

    @property
    def empty(self) -> bool:
        """No visit, refusal or sale in the period: the page says so."""
        total, money = self.stats.visitors.total, self.stats.revenue.total
        return not (total.visitors or total.refused or money.receipts or money.voided)


def load_trends_view(session: Session, query: TrendsQuery) -> TrendsView:
    """Every chart of the page, aggregated in SQL by the metrics' loaders."""
    period, grain, offices = query.period, query.grain, query.office_ids
    stats = load_period_stats(session, period, offices)
    compared = query.comparison_period
    before = loaders.load_visitors(session, compared, offices)
    money_before = loaders.load_revenue_by_day(session, compared, offices)
    ended = {step.step: step.ended for step in stats.steps.steps}
    service_types, profile = loaders.load_service_types_and_profile(session, period, offices)
    view = TrendsView(
        query=query,
        stats=stats,
        visitors=stats.visitors.by(grain),
        comparison_visitors=before.by(grain),
        comparison_total=before.total,
        compliance=loaders.load_step_compliance(session, period, grain, offices),
        comparison_compliance=loaders.load_step_compliance(session, compared, grain, offices),
        waits=loaders.load_waits(session, period, offices),
        referrals=stats.referral_days.by(grain),
        revenue=stats.revenue.by(grain),
        revenue_by_kind=stats.revenue.by_kind_over(grain),
        comparison_revenue=money_before.by(grain),
        comparison_revenue_total=money_before.total,
        weekday_hours=loaders.load_weekday_hours(session, period, offices),
        service_types=service_types,
        profile=profile,
        publications=loaders.load_publications(session, period, offices),
        corrections=loaders.load_corrections(session, period, ended, offices),
        readings={},
        tables={},
    )
    view.readings.update(readings.all_readings(view))
    view.tables.update(chart_tables(view))
    return view


def office_choices(session: Session) -> list[OfficeRow]:
    """The offices of the database (the selector is shown when there are several)."""
    return all_offices(session)


@dataclass(frozen=True)
class Controls:
    """The page's control values as the browser sends them."""

    first: str | None
    last: str | None
    grain: str | None
    comparison: str | None
    office: str | None


def load_trends_for(session: Session, controls: Controls, own_office_id: int) -> TrendsView:
    """The view of the controls' values (InputError on "period" for a bad period)."""
    query = parse_trends_query(
        controls.first,
        controls.last,
        controls.grain,
        controls.comparison,
        controls.office,
        all_offices(session),
        own_office_id,
    )
    return load_trends_view(session, query)
