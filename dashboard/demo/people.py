"""Who comes to a PST desk in South Sumatra, and what they ask for (pure: every draw takes the
caller's ``random.Random``).

Visitors are drawn from kinds of people a regency office sees: university students writing
a thesis, school pupils, civil servants of the regency, lecturers and researchers, state and
private companies, the general public and the press. Each kind has its own ages, education,
institutions, PST service types, topics, purchase habits and tariff (students and government
bodies are often served at the zero-rupiah tariff with a letter).

Topics either match the office's catalog (``Topic.query``, searched with the desk's own
search) or are data BPS does not publish, which the officer refers to the agency holding it
(``Topic.agency``, the name used when the directory suggests none).
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dashboard.visits.guest_book import GuestBookEntry, validate_guest_book

# -- names ----------------------------------------------------------------------------------

MALE_GIVEN = (
    "Muhammad", "Ahmad", "Rizki", "Fajar", "Dedi", "Andi", "Hendra", "Agus", "Budi", "Dimas",
    "Ilham", "Arif", "Yoga", "Fikri", "Rahmat", "Sandi", "Wahyu", "Bayu", "Eko", "Irfan",
    "Ridho", "Taufik", "Heri", "Rudi", "Reza", "Aldi", "Febri", "Yudi", "Hafiz", "Daffa",
    "Alif", "Zulkifli", "Iqbal", "Habibi", "Rama", "Kiki", "Doni", "Ferry", "Anton", "Joni",
)  # fmt: skip
FEMALE_GIVEN = (
    "Siti", "Nur", "Dewi", "Putri", "Rina", "Ayu", "Fitri", "Indah", "Sri", "Wulan", "Anisa",
    "Dian", "Nurul", "Maya", "Novi", "Yulia", "Desi", "Mega", "Ratna", "Intan", "Tiara",
    "Aulia", "Salsabila", "Nabila", "Dinda", "Eka", "Lia", "Septi", "Rahma", "Melati",
    "Annisa", "Khairunnisa", "Vina", "Erna", "Yuni", "Rosa", "Tri", "Okta", "Wina", "Zahra",
)  # fmt: skip
MALE_FAMILY = (
    "Saputra", "Pratama", "Kurniawan", "Setiawan", "Hidayat", "Ramadhan", "Maulana",
    "Syahputra", "Febriansyah", "Apriansyah", "Wijaya", "Nugroho", "Hakim", "Firdaus",
    "Irawan", "Gunawan", "Hermawan", "Juliansyah", "Agustiawan", "Permana", "Rahman",
    "Fauzi", "Harahap", "Siregar", "Nasution", "Kusuma", "Santoso", "Effendi",
)  # fmt: skip
FEMALE_FAMILY = (
    "Lestari", "Anggraini", "Safitri", "Wulandari", "Oktaviani", "Rahmawati", "Puspitasari",
    "Utami", "Rahayu", "Agustina", "Marlina", "Susanti", "Handayani", "Fitriani",
    "Septiani", "Novitasari", "Permatasari", "Yuliani", "Maharani", "Purnamasari",
    "Ramadhani", "Aprilia", "Pertiwi", "Kartika", "Sari", "Harahap", "Siregar", "Nasution",
)  # fmt: skip

PHONE_PREFIXES = (
    "0811", "0812", "0813", "0821", "0822", "0852", "0853", "0814", "0815", "0816", "0855",
    "0856", "0857", "0858", "0817", "0818", "0819", "0859", "0877", "0878", "0831", "0838",
    "0895", "0896", "0897", "0881", "0882",
)  # fmt: skip
PUBLIC_MAIL = ("gmail.com", "gmail.com", "gmail.com", "gmail.com", "yahoo.co.id", "yahoo.com")

UNIVERSITIES = (
    ("Universitas Sriwijaya", "UN9"),
    ("UIN Raden Fatah Palembang", "Un.09"),
    ("Universitas Muhammadiyah Palembang", "UMP"),
    ("Politeknik Negeri Sriwijaya", "PL6"),
    ("Universitas PGRI Palembang", "UPGRIP"),
    ("Universitas Bina Darma", "UBD"),
    ("Universitas Tridinanti", "UTP"),
    ("Universitas Terbuka UPBJJ Palembang", "UN31.46"),
    ("Politeknik Statistika STIS", "PKL-STIS"),
)
"""Universities whose students and lecturers visit, with the code their letters carry."""

COMPANY_WORDS = (
    "Bina", "Karya", "Mitra", "Sriwijaya", "Lematang", "Sumber", "Cipta", "Enim", "Bumi",
    "Prima", "Sinar", "Musi", "Serasan", "Andalas", "Cahaya", "Delta",
)  # fmt: skip
COMPANY_ENDINGS = (
    "Konsultan", "Engineering", "Persada", "Abadi", "Mandiri", "Perkasa", "Utama", "Nusantara",
)  # fmt: skip

# -- what they ask for -----------------------------------------------------------------------

SOCIAL = "social"
ECONOMY = "economy"
POPULATION = "population"
AGRICULTURE = "agriculture"
REGIONAL = "regional"
SECTORAL = "sectoral"
"""Groups of topics; a kind of visitor weighs the groups, then a topic is drawn within one."""


@dataclass(frozen=True)
class Topic:
    key: str
    group: str
    texts: tuple[str, ...]
    """How visitors phrase it; may use {region}, {y1}, {y2}, {year} and {district}."""
    query: str | None
    """Words the officer types in the catalog search (``{district}`` for a district); None:
    BPS does not publish it."""
    agency: str
    """The agency holding the data (or its detail), named when the visitor is referred."""
    per_district: bool = False


TOPICS: tuple[Topic, ...] = (
    Topic("kemiskinan", SOCIAL, (
        "Jumlah dan persentase penduduk miskin {region} {y1}-{y2}",
        "Garis kemiskinan dan indeks kedalaman kemiskinan {y1}-{y2}",
        "Data kemiskinan untuk skripsi, tahun {y1} sampai {y2}",
    ), "kemiskinan", "Dinas Sosial"),
    Topic("ipm", SOCIAL, (
        "Indeks Pembangunan Manusia (IPM) {region} {y1}-{y2}",
        "Komponen IPM: harapan lama sekolah dan pengeluaran per kapita {y2}",
    ), "indeks pembangunan manusia", "Badan Perencanaan Pembangunan Daerah (Bappeda)"),
    Topic("kesra", SOCIAL, (
        "Indikator kesejahteraan rakyat {year}",
        "Persentase rumah tangga dengan akses air minum layak {y2}",
    ), "kesejahteraan rakyat", "Dinas Sosial"),
    Topic("gender", SOCIAL, (
        "Indeks pembangunan gender dan pemberdayaan gender {y1}-{y2}",
    ), "gender", "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana"),
    Topic("pendidikan", SOCIAL, (
        "Angka partisipasi sekolah menurut jenjang pendidikan {y2}",
        "Jumlah sekolah, guru dan murid per kecamatan {y2}",
    ), "statistik pendidikan", "Dinas Pendidikan"),
    Topic("kesehatan", SOCIAL, (
        "Jumlah fasilitas kesehatan dan tenaga kesehatan per kecamatan {y2}",
    ), "statistik kesehatan", "Dinas Kesehatan"),
    Topic("pdrb", ECONOMY, (
        "PDRB atas dasar harga berlaku menurut lapangan usaha {y1}-{y2}",
        "Laju pertumbuhan ekonomi {region} {y1}-{y2}",
        "PDRB per kapita dan distribusi persentase PDRB {y2}",
    ), "produk domestik regional bruto", "Badan Perencanaan Pembangunan Daerah (Bappeda)"),
    Topic("pdrb_pengeluaran", ECONOMY, (
        "PDRB menurut pengeluaran: konsumsi rumah tangga {y1}-{y2}",
    ), "produk domestik regional bruto pengeluaran",
        "Badan Perencanaan Pembangunan Daerah (Bappeda)"),
    Topic("inflasi", ECONOMY, (
        "Inflasi bulanan dan indeks harga konsumen {y2}",
        "Data inflasi untuk rapat TPID {year}",
    ), "inflasi", "Dinas Perindustrian dan Perdagangan"),
    Topic("keuangan", ECONOMY, (
        "Realisasi pendapatan dan belanja pemerintah daerah {y1}-{y2}",
    ), "keuangan pemerintah", "Badan Pengelolaan Keuangan dan Aset Daerah (BPKAD)"),
    Topic("pertambangan", ECONOMY, (
        "Produksi batu bara dan energi {y1}-{y2}",
        "Statistik pertambangan dan energi {y2}",
    ), "pertambangan energi", "Dinas Lingkungan Hidup"),
    Topic("industri", ECONOMY, (
        "Direktori industri pengolahan besar dan sedang",
        "Jumlah perusahaan industri pengolahan per kecamatan",
    ), "industri pengolahan", "Dinas Perindustrian dan Perdagangan"),
    Topic("hotel", ECONOMY, (
        "Tingkat penghunian kamar hotel {y1}-{y2}",
    ), "hotel", "Dinas Pariwisata dan Kebudayaan"),
    Topic("harga_gabah", ECONOMY, (
        "Harga produsen gabah kering panen {y2}",
    ), "harga produsen gabah", "Dinas Ketahanan Pangan"),
    Topic("penduduk", POPULATION, (
        "Jumlah penduduk per kecamatan menurut jenis kelamin {year}",
        "Kepadatan penduduk per kecamatan {y2}",
        "Jumlah penduduk menurut kelompok umur {y2}",
    ), "penduduk", "Dinas Kependudukan dan Pencatatan Sipil"),
    Topic("proyeksi", POPULATION, (
        "Proyeksi penduduk sampai 2035",
    ), "proyeksi penduduk", "Dinas Kependudukan dan Pencatatan Sipil"),
    Topic("sensus_penduduk", POPULATION, (
        "Hasil Sensus Penduduk 2020",
        "Hasil long form Sensus Penduduk 2020: fertilitas dan mortalitas",
    ), "sensus penduduk", "Dinas Kependudukan dan Pencatatan Sipil"),
    Topic("tenaga_kerja", POPULATION, (
        "Tingkat pengangguran terbuka {y1}-{y2}",
        "Jumlah angkatan kerja menurut pendidikan tertinggi {y2}",
    ), "angkatan kerja", "Dinas Tenaga Kerja dan Transmigrasi"),
    Topic("padi", AGRICULTURE, (
        "Luas panen dan produksi padi per kecamatan {y1}-{y2}",
        "Produktivitas padi sawah {y2}",
    ), "produksi padi", "Dinas Pertanian Tanaman Pangan dan Hortikultura"),
    Topic("perkebunan", AGRICULTURE, (
        "Produksi karet dan kopi rakyat per kecamatan {y2}",
        "Luas areal kelapa sawit {y1}-{y2}",
    ), "tanaman perkebunan", "Dinas Perkebunan"),
    Topic("peternakan", AGRICULTURE, (
        "Populasi ternak sapi, kambing dan unggas {y2}",
    ), "peternakan", "Dinas Peternakan dan Kesehatan Hewan"),
    Topic("sensus_pertanian", AGRICULTURE, (
        "Hasil Sensus Pertanian 2023: jumlah rumah tangga usaha pertanian",
    ), "sensus pertanian", "Dinas Pertanian Tanaman Pangan dan Hortikultura"),
    Topic("dda", REGIONAL, (
        "{region} Dalam Angka {year}",
        "Data umum {region}: geografi, penduduk dan ekonomi",
    ), "dalam angka", "Badan Perencanaan Pembangunan Daerah (Bappeda)"),
    Topic("kda", REGIONAL, (
        "Kecamatan {district} Dalam Angka {year}",
        "Data desa-desa di Kecamatan {district}",
    ), "kecamatan {district}", "Dinas Pemberdayaan Masyarakat dan Desa", per_district=True),
    Topic("statda", REGIONAL, (
        "Statistik Daerah {region} {year}",
    ), "statistik daerah", "Badan Perencanaan Pembangunan Daerah (Bappeda)"),
    Topic("podes", REGIONAL, (
        "Data Potensi Desa (Podes): sarana dan prasarana desa",
    ), "potensi desa", "Dinas Pemberdayaan Masyarakat dan Desa"),
    Topic("transportasi", REGIONAL, (
        "Panjang jalan menurut kondisi dan jumlah kendaraan {y2}",
    ), "transportasi", "Dinas Perhubungan"),
    Topic("stunting", SECTORAL, (
        "Jumlah balita stunting per puskesmas {y2}",
        "Prevalensi stunting per desa {year}",
    ), None, "Dinas Kesehatan"),
    Topic("dbd", SECTORAL, (
        "Kasus demam berdarah per kecamatan {y2}",
    ), None, "Dinas Kesehatan"),
    Topic("putus_sekolah", SECTORAL, (
        "Data siswa putus sekolah per SD dan SMP {y2}",
    ), None, "Dinas Pendidikan"),
    Topic("dtks", SECTORAL, (
        "Data penerima PKH dan bantuan sosial (DTKS) per desa",
    ), None, "Dinas Sosial"),
    Topic("ktp", SECTORAL, (
        "Jumlah kartu keluarga dan KTP elektronik per desa {year}",
    ), None, "Dinas Kependudukan dan Pencatatan Sipil"),
    Topic("investasi", SECTORAL, (
        "Realisasi investasi PMA dan PMDN {y1}-{y2}",
    ), None, "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP)"),
    Topic("pencari_kerja", SECTORAL, (
        "Jumlah pencari kerja terdaftar (kartu kuning) {y2}",
    ), None, "Dinas Tenaga Kerja dan Transmigrasi"),
    Topic("kecelakaan", SECTORAL, (
        "Data kecelakaan lalu lintas angkutan batu bara {y2}",
    ), None, "Dinas Perhubungan"),
    Topic("bencana", SECTORAL, (
        "Kejadian banjir dan tanah longsor per kecamatan {y1}-{y2}",
    ), None, "Badan Penanggulangan Bencana Daerah (BPBD)"),
    Topic("harga_pasar", SECTORAL, (
        "Harga bahan pokok harian di pasar {year}",
    ), None, "Dinas Perindustrian dan Perdagangan"),
    Topic("umkm", SECTORAL, (
        "Jumlah UMKM dan koperasi aktif per kecamatan {y2}",
    ), None, "Dinas Koperasi dan Usaha Kecil Menengah"),
    Topic("pad", SECTORAL, (
        "Realisasi pajak daerah dan retribusi (PAD) {y1}-{y2}",
    ), None, "Badan Pendapatan Daerah (Bapenda)"),
    Topic("dana_desa", SECTORAL, (
        "Alokasi dana desa per desa {year}",
    ), None, "Dinas Pemberdayaan Masyarakat dan Desa"),
    Topic("pesantren", SECTORAL, (
        "Jumlah pondok pesantren dan santri {y2}",
    ), None, "Kantor Kementerian Agama"),
    Topic("wisata", SECTORAL, (
        "Jumlah kunjungan wisatawan ke objek wisata {y2}",
    ), None, "Dinas Pariwisata dan Kebudayaan"),
    Topic("rtlh", SECTORAL, (
        "Data rumah tidak layak huni per desa",
    ), None, "Dinas Perumahan Rakyat dan Kawasan Permukiman"),
    Topic("sungai", SECTORAL, (
        "Kualitas air sungai dan pencemaran {y2}",
    ), None, "Dinas Lingkungan Hidup"),
    Topic("pupuk", SECTORAL, (
        "Luas tanam padi dan penyaluran pupuk bersubsidi {y2}",
    ), None, "Dinas Pertanian Tanaman Pangan dan Hortikultura"),
)  # fmt: skip
TOPIC_BY_KEY: dict[str, Topic] = {topic.key: topic for topic in TOPICS}


def topic_weights(group: str) -> tuple[tuple[Topic, ...], tuple[float, ...]]:
    """The topics of a group, the ones asked most first: earlier topics weigh more."""
    topics = tuple(topic for topic in TOPICS if topic.group == group)
    return topics, tuple(1.0 / (1 + 0.35 * index) for index in range(len(topics)))


# -- kinds of visitors -------------------------------------------------------------------------

Weighted = Mapping[str, float]


@dataclass(frozen=True)
class PersonKind:
    key: str
    weight: float
    """Share among new visitors on an ordinary day (before the season's factors)."""
    student: bool
    """Follows the academic calendar (thesis season)."""
    ages: tuple[int, int]
    female_share: float
    occupations: Weighted
    educations: Weighted
    institution_type: str
    services: Weighted
    topic_groups: Weighted
    buys: float
    """Chance of buying when something was found for them."""
    zero_rupiah: str | None
    """The zero-rupiah reason they usually qualify for (with a letter), or None."""
    email_share: float
    phone_share: float
    returns: float
    """How likely such a visitor comes again (weights the returning-visitor draw)."""


KINDS: tuple[PersonKind, ...] = (
    PersonKind(
        "mahasiswa", 0.34, True, (19, 25), 0.62,
        {"pelajar": 1.0}, {"sma": 0.85, "diploma": 0.1, "s1": 0.05}, "pendidikan",
        {"perpustakaan": 0.72, "konsultasi": 0.22, "penjualan": 0.04, "lainnya": 0.02},
        {SOCIAL: 0.3, POPULATION: 0.2, ECONOMY: 0.2, AGRICULTURE: 0.1, REGIONAL: 0.1,
         SECTORAL: 0.3},
        0.07, "pendidikan", 0.6, 0.97, 1.6,
    ),
    PersonKind(
        "pelajar", 0.05, True, (15, 18), 0.55,
        {"pelajar": 1.0}, {"sd_smp": 1.0}, "pendidikan",
        {"perpustakaan": 0.95, "lainnya": 0.05},
        {REGIONAL: 0.5, POPULATION: 0.3, SOCIAL: 0.2},
        0.01, None, 0.15, 0.8, 0.3,
    ),
    PersonKind(
        "asn", 0.2, False, (25, 56), 0.45,
        {"asn": 1.0}, {"s1": 0.6, "s2": 0.25, "diploma": 0.1, "sma": 0.05}, "pemerintah",
        {"perpustakaan": 0.45, "konsultasi": 0.28, "rekomendasi": 0.12, "penjualan": 0.08,
         "lainnya": 0.07},
        {ECONOMY: 0.35, SOCIAL: 0.3, POPULATION: 0.2, REGIONAL: 0.1, SECTORAL: 0.16},
        0.1, "pemerintah", 0.55, 0.98, 1.4,
    ),
    PersonKind(
        "peneliti", 0.07, False, (28, 62), 0.4,
        {"peneliti": 1.0}, {"s2": 0.6, "s3": 0.4}, "pendidikan",
        {"konsultasi": 0.4, "perpustakaan": 0.4, "penjualan": 0.15, "lainnya": 0.05},
        {ECONOMY: 0.35, SOCIAL: 0.3, AGRICULTURE: 0.2, POPULATION: 0.15, SECTORAL: 0.15},
        0.26, "penelitian", 0.85, 0.95, 1.0,
    ),
    PersonKind(
        "bumn", 0.06, False, (24, 55), 0.35,
        {"bumn": 1.0}, {"s1": 0.65, "diploma": 0.2, "s2": 0.15}, "bumn",
        {"penjualan": 0.3, "perpustakaan": 0.4, "konsultasi": 0.25, "lainnya": 0.05},
        {ECONOMY: 0.45, POPULATION: 0.3, AGRICULTURE: 0.1, SECTORAL: 0.2},
        0.33, None, 0.7, 0.98, 0.9,
    ),
    PersonKind(
        "swasta", 0.08, False, (23, 55), 0.35,
        {"swasta": 1.0}, {"s1": 0.6, "diploma": 0.2, "sma": 0.15, "s2": 0.05}, "swasta",
        {"penjualan": 0.3, "perpustakaan": 0.4, "konsultasi": 0.25, "lainnya": 0.05},
        {ECONOMY: 0.4, POPULATION: 0.25, AGRICULTURE: 0.15, REGIONAL: 0.1, SECTORAL: 0.2},
        0.3, None, 0.6, 0.95, 0.8,
    ),
    PersonKind(
        "umum", 0.17, False, (20, 65), 0.4,
        {"wiraswasta": 0.6, "lainnya": 0.4}, {"sma": 0.6, "diploma": 0.15, "s1": 0.25},
        "perorangan",
        {"perpustakaan": 0.6, "konsultasi": 0.2, "lainnya": 0.15, "penjualan": 0.05},
        {AGRICULTURE: 0.35, ECONOMY: 0.3, POPULATION: 0.2, REGIONAL: 0.15, SECTORAL: 0.25},
        0.06, None, 0.3, 0.9, 0.5,
    ),
    PersonKind(
        "media", 0.03, False, (24, 50), 0.4,
        {"swasta": 0.6, "lainnya": 0.4}, {"s1": 0.8, "diploma": 0.2}, "lainnya",
        {"konsultasi": 0.5, "perpustakaan": 0.5},
        {SOCIAL: 0.45, ECONOMY: 0.45, SECTORAL: 0.15},
        0.05, None, 0.8, 1.0, 1.2,
    ),
)  # fmt: skip
KIND_BY_KEY: dict[str, PersonKind] = {kind.key: kind for kind in KINDS}


@dataclass(frozen=True)
class Region:
    """Where the office is: names used in institutions, texts and e-mail domains."""

    name: str
    """'Kabupaten Muara Enim' or 'Kota Palembang'."""
    city: str
    """The town the office is in, e.g. 'Muara Enim'."""
    districts: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        """'Muara Enim' of 'Kabupaten Muara Enim'."""
        return self.name.split(" ", 1)[1] if " " in self.name else self.name

    @property
    def is_city(self) -> bool:
        return self.name.startswith("Kota ")

    @property
    def mail_domain(self) -> str:
        slug = re.sub(r"[^a-z]", "", self.short.lower())
        return f"{slug}{'kota' if self.is_city else 'kab'}.go.id"


@dataclass(frozen=True)
class Person:
    """A visitor as the guest book records them (values as the form sends them)."""

    kind: str
    name: str
    gender: str
    birth_year: int
    education: str
    occupation: str
    institution: str | None
    institution_type: str
    phone: str | None
    email: str | None
    letter_code: str | None
    """The code on the institution's letters (for a zero-rupiah request letter)."""

    def guest_book_entry(self, current_year: int) -> GuestBookEntry:
        """What the guest book form makes of this person (the app's own validation)."""
        return validate_guest_book(
            name=self.name,
            gender=self.gender,
            birth_year=str(self.birth_year),
            education=self.education,
            occupation=self.occupation,
            institution=self.institution,
            institution_type=self.institution_type,
            phone=self.phone,
            email=self.email,
            current_year=current_year,
        )


def pick(rng: random.Random, weights: Weighted) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys])[0]


