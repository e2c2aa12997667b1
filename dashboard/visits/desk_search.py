"""Step 6 at the desk: the catalog search box with its filters, what a result shows, and the
officer picking a result for one data request of the visit (or taking the pick back).

No Dash here; the components are in ``dashboard.visits.service_layout``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.i18n import format_number
from dashboard.library.catalog import (
    FORMAT_HARDCOPY,
    FORMAT_SOFTCOPY,
    FORMATS,
    MIN_SEARCH_LENGTH,
    SEARCH_TOO_SHORT_TEXT,
    SUBJECTS,
)
from dashboard.paths import parse_id
from dashboard.visits import services as visit_services
from dashboard.visits.service_page import RequestView, request_views
from db.queries import visits as visit_queries
from db.queries.catalog_search import PublicationHit, search_publications
from db.queries.library_desk import LinkedPublication

RESULT_LIMIT = 15
FIRST_YEAR = 1900
LAST_YEAR = 2999
NO_VALUE = "—"
ANY = "semua"
"""The value of the 'all subjects' / 'all formats' choice of the filters."""


@dataclass(frozen=True)
class SearchFilters:
    """The filters beside the search box, checked; ``year_problem`` says why a typed year
    was not used (the search then runs without it)."""

    year: int | None = None
    subject: str | None = None
    fmt: str | None = None
    year_problem: str | None = None

    @property
    def any(self) -> bool:
        return self.year is not None or bool(self.subject) or bool(self.fmt)


@dataclass(frozen=True)
class SearchResult:
    """What the search shows of one hit, or why it shows none."""

    hits: tuple[PublicationHit, ...]
    message: str | None
    """A line above the results: the count, a hint, or why nothing was found."""


def parse_filters(year: object, subject: object, fmt: object) -> SearchFilters:
    """The filter fields as the search takes them. Unknown subjects or formats count as no
    filter (the selects only offer known ones); a year that is not one is reported."""
    year_text = str(year if year is not None else "").strip()
    parsed_year = None
    problem = None
    if year_text:
        number = int(year_text) if year_text.isascii() and year_text.isdigit() else None
        if number is None or not FIRST_YEAR <= number <= LAST_YEAR:
            problem = "Tahun ditulis empat angka, mis. 2024."
        else:
            parsed_year = number
    return SearchFilters(
        year=parsed_year,
        subject=subject if subject in SUBJECTS else None,
        fmt=fmt if fmt in FORMATS else None,
        year_problem=problem,
    )


def run_search(
    session: Session, office_id: int, text: str | None, filters: SearchFilters
) -> SearchResult:
    """The catalog's answer to the box and the filters, best first. Nothing is searched while
    the box is empty and no filter is set: the officer sees a hint instead."""
    typed = (text or "").strip()
    if not typed and not filters.any:
        return SearchResult((), "Ketik judul, subjek atau kata kunci; hasil muncul saat mengetik.")
    if 0 < len(typed) < MIN_SEARCH_LENGTH and not filters.any:
        return SearchResult((), SEARCH_TOO_SHORT_TEXT)
    hits = search_publications(
        session,
        office_id,
        typed,
        year=filters.year,
        subject=filters.subject,
        fmt=filters.fmt,
        limit=RESULT_LIMIT,
    )
    return SearchResult(tuple(hits), result_message(typed, len(hits), filters))


def result_message(typed: str, count: int, filters: SearchFilters) -> str:
    prefix = f"{filters.year_problem} " if filters.year_problem else ""
    if count == 0:
        what = f"“{typed}”" if typed else "saringan ini"
        return prefix + f"Tidak ada publikasi yang cocok dengan {what}. Coba kata lain."
    if count >= RESULT_LIMIT:
        return prefix + f"{RESULT_LIMIT} hasil teratas; tambah kata untuk mempersempit."
    return prefix + f"{count} publikasi ditemukan."


def subject_label(code: str) -> str:
    return SUBJECTS.get(code, code)


def formats_text(has_hardcopy: bool, has_softcopy: bool) -> str:
    """'Hardcopy · Softcopy', or a dash when the entry has neither."""
    names = [
        name
        for present, name in ((has_hardcopy, "Hardcopy"), (has_softcopy, "Softcopy"))
        if present
    ]
    return " · ".join(names) or NO_VALUE


def stock_text(has_hardcopy: bool, stock: int) -> str:
    """The hardcopy stock as the desk says it: 'stok 3', 'stok habis', or a dash."""
    if not has_hardcopy:
        return NO_VALUE
    return f"stok {format_number(stock)}" if stock > 0 else "stok habis"


def shelf_text(shelf_location: str | None) -> str:
    """Where the hardcopy stands: 'Rak C-3' as the catalog writes it, prefixed with 'rak'
    when the catalog gives only the code."""
    if not shelf_location:
        return "rak belum dicatat"
    return (
        shelf_location if shelf_location.casefold().startswith("rak") else f"rak {shelf_location}"
    )


def picked_line(publication: LinkedPublication) -> str:
    """A picked publication under its request: 'Title (2025) · rak B-03 · stok 2'."""
    parts = [f"{publication.title} ({publication.year})"]
    if publication.has_hardcopy:
        parts += [
            shelf_text(publication.shelf_location),
            stock_text(True, publication.hardcopy_stock),
        ]
    if publication.has_softcopy:
        parts.append("softcopy")
    return " · ".join(parts)


def format_options() -> list[tuple[str, str]]:
    return [
        (FORMAT_HARDCOPY, FORMATS[FORMAT_HARDCOPY]),
        (FORMAT_SOFTCOPY, FORMATS[FORMAT_SOFTCOPY]),
    ]


def default_target(requests: Sequence[RequestView]) -> int | None:
    """The request a pick goes to when the page opens: the first one without a publication."""
    for request in requests:
        if not request.found:
            return request.request_id
    return requests[0].request_id if requests else None


def short_request(request: RequestView, limit: int = 48) -> str:
    """'1. Jumlah penduduk per kecamatan' cut to ``limit`` characters for the target choice."""
    text = request.description
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"{request.position}. {text}"


def unpick_key(request_id: int, publication_id: int) -> str:
    """The index of a 'remove' button's dict id: one request and one publication."""
    return f"{request_id}-{publication_id}"


