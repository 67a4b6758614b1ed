"""tickets: normalised place, neighborhood and dedupe keys

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("location_normalized", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("neighborhood", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("text_key", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("simhash", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("place_key", sa.String(length=300), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_service_requests_text_key"), ["text_key"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_requests_place_key"), ["place_key"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_requests_place_key"))
        batch_op.drop_index(batch_op.f("ix_service_requests_text_key"))
        batch_op.drop_column("place_key")
        batch_op.drop_column("simhash")
        batch_op.drop_column("text_key")
        batch_op.drop_column("neighborhood")
        batch_op.drop_column("location_normalized")
