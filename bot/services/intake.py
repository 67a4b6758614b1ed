"""Intake: store inbound messages exactly once, then turn each into a ticket and a reply.

``store`` runs in the connector's loop and commits the messages *with* the platform cursor,
before the platform is acknowledged. ``process_next`` handles one inbox row in one
transaction: triage, ticket (or the pending ticket it completes), the reply in the outbox,
audit, and the row marked done. A crash anywhere rolls the whole message back to ``new``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.db.models import CURSORS, INBOX, NUMBER_BLOCKS, OUTBOX, TICKETS, DbRow
from bot.domain.messages import InboundMessage
from bot.domain.tickets import TicketNumbering
from bot.domain.triage import Intent, Priority, TriageResult
from bot.services import audit
from bot.services.templates import RenderedText, ReplyTemplates
from bot.services.text import clean_json, clean_text
from bot.triage.pipeline import Triager

_LOGGER = logging.getLogger(__name__)
_INBOX, _TICKETS, _OUTBOX, _CURSORS = INBOX, TICKETS, OUTBOX, CURSORS

# Statements are built once: SQLAlchemy caches their compiled form, and building them per
# message cost more than the database work itself (bench/intake.py).
_CLAIM = (
    select(_INBOX)
    .where(_INBOX.c.status == "new")
    .order_by(_INBOX.c.id)
    .limit(1)
    .with_for_update(skip_locked=True)
)
_INSERT_TICKET = insert(_TICKETS)
_TAKE_BLOCK = (
    update(NUMBER_BLOCKS)
    .where(NUMBER_BLOCKS.c.name == "ticket")
    .values(next_value=NUMBER_BLOCKS.c.next_value + bindparam("size"))
    .returning(NUMBER_BLOCKS.c.next_value)
)
NUMBER_BLOCK_SIZE = 50
_INSERT_OUTBOX = insert(_OUTBOX)
_MARK_DONE = (
    update(_INBOX)
    .where(_INBOX.c.id == bindparam("inbox_id"))
    .values(
        status="done",
        processed_at=bindparam("processed_at"),
        intent=bindparam("intent"),
        category=bindparam("category"),
        language=bindparam("language"),
        ticket_id=bindparam("tid"),
    )
)
_AWAITING_LOCATION = (
    select(_TICKETS.c.id, _TICKETS.c.number, _TICKETS.c.category, _TICKETS.c.language)
    .where(
        _TICKETS.c.platform == bindparam("platform"),
        _TICKETS.c.author_id == bindparam("author_id"),
        _TICKETS.c.status == "awaiting_location",
        _TICKETS.c.created_at >= bindparam("since"),
    )
    .order_by(_TICKETS.c.id.desc())
    .limit(1)
)
ACTOR = "system:intake"
MAX_ATTEMPTS = 5
LOCATION_FOLLOW_UP_WINDOW = timedelta(hours=24)


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What processing one message did (for logs, the demo and tests)."""

    inbox_id: int
    intent: str
    ticket_number: str | None
    template_id: str | None
    completed_ticket: bool = False
    ticket_id: int | None = None


