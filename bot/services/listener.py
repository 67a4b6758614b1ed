"""The polling loop of one connector: fetch, store with the cursor, only then acknowledge."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from bot.connectors.base import AuthFailed, Connector, ConnectorError, RateLimited
from bot.services.intake import IntakeService

_LOGGER = logging.getLogger(__name__)


async def sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    """Sleep ``seconds`` unless ``stop`` is set first."""
    if seconds <= 0:
        return
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


class Listener:
    """Polls one platform; each batch is committed with its cursor before the next fetch.

    The connector acknowledges a batch (Telegram ``offset``, X ``since_id``) only when it is
    handed the cursor on the following fetch, and that cursor comes from the database, so a
    crash between fetch and commit redelivers the batch and the inbox's unique key drops the
    duplicates.
    """

    def __init__(
        self,
        connector: Connector,
        intake: IntakeService,
        *,
        poll_interval: float,
        on_stored: Callable[[int], None] = lambda _n: None,
        base_backoff: float = 1.0,
        max_backoff: float = 300.0,
    ) -> None:
        self.connector = connector
        self.intake = intake
        self.poll_interval = poll_interval
        self.on_stored = on_stored
        self.base_backoff = base_backoff
        self.max_backoff = max_backoff
        self.stopped_reason: str | None = None
        self.polls = 0
        self.errors = 0

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until ``stop`` is set or the platform refuses the credentials."""
        platform = self.connector.platform
        cursor = await asyncio.to_thread(self.intake.cursor, platform)
        backoff = self.base_backoff
        while not stop.is_set():
            try:
                result = await self.connector.fetch(cursor)
            except RateLimited as exc:
                self.errors += 1
                _LOGGER.warning(
                    "%s: polling rate limited; waiting %.1fs", platform, exc.retry_after
                )
                await sleep_or_stop(stop, exc.retry_after)
                continue
            except AuthFailed as exc:
                self.stopped_reason = str(exc)
                _LOGGER.error(
                    "%s: credentials refused; listening stopped until an operator fixes them: %s",
                    platform, exc,
                )  # fmt: skip
                return
            except ConnectorError as exc:
                self.errors += 1
                _LOGGER.warning("%s: poll failed (%s); retry in %.1fs", platform, exc, backoff)
                await sleep_or_stop(stop, backoff)
                backoff = min(backoff * 2, self.max_backoff)
                continue
            self.polls += 1
            try:
                new = await asyncio.to_thread(
                    self.intake.store, result.messages, platform=platform, cursor=result.cursor
                )
            except Exception:
                # Not stored, so not acknowledged: the next fetch with the old cursor
                # brings the same messages again once the database is back.
                self.errors += 1
                _LOGGER.exception("%s: storing a batch failed; retry in %.1fs", platform, backoff)
                await sleep_or_stop(stop, backoff)
                backoff = min(backoff * 2, self.max_backoff)
                continue
            backoff = self.base_backoff
            if result.cursor is not None:
                cursor = result.cursor
            if new:
                self.on_stored(new)
            if not result.messages:
                await sleep_or_stop(stop, self.poll_interval)
