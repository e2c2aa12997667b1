"""Unmet demand (*permintaan tidak terpenuhi*): what visitors asked for and did not get,
grouped by topic, so the office knows what to collect or publish.

**Topic.** Two requests are on the same topic when their *significant words* are the same
set. A request's significant words are its words, folded (lower case, no accents) and
stemmed with the Indonesian stemmer, leaving out numbers (years) and words that say
nothing about the subject (``db.search_text.filler_words``: *data, jumlah, tahun, di,
dan, yang, per*, the regency's own name …). So "Jumlah penduduk per kecamatan 2024" and "data
kependudukan menurut kecamatan" are one topic {duduk, camat}; word order, years and case do
not matter. A request with no significant word at all is its own topic, by its folded
wording. A topic is labelled by its most frequent wording (ties: the most recently asked).

The share of a topic is its count over *every* data request of the period (answered,
referred or undecided), on visits whose visit day (WIB) lies in the period.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from dashboard.errors import InputError
from dashboard.i18n import format_day, format_number
from db.queries.unmet_demand import Offices, UnmetRow, requests_in_period, unmet_requests
from db.search_text import request_terms, words

NO_AGENCY = "(tanpa dinas tercatat)"
NO_UNMET = "Tidak ada permintaan yang tidak terpenuhi pada periode ini."
"""What the chart and the trends page's reading say of a period without unmet demand."""


@dataclass(frozen=True)
class TopicGroup:
    """One topic of unmet demand in the period."""

    key: str
    label: str
    terms: tuple[str, ...]
    """The topic's significant words, each in the form visitors wrote most often."""
    count: int
    share: float
    """count / all data requests of the period (0 when there were none)."""
    last_asked: date
    agencies: tuple[tuple[str, int], ...]
    """Where the visitors were referred, most frequent first: (name, count)."""
    wordings: int
    """How many different wordings the topic gathers."""


@dataclass(frozen=True)
class UnmetDemand:
    """The page's whole answer for a period."""

    first_day: date
    last_day: date
    groups: tuple[TopicGroup, ...]
    unmet: int
    total: int


def significant_words(text: str) -> list[tuple[str, str]]:
    """(word as written, folded; its stem) for every word of ``text`` that names a topic."""
    return [(term.word, term.stem) for term in request_terms(text)]


def topic_key(text: str) -> str:
    """The topic of a request: its significant stems, sorted, space-separated; for a
    request with none, ``"="`` and its folded wording (so it only meets identical texts)."""
    stems = sorted({root for _word, root in significant_words(text)})
    if stems:
        return " ".join(stems)
    return "=" + " ".join(words(text))


def normalized_wording(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Accumulator:
    """One topic while the rows are read."""

    count: int = 0
    last_asked: date = date.min
    wordings: Counter[str] = field(default_factory=Counter)
    wording_last: dict[str, date] = field(default_factory=dict)
    agencies: Counter[str] = field(default_factory=Counter)
    terms: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, row: UnmetRow) -> None:
        wording = normalized_wording(row.description)
        self.count += row.count
        self.last_asked = max(self.last_asked, row.last_asked)
        self.wordings[wording] += row.count
        self.wording_last[wording] = max(self.wording_last.get(wording, date.min), row.last_asked)
        self.agencies[(row.referred_agency or "").strip() or NO_AGENCY] += row.count
        for word, root in significant_words(row.description):
            self.terms[root][word] += row.count

    def label(self) -> str:
        """The most frequent wording; ties: the most recently asked, then alphabetical."""
        return min(
            self.wordings,
            key=lambda text: (-self.wordings[text], -self.wording_last[text].toordinal(), text),
        )

    def term_forms(self) -> tuple[str, ...]:
        return tuple(forms.most_common(1)[0][0] for _root, forms in sorted(self.terms.items()))

    def agency_counts(self) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(self.agencies.items(), key=lambda item: (-item[1], item[0])))