class IntakeService:
    """Inbox -> triage -> ticket -> outbox, one unit of work per message."""

    def __init__(
        self,
        engine: Engine,
        triager: Triager,
        templates: ReplyTemplates,
        *,
        numbering: TicketNumbering | None = None,
        max_text_chars: int = 10_000,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.engine = engine
        self.triager = triager
        self.templates = templates
        self.numbering = numbering or TicketNumbering()
        self.max_text_chars = max_text_chars
        self.clock = clock
        # Each worker thread takes its own blocks: no lock, no number handed out twice.
        self._block = threading.local()

    # -- storing -------------------------------------------------------------------------
    def store(
        self, messages: Iterable[InboundMessage], *, platform: str | None = None,
        cursor: str | None = None,
    ) -> int:  # fmt: skip
        """Insert messages not seen before and, in the same transaction, the new cursor.

        Returns:
            How many messages were new.
        """
        rows = [self._row(m) for m in messages]
        with self.engine.begin() as conn:
            new = 0
            if rows:
                insert_ = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
                # rowcount is -1 on PostgreSQL (the insert carries RETURNING for the id), so
                # count the ids returned: none when the message was already stored.
                stmt = (
                    insert_(_INBOX)
                    .on_conflict_do_nothing(index_elements=["platform", "external_id"])
                    .returning(_INBOX.c.id)
                )
                for row in rows:
                    new += conn.execute(stmt, row).first() is not None
            if platform is not None and cursor is not None:
                self._save_cursor(conn, platform, cursor)
        return new

    def _row(self, m: InboundMessage) -> dict[str, object]:
        now = self.clock()
        return {
            "platform": m.platform,
            "external_id": clean_text(m.external_id, 128),
            "author_id": clean_text(m.author_id, 128),
            "author_handle": clean_text(m.author_handle, 128) if m.author_handle else None,
            "chat_id": clean_text(m.chat_id, 128),
            "reply_ref": clean_text(m.reply_ref, 128) if m.reply_ref else None,
            "text": clean_text(m.text),
            "language_hint": clean_text(m.language_hint, 16) if m.language_hint else None,
            "latitude": m.latitude,
            "longitude": m.longitude,
            "received_at": m.received_at if m.received_at.tzinfo else now,
            "stored_at": now,
            "status": "new",
            "attempts": 0,
            "raw": clean_json(m.raw),
        }

    def _save_cursor(self, conn: Connection, platform: str, cursor: str) -> None:
        updated = conn.execute(
            update(_CURSORS)
            .where(_CURSORS.c.platform == platform)
            .values(cursor=cursor, updated_at=self.clock())
        ).rowcount
        if not updated:
            conn.execute(
                insert(_CURSORS).values(platform=platform, cursor=cursor, updated_at=self.clock())
            )

    def cursor(self, platform: str) -> str | None:
        """The stored cursor of ``platform``."""
        with self.engine.connect() as conn:
            value = conn.execute(
                select(_CURSORS.c.cursor).where(_CURSORS.c.platform == platform)
            ).scalar()
            return str(value) if value is not None else None

    def pending_count(self) -> int:
        """Inbox rows not processed yet."""
        with self.engine.connect() as conn:
            count = conn.execute(
                select(func.count()).select_from(_INBOX).where(_INBOX.c.status == "new")
            ).scalar()
            return int(count or 0)

    def process_pending(self, limit: int = 100) -> list[Outcome]:
        """Process up to ``limit`` inbox rows, one transaction each."""
        outcomes: list[Outcome] = []
        # One pooled connection for the batch; still one transaction per message.
        with self.engine.connect() as conn:
            for _ in range(limit):
                outcome = self.process_next(conn)
                if outcome is None:
                    break
                outcomes.append(outcome)
        return outcomes

    def process_next(self, connection: Connection | None = None) -> Outcome | None:
        """Claim and process the oldest new inbox row; ``None`` when there is none."""
        inbox_id: int | None = None
        block = self._block
        try:
            with contextlib.ExitStack() as stack:
                conn = connection or stack.enter_context(self.engine.connect())
                with conn.begin():
                    block.taken_here = False
                    row = conn.execute(_CLAIM).first()
                    if row is None:
                        return None
                    inbox_id = int(row.id)
                    return self._process(conn, row)
        except Exception as exc:
            if getattr(block, "taken_here", False):
                # The block was taken in the failed transaction: it was never taken.
                block.next = block.end = 0
            if inbox_id is None:
                raise
            _LOGGER.exception("processing inbox message %s failed", inbox_id)
            self._record_failure(inbox_id, exc)
            return Outcome(inbox_id, "error", None, None)

    def _record_failure(self, inbox_id: int, exc: Exception) -> None:
        error = f"{type(exc).__name__}: {exc}"[:2000]
        with self.engine.begin() as conn:
            attempts = conn.execute(
                update(_INBOX)
                .where(_INBOX.c.id == inbox_id, _INBOX.c.status == "new")
                .values(attempts=_INBOX.c.attempts + 1, last_error=error)
                .returning(_INBOX.c.attempts)
            ).scalar()
            if attempts is not None and attempts >= MAX_ATTEMPTS:
                # Stays in the table, visible on the console, for an agent to handle.
                conn.execute(update(_INBOX).where(_INBOX.c.id == inbox_id).values(status="failed"))
                self._audit(conn, "inbox.failed", "inbox", inbox_id, {"error": error})

    def _process(self, conn: Connection, row: DbRow) -> Outcome:
        result = self.triager.triage(
            row.text[: self.max_text_chars],
            language_hint=row.language_hint,
            coordinates=(
                (row.latitude, row.longitude)
                if row.latitude is not None and row.longitude is not None
                else None
            ),
        )
        if result.command in ("start", "help"):
            outcome = Outcome(row.id, result.intent.value, None, "welcome")
            self._queue(conn, row, None, "welcome", result.language, Priority.NORMAL)
        elif result.intent is Intent.STATUS_QUERY:
            outcome = self._status(conn, row, result)
        elif (pending := self._pending_location_ticket(conn, row, result)) is not None:
            outcome = self._complete_location(conn, row, result, pending)
        elif result.intent.actionable:
            outcome = self._new_ticket(conn, row, result)
        else:
            outcome = Outcome(row.id, result.intent.value, None, None)
        conn.execute(
            _MARK_DONE,
            {"inbox_id": row.id, "processed_at": self.clock(), "intent": outcome.intent,
             "category": result.service, "language": result.language,
             "tid": outcome.ticket_id},
        )  # fmt: skip
        return outcome

    def _new_ticket(self, conn: Connection, row: DbRow, result: TriageResult) -> Outcome:
        now = self.clock()
        has_place = result.location is not None or row.latitude is not None
        needs_location = result.intent is Intent.SERVICE_REQUEST and not has_place
        category = result.category or "other"
        loc = result.location
        ticket_id = self._next_ticket_id(conn)
        number = self.numbering.format(ticket_id)
        conn.execute(
            _INSERT_TICKET,
            {"id": ticket_id, "number": number,
                 "status": "awaiting_location" if needs_location else "open",
                 "intent": result.intent.value, "category": category,
                 "priority": result.priority, "language": result.language,
                 "location_text": result.location.text if result.location else None,
                 "location_normalized": loc.normalized if loc else None,
                 "neighborhood": loc.neighborhood if loc else None,
                 "text_key": result.text_key,
                 "simhash": f"{result.simhash:016x}" if result.simhash else None,
                 "place_key": result.place_key,
                 "latitude": row.latitude, "longitude": row.longitude, "description": row.text,
                 "platform": row.platform, "author_id": row.author_id, "chat_id": row.chat_id,
                 "inbox_id": row.id, "created_at": now, "updated_at": now},
        )  # fmt: skip
        if result.intent is Intent.EMERGENCY:
            template, priority = "emergency", Priority.LIFE_SAFETY
        elif result.intent is Intent.QUESTION:
            template, priority = "question", Priority.NORMAL
        elif needs_location:
            template, priority = "ask_location", Priority.FOLLOW_UP
        else:
            template, priority = "confirmation", Priority.NORMAL
        self._queue(
            conn, row, ticket_id, template, result.language, priority,
            ticket_number=number, category=category,
        )  # fmt: skip
        self._audit(
            conn, "ticket.created", "ticket", ticket_id,
            {"number": number, "intent": result.intent.value, "category": category,
             "inbox_id": row.id, "platform": row.platform},
        )  # fmt: skip
        return Outcome(row.id, result.intent.value, number, template, ticket_id=ticket_id)

    def _next_ticket_id(self, conn: Connection) -> int:
        """The next ticket number, from this process's block (hi/lo).

        A block is taken inside the message's own transaction, so a rollback returns it;
        :meth:`process_next` forgets the in-memory block whenever a transaction fails.
        """
        block = self._block
        if getattr(block, "next", 0) >= getattr(block, "end", 0):
            end = conn.execute(_TAKE_BLOCK, {"size": NUMBER_BLOCK_SIZE}).scalar()
            if end is None:
                # No counter row (an emptied table): continue after the highest ticket.
                insert_ = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
                start = conn.execute(
                    select(func.coalesce(func.max(_TICKETS.c.id), 0) + 1)
                ).scalar()
                conn.execute(
                    insert_(NUMBER_BLOCKS)
                    .values(name="ticket", next_value=start)
                    .on_conflict_do_nothing(index_elements=["name"])
                )
                end = conn.execute(_TAKE_BLOCK, {"size": NUMBER_BLOCK_SIZE}).scalar()
            if end is None:
                raise RuntimeError("cannot take a block of ticket numbers")
            block.end = int(end)
            block.next = block.end - NUMBER_BLOCK_SIZE
            block.taken_here = True
        value: int = block.next
        block.next += 1
        return value

    def _pending_location_ticket(
        self, conn: Connection, row: DbRow, result: TriageResult
    ) -> DbRow | None:
        has_place = result.location is not None or row.latitude is not None
        if not has_place or result.intent is Intent.EMERGENCY:
            return None
        # An answer to "where is it?" is a place, perhaps with a few words; a message that
        # is a whole report of its own (a category and more) opens its own ticket.
        if result.category not in (None, "other") and len(row.text.split()) > 8:
            return None
        ticket = conn.execute(
            _AWAITING_LOCATION,
            {"platform": row.platform, "author_id": row.author_id,
             "since": self.clock() - LOCATION_FOLLOW_UP_WINDOW},
        ).first()  # fmt: skip
        if ticket is None:
            return None
        if result.category not in (None, "other", ticket.category):
            return None  # a different problem: a new report, not the answer
        return ticket

    def _complete_location(
        self, conn: Connection, row: DbRow, result: TriageResult, ticket: DbRow
    ) -> Outcome:
        values: dict[str, object] = {
            "location_text": result.location.text if result.location else "shared location",
            "location_normalized": result.location.normalized if result.location else None,
            "neighborhood": result.location.neighborhood if result.location else None,
            "status": "open",
            "updated_at": self.clock(),
        }
        if row.latitude is not None:
            values.update(latitude=row.latitude, longitude=row.longitude)
        conn.execute(update(_TICKETS).where(_TICKETS.c.id == ticket.id).values(**values))
        self._queue(
            conn, row, ticket.id, "location_received", ticket.language, Priority.NORMAL,
            ticket_number=ticket.number or "",
        )  # fmt: skip
        self._audit(conn, "ticket.location_added", "ticket", ticket.id, {"inbox_id": row.id})
        return Outcome(
            row.id, "location_follow_up", ticket.number, "location_received", True, ticket.id
        )

    def _status(self, conn: Connection, row: DbRow, result: TriageResult) -> Outcome:
        columns = (_TICKETS.c.id, _TICKETS.c.number, _TICKETS.c.status, _TICKETS.c.updated_at,
                   _TICKETS.c.platform, _TICKETS.c.author_id)  # fmt: skip
        ticket: DbRow | None = None
        intent = result.intent.value
        if result.ticket_ref is not None:
            n = self.numbering.parse(result.ticket_ref)
            if n is not None:
                ticket = conn.execute(
                    select(*columns).where(_TICKETS.c.number == self.numbering.format(n))
                ).first()
            # Residents see only their own tickets; someone else's number is "not found".
            if ticket is None or (ticket.platform, ticket.author_id) != (
                row.platform, row.author_id,
            ):  # fmt: skip
                display = self.numbering.format(n) if n is not None else "?"
                self._queue(
                    conn, row, None, "status_not_found", result.language, Priority.NORMAL,
                    ticket_ref=display,
                )  # fmt: skip
                return Outcome(row.id, intent, None, "status_not_found")
        else:
            ticket = conn.execute(
                select(*columns)
                .where(_TICKETS.c.platform == row.platform, _TICKETS.c.author_id == row.author_id)
                .order_by(_TICKETS.c.id.desc())
                .limit(1)
            ).first()
            if ticket is None:
                self._queue(conn, row, None, "status_none", result.language, Priority.NORMAL)
                return Outcome(row.id, intent, None, "status_none")
        self._queue(
            conn, row, ticket.id, "status", result.language, Priority.NORMAL,
            ticket_number=ticket.number or "", status=ticket.status,
            updated=ticket.updated_at.strftime("%Y-%m-%d %H:%M"),
        )  # fmt: skip
        return Outcome(row.id, intent, ticket.number, "status", ticket_id=ticket.id)

    def _queue(
        self,
        conn: Connection,
        row: DbRow,
        ticket_id: int | None,
        template_id: str,
        language: str,
        priority: int,
        **variables: str | int,
    ) -> RenderedText:
        rendered = self.templates.render(template_id, language, **variables)
        now = self.clock()
        conn.execute(
            _INSERT_OUTBOX,
            {"platform": row.platform, "chat_id": row.chat_id, "reply_ref": row.reply_ref,
             "text": rendered.text, "language": rendered.language,
             "template_id": rendered.template_id, "template_version": rendered.version,
             "content_hash": rendered.content_hash, "render": rendered.recipe,
             # One reply per inbound message, whatever happens: the key is the inbox row.
             "idempotency_key": f"reply:{row.platform}:{row.id}",
             "priority": priority, "status": "pending", "attempts": 0, "next_attempt_at": now,
             "inbox_id": row.id, "ticket_id": ticket_id, "created_at": now, "sent_at": None,
             "platform_post_id": None, "last_error": None},
        )  # fmt: skip
        return rendered

    def _audit(
        self, conn: Connection, action: str, subject_type: str, subject_id: int,
        detail: dict[str, object],
    ) -> None:  # fmt: skip
        audit.append(
            conn, actor=ACTOR, action=action, subject_type=subject_type,
            subject_id=subject_id, detail=dict(detail), at=self.clock(),
        )  # fmt: skip
