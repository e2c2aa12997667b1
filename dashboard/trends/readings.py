"""The one-line reading under each chart of *Tren layanan*, in Indonesian, written from the
data it shows: what the chart says and the figure that matters (*Langkah 9 paling sering
melewati target: 38 % di atas 10 menit*). Pure functions of the page's read model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel.dates import format_date

from dashboard import sop
from dashboard.i18n import LOCALE, format_day, format_number, format_rupiah
from dashboard.library.unmet_demand import NO_UNMET
from dashboard.metrics.corrections import CorrectionFigures
from dashboard.metrics.period import Grain, Period, change
from dashboard.metrics.profile import DIMENSIONS, UNKNOWN, ServiceTypes, VisitorProfile
from dashboard.metrics.publications import PublicationFigures
from dashboard.metrics.steps import StepsFigures, all_steps_compliance, compliance_by_bucket
from dashboard.pnbp.rules import SALE_ITEM_KINDS

if TYPE_CHECKING:
    from dashboard.trends.trends_view import TrendsView

WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
NO_VISITS = "Tidak ada kunjungan pada periode ini."
NO_TARGETED_STEPS = "Belum ada langkah bertarget yang selesai pada periode ini."


def percent(share: float | None) -> str:
    """A share as a whole percentage, '38 %' ('—' without a base)."""
    return "—" if share is None else f"{format_number(round(share * 100))} %"


def minutes(value: float | None) -> str:
    """'4,5 menit' (one decimal, dropped when whole)."""
    if value is None:
        return "—"
    decimals = 0 if float(value).is_integer() else 1
    return f"{format_number(value, decimals)} menit"


def bucket_label(bucket: Period, grain: Grain) -> str:
    """A bucket as a reading names it: '26 Nov 2026', 'minggu 23 Nov 2026', 'Nov 2026'."""
    if grain == "day":
        return format_day(bucket.first_day)
    if grain == "week":
        return f"minggu {format_day(bucket.first_day)}"
    return format_date(bucket.first_day, format="MMM y", locale=LOCALE)


def kind_label(kind: str) -> str:
    return SALE_ITEM_KINDS.get(kind, kind)


def step_name(number: int) -> str:
    return f"Langkah {number} ({sop.STEP_BY_NUMBER[number].label})"


def _change(now: int, before: int) -> str:
    relative = change(now, before)
    if relative is None:
        return "periode pembanding tanpa pengunjung"
    if now == before:
        return f"sama dengan periode pembanding ({format_number(before)})"
    word = "naik" if relative > 0 else "turun"
    return f"{word} {percent(abs(relative))} dari {format_number(before)} pada periode pembanding"


def visitors_reading(view: TrendsView) -> str:
    total = view.stats.visitors.total
    if not total.visitors and not total.refused:
        return NO_VISITS
    peak = max(view.visitors, key=lambda bucket: bucket.visitors)
    return (
        f"{format_number(total.visitors)} pengunjung, "
        f"{_change(total.visitors, view.comparison_total.visitors)}; "
        f"terbanyak {bucket_label(peak.period, view.query.grain)} "
        f"({format_number(peak.visitors)}); {format_number(total.refused)} ditolak saat skrining."
    )


def returning_reading(view: TrendsView) -> str:
    total = view.stats.visitors.total
    if not total.visitors:
        return NO_VISITS
    return (
        f"{format_number(total.returning)} dari {format_number(total.visitors)} pengunjung "
        f"({percent(view.stats.visitors.returning_share)}) pernah datang sebelumnya; "
        f"{format_number(total.new)} pengunjung baru."
    )


def steps_reading(steps: StepsFigures) -> str:
    judged = [step for step in steps.steps if step.with_target]
    if not judged:
        return NO_TARGETED_STEPS
    worst = min(judged, key=lambda step: (step.compliance or 0.0, -step.with_target))
    if worst.meeting == worst.with_target:
        return (
            f"Semua langkah bertarget memenuhi targetnya ({format_number(steps.with_target)} "
            "langkah selesai)."
        )
    return (
        f"Langkah {worst.step} paling sering melewati target: {percent(worst.beyond_share)} "
        f"di atas {minutes(worst.target_minutes)}; seluruhnya {percent(steps.compliance)} langkah "
        "dalam target."
    )


def compliance_reading(view: TrendsView) -> str:
    steps = view.stats.steps
    if not steps.with_target:
        return NO_TARGETED_STEPS
    by_bucket = compliance_by_bucket(view.compliance)
    judged = [(bucket, share) for bucket, share in by_bucket.items() if share is not None]
    lowest, share = min(judged, key=lambda item: (item[1], item[0].first_day))
    before = all_steps_compliance(view.comparison_compliance)
    compared = (
        f"; pembanding {percent(before)}"
        if before is not None
        else "; periode pembanding tanpa langkah bertarget"
    )
    return (
        f"{percent(steps.compliance)} langkah dalam target selama periode{compared}; terendah "
        f"{bucket_label(lowest, view.query.grain)}: {percent(share)}."
    )


def bottleneck_reading(steps: StepsFigures) -> str:
    neck = steps.bottleneck
    if neck is None:
        return "Tidak ada langkah yang melewati target pada periode ini."
    return (
        f"Hambatan utama: {step_name(neck.step)}, {percent(neck.share)} dari "
        f"{minutes(steps.missed_minutes)} yang melewati target."
    )


def waits_reading(view: TrendsView) -> str:
    waited = [wait for wait in view.waits if wait.waits.count]
    if not waited:
        return "Belum ada waktu tunggu tercatat pada periode ini."
    longest = max(waited, key=lambda wait: wait.waits.median_seconds or 0)
    return (
        f"Tunggu terlama sebelum langkah {longest.step}: median "
        f"{minutes(longest.waits.median_minutes)}, p90 {minutes(longest.waits.p90_minutes)}."
    )


def service_reading(view: TrendsView) -> str:
    service = view.stats.service
    if not service.visits.count:
        return "Belum ada kunjungan selesai pada periode ini."
    return (
        f"Median waktu layanan satu kunjungan {minutes(service.visits.median_minutes)} (p90 "
        f"{minutes(service.visits.p90_minutes)}) terhadap batas SOP "
        f"{minutes(service.limit_minutes)}; {percent(service.within_share)} kunjungan dalam batas."
    )


def referrals_reading(view: TrendsView) -> str:
    figures = view.stats.referrals
    if not figures.visits_decided:
        return "Belum ada permintaan data yang diputuskan ketersediaannya pada periode ini."
    return (
        f"{percent(figures.visit_rate)} kunjungan dirujuk ke instansi lain "
        f"({format_number(figures.visits_referred)} dari {format_number(figures.visits_decided)}"
        f"); per permintaan {percent(figures.request_rate)}."
    )


def agencies_reading(view: TrendsView) -> str:
    if not view.stats.top_agencies:
        return "Tidak ada rujukan ke instansi lain pada periode ini."
    top = view.stats.top_agencies[0]
    return f"Paling sering dirujuk ke {top.label}: {format_number(top.visits)} kunjungan."


def unmet_reading(view: TrendsView) -> str:
    groups = view.stats.unmet.groups
    if not groups:
        return NO_UNMET
    top = groups[0]
    return (
        f"Topik tak tersedia terbanyak: “{top.label}” ({format_number(top.count)} permintaan); "
        f"{format_number(len(groups))} topik seluruhnya."
    )


def revenue_reading(view: TrendsView) -> str:
    money = view.stats.revenue
    if not money.total.receipts:
        return "Tidak ada penjualan PNBP pada periode ini."
    if not money.by_kind or not money.total.revenue:
        return f"{format_number(money.total.receipts)} kuitansi, semuanya Rp0."
    kind, amount = money.by_kind[0]
    before = view.comparison_revenue_total.revenue
    return (
        f"PNBP {format_rupiah(money.total.revenue)} dari {format_number(money.total.receipts)} "
        f"kuitansi; terbesar dari {kind_label(kind).lower()} ({format_rupiah(amount)}); "
        f"{_money_change(money.total.revenue, before)}."
    )


def _money_change(now: int, before: int) -> str:
    relative = change(now, before)
    if relative is None:
        return "periode pembanding tanpa penerimaan"
    if now == before:
        return f"sama dengan periode pembanding ({format_rupiah(before)})"
    word = "naik" if now > before else "turun"
    return f"{word} {percent(abs(relative))} dari {format_rupiah(before)} pada periode pembanding"


def receipts_reading(view: TrendsView) -> str:
    money = view.stats.revenue
    total = money.total
    return (
        f"{format_number(total.receipts)} kuitansi, {format_number(total.zero_rupiah)} di "
        f"antaranya Rp0 ({percent(total.zero_rupiah_share)}); "
        f"{format_number(total.voided)} dibatalkan; belum disetor pada akhir periode "
        f"{format_rupiah(money.undeposited_at_end)}."
    )


def heatmap_reading(view: TrendsView) -> str:
    cells = view.weekday_hours.cells
    busiest = max(
        ((day, hour) for day in range(len(cells)) for hour in range(len(cells[day]))),
        key=lambda cell: (cells[cell[0]][cell[1]], -cell[0], -cell[1]),
    )
    count = cells[busiest[0]][busiest[1]]
    if not count:
        return NO_VISITS
    outside = view.stats.visitors.total.outside_hours
    day, hour = busiest
    return (
        f"Paling ramai {WEEKDAYS[day]} pukul {hour:02d}.00–{hour + 1:02d}.00 "
        f"({format_number(count)} pengunjung); {format_number(outside)} kunjungan di luar jam "
        "layanan."
    )


def service_types_reading(types: ServiceTypes) -> str:
    if not types.visits:
        return NO_VISITS
    top = types.types[0]
    known = [item for item in types.types if item.label != UNKNOWN]
    return (
        f"Layanan terbanyak: {top.label}, {format_number(top.visits)} dari "
        f"{format_number(types.visits)} kunjungan ({percent(top.share)}); "
        f"{format_number(len(known))} jenis layanan diminta."
    )


def profile_reading(profile: VisitorProfile) -> str:
    """The largest known category of each dimension, and the visits with no visitor data."""
    if not profile.visits:
        return NO_VISITS
    parts = []
    for name, title in DIMENSIONS.items():
        known = [item for item in profile.by[name] if item.label != UNKNOWN]
        if known:
            top = max(known, key=lambda item: item.visits)
            parts.append(f"{title.lower()} {top.label} ({percent(top.share)})")
    unknown = next((i.visits for i in profile.by["gender"] if i.label == UNKNOWN), 0)
    if not parts:
        return f"Profil {format_number(profile.visits)} kunjungan belum tercatat di buku tamu."
    return (
        f"Terbanyak dari {format_number(profile.visits)} kunjungan: {'; '.join(parts)}; "
        f"{format_number(unknown)} kunjungan tanpa data buku tamu."
    )


def publications_reading(figures: PublicationFigures) -> str:
    if figures.empty:
        return "Tidak ada publikasi yang diminta atau terjual pada periode ini."
    parts = []
    if figures.requested:
        top = figures.requested[0]
        parts.append(
            f"paling banyak diminta “{top.title}” ({format_number(top.requests)} permintaan)"
        )
    else:
        parts.append("tidak ada publikasi yang dipilih untuk permintaan")
    if figures.sold:
        top = figures.sold[0]
        parts.append(
            f"paling banyak terjual “{top.title}” ({format_number(top.copies)} salinan dalam "
            f"{format_number(top.sales)} penjualan)"
        )
    else:
        parts.append("tidak ada publikasi terjual")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def corrections_reading(figures: CorrectionFigures) -> str:
    if not figures.total:
        return "Tidak ada waktu langkah yang perlu dikoreksi pada periode ini."
    step = max(figures.by_step, key=lambda item: (item.corrections, -item.step))
    officer = figures.by_officer[0]
    share = "" if step.share is None else f", {percent(step.share)} dari langkah itu"
    return (
        f"{format_number(figures.total)} koreksi waktu; terbanyak {step_name(step.step)}: "
        f"{format_number(step.corrections)} koreksi{share}; terbanyak pada catatan "
        f"{officer.officer} ({format_number(officer.corrections)})."
    )


def all_readings(view: TrendsView) -> dict[str, str]:
    """Every chart's reading, by chart key."""
    steps = view.stats.steps
    return {
        "visitors": visitors_reading(view),
        "returning": returning_reading(view),
        "steps": steps_reading(steps),
        "compliance": compliance_reading(view),
        "bottleneck": bottleneck_reading(steps),
        "waits": waits_reading(view),
        "service": service_reading(view),
        "referrals": referrals_reading(view),
        "agencies": agencies_reading(view),
        "unmet": unmet_reading(view),
        "revenue": revenue_reading(view),
        "receipts": receipts_reading(view),
        "heatmap": heatmap_reading(view),
        "service_types": service_types_reading(view.service_types),
        "profile": profile_reading(view.profile),
        "publications": publications_reading(view.publications),
        "corrections": corrections_reading(view.corrections),
    }
