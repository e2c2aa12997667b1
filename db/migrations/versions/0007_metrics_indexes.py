"""indexes for the metrics: a visitor's earlier visits, a sale's items

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 14:00:00

``ix_visit_visitor_arrived`` answers "has this visitor an earlier visit?" (returning
visitors) without a scan; ``ix_sale_item_sale_id`` joins a period's sales to their items
(revenue by item kind).
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visit_visitor_arrived", ["visitor_id", "arrived_at"], unique=False
        )
    with op.batch_alter_table("sale_item", schema=None) as batch_op:
        batch_op.create_index("ix_sale_item_sale_id", ["sale_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sale_item", schema=None) as batch_op:
        batch_op.drop_index("ix_sale_item_sale_id")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_visitor_arrived")
