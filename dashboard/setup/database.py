"""Preparing a database for the app: migrate to the newest schema, then seed reference data."""

from __future__ import annotations

from dashboard import sop
from dashboard.audit import Actor
from dashboard.clock import utc_now
from dashboard.config import SettingsError
from dashboard.setup.starter_data import load_starter_data
from db.migrate import upgrade_to_newest
from db.models import Office
from db.queries.offices import office_by_code
from db.reference_data import (
    DEFAULT_OFFICE,
    SopStepSeed,
    ensure_lookup_options,
    ensure_office,
    ensure_sop_steps,
)
from db.session import Database


def sop_step_seeds() -> list[SopStepSeed]:
    return [
        SopStepSeed(
            number=step.number,
            name=step.activity,
            actor=step.actor,
            output=step.output,
            target_minutes=step.target_minutes,
            effective_from=sop.SOP_EFFECTIVE_FROM,
        )
        for step in sop.STEPS
    ]


def prepare_database(database: Database, office_code: str = DEFAULT_OFFICE.code) -> Office:
    """Create or migrate the schema, insert what is missing of the reference data, and load
    the sample catalog, agency directory and PNBP tariffs into an office that has none yet.
    Safe to run on every start."""
    upgrade_to_newest(database.engine)
    with database.transaction() as session:
        ensure_office(session, DEFAULT_OFFICE)
        ensure_sop_steps(session, sop_step_seeds())
        ensure_lookup_options(session)
        office = office_by_code(session, office_code)
        if office is None:
            raise SettingsError(f"PST_OFFICE_CODE={office_code}: no such office in the database")
        load_starter_data(session, Actor(None, office.id, utc_now()), office)
    return office
