"""Who came and for what: the PST service types of the admitted visits of a period and their
visitors' profile (education, occupation, institution type, gender, age group), counted per
admitted visit, imported visits included (``db.queries.metrics_profile``).

Age groups: the age is the visit day's year minus ``visitor.birth_year`` (the guest book asks
only the year of birth, so a visitor may be a year younger than counted); the bands are
``AGE_BANDS`` — under 20, 20-29, 30-39, 40-49, 50-59, 60 and over — and *tidak diketahui*
for a missing birth year (or a visit with no guest-book entry yet).

A visit is counted with its visitor's data as the guest book holds it now: a returning
visitor's later entry updates the visitor, and with it the profile of the earlier visits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from db.queries.metrics_profile import AGE, PROFILE_FIELDS, CodeCount, ProfileRow
from db.reference_data import EDUCATION, INSTITUTION_TYPE, OCCUPATION, SERVICE_TYPE

UNKNOWN = "Tidak diketahui"
AGE_BANDS: tuple[tuple[int | None, str], ...] = (
    (None, "< 20"),
    (20, "20–29"),
    (30, "30–39"),
    (40, "40–49"),
    (50, "50–59"),
    (60, "≥ 60"),
)
"""(lowest age of the band, label), youngest first; the first band has no lower bound."""
GENDERS: dict[str, str] = {"L": "Laki-laki", "P": "Perempuan"}
DIMENSIONS: dict[str, str] = {
    "education": "Pendidikan",
    "occupation": "Pekerjaan",
    "institution_type": "Jenis instansi",
    "gender": "Jenis kelamin",
    AGE: "Kelompok umur",
}
"""The profile's dimensions (``ProfileRow.dimension``) and their Indonesian names, in order."""
LOOKUP_KINDS: dict[str, str] = {
    "education": EDUCATION,
    "occupation": OCCUPATION,
    "institution_type": INSTITUTION_TYPE,
}
assert set(DIMENSIONS) == {*PROFILE_FIELDS, AGE}


def age_band(age: int | None) -> str:
    """The band of an age in whole years (``UNKNOWN`` for ``None``)."""
    if age is None:
        return UNKNOWN
    label = AGE_BANDS[0][1]
    for lowest, band in AGE_BANDS[1:]:
        if lowest is not None and age >= lowest:
            label = band
    return label


@dataclass(frozen=True)
class Share:
    """One category of a breakdown: its label, its visits, and its share of all visits."""

    label: str
    visits: int
    share: float


def _shares(counts: Mapping[str, int], order: Iterable[str] | None = None) -> tuple[Share, ...]:
    """The categories with a visit, most first (or in ``order``), ``UNKNOWN`` last."""
    total = sum(counts.values())
    known = [label for label in counts if label != UNKNOWN and counts[label]]
    if order is None:
        known.sort(key=lambda label: (-counts[label], label))
    else:
        ranked = list(order)
        known.sort(key=lambda label: ranked.index(label) if label in ranked else len(ranked))
    if counts.get(UNKNOWN):
        known.append(UNKNOWN)
    return tuple(Share(label, counts[label], counts[label] / total) for label in known)


def _label(labels: Mapping[tuple[str, str], str], kind: str, code: str | None) -> str:
    if code is None or not code.strip():
        return UNKNOWN
    return labels.get((kind, code), code)


@dataclass(frozen=True)
class ServiceTypes:
    """Admitted visits of the period by PST service type (``visits``: all of them)."""

    visits: int
    types: tuple[Share, ...]


def service_types(rows: Iterable[CodeCount], labels: Mapping[tuple[str, str], str]) -> ServiceTypes:
    """From ``metrics_profile.service_types`` and ``option_labels``."""
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[_label(labels, SERVICE_TYPE, row.code)] += row.visits
    return ServiceTypes(sum(counts.values()), _shares(counts))


@dataclass(frozen=True)
class VisitorProfile:
    """Admitted visits of the period by each dimension of ``DIMENSIONS``."""

    visits: int
    by: dict[str, tuple[Share, ...]]


def visitor_profile(
    rows: Iterable[ProfileRow], labels: Mapping[tuple[str, str], str]
) -> VisitorProfile:
    """From ``metrics_profile.visitor_profile`` and ``option_labels``: codes labelled, ages
    put in their bands (in age order), every dimension adding up to the same visits."""
    counts: dict[str, dict[str, int]] = {name: defaultdict(int) for name in DIMENSIONS}
    for row in rows:
        if row.dimension == AGE:
            label = age_band(None if row.value is None else int(row.value))
        elif row.dimension == "gender":
            label = UNKNOWN if row.value is None else GENDERS.get(row.value, row.value)
        else:
            label = _label(labels, LOOKUP_KINDS[row.dimension], row.value)
        counts[row.dimension][label] += row.visits
    bands = [band for _lowest, band in AGE_BANDS]
    by = {name: _shares(counts[name], bands if name == AGE else None) for name in DIMENSIONS}
    return VisitorProfile(sum(counts["gender"].values()), by)
