"""The frame around every page: the navigation bar for the signed-in user, then the page."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from dashboard.auth import HOME_PATH
from dashboard.context import current_role
from dashboard.ids import shell as ids


def _nav_links(role: str | None) -> list[dbc.NavItem]:
    links = []
    for page in dash.page_registry.values():
        roles = page.get("roles")
        if page.get("in_nav") and (roles is None or role in roles):
            links.append(
                dbc.NavItem(
                    dbc.NavLink(
                        [
                            html.I(className=f"bi {page.get('icon', 'bi-circle')} me-1"),
                            page["name"],
                        ],
                        href=page["path"],
                        active="exact",
                    )
                )
            )
    return links


def _user_menu() -> dbc.DropdownMenu | None:
    from flask_login import current_user

    if not current_user.is_authenticated:
        return None
    return dbc.DropdownMenu(
        [
            dbc.DropdownMenuItem(current_user.role_label, header=True),
            dbc.DropdownMenuItem("Keluar", href="/logout", external_link=True, id="shell-logout"),
        ],
        label=current_user.full_name,
        id=ids.USER_MENU,
        align_end=True,
        nav=True,
        in_navbar=True,
    )


def shell_layout() -> html.Div:
    """The app's layout, built per request so the menu fits the signed-in user."""
    return html.Div(
        [
            dbc.Navbar(
                dbc.Container(
                    [
                        dbc.NavbarBrand(
                            [html.I(className="bi bi-building me-2"), "PST Muara Enim"],
                            href=HOME_PATH,
                        ),
                        dbc.Nav(_nav_links(current_role()), navbar=True, className="me-auto"),
                        dbc.Nav([menu] if (menu := _user_menu()) else [], navbar=True),
                    ],
                    fluid=True,
                ),
                color="primary",
                dark=True,
                className="pst-navbar mb-3",
                id=ids.NAVBAR,
            ),
            dbc.Container(dash.page_container, fluid=True, className="pb-4"),
        ]
    )
