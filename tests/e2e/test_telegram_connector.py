"""The Telegram connector (real python-telegram-bot 22) against the Bot API simulator."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC

import aiohttp
import pytest
from aiohttp import web

from bot.connectors.base import AuthFailed, RateLimited, Rejected, Unavailable
from bot.connectors.telegram.connector import DEFAULT_RETRY_AFTER, TelegramConnector
from bot.connectors.telegram.convert import inbound_from_update, webhook_update
from bot.connectors.telegram.settings import TelegramSettings
from bot.domain.messages import OutboundRequest
from bot.sim.base import Fault
from bot.sim.telegram import TelegramSimulator

RESIDENT = 4242


@pytest.fixture
def sim() -> Iterator[TelegramSimulator]:
    simulator = TelegramSimulator(webhook_retry_delay=0.05).start()
    yield simulator
    simulator.stop()


def make_settings(sim: TelegramSimulator, poll: int = 0, timeout: float = 2.0) -> TelegramSettings:
    return TelegramSettings(
        enabled=True, api_base_url=sim.base_url, poll_timeout_seconds=poll, timeout_seconds=timeout
    )


@pytest.fixture
async def connector(sim: TelegramSimulator) -> AsyncIterator[TelegramConnector]:
    conn = TelegramConnector(make_settings(sim), env={"TELEGRAM_BOT_TOKEN": sim.token})
    await conn.start()
    yield conn
    await conn.stop()


def request(
    text: str = "We have logged your report.", reply_ref: str | None = None
) -> OutboundRequest:
    return OutboundRequest(
        platform="telegram",
        chat_id=str(RESIDENT),
        text=text,
        reply_ref=reply_ref,
        idempotency_key="outbox-1",
    )


# --------------------------------------------------------------------------- inbound
async def test_fetch_converts_text_location_and_commands(
    sim: TelegramSimulator, connector: TelegramConnector
) -> None:
    first = sim.add_message(RESIDENT, "Tree down on Main St", username="jdoe", language_code="es")
    sim.add_location(RESIDENT, 39.9526, -75.1652)
    last = sim.add_command(RESIDENT, "/status SR-000123")

    result = await connector.fetch(None)

    assert [m.text for m in result.messages] == ["Tree down on Main St", "", "/status SR-000123"]
    assert result.cursor == str(last)
    text, location, command = result.messages
    assert text.platform == "telegram"
    assert text.external_id == f"{RESIDENT}:1"
    assert text.author_id == str(RESIDENT)
    assert text.author_handle == "jdoe"
    assert text.chat_id == str(RESIDENT)
    assert text.reply_ref == "1"
    assert text.language_hint == "es"
    assert text.received_at.tzinfo is UTC
    assert abs(text.received_at.timestamp() - time.time()) < 60
    assert text.raw == sim.pending_updates()[0]  # the wire JSON, not PTB's re-serialisation
    assert text.raw["update_id"] == first
    assert (location.latitude, location.longitude) == (39.9526, -75.1652)
    assert location.external_id == f"{RESIDENT}:2"
    assert command.raw["message"]["entities"][0]["type"] == "bot_command"
    assert text.author_handle is not None
    assert location.author_handle is None


async def test_ignored_updates_still_advance_the_cursor(
    sim: TelegramSimulator, connector: TelegramConnector
) -> None:
    group = {
        "message_id": 7,
        "from": {"id": 1, "is_bot": False, "first_name": "A"},
        "chat": {"id": -100123, "type": "supergroup", "title": "Block club"},
        "date": int(time.time()),
        "text": "hello group",
    }
    sim.add_update("message", group)
    sim.add_update("edited_message", {**group, "chat": {"id": 5, "type": "private"}})
    sticker = sim.add_update(
        "message",
        {
            "message_id": 1,
            "from": {"id": 5, "is_bot": False, "first_name": "B"},
            "chat": {"id": 5, "type": "private", "first_name": "B"},
            "date": int(time.time()),
            "sticker": {
                "file_id": "x",
                "file_unique_id": "y",
                "type": "regular",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
            },
        },
    )

    result = await connector.fetch(None)

    assert result.messages == []
    assert result.cursor == str(sticker)  # edited_message was never asked for: never delivered
    assert (await connector.fetch(result.cursor)).messages == []
    assert sim.pending_updates() == []


async def test_an_update_is_redelivered_until_its_cursor_is_passed_and_never_after(
    sim: TelegramSimulator, connector: TelegramConnector
) -> None:
    sim.add_message(RESIDENT, "first")
    batch = await connector.fetch(None)
    again = await connector.fetch(None)  # not acknowledged yet: the crash-recovery path
    assert [m.external_id for m in again.messages] == [m.external_id for m in batch.messages]
    assert again.cursor == batch.cursor

    sim.add_message(RESIDENT, "second")
    after = await connector.fetch(batch.cursor)  # acknowledges "first"
    assert [m.text for m in after.messages] == ["second"]
    assert [u["message"]["text"] for u in sim.pending_updates()] == ["second"]

    # Even a caller that lost its cursor cannot get "first" back.
    assert [m.text for m in (await connector.fetch(None)).messages] == ["second"]
    done = await connector.fetch(after.cursor)
    assert done.messages == []
    assert done.cursor == after.cursor
    assert sim.pending_updates() == []
    offsets = [r["params"].get("offset") for r in sim.request_log if r["method"] == "getUpdates"]
    assert offsets[-1] == str(int(after.cursor or 0) + 1)  # PTB sends form fields as strings


async def test_long_poll_returns_as_soon_as_an_update_arrives(sim: TelegramSimulator) -> None:
    conn = TelegramConnector(make_settings(sim, poll=5), env={"TELEGRAM_BOT_TOKEN": sim.token})
    await conn.start()
    try:
        started = time.monotonic()
        poll = asyncio.create_task(conn.fetch(None))
        await asyncio.sleep(0.3)
        assert not poll.done()
        await asyncio.to_thread(sim.add_message, RESIDENT, "water main break")
        result = await asyncio.wait_for(poll, 3)
        assert [m.text for m in result.messages] == ["water main break"]
        assert time.monotonic() - started < 2.5
    finally:
        await conn.stop()


async def test_limit_and_allowed_updates_reach_the_simulator(sim: TelegramSimulator) -> None:
    for i in range(105):
        sim.add_message(RESIDENT, f"m{i}")
    async with aiohttp.ClientSession() as http:
        url = f"{sim.base_url}/bot{sim.token}/getUpdates"
        async with http.post(url, json={"limit": 2, "allowed_updates": ["message"]}) as resp:
            body = await resp.json()
        assert resp.status == 200
        assert [u["message"]["text"] for u in body["result"]] == ["m0", "m1"]
        async with http.get(url) as resp:
            assert len((await resp.json())["result"]) == 100


# -------------------------------------------------------------------------- outbound
async def test_send_threads_the_reply_and_returns_the_message_id(
    sim: TelegramSimulator, connector: TelegramConnector
) -> None:
    sim.add_message(RESIDENT, "Is the shelter open?")
    result = await connector.send(request("Yes, until 10 pm.", reply_ref="1"))
    assert result.platform_post_id == "2"  # message ids count per chat, both directions
    (sent,) = sim.sent_to(RESIDENT)
    assert sent["text"] == "Yes, until 10 pm."
    assert sent["reply_to_message_id"] == 1

    # A deleted original must not cost the resident the answer.
    await connector.send(request("Still open.", reply_ref="999"))
    assert sim.sent_to(RESIDENT)[-1]["reply_to_message_id"] is None
    params = [r["params"] for r in sim.request_log if r["method"] == "sendMessage"][0]
    assert "parse_mode" not in params


@pytest.mark.parametrize(
    ("text", "chat", "blocked", "expected"),
    [
        ("", RESIDENT, False, "message text is empty"),
        ("x" * 4097, RESIDENT, False, "message is too long"),
        ("hello", 999, False, "chat not found"),
        ("hello", RESIDENT, True, "blocked"),
    ],
)
async def test_send_refusals_are_rejected(
    sim: TelegramSimulator,
    connector: TelegramConnector,
    text: str,
    chat: int,
    blocked: bool,
    expected: str,
) -> None:
    sim.add_message(RESIDENT, "hi")
    sim.block_bot(RESIDENT, blocked)
    req = OutboundRequest("telegram", str(chat), text, None, "k")
    with pytest.raises(Rejected, match=f"(?i){expected}"):
        await connector.send(req)
    assert sim.sent() == []


async def test_channel_posts_by_username_and_replies_under_them(
    sim: TelegramSimulator, connector: TelegramConnector
) -> None:
    channel = sim.add_channel("phl_alerts", title="Philadelphia alerts")
    sim.add_channel("not_ours", bot_is_admin=False)
    first = await connector.send(OutboundRequest("telegram", "@phl_alerts", "Alert", None, "a"))
    reply = await connector.send(
        OutboundRequest("telegram", "@phl_alerts", "Update", first.platform_post_id, "b")
    )
    by_id = await connector.send(OutboundRequest("telegram", str(channel), "More", None, "c"))
    posts = sim.sent_to("@phl_alerts")
    assert posts == sim.sent_to(channel)
    assert [(p["text"], p["reply_to_message_id"]) for p in posts] == [
        ("Alert", None),
        ("Update", int(first.platform_post_id)),
        ("More", None),
    ]
    assert [p["message_id"] for p in posts] == [
        int(r.platform_post_id) for r in (first, reply, by_id)
    ]
    answer = [r for r in sim.request_log if r["method"] == "sendMessage"][0]
    assert answer["params"]["chat_id"] == "@phl_alerts"
    for chat, expected in (("@nobody_here", "chat not found"), ("@not_ours", "administrator")):
        with pytest.raises(Rejected, match=f"(?i){expected}"):
            await connector.send(OutboundRequest("telegram", chat, "x", None, "k"))
    assert len(sim.sent()) == 3


async def test_a_4096_character_message_is_accepted(
    sim: TelegramSimulator, connector: TelegramConnector
) -> None:
    sim.add_message(RESIDENT, "hi")
    await connector.send(request("x" * 4096))
    assert len(sim.sent()) == 1


# ----------------------------------------------------------------------------- faults
@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("429", RateLimited),
        ("429_bare", RateLimited),
        ("500_json", Unavailable),
        ("502_html", Unavailable),
        ("garbage", Unavailable),
        ("drop", Unavailable),
        ("401", AuthFailed),
    ],
)
async def test_send_faults_translate_and_send_nothing(
    sim: TelegramSimulator, connector: TelegramConnector, kind: str, error: type[Exception]
) -> None:
    sim.add_message(RESIDENT, "hi")
    sim.faults.inject("sendMessage", Fault(kind, retry_after=7))  # type: ignore[arg-type]
    with pytest.raises(error) as info:
        await connector.send(request())
    assert sim.sent() == []
    if kind == "429":
        assert info.value.retry_after == 7  # type: ignore[attr-defined]
    if kind == "429_bare":
        assert info.value.retry_after == DEFAULT_RETRY_AFTER  # type: ignore[attr-defined]
    assert sim.token not in str(info.value)
    # The next call goes through: the connector keeps no broken state.
    await connector.send(request())
    assert len(sim.sent()) == 1


async def test_a_timed_out_send_is_unavailable(sim: TelegramSimulator) -> None:
    conn = TelegramConnector(
        make_settings(sim, timeout=0.3), env={"TELEGRAM_BOT_TOKEN": sim.token}
    )
    await conn.start()
    try:
        sim.add_message(RESIDENT, "hi")
        sim.faults.inject("sendMessage", Fault("delay", delay=0.8))
        with pytest.raises(Unavailable, match="timed out"):
            await conn.send(request())
    finally:
        await conn.stop()


@pytest.mark.parametrize("kind", ["drop", "garbage", "500_json", "502_html", "429", "delay"])
async def test_a_failed_get_updates_acknowledges_nothing(
    sim: TelegramSimulator, kind: str
) -> None:
    conn = TelegramConnector(
        make_settings(sim, timeout=0.3), env={"TELEGRAM_BOT_TOKEN": sim.token}
    )
    await conn.start()
    try:
        sim.add_message(RESIDENT, "one")
        first = await conn.fetch(None)
        sim.add_message(RESIDENT, "two")
        sim.faults.inject("getUpdates", Fault(kind, delay=0.6))  # type: ignore[arg-type]
        with pytest.raises((Unavailable, RateLimited)):
            await conn.fetch(first.cursor)
        if kind != "delay":  # a slow answer still reaches the server, as with Telegram
            assert [u["message"]["text"] for u in sim.pending_updates()] == ["one", "two"]
        else:
            await asyncio.sleep(0.5)
        retry = await conn.fetch(first.cursor)
        assert [m.text for m in retry.messages] == ["two"]
    finally:
        await conn.stop()


async def test_get_me_faults_fail_start(sim: TelegramSimulator) -> None:
    sim.faults.inject("getMe", Fault("502_html"))
    conn = TelegramConnector(make_settings(sim), env={"TELEGRAM_BOT_TOKEN": sim.token})
    with pytest.raises(Unavailable):
        await conn.start()
    await conn.start()  # the next try works
    await conn.stop()


# ------------------------------------------------------------------------------ auth
async def test_a_refused_token_is_auth_failed_and_never_shown(sim: TelegramSimulator) -> None:
    sim.auth_fail = True
    conn = TelegramConnector(make_settings(sim), env={"TELEGRAM_BOT_TOKEN": sim.token})
    with pytest.raises(AuthFailed) as info:
        await conn.start()
    chain: BaseException | None = info.value
    while chain is not None:  # PTB's own message has the token: it must not be chained
        assert sim.token not in str(chain)
        chain = chain.__cause__
    await conn.stop()


async def test_an_unknown_token_is_auth_failed(sim: TelegramSimulator) -> None:
    conn = TelegramConnector(make_settings(sim), env={"TELEGRAM_BOT_TOKEN": "999:WRONG"})
    with pytest.raises(AuthFailed, match="refused"):
        await conn.start()
    await conn.stop()


@pytest.mark.parametrize("env", [{}, {"TELEGRAM_BOT_TOKEN": "  "}])
def test_a_missing_token_names_the_variable(sim: TelegramSimulator, env: dict[str, str]) -> None:
    settings = make_settings(sim).model_copy(update={"token_env": "PHILLY311_TG_TOKEN"})
    with pytest.raises(AuthFailed, match="PHILLY311_TG_TOKEN"):
        TelegramConnector(settings, env=env)


async def test_the_token_never_reaches_the_logs(
    sim: TelegramSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    conn = TelegramConnector(make_settings(sim), env={"TELEGRAM_BOT_TOKEN": sim.token})
    await conn.start()
    sim.add_message(RESIDENT, "hi")
    await conn.fetch(None)
    await conn.send(request())
    sim.faults.inject("sendMessage", Fault("drop"))
    with pytest.raises(Unavailable):
        await conn.send(request())
    await conn.stop()
    assert caplog.records
    assert all(sim.token not in r.getMessage() for r in caplog.records)
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING


# --------------------------------------------------------------------------- webhooks
class Receiver:
    """A webhook endpoint that fails the first ``failures`` deliveries with 500."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.deliveries: list[tuple[str | None, bytes]] = []
        self.got = asyncio.Event()

    async def handle(self, req: web.Request) -> web.Response:
        body = await req.read()
        self.deliveries.append((req.headers.get("X-Telegram-Bot-Api-Secret-Token"), body))
        if len(self.deliveries) <= self.failures:
            return web.Response(status=500, text="db down")
        self.got.set()
        return web.Response(status=200)


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[Receiver, str]]:
    rec = Receiver(failures=1)
    app = web.Application()
    app.router.add_post("/telegram/webhook", rec.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield rec, f"http://127.0.0.1:{port}/telegram/webhook"
    await runner.cleanup()


async def test_webhook_delivers_with_secret_and_retries_a_500(
    sim: TelegramSimulator,
    connector: TelegramConnector,
    receiver: tuple[Receiver, str],
) -> None:
    rec, url = receiver
    await connector.set_webhook(url, "s3cr3t-token_1")
    assert sim.webhook_url == url
    with pytest.raises(Unavailable, match="conflict"):
        await connector.fetch(None)  # Telegram refuses getUpdates while a webhook is set

    update_id = await asyncio.to_thread(sim.add_message, RESIDENT, "Flooding on Kelly Dr")
    await asyncio.wait_for(rec.got.wait(), 5)

    for _ in range(100):  # the receiver answers before the simulator records the 200
        if len(sim.webhook_log) == 2:
            break
        await asyncio.sleep(0.02)
    assert len(rec.deliveries) == 2
    assert {secret for secret, _ in rec.deliveries} == {"s3cr3t-token_1"}
    assert rec.deliveries[0][1] == rec.deliveries[1][1]
    message = webhook_update(rec.deliveries[1][1])
    assert message is not None
    assert message.text == "Flooding on Kelly Dr"
    assert message.raw["update_id"] == update_id
    assert [(e["update_id"], e["status"]) for e in sim.webhook_log] == [
        (update_id, 500),
        (update_id, 200),
    ]
    assert sim.pending_updates() == []

    await connector.delete_webhook()
    sim.add_message(RESIDENT, "back to polling")
    assert [m.text for m in (await connector.fetch(None)).messages] == ["back to polling"]


def test_webhook_update_rejects_malformed_bodies() -> None:
    with pytest.raises(ValueError, match="not valid JSON"):
        webhook_update(b'{"update_id": 1, "message": ')
    with pytest.raises(ValueError, match="JSON object"):
        webhook_update(b"[1, 2]")
    with pytest.raises(ValueError, match="update_id"):
        webhook_update(b'{"message": {}}')
    with pytest.raises(ValueError, match="not valid JSON"):
        webhook_update(b"\xff\xfe")
    assert webhook_update(b'{"update_id": 5, "channel_post": {}}') is None


def test_convert_accepts_ptb_update_objects() -> None:
    from telegram import Update

    raw = {
        "update_id": 9,
        "message": {
            "message_id": 3,
            "from": {"id": 77, "is_bot": False, "first_name": "R", "username": "r77"},
            "chat": {"id": 77, "type": "private", "first_name": "R"},
            "date": 1_700_000_000,
            "text": "/start",
        },
    }
    message = inbound_from_update(Update.de_json(raw, None))
    assert message is not None
    assert (message.external_id, message.text, message.author_handle) == ("77:3", "/start", "r77")
    assert message.received_at.isoformat() == "2023-11-14T22:13:20+00:00"
    json.dumps(message.raw)  # JSON-safe even when it came through PTB


# ------------------------------------------------------------------------ control API
async def test_control_api_drives_the_simulator_over_http(
    sim: TelegramSimulator, connector: TelegramConnector
) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.post(
            f"{sim.base_url}/_sim/messages",
            json={"user_id": RESIDENT, "text": "Power out", "language_code": "ht"},
        ) as resp:
            assert resp.status == 200
            assert "update_id" in await resp.json()
        fetched = await connector.fetch(None)
        assert fetched.messages[0].language_hint == "ht"
        await connector.send(request("Noted."))
        async with http.get(f"{sim.base_url}/_sim/sent") as resp:
            sent = await resp.json()
        assert [s["text"] for s in sent] == ["Noted."]
        async with http.post(f"{sim.base_url}/bot{sim.token}/sendMessage", json={}) as resp:
            body = await resp.json()
        assert resp.status == 400
        assert body["ok"] is False
        assert body["error_code"] == 400
        async with http.get(f"{sim.base_url}/botWRONG/getMe") as resp:
            assert resp.status == 401
            assert await resp.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }


