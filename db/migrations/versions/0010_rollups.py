"""rollups kept exact by every write (db.rollups): the distributions of step times per office
and day and month, per-step daily counts against the targets, visits per day and per hour,
and visit counts by dimension per day and month; filled on the first start after this
migration by db.migrate.upgrade_to_newest

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

DISTRIBUTIONS = {
    "step_time_day": ("visit_date", "seconds"),
    "step_time_month": ("month", "seconds"),
    "step_minutes_day": ("visit_date", "minute"),
    "step_minutes_month": ("month", "minute"),
}
COUNTS = {"visit_day_count": "visit_date", "visit_month_count": "month"}


def _office_column() -> sa.Column:
    return sa.Column("office_id", sa.Integer(), autoincrement=False, nullable=False)


def _office_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["office_id"], ["office.id"], name=op.f(f"fk_{table}_office_id_office"), ondelete="CASCADE"
    )


def _counts(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.Integer(), nullable=False) for name in names]


def upgrade() -> None:
    for table, (day_column, value_column) in DISTRIBUTIONS.items():
        op.create_table(
            table,
            _office_column(),
            sa.Column(day_column, sa.Date(), nullable=False),
            sa.Column("measure", sa.SmallInteger(), autoincrement=False, nullable=False),
            sa.Column("step_number", sa.SmallInteger(), autoincrement=False, nullable=False),
            sa.Column(value_column, sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("count", sa.Integer(), nullable=False),
            _office_key(table),
            sa.PrimaryKeyConstraint(
                "office_id",
                day_column,
                "measure",
                "step_number",
                value_column,
                name=op.f(f"pk_{table}"),
            ),
        )
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(
            "ix_step_time_month_with_count",
            "step_time_month",
            ["office_id", "month", "measure", "step_number", "seconds"],
            postgresql_include=["count"],
        )
    op.create_table(
        "step_day",
        _office_column(),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("step_number", sa.SmallInteger(), autoincrement=False, nullable=False),
        *_counts("ended", "open", "not_started", "with_target", "meeting"),
        sa.Column("missed_seconds", sa.BigInteger(), nullable=False),
        _office_key("step_day"),
        sa.PrimaryKeyConstraint("office_id", "visit_date", "step_number", name=op.f("pk_step_day")),
    )
    op.create_table(
        "correction_day",
        _office_column(),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("step_number", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("officer_id", sa.Integer(), autoincrement=False, nullable=False),
        *_counts("corrections", "steps_corrected"),
        _office_key("correction_day"),
        sa.PrimaryKeyConstraint(
            "office_id", "visit_date", "step_number", "officer_id", name=op.f("pk_correction_day")
        ),
    )
    op.create_table(
        "visit_day",
        _office_column(),
        sa.Column("visit_date", sa.Date(), nullable=False),
        *_counts(
            "admitted",
            "refused",
            "imported",
            "returning_visits",
            "outside_hours",
            "visits_referred",
            "visits_decided",
            "requests_referred",
            "requests_decided",
            "requests",
        ),
        _office_key("visit_day"),
        sa.PrimaryKeyConstraint("office_id", "visit_date", name=op.f("pk_visit_day")),
    )
    op.create_table(
        "referred_request",
        sa.Column("data_request_id", sa.Integer(), autoincrement=False, nullable=False),
        _office_column(),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("referred_agency", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["data_request_id"],
            ["data_request.id"],
            name=op.f("fk_referred_request_data_request_id_data_request"),
            ondelete="CASCADE",
        ),
        _office_key("referred_request"),
        sa.PrimaryKeyConstraint("data_request_id", name=op.f("pk_referred_request")),
    )
    op.create_index(
        "ix_referred_request_office_day", "referred_request", ["office_id", "visit_date"]
    )
    op.create_table(
        "visit_hour",
        _office_column(),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("hour", sa.SmallInteger(), autoincrement=False, nullable=False),
        *_counts("admitted", "refused"),
        _office_key("visit_hour"),
        sa.PrimaryKeyConstraint("office_id", "visit_date", "hour", name=op.f("pk_visit_hour")),
    )
    for table, day_column in COUNTS.items():
        op.create_table(
            table,
            _office_column(),
            sa.Column(day_column, sa.Date(), nullable=False),
            sa.Column("dimension", sa.String(length=32), nullable=False),
            sa.Column("value", sa.String(length=200), nullable=False),
            sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
            *_counts("visits", "requests"),
            _office_key(table),
            sa.PrimaryKeyConstraint(
                "office_id", day_column, "dimension", "value", "number", name=op.f(f"pk_{table}")
            ),
        )


def downgrade() -> None:
    op.drop_index("ix_referred_request_office_day", table_name="referred_request")
    for table in (
        "visit_hour",
        "referred_request",
        "visit_day",
        "correction_day",
        "step_day",
        *COUNTS,
        *DISTRIBUTIONS,
    ):
        op.drop_table(table)
