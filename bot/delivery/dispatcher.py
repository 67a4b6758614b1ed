"""Sends outbox rows in priority order within each platform's budget; never drops a row.

Row states: ``pending`` -> ``sending`` (claimed, committed before the platform call) ->
``sent`` | ``failed`` (the platform refused it for good; visible to staff) | ``verify`` (the
send may have gone through: after a grace period the platform's own timeline is checked, and
the row becomes ``sent`` or goes back to ``pending``) | ``uncertain`` (the send may have gone
through and the platform cannot be asked, e.g. Telegram: visible to staff, never re-sent
automatically, since a resident gets at most one reply).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, bindparam, select, update

from bot.connectors.base import (
    AuthFailed,
    Connector,
    ConnectorError,
    RateLimited,
    Reconciling,
    Rejected,
    Unavailable,
)
from bot.db.models import OUTBOX, DbRow
from bot.delivery.limits import SendBudget
from bot.domain.messages import OutboundRequest
from bot.services import audit

_LOGGER = logging.getLogger(__name__)
_OUTBOX = OUTBOX
ACTOR = "system:dispatcher"

_NEXT_DUE = (
    select(_OUTBOX.c.id, _OUTBOX.c.chat_id, _OUTBOX.c.reply_ref, _OUTBOX.c.text,
           _OUTBOX.c.idempotency_key, _OUTBOX.c.attempts, _OUTBOX.c.priority,
           _OUTBOX.c.content_hash, _OUTBOX.c.render)
    .where(
        _OUTBOX.c.platform == bindparam("platform"),
        _OUTBOX.c.status == "pending",
        _OUTBOX.c.next_attempt_at <= bindparam("now"),
    )
    .order_by(_OUTBOX.c.priority, _OUTBOX.c.id)
    .limit(1)
    .with_for_update(skip_locked=True)
)  # fmt: skip


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class PlatformState:
    """What the dispatcher knows about one platform right now."""

    stopped_reason: str | None = None
    paused_until: float = 0.0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    uncertain: int = 0


class Dispatcher:
    """One sending loop per platform; rows are claimed in the database, so several processes
    can dispatch side by side (``FOR UPDATE SKIP LOCKED`` on PostgreSQL)."""

    def __init__(
        self,
        engine: Engine,
        connectors: Mapping[str, Connector],
        budgets: Mapping[str, SendBudget],
        *,
        approved: Callable[[str, str, dict[str, Any] | None], bool],
        base_backoff: float = 1.0,
        max_backoff: float = 300.0,
        max_rate_limit_wait: float = 900.0,
        idle_sleep: float = 0.2,
        verify_grace: float = 10.0,
        clock: Callable[[], datetime] = _utcnow,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        # The last gate before a platform: (hash, text, recipe) -> is the text exactly a
        # render of an approved registry version? (RegistryService.reproduces)
        self.approved = approved
        self.connectors = dict(connectors)
        self.budgets = dict(budgets)
        self.base_backoff = base_backoff
        self.max_backoff = max_backoff
        self.max_rate_limit_wait = max_rate_limit_wait
        self.idle_sleep = idle_sleep
        self.verify_grace = verify_grace
        self.clock = clock
        self.monotonic = monotonic
        self.state: dict[str, PlatformState] = {p: PlatformState() for p in self.connectors}
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Tell idle loops that new rows may be due."""
        self._wake.set()

    # -- start-up ------------------------------------------------------------------------
    def seed_budgets(self) -> None:
        """Count sends already made inside each budget window (restarts get no fresh budget)."""
        horizon = self.clock() - timedelta(days=1)
        with self.engine.connect() as conn:
            for platform, budget in self.budgets.items():
                rows = conn.execute(
                    select(_OUTBOX.c.sent_at).where(
                        _OUTBOX.c.platform == platform,
                        _OUTBOX.c.status == "sent",
                        _OUTBOX.c.sent_at >= horizon,
                    )
                ).scalars()
                now_wall, now_mono = self.clock(), self.monotonic()
                budget.seed(now_mono - (now_wall - t).total_seconds() for t in rows if t)

    async def recover(self, platform: str) -> None:
        """Settle rows left ``sending`` by a crash, as any send whose fate is unknown."""
        stuck = await asyncio.to_thread(self._rows_in_state, platform, "sending", False)
        for row in stuck:
            await self._settle_unknown(platform, row, "process stopped during the send")

    def _rows_in_state(self, platform: str, status: str, due_only: bool) -> list[DbRow]:
        query = (
            select(_OUTBOX.c.id, _OUTBOX.c.reply_ref, _OUTBOX.c.text, _OUTBOX.c.attempts,
                   _OUTBOX.c.last_error)
            .where(_OUTBOX.c.platform == platform, _OUTBOX.c.status == status)
            .order_by(_OUTBOX.c.id)
        )  # fmt: skip
        if due_only:
            query = query.where(_OUTBOX.c.next_attempt_at <= self.clock())
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    async def _settle_unknown(self, platform: str, row: DbRow, why: str) -> None:
        """A send that may have reached the platform: verify later, or hold for staff."""
        if isinstance(self.connectors[platform], Reconciling):
            # Give the platform time to finish a request it may still be processing.
            await asyncio.to_thread(self._set_verify, row.id, self.verify_grace, why)
            return
        await asyncio.to_thread(self._mark_uncertain, row.id, why)
        self.state[platform].uncertain += 1

    async def verify_due(self, platform: str) -> int:
        """Look up rows in ``verify`` whose grace period is over; returns how many settled."""
        connector = self.connectors[platform]
        if not isinstance(connector, Reconciling):
            return 0
        settled = 0
        for row in await asyncio.to_thread(self._rows_in_state, platform, "verify", True):
            try:
                post_id = await connector.find_post(row.reply_ref, row.text)
            except ConnectorError as exc:
                _LOGGER.warning("%s: cannot verify outbox row %s yet: %s", platform, row.id, exc)
                await asyncio.to_thread(self._set_verify, row.id, self.verify_grace, str(exc))
                continue
            if post_id is not None:
                await asyncio.to_thread(self._mark_sent, row.id, post_id, True)
            else:
                # Verified absent: sending it now cannot make a second reply.
                await asyncio.to_thread(self._retry, row.id, 0.0, row.last_error or "not posted")
            settled += 1
        return settled

    # -- the loop ------------------------------------------------------------------------
    async def run(self, platform: str, stop: asyncio.Event) -> None:
        """Send ``platform``'s rows until ``stop`` is set or its credentials are refused."""
        state = self.state[platform]
        await self.recover(platform)
        while not stop.is_set() and state.stopped_reason is None:
            try:
                sent_something = await self.send_next(platform)
                if await self.verify_due(platform):
                    sent_something = True
            except Exception:
                _LOGGER.exception("%s dispatcher: unexpected error; continuing", platform)
                sent_something = False
            if not sent_something:
                self._wake.clear()
                delay = max(self.idle_sleep, state.paused_until - self.monotonic())
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=min(delay, 5.0))

    async def send_next(self, platform: str) -> bool:
        """Claim and send one due row; False when nothing was due or the budget is spent."""
        state = self.state[platform]
        now_mono = self.monotonic()
        if state.stopped_reason is not None or state.paused_until > now_mono:
            return False
        budget = self.budgets.get(platform)
        if budget is not None and budget.wait_time() > 0:
            state.paused_until = now_mono + budget.wait_time()
            return False
        row = await asyncio.to_thread(self._claim, platform, budget)
        if row is None:
            return False
        if not await asyncio.to_thread(self.approved, row.content_hash, row.text, row.render):
            # Invariant 1: nothing reaches a platform unless it renders an approved version.
            state.failed += 1
            why = (
                f"refused: the text is not a render of an approved version "
                f"(hash {row.content_hash[:12]})"
            )
            _LOGGER.error("%s: outbox row %s %s", platform, row.id, why)
            await asyncio.to_thread(self._mark_failed, row.id, why)
            return True
        request = OutboundRequest(
            platform, row.chat_id, row.text, row.reply_ref, row.idempotency_key
        )
        connector = self.connectors[platform]
        try:
            result = await connector.send(request)
        except RateLimited as exc:
            wait = min(exc.retry_after, self.max_rate_limit_wait)
            state.paused_until = self.monotonic() + wait
            state.retried += 1
            _LOGGER.warning("%s: rate limited, pausing sends for %.1fs", platform, wait)
            await asyncio.to_thread(self._retry, row.id, wait, str(exc))
            return True
        except AuthFailed as exc:
            state.stopped_reason = str(exc)
            _LOGGER.error(
                "%s: credentials refused, sending stopped until an operator fixes them: %s",
                platform, exc,
            )  # fmt: skip
            await asyncio.to_thread(
                functools.partial(self._retry, row.id, 0.0, str(exc), uncount=True)
            )
            return True
        except Rejected as exc:
            state.failed += 1
            _LOGGER.warning("%s: outbox row %s refused for good: %s", platform, row.id, exc)
            await asyncio.to_thread(self._mark_failed, row.id, str(exc))
            return True
        except Unavailable as exc:
            state.retried += 1
            if exc.maybe_delivered:
                await self._settle_unknown(platform, row, str(exc))
            else:
                # row.attempts was read before the claim counted this attempt.
                backoff = self._backoff(row.attempts + 1)
                _LOGGER.info("%s: send failed (%s); retry in %.1fs", platform, exc, backoff)
                await asyncio.to_thread(self._retry, row.id, backoff, str(exc))
            return True
        except ConnectorError as exc:
            state.retried += 1
            backoff = self._backoff(row.attempts + 1)
            await asyncio.to_thread(self._retry, row.id, backoff, str(exc))
            return True
        if budget is not None:
            budget.record(row.chat_id)
        state.sent += 1
        await asyncio.to_thread(self._mark_sent, row.id, result.platform_post_id, False)
        return True

    def _backoff(self, attempts: int) -> float:
        exponent = min(max(attempts - 1, 0), 30)
        base = min(self.max_backoff, self.base_backoff * float(2**exponent))
        return base * (0.5 + random.random() / 2)

    # -- database steps (each its own short transaction) ----------------------------------
    def _claim(self, platform: str, budget: SendBudget | None) -> DbRow | None:
        with self.engine.begin() as conn:
            for _ in range(20):
                row = conn.execute(_NEXT_DUE, {"platform": platform, "now": self.clock()}).first()
                if row is None:
                    return None
                wait = budget.wait_time(row.chat_id) if budget is not None else 0.0
                if wait > 0:
                    # This chat was written to a moment ago (Telegram: 1 msg/s per chat).
                    conn.execute(
                        update(_OUTBOX)
                        .where(_OUTBOX.c.id == row.id)
                        .values(next_attempt_at=self.clock() + timedelta(seconds=wait))
                    )
                    continue
                conn.execute(
                    update(_OUTBOX)
                    .where(_OUTBOX.c.id == row.id)
                    .values(status="sending", attempts=_OUTBOX.c.attempts + 1)
                )
                return row
        return None

    def _retry(self, row_id: int, delay: float, error: str, *, uncount: bool = False) -> None:
        """Back to ``pending`` after ``delay``; ``uncount`` undoes the claim's attempt."""
        values: dict[str, Any] = {
            "status": "pending",
            "next_attempt_at": self.clock() + timedelta(seconds=delay),
            "last_error": error[:2000],
        }
        if uncount:
            values["attempts"] = _OUTBOX.c.attempts - 1
        with self.engine.begin() as conn:
            conn.execute(update(_OUTBOX).where(_OUTBOX.c.id == row_id).values(**values))

    def _set_verify(self, row_id: int, delay: float, error: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(_OUTBOX)
                .where(_OUTBOX.c.id == row_id)
                .values(
                    status="verify",
                    next_attempt_at=self.clock() + timedelta(seconds=delay),
                    last_error=error[:2000],
                )
            )

    def _mark_sent(self, row_id: int, post_id: str, reconciled: bool) -> None:
        now = self.clock()
        with self.engine.begin() as conn:
            conn.execute(
                update(_OUTBOX)
                .where(_OUTBOX.c.id == row_id)
                .values(status="sent", platform_post_id=post_id, sent_at=now, last_error=None)
            )
            audit.append(
                conn, actor=ACTOR, action="outbox.sent", subject_type="outbox",
                subject_id=row_id, at=now,
                detail={"platform_post_id": post_id, "reconciled": reconciled},
            )  # fmt: skip

    def _mark_failed(self, row_id: int, error: str) -> None:
        now = self.clock()
        with self.engine.begin() as conn:
            conn.execute(
                update(_OUTBOX)
                .where(_OUTBOX.c.id == row_id)
                .values(status="failed", last_error=error[:2000])
            )
            audit.append(
                conn, actor=ACTOR, action="outbox.failed", subject_type="outbox",
                subject_id=row_id, detail={"error": error[:500]}, at=now,
            )  # fmt: skip

    def _mark_uncertain(self, row_id: int, error: str) -> None:
        now = self.clock()
        with self.engine.begin() as conn:
            conn.execute(
                update(_OUTBOX)
                .where(_OUTBOX.c.id == row_id)
                .values(status="uncertain", last_error=error[:2000])
            )
            audit.append(
                conn, actor=ACTOR, action="outbox.uncertain", subject_type="outbox",
                subject_id=row_id, detail={"error": error[:500]}, at=now,
            )  # fmt: skip