def _government_institution(rng: random.Random, region: Region) -> str:
    level = "Kota" if region.is_city else "Kabupaten"
    offices = (
        f"Badan Perencanaan Pembangunan Daerah {level} {region.short}",
        f"Dinas Kesehatan {level} {region.short}",
        f"Dinas Pendidikan {level} {region.short}",
        f"Dinas Sosial {level} {region.short}",
        f"Dinas Pertanian {level} {region.short}",
        f"Dinas Komunikasi dan Informatika {level} {region.short}",
        f"Sekretariat Daerah {level} {region.short}",
        f"Sekretariat DPRD {level} {region.short}",
        f"Inspektorat {level} {region.short}",
        f"Kantor Kementerian Agama {level} {region.short}",
        f"Polres {region.short}",
        "Badan Pusat Statistik Provinsi Sumatera Selatan",
    )
    if region.districts and rng.random() < 0.2:
        return f"Kantor Camat {rng.choice(region.districts)}"
    return rng.choices(offices, weights=[4, 3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 0.5])[0]


def _institution(rng: random.Random, kind: PersonKind, region: Region) -> tuple[str | None, str]:
    """The institution's name and the code its letters carry."""
    if kind.key in {"mahasiswa", "peneliti"}:
        name, code = rng.choices(UNIVERSITIES, weights=[5, 4, 3, 2, 2, 1.5, 1, 1, 0.5])[0]
        return name, code
    if kind.key == "pelajar":
        school = rng.choice(("SMA Negeri 1", "SMA Negeri 2", "SMA Negeri 3", "SMK Negeri 1"))
        return f"{school} {region.city}", "SMA"
    if kind.key == "asn":
        return _government_institution(rng, region), "PEMDA"
    if kind.key == "bumn":
        return rng.choice(
            (
                "PT Bukit Asam Tbk",
                "PT Pertamina EP",
                f"PT PLN (Persero) ULP {region.city}",
                f"PT Bank Sumsel Babel Cabang {region.city}",
                f"PT Bank Rakyat Indonesia (Persero) Tbk Cabang {region.city}",
                f"Perumda Air Minum {region.short}",
            )
        ), "BUMN"
    if kind.key == "swasta":
        form = rng.choice(("PT", "PT", "CV"))
        return (
            f"{form} {rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_ENDINGS)}",
            "SWASTA",
        )
    if kind.key == "media":
        return rng.choice(
            (
                "Sumatera Ekspres",
                "Tribun Sumsel",
                "RRI Palembang",
                "Sriwijaya Post",
                f"Yayasan Peduli {region.short}",
                "Kompas.com",
            )
        ), "MEDIA"
    return None, "UMUM"


