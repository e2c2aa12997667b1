"""The ids of a dialog confirming an action on a grid's selected row (void a sale, end a
tariff): each page names its components in a ``DialogIds`` (``sales_ids.VOID_DIALOG``,
``tariff_admin_ids.END_DIALOG``), and ``forms_layout`` wires them the same way."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DialogIds:
    """The components of the dialog, with its one field (a void's reason, a tariff's last
    day)."""

    open: str
    """The page's button opening the dialog."""
    modal: str
    target: str
    """A store: the id of the row the dialog is about."""
    text: str
    field: str
    feedback: str
    alert: str
    cancel: str
    submit: str
    notice: str
    """The page's notice (the action done)."""
    version: str
    """The page's version store (a change redraws its grid)."""
