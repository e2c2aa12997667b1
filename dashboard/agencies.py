"""Agencies a visitor is typically referred to (SOP step 7, *dinas lain yang terkait*) when BPS
does not hold the data: the regency offices (*perangkat daerah*) of Kabupaten Muara Enim and
the vertical offices in the regency.

These are suggestions for the referral field, not a closed list: the officer may type any
agency. The maintained directory (names, topics, contacts) is a table the admin will manage;
until then this list keeps the spelling of the common referrals consistent.
"""

from __future__ import annotations

TYPICAL_AGENCIES: tuple[str, ...] = (
    "Dinas Kesehatan",
    "Dinas Pendidikan",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pertanian",
    "Dinas Perkebunan",
    "Dinas Peternakan dan Kesehatan Hewan",
    "Dinas Perikanan",
    "Dinas Ketahanan Pangan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Dinas Sosial",
    "Badan Perencanaan Pembangunan Daerah (Bappeda)",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP)",
    "Dinas Komunikasi dan Informatika",
    "Dinas Tenaga Kerja",
    "Dinas Perhubungan",
    "Dinas Lingkungan Hidup",
    "Badan Penanggulangan Bencana Daerah (BPBD)",
    "Dinas Perindustrian dan Perdagangan",
    "Dinas Koperasi dan UKM",
    "Dinas Pariwisata",
    "Dinas Kepemudaan dan Olahraga",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Dinas Pengendalian Penduduk dan Keluarga Berencana",
    "Dinas Perpustakaan dan Kearsipan",
    "Badan Pengelolaan Keuangan dan Aset Daerah (BPKAD)",
    "Badan Pendapatan Daerah (Bapenda)",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM)",
    "Badan Kesatuan Bangsa dan Politik (Kesbangpol)",
    "Kantor Kementerian Agama",
    "Kantor Pertanahan (BPN)",
)
"""Typical referral agencies, in the order officers most often need them."""


def agency_suggestions(typed: str | None = None) -> list[str]:
    """The suggestions whose name contains ``typed`` (case-insensitive); all when empty."""
    needle = (typed or "").strip().casefold()
    return [name for name in TYPICAL_AGENCIES if needle in name.casefold()]
