"""Every address of the app, in one place: the pages register these paths, and every link,
redirect and route is built from them."""

from __future__ import annotations

from urllib.parse import urlencode

HOME_PATH = "/layanan-berjalan"
"""The in-progress board (*Layanan berjalan*), where ``/`` and a finished login lead."""
LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"
HEALTH_PATH = "/health"

ARRIVAL_PATH = "/kedatangan"
SERVICE_PATH_TEMPLATE = "/layanan/<visit_id>"
SLIP_PATH_TEMPLATE = "/rujukan/<visit_id>"
UNMET_DEMAND_PATH = "/permintaan-tak-terpenuhi"
SALES_PATH = "/penjualan"
DEPOSITS_PATH = "/setoran"
BOOKS_PATH = "/buku-kas"
CATALOG_ADMIN_PATH = "/admin/katalog"
AGENCY_ADMIN_PATH = "/admin/dinas"
TARIFF_ADMIN_PATH = "/admin/tarif"
OFFICE_PROFILE_PATH = "/admin/kantor"
GUEST_BOOK_IMPORT_PATH = "/admin/impor-buku-tamu"
KIOSK_LINKS_ADMIN_PATH = "/admin/monitor"
"""The administrator's kiosk links of the wall screens (*Layar monitor*)."""
MONITOR_PATH = "/monitor"
"""The wall screen (the monitor role's read-only view)."""
KIOSK_SIGN_IN_PREFIX = "/monitor/masuk/"
KIOSK_SIGN_IN_ROUTE = f"{KIOSK_SIGN_IN_PREFIX}<token>"
"""Opening a kiosk link signs the browser in as a wall screen (``kiosk_sign_in_path``)."""
API_PREFIX = "/api/"
"""JSON endpoints: an anonymous request gets 401, never the login page."""
MONITOR_POLL_PATH = "/api/v1/monitor/poll"
"""The wall screen's poll: ``?since=<version>&day=<YYYY-MM-DD>``."""
STATS_API_PATH = "/api/v1/stats"
"""The statistics of a period: ``?from=YYYY-MM-DD&to=YYYY-MM-DD[&office=CODE]``."""
TRENDS_PATH = "/tren"
"""The head's trends page (*Tren layanan*)."""
SOP_TARGETS_PATH = "/admin/target-sop"
"""The administrator's revised SOP targets (*Target SOP*)."""
REPORT_PATH = "/laporan-kerja"
"""The work report's files as one ZIP: ``?tahun=YYYY[&bulan=M][&kantor=CODE]``."""
TODAY_API_PATH = "/api/v1/today"
"""The wall screen's numbers of today as JSON (``dashboard.monitor.today``)."""
RECEIPT_ROUTE = "/kuitansi/<int:sale_id>.pdf"
"""The Flask route of a sale's receipt PDF (``receipt_path`` builds its addresses)."""

VISIT_QUERY = "kunjungan"
"""The query parameter that opens a page on one visit (``/kedatangan?kunjungan=12``)."""
MAX_ID = 2**31 - 1
"""The largest row id the databases hold (a 32-bit integer key)."""


def service_path(visit_id: int) -> str:
    """The service page (*Layanan*) of one visit, SOP steps 4-12."""
    return SERVICE_PATH_TEMPLATE.replace("<visit_id>", str(visit_id))


def slip_path(visit_id: int) -> str:
    """The printable referral slip of one visit."""
    return SLIP_PATH_TEMPLATE.replace("<visit_id>", str(visit_id))


def arrival_path(visit_id: int) -> str:
    """The arrival wizard, opened on this visit (steps 1-3)."""
    return f"{ARRIVAL_PATH}?{VISIT_QUERY}={visit_id}"


def payment_path(visit_id: int) -> str:
    """The treasurer's sale form, opened on this visit."""
    return f"{SALES_PATH}?{VISIT_QUERY}={visit_id}"


def receipt_path(sale_id: int) -> str:
    """Where the receipt of a sale downloads (the server checks who asks)."""
    return RECEIPT_ROUTE.replace("<int:sale_id>", str(sale_id))


def report_path(year: object, month: object = None, office: object = None) -> str:
    """Where the work report of a year (or a month of it) downloads (the server checks who
    asks)."""
    query = urlencode(
        {
            name: value
            for name, value in (("tahun", year), ("bulan", month), ("kantor", office))
            if value not in (None, "")
        }
    )
    return f"{REPORT_PATH}?{query}"


def kiosk_sign_in_path(token: str) -> str:
    """The address of a kiosk link (the token is shown once, when the link is made)."""
    return f"{KIOSK_SIGN_IN_PREFIX}{token}"


def parse_id(raw: object) -> int | None:
    """A row id from an address (``/layanan/<visit_id>``, ``?kunjungan=<id>``) or a form
    value; None unless it is a positive whole number a database id can be."""
    text = str(raw or "").strip()
    if not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
