"""ticket numbers from blocks (hi/lo): one statement per ticket instead of two

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "number_blocks",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("next_value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_number_blocks")),
    )
    # Continue after any ticket numbered before this revision.
    op.execute(
        "INSERT INTO number_blocks (name, next_value) "
        "SELECT 'ticket', COALESCE(MAX(id), 0) + 1 FROM service_requests"
    )


def downgrade() -> None:
    op.drop_table("number_blocks")
