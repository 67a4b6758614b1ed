"""The outbox dispatcher with an in-memory connector on SQLite: order, retries, limits."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select, update

from bot.connectors.base import (
    AuthFailed,
    Connector,
    RateLimited,
    Reconciling,
    Rejected,
    Unavailable,
)
from bot.db.models import AUDIT, OUTBOX
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limits import SendBudget, Window
from bot.domain.messages import FetchResult, OutboundRequest, SendResult


class FakeClock:
    """Wall clock and monotonic clock that move together, only when told."""

    def __init__(self) -> None:
        self.wall = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
        self.mono = 10_000.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds


class FakeConnector:
    """In-memory connector: ``script`` lists what each send does (None = succeed)."""

    def __init__(self, platform: str, clock: FakeClock, script: Iterable[Exception | None] = ()):
        self.platform = platform
        self.clock = clock
        self.script = list(script)
        self.sent: list[tuple[float, OutboundRequest]] = []
        self.attempts: list[OutboundRequest] = []

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def fetch(self, cursor: str | None) -> FetchResult:
        return FetchResult([], cursor)

    async def send(self, request: OutboundRequest) -> SendResult:
        self.attempts.append(request)
        action = self.script.pop(0) if self.script else None
        if action is not None:
            raise action
        self.sent.append((self.clock.mono, request))
        return SendResult(f"post-{len(self.sent)}")


class FakeReconcilingConnector(FakeConnector):
    """Can look up its own posts; ``posted`` holds what really reached the platform."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.posted: dict[str, str] = {}  # text -> post id
        self.lookups = 0

    async def find_post(self, reply_ref: str | None, text: str) -> str | None:
        self.lookups += 1
        return self.posted.get(text)


APPROVED_HASH = "a" * 64


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def queue(
    engine: Engine, clock: FakeClock, text: str, *, platform: str = "telegram",
    chat_id: str = "chat-1", priority: int = 2, status: str = "pending",
    content_hash: str = "",
) -> int:  # fmt: skip
    content_hash = content_hash or APPROVED_HASH
    with engine.begin() as conn:
        return int(
            conn.execute(
                insert(OUTBOX).returning(OUTBOX.c.id),
                {"platform": platform, "chat_id": chat_id, "reply_ref": "100", "text": text,
                 "language": "en", "template_id": "confirmation", "template_version": "v",
                 "content_hash": content_hash, "idempotency_key": f"test:{platform}:{text}",
                 "priority": priority, "status": status, "attempts": 0,
                 "next_attempt_at": clock.now(), "created_at": clock.now()},
            ).scalar_one()
        )  # fmt: skip


def outbox(engine: Engine, row_id: int) -> Any:
    with engine.connect() as conn:
        return conn.execute(select(OUTBOX).where(OUTBOX.c.id == row_id)).one()


def make(
    engine: Engine, clock: FakeClock, connectors: dict[str, FakeConnector],
    budgets: dict[str, SendBudget] | None = None, **kwargs: Any,
) -> Dispatcher:  # fmt: skip
    kwargs.setdefault("approved", lambda digest, text, recipe: digest == APPROVED_HASH)
    return Dispatcher(
        engine, connectors, budgets or {}, clock=clock.now, monotonic=clock.monotonic,
        idle_sleep=0.01, **kwargs,
    )  # fmt: skip


async def drain(dispatcher: Dispatcher, platform: str, limit: int = 100) -> int:
    sent = 0
    while sent < limit and await dispatcher.send_next(platform):
        sent += 1
    return sent


def test_fakes_implement_the_ports(clock: FakeClock) -> None:
    assert isinstance(FakeConnector("x", clock), Connector)
    assert not isinstance(FakeConnector("x", clock), Reconciling)
    assert isinstance(FakeReconcilingConnector("x", clock), Reconciling)