def _name(rng: random.Random, gender: str, kind: PersonKind) -> str:
    given_names, family_names = (
        (MALE_GIVEN, MALE_FAMILY) if gender == "L" else (FEMALE_GIVEN, FEMALE_FAMILY)
    )
    given = rng.choice(given_names)
    if gender == "L" and given != "Muhammad" and rng.random() < 0.12:
        given = f"Muhammad {given}"
    name = given if rng.random() < 0.08 else f"{given} {rng.choice(family_names)}"
    if kind.key == "peneliti" and rng.random() < 0.35:
        name = f"Dr. {name}"
    elif kind.key == "asn" and rng.random() < 0.2:
        name = f"{name}, {rng.choice(('S.E.', 'S.T.', 'S.Sos.', 'S.Kom.', 'M.Si.'))}"
    return name


def phone_number(rng: random.Random) -> str:
    length = rng.choice((7, 8, 8))
    return rng.choice(PHONE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(length))


def _email(rng: random.Random, name: str, kind: PersonKind, region: Region) -> str:
    words = re.sub(r"^Dr\. |,.*$", "", name).lower().split()
    local = ".".join(re.sub(r"[^a-z]", "", word) for word in words[-2:]) or "pengunjung"
    if rng.random() < 0.6:
        local += str(rng.randint(1, 99))
    domain = rng.choice(PUBLIC_MAIL)
    if kind.key == "asn" and rng.random() < 0.3:
        domain = region.mail_domain
    return f"{local}@{domain}"