async def test_a_second_poller_terminates_the_first_with_a_conflict(
    sim: TelegramSimulator,
) -> None:
    settings = make_settings(sim, poll=5)
    first = TelegramConnector(settings, env={"TELEGRAM_BOT_TOKEN": sim.token})
    second = TelegramConnector(settings, env={"TELEGRAM_BOT_TOKEN": sim.token})
    await first.start()
    await second.start()
    try:
        older = asyncio.create_task(first.fetch(None))
        await asyncio.sleep(0.2)
        newer = asyncio.create_task(second.fetch(None))
        with pytest.raises(Unavailable, match="terminated by other getUpdates"):
            await asyncio.wait_for(older, 3)
        await asyncio.to_thread(sim.add_message, RESIDENT, "hello")
        assert [m.text for m in (await asyncio.wait_for(newer, 3)).messages] == ["hello"]
    finally:
        await first.stop()
        await second.stop()


async def test_stopping_the_simulator_ends_a_long_poll(sim: TelegramSimulator) -> None:
    conn = TelegramConnector(make_settings(sim, poll=5), env={"TELEGRAM_BOT_TOKEN": sim.token})
    await conn.start()
    try:
        poll = asyncio.create_task(conn.fetch(None))
        await asyncio.sleep(0.2)
        await asyncio.to_thread(sim.stop)
        result = await asyncio.wait_for(poll, 3)
        assert result.messages == []
    finally:
        await conn.stop()
