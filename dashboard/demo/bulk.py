"""The row writer: the day plans written as rows, the default path of every demo run.

Replaying every action through the page services costs about 30 ms a visit (two minutes for
one office's three years, hours for a province), so the plans of ``day_plan`` (the same pure
planning: calendar, people, resources, stock) are applied to an in-memory mirror of what each
service does, using the same rule functions (``sop.step_after`` and ``sop.starts_immediately``
for the step chain, ``arrival.screen_visitor``, ``visit_code``, ``office_flags_outside_hours``,
``guest_book.validate_guest_book``, ``clean_requests``, ``pnbp.receipt_number``,
``pnbp.clean_void_reason``, the tariff choice and the receipt descriptions) and the audit
events the services record, and the rows are inserted in batches with ids given here (by
``db.bulk_writer``). Each office is still prepared through the services (office row, sample
catalog, agencies, tariffs).

The mirror is held to the services by a test: the same weeks generated both ways (the
services path is ``--through-services``) give the same database, every table, column and id.
Every run then ends with ``dashboard.demo.checker`` (the app's own validations). A ``--scale``
run (benchmark databases) leaves out the audit trail of the generated actions.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from dashboard import sop
from dashboard.audit import Actor, audit_values
from dashboard.clock import local_date
from dashboard.demo import day_plan as plan
from dashboard.demo import patterns
from dashboard.demo.generator import (
    DEFAULT_DESK,
    DemoError,
    Desk,
    HistoryWriter,
    OfficeSetup,
    OfficeSummary,
    Progress,
    base_context,
    prepare_office,
    tariff_for,
)
from dashboard.demo.users import DemoStaff
from dashboard.office.service_hours import office_flags_outside_hours
from dashboard.pnbp import rules as pnbp
from dashboard.pnbp.receipt_numbers import receipt_number
from dashboard.visits.arrival import parse_temperature, screen_visitor, visit_code
from dashboard.visits.services import clean_requests
from db import rollups
from db.bulk_writer import (
    BATCH_ROWS,
    batch_writer,
    move_sequences_past_ids,
    next_ids,
    refresh_planner_statistics,
)
from db.models import VISIT_DONE, VISIT_IN_PROGRESS, VISIT_REFUSED
from db.queries.catalog_search import suggest_agencies
from db.session import Database

CAN_FORK = "fork" in multiprocessing.get_all_start_methods()
"""Workers are forked (a spawned worker would re-run ``python -m dashboard``'s main module);
without fork the offices are written one after the other."""
ID_BLOCK = 10_000_000
"""Ids of one office's rows per table: office k of a run takes the k-th block."""
ID_TABLES = ("visitor", "visit", "visit_step", "data_request", "deposit", "sale", "sale_item")
"""The tables whose ids this path gives."""


@dataclass
class _Ids:
    """The next free id of each table, given here so that rows can refer to each other
    before they are written."""

    next: dict[str, int]

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


@dataclass
class _Buffers:
    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {
            name: []
            for name in (
                "visitor",
                "visit",
                "visit_step",
                "data_request",
                "picks",
                "step_time_correction",
                "audit_event",
            )
        }
    )

    def size(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


class _OfficeWriter(HistoryWriter):
    """One office's plans applied as the services would, into row buffers."""

    def __init__(
        self,
        database: Database,
        setup: OfficeSetup,
        staff: DemoStaff,
        desk: Desk,
        ids: _Ids,
        summary: OfficeSummary,
        audit_trail: bool,
    ) -> None:
        super().__init__(setup, staff, desk, summary)
        self.database = database
        self.audit_trail = audit_trail
        self.ids = ids
        self.buffers = _Buffers()
        self.visitors_by_contact: dict[str, dict[str, Any]] = {}
        self.visitor_updates: dict[int, datetime] = {}
        self.sales: list[dict[str, Any]] = []
        self.day_sales: dict[int, dict[str, Any]] = {}
        self.items_of: dict[int, list[dict[str, Any]]] = {}
        self.deposits: list[dict[str, Any]] = []
        self.undeposited: dict[int, dict[str, Any]] = {}
        self.receipts: dict[int, int] = {}
        self.stock = dict(setup.stock)
        self.agencies: dict[str, tuple[int | None, str]] = {}
        self.publications = setup.library.publications

    def audit(
        self,
        at: datetime,
        action: str,
        table_name: str,
        row_id: int,
        after: dict[str, Any] | None = None,
        *,
        before: dict[str, Any] | None = None,
        treasurer: bool = False,
    ) -> None:
        """The audit event the service behind the action records (when the run keeps the
        audit trail)."""
        if self.audit_trail:
            user = self.staff.treasurer_id if treasurer else self.staff.officer_id
            actor = Actor(user, self.setup.office_id, at)
            values = audit_values(actor, action, table_name, row_id, before, after)
            self.buffers.rows["audit_event"].append(values)

    # -- the step chain, as dashboard.visits.services keeps it
    def open_step(self, state: _VisitState, number: int, now: datetime) -> None:
        starts = sop.starts_immediately(number)
        step = {
            "id": self.ids.take("visit_step"),
            "visit_id": state.row["id"],
            "step_number": number,
            "queued_at": now,
            "started_at": now if starts else None,
            "ended_at": None,
            "started_by_id": self.staff.officer_id if starts else None,
            "ended_by_id": None,
            "outcome": None,
            "note": None,
        }
        state.steps.append(step)

    def advance(
        self,
        state: _VisitState,
        expected: int,
        now: datetime,
        outcome: str | None = None,
        *,
        any_available: bool = True,
        user: int | None = None,
    ) -> None:
        step = state.steps[-1]
        assert step["step_number"] == expected and step["ended_at"] is None
        assert step["started_at"] is not None and step["started_at"] <= now
        step["ended_at"] = now
        step["ended_by_id"] = user or self.staff.officer_id
        step["outcome"] = outcome
        following = sop.step_after(expected, any_data_available=any_available)
        if following is not None:
            self.open_step(state, following, now)

    # -- actions
    def apply(self, day_state: dict[int, _VisitState], action: plan.Action) -> None:
        now = action.at
        kind = action.kind
        if kind == plan.ARRIVE:
            assert action.visit is not None
            day_state[action.visit] = self.arrive(action.visit, now)
            return
        if kind == plan.SALE:
            self.sale(day_state, action)
            return
        if kind == plan.VOID:
            self.void(action)
            return
        if kind == plan.DEPOSIT:
            self.deposit(action)
            return
        assert action.visit is not None
        state = day_state[action.visit]
        getattr(self, f"on_{kind}")(state, action)

    def arrive(self, index: int, now: datetime) -> _VisitState:
        day = local_date(now, self.setup.zone)
        row = {
            "id": self.ids.take("visit"),
            "office_id": self.setup.office_id,
            "visitor_id": None,
            "visit_date": day,
            "code": visit_code(index + 1),
            "client_key": None,
            "arrived_at": now,
            "left_at": None,
            "mask_worn": None,
            "temperature_celsius": None,
            "admitted": None,
            "refusal_reason": None,
            "rack_slot": None,
            "reading_table": None,
            "service_type": None,
            "status": VISIT_IN_PROGRESS,
            "outside_service_hours": office_flags_outside_hours(self.setup.hours, now),
            "imported": False,
            "import_key": None,
            "created_by_id": self.staff.officer_id,
        }
        state = _VisitState(row)
        step = {
            "id": self.ids.take("visit_step"),
            "visit_id": row["id"],
            "step_number": sop.SCREENING,
            "queued_at": now,
            "started_at": now,
            "ended_at": None,
            "started_by_id": self.staff.officer_id,
            "ended_by_id": None,
            "outcome": None,
            "note": None,
        }
        state.steps.append(step)
        self.audit(now, "visit.start", "visit", row["id"], {"code": row["code"]})
        self.summary.visits += 1
        self.summary.open_visits += 1
        return state

    def on_screen(self, state: _VisitState, action: plan.Action) -> None:
        screening: plan.Screening = action.data
        temperature = parse_temperature(screening.temperature)
        result = screen_visitor(screening.mask, temperature, self.desk.fever_threshold)
        row = state.row
        row.update(mask_worn=screening.mask, temperature_celsius=temperature)
        row["admitted"] = result.admitted
        if result.admitted:
            self.advance(state, sop.SCREENING, action.at, sop.OUTCOME_ADMITTED)
        else:
            step = state.steps[-1]
            step.update(ended_at=action.at, ended_by_id=self.staff.officer_id)
            step["outcome"] = sop.OUTCOME_REFUSED
            row.update(
                refusal_reason=result.refusal_reason, status=VISIT_REFUSED, left_at=action.at
            )
            self.summary.refused += 1
            self.summary.open_visits -= 1
        screened = {"mask": screening.mask, "temperature": temperature, "admitted": result.admitted}
        self.audit(action.at, "visit.screening", "visit", row["id"], screened)

    def on_bag(self, state: _VisitState, action: plan.Action) -> None:
        state.row["rack_slot"] = action.data
        self.advance(state, sop.BAG_RACK, action.at)
        self.audit(
            action.at, "visit.bag_rack", "visit", state.row["id"], {"rack_slot": action.data}
        )

    def on_guest_book(self, state: _VisitState, action: plan.Action) -> None:
        person = action.data
        entry = person.guest_book_entry(local_date(action.at, self.setup.zone).year)
        visitor = None
        for contact in (entry.phone, entry.email):
            if contact and contact in self.visitors_by_contact:
                visitor = self.visitors_by_contact[contact]
                break
        if visitor is None:
            visitor = {
                "id": self.ids.take("visitor"),
                "office_id": self.setup.office_id,
                "created_at": action.at,
                **vars(entry),
                "updated_at": action.at,
            }
            self.buffers.rows["visitor"].append(visitor)
            for contact in (entry.phone, entry.email):
                if contact:
                    self.visitors_by_contact[contact] = visitor
        else:
            self.visitor_updates[visitor["id"]] = action.at
        state.row["visitor_id"] = visitor["id"]
        self.advance(state, sop.GUEST_BOOK, action.at)
        after = {"visitor_id": visitor["id"]}
        self.audit(action.at, "visit.guest_book", "visit", state.row["id"], after)

    def on_start_step(self, state: _VisitState, action: plan.Action) -> None:
        step = state.steps[-1]
        assert step["step_number"] == action.data and step["ended_at"] is None
        if step["started_at"] is None:
            step["started_at"] = action.at
            step["started_by_id"] = self.staff.officer_id
            after = {"step": action.data}
            self.audit(action.at, "visit.start_step", "visit", state.row["id"], after)

    def on_purpose(self, state: _VisitState, action: plan.Action) -> None:
        purpose: plan.Purpose = action.data
        state.row["service_type"] = purpose.service_type
        texts = clean_requests(purpose.texts)
        for position, description in enumerate(texts, start=1):
            request = {
                "id": self.ids.take("data_request"),
                "visit_id": state.row["id"],
                "position": position,
                "description": description,
                "available": None,
                "answer_note": None,
                "referred_agency": None,
                "referred_agency_id": None,
                "decided_at": None,
            }
            state.requests[position] = request
            self.buffers.rows["data_request"].append(request)
        self.advance(state, sop.PURPOSE, action.at)
        after = {"service_type": purpose.service_type, "requests": texts}
        self.audit(action.at, "visit.purpose", "visit", state.row["id"], after)

    def on_found(self, state: _VisitState, action: plan.Action) -> None:
        found: plan.Found = action.data
        request = state.requests[found.position]
        request.update(available=True, decided_at=action.at)
        self.buffers.rows["picks"].append(
            {"data_request_id": request["id"], "publication_id": found.publication_id}
        )
        catalog_number = self.publications[found.publication_id].catalog_number
        after = {"publication_id": found.publication_id, "catalog_number": catalog_number}
        self.audit(action.at, "request.found", "data_request", request["id"], after)

    def on_search_done(self, state: _VisitState, action: plan.Action) -> None:
        self.advance(state, sop.SEARCH, action.at)
        self.audit(action.at, "visit.search", "visit", state.row["id"])

    def referral(self, request_text: str, agency: str | None) -> tuple[int | None, str]:
        if request_text not in self.agencies:
            with self.database.reading() as session:
                suggestions = suggest_agencies(session, self.setup.office_id, request_text, 1)
            if suggestions:
                self.agencies[request_text] = (suggestions[0].id, suggestions[0].name)
            else:
                self.agencies[request_text] = (None, self.typed_agency(agency)[:200])
        return self.agencies[request_text]

    def on_availability(self, state: _VisitState, action: plan.Action) -> None:
        any_available = False
        for planned in action.data:
            request = state.requests[planned.position]
            if planned.found:
                any_available = True
                request.update(available=True, referred_agency=None, referred_agency_id=None)
            else:
                agency_id, name = self.referral(planned.text, planned.agency)
                request.update(available=False, referred_agency=name, referred_agency_id=agency_id)
            request["decided_at"] = action.at
        outcome = sop.OUTCOME_FOUND if any_available else sop.OUTCOME_REFERRED
        self.advance(state, sop.AVAILABILITY, action.at, outcome, any_available=any_available)
        after = {
            request["id"]: request["referred_agency"] or "tersedia"
            for request in state.requests.values()
        }
        self.audit(action.at, "visit.availability", "visit", state.row["id"], after)

    def on_seat(self, state: _VisitState, action: plan.Action) -> None:
        state.row["reading_table"] = action.data
        self.advance(state, sop.READING_TABLE, action.at)
        after = {"reading_table": action.data}
        self.audit(action.at, "visit.reading_table", "visit", state.row["id"], after)

    def on_offer(self, state: _VisitState, action: plan.Action) -> None:
        if action.data:
            if state.steps[-1]["outcome"] == sop.OUTCOME_BUYS:
                return
            state.steps[-1]["outcome"] = outcome = sop.OUTCOME_BUYS
        else:
            outcome = sop.OUTCOME_DECLINES
            self.advance(state, sop.PURCHASE_OFFER, action.at, outcome)
        self.audit(action.at, "visit.purchase_offer", "visit", state.row["id"], {"buys": outcome})

    def on_correct_start(self, state: _VisitState, action: plan.Action) -> None:
        """A waiting step's start moved earlier, as ``correct_step_time`` moves it (a start
        that is not the previous step's end moves alone)."""
        correction: plan.StartCorrection = action.data
        step = next(step for step in state.steps if step["step_number"] == correction.step)
        old, new = step["started_at"], correction.started_at
        assert old != step["queued_at"] and step["queued_at"] <= new <= old
        step["started_at"] = new
        self.buffers.rows["step_time_correction"].append(
            {
                "visit_step_id": step["id"],
                "field_name": "started_at",
                "old_value": old,
                "new_value": new,
                "reason": correction.reason,
                "corrected_by_id": self.staff.officer_id,
                "corrected_at": action.at,
            }
        )
        after = {"started_at": new, "reason": correction.reason}
        before = {"started_at": old}
        self.audit(
            action.at, "visit_step.correct_time", "visit_step", step["id"], after, before=before
        )

    def on_return_bag(self, state: _VisitState, action: plan.Action) -> None:
        self.advance(state, sop.BAG_RETURN, action.at, sop.OUTCOME_BAG_RETURNED)
        state.row.update(status=VISIT_DONE, left_at=action.at)
        self.audit(action.at, "visit.done", "visit", state.row["id"])
        self.summary.open_visits -= 1

    # -- the treasurer, as dashboard.pnbp.sales keeps the books
    def sale(self, day_state: dict[int, _VisitState], action: plan.Action) -> None:
        planned: plan.SalePlan = action.data
        day = local_date(action.at, self.setup.zone)
        sale_id = self.ids.take("sale")
        zero = planned.zero_rupiah_reason is not None
        items = [self.sale_item(sale_id, line, day, zero) for line in planned.lines]
        sequence = self.receipts.get(day.year, 0) + 1
        self.receipts[day.year] = sequence
        visit_id = None
        if planned.visit is not None:
            state = day_state[planned.visit]
            visit_id = state.row["id"]
            treasurer = self.staff.treasurer_id
            self.advance(state, sop.PURCHASE_OFFER, action.at, sop.OUTCOME_BUYS, user=treasurer)
        sale = {
            "id": sale_id,
            "office_id": self.setup.office_id,
            "visit_id": visit_id,
            "receipt_year": day.year,
            "receipt_sequence": sequence,
            "receipt_number": receipt_number(sequence, self.setup.code, day.year),
            "imported": False,
            "payer_name": planned.payer_name,
            "payer_institution": planned.payer_institution,
            "payment_method": planned.payment_method,
            "payment_reference": planned.payment_reference,
            "total": sum(item["amount"] for item in items),
            "zero_rupiah_reason": planned.zero_rupiah_reason,
            "zero_rupiah_letter": planned.zero_rupiah_letter,
            "treasurer_id": self.staff.treasurer_id,
            "paid_at": action.at,
            "voided_at": None,
            "void_reason": None,
            "voided_by_id": None,
            "deposit_id": None,
            "print_count": 1,
        }
        self.sales.append(sale)
        self.day_sales[planned.key] = sale
        self.items_of[sale_id] = items
        if sale["total"] > 0:
            self.undeposited[sale_id] = sale
        self.audit(
            action.at, "sale.record", "sale", sale_id, _sale_summary(sale, items), treasurer=True
        )
        printed = {"receipt_number": sale["receipt_number"], "print_count": 1}
        self.audit(action.at, "sale.print", "sale", sale_id, printed, treasurer=True)
        self.summary.sales += 1

    def sale_item(
        self, sale_id: int, line: plan.PlannedLine, day: date, zero: bool
    ) -> dict[str, Any]:
        """A receipt line priced and described as ``record_sale`` does."""
        tariff = tariff_for(self.setup.tariffs, line.item_kind, line.size_class, day)
        unit_price = 0 if zero else tariff.amount
        if line.publication_id is not None:
            suffix = {pnbp.KIND_HARDCOPY: " (cetak)", pnbp.KIND_SOFTCOPY: " (softcopy)"}.get(
                tariff.item_kind, ""
            )
            title = self.publications[line.publication_id].title
            description = title[: pnbp.MAX_DESCRIPTION - len(suffix)] + suffix
        else:
            description = " ".join((line.description or "").split())
        if tariff.item_kind == pnbp.KIND_HARDCOPY and line.publication_id is not None:
            if self.stock[line.publication_id] < line.quantity:
                raise DemoError(f"{self.setup.code}: stock of {line.publication_id} runs out")
            self.stock[line.publication_id] -= line.quantity
        return {
            "id": self.ids.take("sale_item"),
            "sale_id": sale_id,
            "tariff_id": tariff.id,
            "publication_id": line.publication_id,
            "item_kind": tariff.item_kind,
            "description": description,
            "quantity": line.quantity,
            "unit_price": unit_price,
            "amount": unit_price * line.quantity,
        }

    def void(self, action: plan.Action) -> None:
        void: plan.Void = action.data
        sale = self.day_sales[void.sale_key]
        reason = pnbp.clean_void_reason(void.reason)
        sale.update(voided_at=action.at, void_reason=reason)
        sale["voided_by_id"] = self.staff.treasurer_id
        restocked: dict[int, int] = {}
        for item in self.items_of[sale["id"]]:
            if item["item_kind"] == pnbp.KIND_HARDCOPY and item["publication_id"] is not None:
                publication_id = item["publication_id"]
                restocked[publication_id] = restocked.get(publication_id, 0) + item["quantity"]
                self.stock[publication_id] += item["quantity"]
        self.undeposited.pop(sale["id"], None)
        after = {"receipt_number": sale["receipt_number"], "reason": reason, "stock": restocked}
        self.audit(action.at, "sale.void", "sale", sale["id"], after, treasurer=True)
        self.summary.voids += 1

    def deposit(self, action: plan.Action) -> None:
        references: plan.DepositReferences = action.data
        due = [sale for sale in self.undeposited.values() if sale["paid_at"] <= action.at]
        if not due:
            return
        due.sort(key=lambda sale: sale["id"])
        deposit = {
            "id": self.ids.take("deposit"),
            "office_id": self.setup.office_id,
            "deposited_on": local_date(action.at, self.setup.zone),
            "amount": sum(sale["total"] for sale in due),
            "billing_code": references.billing_code,
            "ntpn": references.ntpn,
            "note": f"Setoran {len(due)} kuitansi",
            "treasurer_id": self.staff.treasurer_id,
            "created_at": action.at,
        }
        self.deposits.append(deposit)
        for sale in due:
            sale["deposit_id"] = deposit["id"]
            del self.undeposited[sale["id"]]
        after = {
            **{key: deposit[key] for key in ("deposited_on", "amount", "billing_code", "ntpn")},
            "receipts": [sale["receipt_number"] for sale in due],
        }
        self.audit(action.at, "deposit.record", "deposit", deposit["id"], after, treasurer=True)
        self.summary.deposits += 1

    # -- writing
    def end_of_day(self, day_state: dict[int, _VisitState]) -> None:
        for state in day_state.values():
            self.buffers.rows["visit"].append(state.row)
            self.buffers.rows["visit_step"].extend(state.steps)
        self.day_sales = {}
        if self.buffers.size() >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        """Write the buffered visitors, visits, steps, requests and picks (parents first)."""
        with batch_writer(self.database) as writer:
            for table in ("visitor", "visit", "visit_step", "data_request"):
                writer.insert(table, self.buffers.rows[table])
            writer.insert("data_request_publication", self.buffers.rows["picks"])
            writer.insert("step_time_correction", self.buffers.rows["step_time_correction"])
            writer.insert("audit_event", self.buffers.rows["audit_event"])
            writer.mark_changed([self.setup.office_id])
        self.buffers = _Buffers()

    def finish(self) -> None:
        """The office's last rows: the treasurer's books, stock, counters, who came back."""
        self.flush()
        with batch_writer(self.database) as writer:
            writer.insert("deposit", self.deposits)
            writer.insert("sale", self.sales)
            writer.insert("sale_item", [item for items in self.items_of.values() for item in items])
            writer.update_by_id("visitor", "updated_at", self.visitor_updates)
            changed = {
                key: value
                for key, value in self.stock.items()
                if value != self.setup.stock.get(key)
            }
            writer.update_by_id("publication", "hardcopy_stock", changed)
            writer.insert(
                "receipt_counter",
                [
                    {"office_id": self.setup.office_id, "year": year, "last_number": number}
                    for year, number in sorted(self.receipts.items())
                ],
            )
            writer.mark_changed([self.setup.office_id])


def _sale_summary(sale: dict[str, Any], items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """What ``record_sale`` writes in its audit event."""
    summary = {
        key: sale[key]
        for key in ("receipt_number", "total", "payment_method", "zero_rupiah_reason", "visit_id")
    }
    item_keys = ("tariff_id", "publication_id", "quantity", "unit_price")
    summary["items"] = [{key: item[key] for key in item_keys} for item in items]
    return summary


@dataclass
class _VisitState:
    row: dict[str, Any]
    steps: list[dict[str, Any]] = field(default_factory=list)
    requests: dict[int, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Job:
    """One office for a worker process."""

    database_url: str
    setup: OfficeSetup
    staff: DemoStaff
    desk: Desk
    first_ids: dict[str, int]
    seed: int
    first_day: date
    now: datetime
    volume: float
    audit_trail: bool


def _run_job(job: _Job, progress: Progress | None = None) -> OfficeSummary:
    database = Database(job.database_url)
    try:
        ids = _Ids(dict(job.first_ids))
        summary = OfficeSummary(job.setup.code)
        writer = _OfficeWriter(
            database, job.setup, job.staff, job.desk, ids, summary, job.audit_trail
        )
        days = patterns.working_days(job.first_day, local_date(job.now, job.setup.zone))
        state = plan.OfficeState(stock=dict(job.setup.stock))
        base = base_context(job.setup, job.first_day, job.desk, job.volume)
        plans = plan.office_plans(job.seed, job.setup.code, days, base, state)
        for number, day_planned in enumerate(plans, start=1):
            day_state: dict[int, _VisitState] = {}
            for action in day_planned.actions:
                if action.at > job.now:
                    break
                writer.apply(day_state, action)
            writer.end_of_day(day_state)
            summary.days += 1
            if progress is not None:
                progress(job.setup.code, day_planned.day, number, len(days))
        writer.finish()
        for table, first in job.first_ids.items():
            if ids.next[table] - first > ID_BLOCK:
                raise DemoError(f"{job.setup.code}: more than {ID_BLOCK} rows of {table}")
        return summary
    finally:
        database.dispose()


def generate_offices(
    database: Database,
    codes: Sequence[str],
    staff: DemoStaff,
    *,
    seed: int,
    first_day: date,
    now: datetime,
    volume: float,
    audit_trail: bool,
    desk: Desk = DEFAULT_DESK,
    progress: Progress | None = None,
    workers: int | None = None,
) -> list[OfficeSummary]:
    """Each office's history from ``first_day`` to ``now``, ``volume`` times an ordinary
    office's visits, written as rows (see the module's docstring).

    Offices are prepared through the services one after the other, then written by
    ``workers`` processes (by default one per CPU) side by side; each office takes its ids
    from its own block, so the writers never need each other's ids.
    """
    now = now.astimezone(UTC).replace(microsecond=0)
    jobs: list[_Job] = []
    first_ids = next_ids(database, ID_TABLES)
    for number, code in enumerate(codes):
        with database.transaction() as session:
            setup = prepare_office(session, code, Actor(staff.admin_id, 0, now), first_day)
        block = {table: first + number * ID_BLOCK for table, first in first_ids.items()}
        jobs.append(
            _Job(
                database.url,
                setup,
                staff,
                desk,
                block,
                seed,
                first_day,
                now,
                volume,
                audit_trail,
            )
        )
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1 or not CAN_FORK:
        summaries = [_run_job(job, progress) for job in jobs]
    else:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            summaries = []
            for job, summary in zip(jobs, pool.imap(_run_job, jobs), strict=True):
                summaries.append(summary)
                if progress is not None:
                    last_day = local_date(now, job.setup.zone)
                    progress(job.setup.code, last_day, summary.days, summary.days)
    move_sequences_past_ids(database, ID_TABLES)
    for job in jobs:  # the rows bypassed the sessions that keep the rollups: one office at a time
        with database.transaction() as session:
            rollups.rebuild(session, [job.setup.office_id])
    refresh_planner_statistics(database)
    return summaries
