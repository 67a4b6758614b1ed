"""The append-only, hash-chained audit log: the only code that writes ``audit_log``.

Every entry is inserted inside the transaction of the change it records. Appends are
serialised so the chain has no forks: SQLite transactions start with ``BEGIN IMMEDIATE`` (one
writer at a time), and on PostgreSQL the writer takes a transaction-scoped advisory lock
before it reads the chain's head; callers append last in their transaction, so the lock is
held only until the commit that follows. There is no update or delete path anywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, text

from bot.db.models import AUDIT, utcnow
from bot.domain.audit import GENESIS, chain_hash

_AUDIT = AUDIT
# Any 64-bit number unique to this lock within the database.
_ADVISORY_KEY = 0x311_A0D1
_HEAD = (
    select(_AUDIT.c.seq, _AUDIT.c.hash)
    .where(_AUDIT.c.seq.is_not(None))
    .order_by(_AUDIT.c.seq.desc())
    .limit(1)
)
_INSERT = insert(_AUDIT)
_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


def append(
    conn: Connection,
    *,
    actor: str,
    action: str,
    subject_type: str,
    subject_id: str | int,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> str:
    """Chain one entry onto the log in ``conn``'s transaction; returns its hash."""
    when = at or utcnow()
    info = detail or {}
    if conn.dialect.name == "postgresql":
        conn.execute(_LOCK, {"key": _ADVISORY_KEY})
    head = conn.execute(_HEAD).first()
    prev, seq = (GENESIS, 1) if head is None else (str(head.hash), int(head.seq) + 1)
    subject = str(subject_id)
    digest = chain_hash(prev, seq, when, actor, action, subject_type, subject, info)
    conn.execute(
        _INSERT,
        {"seq": seq, "at": when, "actor": actor, "action": action,
         "subject_type": subject_type, "subject_id": subject, "detail": info,
         "prev_hash": prev, "hash": digest},
    )  # fmt: skip
    return digest


@dataclass(slots=True)
class VerifyReport:
    """What ``crisisbot audit verify`` found."""

    entries: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the chain is whole."""
        return not self.problems


def verify(engine: Engine, *, batch: int = 5_000) -> VerifyReport:
    """Recompute the chain from the first entry; report every break, with its entry."""
    report = VerifyReport()
    prev, expected_seq = GENESIS, 1
    with engine.connect() as conn:
        unchained = conn.execute(select(_AUDIT.c.id).where(_AUDIT.c.seq.is_(None)).limit(5)).all()
        for row in unchained:
            report.problems.append(f"entry id {row.id}: not in the chain (no sequence number)")
        for row in _rows(conn, batch):
            report.entries += 1
            where = f"entry #{row.seq} (id {row.id}, {row.action} by {row.actor})"
            if row.seq != expected_seq:
                report.problems.append(
                    f"entry #{expected_seq}: missing (next entry is #{row.seq}): deleted?"
                )
            if row.prev_hash != prev:
                report.problems.append(f"{where}: does not follow the entry before it")
            recomputed = chain_hash(
                str(row.prev_hash), int(row.seq), row.at, row.actor, row.action,
                row.subject_type, row.subject_id, row.detail or {},
            )  # fmt: skip
            if recomputed != row.hash:
                report.problems.append(f"{where}: contents changed after it was written")
            prev, expected_seq = str(row.hash), int(row.seq) + 1
    return report


def _rows(conn: Connection, batch: int) -> Iterator[Any]:
    last = 0
    while True:
        rows = conn.execute(
            select(_AUDIT).where(_AUDIT.c.seq > last).order_by(_AUDIT.c.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = int(rows[-1].seq)


def recent(
    engine: Engine,
    *,
    limit: int = 50,
    subject_type: str | None = None,
    subject_id: str | None = None,
    actor: str | None = None,
) -> list[Any]:
    """The newest entries first, optionally for one subject or actor."""
    query = select(_AUDIT).where(_AUDIT.c.seq.is_not(None))
    if subject_type:
        query = query.where(_AUDIT.c.subject_type == subject_type)
    if subject_id:
        query = query.where(_AUDIT.c.subject_id == subject_id)
    if actor:
        query = query.where(_AUDIT.c.actor == actor)
    with engine.connect() as conn:
        return list(conn.execute(query.order_by(_AUDIT.c.seq.desc()).limit(limit)).all())
