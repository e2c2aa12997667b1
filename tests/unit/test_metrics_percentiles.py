"""The exact percentile helper: PostgreSQL's percentile_cont, the same as
``statistics.quantiles(method="inclusive")``."""

from __future__ import annotations

import random
import statistics

import pytest

from dashboard.metrics.percentiles import median, p90, percentile_cont


@pytest.mark.parametrize("size", [2, 3, 4, 5, 6, 7, 10, 11, 37, 100, 101])
def test_agrees_with_statistics_quantiles(size: int) -> None:
    values = [random.Random(size).randint(0, 3_600) for _ in range(size)]
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    assert median(values) == pytest.approx(statistics.median(values))
    assert median(values) == pytest.approx(deciles[4])
    assert p90(values) == pytest.approx(deciles[8])


def test_by_hand() -> None:
    # 60 120 150 180 180 210: rank 0.5·5 = 2.5 → 165; rank 0.9·5 = 4.5 → 195.
    values = [180, 210, 150, 120, 180, 60]
    assert median(values) == 165.0
    assert p90(values) == 195.0
    # One value is every percentile; the ends are min and max.
    assert percentile_cont([42], 0.9) == 42.0
    assert percentile_cont(values, 0) == 60.0
    assert percentile_cont(values, 1) == 210.0


def test_no_values_no_percentile() -> None:
    assert median([]) is None
    assert p90(iter(())) is None


def test_a_fraction_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError):
        percentile_cont([1, 2], 1.5)
