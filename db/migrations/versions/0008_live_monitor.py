"""live monitor: per-office change marker, shared snapshots, kiosk links

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office_change",
        sa.Column("office_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["office.id"],
            name=op.f("fk_office_change_office_id_office"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("office_id", name=op.f("pk_office_change")),
    )
    op.create_table(
        "live_snapshot",
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("computed_at", db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["office.id"],
            name=op.f("fk_live_snapshot_office_id_office"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("office_id", "version", "day", name=op.f("pk_live_snapshot")),
    )
    op.create_table(
        "kiosk_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_user.id"],
            name=op.f("fk_kiosk_link_created_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_kiosk_link_office_id_office")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kiosk_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_kiosk_link_token_hash")),
    )
    with op.batch_alter_table("kiosk_link", schema=None) as batch_op:
        batch_op.create_index("ix_kiosk_link_office_id", ["office_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("kiosk_link", schema=None) as batch_op:
        batch_op.drop_index("ix_kiosk_link_office_id")
    op.drop_table("kiosk_link")
    op.drop_table("live_snapshot")
    op.drop_table("office_change")