def new_person(rng: random.Random, kind: PersonKind, region: Region, year: int) -> Person:
    gender = "P" if rng.random() < kind.female_share else "L"
    name = _name(rng, gender, kind)
    institution, letter_code = _institution(rng, kind, region)
    return Person(
        kind=kind.key,
        name=name,
        gender=gender,
        birth_year=year - rng.randint(*kind.ages),
        education=pick(rng, kind.educations),
        occupation=pick(rng, kind.occupations),
        institution=institution,
        institution_type=kind.institution_type,
        phone=phone_number(rng) if rng.random() < kind.phone_share else None,
        email=_email(rng, name, kind, region) if rng.random() < kind.email_share else None,
        letter_code=letter_code,
    )


def request_text(
    rng: random.Random, topic: Topic, region: Region, year: int, district: str | None
) -> str:
    latest = year - 1
    values = {
        "region": region.name,
        "year": latest,
        "y2": latest,
        "y1": latest - rng.choice((2, 3, 4, 5)),
        "district": district or region.city,
    }
    return rng.choice(topic.texts).format(**values)


def catalog_query(topic: Topic, district: str | None) -> str | None:
    """What the officer types in the catalog search for the topic."""
    if topic.query is None:
        return None
    return topic.query.format(district=district or "")


def zero_rupiah_letter(rng: random.Random, person: Person, year: int) -> str:
    """The number of a letter asking for the zero-rupiah tariff, as institutions write it."""
    number = rng.randint(12, 2400)
    code = person.letter_code or "UMUM"
    if person.institution_type == "pemerintah":
        return f"000.5/{number}/{code}/{year}"
    return f"B/{number}/{code}/PP/{year}"