async def test_priority_order_emergency_first(sqlite_engine: Engine, clock: FakeClock) -> None:
    conn = FakeConnector("telegram", clock)
    queue(sqlite_engine, clock, "confirmation A", priority=2, chat_id="a")
    queue(sqlite_engine, clock, "announcement", priority=5, chat_id="b")
    queue(sqlite_engine, clock, "ask location", priority=1, chat_id="c")
    queue(sqlite_engine, clock, "EMERGENCY call 911", priority=0, chat_id="d")
    queue(sqlite_engine, clock, "confirmation B", priority=2, chat_id="e")
    dispatcher = make(sqlite_engine, clock, {"telegram": conn})
    assert await drain(dispatcher, "telegram") == 5
    assert [r.text for _, r in conn.sent] == [
        "EMERGENCY call 911", "ask location", "confirmation A", "confirmation B", "announcement",
    ]  # fmt: skip


async def test_unavailable_retries_with_backoff_and_never_drops(
    sqlite_engine: Engine, clock: FakeClock
) -> None:
    conn = FakeConnector("telegram", clock, [Unavailable("502 Bad Gateway")] * 3)
    row_id = queue(sqlite_engine, clock, "hello")
    dispatcher = make(sqlite_engine, clock, {"telegram": conn}, base_backoff=2.0,
                      max_backoff=60.0)  # fmt: skip
    delays = []
    for attempt in range(1, 4):
        assert await dispatcher.send_next("telegram")
        row = outbox(sqlite_engine, row_id)
        assert row.status == "pending"
        assert row.attempts == attempt
        assert "502" in row.last_error
        delay = (row.next_attempt_at - clock.now()).total_seconds()
        delays.append(delay)
        # Not due yet: nothing is sent before the backoff has passed.
        assert not await dispatcher.send_next("telegram")
        clock.advance(delay)
    # Exponential with jitter in [0.5, 1] x base * 2^(n-1).
    for n, delay in enumerate(delays):
        assert 2.0 * 2**n * 0.5 <= delay <= 2.0 * 2**n
    assert await dispatcher.send_next("telegram")
    row = outbox(sqlite_engine, row_id)
    assert row.status == "sent"
    assert row.platform_post_id == "post-1"
    assert len(conn.attempts) == 4
    assert len(conn.sent) == 1


async def test_rate_limited_pauses_the_platform_and_keeps_the_row(
    sqlite_engine: Engine, clock: FakeClock
) -> None:
    conn = FakeConnector("x", clock, [RateLimited(30.0)])
    first = queue(sqlite_engine, clock, "one", platform="x")
    queue(sqlite_engine, clock, "two", platform="x")
    dispatcher = make(sqlite_engine, clock, {"x": conn})
    assert await dispatcher.send_next("x")
    assert outbox(sqlite_engine, first).status == "pending"
    clock.advance(29.0)
    assert not await dispatcher.send_next("x")  # paused: not even the other row
    assert conn.sent == []
    clock.advance(1.0)
    assert await drain(dispatcher, "x") == 2
    assert [r.text for _, r in conn.sent] == ["one", "two"]


async def test_rejected_fails_visibly_and_the_rest_continues(
    sqlite_engine: Engine, clock: FakeClock
) -> None:
    conn = FakeConnector("telegram", clock, [Rejected("400 chat not found")])
    bad = queue(sqlite_engine, clock, "to a deleted chat", chat_id="gone")
    good = queue(sqlite_engine, clock, "to a live chat", chat_id="live")
    dispatcher = make(sqlite_engine, clock, {"telegram": conn})
    assert await drain(dispatcher, "telegram") == 2
    row = outbox(sqlite_engine, bad)
    assert row.status == "failed"
    assert "chat not found" in row.last_error
    assert outbox(sqlite_engine, good).status == "sent"
    with sqlite_engine.connect() as c:
        actions = c.execute(select(AUDIT.c.action, AUDIT.c.subject_id)).all()
    assert ("outbox.failed", str(bad)) in actions
    # Never retried.
    clock.advance(3600)
    assert not await dispatcher.send_next("telegram")
    assert len(conn.attempts) == 2


