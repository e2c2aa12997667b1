"""Layout pieces of the *Kedatangan* page: the stepper, the visit's banner, one card per
stage (start, 1 screening, 2 bag rack, 3 guest book) and the list of visits still at the door.

Each stage's card is built fresh when the wizard reaches it, so its fields start empty (or
pre-filled) and the first field takes the focus.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import sop
from dashboard.i18n import format_clock, format_number
from dashboard.paths import service_path
from dashboard.ui.buttons import icon_button, icon_label, small_button
from dashboard.ui.forms import labeled_field
from dashboard.visits import arrival_ids as ids
from dashboard.visits.arrival_desk import (
    MASK_NO,
    MASK_YES,
    STAGE_BAG,
    STAGE_GUEST_BOOK,
    STAGE_REFUSED,
    STAGE_REGISTERED,
    STAGE_SCREENING,
    STEP_SHORT_LABELS,
    ArrivalView,
    PendingArrival,
    RackSuggestion,
    StageData,
    refusal_text,
    registered_text,
    target_text,
)
from dashboard.visits.guest_book import GENDERS, MAX_NAME
from db.reference_data import EDUCATION, INSTITUTION_TYPE, OCCUPATION

AUTOFOCUS = "arrival-autofocus"
"""Class of the control a stage's card focuses first (see the page's focus callback)."""
OUTSIDE_HOURS_TEXT = "Di luar jam layanan"
OUTSIDE_HOURS_TITLE = (
    "Tiba di luar 08:30-15:30 pada hari kerja: tetap dilayani, dicatat dengan tanda ini."
)

_BADGE_COLORS = {
    "current": None,
    "done": "#198754",
    "todo": "#adb5bd",
    "refused": "#dc3545",
}
_BADGE_ICONS = {"done": "bi-check-lg", "refused": "bi-x-lg"}

INVALID_CHOICE = "is-invalid"
"""``input_class_name`` of a radio group whose choice was refused."""

LookupOptions = Sequence[tuple[str, str]]


def choice_class(errors: Mapping[str, str], field: str) -> str:
    """The radio group's ``input_class_name``: marked when its choice was refused."""
    return INVALID_CHOICE if field in errors else ""


def stage_card(data: StageData, writable: bool) -> Component:
    """The card of the visit's stage: its form (steps 1-3), or the start card."""
    view = data.view
    if view.stage == STAGE_SCREENING:
        return screening_card(data.fever_threshold)
    if view.stage == STAGE_BAG and data.rack is not None:
        return bag_card(view.code, data.rack, data.rack_capacity)
    if view.stage == STAGE_GUEST_BOOK and data.options is not None:
        return guest_book_card(
            data.options[EDUCATION], data.options[OCCUPATION], data.options[INSTITUTION_TYPE]
        )
    return start_card(view, writable)


# -- frame -----------------------------------------------------------------------------------


def stepper(states: Mapping[int, str], targets: Mapping[int, int | None]) -> list[Component]:
    """1 Skrining → 2 Titip tas → 3 Buku tamu, each with its SOP target."""
    items: list[Component] = []
    for number in sop.ARRIVAL_STEPS:
        state = states.get(number, "todo")
        if items:
            items.append(
                html.I(className="bi bi-chevron-right text-muted", **{"aria-hidden": "true"})
            )
        color = _BADGE_COLORS[state]
        icon = _BADGE_ICONS.get(state)
        items.append(
            html.Div(
                [
                    html.Span(
                        html.I(className=f"bi {icon}") if icon else str(number),
                        className="pst-step-badge",
                        style={"backgroundColor": color} if color else None,
                    ),
                    html.Div(
                        [
                            html.Div(
                                [
                                    html.Span(f"{number} ", className="visually-hidden"),
                                    STEP_SHORT_LABELS[number],
                                ],
                                className="fw-semibold" if state == "current" else None,
                            ),
                            html.Small(target_text(targets.get(number)), className="text-muted"),
                        ],
                        className="lh-sm",
                    ),
                ],
                id=ids.stepper_step(number),
                className=f"d-flex align-items-center is-{state}",
                style={"opacity": 0.55} if state == "todo" else None,
                **({"aria-current": "step"} if state == "current" else {}),
            )
        )
    return items