def parse_unpick_key(key: object) -> tuple[int, int] | None:
    request_part, _, publication_part = str(key or "").partition("-")
    request_id, publication_id = parse_id(request_part), parse_id(publication_part)
    if request_id is None or publication_id is None:
        return None
    return request_id, publication_id


@dataclass(frozen=True)
class PickResult:
    """The visit's requests after a pick (or its removal), and the line to tell the officer."""

    requests: tuple[RequestView, ...]
    message: str


def _requests_now(session: Session, visit_id: int) -> tuple[RequestView, ...]:
    visit = visit_queries.visit_with_details(session, visit_id)
    assert visit is not None  # the service has just found and locked it
    session.refresh(visit, ["requests"])
    return request_views(session, visit)


def pick_publication(
    session: Session, actor: Actor, visit_id: int, request_id: int, publication_id: int
) -> PickResult:
    """Mark the request found with the publication, then read the requests as they are now."""
    request = visit_services.mark_request_found(
        session, actor, visit_id, request_id, publication_id
    )
    requests = _requests_now(session, visit_id)
    title = next(
        (
            publication.title
            for view in requests
            for publication in view.publications
            if publication.publication_id == publication_id
        ),
        "Publikasi",
    )
    return PickResult(
        requests, f"“{title}” dipilih untuk permintaan {request.position}: {request.description}."
    )


def unpick_publication(
    session: Session, actor: Actor, visit_id: int, request_id: int, publication_id: int
) -> PickResult:
    """Take a pick back, then read the requests as they are now."""
    request = visit_services.unmark_request_found(
        session, actor, visit_id, request_id, publication_id
    )
    requests = _requests_now(session, visit_id)
    still = next(view for view in requests if view.request_id == request.id)
    after = (
        "permintaan ini masih punya publikasi lain."
        if still.found
        else "permintaan ini belum ditemukan lagi."
    )
    return PickResult(requests, f"Pilihan dihapus dari permintaan {request.position}; {after}")
