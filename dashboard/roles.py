"""Staff roles and what each may do."""

from __future__ import annotations

OFFICER = "officer"
TREASURER = "treasurer"
HEAD = "head"
ADMIN = "admin"
MONITOR = "monitor"

ROLES: dict[str, str] = {
    OFFICER: "Petugas PST",
    TREASURER: "Bendahara Penerimaan",
    HEAD: "Kepala Bidang/Seksi",
    ADMIN: "Administrator",
    MONITOR: "Layar monitor",
}

VISIT_WRITERS: frozenset[str] = frozenset({OFFICER, ADMIN})
"""Who may record and correct the steps of a visit."""

DESK_READERS: frozenset[str] = frozenset({OFFICER, ADMIN, HEAD, TREASURER})
"""Who may see the desk pages (names of visitors included)."""

CATALOG_EDITORS: frozenset[str] = frozenset({ADMIN})
"""Who may maintain the library catalog and the agency directory (desk readers may view them)."""

SALE_WRITERS: frozenset[str] = frozenset({TREASURER})
"""Who may record, void and deposit PNBP sales (the receiving treasurer only)."""

SALE_READERS: frozenset[str] = DESK_READERS
"""Who may see the sales page (officers see a sale's status only)."""

RECEIPT_READERS: frozenset[str] = frozenset({TREASURER, HEAD, ADMIN})
"""Who may download a receipt (PDF) and read the books and deposits."""

TARIFF_EDITORS: frozenset[str] = frozenset({ADMIN})
"""Who may maintain the PNBP tariffs."""

OFFICE_EDITORS: frozenset[str] = frozenset({ADMIN})
"""Who may change the office's profile (name, address, contacts on its documents)."""

MONITOR_VIEWERS: frozenset[str] = frozenset({MONITOR, HEAD, ADMIN})
"""Who may see the wall screen and poll its figures (no personal data in them)."""

KIOSK_LINK_EDITORS: frozenset[str] = frozenset({ADMIN})
"""Who may create and revoke the kiosk links that sign a wall screen in."""

STATS_READERS: frozenset[str] = frozenset({HEAD, ADMIN})
"""Who may read the trends page and the statistics API (``/api/v1/stats``)."""

SOP_TARGET_EDITORS: frozenset[str] = frozenset({ADMIN})
"""Who may record a revised version of the SOP's step targets."""
