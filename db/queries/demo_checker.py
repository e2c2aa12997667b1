"""Reads of the rule checker (``dashboard.demo.checker``): whole tables, or every visit of
some days with its steps, requests and picks, as rows (attribute access by column name).

They read across offices: the checker holds a whole database to the app's rules. Long lists
of ids are read ``CHUNK`` at a time (the databases limit a statement's parameters).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from db import models

CHUNK = 500
"""Ids read in one statement."""

TableRow = Row[Any]
"""One row of a table, every column, read by name (``row.visit_date``)."""


def _chunks(values: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def offices(session: Session) -> dict[int, TableRow]:
    """Every office by id."""
    return {row.id: row for row in session.execute(select(models.Office.__table__))}


def visitors(session: Session, ids: Collection[int] | None = None) -> Iterator[TableRow]:
    """Every visitor by id (or those of ``ids``, a chunk of ids at a time)."""
    table = models.Visitor.__table__
    if ids is None:
        yield from session.execute(select(table).order_by(models.Visitor.id))
        return
    for chunk in _chunks(sorted(ids)):
        yield from session.execute(select(table).where(models.Visitor.id.in_(chunk)))


@dataclass
class StoredVisit:
    """A visit and what hangs on it."""

    visit: TableRow
    steps: list[TableRow] = field(default_factory=list)
    """By id: the order they were opened."""
    requests: list[TableRow] = field(default_factory=list)
    """By position."""
    picks: dict[int, int] = field(default_factory=dict)
    """Publications linked per request id."""


def visit_days(session: Session) -> list[tuple[int, date]]:
    """Every (office id, visit day) that has a visit, in order."""
    return [
        (office_id, day)
        for office_id, day in session.execute(
            select(models.Visit.office_id, models.Visit.visit_date)
            .distinct()
            .order_by(models.Visit.office_id, models.Visit.visit_date)
        )
    ]


def visit_ids_on(session: Session, office_id: int, days: Collection[date]) -> list[int]:
    """The office's visits of those days, by id."""
    return list(
        session.scalars(
            select(models.Visit.id)
            .where(models.Visit.office_id == office_id, models.Visit.visit_date.in_(days))
            .order_by(models.Visit.id)
        )
    )


def stored_visits(session: Session, visit_ids: Sequence[int]) -> list[StoredVisit]:
    """The visits of ``visit_ids`` (in that order) with their steps, requests and picks."""
    found: dict[int, StoredVisit] = {}
    for chunk in _chunks(visit_ids):
        for visit in session.execute(
            select(models.Visit.__table__).where(models.Visit.id.in_(chunk))
        ):
            found[visit.id] = StoredVisit(visit)
        steps = session.execute(
            select(models.VisitStep.__table__)
            .where(models.VisitStep.visit_id.in_(chunk))
            .order_by(models.VisitStep.id)
        )
        for step in steps:
            found[step.visit_id].steps.append(step)
        requests = session.execute(
            select(models.DataRequest.__table__)
            .where(models.DataRequest.visit_id.in_(chunk))
            .order_by(models.DataRequest.visit_id, models.DataRequest.position)
        )
        request_visit = {}
        for request in requests:
            found[request.visit_id].requests.append(request)
            request_visit[request.id] = request.visit_id
        if request_visit:
            links = session.execute(
                select(models.DataRequestPublication.data_request_id, func.count())
                .where(models.DataRequestPublication.data_request_id.in_(list(request_visit)))
                .group_by(models.DataRequestPublication.data_request_id)
            )
            for request_id, count in links:
                found[request_visit[request_id]].picks[request_id] = count
    return [found[visit_id] for visit_id in visit_ids if visit_id in found]


# -- the treasurer's books ---------------------------------------------------------------------


def receipt_rows(session: Session) -> list[TableRow]:
    """The numbering of every sale recorded here (not imported), by office, year and
    sequence."""
    return list(
        session.execute(
            select(
                models.Sale.id,
                models.Sale.office_id,
                models.Sale.receipt_year,
                models.Sale.receipt_sequence,
                models.Sale.receipt_number,
                models.Sale.paid_at,
            )
            .where(models.Sale.imported.is_(False))
            .order_by(models.Sale.office_id, models.Sale.receipt_year, models.Sale.receipt_sequence)
        )
    )


def receipt_counters(session: Session) -> dict[tuple[int, int], int]:
    """(office id, year) → the last number the counter gave."""
    return {
        (row.office_id, row.year): row.last_number
        for row in session.execute(select(models.ReceiptCounter.__table__))
    }


def tariffs(session: Session) -> dict[int, TableRow]:
    """Every tariff by id."""
    return {row.id: row for row in session.execute(select(models.Tariff.__table__))}


def recorded_sales(session: Session) -> dict[int, TableRow]:
    """Every sale recorded here (not imported), by id."""
    rows = session.execute(select(models.Sale.__table__).where(models.Sale.imported.is_(False)))
    return {row.id: row for row in rows}


def sale_items(session: Session) -> list[TableRow]:
    """Every receipt line, by id."""
    return list(session.execute(select(models.SaleItem.__table__).order_by(models.SaleItem.id)))


def hardcopy_sales(session: Session, hardcopy_kind: str) -> list[TableRow]:
    """(publication id, quantity, paid at, voided at) of every line selling a catalog
    publication's printed copies (items of ``hardcopy_kind``)."""
    rows = session.execute(
        select(
            models.SaleItem.publication_id,
            models.SaleItem.quantity,
            models.Sale.paid_at,
            models.Sale.voided_at,
        )
        .join(models.Sale, models.Sale.id == models.SaleItem.sale_id)
        .where(
            models.SaleItem.item_kind == hardcopy_kind, models.SaleItem.publication_id.is_not(None)
        )
    )
    return list(rows)


def hardcopy_stock(session: Session) -> dict[int, int]:
    """Every publication's printed copies in stock now, by id."""
    return dict(
        session.execute(select(models.Publication.id, models.Publication.hardcopy_stock)).all()
    )


def deposits(session: Session) -> dict[int, TableRow]:
    """Every deposit by id."""
    return {row.id: row for row in session.execute(select(models.Deposit.__table__))}


def deposited_sales(session: Session) -> list[TableRow]:
    """Every sale a deposit covers."""
    return list(
        session.execute(select(models.Sale.__table__).where(models.Sale.deposit_id.is_not(None)))
    )


def sales_with_visit_step(session: Session, step_number: int) -> list[TableRow]:
    """(receipt number, paid at, outcome, ended at) of the visit's step ``step_number`` for
    every sale made to a visit that has that step."""
    rows = session.execute(
        select(
            models.Sale.receipt_number,
            models.Sale.paid_at,
            models.VisitStep.outcome,
            models.VisitStep.ended_at,
        )
        .join(
            models.VisitStep,
            (models.VisitStep.visit_id == models.Sale.visit_id)
            & (models.VisitStep.step_number == step_number),
        )
        .where(models.Sale.visit_id.is_not(None))
    )
    return list(rows)


def time_corrections(session: Session) -> list[TableRow]:
    """Every step time correction, by id."""
    return list(
        session.execute(
            select(models.StepTimeCorrection.__table__).order_by(models.StepTimeCorrection.id)
        )
    )
