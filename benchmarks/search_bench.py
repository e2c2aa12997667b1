"""How fast the desk search answers over a large catalog, on SQLite and on PostgreSQL.

    python -m benchmarks.search_bench [--publications 20000] [--database-url URL] [--rounds 20]

Creates a temporary SQLite file and a temporary PostgreSQL database (on the server of
``--database-url``, by default ``PST_TEST_POSTGRES_URL`` as the tests use; skipped with the
reason printed when it is unreachable), migrates them as the app does, fills them with
generated publications of a regency office, runs typical desk searches (whole words, word
forms, prefixes typed letter by letter, with and without filters) through
``search_publications`` in a reading session each, as the desk does, prints the timings and
drops the databases. The target is a median under 50 ms for 20,000 publications.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import make_url

from dashboard.library.catalog import PublicationInput
from dashboard.library.catalog_service import search_columns
from dashboard.setup.database import prepare_database
from db import search_text
from db.models import Publication
from db.queries.catalog_search import search_publications
from db.session import Database

DEFAULT_POSTGRES_URL = os.environ.get(
    "PST_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TARGET_MEDIAN_MS = 50.0
INSERT_BATCH = 2_000

DISTRICTS = (
    "Semende Darat Laut",
    "Semende Darat Ulu",
    "Semende Darat Tengah",
    "Tanjung Agung",
    "Rambang",
    "Lubai",
    "Lubai Ulu",
    "Lawang Kidul",
    "Muara Enim",
    "Ujan Mas",
    "Gunung Megang",
    "Benakat",
    "Rambang Niru",
    "Empat Petulai Dangku",
    "Gelumbang",
    "Lembak",
    "Sungai Rotan",
    "Muara Belida",
    "Kelekar",
    "Belimbing",
    "Panang Enim",
    "Belide Darat",
)
REGIONS = (
    "Kabupaten Muara Enim",
    "Kabupaten Lahat",
    "Kabupaten Penukal Abab Lematang Ilir",
    "Kota Prabumulih",
    "Kota Palembang",
    "Provinsi Sumatera Selatan",
)
COMMODITIES = ("Padi", "Jagung", "Kopi", "Karet", "Kelapa Sawit", "Ubi Kayu", "Kedelai", "Cabai")
MONTHS = ("Februari", "Maret", "Agustus", "September")
# (title pattern, subject code, notes pattern or None)
TITLE_PATTERNS: tuple[tuple[str, str, str | None], ...] = (
    ("Kecamatan {district} Dalam Angka {year}", "wilayah", "Data pokok kecamatan per desa."),
    ("{region} Dalam Angka {year}", "wilayah", "Publikasi tahunan gambaran umum daerah."),
    ("Statistik Daerah {region} {year}", "wilayah", None),
    ("Statistik Pertanian {region} {year}", "pertanian", "Luas tanam dan produksi per kecamatan."),
    ("Luas Panen dan Produksi {commodity} {region} {year}", "pertanian", None),
    ("Statistik Perkebunan {commodity} {region} {year}", "pertanian", None),
    ("Statistik Kependudukan {region} {year}", "kependudukan", "Hasil registrasi penduduk."),
    ("Proyeksi Penduduk {region} {year}-{year_end}", "kependudukan", None),
    ("Indikator Kesejahteraan Rakyat {region} {year}", "sosial", "Memuat IPM dan kemiskinan."),
    ("Profil Kemiskinan {region} {month} {year}", "sosial", None),
    ("Statistik Kesejahteraan Rakyat {region} {year}", "sosial", "Hasil Susenas."),
    ("Keadaan Angkatan Kerja {region} {month} {year}", "ketenagakerjaan", "Hasil Sakernas."),
    ("Indeks Harga Konsumen dan Inflasi {region} {year}", "harga", None),
    ("Statistik Harga Produsen Gabah {region} {year}", "harga", None),
    (
        "Produk Domestik Regional Bruto {region} Menurut Lapangan Usaha {year}-{year_end}",
        "neraca",
        "PDRB atas dasar harga berlaku dan konstan.",
    ),
    ("Statistik Pendidikan {region} {year}", "pendidikan", "Sekolah, guru dan murid."),
    ("Statistik Kesehatan {region} {year}", "kesehatan", None),
    ("Statistik Industri Besar dan Sedang {region} {year}", "industri", None),
    ("Statistik Pertambangan Batu Bara {region} {year}", "industri", None),
    ("Statistik Transportasi {region} {year}", "transportasi", None),
    ("Statistik Hotel dan Pariwisata {region} {year}", "pariwisata", None),
    ("Statistik Keuangan Daerah {region} {year}", "keuangan", None),
)


@dataclass(frozen=True)
class DeskQuery:
    text: str
    filters: dict[str, Any] = field(default_factory=dict)


def desk_queries() -> list[DeskQuery]:
    """Searches an officer types: whole words, other word forms, the letters of a word typed
    one by one (a search per keystroke), and filters with and without words."""
    typed = [DeskQuery("kecamatan"[:length]) for length in range(1, 10)]
    typed += [DeskQuery("kecamatan lawang kidul"[:length]) for length in (11, 13, 16, 19, 22)]
    return [
        *typed,
        DeskQuery("penduduk"),
        DeskQuery("kependudukan muara enim"),
        DeskQuery("pertanian"),
        DeskQuery("tani"),
        DeskQuery("muara enim dalam angka 2020"),
        DeskQuery("statistik"),
        DeskQuery("statistik daerah"),
        DeskQuery("inflasi"),
        DeskQuery("harga konsumen palembang"),
        DeskQuery("pdrb lapangan usaha"),
        DeskQuery("kemiskinan"),
        DeskQuery("angkatan kerja agustus 2023"),
        DeskQuery("kopi semende"),
        DeskQuery("s"),
        DeskQuery("statistik", {"year": 2020}),
        DeskQuery("kecamatan", {"fmt": "softcopy"}),
        DeskQuery("penduduk", {"subject": "kependudukan", "fmt": "hardcopy"}),
        DeskQuery("", {"subject": "pertanian"}),
        DeskQuery("", {"year": 2023}),
        DeskQuery(""),
        DeskQuery("indikator kesejahteraan", {"subject": "sosial", "year": 2022}),
    ]


def generated_publications(count: int, office_id: int, seed: int = 1603) -> Iterator[dict]:
    """``count`` catalog rows of a regency office, prepared as the catalog service stores
    them (``search_*`` columns included). Catalog numbers are BPS-like
    ``<series>.1603.<year>.<n>``: unique, made of a small set of words."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    issued: Counter[tuple[int, int]] = Counter()
    for _ in range(count):
        series = rng.randrange(len(TITLE_PATTERNS))
        pattern, subject, notes = TITLE_PATTERNS[series]
        year = rng.randint(1990, 2025)
        issued[series, year] += 1
        title = pattern.format(
            district=rng.choice(DISTRICTS),
            region=rng.choice(REGIONS),
            commodity=rng.choice(COMMODITIES),
            month=rng.choice(MONTHS),
            year=year,
            year_end=year + rng.choice((4, 15)),
        )
        has_hardcopy = rng.random() < 0.8
        shelf = f"R{rng.randint(1, 12)}-{rng.choice('ABCDEF')}"
        data = PublicationInput(
            catalog_number=f"{1102001 + series * 1000}.1603.{year}.{issued[series, year]}",
            title=title,
            year=year,
            subject=subject,
            region=None,
            isbn=None,
            issn=None,
            has_hardcopy=has_hardcopy,
            hardcopy_stock=rng.randint(1, 5) if has_hardcopy else 0,
            shelf_location=shelf if has_hardcopy else None,
            has_softcopy=not has_hardcopy or rng.random() < 0.5,
            notes=notes,
        )
        yield {
            **{name: getattr(data, name) for name in PublicationInput.__dataclass_fields__},
            **search_columns(data),
            "office_id": office_id,
            "is_sample": False,
            "retired_at": now if rng.random() < 0.03 else None,
            "created_at": now,
            "updated_at": now,
        }