def group_unmet(rows: Iterable[UnmetRow], total_requests: int) -> list[TopicGroup]:
    """The rows of the query as topics, the most asked first (ties: most recent, then by
    label)."""
    groups: dict[str, _Accumulator] = defaultdict(_Accumulator)
    for row in rows:
        groups[topic_key(row.description)].add(row)
    result = [
        TopicGroup(
            key=key,
            label=group.label(),
            terms=group.term_forms(),
            count=group.count,
            share=group.count / total_requests if total_requests else 0.0,
            last_asked=group.last_asked,
            agencies=group.agency_counts(),
            wordings=len(group.wordings),
        )
        for key, group in groups.items()
    ]
    result.sort(key=lambda group: (-group.count, -group.last_asked.toordinal(), group.label))
    return result


def build_unmet_demand(
    first_day: date, last_day: date, rows: Sequence[UnmetRow], total_requests: int
) -> UnmetDemand:
    groups = group_unmet(rows, total_requests)
    return UnmetDemand(
        first_day=first_day,
        last_day=last_day,
        groups=tuple(groups),
        unmet=sum(group.count for group in groups),
        total=total_requests,
    )


def load_unmet_demand(
    session: Session, office_id: Offices, first_day: date, last_day: date
) -> UnmetDemand:
    """The page's answer for a period, read from the office's data requests (or those of
    several offices, ``None``: every office)."""
    rows = unmet_requests(session, office_id, first_day, last_day)
    total = requests_in_period(session, office_id, first_day, last_day)
    return build_unmet_demand(first_day, last_day, rows, total)


# -- the period ------------------------------------------------------------------------------


def this_year(today: date) -> tuple[date, date]:
    """The default period: 1 January of this year up to today."""
    return date(today.year, 1, 1), today


def last_year(today: date) -> tuple[date, date]:
    return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)


def last_twelve_months(today: date) -> tuple[date, date]:
    """The 365 days up to today."""
    return today - timedelta(days=364), today


def parse_period(first: str | None, last: str | None) -> tuple[date, date]:
    """The period fields (ISO dates from date inputs); InputError on 'period' when a date is
    missing or malformed, or the period runs backwards."""
    try:
        first_day = date.fromisoformat(first or "")
        last_day = date.fromisoformat(last or "")
    except ValueError:
        raise InputError.on("period", "Isi tanggal awal dan akhir periode.") from None
    if last_day < first_day:
        raise InputError.on("period", "Tanggal akhir tidak boleh sebelum tanggal awal.")
    return first_day, last_day


def period_text(first_day: date, last_day: date) -> str:
    return f"{format_day(first_day)} – {format_day(last_day)}"


def share_text(share: float) -> str:
    return f"{format_number(share * 100, 1)} %"


def summary_text(demand: UnmetDemand) -> str:
    """One line above the table: how much went unmet in the period."""
    period = period_text(demand.first_day, demand.last_day)
    if not demand.total:
        return f"Tidak ada permintaan data pada {period}."
    if not demand.unmet:
        return (
            f"Semua {format_number(demand.total)} permintaan data pada {period} "
            "tersedia di BPS atau belum diputuskan; tidak ada yang dirujuk."
        )
    return (
        f"{format_number(demand.unmet)} dari {format_number(demand.total)} permintaan data "
        f"({share_text(demand.unmet / demand.total)}) pada {period} tidak tersedia di BPS, "
        f"dalam {format_number(len(demand.groups))} topik."
    )


def agencies_text(agencies: Sequence[tuple[str, int]]) -> str:
    """'Dinas Kesehatan (3), Bappeda (1)'"""
    return ", ".join(f"{name} ({count})" for name, count in agencies)


def grid_rows(groups: Sequence[TopicGroup]) -> list[dict[str, object]]:
    """The rows of the table (one per topic) for dash-ag-grid."""
    return [
        {
            "id": group.key,
            "rank": position,
            "label": group.label,
            "count": group.count,
            "share": round(group.share * 100, 1),
            "share_text": share_text(group.share),
            "last_asked": group.last_asked.isoformat(),
            "last_asked_text": format_day(group.last_asked),
            "agencies": agencies_text(group.agencies),
            "terms": ", ".join(group.terms),
            "wordings": group.wordings,
        }
        for position, group in enumerate(groups, start=1)
    ]
