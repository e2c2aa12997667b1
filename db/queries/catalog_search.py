"""Search of the library catalog and of the agency directory, through each database's own
full-text index (made by migration 0002): SQLite FTS5 tables ``publication_fts`` and
``agency_fts``, PostgreSQL generated ``tsvector`` columns ``search_vector`` with GIN indexes.

Both indexes hold text prepared by ``db.search_text.index_text`` (folded, each word
followed by its Sastrawi stem), and a search is prepared the same way: every word typed becomes
a term that matches its stem, or the word as typed as a prefix (the officer may still be typing
it). The match expression is built from those folded alphanumeric words only and is always
passed as a bound parameter, never written into the SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    Select,
    bindparam,
    cast,
    column,
    func,
    literal,
    literal_column,
    select,
    table,
)
from sqlalchemy.dialects.postgresql import REGCONFIG, TSVECTOR
from sqlalchemy.orm import Session

from db.models import FORMAT_HARDCOPY, FORMAT_SOFTCOPY, Agency, Publication
from db.search_text import QueryTerm, query_terms, request_terms

PUBLICATION_FTS_WEIGHTS = (10.0, 4.0, 1.0)
"""bm25 weights of the SQLite index columns: title, subject, notes."""


@dataclass(frozen=True)
class PublicationHit:
    """A publication found by a search. ``rank``: higher is better; comparable within one
    call only (0.0 when the search had no words)."""

    id: int
    catalog_number: str
    title: str
    year: int
    subject: str
    region: str | None
    has_hardcopy: bool
    hardcopy_stock: int
    shelf_location: str | None
    has_softcopy: bool
    retired: bool
    rank: float


@dataclass(frozen=True)
class AgencySuggestion:
    """An agency whose topics match a request. ``rank``: the number of request words its
    topics match, plus a text-relevance fraction below 1 that orders agencies matching as
    many words."""

    id: int
    name: str
    topics: str
    address: str | None
    phone: str | None
    rank: float


_publication = Publication.__table__
_agency = Agency.__table__


def search_publications(
    session: Session,
    office_id: int,
    text: str,
    *,
    year: int | None = None,
    subject: str | None = None,
    fmt: str | None = None,
    limit: int = 20,
    include_retired: bool = False,
) -> list[PublicationHit]:
    """Publications of the office matching every word of ``text`` (title, subject, notes),
    best first, the title weighing most; with no words, those passing the filters, newest
    first. ``fmt``: ``"hardcopy"`` or ``"softcopy"`` (None or "" for any)."""
    filters = _publication_filters(office_id, year, subject, fmt, include_retired)
    terms = query_terms(text)
    if not terms:
        query = (
            select(*_publication_columns(), literal(0.0, Float).label("hit_rank"))
            .where(*filters)
            .order_by(*_newest_first())
        )
    else:
        query = _dialect_search(
            session, _postgresql_publication_search, _sqlite_publication_search
        )(terms, filters)
    rows = session.execute(query.limit(limit)).all()
    return [
        publication_hit(row, retired=row.retired_at is not None, rank=float(row.hit_rank))
        for row in rows
    ]


def publication_hit(row: Any, *, retired: bool, rank: float) -> PublicationHit:
    """A found publication from a row (or a ``Publication``) holding its catalog columns."""
    return PublicationHit(
        id=row.id,
        catalog_number=row.catalog_number,
        title=row.title,
        year=row.year,
        subject=row.subject,
        region=row.region,
        has_hardcopy=bool(row.has_hardcopy),
        hardcopy_stock=row.hardcopy_stock,
        shelf_location=row.shelf_location,
        has_softcopy=bool(row.has_softcopy),
        retired=retired,
        rank=rank,
    )


def suggest_agencies(
    session: Session, office_id: int, request_text: str, limit: int = 5
) -> list[AgencySuggestion]:
    """Active agencies of the office whose topics match any word of a data request; agencies
    matching more of its words first. A request is a finished text, not one being typed, so
    its words match whole (as typed or as their stem), not as prefixes: "per kecamatan" must
    not suggest the agriculture office for "pertanian"."""
    terms = request_terms(request_text)
    if not terms:
        return []
    filters = [_agency.c.office_id == office_id, _agency.c.active.is_(True)]
    query = _dialect_search(session, _postgresql_agency_suggestions, _sqlite_agency_suggestions)
    rows = session.execute(query(terms, filters).limit(limit)).all()
    return [
        AgencySuggestion(
            id=row.id,
            name=row.name,
            topics=row.topics,
            address=row.address,
            phone=row.phone,
            rank=float(row.hit_rank),
        )
        for row in rows
    ]


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


_SearchBuilder = Callable[
    [Sequence[QueryTerm], Sequence[ColumnElement[bool]]], Select[tuple[object, ...]]
]
"""Builds a full-text search from the query's terms and the filters of the rows it may find."""


