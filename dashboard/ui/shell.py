"""The frame around every page: the navigation bar for the signed-in user, then the page."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.paths import HOME_PATH, LOGOUT_PATH
from dashboard.ui import shell_ids as ids
from dashboard.ui.buttons import icon_label
from dashboard.web.context import FORM_TOKEN_FIELD, current_role, form_token


def _visible_pages(role: str | None) -> list[dict]:
    return [
        page
        for page in dash.page_registry.values()
        if page.get("in_nav") and (page.get("roles") is None or role in page["roles"])
    ]


def _page_label(page: dict) -> list[Component]:
    return [html.I(className=f"bi {page.get('icon', 'bi-circle')} me-1"), page["name"]]


def _nav_links(role: str | None) -> list[Component]:
    """Top-level pages as links; pages with a ``nav_group`` gathered in one menu each, so the
    bar stays on one line for every role."""
    links: list[Component] = []
    groups: dict[str, list[dict]] = {}
    for page in _visible_pages(role):
        group = page.get("nav_group")
        if group is None:
            links.append(
                dbc.NavItem(dbc.NavLink(_page_label(page), href=page["path"], active="exact"))
            )
            continue
        if group not in groups:
            groups[group] = []
            links.append(group)  # placeholder: keeps the group where its first page stands
        groups[group].append(page)
    return [
        dbc.DropdownMenu(
            [dbc.DropdownMenuItem(_page_label(page), href=page["path"]) for page in groups[item]],
            label=item,
            nav=True,
            in_navbar=True,
            id=f"shell-nav-{item.lower()}",
        )
        if isinstance(item, str)
        else item
        for item in links
    ]


def _logout_form() -> html.Form:
    """'Keluar' as a form posting the session's token: signing out is a POST from this menu
    only, never a link another page or a prefetch could follow."""
    return html.Form(
        [
            dcc.Input(type="hidden", name=FORM_TOKEN_FIELD, value=form_token()),
            html.Button("Keluar", type="submit", className="dropdown-item", id=ids.LOGOUT),
        ],
        method="post",
        action=LOGOUT_PATH,
        className="m-0",
    )


def _user_menu() -> dbc.DropdownMenu | None:
    from flask_login import current_user

    if not current_user.is_authenticated:
        return None
    return dbc.DropdownMenu(
        [
            dbc.DropdownMenuItem(current_user.role_label, header=True),
            _logout_form(),
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
                            icon_label("building", "PST Muara Enim"),
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
