"""What the report says: ``load_report_data`` reads a year's (or a month's) figures with the
trends page's own read (``dashboard.trends.trends_view.load_trends_view``, whose whole-period
figures are ``/api/v1/stats``'s ``load_period_stats``), the previous year's with the same
function, and the per-quarter (per-week) step figures with ``dashboard.metrics.loaders``;
``build_report`` lays them out as sections (pure). No figure is computed here: every number
is a metric's, every reading the trends page's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from babel.dates import format_date
from sqlalchemy.orm import Session

from dashboard import sop
from dashboard.errors import InputError
from dashboard.i18n import LOCALE, format_day, format_number, format_rupiah
from dashboard.metrics import loaders
from dashboard.metrics import period as periods
from dashboard.metrics.deposits import DepositFigures, deposit_figures
from dashboard.metrics.period import Grain, Period, change
from dashboard.metrics.profile import DIMENSIONS
from dashboard.metrics.steps import StepCompliance, StepsFigures
from dashboard.metrics.visitors import VisitorCount
from dashboard.office.profile import contact_line, office_heading
from dashboard.office.profile_service import office_profile
from dashboard.office.sop_targets import SopVersion, load_sop_versions
from dashboard.reports.model import (
    Block,
    Cell,
    Fraction,
    Minutes,
    Money,
    Month,
    OfficeHeading,
    Report,
    Section,
    Table,
)
from dashboard.trends.readings import kind_label
from dashboard.trends.stats import TOP_TOPICS, PeriodStats, load_period_stats, office_ids_for
from dashboard.trends.trends_view import TrendsQuery, TrendsView, load_trends_view
from db.queries import offices
from db.queries.sales import deposits_between

FIRST_YEAR = 2000
QUARTERS = ("I", "II", "III", "IV")
SECTION_TITLES: dict[str, str] = {
    "summary": "1. Ringkasan",
    "visitors": "2. Pengunjung",
    "service_types": "3. Jenis layanan",
    "profile": "4. Profil pengunjung",
    "compliance": "5. Kepatuhan terhadap target SOP",
    "waits": "6. Waktu tunggu",
    "referrals": "7. Rujukan dan permintaan yang tidak tersedia",
    "pnbp": "8. PNBP",
    "publications": "9. Publikasi",
    "corrections": "10. Koreksi data",
    "notes": "11. Catatan tentang data",
}
"""Section key → heading, in the document's order."""


@dataclass(frozen=True)
class ReportRequest:
    """A report of one office: a whole year, or one month of it."""

    year: int
    month: int | None
    office_id: int

    @property
    def annual(self) -> bool:
        return self.month is None

    @property
    def period(self) -> Period:
        if self.month is None:
            return periods.this_year(date(self.year, 1, 1))
        return periods.this_month(date(self.year, self.month, 1))

    @property
    def grain(self) -> Grain:
        """Months across a year, days across a month."""
        return "month" if self.annual else "day"

    @property
    def parts(self) -> tuple[tuple[str, Period], ...]:
        """The sub-periods of the step figures: quarters of a year, weeks of a month."""
        if self.month is None:
            return tuple(
                (f"Triwulan {name}", periods.this_quarter(date(self.year, 3 * index + 1, 1)))
                for index, name in enumerate(QUARTERS)
            )
        return tuple(
            (f"{format_day(week.first_day)} – {format_day(week.last_day)}", week)
            for week in periods.buckets(self.period, "week")
        )