def outside_hours_flag(flag_id: str | dict[str, str | int]) -> html.Span:
    return html.Span(
        icon_label("moon-stars", OUTSIDE_HOURS_TEXT, "me-1"),
        id=flag_id,
        className="pst-flag-outside-hours",
        title=OUTSIDE_HOURS_TITLE,
    )


def visit_banner(view: ArrivalView) -> Component:
    """The visit on the wizard: its code (the bag tag) large, when it arrived, its flag."""
    arrived: list[Component] = [
        html.Span(f"Tiba {format_clock(view.arrived_at)} WIB", id=ids.ARRIVED_AT),
    ]
    if view.outside_service_hours:
        arrived.append(outside_hours_flag(ids.OUTSIDE_HOURS_FLAG))
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.Div("Kode kunjungan · label tas", className="small text-muted"),
                        html.Div(
                            view.code,
                            id=ids.VISIT_CODE,
                            className="font-monospace fw-bold lh-1 px-3 py-2 border border-2 "
                            "border-dark rounded d-inline-block bg-white",
                            style={"fontSize": "2.6rem", "letterSpacing": "0.05em"},
                        ),
                    ],
                    className="me-3",
                ),
                html.Div(arrived, className="me-auto"),
                html.Div(
                    [
                        small_button(
                            "Muat ulang",
                            "arrow-clockwise",
                            ids.RELOAD_VISIT,
                            "secondary",
                            outline=True,
                            title="Tampilkan keadaan kunjungan ini dari basis data",
                        ),
                        small_button(
                            "Layani pengunjung lain",
                            "person-plus",
                            ids.SET_ASIDE,
                            "secondary",
                            outline=True,
                            title="Kunjungan ini tetap di daftar 'Belum selesai' untuk dilanjutkan",
                        ),
                    ],
                    className="d-flex flex-wrap gap-2",
                ),
            ],
            className="d-flex flex-wrap align-items-center gap-3",
        ),
        className="mb-3",
    )


def _card(step_number: int, card_id: str, body: list[Component]) -> dbc.Card:
    step = sop.STEP_BY_NUMBER[step_number]
    return dbc.Card(
        [
            dbc.CardHeader(
                [html.Span(str(step_number), className="pst-step-badge"), step.label],
                className="d-flex align-items-center fs-5",
            ),
            dbc.CardBody(body),
        ],
        id=card_id,
    )


def _submit(button_id: str, label: str, alert_id: str) -> list[Component]:
    return [
        html.Div(id=alert_id),
        icon_button(
            label, "check2-circle", button_id, gap="me-1", color="primary", size="lg", type="button"
        ),
        html.Span(" atau tekan Enter", className="text-muted small ms-2"),
    ]


def _message_slot(feedback_id: str) -> html.Div:
    """The message slot of a radio group or an input group. Bootstrap shows .invalid-feedback
    only right after an invalid input, which these layouts do not have, so this one is always
    displayed and simply empty when all is well."""
    return html.Div(id=feedback_id, className="invalid-feedback d-block")


# -- start -----------------------------------------------------------------------------------


