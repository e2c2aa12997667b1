"""The ids an administrator's list page (*Katalog publikasi*, *Direktori dinas*) gives its
grid and its form, gathered so that the shared layout pieces and callbacks can take them.

Both pages name these ids alike in their own modules (``GRID``, ``FORM_MODAL``, …); only the
button that switches an entry off or on and the banner's sample action differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class AdminFormIds:
    page: str
    read_only_note: str
    grid: str
    counts: str
    sample_banner: str
    version: str
    status_filter: str
    quick_filter: str
    add: str
    editing: str
    form_modal: str
    form_title: str
    form_status: str
    form_alert: str
    save: str
    cancel: str
    message: str
    field_ids: Mapping[str, str]
    feedback_ids: Mapping[str, str]
    toggle: str
    """The form's button that switches the entry off or on."""
    sample_notice: str
    sample_action: str
    """The confirm dialog of the banner's action on every sample entry."""
    sample_button: str
    """The button inside ``sample_action``."""

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.field_ids)


def admin_form_ids(
    page_ids: ModuleType, *, toggle: str, sample_action: str, sample_button: str
) -> AdminFormIds:
    """The ids of ``page_ids`` (a page's ids module) under their shared names."""
    return AdminFormIds(
        page=page_ids.PAGE,
        read_only_note=page_ids.READ_ONLY_NOTE,
        grid=page_ids.GRID,
        counts=page_ids.COUNTS,
        sample_banner=page_ids.SAMPLE_BANNER,
        version=page_ids.VERSION,
        status_filter=page_ids.STATUS_FILTER,
        quick_filter=page_ids.QUICK_FILTER,
        add=page_ids.ADD,
        editing=page_ids.EDITING,
        form_modal=page_ids.FORM_MODAL,
        form_title=page_ids.FORM_TITLE,
        form_status=page_ids.FORM_STATUS,
        form_alert=page_ids.FORM_ALERT,
        save=page_ids.SAVE,
        cancel=page_ids.CANCEL,
        message=page_ids.MESSAGE,
        field_ids=page_ids.FIELD_IDS,
        feedback_ids=page_ids.FEEDBACK_IDS,
        toggle=toggle,
        sample_notice=page_ids.SAMPLE_NOTICE,
        sample_action=sample_action,
        sample_button=sample_button,
    )
