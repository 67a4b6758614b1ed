"""staff users, registry, announcements, audit chain

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.db.models import UTCDateTime
from bot.domain.audit import GENESIS, chain_hash

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "registry_messages",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_messages")),
        sa.UniqueConstraint("name", name=op.f("uq_registry_messages_name")),
    )
    op.create_table(
        "staff_users",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_users")),
        sa.UniqueConstraint("name", name=op.f("uq_staff_users_name")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_staff_users_token_hash")),
    )
    op.create_table(
        "registry_versions",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "message_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("submitted_by", sa.String(length=64), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["registry_messages.id"],
            name=op.f("fk_registry_versions_message_id_registry_messages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_versions")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_registry_versions_content_hash")),
        sa.UniqueConstraint(
            "message_id", "number", name=op.f("uq_registry_versions_message_id_number")
        ),
    )
    op.create_table(
        "announcements",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "version_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column(
            "references_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("every_seconds", sa.Integer(), nullable=True),
        sa.Column("until_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("exercise", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["references_id"],
            ["announcements.id"],
            name=op.f("fk_announcements_references_id_announcements"),
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["registry_versions.id"],
            name=op.f("fk_announcements_version_id_registry_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcements")),
    )
    with op.batch_alter_table("announcements", schema=None) as batch_op:
        batch_op.create_index("ix_announcements_due", ["status", "next_due_at"], unique=False)

    op.create_table(
        "announcement_runs",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "announcement_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["announcement_id"],
            ["announcements.id"],
            name=op.f("fk_announcement_runs_announcement_id_announcements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcement_runs")),
        sa.UniqueConstraint(
            "announcement_id", "due_at", name=op.f("uq_announcement_runs_announcement_id_due_at")
        ),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_audit_log_seq"), ["seq"])

    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "announcement_id",
                sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                nullable=True,
            )
        )
        batch_op.create_index(
            batch_op.f("ix_outbox_announcement_id"), ["announcement_id"], unique=False
        )

    _chain_existing_audit_rows()


def _chain_existing_audit_rows() -> None:
    """Rows written before the chain existed are chained in id order, once."""
    conn = op.get_bind()
    audit = sa.table(
        "audit_log", sa.column("id", sa.BigInteger()), sa.column("seq", sa.BigInteger()),
        sa.column("at", UTCDateTime()), sa.column("actor", sa.String()),
        sa.column("action", sa.String()), sa.column("subject_type", sa.String()),
        sa.column("subject_id", sa.String()), sa.column("detail", sa.JSON()),
        sa.column("prev_hash", sa.String()), sa.column("hash", sa.String()),
    )  # fmt: skip
    prev = GENESIS
    rows = conn.execute(sa.select(audit).order_by(audit.c.id)).all()
    for seq, row in enumerate(rows, 1):
        digest = chain_hash(prev, seq, row.at, row.actor, row.action, row.subject_type,
                            row.subject_id, row.detail or {})  # fmt: skip
        conn.execute(
            sa.update(audit).where(audit.c.id == row.id)
            .values(seq=seq, prev_hash=prev, hash=digest)
        )  # fmt: skip
        prev = digest


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_announcement_id"))
        batch_op.drop_column("announcement_id")

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_log_seq"), type_="unique")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")

    op.drop_table("announcement_runs")
    with op.batch_alter_table("announcements", schema=None) as batch_op:
        batch_op.drop_index("ix_announcements_due")

    op.drop_table("announcements")
    op.drop_table("registry_versions")
    op.drop_table("staff_users")
    op.drop_table("registry_messages")
