"""revised SOP targets: the document number of each sop_step version

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sop_step") as batch:
        batch.add_column(sa.Column("document_number", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sop_step") as batch:
        batch.drop_column("document_number")
