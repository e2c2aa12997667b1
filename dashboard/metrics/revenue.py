"""PNBP (DESIGN.md, "PNBP revenue"): revenue, receipts, zero-rupiah and voided sales per
period and per grain by the office-local day paid, revenue by item kind, and the balance not
yet deposited at the end of the period."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from dashboard.metrics.period import Grain, Period, add_up, buckets, share
from db.queries.metrics_pnbp import KindDayRow, RevenueDayRow


@dataclass(frozen=True)
class RevenueCount:
    """PNBP of a span of days paid: "sum of the totals of sales not voided (as the books stand
    now), by the office-local date paid"; ``receipts`` = "sales not voided, paid in it
    (imported ones included)"; ``zero_rupiah`` those "recorded with a zero-rupiah reason"
    (receipts, Rp0); ``voided`` "counted beside them, never inside"."""

    period: Period
    revenue: int
    receipts: int
    zero_rupiah: int
    imported: int
    voided: int

    @property
    def paid(self) -> int:
        """Receipts with a rupiah amount (receipts that are not zero-rupiah)."""
        return self.receipts - self.zero_rupiah

    @property
    def zero_rupiah_share(self) -> float | None:
        """Zero-rupiah receipts / receipts (``None`` without receipts)."""
        return share(self.zero_rupiah, self.receipts)


@dataclass(frozen=True)
class RevenueFigures:
    """The PNBP of a period: in total, for each day (days without a sale count 0), by item
    kind (largest first), and the undeposited balance at the end of its last day."""

    total: RevenueCount
    by_day: tuple[RevenueCount, ...]
    by_kind: tuple[tuple[str, int], ...]
    undeposited_at_end: int
    kind_days: tuple[KindDayRow, ...] = ()
    """The ``revenue_by_kind`` rows of the period (``by_kind_over`` cuts them in buckets)."""

    def by(self, grain: Grain) -> tuple[RevenueCount, ...]:
        return tuple(
            add_up(RevenueCount, bucket, self.by_day)
            for bucket in buckets(self.total.period, grain)
        )

    def by_kind_over(self, grain: Grain) -> tuple[tuple[Period, str, int], ...]:
        """(bucket, item kind, revenue) of the period's buckets (``revenue_by_kind_over_time``)."""
        return revenue_by_kind_over_time(self.total.period, self.kind_days, grain)


def revenue_figures(
    period: Period,
    rows: Iterable[RevenueDayRow],
    kind_rows: Iterable[KindDayRow],
    undeposited_at_end: int,
) -> RevenueFigures:
    """From ``revenue_by_day``, ``revenue_by_kind`` and ``undeposited_at_end``."""
    found = {row.day: row for row in rows}
    by_day = tuple(
        RevenueCount(
            Period(day, day),
            found[day].revenue,
            found[day].receipts,
            found[day].zero_rupiah,
            found[day].imported,
            found[day].voided,
        )
        if day in found
        else RevenueCount(Period(day, day), 0, 0, 0, 0, 0)
        for day in period.days()
    )
    kind_days = tuple(row for row in kind_rows if row.day in period)
    kinds: dict[str, int] = defaultdict(int)
    for row in kind_days:
        kinds[row.item_kind] += row.revenue
    by_kind = tuple(sorted(kinds.items(), key=lambda item: (-item[1], item[0])))
    total = add_up(RevenueCount, period, by_day)
    return RevenueFigures(total, by_day, by_kind, undeposited_at_end, kind_days)


def revenue_by_kind_over_time(
    period: Period, kind_rows: Iterable[KindDayRow], grain: Grain
) -> tuple[tuple[Period, str, int], ...]:
    """(bucket, item kind, revenue) for every bucket and kind with revenue in the period."""
    rows = list(kind_rows)
    result = []
    for bucket in buckets(period, grain):
        kinds: dict[str, int] = defaultdict(int)
        for row in rows:
            if row.day in bucket:
                kinds[row.item_kind] += row.revenue
        result.extend((bucket, kind, amount) for kind, amount in sorted(kinds.items()))
    return tuple(result)