def district_names(titles: Sequence[str]) -> tuple[str, ...]:
    """The districts the catalog has 'Kecamatan … Dalam Angka' for, in first-seen order."""
    found: dict[str, None] = {}
    for title in titles:
        match = re.match(r"^Kecamatan (.+?) Dalam Angka\b", title)
        if match:
            found.setdefault(match.group(1), None)
    return tuple(found)


# -- the offices of Sumatera Selatan ----------------------------------------------------------


@dataclass(frozen=True)
class OfficeRegion:
    code: str
    region: str
    city: str

    @property
    def office_name(self) -> str:
        return f"BPS {self.region}"


SUMSEL_OFFICES: tuple[OfficeRegion, ...] = (
    OfficeRegion("1601", "Kabupaten Ogan Komering Ulu", "Baturaja"),
    OfficeRegion("1602", "Kabupaten Ogan Komering Ilir", "Kayu Agung"),
    OfficeRegion("1603", "Kabupaten Muara Enim", "Muara Enim"),
    OfficeRegion("1604", "Kabupaten Lahat", "Lahat"),
    OfficeRegion("1605", "Kabupaten Musi Rawas", "Muara Beliti"),
    OfficeRegion("1606", "Kabupaten Musi Banyuasin", "Sekayu"),
    OfficeRegion("1607", "Kabupaten Banyuasin", "Pangkalan Balai"),
    OfficeRegion("1608", "Kabupaten Ogan Komering Ulu Selatan", "Muaradua"),
    OfficeRegion("1609", "Kabupaten Ogan Komering Ulu Timur", "Martapura"),
    OfficeRegion("1610", "Kabupaten Ogan Ilir", "Indralaya"),
    OfficeRegion("1611", "Kabupaten Empat Lawang", "Tebing Tinggi"),
    OfficeRegion("1612", "Kabupaten Penukal Abab Lematang Ilir", "Talang Ubi"),
    OfficeRegion("1613", "Kabupaten Musi Rawas Utara", "Rupit"),
    OfficeRegion("1671", "Kota Palembang", "Palembang"),
    OfficeRegion("1672", "Kota Prabumulih", "Prabumulih"),
    OfficeRegion("1673", "Kota Pagar Alam", "Pagar Alam"),
    OfficeRegion("1674", "Kota Lubuklinggau", "Lubuklinggau"),
)
"""The 17 regencies and cities of the province, by BPS code (1601-1674)."""
OFFICE_REGION_BY_CODE: dict[str, OfficeRegion] = {office.code: office for office in SUMSEL_OFFICES}