def _result(view: ArrivalView) -> Component | None:
    if view.stage == STAGE_REFUSED:
        return dbc.Alert(
            [
                html.H4(
                    icon_label("x-octagon-fill", html.Span(refusal_text(view), id=ids.RESULT_TEXT)),
                    className="alert-heading mb-1 fs-5",
                ),
                html.Div(
                    [
                        "Kunjungan ",
                        html.Strong(view.code, id=ids.RESULT_CODE),
                        " dicatat sebagai ditolak pada skrining.",
                    ]
                ),
            ],
            id=ids.RESULT,
            color="danger",
            className="mb-3",
        )
    if view.stage == STAGE_REGISTERED and view.visit_id is not None:
        return dbc.Alert(
            [
                html.H4(
                    icon_label(
                        "check-circle-fill", html.Span(registered_text(view), id=ids.RESULT_TEXT)
                    ),
                    className="alert-heading mb-1 fs-5",
                ),
                html.Span(view.code, id=ids.RESULT_CODE, className="visually-hidden"),
                dcc.Link(
                    [
                        f"Buka halaman layanan {view.code}",
                        html.I(className="bi bi-arrow-right ms-1"),
                    ],
                    href=service_path(view.visit_id),
                    id=ids.RESULT_SERVICE_LINK,
                    className="alert-link",
                ),
            ],
            id=ids.RESULT,
            color="success",
            className="mb-3",
        )
    return None


def start_card(view: ArrivalView, can_write: bool) -> dbc.Card:
    """No visit on the wizard: what became of the last one, and "Pengunjung baru"."""
    body: list[Component] = []
    if (result := _result(view)) is not None:
        body.append(result)
    if not can_write:
        # No disabled button here: Dash resets ``disabled`` of a button that has a ``running``
        # callback, so a reader gets a notice instead (the server refuses their writes anyway).
        body.append(
            dbc.Alert(
                [
                    html.I(className="bi bi-lock me-2"),
                    "Hanya Petugas PST dan Administrator yang dapat mencatat kedatangan. "
                    "Daftar di samping menunjukkan kunjungan yang belum selesai langkah 1-3.",
                ],
                id=ids.READ_ONLY_NOTE,
                color="secondary",
                className="mb-0",
            )
        )
        return dbc.Card(dbc.CardBody(body), id=ids.START_CARD)
    body.append(
        icon_button(
            "Pengunjung baru",
            "person-plus-fill",
            ids.NEW_VISIT,
            color="primary",
            size="lg",
            class_name=f"w-100 py-4 fs-3 {AUTOFOCUS}",
        )
    )
    body.append(
        html.Div(
            "Tekan Enter atau klik saat pengunjung tiba: kode kunjungan dibuat dan skrining "
            "(langkah 1) dimulai.",
            className="text-muted small mt-2",
        )
    )
    body.append(html.Div(id=ids.START_ALERT, className="mt-2"))
    return dbc.Card(dbc.CardBody(body), id=ids.START_CARD)


# -- step 1 ----------------------------------------------------------------------------------


def screening_card(fever_threshold: Decimal) -> dbc.Card:
    mask = html.Div(
        [
            dbc.Label("Memakai masker?", html_for=ids.MASK, className="d-block"),
            dbc.RadioItems(
                id=ids.MASK,
                name=ids.MASK,
                options=[
                    {"label": "Ya", "value": MASK_YES},
                    {"label": "Tidak", "value": MASK_NO},
                ],
                inline=True,
                class_name=f"fs-5 {AUTOFOCUS}",
            ),
            _message_slot(ids.MASK_FEEDBACK),
        ],
        className="mb-3",
    )
    temperature = html.Div(
        [
            dbc.Label("Suhu tubuh", html_for=ids.TEMPERATURE),
            dbc.InputGroup(
                [
                    dbc.Input(
                        id=ids.TEMPERATURE,
                        type="text",
                        inputmode="decimal",
                        placeholder="mis. 36,5",
                        autocomplete="off",
                        maxlength=5,
                    ),
                    dbc.InputGroupText("°C"),
                ],
                size="lg",
                style={"maxWidth": "14rem"},
            ),
            _message_slot(ids.TEMPERATURE_FEEDBACK),
        ],
        className="mb-3",
    )
    threshold = format_number(fever_threshold, 1)
    return _card(
        sop.SCREENING,
        ids.SCREENING_CARD,
        [
            dbc.Row([dbc.Col(mask, sm=6), dbc.Col(temperature, sm=6)]),
            html.P(
                f"Tidak diizinkan masuk bila tidak memakai masker atau suhu di atas "
                f"{threshold} °C.",
                className="text-muted small",
            ),
            *_submit(ids.SCREENING_SUBMIT, "Simpan skrining", ids.SCREENING_ALERT),
        ],
    )


