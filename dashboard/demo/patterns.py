"""The rhythms of a PST desk, as a head would recognise them (pure: draws take the caller's
``random.Random``).

- Visits only on working days (``dashboard.office.service_hours.is_working_day``); Monday is the
  busiest day, Friday the quietest (Friday prayers empty the late morning).
- Mid-morning and early-afternoon peaks, a dip over the lunch break, a few arrivals before
  08:30 or after 15:30.
- Students follow the academic calendar: thesis season (May-July, and November-December for
  the odd semester) brings more of them; the semester break fewer.
- The fasting month (Ramadan: the 30 days before Eid al-Fitr, dates from the ``holidays``
  package) is quieter, its last week and the week after the Lebaran holidays quieter still;
  the days between Christmas and New Year too.
- Slow growth, about 8 % a year.

Step times are drawn around each step's SOP target from a lognormal distribution: most steps
meet the target, and a realistic right tail of slow ones does not.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from itertools import accumulate

import holidays

from dashboard import sop
from dashboard.office.service_hours import is_working_day

BASE_DAILY_VISITS = 4.5
"""Visits on an ordinary Wednesday at the start of the span, before the season's factors: a
regency office serves a hundred-odd visitors a month (most data users download from the
website)."""
GROWTH_PER_YEAR = 0.08
OVERDISPERSION = 10.0
"""Shape of the gamma mixing the daily Poisson count: days vary more than Poisson alone."""

WEEKDAY_FACTORS = (1.3, 1.1, 1.0, 0.95, 0.72, 0.0, 0.0)
GENERAL_MONTH = (1.1, 1.05, 1.05, 1.0, 1.0, 0.95, 1.0, 0.95, 1.0, 1.05, 1.0, 0.85)
"""Non-students by month (January-March: planning and budget season of the regency)."""
STUDENT_MONTH = (0.8, 0.7, 0.9, 1.05, 1.5, 1.65, 1.4, 0.75, 0.85, 1.0, 1.35, 1.2)
"""Students by month: thesis season May-July and November-December."""
RAMADAN_FACTOR = 0.65
LAST_RAMADAN_WEEK_FACTOR = 0.45
AFTER_LEBARAN_FACTOR = 0.55
AFTER_LEBARAN_WORKING_DAYS = 5
YEAR_END_FACTOR = 0.6
RAMADAN_DAYS = 30

SCREENING_REFUSAL_SHARE = 0.015
NO_MASK_SHARE_OF_REFUSALS = 0.45
RETURNING_SHARE = 0.25
SECOND_REQUEST_SHARE = 0.38
THIRD_REQUEST_SHARE = 0.12
FOUND_WHEN_PUBLISHED = 0.92
"""A topic the catalog covers is found this often; otherwise the detail asked for is not
published and the visitor is referred."""
SECOND_PUBLICATION_SHARE = 0.2
VOID_SHARE = 0.025
LATE_START_CLICK_SHARE = 0.03
"""A waiting step whose 'Mulai' the officer clicks late and then corrects (only when the
visitor waited two minutes or more)."""
WALK_IN_SALE_PER_DAY = 0.08
"""Sales without a visit (a letter, a phone order paid by transfer) per working day."""


@dataclass(frozen=True)
class DayFactors:
    """How busy a day is against an ordinary one, for non-students and for students."""

    general: float
    student: float
    label: str


@cache
def eid_al_fitr(year: int) -> date | None:
    """The first day of Eid al-Fitr (Lebaran) in Indonesia in ``year``."""
    calendar = holidays.country_holidays("ID", years=year, language="en_US")
    days = [day for day, name in calendar.items() if name.split(" (")[0] == "Eid al-Fitr"]
    return min(days) if days else None


def ramadan(year: int) -> tuple[date, date] | None:
    """The fasting month before the Eid of ``year``: its first and last day."""
    eid = eid_al_fitr(year)
    if eid is None:
        return None
    return eid - timedelta(days=RAMADAN_DAYS), eid - timedelta(days=1)


@cache
def _after_lebaran(year: int) -> frozenset[date]:
    """The first working days once the Lebaran holidays (and collective leave) are over."""
    eid = eid_al_fitr(year)
    if eid is None:
        return frozenset()
    days: list[date] = []
    day = eid
    while len(days) < AFTER_LEBARAN_WORKING_DAYS:
        day += timedelta(days=1)
        if is_working_day(day):
            days.append(day)
    return frozenset(days)


def day_factors(day: date) -> DayFactors:
    """The season's factors for one working day."""
    weekday = WEEKDAY_FACTORS[day.weekday()]
    general = weekday * GENERAL_MONTH[day.month - 1]
    student = weekday * STUDENT_MONTH[day.month - 1]
    label = "biasa"
    fasting = ramadan(day.year)
    if fasting and fasting[0] <= day <= fasting[1]:
        last_week = day > fasting[1] - timedelta(days=7)
        factor = LAST_RAMADAN_WEEK_FACTOR if last_week else RAMADAN_FACTOR
        general, student, label = general * factor, student * factor, "ramadan"
    elif day in _after_lebaran(day.year):
        general *= AFTER_LEBARAN_FACTOR
        student *= AFTER_LEBARAN_FACTOR
        label = "lebaran"
    elif day.month == 12 and day.day >= 22:
        general *= YEAR_END_FACTOR
        student *= YEAR_END_FACTOR
        label = "akhir tahun"
    return DayFactors(general, student, label)