@dataclass(frozen=True)
class Result:
    database: str
    publications: int
    first_time_ms: list[float]
    """Each search once, its words never stemmed before in the process."""
    timings_ms: list[float]
    """Each search ``rounds`` times, after a warm-up."""
    per_query_ms: list[tuple[DeskQuery, list[float]]]
    """Each search with its timings (warm)."""

    def slowest(self, count: int = 3) -> list[tuple[float, DeskQuery]]:
        worst = [(max(timings), query) for query, timings in self.per_query_ms]
        return sorted(worst, key=lambda pair: -pair[0])[:count]


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def fill_catalog(database: Database, office_id: int, count: int) -> float:
    """Bulk insert; returns the seconds it took (the FTS triggers / generated column included)."""
    started = time.perf_counter()
    rows = generated_publications(count, office_id)
    with database.transaction() as session:
        while batch := [row for _, row in zip(range(INSERT_BATCH), rows, strict=False)]:
            session.execute(insert(Publication), batch)
    with database.engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()
    return time.perf_counter() - started


def forget_stems() -> None:
    """Empty the stem caches of ``db.search_text`` (and load the stemmer again), so
    that the next searches pay for stemming words as the desk does the first time it sees
    them: a word typed letter by letter is a new word at every key."""
    search_text.stem.cache_clear()
    search_text._stemmer.cache_clear()
    search_text._stemmer()