# -- step 2 ----------------------------------------------------------------------------------


def rack_hint_class(suggestion: RackSuggestion) -> str:
    if suggestion.slot is None:
        return "form-text text-danger fw-semibold"
    return "form-text"


def bag_card(code: str | None, suggestion: RackSuggestion, capacity: int) -> dbc.Card:
    return _card(
        sop.BAG_RACK,
        ids.BAG_CARD,
        [
            html.P(
                [
                    "Letakkan tas dan barang di rak, lalu pasang label ",
                    html.Strong(code, className="font-monospace"),
                    ".",
                ]
            ),
            html.Div(
                [
                    dbc.Label("Nomor rak", html_for=ids.RACK_SLOT),
                    dbc.InputGroup(
                        [
                            dbc.InputGroupText("Rak"),
                            dbc.Input(
                                id=ids.RACK_SLOT,
                                type="number",
                                min=1,
                                max=capacity,
                                step=1,
                                value=suggestion.slot,
                                autocomplete="off",
                                class_name=AUTOFOCUS,
                            ),
                        ],
                        size="lg",
                        style={"maxWidth": "14rem"},
                    ),
                    _message_slot(ids.RACK_SLOT_FEEDBACK),
                    html.Div(
                        suggestion.text, id=ids.RACK_HINT, className=rack_hint_class(suggestion)
                    ),
                    small_button(
                        "Cari rak kosong", "search", ids.RACK_FIND_FREE, "link", class_name="px-0"
                    ),
                ],
                className="mb-3",
            ),
            *_submit(ids.BAG_SUBMIT, "Simpan, lanjut ke buku tamu", ids.BAG_ALERT),
        ],
    )


# -- step 3 ----------------------------------------------------------------------------------


def _text_field(
    label: str,
    control_id: str,
    feedback_id: str | None = None,
    *,
    input_type: str = "text",
    placeholder: str | None = None,
    autocomplete: str = "off",
    inputmode: str | None = None,
    maxlength: int | None = None,
    class_name: str | None = None,
) -> html.Div:
    extra = {"inputmode": inputmode} if inputmode else {}
    control = dbc.Input(
        id=control_id,
        type=input_type,
        placeholder=placeholder,
        autocomplete=autocomplete,
        maxlength=maxlength,
        class_name=class_name,
        **extra,
    )
    return labeled_field(label, control, feedback_id)


def _select_field(label: str, control_id: str, options: LookupOptions) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=control_id),
            # dbc.Select shows its placeholder as a hidden option with the value "";
            # the "kosongkan" option lets the officer clear a choice again.
            dbc.Select(
                id=control_id,
                options=[{"label": text, "value": code} for code, text in options]
                + [{"label": "(kosongkan)", "value": ""}],
                value="",
                placeholder="— pilih —",
            ),
        ],
        className="mb-3",
    )


def returning_notice(text: str) -> dbc.Alert:
    return dbc.Alert(
        [
            html.I(className="bi bi-person-check-fill me-2"),
            text,
            ". Periksa dan perbarui bila berubah.",
        ],
        color="info",
        className="py-2 mb-3",
    )


