"""inbox: index for the console's messages left quiet, by topic, newest first

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_inbox_messages_intent_category_id",
        "inbox_messages",
        ["intent", "category", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_inbox_messages_intent_category_id", table_name="inbox_messages")