async def test_auth_failure_stops_that_platform_only(
    sqlite_engine: Engine, clock: FakeClock
) -> None:
    x = FakeConnector("x", clock, [AuthFailed("401 Unauthorized")])
    tg = FakeConnector("telegram", clock)
    x_rows = [queue(sqlite_engine, clock, f"x {i}", platform="x") for i in range(3)]
    for i in range(3):
        queue(sqlite_engine, clock, f"tg {i}", chat_id=f"c{i}")
    dispatcher = make(sqlite_engine, clock, {"x": x, "telegram": tg})
    stop = asyncio.Event()
    x_loop = asyncio.create_task(dispatcher.run("x", stop))
    await asyncio.wait_for(x_loop, timeout=5)  # returns by itself: credentials refused
    assert dispatcher.state["x"].stopped_reason is not None
    assert await drain(dispatcher, "telegram") == 3
    assert len(tg.sent) == 3
    assert x.sent == []
    assert not await dispatcher.send_next("x")
    for row_id in x_rows:
        row = outbox(sqlite_engine, row_id)
        assert row.status == "pending"  # kept for when an operator fixes the credentials
        assert row.attempts == 0


async def test_maybe_delivered_without_reconciliation_is_uncertain_and_never_resent(
    sqlite_engine: Engine, clock: FakeClock
) -> None:
    conn = FakeConnector("telegram", clock, [Unavailable("read timeout", maybe_delivered=True)])
    row_id = queue(sqlite_engine, clock, "reply")
    dispatcher = make(sqlite_engine, clock, {"telegram": conn})
    assert await dispatcher.send_next("telegram")
    row = outbox(sqlite_engine, row_id)
    assert row.status == "uncertain"
    assert "read timeout" in row.last_error
    for _ in range(3):
        clock.advance(3600)
        assert not await dispatcher.send_next("telegram")
        assert await dispatcher.verify_due("telegram") == 0
    assert len(conn.attempts) == 1
    assert dispatcher.state["telegram"].uncertain == 1


async def test_maybe_delivered_is_verified_on_a_reconciling_platform(
    sqlite_engine: Engine, clock: FakeClock
) -> None:
    conn = FakeReconcilingConnector("x", clock, [Unavailable("timeout", maybe_delivered=True)])
    conn.posted["reply that went through"] = "1799"
    row_id = queue(sqlite_engine, clock, "reply that went through", platform="x")
    dispatcher = make(sqlite_engine, clock, {"x": conn}, verify_grace=10.0)
    assert await dispatcher.send_next("x")
    assert outbox(sqlite_engine, row_id).status == "verify"
    assert await dispatcher.verify_due("x") == 0  # grace period not over
    clock.advance(10.0)
    assert await dispatcher.verify_due("x") == 1
    row = outbox(sqlite_engine, row_id)
    assert row.status == "sent"
    assert row.platform_post_id == "1799"
    assert len(conn.attempts) == 1  # found, so never sent a second time
    assert not await dispatcher.send_next("x")


async def test_verified_absent_is_sent_again(sqlite_engine: Engine, clock: FakeClock) -> None:
    conn = FakeReconcilingConnector("x", clock, [Unavailable("timeout", maybe_delivered=True)])
    row_id = queue(sqlite_engine, clock, "reply that was lost", platform="x")
    dispatcher = make(sqlite_engine, clock, {"x": conn}, verify_grace=10.0)
    assert await dispatcher.send_next("x")
    clock.advance(10.0)
    assert await dispatcher.verify_due("x") == 1
    assert outbox(sqlite_engine, row_id).status == "pending"
    assert await dispatcher.send_next("x")
    assert outbox(sqlite_engine, row_id).status == "sent"
    assert len(conn.sent) == 1