def parse_report_request(
    session: Session,
    year: object,
    month: object,
    office_code: str | None,
    own_office_id: int,
    today: date,
) -> ReportRequest:
    """The year (and month) asked for, checked (InputError in Indonesian): a year from 2000 to
    this one, a month 1-12 not after this month, an office of the database by its code."""
    try:
        chosen_year = int(str(year).strip())
    except ValueError:
        raise InputError.on("year", f"Tahun laporan tidak valid: {year!r}.") from None
    if not FIRST_YEAR <= chosen_year <= today.year:
        raise InputError.on(
            "year", f"Tahun laporan harus antara {FIRST_YEAR} dan {today.year}: {chosen_year}."
        )
    chosen_month = None
    if month not in (None, ""):
        try:
            chosen_month = int(str(month).strip())
        except ValueError:
            raise InputError.on("month", f"Bulan laporan tidak valid: {month!r}.") from None
        if not 1 <= chosen_month <= 12:
            raise InputError.on("month", f"Bulan laporan harus 1 sampai 12: {chosen_month}.")
        if date(chosen_year, chosen_month, 1) > today:
            raise InputError.on("month", "Bulan laporan belum dimulai.")
    (office_id,) = office_ids_for(office_code, offices.all_offices(session), own_office_id)
    return ReportRequest(chosen_year, chosen_month, office_id)


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows, as the metrics give it."""

    request: ReportRequest
    today: date
    office: OfficeHeading
    office_code: str
    view: TrendsView
    """The period as *Tren layanan* shows it, against the same period a year before."""
    previous: PeriodStats
    """The same period a year before, read by the same function."""
    parts: tuple[tuple[str, StepsFigures], ...]
    month_steps: tuple[StepCompliance, ...]
    """Ended steps per month (the notes on months without step times)."""
    deposits: DepositFigures
    sop_versions: tuple[SopVersion, ...]


def load_report_data(session: Session, request: ReportRequest, today: date) -> ReportData:
    office = offices.office(session, request.office_id)
    profile = office_profile(office)
    heading = OfficeHeading(
        name=profile.name,
        heading=office_heading(profile.name),
        contact=contact_line(profile.city, profile.address, profile.phone, profile.email),
        city=profile.city,
    )
    query = TrendsQuery(request.period, request.grain, "year", (request.office_id,))
    view = load_trends_view(session, query)
    own = (request.office_id,)
    month_steps = (
        view.compliance
        if request.grain == "month"
        else loaders.load_step_compliance(session, request.period, "month", own)
    )
    period = request.period
    return ReportData(
        request=request,
        today=today,
        office=heading,
        office_code=office.code,
        view=view,
        previous=load_period_stats(session, query.comparison_period, own),
        parts=tuple(
            (label, loaders.load_steps(session, part, own)) for label, part in request.parts
        ),
        month_steps=month_steps,
        deposits=deposit_figures(
            deposits_between(session, request.office_id, period.first_day, period.last_day)
        ),
        sop_versions=load_sop_versions(session),
    )


# -- the pieces of the tables ------------------------------------------------------------------


def _fraction(value: float | None) -> Fraction | None:
    return None if value is None else Fraction(value)


def _minutes(value: float | None) -> Minutes | None:
    return None if value is None else Minutes(value)


def _change(now: int, before: int) -> Fraction | None:
    return _fraction(change(now, before))


def month_name(day: date) -> str:
    """'November 2026'."""
    return format_date(day, format="MMMM y", locale=LOCALE)


def long_day(day: date) -> str:
    """'26 November 2026'."""
    return format_date(day, format="d MMMM y", locale=LOCALE)


def period_text(period: Period) -> str:
    return f"{long_day(period.first_day)} – {long_day(period.last_day)}"


def _period_name(request: ReportRequest, period: Period) -> str:
    """'2026' for a year, 'November 2026' for a month."""
    return str(period.first_day.year) if request.annual else month_name(period.first_day)


def _bucket(data: ReportData, period: Period) -> Cell:
    return Month(period.first_day) if data.request.grain == "month" else period.first_day


def _bucket_column(data: ReportData) -> str:
    return "Bulan" if data.request.grain == "month" else "Tanggal"


def _step_name(number: int) -> str:
    return sop.STEP_BY_NUMBER[number].label


# -- the sections --------------------------------------------------------------------------------


def _summary(data: ReportData) -> Section:
    stats, before = data.view.stats, data.previous
    now_total, then_total = stats.visitors.total, before.visitors.total
    money, then_money = stats.revenue.total, before.revenue.total

    def counted(label: str, now: int, then: int) -> tuple[Cell, ...]:
        return (label, now, then, _change(now, then))

    def money_row(label: str, now: int, then: int) -> tuple[Cell, ...]:
        return (label, Money(now), Money(then), _change(now, then))

    rows: list[tuple[Cell, ...]] = [
        counted("Pengunjung (diterima)", now_total.visitors, then_total.visitors),
        counted("Ditolak saat skrining", now_total.refused, then_total.refused),
        counted("Pengunjung baru", now_total.new, then_total.new),
        counted("Pengunjung kembali", now_total.returning, then_total.returning),
        counted("Kunjungan impor buku tamu", now_total.imported, then_total.imported),
        (
            "Langkah dalam target",
            _fraction(stats.steps.compliance),
            _fraction(before.steps.compliance),
            None,
        ),
        (
            "Median waktu layanan satu kunjungan (menit)",
            _minutes(stats.service.visits.median_minutes),
            _minutes(before.service.visits.median_minutes),
            None,
        ),
        (
            "Kunjungan dirujuk ke instansi lain",
            _fraction(stats.referrals.visit_rate),
            _fraction(before.referrals.visit_rate),
            None,
        ),
        money_row("Penerimaan PNBP", money.revenue, then_money.revenue),
        counted("Kuitansi", money.receipts, then_money.receipts),
        counted("Kuitansi Rp0", money.zero_rupiah, then_money.zero_rupiah),
        counted("Penjualan dibatalkan", money.voided, then_money.voided),
        money_row(
            "Belum disetor pada akhir periode",
            stats.revenue.undeposited_at_end,
            before.revenue.undeposited_at_end,
        ),
    ]
    now_name = _period_name(data.request, stats.period)
    then_name = _period_name(data.request, before.period)
    table = Table(
        "Angka utama",
        ("Indikator", now_name, then_name, "Perubahan"),
        tuple(rows),
    )
    return Section(
        "summary",
        SECTION_TITLES["summary"],
        (Block(f"Angka utama {now_name} dibanding {then_name}", _summary_reading(data), (table,)),),
    )


def _summary_reading(data: ReportData) -> str:
    readings = data.view.readings
    return f"{readings['visitors']} {readings['revenue']}"


def _visitors(data: ReportData) -> Section:
    view = data.view
    total = view.stats.visitors.total
    columns = (
        _bucket_column(data),
        "Pengunjung",
        "Ditolak",
        "Baru",
        "Kembali",
        "Impor",
        "Di luar jam layanan",
    )

    def row(label: Cell, count: VisitorCount) -> tuple[Cell, ...]:
        return (
            label,
            count.visitors,
            count.refused,
            count.new,
            count.returning,
            count.imported,
            count.outside_hours,
        )

    table = Table(
        "Pengunjung per bulan" if data.request.annual else "Pengunjung per hari",
        columns,
        tuple(row(_bucket(data, bucket.period), bucket) for bucket in view.visitors),
        row("Jumlah", total),
    )
    return Section(
        "visitors",
        SECTION_TITLES["visitors"],
        (
            Block(table.title, view.readings["visitors"], (table,), "visitors"),
            Block("Pengunjung baru dan kembali", view.readings["returning"], (), "returning"),
        ),
    )


def _service_types(data: ReportData) -> Section:
    types = data.view.service_types
    table = Table(
        "Jenis layanan",
        ("Jenis layanan", "Kunjungan", "Porsi"),
        tuple((item.label, item.visits, Fraction(item.share)) for item in types.types),
        ("Jumlah", types.visits, None),
    )
    return Section(
        "service_types",
        SECTION_TITLES["service_types"],
        (
            Block(
                "Kunjungan per jenis layanan",
                data.view.readings["service_types"],
                (table,),
                "service_types",
            ),
        ),
    )


def _profile(data: ReportData) -> Section:
    profile = data.view.profile
    tables = tuple(
        Table(
            f"Profil {title.lower()}",
            (title, "Kunjungan", "Porsi"),
            tuple((item.label, item.visits, Fraction(item.share)) for item in profile.by[name]),
            ("Jumlah", profile.visits, None),
        )
        for name, title in DIMENSIONS.items()
    )
    return Section(
        "profile",
        SECTION_TITLES["profile"],
        (Block("Profil pengunjung", data.view.readings["profile"], tables, "profile"),),
    )


def _step_cells(figures: StepsFigures, number: int) -> tuple[Cell, ...]:
    step = figures.step(number)
    return (
        f"{number}. {_step_name(number)}",
        step.ended,
        step.open,
        _minutes(step.durations.median_minutes),
        _minutes(step.durations.p90_minutes),
        step.target_minutes,
        _fraction(step.compliance),
    )


def _part_rows(label: str, figures: StepsFigures) -> list[tuple[Cell, ...]]:
    """A sub-period's steps with an end, then all its steps' share within target."""
    rows = [(label, *_step_cells(figures, step.step)) for step in figures.steps if step.ended]
    everything = (label, "Semua langkah", None, None, None, None, None)
    return [*rows, (*everything, _fraction(figures.compliance))]


STEP_COLUMNS = (
    "Langkah",
    "Selesai",
    "Terbuka",
    "Median (menit)",
    "P90 (menit)",
    "Target (menit)",
    "Dalam target",
)


def _compliance(data: ReportData) -> Section:
    view = data.view
    steps, service = view.stats.steps, view.stats.service
    per_step = Table(
        "Durasi per langkah",
        STEP_COLUMNS,
        tuple(_step_cells(steps, step.step) for step in steps.steps),
        ("Semua langkah", None, None, None, None, None, _fraction(steps.compliance)),
    )
    part_name = "Triwulan" if data.request.annual else "Minggu"
    per_part = Table(
        f"Kepatuhan per {part_name.lower()}",
        (part_name, *STEP_COLUMNS),
        tuple(row for label, figures in data.parts for row in _part_rows(label, figures)),
    )
    bottleneck = Table(
        "Menit di atas target",
        ("Langkah", "Menit di atas target", "Porsi"),
        tuple(
            (
                f"{step.step}. {_step_name(step.step)}",
                Minutes(step.missed_minutes),
                _fraction(steps.missed_share(step)),
            )
            for step in steps.steps
            if step.with_target
        ),
        ("Jumlah", Minutes(steps.missed_minutes), None),
    )
    visit_time = Table(
        "Waktu layanan satu kunjungan",
        (
            "Kunjungan selesai",
            "Median (menit)",
            "P90 (menit)",
            "Batas SOP (menit)",
            "Dalam batas",
            "Porsi dalam batas",
        ),
        (
            (
                service.visits.count,
                _minutes(service.visits.median_minutes),
                _minutes(service.visits.p90_minutes),
                service.limit_minutes,
                service.within_limit,
                _fraction(service.within_share),
            ),
        ),
    )
    readings = view.readings
    return Section(
        "compliance",
        SECTION_TITLES["compliance"],
        (
            Block("Durasi per langkah terhadap target", readings["steps"], (per_step,), "steps"),
            Block(
                f"Kepatuhan per {part_name.lower()}",
                readings["compliance"],
                (per_part,),
                "compliance",
            ),
            Block("Langkah penghambat", readings["bottleneck"], (bottleneck,), "bottleneck"),
            Block("Waktu layanan satu kunjungan", readings["service"], (visit_time,), "service"),
        ),
        _imported_only_note(data),
    )


def _imported_only_note(data: ReportData) -> tuple[str, ...]:
    total = data.view.stats.visitors.total
    if total.visitors and total.imported == total.visitors:
        return (
            "Semua kunjungan periode ini berasal dari impor buku tamu: kunjungan impor tidak "
            "mempunyai waktu langkah, sehingga durasi, kepatuhan target, waktu tunggu dan waktu "
            "layanan tidak tersedia.",
        )
    return ()


def _waits(data: ReportData) -> Section:
    table = Table(
        "Waktu tunggu sebelum langkah",
        ("Sebelum langkah", "Jumlah", "Median (menit)", "P90 (menit)", "Masih menunggu"),
        tuple(
            (
                f"{wait.step}. {_step_name(wait.step)}",
                wait.waits.count,
                _minutes(wait.waits.median_minutes),
                _minutes(wait.waits.p90_minutes),
                wait.waiting,
            )
            for wait in data.view.waits
        ),
    )
    return Section(
        "waits",
        SECTION_TITLES["waits"],
        (Block(table.title, data.view.readings["waits"], (table,), "waits"),),
        _imported_only_note(data),
    )


def _referrals(data: ReportData) -> Section:
    view = data.view
    stats = view.stats
    total = stats.referrals
    rates = Table(
        "Tingkat rujukan",
        (
            _bucket_column(data),
            "Kunjungan dirujuk",
            "Kunjungan diputuskan",
            "Tingkat per kunjungan",
            "Permintaan dirujuk",
            "Permintaan diputuskan",
            "Tingkat per permintaan",
        ),
        tuple(
            (
                _bucket(data, row.period),
                row.visits_referred,
                row.visits_decided,
                _fraction(row.visit_rate),
                row.requests_referred,
                row.requests_decided,
                _fraction(row.request_rate),
            )
            for row in view.referrals
        ),
        (
            "Jumlah",
            total.visits_referred,
            total.visits_decided,
            _fraction(total.visit_rate),
            total.requests_referred,
            total.requests_decided,
            _fraction(total.request_rate),
        ),
    )
    agencies = Table(
        "Instansi tujuan rujukan",
        ("Instansi", "Kunjungan", "Permintaan"),
        tuple((agency.label, agency.visits, agency.requests) for agency in stats.top_agencies),
        empty="Tidak ada rujukan ke instansi lain pada periode ini.",
    )
    groups = stats.unmet.groups
    unmet = Table(
        "Topik yang tidak tersedia",
        ("Topik", "Permintaan", "Porsi dari semua permintaan", "Terakhir diminta"),
        tuple(
            (group.label, group.count, Fraction(group.share), group.last_asked)
            for group in groups[:TOP_TOPICS]
        ),
        empty="Tidak ada permintaan yang tidak tersedia pada periode ini.",
    )
    notes = ()
    if len(groups) > TOP_TOPICS:
        notes = (
            f"Tabel topik memuat {TOP_TOPICS} topik terbanyak dari {format_number(len(groups))} "
            "topik; daftar lengkap ada di halaman Permintaan tidak terpenuhi.",
        )
    readings = view.readings
    return Section(
        "referrals",
        SECTION_TITLES["referrals"],
        (
            Block("Tingkat rujukan", readings["referrals"], (rates,), "referrals"),
            Block("Instansi tujuan rujukan", readings["agencies"], (agencies,), "agencies"),
            Block("Permintaan yang tidak tersedia", readings["unmet"], (unmet,), "unmet"),
        ),
        notes,
    )


def _pnbp(data: ReportData) -> Section:
    view = data.view
    money = view.stats.revenue
    total = money.total
    per_bucket = Table(
        "PNBP per bulan" if data.request.annual else "PNBP per hari",
        (
            _bucket_column(data),
            "Kuitansi",
            "Berbayar",
            "Rp0",
            "Impor",
            "Dibatalkan",
            "Penerimaan",
        ),
        tuple(
            (
                _bucket(data, row.period),
                row.receipts,
                row.paid,
                row.zero_rupiah,
                row.imported,
                row.voided,
                Money(row.revenue),
            )
            for row in view.revenue
        ),
        (
            "Jumlah",
            total.receipts,
            total.paid,
            total.zero_rupiah,
            total.imported,
            total.voided,
            Money(total.revenue),
        ),
    )
    kinds = Table(
        "PNBP per jenis item",
        ("Jenis item", "Penerimaan"),
        tuple((kind_label(kind), Money(amount)) for kind, amount in money.by_kind),
        ("Jumlah", Money(total.revenue)),
        empty="Tidak ada penerimaan PNBP pada periode ini.",
    )
    deposits = data.deposits
    deposit_table = Table(
        "Setoran PNBP",
        ("Tanggal setor", "Kode billing", "NTPN", "Kuitansi", "Jumlah"),
        tuple(
            (row.deposited_on, row.billing_code, row.ntpn, row.receipts, Money(row.amount))
            for row in deposits.deposits
        ),
        ("Jumlah", None, None, deposits.receipts, Money(deposits.amount)),
        empty="Tidak ada setoran pada periode ini.",
    )
    balance = Table(
        "Saldo belum disetor",
        ("Pada akhir hari", "Belum disetor"),
        ((data.request.period.last_day, Money(money.undeposited_at_end)),),
    )
    readings = view.readings
    return Section(
        "pnbp",
        SECTION_TITLES["pnbp"],
        (
            Block(per_bucket.title, readings["revenue"], (per_bucket, kinds), "revenue"),
            Block("Kuitansi, Rp0 dan pembatalan", readings["receipts"], (), "receipts"),
            Block(
                "Setoran dan saldo belum disetor", _deposit_reading(data), (deposit_table, balance)
            ),
        ),
    )


def _deposit_reading(data: ReportData) -> str:
    deposits = data.deposits
    if not deposits.deposits:
        return "Tidak ada setoran pada periode ini."
    return (
        f"{format_number(len(deposits.deposits))} setoran sebesar "
        f"{format_rupiah(deposits.amount)} menutup {format_number(deposits.receipts)} kuitansi; "
        "belum disetor pada akhir periode "
        f"{format_rupiah(data.view.stats.revenue.undeposited_at_end)}."
    )


def _publications(data: ReportData) -> Section:
    figures = data.view.publications
    requested = Table(
        "Publikasi terbanyak diminta",
        ("Nomor katalog", "Judul", "Tahun", "Permintaan"),
        tuple((p.catalog_number, p.title, str(p.year), p.requests) for p in figures.requested),
        empty="Tidak ada publikasi yang dipilih untuk permintaan pada periode ini.",
    )
    sold = Table(
        "Publikasi terbanyak terjual",
        ("Nomor katalog", "Judul", "Tahun", "Salinan", "Penjualan"),
        tuple((p.catalog_number, p.title, str(p.year), p.copies, p.sales) for p in figures.sold),
        empty="Tidak ada publikasi terjual pada periode ini.",
    )
    return Section(
        "publications",
        SECTION_TITLES["publications"],
        (
            Block(
                "Publikasi diminta dan terjual",
                data.view.readings["publications"],
                (requested, sold),
                "publications",
            ),
        ),
    )


def _corrections(data: ReportData) -> Section:
    figures = data.view.corrections
    by_step = Table(
        "Koreksi waktu per langkah",
        ("Langkah", "Koreksi", "Langkah dikoreksi", "Porsi dari langkah selesai"),
        tuple(
            (
                f"{row.step}. {_step_name(row.step)}",
                row.corrections,
                row.steps_corrected,
                _fraction(row.share),
            )
            for row in figures.by_step
        ),
        ("Jumlah", figures.total, None, None),
        empty="Tidak ada koreksi waktu pada periode ini.",
    )
    by_officer = Table(
        "Koreksi waktu per petugas",
        ("Petugas yang mencatat", "Koreksi"),
        tuple((row.officer, row.corrections) for row in figures.by_officer),
        empty="Tidak ada koreksi waktu pada periode ini.",
    )
    return Section(
        "corrections",
        SECTION_TITLES["corrections"],
        (
            Block(
                "Koreksi waktu langkah",
                data.view.readings["corrections"],
                (by_step, by_officer),
                "corrections",
            ),
        ),
    )


def _months_with_steps(data: ReportData) -> set[Period]:
    return {cell.period for cell in data.month_steps if cell.ended}


def _notes(data: ReportData) -> Section:
    stats = data.view.stats
    months = stats.visitors.by("month")
    with_steps = _months_with_steps(data)
    table = Table(
        "Data per bulan",
        ("Bulan", "Pengunjung", "Impor", "Waktu langkah"),
        tuple(
            (
                Month(month.period.first_day),
                month.visitors,
                month.imported,
                _step_times(month.period, with_steps, data.today),
            )
            for month in months
        ),
    )
    return Section(
        "notes",
        SECTION_TITLES["notes"],
        (Block("Kelengkapan data", _completeness(data), (table,)),),
        data_notes(data),
    )


def _step_times(month: Period, with_steps: set[Period], today: date) -> str | None:
    """Whether the month's steps have times: none to say for a month not yet begun."""
    if month.first_day > today:
        return None
    return "tercatat" if month in with_steps else "tidak ada"


