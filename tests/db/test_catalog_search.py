"""Catalog search and agency suggestions through the databases' own full-text indexes (SQLite
FTS5, PostgreSQL tsvector), on both databases.

Every test works in two offices of its own (codes 9801 and 9802), emptied of publications and
agencies first, so that the catalog of the main office (sample data) is left alone.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import delete, func, inspect, select, update

from db.migrate import alembic_config
from db.models import Publication
from db.reference_data import OfficeSeed
from db.search_text import index_text
from db.session import Database
from tests.helpers.library import Library, LibrarySetup

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
LIBRARY = LibrarySetup(
    offices=[
        OfficeSeed(code="9801", name="Kantor Uji Pencarian", city="Muara Enim"),
        OfficeSeed(code="9802", name="Kantor Uji Lain", city="Muara Enim"),
    ],
    now=NOW,
)


def test_title_match_outranks_subject_and_notes_matches(library: Library) -> None:
    library.add_publication("Profil Wilayah Pesisir", notes="Memuat data perikanan tangkap.")
    library.add_publication("Statistik Perikanan Tangkap", subject="wilayah")
    library.add_publication("Laporan Tahunan Dinas", subject="pertanian")
    hits = library.search("perikanan")
    assert [hit.title for hit in hits] == [
        "Statistik Perikanan Tangkap",
        "Laporan Tahunan Dinas",
        "Profil Wilayah Pesisir",
    ]
    assert hits[0].rank > hits[1].rank > hits[2].rank


def test_indonesian_word_forms_match(library: Library) -> None:
    library.add_publication("Proyeksi Kependudukan Kabupaten Muara Enim 2020-2035")
    library.add_publication("Statistik Pertanian Tanaman Pangan", subject="pertanian")
    library.add_publication("Survei Petani Kopi Semende")
    library.add_publication("Indeks Harga Konsumen", subject="harga")
    assert library.titles("penduduk") == ["Proyeksi Kependudukan Kabupaten Muara Enim 2020-2035"]
    assert set(library.titles("tani")) == {
        "Statistik Pertanian Tanaman Pangan",
        "Survei Petani Kopi Semende",
    }
    assert set(library.titles("pertanian")) == set(library.titles("tani"))


def test_case_and_accents_are_ignored(library: Library) -> None:
    library.add_publication("Statistik Kopi Arabika Semendé")
    library.add_publication("Kecamatan Tanjung Agung Dalam Angka 2024")
    expected = ["Statistik Kopi Arabika Semendé"]
    for text in ("semende", "SEMENDE", "Semendé", "SEMENDÉ", "kopi ARABIKA"):
        assert library.titles(text) == expected, text
    assert library.titles("TANJUNG agung") == ["Kecamatan Tanjung Agung Dalam Angka 2024"]


def test_prefix_matches_while_typing(library: Library) -> None:
    library.add_publication("Kecamatan Lawang Kidul Dalam Angka 2024", subject="wilayah")
    library.add_publication("Kecamatan Gelumbang Dalam Angka 2024", subject="wilayah")
    library.add_publication("Kabupaten Muara Enim Dalam Angka 2024", subject="wilayah")
    assert set(library.titles("kecam")) == {
        "Kecamatan Lawang Kidul Dalam Angka 2024",
        "Kecamatan Gelumbang Dalam Angka 2024",
    }
    assert library.titles("kecamatan law") == ["Kecamatan Lawang Kidul Dalam Angka 2024"]
    assert library.titles("kecamatan lawang kidul 2024") == [
        "Kecamatan Lawang Kidul Dalam Angka 2024"
    ]
    # Every word must match.
    assert library.titles("gelumbang kidul") == []
    assert library.titles("muara enim kecamatan") == []


def test_filters_by_year_subject_and_format(library: Library) -> None:
    library.add_publication("Statistik Daerah Muara Enim 2023", year=2023, subject="wilayah")
    library.add_publication(
        "Statistik Daerah Muara Enim 2024",
        year=2024,
        subject="wilayah",
        hardcopy=False,
        softcopy=True,
    )
    library.add_publication("Statistik Harga Produsen 2024", year=2024, subject="harga")
    assert library.titles("statistik", year=2023) == ["Statistik Daerah Muara Enim 2023"]
    assert set(library.titles("statistik", subject="harga")) == {"Statistik Harga Produsen 2024"}
    assert library.titles("statistik", fmt="softcopy") == ["Statistik Daerah Muara Enim 2024"]
    assert set(library.titles("statistik daerah", fmt="hardcopy")) == {
        "Statistik Daerah Muara Enim 2023"
    }
    assert library.titles("statistik", year=2024, subject="wilayah", fmt="hardcopy") == []
    with pytest.raises(ValueError, match="papyrus"):
        library.search("statistik", fmt="papyrus")


def test_empty_text_lists_filtered_publications_newest_first(library: Library) -> None:
    library.add_publication("Statistik Daerah 2022", year=2022)
    library.add_publication("Indikator Kesejahteraan Rakyat 2024", year=2024)
    library.add_publication("Berita Resmi Statistik 2024", year=2024)
    library.add_publication("Statistik Harga 2023", year=2023, subject="harga")
    assert library.titles("") == [
        "Berita Resmi Statistik 2024",
        "Indikator Kesejahteraan Rakyat 2024",
        "Statistik Harga 2023",
        "Statistik Daerah 2022",
    ]
    assert library.titles("  ", subject="harga") == ["Statistik Harga 2023"]
    assert library.titles("", limit=2) == [
        "Berita Resmi Statistik 2024",
        "Indikator Kesejahteraan Rakyat 2024",
    ]
    assert {hit.rank for hit in library.search("")} == {0.0}


def test_hit_carries_the_desk_fields(library: Library) -> None:
    publication_id = library.add_publication(
        "Statistik Kesejahteraan Rakyat 2024", year=2024, subject="lainnya", softcopy=True
    )
    [hit] = library.search("kesejahteraan")
    assert hit.id == publication_id
    assert hit.catalog_number.startswith("UJI-")
    assert (hit.year, hit.subject, hit.region) == (2024, "lainnya", "Kabupaten Muara Enim")
    assert (hit.has_hardcopy, hit.hardcopy_stock, hit.shelf_location) == (True, 3, "R1-A")
    assert (hit.has_softcopy, hit.retired) == (True, False)
    assert hit.rank > 0


def test_retired_publications_are_left_out_unless_asked(library: Library) -> None:
    library.add_publication("Statistik Daerah 2019", year=2019, retired=True)
    library.add_publication("Statistik Daerah 2024", year=2024)
    assert library.titles("statistik daerah") == ["Statistik Daerah 2024"]
    assert library.titles("") == ["Statistik Daerah 2024"]
    hits = library.search("statistik daerah", include_retired=True)
    assert [(hit.title, hit.retired) for hit in hits] == [
        ("Statistik Daerah 2024", False),
        ("Statistik Daerah 2019", True),
    ]


def test_publications_of_another_office_are_left_out(library: Library) -> None:
    library.add_publication("Statistik Daerah Kota Lain", office_id=library.other_office_id)
    library.add_publication("Statistik Daerah Muara Enim")
    assert library.titles("statistik daerah") == ["Statistik Daerah Muara Enim"]
    assert library.titles("") == ["Statistik Daerah Muara Enim"]


def test_index_follows_edits_and_deletions(library: Library) -> None:
    publication_id = library.add_publication("Statistik Peternakan 2024")
    database = library.prepared.database
    with database.transaction() as session:
        session.execute(
            update(Publication)
            .where(Publication.id == publication_id)
            .values(title="Statistik Perkebunan 2024", search_title=index_text("Perkebunan 2024"))
        )
    assert library.titles("peternakan") == []
    assert library.titles("kebun") == ["Statistik Perkebunan 2024"]
    with database.transaction() as session:
        session.execute(
            update(Publication).where(Publication.id == publication_id).values(hardcopy_stock=9)
        )
    assert [hit.hardcopy_stock for hit in library.search("perkebunan")] == [9]
    with database.transaction() as session:
        session.execute(delete(Publication).where(Publication.id == publication_id))
    assert library.titles("perkebunan") == []


@pytest.mark.parametrize(
    "text",
    [
        "penduduk' OR '1'='1",
        'penduduk" OR "a',
        "penduduk OR kependudukan",
        "kependudukan AND NOT proyeksi",
        "NEAR(proyeksi kependudukan)",
        "search_title:penduduk",
        "penduduk:*",
        "*",
        "penduduk*",
        "proyeksi & !penduduk | harga",
        "(penduduk",
        "penduduk)) --",
        "'; DROP TABLE publication; --",
        "\\x00 % _ ^ $ {} [] <>",
        "!!!",
        "penduduk " * 40,
        "kependudukan " + "a" * 3000,
    ],
)
def test_query_syntax_in_the_text_is_only_text(library: Library, text: str) -> None:
    library.add_publication("Proyeksi Kependudukan 2020-2035")
    library.add_publication("Indeks Harga Konsumen")
    hits = library.search(text)
    assert {hit.title for hit in hits} <= {
        "Proyeksi Kependudukan 2020-2035",
        "Indeks Harga Konsumen",
    }
    with library.prepared.database.reading() as session:
        assert session.scalar(select(func.count()).select_from(Publication)) >= 2


def test_punctuation_around_words_is_ignored(library: Library) -> None:
    library.add_publication("Proyeksi Kependudukan 2020-2035")
    library.add_publication("Indeks Harga Konsumen")
    assert library.titles('"Kependudukan!"') == ["Proyeksi Kependudukan 2020-2035"]
    assert library.titles("(proyeksi) & penduduk*") == ["Proyeksi Kependudukan 2020-2035"]
    assert library.titles("2020-2035") == ["Proyeksi Kependudukan 2020-2035"]
    assert library.titles("penduduk OR harga") == []


def test_agencies_matching_more_request_words_come_first(library: Library) -> None:
    library.add_agency(
        "Dinas Kependudukan dan Pencatatan Sipil", "penduduk; kelahiran; kematian; kartu keluarga"
    )
    library.add_agency("Dinas Kesehatan", "kesehatan; kelahiran bayi; imunisasi; gizi")
    library.add_agency("Dinas Pertanian", "pertanian; perkebunan; peternakan")
    library.add_agency("Dinas Sosial Lama", "penduduk miskin; kelahiran", active=False)
    library.add_agency(
        "Dinas Kependudukan Kota Lain", "penduduk; kelahiran", office_id=library.other_office_id
    )
    suggestions = library.suggest("Data jumlah kelahiran dan penduduk per kecamatan tahun 2024")
    assert [suggestion.name for suggestion in suggestions] == [
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Dinas Kesehatan",
    ]
    assert suggestions[0].rank > suggestions[1].rank
    assert suggestions[0].topics.startswith("penduduk")
    assert (suggestions[0].address, suggestions[0].phone) == (
        "Jl. Jenderal Sudirman, Muara Enim",
        "0734 421000",
    )
    assert [suggestion.name for suggestion in library.suggest("luas panen perkebunan")] == [
        "Dinas Pertanian"
    ]
    assert [suggestion.name for suggestion in library.suggest("angka kelahiran", limit=1)] == [
        suggestion.name for suggestion in library.suggest("angka kelahiran")[:1]
    ]


def test_one_word_in_several_forms_counts_once(library: Library) -> None:
    library.add_agency("Dinas Kesehatan", "kelahiran bayi; imunisasi")
    library.add_agency("Dinas Pemberdayaan Masyarakat dan Desa", "desa; penduduk desa")
    suggestions = library.suggest("kelahiran, dilahirkan, lahir; penduduk desa")
    assert [(suggestion.name, int(suggestion.rank)) for suggestion in suggestions] == [
        ("Dinas Pemberdayaan Masyarakat dan Desa", 2),
        ("Dinas Kesehatan", 1),
    ]


def test_agency_suggestions_ignore_filler_words(library: Library) -> None:
    library.add_agency("Dinas Pendidikan", "pendidikan; sekolah; guru; murid")
    library.add_agency("Badan Perencanaan Pembangunan Daerah", "pembangunan; rencana daerah")
    assert library.suggest("data dan informasi yang ada untuk tahun ini") == []
    assert library.suggest("") == []
    assert library.suggest("' OR 1=1 --") == []
    assert [suggestion.name for suggestion in library.suggest("jumlah guru dan sekolah")] == [
        "Dinas Pendidikan"
    ]


# Downgrade -------------------------------------------------------------------------------


def _full_text_objects(database: Database) -> set[str]:
    inspector = inspect(database.engine)
    tables = set(inspector.get_table_names())
    found = {name for name in tables if "_fts" in name}
    for table in {"publication", "agency"} & tables:
        found |= {
            f"{table}.{column['name']}"
            for column in inspector.get_columns(table)
            if column["name"] == "search_vector"
        }
        found |= {
            index["name"]
            for index in inspector.get_indexes(table)
            if "search_vector" in (index["name"] or "")
        }
    if database.engine.dialect.name == "sqlite":
        with database.engine.connect() as connection:
            found |= set(
                connection.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                ).scalars()
            )
    return found


def _migrate(database: Database, action: str, revision: str) -> None:
    config = alembic_config(database.url)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def test_downgrade_removes_the_full_text_index(fresh: Database) -> None:
    _migrate(fresh, "upgrade", "head")
    if fresh.engine.dialect.name == "sqlite":
        expected = {
            "publication_fts",
            "agency_fts",
            "publication_fts_after_insert",
            "publication_fts_after_update",
            "publication_fts_after_delete",
            "agency_fts_after_insert",
            "agency_fts_after_update",
            "agency_fts_after_delete",
        }
        assert expected <= _full_text_objects(fresh)
    else:
        assert _full_text_objects(fresh) == {
            "publication.search_vector",
            "agency.search_vector",
            "ix_publication_search_vector",
            "ix_agency_search_vector",
        }
    _migrate(fresh, "downgrade", "0001")
    assert _full_text_objects(fresh) == set()
    _migrate(fresh, "upgrade", "head")
    assert _full_text_objects(fresh)
