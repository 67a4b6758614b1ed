"""SQLAlchemy 2 models (``Mapped[]``), with a naming convention so constraints have names."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeAlias, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite's INTEGER PRIMARY KEY is the rowid (64-bit); PostgreSQL gets BIGINT identities.
BigId = BigInteger().with_variant(Integer(), "sqlite")


def utcnow() -> datetime:
    """Timezone-aware now in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC; SQLite returns them aware again."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class InboxMessage(Base):
    """Every inbound message, stored before the platform is acknowledged; unique per platform."""

    __tablename__ = "inbox_messages"
    __table_args__ = (
        UniqueConstraint("platform", "external_id"),
        Index("ix_inbox_messages_status_id", "status", "id"),
        # The console's "messages left quiet", newest first, by topic; partial, so a
        # message that opens a ticket costs the index nothing.
        Index(
            "ix_inbox_messages_quiet_topic",
            "category",
            "id",
            sqlite_where=text("intent = 'not_actionable'"),
            postgresql_where=text("intent = 'not_actionable'"),
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(128))
    author_id: Mapped[str] = mapped_column(String(128))
    author_handle: Mapped[str | None] = mapped_column(String(128))
    chat_id: Mapped[str] = mapped_column(String(128))
    reply_ref: Mapped[str | None] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text)
    language_hint: Mapped[str | None] = mapped_column(String(16))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # new -> done | failed (a row that cannot be processed stays visible, never deleted)
    status: Mapped[str] = mapped_column(String(16), default="new")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    intent: Mapped[str | None] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(16))
    # Not a foreign key: tickets point back at their inbox row, and a cycle buys nothing.
    ticket_id: Mapped[int | None] = mapped_column(BigId)
    raw: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class PlatformCursor(Base):
    """Where each connector's polling stands (X ``since_id``, Telegram update id)."""

    __tablename__ = "platform_cursors"

    platform: Mapped[str] = mapped_column(String(32), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(String(128))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ServiceRequest(Base):
    """A ticket: one resident's actionable report, with a human-friendly number."""

    __tablename__ = "service_requests"
    __table_args__ = (Index("ix_service_requests_author", "platform", "author_id", "status"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    number: Mapped[str | None] = mapped_column(String(32), unique=True)
    # open | awaiting_location | in_progress | closed
    status: Mapped[str] = mapped_column(String(24), default="open")
    intent: Mapped[str] = mapped_column(String(32))
    category: Mapped[str] = mapped_column(String(64))
    priority: Mapped[int] = mapped_column(Integer, default=2)
    language: Mapped[str] = mapped_column(String(16))
    location_text: Mapped[str | None] = mapped_column(Text)
    location_normalized: Mapped[str | None] = mapped_column(String(200))
    neighborhood: Mapped[str | None] = mapped_column(String(100))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str] = mapped_column(Text)
    # Dedupe keys (bot/triage/dedupe.py) for grouping reports of one incident.
    text_key: Mapped[str | None] = mapped_column(String(32), index=True)
    simhash: Mapped[str | None] = mapped_column(String(16))
    place_key: Mapped[str | None] = mapped_column(String(300), index=True)
    platform: Mapped[str] = mapped_column(String(32))
    author_id: Mapped[str] = mapped_column(String(128))
    chat_id: Mapped[str] = mapped_column(String(128))
    inbox_id: Mapped[int] = mapped_column(BigId, ForeignKey("inbox_messages.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OutboxItem(Base):
    """Every outbound text: a render of an approved template version, sent by the dispatcher."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "platform", "priority", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(128))
    reply_ref: Mapped[str | None] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))
    template_id: Mapped[str] = mapped_column(String(128))
    template_version: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(191), unique=True)
    # 0 = life safety, 1 = follow-up question, 2 = confirmation / status, 5 = announcement
    priority: Mapped[int] = mapped_column(Integer, default=2)
    # pending -> sending -> sent | failed | uncertain
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    platform_post_id: Mapped[str | None] = mapped_column(String(128))
    inbox_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("inbox_messages.id"))
    ticket_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("service_requests.id"))
    # How the text is reproduced from the approved version (variants, values, prefix): the
    # dispatcher re-renders it and sends nothing that differs.
    render: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Not a foreign key (announcements are created after the outbox in the schema's history).
    announcement_id: Mapped[int | None] = mapped_column(BigId, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class NumberBlock(Base):
    """Hi/lo allocator: each process takes ticket numbers in blocks, unique across processes."""

    __tablename__ = "number_blocks"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    next_value: Mapped[int] = mapped_column(BigInteger)


class AuditEntry(Base):
    """Append-only log of state changes: who did what, when, chained by hashes.

    ``seq`` orders the chain; ``hash`` covers this row's fields and ``prev_hash`` (the hash of
    row ``seq - 1``), so an edited, deleted or inserted row breaks the chain
    (``crisisbot audit verify``). Rows are only ever inserted, by ``bot.services.audit``.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    seq: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


class StaffUser(Base):
    """A member of staff (or a system account) with one role and a hashed API token."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    # drafter | approver | coordinator | agent | admin | system
    role: Mapped[str] = mapped_column(String(16))
    # SHA-256 of the token (tokens are 256-bit random, so no slow hash is needed); a system
    # account has none and cannot log in.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RegistryMessage(Base):
    """A named entry of the vetted-message registry: an announcement or the reply set."""

    __tablename__ = "registry_messages"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    # announcement | replies
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))


class RegistryVersion(Base):
    """One immutable version of a registry entry; only its workflow fields ever change."""

    __tablename__ = "registry_versions"
    __table_args__ = (UniqueConstraint("message_id", "number"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    message_id: Mapped[int] = mapped_column(BigId, ForeignKey("registry_messages.id"))
    number: Mapped[int] = mapped_column(Integer)
    # The content: {"variants": {key: source}, "meta": {...}, "values": {...}}; never updated.
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # draft -> submitted -> approved | rejected
    status: Mapped[str] = mapped_column(String(16), default="draft")
    submitted_by: Mapped[str | None] = mapped_column(String(64))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_note: Mapped[str | None] = mapped_column(Text)


class Announcement(Base):
    """A schedule of one approved version: once, or every N seconds until a time."""

    __tablename__ = "announcements"
    __table_args__ = (Index("ix_announcements_due", "status", "next_due_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    version_id: Mapped[int] = mapped_column(BigId, ForeignKey("registry_versions.id"))
    # CAP msgType: alert | update | cancel
    kind: Mapped[str] = mapped_column(String(8))
    references_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("announcements.id"))
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    channels: Mapped[list[str]] = mapped_column(JSON)
    languages: Mapped[list[str]] = mapped_column(JSON)
    start_at: Mapped[datetime] = mapped_column(UTCDateTime())
    every_seconds: Mapped[int | None] = mapped_column(Integer)
    until_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # scheduled -> done | stood_down | cancelled | expired
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    next_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    exercise: Mapped[bool] = mapped_column(default=False)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AnnouncementRun(Base):
    """One occurrence of a schedule; unique, so no occurrence is ever posted twice."""

    __tablename__ = "announcement_runs"
    __table_args__ = (UniqueConstraint("announcement_id", "due_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    announcement_id: Mapped[int] = mapped_column(BigId, ForeignKey("announcements.id"))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ran_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # posted | superseded | expired
    outcome: Mapped[str] = mapped_column(String(16))
    late: Mapped[bool] = mapped_column(default=False)


# Core handles on the tables, for the hot paths that skip the ORM unit of work.
INBOX = cast(Table, InboxMessage.__table__)
TICKETS = cast(Table, ServiceRequest.__table__)
OUTBOX = cast(Table, OutboxItem.__table__)
AUDIT = cast(Table, AuditEntry.__table__)
CURSORS = cast(Table, PlatformCursor.__table__)
NUMBER_BLOCKS = cast(Table, NumberBlock.__table__)
USERS = cast(Table, StaffUser.__table__)
REG_MESSAGES = cast(Table, RegistryMessage.__table__)
REG_VERSIONS = cast(Table, RegistryVersion.__table__)
ANNOUNCEMENTS = cast(Table, Announcement.__table__)
ANNOUNCEMENT_RUNS = cast(Table, AnnouncementRun.__table__)

DbRow: TypeAlias = Row[*tuple[Any, ...]]
"""A result row of any shape."""