def _completeness(data: ReportData) -> str:
    period, made = data.request.period, data.today
    if made < period.last_day:
        return f"Periode belum berakhir: angka laporan ini sampai {long_day(made)}."
    return f"Angka laporan ini diambil pada {long_day(made)} dari catatan sistem."


def _names(months: Sequence[VisitorCount], detail: bool = False) -> str:
    return ", ".join(
        f"{month_name(m.period.first_day)}"
        + (f" ({format_number(m.imported)} kunjungan)" if detail else "")
        for m in months
    )


def data_notes(data: ReportData) -> tuple[str, ...]:
    """What a reader must know about the period's data: what is missing, imported, revised."""
    stats = data.view.stats
    notes: list[str] = []
    if data.view.empty:
        notes.append(
            f"Tidak ada kunjungan maupun penjualan yang tercatat untuk {period_text(stats.period)}"
            ": semua tabel laporan ini kosong."
        )
    months = [m for m in stats.visitors.by("month") if m.period.first_day <= data.today]
    imported = [m for m in months if m.imported]
    if imported:
        notes.append(
            f"Bulan dengan kunjungan impor buku tamu: {_names(imported, detail=True)}. Kunjungan "
            "impor dihitung dalam angka pengunjung, profil, rujukan dan PNBP, tetapi tidak "
            "mempunyai waktu langkah."
        )
    notes.extend(_imported_only_note(data))
    with_steps = _months_with_steps(data)
    without = [m for m in months if m.visitors and m.period not in with_steps]
    if without:
        notes.append(f"Bulan dengan kunjungan tetapi tanpa waktu langkah: {_names(without)}.")
    if data.request.annual:
        quiet = [m for m in months if not m.visitors and not m.refused]
        if quiet and len(quiet) < len(months):
            notes.append(f"Bulan tanpa kunjungan tercatat: {_names(quiet)}.")
    notes.extend(_sop_notes(data))
    return tuple(notes)


