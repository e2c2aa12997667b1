"""What *Setoran* shows and how its form reaches the deposit service: the undeposited balance
and how old it is, its receipts, the deposits made, the receipts ticked. Plain functions, no
Dash."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy.orm import Session

from dashboard.audit import Actor
from dashboard.clock import local_date
from dashboard.i18n import format_clock, format_day, format_number, format_rupiah
from dashboard.paths import parse_id
from dashboard.pnbp.rules import parse_form_date
from dashboard.pnbp.sales import record_deposit
from dashboard.pnbp.sales_view import method_label
from db.queries.sales import DepositRow, SaleRow, deposits_between, undeposited

AGE_HELP = (
    "PNBP yang diterima Bendahara Penerimaan wajib segera disetor ke kas negara, tidak boleh "
    "mengendap. Kuning: kuitansi tertua belum disetor lebih dari 1 hari; merah: lebih dari "
    "7 hari."
)
AgeLevel = Literal["ok", "warn", "late"]
WARN_AFTER_DAYS = 1
LATE_AFTER_DAYS = 7
AGE_COLORS: dict[AgeLevel, str] = {"ok": "success", "warn": "warning", "late": "danger"}
FIRST_DAY = date(2000, 1, 1)
"""Past deposits are listed from here (all of them: a few a week)."""


def age_level(age_days: int | None) -> AgeLevel:
    """The colour of the undeposited balance's age: amber over a day, red over a week."""
    if age_days is None or age_days <= WARN_AFTER_DAYS:
        return "ok"
    if age_days <= LATE_AFTER_DAYS:
        return "warn"
    return "late"


def age_text(age_days: int | None) -> str:
    if age_days is None:
        return "—"
    if age_days == 0:
        return "hari ini"
    return f"{format_number(age_days)} hari"


@dataclass(frozen=True)
class BalanceView:
    """The undeposited balance as the Setoran page shows it."""

    total: str
    count: str
    age: str
    age_color: str
    oldest: str


def balance_view(total: int, count: int, oldest_day: date | None, age_days: int) -> BalanceView:
    if not count:
        return BalanceView(
            format_rupiah(0), "Tidak ada kuitansi yang belum disetor", "—", "secondary", ""
        )
    return BalanceView(
        total=format_rupiah(total),
        count=f"dari {format_number(count)} kuitansi",
        age=age_text(age_days),
        age_color=AGE_COLORS[age_level(age_days)],
        oldest=f"Kuitansi tertua dibayar {format_day(oldest_day)}" if oldest_day else "",
    )


def undeposited_record(sale: SaleRow, today: date) -> dict[str, Any]:
    paid_on = local_date(sale.paid_at)
    return {
        "id": str(sale.sale_id),
        "receipt_number": sale.receipt_number,
        "paid": f"{format_day(paid_on)} {format_clock(sale.paid_at)}",
        "paid_iso": sale.paid_at.isoformat(),
        "age": age_text((today - paid_on).days),
        "payer": sale.payer,
        "method": method_label(sale.payment_method),
        "total": sale.total,
        "total_text": format_rupiah(sale.total),
    }


def history_record(row: DepositRow) -> dict[str, Any]:
    return {
        "id": str(row.deposit_id),
        "deposited_on": format_day(row.deposited_on),
        "deposited_iso": row.deposited_on.isoformat(),
        "amount": row.amount,
        "amount_text": format_rupiah(row.amount),
        "billing_code": row.billing_code,
        "ntpn": row.ntpn,
        "receipts": row.receipts,
        "note": row.note or "",
    }


@dataclass(frozen=True)
class DepositsPage:
    """Everything *Setoran* reads: the balance, its receipts (grid rows), the deposits made."""

    balance: BalanceView
    undeposited: list[dict[str, Any]]
    history: list[dict[str, Any]]


def load_deposits_page(session: Session, office_id: int, today: date) -> DepositsPage:
    balance = undeposited(session, office_id, today)
    deposits = deposits_between(session, office_id, FIRST_DAY, today)
    return DepositsPage(
        balance_view(balance.total, balance.count, balance.oldest_day, balance.age_days),
        [undeposited_record(sale, today) for sale in balance.sales],
        [history_record(row) for row in deposits],
    )


def selected_sales(selected_rows: object) -> tuple[list[int], int]:
    """The ids and the total of the receipts ticked in the grid."""
    if not isinstance(selected_rows, list):
        return [], 0
    ids: list[int] = []
    total = 0
    for row in selected_rows:
        if not isinstance(row, Mapping):
            continue
        sale_id = parse_id(row.get("id"))
        if sale_id is None:
            continue
        ids.append(sale_id)
        total += int(row.get("total") or 0)
    return ids, total


def selection_text(count: int, total: int) -> str:
    if not count:
        return "Belum ada kuitansi dipilih"
    return f"{format_number(count)} kuitansi dipilih · {format_rupiah(total)}"


def deposit_success(amount: int, deposited_on: date, receipts: int) -> str:
    return (
        f"Setoran {format_rupiah(amount)} tanggal {format_day(deposited_on)} tercatat untuk "
        f"{format_number(receipts)} kuitansi."
    )


def record_deposit_from_form(
    session: Session, actor: Actor, values: Mapping[str, str | None], sale_ids: Collection[int]
) -> str:
    """Record the deposit typed into the form (``values`` keyed by field name) for the ticked
    receipts; returns the success text."""
    deposit = record_deposit(
        session,
        actor,
        deposited_on=parse_form_date(values["deposited_on"]),
        amount=values["amount"],
        billing_code=values["billing_code"],
        ntpn=values["ntpn"],
        sale_ids=sale_ids,
        note=values["note"],
    )
    return deposit_success(deposit.amount, deposit.deposited_on, len(sale_ids))
