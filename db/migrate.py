"""Bring a database to the newest schema with Alembic, from code (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session
from sqlalchemy.schema import SchemaItem

from db import rollups

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_KEY = 16030001
"""PostgreSQL advisory lock held while migrating, so that several gunicorn workers starting
at once migrate one after the other (SQLite gets the same from BEGIN IMMEDIATE)."""

FULL_TEXT_TABLE_PREFIXES = ("publication_fts", "agency_fts")
"""SQLite FTS5 tables made by migration 0002, with their shadow tables (``…_data``, ``…_idx``,
``…_docsize``, ``…_config``)."""
SEARCH_VECTOR_COLUMN = "search_vector"
SEARCH_VECTOR_INDEXES = frozenset({"ix_publication_search_vector", "ix_agency_search_vector"})
"""PostgreSQL generated ``tsvector`` columns and their GIN indexes made by migration 0002."""
POSTGRESQL_ONLY_INDEXES = frozenset({"ix_step_time_month_with_count"})
"""Indexes the models make on PostgreSQL only (``ddl_if``), absent from SQLite by design."""


def include_object(
    obj: SchemaItem, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic filter: leave out the full-text search objects that exist in the database only
    (made by migration 0002, not described by the models), so that comparing the models with
    the migrated schema reports real differences only; and the models' PostgreSQL-only
    indexes where the database has none (SQLite)."""
    if (
        type_ == "index"
        and not reflected
        and compare_to is None
        and name in POSTGRESQL_ONLY_INDEXES
    ):
        return False
    if not reflected or compare_to is not None or name is None:
        return True
    if type_ == "table":
        return not name.startswith(FULL_TEXT_TABLE_PREFIXES)
    if type_ == "column":
        return name != SEARCH_VECTOR_COLUMN
    if type_ == "index":
        return name not in SEARCH_VECTOR_INDEXES
    return True


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_to_newest(engine: Engine) -> None:
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        fill_rollups(connection)


def fill_rollups(connection: Connection) -> None:
    """Fill the rollups (``db.rollups``) of a database that has visits but none yet (the first start
    after migration 0010): one rebuild, in the migration's transaction."""
    session = Session(bind=connection)
    try:
        if rollups.missing(session):
            rollups.rebuild(session)
            session.flush()
    finally:
        session.close()