def _dialect_search(
    session: Session, postgresql: _SearchBuilder, sqlite: _SearchBuilder
) -> _SearchBuilder:
    """The search builder for the session's database (PostgreSQL's text search or SQLite's
    FTS5)."""
    return postgresql if _is_postgresql(session) else sqlite


def _publication_columns() -> list[ColumnElement[object]]:
    columns = _publication.c
    return [
        columns.id,
        columns.catalog_number,
        columns.title,
        columns.year,
        columns.subject,
        columns.region,
        columns.has_hardcopy,
        columns.hardcopy_stock,
        columns.shelf_location,
        columns.has_softcopy,
        columns.retired_at,
    ]


def _newest_first() -> tuple[ColumnElement[object], ...]:
    """How publications that rank alike are listed: newest year, then title."""
    columns = _publication.c
    return columns.year.desc(), columns.title, columns.id


def _agency_columns() -> list[ColumnElement[object]]:
    columns = _agency.c
    return [columns.id, columns.name, columns.topics, columns.address, columns.phone]


def _publication_filters(
    office_id: int,
    year: int | None,
    subject: str | None,
    fmt: str | None,
    include_retired: bool,
) -> list[ColumnElement[bool]]:
    columns = _publication.c
    filters: list[ColumnElement[bool]] = [columns.office_id == office_id]
    if year is not None:
        filters.append(columns.year == year)
    if subject:
        filters.append(columns.subject == subject)
    if fmt == FORMAT_HARDCOPY:
        filters.append(columns.has_hardcopy.is_(True))
    elif fmt == FORMAT_SOFTCOPY:
        filters.append(columns.has_softcopy.is_(True))
    elif fmt:
        raise ValueError(f"unknown publication format: {fmt!r}")
    if not include_retired:
        filters.append(columns.retired_at.is_(None))
    return filters


def _relevance_fraction(score: ColumnElement[float]) -> ColumnElement[float]:
    """A text-relevance score (0 or more) squeezed below 1, added to a count of matched words."""
    return score / (score + 1.0)


# SQLite: FTS5 tables ---------------------------------------------------------------------
# ("hit_rank", not "rank": FTS5 tables have a hidden column named rank.)

_publication_fts = table("publication_fts", column("rowid", Integer))
_agency_fts = table("agency_fts", column("rowid", Integer))


def _fts5_term(term: QueryTerm, *, prefix: bool = True) -> str:
    """``("duduk" OR "penduduk"*)`` (``"penduduk"`` without ``prefix``). The words are
    ``[a-z0-9]+`` (``query_terms``), quoted so that FTS5 reads words such as ``or`` or ``near``
    as plain words."""
    word = f'"{term.word}"*' if prefix else f'"{term.word}"'
    if term.stem == term.word:
        return word
    return f'("{term.stem}" OR {word})'


def _fts5_matches(fts_name: str, parameter: str, match: str) -> ColumnElement[bool]:
    return literal_column(fts_name).match(bindparam(parameter, match))