def guest_book_card(
    education: LookupOptions, occupation: LookupOptions, institution_type: LookupOptions
) -> dbc.Card:
    gender = html.Div(
        [
            dbc.Label("Jenis kelamin", html_for=ids.GENDER, className="d-block"),
            dbc.RadioItems(
                id=ids.GENDER,
                name=ids.GENDER,
                options=[{"label": label, "value": code} for code, label in GENDERS.items()],
                inline=True,
            ),
            _message_slot(ids.GENDER_FEEDBACK),
        ],
        className="mb-3",
    )
    return _card(
        sop.GUEST_BOOK,
        ids.GUEST_BOOK_CARD,
        [
            dbc.Row(
                [
                    dbc.Col(
                        _text_field(
                            "Nomor telepon/HP",
                            ids.PHONE,
                            ids.PHONE_FEEDBACK,
                            input_type="tel",
                            placeholder="0812 3456 7890",
                            inputmode="tel",
                            maxlength=20,
                            class_name=AUTOFOCUS,
                        ),
                        md=6,
                    ),
                    dbc.Col(
                        _text_field(
                            "Email",
                            ids.EMAIL,
                            ids.EMAIL_FEEDBACK,
                            input_type="email",
                            placeholder="nama@contoh.go.id",
                            maxlength=254,
                        ),
                        md=6,
                    ),
                ]
            ),
            html.Div(
                html.Div(
                    "Isi telepon atau email lebih dulu: data pengunjung lama terisi sendiri.",
                    className="form-text mt-0 mb-3",
                ),
                id=ids.RETURNING_NOTICE,
            ),
            dbc.Row(
                [
                    dbc.Col(
                        _text_field("Nama", ids.NAME, ids.NAME_FEEDBACK, maxlength=MAX_NAME), md=6
                    ),
                    dbc.Col(gender, md=3),
                    dbc.Col(
                        _text_field(
                            "Tahun lahir",
                            ids.BIRTH_YEAR,
                            ids.BIRTH_YEAR_FEEDBACK,
                            placeholder="1998",
                            inputmode="numeric",
                            maxlength=4,
                        ),
                        md=3,
                    ),
                ]
            ),
            dbc.Row(
                [
                    dbc.Col(_select_field("Pendidikan", ids.EDUCATION, education), md=6),
                    dbc.Col(_select_field("Pekerjaan", ids.OCCUPATION, occupation), md=6),
                ]
            ),
            dbc.Row(
                [
                    dbc.Col(
                        _text_field(
                            "Instansi", ids.INSTITUTION, ids.INSTITUTION_FEEDBACK, maxlength=200
                        ),
                        md=6,
                    ),
                    dbc.Col(
                        _select_field("Jenis instansi", ids.INSTITUTION_TYPE, institution_type),
                        md=6,
                    ),
                ]
            ),
            *_submit(ids.GUEST_BOOK_SUBMIT, "Simpan buku tamu", ids.GUEST_BOOK_ALERT),
        ],
    )


# -- visits still at the door ----------------------------------------------------------------


def pending_list(
    pending: Iterable[PendingArrival], current_visit_id: int | None, can_write: bool
) -> Component:
    items: list[Component] = []
    for visit in pending:
        here = visit.visit_id == current_visit_id
        details: list[Component] = [
            html.Span(visit.code, className="font-monospace fw-bold fs-5 me-2"),
            html.Span(
                visit.step_text,
                id=ids.of_visit(ids.PENDING_STEP, visit.visit_id),
                className="badge text-bg-light border me-2",
            ),
            html.Small(f"tiba {format_clock(visit.arrived_at)}", className="text-muted"),
        ]
        if visit.outside_service_hours:
            details.append(
                outside_hours_flag(ids.of_visit(ids.PENDING_OUTSIDE_HOURS, visit.visit_id))
            )
        if here:
            action: Component = html.Span("dibuka di sini", className="badge text-bg-primary")
        elif can_write:
            action = dbc.Button(
                "Lanjutkan",
                id=ids.of_visit(ids.RESUME, visit.visit_id),
                color="primary",
                outline=True,
                size="sm",
            )
        else:
            action = html.Span()
        items.append(
            dbc.ListGroupItem(
                [html.Div(details, className="me-auto"), action],
                id=ids.of_visit(ids.PENDING_ROW, visit.visit_id),
                className="d-flex align-items-center gap-2",
                active=False,
                style={"backgroundColor": "var(--pst-primary-soft)"} if here else None,
            )
        )
    if not items:
        return html.P(
            "Tidak ada kunjungan yang tertahan di langkah 1-3.",
            id=ids.PENDING_EMPTY,
            className="text-muted mb-0 p-3",
        )
    return dbc.ListGroup(items, flush=True)
