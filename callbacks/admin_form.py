"""What the administrator's directory pages (*Katalog publikasi*, *Direktori dinas*) share: a
grid read again whenever a version store is bumped, a form in a modal that opens on "Tambah"
or on a row, saves with Enter, switches its entry off or on, and a banner action for the
sample entries shipped with the app.

Each page describes itself as an ``AdminList``: its ids, the roles that may write, and the
feature's functions it reads, shows and writes with at each step (its view model's loaders
and services, taking a ``Session``; its layout module's pieces). ``admin_form_callbacks``
records the callbacks of that page on the registry, each reading through ``read`` and
writing through ``perform(editors, …)`` (403 for any other role), and hands them back as
plain functions a test can call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, TypeVar

from dash import Input, Output, Patch, State, ctx, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from sqlalchemy.orm import Session

from callbacks.common import Outcome, in_browser_on_change, perform, read
from dashboard.audit import Actor
from dashboard.i18n import format_number
from dashboard.ui.admin_form import FormOpening
from dashboard.ui.admin_form_ids import AdminFormIds
from dashboard.ui.forms import disabled_while_running, field_feedback, form_alert
from dashboard.ui.grid import selected_row_id
from dashboard.web.callback_registry import callback
from dashboard.web.context import app_state, current_role

R = TypeVar("R")
E = TypeVar("E")
F = TypeVar("F", bound=Callable[..., Any])


def focus_form_script(first_field_id: str) -> str:
    """Put the cursor in the first field once the form is shown, unless the user is already
    in a field of it."""
    return f"""
function (isOpen) {{
    if (!isOpen) {{ return; }}
    var attempts = 0;
    function focusFirst() {{
        var field = document.getElementById("{first_field_id}");
        var modal = field && field.closest(".modal");
        if (!modal || !modal.classList.contains("show")) {{
            if (++attempts < 40) {{ window.setTimeout(focusFirst, 25); }}
            return;
        }}
        var active = document.activeElement;
        if (active && modal.contains(active) && active.matches("input, select, textarea")) {{
            return;
        }}
        if (!field.disabled) {{ field.focus(); field.select(); }}
    }}
    focusFirst();
}}
"""


def focus_invalid_script(modal_id: str) -> str:
    """After a refused save, put the cursor in the first field marked red."""
    return f"""
