"""Step times (DESIGN.md, "Step duration", "Meets target"): per SOP step, the durations and
the compliance with the target in force on each visit day, the bottleneck, the waits before
the steps a visitor waits for, and the whole visit's service time.

The rules of counting are the SQL's (``db.queries.metrics_steps``): whole seconds, a step
belongs to its visit day, open steps apart, imported visits never counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from dashboard import sop
from dashboard.metrics.period import Grain, Period, bucket_start, buckets, share
from dashboard.metrics.step_timing import SECONDS_PER_MINUTE
from db.queries.metrics_steps import (
    DurationSummary,
    ServiceTimeRow,
    StepDayRow,
    StepRow,
    WaitRow,
)

WAITING_STEPS: tuple[int, ...] = tuple(
    number for number in sop.VISIT_STEP_NUMBERS if not sop.starts_immediately(number)
)
"""The steps a visitor waits for (4, 9, 10): their wait is kept apart from their duration."""


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / SECONDS_PER_MINUTE


@dataclass(frozen=True)
class Durations:
    """A summary of durations in seconds: how many, the exact median and p90 ("linear
    interpolation between ranks, as PostgreSQL percentile_cont"), the longest; ``None``
    without any."""

    count: int
    median_seconds: float | None
    p90_seconds: float | None
    max_seconds: int | None

    @classmethod
    def of(cls, summary: DurationSummary) -> Durations:
        return cls(summary.count, summary.median, summary.p90, summary.max)

    @property
    def median_minutes(self) -> float | None:
        return _minutes(self.median_seconds)

    @property
    def p90_minutes(self) -> float | None:
        return _minutes(self.p90_seconds)

    @property
    def max_minutes(self) -> float | None:
        return _minutes(self.max_seconds)


NO_DURATIONS = Durations(0, None, None, None)


@dataclass(frozen=True)
class StepFigures:
    """One SOP step over a period: "step duration: ended_at - started_at … a step with no
    start or no end is open, not zero" (``open``, apart); "compliance = steps that meet
    target / steps with a target and an end", each against its visit day's target;
    ``target_minutes`` is "the one in force on the period's last day" (what a chart marks);
    ``missed_seconds`` the time beyond target."""

    step: int
    durations: Durations
    open: int
    with_target: int
    meeting: int
    missed_seconds: int
    target_minutes: int | None

    @property
    def ended(self) -> int:
        return self.durations.count

    @property
    def compliance(self) -> float | None:
        """Meeting / with a target and an end (``None`` when no step had a target)."""
        return share(self.meeting, self.with_target)

    @property
    def beyond_share(self) -> float | None:
        """The steps with a target and an end that went beyond it: 1 - ``compliance``."""
        compliance = self.compliance
        return None if compliance is None else 1 - compliance

    @property
    def missed_minutes(self) -> float:
        return self.missed_seconds / SECONDS_PER_MINUTE


@dataclass(frozen=True)
class Bottleneck:
    """The step with the most minutes beyond target, and its share of all missed minutes."""

    step: int
    missed_seconds: int
    share: float


@dataclass(frozen=True)
class StepsFigures:
    """Every per-visit SOP step over a period (steps without data have empty figures), and
    over all steps together: compliance (meeting / with a target and an end) and the
    bottleneck (``None`` when no step missed its target)."""

    period: Period
    steps: tuple[StepFigures, ...]

    def step(self, number: int) -> StepFigures:
        return next(figures for figures in self.steps if figures.step == number)

    @property
    def with_target(self) -> int:
        return sum(figures.with_target for figures in self.steps)

    @property
    def meeting(self) -> int:
        return sum(figures.meeting for figures in self.steps)

    @property
    def compliance(self) -> float | None:
        """The share within target of all steps ("share within target today/this month")."""
        return share(self.meeting, self.with_target)

    @property
    def missed_seconds(self) -> int:
        return sum(figures.missed_seconds for figures in self.steps)

    @property
    def missed_minutes(self) -> float:
        return self.missed_seconds / SECONDS_PER_MINUTE

    @property
    def total_target_minutes(self) -> int:
        """The whole visit's limit on the period's last day (``total_target_minutes``)."""
        return sop.total_target_minutes(
            {figures.step: figures.target_minutes for figures in self.steps}
        )

    def missed_share(self, figures: StepFigures) -> float | None:
        """A step's share of all the minutes beyond target (``None`` when none missed)."""
        return share(figures.missed_seconds, self.missed_seconds)

    @property
    def bottleneck(self) -> Bottleneck | None:
        total = self.missed_seconds
        if not total:
            return None
        worst = max(self.steps, key=lambda figures: (figures.missed_seconds, -figures.step))
        return Bottleneck(worst.step, worst.missed_seconds, worst.missed_seconds / total)


def step_figures(
    period: Period, rows: Iterable[StepRow], targets_on_last_day: Mapping[int, int | None]
) -> StepsFigures:
    """From ``db.queries.metrics_steps.step_figures`` and the targets in force on the
    period's last day (``db.queries.visits.step_targets_in_force``)."""
    found = {row.step: row for row in rows}
    numbers = sorted(set(sop.VISIT_STEP_NUMBERS) | set(found))
    steps = []
    for number in numbers:
        row = found.get(number)
        target = targets_on_last_day.get(number)
        if row is None:
            steps.append(StepFigures(number, NO_DURATIONS, 0, 0, 0, 0, target))
            continue
        steps.append(
            StepFigures(
                number,
                Durations.of(row.durations),
                row.open,
                row.with_target,
                row.meeting,
                row.missed_seconds,
                target,
            )
        )
    return StepsFigures(period, tuple(steps))


@dataclass(frozen=True)
class StepCompliance:
    """One step in one bucket of a period (day, week or month): ended steps, those with a
    target, those meeting their visit day's target, the seconds beyond target."""

    period: Period
    step: int
    ended: int
    with_target: int
    meeting: int
    missed_seconds: int

    @property
    def compliance(self) -> float | None:
        return share(self.meeting, self.with_target)


def compliance_over_time(
    period: Period, rows: Iterable[StepDayRow], grain: Grain
) -> tuple[StepCompliance, ...]:
    """The share within target per step and bucket (from ``step_compliance_by_day``), every
    bucket of the period for every step that has data, in bucket then step order."""
    cuts = {cut.first_day: cut for cut in buckets(period, grain)}
    totals: dict[tuple[date, int], list[int]] = {}
    for row in rows:
        start = max(bucket_start(row.day, grain), period.first_day)
        running = totals.setdefault((start, row.step), [0, 0, 0, 0])
        for index, value in enumerate(
            (row.ended, row.with_target, row.meeting, row.missed_seconds)
        ):
            running[index] += value
    steps = sorted({step for _start, step in totals})
    return tuple(
        StepCompliance(cut, step, *totals.get((start, step), [0, 0, 0, 0]))
        for start, cut in cuts.items()
        for step in steps
    )


def all_steps_compliance(cells: Iterable[StepCompliance]) -> float | None:
    """Meeting / with a target over every step and bucket of ``cells`` (``None`` without a
    step with a target)."""
    found = list(cells)
    return share(sum(cell.meeting for cell in found), sum(cell.with_target for cell in found))


def compliance_by_bucket(cells: Iterable[StepCompliance]) -> dict[Period, float | None]:
    """All steps' share within target per bucket of ``compliance_over_time`` cells, in
    bucket order."""
    grouped: dict[Period, list[StepCompliance]] = {}
    for cell in cells:
        grouped.setdefault(cell.period, []).append(cell)
    return {bucket: all_steps_compliance(group) for bucket, group in grouped.items()}


@dataclass(frozen=True)
class WaitFigures:
    """The wait before a step the visitor waits for: "the wait before a step (queued to
    started) is kept apart", with the same summary; ``waiting``: queued, not yet started."""

    step: int
    waits: Durations
    waiting: int


def wait_figures(rows: Iterable[WaitRow]) -> tuple[WaitFigures, ...]:
    return tuple(WaitFigures(row.step, Durations.of(row.waits), row.waiting) for row in rows)


@dataclass(frozen=True)
class ServiceTime:
    """The whole visit's service time: first step's start → last step's end of done visits
    (imported ones have no steps), against the sum of the step targets in force on the
    period's last day (the SOP's 32 minutes): ``within_limit`` visits took no longer."""

    visits: Durations
    limit_minutes: int
    within_limit: int

    @property
    def within_share(self) -> float | None:
        return share(self.within_limit, self.visits.count)


def service_time(row: ServiceTimeRow, limit_minutes: int) -> ServiceTime:
    return ServiceTime(Durations.of(row.visits), limit_minutes, row.within_limit or 0)
