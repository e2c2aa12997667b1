"""Migrations on a fresh database (a new SQLite file, a new PostgreSQL database): preparing
twice changes nothing, and the migrated schema is exactly what the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select

from dashboard import sop
from dashboard.config import SettingsError
from dashboard.setup.database import prepare_database
from db.migrate import alembic_config, include_object
from db.models import Base, LookupOption, Office, SopStep
from db.reference_data import LOOKUP_OPTIONS
from db.session import Database


def reference_counts(database: Database) -> dict[str, int]:
    with database.reading() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (SopStep, LookupOption, Office)
        }


def test_fresh_database_has_no_tables(fresh: Database) -> None:
    assert inspect(fresh.engine).get_table_names() == []


def test_prepare_twice_is_idempotent(fresh: Database) -> None:
    office = prepare_database(fresh)
    first = reference_counts(fresh)
    assert first == {
        "sop_step": len(sop.STEPS),
        "lookup_option": sum(len(options) for options in LOOKUP_OPTIONS.values()),
        "office": 1,
    }
    again = prepare_database(fresh)
    assert again.id == office.id
    assert (again.code, again.name) == ("1603", "BPS Kabupaten Muara Enim")
    assert reference_counts(fresh) == first


def test_seeded_sop_targets_match_the_rules(fresh: Database) -> None:
    prepare_database(fresh)
    with fresh.reading() as session:
        targets = dict(session.execute(select(SopStep.number, SopStep.target_minutes)).all())
    assert targets == {step.number: step.target_minutes for step in sop.STEPS}


def test_unknown_office_code_is_a_settings_error(fresh: Database) -> None:
    with pytest.raises(SettingsError, match="9999"):
        prepare_database(fresh, office_code="9999")


def test_migrated_schema_equals_the_models(fresh: Database) -> None:
    prepare_database(fresh)
    with fresh.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        assert compare_metadata(context, Base.metadata) == []
        head = ScriptDirectory.from_config(alembic_config(fresh.url)).get_current_head()
        assert context.get_current_revision() == head


def test_partial_unique_indexes_exist(fresh: Database) -> None:
    """Autogenerate does not compare an index's WHERE clause: check the two that keep one
    active visit per rack slot and per reading table."""
    prepare_database(fresh)
    dialect = fresh.engine.dialect.name
    indexes = {index["name"]: index for index in inspect(fresh.engine).get_indexes("visit")}
    for name, column in (
        ("uq_visit_active_rack_slot", "rack_slot"),
        ("uq_visit_active_reading_table", "reading_table"),
    ):
        index = indexes[name]
        assert bool(index["unique"]) is True
        assert index["column_names"] == ["office_id", column]
        where = str(index.get("dialect_options", {}).get(f"{dialect}_where", ""))
        assert "in_progress" in where, index
