"""Layar monitor: the kiosk links that sign the wall screens (TVs) in with the monitor's
read-only view, without a password typed on the TV. The administrator makes a link (its
address is shown once), sees when each was last used, and revokes one."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.office import kiosk_links_ids as ids
from dashboard.office.kiosk_links import MAX_LABEL
from dashboard.office.kiosk_links_layout import confirm_modal
from dashboard.paths import KIOSK_LINKS_ADMIN_PATH
from dashboard.roles import KIOSK_LINK_EDITORS
from dashboard.ui.access import for_roles
from dashboard.ui.admin_form import text_input
from dashboard.ui.buttons import icon_button
from dashboard.ui.forms import labeled_field
from dashboard.ui.headings import page_heading

ROLES = sorted(KIOSK_LINK_EDITORS)

dash.register_page(
    __name__,
    path=KIOSK_LINKS_ADMIN_PATH,
    name="Layar monitor",
    title="Layar monitor · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="Admin",
    icon="bi-tv",
    order=45,
    roles=ROLES,
)


def _form() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader("Tautan baru"),
            dbc.CardBody(
                [
                    labeled_field(
                        "Nama layar",
                        text_input(
                            ids.LABEL,
                            True,
                            maxlength=MAX_LABEL,
                            placeholder="mis. TV ruang PST",
                            autofocus=True,
                        ),
                        ids.LABEL_FEEDBACK,
                        help_text="Tempat TV itu, agar tautannya mudah dikenali saat dicabut.",
                    ),
                    icon_button("Buat tautan", "plus-lg", ids.CREATE, gap="me-1", color="primary"),
                    html.Div(id=ids.NEW_LINK, className="mt-3"),
                ]
            ),
        ]
    )


def _list() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader("Tautan layar"),
            dbc.CardBody([html.Div(id=ids.MESSAGE), html.Div(id=ids.LIST)]),
        ]
    )


def _build() -> html.Div:
    return html.Div(
        [
            dcc.Store(id=ids.CREATED),
            dcc.Store(id=ids.REVOKED),
            dcc.Store(id=ids.LABELS),
            dcc.Store(id=ids.PENDING),
            page_heading(
                "Layar monitor",
                "Tautan kiosk: TV di ruang PST atau ruang pimpinan masuk sendiri dengan "
                "tampilan monitor (hanya baca, tanpa data pribadi pengunjung) dan tetap masuk.",
            ),
            dbc.Row(
                [dbc.Col(_form(), lg=5), dbc.Col(_list(), lg=7)],
                className="g-3",
            ),
            confirm_modal(),
        ],
        id=ids.PAGE,
    )


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, _build)