def _sop_notes(data: ReportData) -> list[str]:
    """The SOP versions that came into force inside the period, with the targets they
    changed."""
    period = data.request.period
    versions = sorted(data.sop_versions, key=lambda version: version.effective_from)
    notes = []
    for earlier, version in pairwise(versions):
        if not period.first_day < version.effective_from <= period.last_day:
            continue
        changed = [
            f"langkah {number} {_target_text(earlier.targets.get(number))} → {_target_text(target)}"
            for number, target in sorted(version.targets.items())
            if earlier.targets.get(number) != target
        ]
        document = f" (dokumen {version.document_number})" if version.document_number else ""
        notes.append(
            f"Target SOP direvisi, berlaku {long_day(version.effective_from)}{document}: "
            f"{'; '.join(changed) or 'target tidak berubah'}. Setiap angka kepatuhan memakai "
            "target yang berlaku pada hari kunjungan; target yang ditampilkan adalah yang "
            f"berlaku pada {long_day(period.last_day)}."
        )
    if not notes:
        notes.append("Target SOP tidak berubah selama periode ini.")
    return notes


def _target_text(minutes: int | None) -> str:
    return "tanpa target" if minutes is None else f"{minutes} menit"


def build_report(data: ReportData) -> Report:
    request = data.request
    period = request.period
    if request.annual:
        title = (
            f"LAPORAN KERJA TAHUNAN PELAYANAN STATISTIK TERPADU (PST) TAHUN {period.first_day.year}"
        )
    else:
        title = (
            "LAPORAN BULANAN PELAYANAN STATISTIK TERPADU (PST) "
            f"{month_name(period.first_day).upper()}"
        )
    return Report(
        office=data.office,
        office_code=data.office_code,
        title=title,
        period_text=period_text(period),
        first_day=period.first_day,
        last_day=period.last_day,
        annual=request.annual,
        made_on=data.today,
        sections=(
            _summary(data),
            _visitors(data),
            _service_types(data),
            _profile(data),
            _compliance(data),
            _waits(data),
            _referrals(data),
            _pnbp(data),
            _publications(data),
            _corrections(data),
            _notes(data),
        ),
    )


def load_report(session: Session, request: ReportRequest, today: date) -> tuple[Report, TrendsView]:
    """The report of ``request`` and the trends view its charts are drawn from."""
    data = load_report_data(session, request, today)
    return build_report(data), data.view