def timed_search(database: Database, office_id: int, query: DeskQuery) -> float:
    """Milliseconds for one search as the desk makes it: its own reading session."""
    started = time.perf_counter()
    with database.reading() as session:
        search_publications(session, office_id, query.text, **query.filters)
    return (time.perf_counter() - started) * 1000


def run_queries(
    database: Database, office_id: int, queries: list[DeskQuery], rounds: int
) -> tuple[list[float], list[tuple[DeskQuery, list[float]]]]:
    """Timings of each search the first time, then of ``rounds`` rounds after a warm-up."""
    forget_stems()
    first_time = [timed_search(database, office_id, query) for query in queries]
    for query in queries:
        timed_search(database, office_id, query)
    per_query: list[tuple[DeskQuery, list[float]]] = [(query, []) for query in queries]
    for _round in range(rounds):
        for query, timings in per_query:
            timings.append(timed_search(database, office_id, query))
    return first_time, per_query


def benchmark(label: str, database_url: str, count: int, rounds: int) -> Result:
    database = Database(database_url)
    try:
        office = prepare_database(database)
        seconds = fill_catalog(database, office.id, count)
        print(f"{label}: {count} publications inserted in {seconds:.1f} s")
        first_time, per_query = run_queries(database, office.id, desk_queries(), rounds)
        timings = [ms for _query, query_timings in per_query for ms in query_timings]
        return Result(label, count, first_time, timings, per_query)
    finally:
        database.dispose()


def postgresql_admin(server_url: str):  # type: ignore[no-untyped-def]
    """An autocommit connection to the server, or None with the reason printed."""
    import psycopg

    url = make_url(server_url)
    try:
        return psycopg.connect(
            host=url.host,
            port=url.port or 5432,
            user=url.username,
            password=url.password,
            dbname=url.database,
            autocommit=True,
            connect_timeout=3,
        )
    except psycopg.OperationalError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"postgresql: skipped, server not reachable at {server_url}: {reason}")
        return None


@contextmanager
def temporary_postgresql(admin, server_url: str) -> Iterator[str]:  # type: ignore[no-untyped-def]
    name = f"pst_bench_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def print_table(results: list[Result], queries: int) -> None:
    header = (
        f"{'database':<12}{'publications':>13}{'queries':>9}{'median ms':>11}{'p90 ms':>9}"
        f"{'max ms':>9}   {'first time: median ms':>22}{'max ms':>9}"
    )
    print()
    print(header)
    print("-" * len(header))
    for result in results:
        timings, first = result.timings_ms, result.first_time_ms
        print(
            f"{result.database:<12}{result.publications:>13}{len(timings):>9}"
            f"{statistics.median(timings):>11.2f}{p90(timings):>9.2f}{max(timings):>9.2f}"
            f"   {statistics.median(first):>22.2f}{max(first):>9.2f}"
        )
    print(
        f"\n{queries} different searches; target: median under {TARGET_MEDIAN_MS:.0f} ms."
        "\n'first time': each search once with the stem caches emptied (new words)."
    )
    for result in results:
        slowest = ", ".join(f"{describe(query)} {ms:.1f} ms" for ms, query in result.slowest())
        met = statistics.median(result.timings_ms) < TARGET_MEDIAN_MS
        print(f"{result.database}: target {'met' if met else 'NOT met'}; slowest: {slowest}")


def describe(query: DeskQuery) -> str:
    return f"{query.text!r}{query.filters or ''}"


def print_per_query(results: list[Result]) -> None:
    print(f"\n{'search':<58}" + "".join(f"{r.database + ' median':>20}" for r in results))
    for index, (query, _timings) in enumerate(results[0].per_query_ms):
        medians = [statistics.median(result.per_query_ms[index][1]) for result in results]
        print(f"{describe(query):<58}" + "".join(f"{ms:>17.2f} ms" for ms in medians))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publications", type=int, default=20_000)
    parser.add_argument(
        "--database-url",
        default=DEFAULT_POSTGRES_URL,
        help="PostgreSQL server on which a temporary database is made (default: %(default)s)",
    )
    parser.add_argument("--rounds", type=int, default=20, help="times each search is run")
    parser.add_argument("--per-query", action="store_true", help="print each search's median")
    args = parser.parse_args(argv)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="pst-bench-") as directory:
        sqlite_url = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        results.append(benchmark("sqlite", sqlite_url, args.publications, args.rounds))
    admin = postgresql_admin(args.database_url)
    if admin is not None:
        with admin, temporary_postgresql(admin, args.database_url) as postgresql_url:
            results.append(benchmark("postgresql", postgresql_url, args.publications, args.rounds))
    print_table(results, len(desk_queries()))
    if args.per_query:
        print_per_query(results)


if __name__ == "__main__":
    main()
