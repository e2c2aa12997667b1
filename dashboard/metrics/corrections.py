"""Time corrections over a period: how often the recorded times of each SOP step had to be
corrected, and by whose recording (``db.queries.metrics_corrections`` says who counts), with
the share of the period's ended steps that were corrected."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dashboard.metrics.period import share
from db.queries.metrics_corrections import CorrectionRow


@dataclass(frozen=True)
class StepCorrections:
    """One step: its corrections, the distinct steps corrected, and those among the
    period's ended steps of that number (``share``; ``None`` without an ended step)."""

    step: int
    corrections: int
    steps_corrected: int
    share: float | None


@dataclass(frozen=True)
class OfficerCorrections:
    officer: str
    corrections: int


@dataclass(frozen=True)
class CorrectionFigures:
    rows: tuple[CorrectionRow, ...]
    """Per (step, officer), by step then officer."""
    by_step: tuple[StepCorrections, ...]
    """By step number."""
    by_officer: tuple[OfficerCorrections, ...]
    """Most corrections first."""

    @property
    def total(self) -> int:
        return sum(row.corrections for row in self.rows)


def correction_figures(
    rows: Iterable[CorrectionRow], ended_by_step: Mapping[int, int]
) -> CorrectionFigures:
    """From ``corrections_by_officer_and_step``; ``ended_by_step``: the period's ended steps
    per number (``StepsFigures``), the base of each step's share."""
    found = tuple(rows)
    steps: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    officers: dict[tuple[int, str], int] = defaultdict(int)
    for row in found:
        steps[row.step][0] += row.corrections
        steps[row.step][1] += row.steps_corrected
        officers[(row.officer_id, row.officer)] += row.corrections
    by_step = tuple(
        StepCorrections(step, count, touched, share(touched, ended_by_step.get(step, 0)))
        for step, (count, touched) in sorted(steps.items())
    )
    by_officer = tuple(
        OfficerCorrections(name, count)
        for (_id, name), count in sorted(officers.items(), key=lambda item: (-item[1], item[0][1]))
    )
    return CorrectionFigures(found, by_step, by_officer)
