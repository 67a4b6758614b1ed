"""The poll loop: a batch is acknowledged only after it is stored, whatever fails."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from bot.connectors.base import AuthFailed, RateLimited, Unavailable
from bot.domain.messages import FetchResult, InboundMessage, OutboundRequest, SendResult
from bot.services.listener import Listener


def _msg(n: int) -> InboundMessage:
    return InboundMessage("fake", str(n), "a", "c", f"tree down {n}", datetime.now(UTC))


class FakePlatform:
    """Delivers messages 1..N in pages of 2; remembers every cursor it was handed."""

    platform = "fake"

    def __init__(self, total: int, script: list[Exception | None]) -> None:
        self.total = total
        self.script = script
        self.cursors: list[str | None] = []

    async def start(self) -> None: ...
    async def stop(self) -> None: ...

    async def fetch(self, cursor: str | None) -> FetchResult:
        self.cursors.append(cursor)
        if self.script:
            err = self.script.pop(0)
            if err is not None:
                raise err
        start = int(cursor or 0)
        ids = list(range(start + 1, min(start + 2, self.total) + 1))
        return FetchResult([_msg(i) for i in ids], str(ids[-1]) if ids else cursor)

    async def send(self, request: OutboundRequest) -> SendResult:
        raise NotImplementedError


class FlakyInbox:
    """Stores like the intake service, but the database is 'down' for the first calls."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.stored: dict[str, InboundMessage] = {}
        self.saved_cursor: str | None = None

    def cursor(self, platform: str) -> str | None:
        return self.saved_cursor

    def store(self, messages: list[InboundMessage], *, platform: str, cursor: str | None) -> int:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("database is restarting")
        new = [m for m in messages if m.external_id not in self.stored]
        for m in new:
            self.stored[m.external_id] = m
        self.saved_cursor = cursor
        return len(new)


async def _run(listener: Listener, inbox: FlakyInbox, total: int) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(listener.run(stop))
    for _ in range(400):
        if len(inbox.stored) >= total or task.done():
            break
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(task, 5)


async def test_database_down_never_advances_the_cursor() -> None:
    platform = FakePlatform(7, [])
    inbox = FlakyInbox(failures=3)
    listener = Listener(platform, inbox, poll_interval=0.01, base_backoff=0.01, max_backoff=0.02)  # type: ignore[arg-type]
    await _run(listener, inbox, 7)
    assert sorted(inbox.stored, key=int) == [str(i) for i in range(1, 8)]
    # While storing failed, the platform was asked again from the last stored cursor.
    assert platform.cursors[:4] == [None, None, None, None]
    assert inbox.saved_cursor == "7"


async def test_platform_errors_are_retried_and_auth_stops() -> None:
    script: list[Exception | None] = [RateLimited(0.01), Unavailable("502"), None]
    platform = FakePlatform(4, script)
    inbox = FlakyInbox(failures=0)
    listener = Listener(platform, inbox, poll_interval=0.01, base_backoff=0.01)  # type: ignore[arg-type]
    await _run(listener, inbox, 4)
    assert len(inbox.stored) == 4
    assert listener.errors == 2

    refused = FakePlatform(4, [AuthFailed("401")])
    listener = Listener(refused, FlakyInbox(0), poll_interval=0.01)  # type: ignore[arg-type]
    await asyncio.wait_for(listener.run(asyncio.Event()), 5)
    assert listener.stopped_reason == "401"


def _unused(*_: Any) -> None: ...
