"""PNBP deposits over a period (DESIGN.md, "PNBP revenue"; the treasurer's *Setoran*): the
deposits made on its days, with the amount deposited and the receipts they cover in total.
The balance still undeposited at the period's end is ``RevenueFigures.undeposited_at_end``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from db.queries.sales import DepositRow


@dataclass(frozen=True)
class DepositFigures:
    deposits: tuple[DepositRow, ...]
    """Oldest first."""

    @property
    def amount(self) -> int:
        """Rupiah deposited over the period."""
        return sum(row.amount for row in self.deposits)

    @property
    def receipts(self) -> int:
        """Receipts covered by the period's deposits."""
        return sum(row.receipts for row in self.deposits)


def deposit_figures(rows: Iterable[DepositRow]) -> DepositFigures:
    """From ``db.queries.sales.deposits_between`` (newest first there)."""
    return DepositFigures(tuple(sorted(rows, key=lambda row: (row.deposited_on, row.deposit_id))))