def growth(day: date, first_day: date) -> float:
    return (1 + GROWTH_PER_YEAR) ** ((day - first_day).days / 365.25)


def working_days(first_day: date, last_day: date) -> list[date]:
    days = []
    day = first_day
    while day <= last_day:
        if is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (inversion by sequential search; means here stay below a few hundred)."""
    if mean <= 0:
        return 0
    if mean > 500:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    draw = rng.random()
    probability = math.exp(-mean)
    cumulative = probability
    count = 0
    while draw > cumulative and probability > 0:
        count += 1
        probability *= mean / count
        cumulative += probability
    return count


def visit_count(rng: random.Random, mean: float) -> int:
    """Visits of one day: Poisson around a mean that itself varies from day to day."""
    return poisson(rng, mean * rng.gammavariate(OVERDISPERSION, 1 / OVERDISPERSION))


# -- arrival times ---------------------------------------------------------------------------

ARRIVAL_BIN_SECONDS = 15 * 60
ARRIVAL_FIRST_BIN = 8 * 3600  # 08:00
ARRIVAL_WEIGHTS = (
    0.10, 0.22,              # 08:00-08:30: before opening
    0.55, 0.80,              # 08:30-09:00
    1.30, 1.55, 1.75, 1.85,  # 09:00-10:00
    1.90, 1.85, 1.70, 1.45,  # 10:00-11:00
    1.25, 1.10, 0.90, 0.70,  # 11:00-12:00
    0.40, 0.30, 0.35, 0.55,  # 12:00-13:00: lunch break
    1.00, 1.15, 1.15, 1.05,  # 13:00-14:00
    0.95, 0.85, 0.70, 0.55,  # 14:00-15:00
    0.40, 0.28,              # 15:00-15:30
    0.08, 0.04,              # 15:30-16:00: after closing
)  # fmt: skip
FRIDAY_PRAYER_BINS = range(12, 22)  # 11:00-13:30
FRIDAY_PRAYER_FACTOR = 0.15


@cache
def _arrival_cumulative(friday: bool) -> tuple[float, ...]:
    weights = [
        weight * (FRIDAY_PRAYER_FACTOR if friday and index in FRIDAY_PRAYER_BINS else 1.0)
        for index, weight in enumerate(ARRIVAL_WEIGHTS)
    ]
    return tuple(accumulate(weights))


def arrival_second(rng: random.Random, weekday: int) -> int:
    """A moment of arrival, in seconds after local midnight."""
    cumulative = _arrival_cumulative(weekday == 4)
    index = bisect.bisect_right(cumulative, rng.random() * cumulative[-1])
    index = min(index, len(cumulative) - 1)
    return ARRIVAL_FIRST_BIN + index * ARRIVAL_BIN_SECONDS + rng.randrange(ARRIVAL_BIN_SECONDS)


# -- how long things take ----------------------------------------------------------------------


def lognormal_seconds(rng: random.Random, median_minutes: float, sigma: float) -> int:
    """A duration around ``median_minutes`` with a right tail; at least 5 seconds."""
    return max(5, round(median_minutes * 60 * math.exp(sigma * rng.gauss(0.0, 1.0))))


@dataclass(frozen=True)
class StepTiming:
    """A step's own time as a share of its SOP target (median) and the spread of the tail."""

    median_share: float
    sigma: float


