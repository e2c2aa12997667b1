"""step time rollups: exact distributions of step times per office and day and month, and
per-step daily counts against the targets (kept by db.step_rollups; filled on the first
start after this migration by db.migrate.upgrade_to_newest)

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

DISTRIBUTIONS = {"step_time_day": "visit_date", "step_time_month": "month"}


def _office_column() -> sa.Column:
    return sa.Column("office_id", sa.Integer(), autoincrement=False, nullable=False)


def _office_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["office_id"], ["office.id"], name=op.f(f"fk_{table}_office_id_office"), ondelete="CASCADE"
    )


def upgrade() -> None:
    for table, day_column in DISTRIBUTIONS.items():
        op.create_table(
            table,
            _office_column(),
            sa.Column(day_column, sa.Date(), nullable=False),
            sa.Column("measure", sa.SmallInteger(), autoincrement=False, nullable=False),
            sa.Column("step_number", sa.SmallInteger(), autoincrement=False, nullable=False),
            sa.Column("seconds", sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("count", sa.Integer(), nullable=False),
            _office_key(table),
            sa.PrimaryKeyConstraint(
                "office_id",
                day_column,
                "measure",
                "step_number",
                "seconds",
                name=op.f(f"pk_{table}"),
            ),
        )
    op.create_table(
        "step_day",
        _office_column(),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("step_number", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("ended", sa.Integer(), nullable=False),
        sa.Column("open", sa.Integer(), nullable=False),
        sa.Column("not_started", sa.Integer(), nullable=False),
        sa.Column("with_target", sa.Integer(), nullable=False),
        sa.Column("meeting", sa.Integer(), nullable=False),
        sa.Column("missed_seconds", sa.BigInteger(), nullable=False),
        _office_key("step_day"),
        sa.PrimaryKeyConstraint("office_id", "visit_date", "step_number", name=op.f("pk_step_day")),
    )


def downgrade() -> None:
    for table in ("step_day", *DISTRIBUTIONS):
        op.drop_table(table)