function (_alert) {{
    var modal = document.getElementById("{modal_id}");
    var invalid = modal && modal.querySelector(".is-invalid");
    if (invalid) {{ invalid.focus(); }}
}}
"""


def next_version(version: int | None) -> int:
    return (version or 0) + 1


def editing_id(editing: object) -> int | None:
    """The id of the entry in the form (the editing store), or None for a new one."""
    if not isinstance(editing, Mapping):
        return None
    value = editing.get("id")
    return value if isinstance(value, int) else None


@dataclass(frozen=True)
class AdminList(Generic[R, E]):
    """One directory page: its ids, who may write, and what it does at each step. The writes
    return the sentence the page shows once they are done."""

    ids: AdminFormIds
    editors: frozenset[str]
    """The roles that may write (the others see the page read-only)."""
    load_rows: Callable[[Session, int], Sequence[R]]
    """(session, office id) → the rows of the grid (every entry of the office)."""
    shown_rows: Callable[[Sequence[R], str | None], Sequence[R]]
    """(rows, status filter) → the rows the grid shows."""
    grid_record: Callable[[R], dict[str, Any]]
    counts_text: Callable[[Sequence[R]], str]
    sample_banner: Callable[[Sequence[R], bool], Component | None]
    """(rows, writable) → the banner while sample entries are in use."""
    blank_entry: Callable[[], E]
    load_entry: Callable[[Session, int, int], E | None]
    """(session, office id, entry id) → the entry, None when the office holds none."""
    form_opening: Callable[[E, bool], FormOpening]
    """(entry, writable) → the form on it."""
    save: Callable[[Session, Actor, int | None, Mapping[str, object]], str]
    """(…, entry id or None for a new one, the form's values by field) → what was saved."""
    toggle_key: str
    """The editing store's flag the toggle button switches ("active", "retired")."""
    toggle: Callable[[Session, Actor, int, bool], str]
    """(…, entry id, new flag) → what was done."""
    samples: Callable[[Session, Actor], int]
    """Act on every sample entry → how many it changed."""
    samples_done: str
    """The page message after ``samples``, following the number it changed."""
    invalid_fields: tuple[str, ...]
    """The fields with an ``invalid`` state (not the switches)."""
    submit_fields: tuple[str, ...]
    """The single-line fields: Enter in them saves."""
    first_field: str
    """The id of the field the cursor goes to when the form opens."""

    @classmethod
    def of(
        cls,
        ids: AdminFormIds,
        editors: frozenset[str],
        view: ModuleType,
        layout: ModuleType,
        **page: Any,
    ) -> AdminList[Any, Any]:
        """A page whose view module holds ``load_rows``, ``shown_rows``, ``grid_record``,
        ``counts_text``, ``blank_entry``, ``load_entry`` and ``save_entry``, and whose layout
        module holds ``sample_banner`` and ``form_opening``; ``page`` gives the rest."""
        return cls(
            ids=ids,
            editors=editors,
            load_rows=view.load_rows,
            shown_rows=view.shown_rows,
            grid_record=view.grid_record,
            counts_text=view.counts_text,
            sample_banner=layout.sample_banner,
            blank_entry=view.blank_entry,
            load_entry=view.load_entry,
            form_opening=layout.form_opening,
            save=view.save_entry,
            **page,
        )

    @property
    def fields(self) -> tuple[str, ...]:
        return self.ids.fields

    def writable(self) -> bool:
        return current_role() in self.editors


# -- what each callback returns -------------------------------------------------------------


def feedback(page: AdminList[Any, Any], errors: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The message beside every field, and the red mark of the fields that have one."""
    messages, _ = field_feedback(errors, page.fields)
    _, invalid = field_feedback(errors, page.invalid_fields)
    return {
        "messages": dict(zip(page.fields, messages, strict=True)),
        "invalid": dict(zip(page.invalid_fields, invalid, strict=True)),
    }


def open_outputs(page: AdminList[Any, Any], opening: FormOpening) -> dict[str, Any]:
    """The form opened on an entry: its title, status, toggle button, values, no messages,
    and the grid selection cleared (so a click on the same row opens it again)."""
    return {
        "is_open": True,
        "editing": opening.editing,
        "title": opening.title,
        "status": opening.status,
        "toggle_label": opening.toggle_label,
        "toggle_color": opening.toggle_color,
        "toggle_class": "me-auto" if opening.toggle_shown else "me-auto d-none",
        "alert": None,
        "values": {name: opening.values[name] for name in page.fields},
        **feedback(page, {}),
        "selection": [],
    }


def closed_outputs(outcome: Outcome[str], version: int | None) -> dict[str, Any]:
    """After an action of the form: the refusal in the form, or the form closed, the grid
    read again and the outcome's sentence on the page."""
    if not outcome.ok or outcome.value is None:
        return {
            "alert": form_alert(outcome.errors),
            "is_open": no_update,
            "version": no_update,
            "message": no_update,
        }
    return {
        "alert": None,
        "is_open": False,
        "version": next_version(version),
        "message": form_alert({}, outcome.value),
    }


def save_outputs(page: AdminList[Any, Any], outcome: Outcome[str], version: int | None) -> dict:
    """Messages beside the fields and in the form; on success the form closes, the grid is
    read again and the page says what was saved."""
    return {**feedback(page, outcome.errors), **closed_outputs(outcome, version)}


def count_outputs(outcome: Outcome[int], text: str, version: int | None) -> dict[str, Any]:
    """After an action on every sample entry: the grid read again and ``text`` after the
    number of entries it changed."""
    if not outcome.ok:
        return {"version": no_update, "message": form_alert(outcome.errors)}
    return {
        "version": next_version(version),
        "message": form_alert({}, f"{format_number(outcome.value or 0)} {text}"),
    }


# -- the callbacks --------------------------------------------------------------------------


@dataclass(frozen=True)
class AdminFormCallbacks:
    """The callbacks of one directory page, as plain functions."""

    refresh_grid: Callable[..., dict[str, Any]]
    quick_filter: Callable[..., Patch]
    open_form: Callable[..., dict[str, Any]]
    close_form: Callable[..., bool]
    save: Callable[..., dict[str, Any]]
    toggle: Callable[..., dict[str, Any]]
    act_on_samples: Callable[..., dict[str, Any]]


def _fields(ids: AdminFormIds, names: tuple[str, ...], prop: str, kind: type) -> dict[str, Any]:
    return {name: kind(ids.field_ids[name], prop) for name in names}


def _feedback_outputs(page: AdminList[Any, Any], *, duplicate: bool = False) -> dict[str, Any]:
    ids = page.ids
    return {
        "messages": {
            name: Output(ids.feedback_ids[name], "children", allow_duplicate=duplicate)
            for name in page.fields
        },
        "invalid": {
            name: Output(ids.field_ids[name], "invalid", allow_duplicate=duplicate)
            for name in page.invalid_fields
        },
    }


def _closed_outputs(ids: AdminFormIds) -> dict[str, Output]:
    return {
        "alert": Output(ids.form_alert, "children", allow_duplicate=True),
        "is_open": Output(ids.form_modal, "is_open", allow_duplicate=True),
        "version": Output(ids.version, "data", allow_duplicate=True),
        "message": Output(ids.message, "children", allow_duplicate=True),
    }


def admin_form_callbacks(page: AdminList[Any, Any], module: str) -> AdminFormCallbacks:
    """Record on the registry the grid, form and sample-action callbacks of ``page``, as
    callbacks of ``module`` (the page's callbacks module)."""
    ids = page.ids

    def record(*args: Any, **kwargs: Any) -> Callable[[F], F]:
        return callback(*args, module=module, **kwargs)

    @record(
        output={
            "records": Output(ids.grid, "rowData"),
            "counts": Output(ids.counts, "children"),
            "banner": Output(ids.sample_banner, "children"),
        },
        inputs={
            "_version": Input(ids.version, "data"),
            "status": Input(ids.status_filter, "value"),
        },
    )
    def refresh_grid(_version: int | None, status: str | None) -> dict[str, Any]:
        office_id = app_state().office_id
        rows = read(lambda session: page.load_rows(session, office_id))
        return {
            "records": [page.grid_record(row) for row in page.shown_rows(rows, status)],
            "counts": page.counts_text(rows),
            "banner": page.sample_banner(rows, page.writable()),
        }

    @record(
        Output(ids.grid, "dashGridOptions"),
        Input(ids.quick_filter, "value"),
        prevent_initial_call=True,
    )
    def quick_filter(text: str | None) -> Patch:
        options = Patch()
        options["quickFilterText"] = text or ""
        return options

    @record(
        output={
            "is_open": Output(ids.form_modal, "is_open"),
            "editing": Output(ids.editing, "data"),
            "title": Output(ids.form_title, "children"),
            "status": Output(ids.form_status, "children"),
            "toggle_label": Output(ids.toggle, "children"),
            "toggle_color": Output(ids.toggle, "color"),
            "toggle_class": Output(ids.toggle, "className"),
            "alert": Output(ids.form_alert, "children"),
            "values": _fields(ids, page.fields, "value", Output),
            **_feedback_outputs(page),
            "selection": Output(ids.grid, "selectedRows"),
        },
        inputs={"_add": Input(ids.add, "n_clicks"), "selected": Input(ids.grid, "selectedRows")},
        prevent_initial_call=True,
    )
    def open_form(_add: int | None, selected: object) -> dict[str, Any]:
        if ctx.triggered_id == ids.add:
            entry = page.blank_entry()
        else:
            entry_id = selected_row_id(selected)
            if entry_id is None:
                raise PreventUpdate
            office_id = app_state().office_id
            entry = read(lambda session: page.load_entry(session, office_id, entry_id))
            if entry is None:
                raise PreventUpdate
        return open_outputs(page, page.form_opening(entry, page.writable()))

    in_browser_on_change(focus_form_script(page.first_field), ids.form_modal, "is_open", module)
    in_browser_on_change(focus_invalid_script(ids.form_modal), ids.form_alert, "children", module)

    @record(
        Output(ids.form_modal, "is_open", allow_duplicate=True),
        Input(ids.cancel, "n_clicks"),
        prevent_initial_call=True,
    )
    def close_form(_clicks: int | None) -> bool:
        return False

    @record(
        output={**_feedback_outputs(page, duplicate=True), **_closed_outputs(ids)},
        inputs={
            "clicks": Input(ids.save, "n_clicks"),
            "submits": _fields(ids, page.submit_fields, "n_submit", Input),
        },
        state={
            "values": _fields(ids, page.fields, "value", State),
            "editing": State(ids.editing, "data"),
            "version": State(ids.version, "data"),
        },
        prevent_initial_call=True,
        running=disabled_while_running(ids.save),
    )
    def save(
        clicks: int | None,
        submits: dict[str, int | None],
        values: dict[str, Any],
        editing: object,
        version: int | None,
    ) -> dict[str, Any]:
        if not (clicks or any(submits.values())):
            raise PreventUpdate
        entry_id = editing_id(editing)
        outcome = perform(
            page.editors, lambda session, actor: page.save(session, actor, entry_id, values)
        )
        return save_outputs(page, outcome, version)

    @record(
        output=_closed_outputs(ids),
        inputs={"clicks": Input(ids.toggle, "n_clicks")},
        state={"editing": State(ids.editing, "data"), "version": State(ids.version, "data")},
        prevent_initial_call=True,
        running=disabled_while_running(ids.toggle),
    )
    def toggle(clicks: int | None, editing: object, version: int | None) -> dict[str, Any]:
        entry_id = editing_id(editing)
        if not clicks or entry_id is None:
            raise PreventUpdate
        flag = not (isinstance(editing, Mapping) and editing.get(page.toggle_key))
        outcome = perform(
            page.editors, lambda session, actor: page.toggle(session, actor, entry_id, flag)
        )
        return closed_outputs(outcome, version)

    @record(
        output={
            "version": Output(ids.version, "data", allow_duplicate=True),
            "message": Output(ids.message, "children", allow_duplicate=True),
        },
        inputs={"clicks": Input(ids.sample_action, "submit_n_clicks")},
        state={"version": State(ids.version, "data")},
        prevent_initial_call=True,
    )
    def act_on_samples(clicks: int | None, version: int | None) -> dict[str, Any]:
        if not clicks:
            raise PreventUpdate
        return count_outputs(perform(page.editors, page.samples), page.samples_done, version)

    return AdminFormCallbacks(
        refresh_grid=refresh_grid,
        quick_filter=quick_filter,
        open_form=open_form,
        close_form=close_form,
        save=save,
        toggle=toggle,
        act_on_samples=act_on_samples,
    )