STEP_TIMING: dict[int, StepTiming] = {
    sop.BAG_RACK: StepTiming(0.4, 0.55),
    sop.GUEST_BOOK: StepTiming(0.72, 0.42),
    sop.PURPOSE: StepTiming(0.62, 0.5),
    sop.SEARCH: StepTiming(0.62, 0.55),
    sop.READING_TABLE: StepTiming(0.55, 0.55),
    sop.PURCHASE_OFFER: StepTiming(0.14, 0.5),
    sop.BAG_RETURN: StepTiming(0.38, 0.55),
}
"""Step 9 here is the offer answered "no"; a purchase adds the treasurer's time."""
UNTARGETED_MINUTES = {sop.SCREENING: (0.8, 0.4), sop.AVAILABILITY: (1.0, 0.5)}
PRACTICE_PER_YEAR = 0.05
"""Officers get quicker at the desk steps (4 and 6) each year with the system."""


def step_seconds(
    rng: random.Random,
    step_number: int,
    target_minutes: int | None,
    *,
    extra_requests: int = 0,
    years_of_practice: float = 0.0,
    returning: bool = False,
) -> int:
    """The own time of one step (start to end)."""
    if step_number in UNTARGETED_MINUTES or not target_minutes:
        median, sigma = UNTARGETED_MINUTES.get(step_number, (1.0, 0.5))
        return lognormal_seconds(rng, median * (1 + 0.6 * extra_requests), sigma)
    timing = STEP_TIMING[step_number]
    median = target_minutes * timing.median_share
    if step_number in (sop.PURPOSE, sop.SEARCH):
        median *= (1 + 0.45 * extra_requests) * (1 - PRACTICE_PER_YEAR) ** years_of_practice
    if step_number == sop.GUEST_BOOK and returning:
        median *= 0.45  # the form fills itself from the phone number
    return lognormal_seconds(rng, median, timing.sigma)


def pickup_seconds(rng: random.Random, step_number: int) -> int:
    """How long a visitor waits for a free officer to notice them and start a waiting step."""
    median = {sop.PURPOSE: 1.2, sop.PURCHASE_OFFER: 0.8, sop.BAG_RETURN: 0.6}[step_number]
    return lognormal_seconds(rng, median, 0.8)


READING_MINUTES = {
    "perpustakaan": 32.0,
    "konsultasi": 18.0,
    "penjualan": 7.0,
    "rekomendasi": 14.0,
    "lainnya": 15.0,
}


def reading_seconds(rng: random.Random, service_type: str) -> int:
    """Time at the reading table (the visitor's own, no target)."""
    return lognormal_seconds(rng, READING_MINUTES.get(service_type, 15.0), 0.6)


def payment_seconds(rng: random.Random) -> int:
    """From "yes, I buy" to the receipt in hand: walking over, the treasurer's form, paying."""
    return lognormal_seconds(rng, 5.5, 0.45)


def body_temperature(rng: random.Random, fever: bool) -> str:
    """A temperature as the officer types it ('36,6'): a fever is above 37.5 °C."""
    value = rng.uniform(37.6, 38.9) if fever else min(37.4, max(35.6, rng.gauss(36.5, 0.3)))
    return f"{value:.1f}".replace(".", ",")