async def test_rows_left_sending_by_a_crash_are_recovered_on_start(
    sqlite_engine: Engine, clock: FakeClock
) -> None:
    x = FakeReconcilingConnector("x", clock)
    tg = FakeConnector("telegram", clock)
    x_found = queue(sqlite_engine, clock, "x posted before the crash", platform="x",
                    status="sending")  # fmt: skip
    x.posted["x posted before the crash"] = "42"
    x_lost = queue(sqlite_engine, clock, "x never posted", platform="x", status="sending")
    tg_row = queue(sqlite_engine, clock, "tg in flight", status="sending")
    dispatcher = make(sqlite_engine, clock, {"x": x, "telegram": tg}, verify_grace=5.0)
    stop = asyncio.Event()
    stop.set()  # run() recovers, then returns at once
    await dispatcher.run("x", stop)
    await dispatcher.run("telegram", stop)
    assert outbox(sqlite_engine, tg_row).status == "uncertain"
    assert outbox(sqlite_engine, x_found).status == "verify"
    clock.advance(5.0)
    assert await dispatcher.verify_due("x") == 2
    assert outbox(sqlite_engine, x_found).status == "sent"
    assert outbox(sqlite_engine, x_found).platform_post_id == "42"
    assert outbox(sqlite_engine, x_lost).status == "pending"
    assert await drain(dispatcher, "x") == 1
    assert [r.text for _, r in x.sent] == ["x never posted"]
    assert await drain(dispatcher, "telegram") == 0
    assert tg.attempts == []


async def test_budget_and_per_chat_spacing_are_never_exceeded(
    sqlite_engine: Engine, clock: FakeClock
) -> None:
    conn = FakeConnector("telegram", clock)
    for i in range(40):
        queue(sqlite_engine, clock, f"m{i}", chat_id=f"chat-{i % 4}", priority=i % 3)
    budget = SendBudget([Window(5, 10.0), Window(12, 60.0)], per_chat_seconds=3.0,
                        clock=clock.monotonic)  # fmt: skip
    dispatcher = make(sqlite_engine, clock, {"telegram": conn}, {"telegram": budget})
    for _ in range(2000):
        if len(conn.sent) == 40:
            break
        await dispatcher.send_next("telegram")
        clock.advance(0.25)
    assert len(conn.sent) == 40
    times = [t for t, _ in conn.sent]
    for seconds, limit in ((10.0, 5), (60.0, 12)):
        for t in times:
            assert sum(1 for u in times if t <= u < t + seconds) <= limit
    by_chat: dict[str, list[float]] = {}
    for t, request in conn.sent:
        by_chat.setdefault(request.chat_id, []).append(t)
    for chat_times in by_chat.values():
        gaps = [b - a for a, b in zip(chat_times, chat_times[1:], strict=False)]
        assert all(gap >= 3.0 for gap in gaps)
    with sqlite_engine.connect() as c:
        assert {s for (s,) in c.execute(select(OUTBOX.c.status))} == {"sent"}


async def test_seeded_budget_counts_sends_before_a_restart(
    sqlite_engine: Engine, clock: FakeClock
) -> None:
    for i in range(3):
        row_id = queue(sqlite_engine, clock, f"old {i}", platform="x")
        with sqlite_engine.begin() as c:
            c.execute(update(OUTBOX).where(OUTBOX.c.id == row_id).values(
                status="sent", sent_at=clock.now() - timedelta(seconds=100)))  # fmt: skip
    queue(sqlite_engine, clock, "new", platform="x")
    conn = FakeConnector("x", clock)
    budget = SendBudget([Window(3, 900.0)], clock=clock.monotonic)
    dispatcher = make(sqlite_engine, clock, {"x": conn}, {"x": budget})
    dispatcher.seed_budgets()
    assert not await dispatcher.send_next("x")
    clock.advance(800.0)
    assert await dispatcher.send_next("x")
    assert [r.text for _, r in conn.sent] == ["new"]


async def test_a_row_whose_hash_is_not_approved_never_reaches_the_platform(
    engine: Engine, clock: FakeClock
) -> None:
    tg = FakeConnector("telegram", clock)
    dispatcher = make(engine, clock, {"telegram": tg})
    good = queue(engine, clock, "approved words")
    bad = queue(engine, clock, "improvised words", content_hash="f" * 64)
    assert await drain(dispatcher, "telegram") == 2
    assert [r.text for _, r in tg.sent] == ["approved words"]
    assert outbox(engine, good).status == "sent"
    refused = outbox(engine, bad)
    assert refused.status == "failed"
    assert "not a render of an approved version" in refused.last_error
