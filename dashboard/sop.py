"""The SOP of the PST desk as rules: its steps, their order, and its branches.

Step numbers are the document's own (there is no step 5). Targets here are the ones the SOP
document B1.3/16030/HM.310/2024 states; the database keeps them versioned by date, and those
rows (seeded from here) are what timers and compliance use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

SCREENING = 1
BAG_RACK = 2
GUEST_BOOK = 3
PURPOSE = 4
SEARCH = 6
AVAILABILITY = 7
READING_TABLE = 8
PURCHASE_OFFER = 9
BAG_RETURN = 10
ANNUAL_REPORT = 11
DONE = 12

SOP_EFFECTIVE_FROM = date(2024, 1, 2)


@dataclass(frozen=True)
class StepDefinition:
    number: int
    label: str
    activity: str
    actor: str
    output: str
    target_minutes: int | None
    starts_when_previous_ends: bool
    """True when the step begins the moment the one before ends; False when the visitor
    waits for it (the wait is kept apart from the step's own time)."""


STEPS: tuple[StepDefinition, ...] = (
    StepDefinition(
        SCREENING,
        "Skrining masker & suhu",
        "Konsumen data yang datang wajib menggunakan masker dan mengecek suhu sebelum masuk "
        "ke Pelayanan Statistik Terpadu",
        "Pengguna data, Petugas",
        "",
        None,
        True,
    ),
    StepDefinition(
        BAG_RACK,
        "Titip tas di rak",
        "Pengguna menitipkan tas dan barang di rak barang yang telah disediakan",
        "Pengguna data",
        "Tas/barang lainnya diletakkan pada rak yang telah disediakan",
        3,
        True,
    ),
    StepDefinition(
        GUEST_BOOK,
        "Mengisi buku tamu",
        "Pengguna mengisi daftar buku tamu",
        "Pengguna data",
        "Data pengunjung terekam pada buku tamu",
        5,
        True,
    ),
    StepDefinition(
        PURPOSE,
        "Menyampaikan tujuan",
        "Pengguna data menemui petugas untuk mengetahui tujuan kedatangan",
        "Pengguna data, Petugas",
        "Petugas memahami keinginan pengunjung",
        5,
        False,
    ),
    StepDefinition(
        SEARCH,
        "Pencarian data",
        "Petugas mencari data pada buku maupun searching pada sistem perpustakaan",
        "Petugas Perpustakaan",
        "Menemukan data/publikasi yang dimaksud",
        5,
        True,
    ),
    StepDefinition(
        AVAILABILITY,
        "Ketersediaan data",
        "Apakah data yang dicari tersedia",
        "Petugas Perpustakaan",
        "Jika data tidak tersedia petugas merujuk pengunjung pada dinas lain yang terkait",
        None,
        True,
    ),
    StepDefinition(
        READING_TABLE,
        "Ke meja baca",
        "Petugas mengantar pengunjung menuju meja baca",
        "Petugas Perpustakaan",
        "Pengunjung mengutip data dengan nyaman",
        1,
        True,
    ),
    StepDefinition(
        PURCHASE_OFFER,
        "Penawaran publikasi",
        "Petugas menanyakan apakah konsumen data ingin membeli hardcopy/softcopy publikasi",
        "Petugas Perpustakaan, Bendahara Penerimaan",
        "Perekaman transaksi PNBP sesuai format/kuitansi yang baku",
        10,
        False,
    ),
    StepDefinition(
        BAG_RETURN,
        "Ambil tas & pulang",
        "Pengunjung mengambil kembali tas/barang dan meninggalkan perpustakaan",
        "Pengguna data, Petugas",
        "Tas/barang diambil sesuai kepemilikan",
        3,
        False,
    ),
    StepDefinition(
        ANNUAL_REPORT,
        "Laporan kerja tahunan",
        "Mencatat seluruh kegiatan ini dengan membuat laporan kerja tahunan",
        "Petugas Perpustakaan",
        "Kepala Bidang dapat memantau perkembangan pekerjaan",
        None,
        False,
    ),
    StepDefinition(DONE, "Selesai", "Selesai", "Petugas Perpustakaan", "", None, False),
)

STEP_BY_NUMBER: dict[int, StepDefinition] = {step.number: step for step in STEPS}

VISIT_STEP_NUMBERS: tuple[int, ...] = (
    SCREENING,
    BAG_RACK,
    GUEST_BOOK,
    PURPOSE,
    SEARCH,
    AVAILABILITY,
    READING_TABLE,
    PURCHASE_OFFER,
    BAG_RETURN,
)
"""The steps recorded on each visit, in order (11 and 12 are not per-visit activities)."""

ARRIVAL_STEPS: tuple[int, ...] = (SCREENING, BAG_RACK, GUEST_BOOK)
"""The steps recorded at the door (the arrival page), in order; the service page takes the
visit on from step 4."""

OUTCOME_ADMITTED = "admitted"
OUTCOME_REFUSED = "refused"
OUTCOME_FOUND = "found"
OUTCOME_REFERRED = "referred"
OUTCOME_BUYS = "buys"
OUTCOME_DECLINES = "declines"
OUTCOME_BAG_RETURNED = "bag_returned"


def step_label(number: int) -> str:
    return f"{number}. {STEP_BY_NUMBER[number].label}"


def step_after(current: int, *, any_data_available: bool = True) -> int | None:
    """The step that follows ``current`` on the SOP's path; None when the visit ends.

    Step 7's 'no' branch: when no request could be served, the visitor is referred and goes
    straight to collecting the bag (steps 8 and 9 are skipped).
    """
    if current == AVAILABILITY and not any_data_available:
        return BAG_RETURN
    if current == BAG_RETURN:
        return None
    position = VISIT_STEP_NUMBERS.index(current)
    return VISIT_STEP_NUMBERS[position + 1]


def starts_immediately(number: int) -> bool:
    return STEP_BY_NUMBER[number].starts_when_previous_ends


def total_target_minutes(targets: Mapping[int, int | None] | None = None) -> int:
    """The whole visit's limit: the sum of the visit steps' targets, of ``targets`` (a
    version of the SOP's targets by step number) or, without it, of the SOP as written."""
    if targets is None:
        targets = {step.number: step.target_minutes for step in STEPS}
    return sum(targets.get(number) or 0 for number in VISIT_STEP_NUMBERS)
