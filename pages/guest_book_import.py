"""Impor buku tamu: the administrator brings the office's past guest books (Excel or CSV) into
the system. The file is checked first (every problem listed, or the rows shown as they will
be stored); "Impor" then stores them all, or nothing. Rows imported before are skipped."""

from __future__ import annotations

import dash
from dash.development.base_component import Component

from dashboard.imports.guest_book_import import GUEST_BOOK_IMPORTERS
from dashboard.imports.guest_book_import_layout import guest_book_import_page
from dashboard.paths import GUEST_BOOK_IMPORT_PATH
from dashboard.ui.access import for_roles

ROLES = sorted(GUEST_BOOK_IMPORTERS)

dash.register_page(
    __name__,
    path=GUEST_BOOK_IMPORT_PATH,
    name="Impor buku tamu",
    title="Impor buku tamu · PST BPS Kabupaten Muara Enim",
    in_nav=True,
    nav_group="Admin",
    icon="bi-journal-arrow-up",
    order=23,
    roles=ROLES,
)


def layout(**_kwargs: object) -> Component:
    return for_roles(ROLES, guest_book_import_page)
