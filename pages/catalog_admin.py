"""Katalog publikasi: the library catalog of the PST desk in a grid, a form to add and edit an
entry, retire/restore (entries are never deleted), import from CSV/XLSX with a validation
report, and export. The administrator writes; the other desk roles see the catalog read-only."""

from __future__ import annotations

import dash
from dash.development.base_component import Component

from dashboard.library.catalog_admin_layout import catalog_admin_page
from dashboard.paths import CATALOG_ADMIN_PATH
from dashboard.roles import CATALOG_EDITORS, DESK_READERS
from dashboard.ui.access import for_roles
from dashboard.web.context import current_role

ROLES = sorted(DESK_READERS)

dash.register_page(
    __name__,
    path=CATALOG_ADMIN_PATH,
    name="Katalog publikasi",
    title="Katalog publikasi · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="Perpustakaan",
    icon="bi-journal-bookmark",
    order=20,
    roles=ROLES,
)


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, lambda: catalog_admin_page(current_role() in CATALOG_EDITORS))
