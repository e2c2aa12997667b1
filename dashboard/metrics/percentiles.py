"""Exact percentiles as PostgreSQL's ``percentile_cont`` computes them: the value at rank
q·(n-1) of the sorted values, interpolated linearly between the two neighbouring ranks
(``statistics.quantiles(method="inclusive")`` gives the same, up to rounding).

``db.queries.metrics_steps`` computes the same in SQL on both databases; this is the
reference the tests compare it with, and the helper for values already in Python.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

MEDIAN = 0.5
P90 = 0.9


def percentile_cont(values: Iterable[float], fraction: float) -> float | None:
    """The ``fraction`` percentile (0 … 1) of ``values``; ``None`` for no values.

    The arithmetic is PostgreSQL's (``float8_lerp``): ``lo + (rank - floor(rank)) * (hi - lo)``
    in double precision, so the result equals the database's bit for bit.
    """
    if not 0 <= fraction <= 1:
        raise ValueError(f"percentile fraction {fraction} is not between 0 and 1")
    ordered = sorted(values)
    if not ordered:
        return None
    rank = fraction * (len(ordered) - 1)
    lower, upper = math.floor(rank), math.ceil(rank)
    low, high = float(ordered[lower]), float(ordered[upper])
    return low + (rank - lower) * (high - low)


def median(values: Iterable[float]) -> float | None:
    return percentile_cont(values, MEDIAN)


def p90(values: Iterable[float]) -> float | None:
    return percentile_cont(values, P90)
