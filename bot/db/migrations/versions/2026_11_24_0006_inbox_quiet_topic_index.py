"""inbox: index for the console's messages left quiet, by topic, newest first

Partial (only rows with intent 'not_actionable'), so a message that opens a ticket costs the
index nothing.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    quiet = sa.text("intent = 'not_actionable'")
    op.create_index(
        "ix_inbox_messages_quiet_topic",
        "inbox_messages",
        ["category", "id"],
        unique=False,
        sqlite_where=quiet,
        postgresql_where=quiet,
    )


def downgrade() -> None:
    op.drop_index("ix_inbox_messages_quiet_topic", table_name="inbox_messages")