def _sqlite_publication_search(
    terms: Sequence[QueryTerm], filters: Sequence[ColumnElement[bool]]
) -> Select[tuple[object, ...]]:
    match = " AND ".join(_fts5_term(term) for term in terms)
    # bm25() is lower for better matches: negated, so that a higher rank is better.
    bm25 = func.bm25(literal_column("publication_fts"), *PUBLICATION_FTS_WEIGHTS, type_=Float)
    rank = (-bm25).label("hit_rank")
    return (
        select(*_publication_columns(), rank)
        .select_from(_publication_fts)
        .join(_publication, _publication.c.id == _publication_fts.c.rowid)
        .where(_fts5_matches("publication_fts", "publication_match", match), *filters)
        .order_by(rank.desc(), *_newest_first())
    )


def _sqlite_agency_suggestions(
    terms: Sequence[QueryTerm], filters: Sequence[ColumnElement[bool]]
) -> Select[tuple[object, ...]]:
    matched_words = [
        cast(
            _agency.c.id.in_(
                select(_agency_fts.c.rowid).where(
                    _fts5_matches(
                        "agency_fts", f"agency_term_{index}", _fts5_term(term, prefix=False)
                    )
                )
            ),
            Integer,
        )
        for index, term in enumerate(terms)
    ]
    relevance = -func.bm25(literal_column("agency_fts"), type_=Float)
    rank = (sum(matched_words, start=literal(0.0, Float)) + _relevance_fraction(relevance)).label(
        "hit_rank"
    )
    match = " OR ".join(_fts5_term(term, prefix=False) for term in terms)
    return (
        select(*_agency_columns(), rank)
        .select_from(_agency_fts)
        .join(_agency, _agency.c.id == _agency_fts.c.rowid)
        .where(_fts5_matches("agency_fts", "agency_match", match), *filters)
        .order_by(rank.desc(), _agency.c.name, _agency.c.id)
    )


# PostgreSQL: generated tsvector columns ---------------------------------------------------


def _tsquery_term(term: QueryTerm, *, prefix: bool = True) -> str:
    """``(duduk | penduduk:*)`` (``penduduk`` without ``prefix``). The words are
    ``[a-z0-9]+`` (``query_terms``)."""
    word = f"{term.word}:*" if prefix else term.word
    if term.stem == term.word:
        return word
    return f"({term.stem} | {word})"


def _tsquery(parameter: str, query: str) -> ColumnElement[object]:
    return func.to_tsquery(cast(literal("simple"), REGCONFIG), bindparam(parameter, query))


def _search_vector(table_name: str) -> ColumnElement[object]:
    return literal_column(f"{table_name}.search_vector", TSVECTOR)


def _postgresql_publication_search(
    terms: Sequence[QueryTerm], filters: Sequence[ColumnElement[bool]]
) -> Select[tuple[object, ...]]:
    vector = _search_vector("publication")
    query = _tsquery("publication_query", " & ".join(_tsquery_term(term) for term in terms))
    # Default weights {D, C, B, A} = {0.1, 0.2, 0.4, 1.0}: title (A) > subject (B) > notes (C).
    rank = func.ts_rank_cd(vector, query, type_=Float).label("hit_rank")
    return (
        select(*_publication_columns(), rank)
        .where(vector.op("@@")(query), *filters)
        .order_by(rank.desc(), *_newest_first())
    )


def _postgresql_agency_suggestions(
    terms: Sequence[QueryTerm], filters: Sequence[ColumnElement[bool]]
) -> Select[tuple[object, ...]]:
    vector = _search_vector("agency")
    matched_words = [
        cast(
            vector.op("@@")(_tsquery(f"agency_term_{index}", _tsquery_term(term, prefix=False))),
            Integer,
        )
        for index, term in enumerate(terms)
    ]
    query = _tsquery(
        "agency_query", " | ".join(_tsquery_term(term, prefix=False) for term in terms)
    )
    relevance = func.ts_rank_cd(vector, query, type_=Float)
    rank = (sum(matched_words, start=literal(0.0, Float)) + _relevance_fraction(relevance)).label(
        "hit_rank"
    )
    return (
        select(*_agency_columns(), rank)
        .where(vector.op("@@")(query), *filters)
        .order_by(rank.desc(), _agency.c.name, _agency.c.id)
    )
