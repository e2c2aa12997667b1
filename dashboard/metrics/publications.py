"""The publications asked for and sold most over a period (``db.queries.metrics_publications``
says what is counted): the ten linked to the most data requests, the ten sold in the most
copies (sales not voided)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from db.queries.metrics_publications import PublicationCount

TOP_PUBLICATIONS = 10


@dataclass(frozen=True)
class PublicationFigures:
    requested: tuple[PublicationCount, ...]
    """Most requests first."""
    sold: tuple[PublicationCount, ...]
    """Most copies first."""

    @property
    def empty(self) -> bool:
        return not (self.requested or self.sold)


def publication_figures(
    requested: Iterable[PublicationCount], sold: Iterable[PublicationCount]
) -> PublicationFigures:
    return PublicationFigures(tuple(requested), tuple(sold))
