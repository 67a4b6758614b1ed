"""The web app: the read-only page, /healthz, and Telegram webhook mode end to end."""

from __future__ import annotations

import socket

import httpx
from sqlalchemy import Engine

from bot.bootstrap import build
from bot.config import Settings
from bot.sim.telegram import TelegramSimulator
from bot.sim.x import XSimulator
from bot.web.app import create_app
from tests.e2e.conftest import bot_settings, db_url
from tests.e2e.driver import ENV, BotThread, check_outcome, post, wait_for
from tests.e2e.storm import Msg, first_wave


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _client(bot: object) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=create_app(bot))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://console.test")


async def test_page_lists_tickets_and_replies_escaped(sqlite_engine: Engine, make_message) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.database.url = db_url(sqlite_engine)
    bot = build(settings, env={}, connectors={})
    hostile = "<script>alert('x')</script> tree down at 5th and Market"
    quiet = "Thoughts and prayers to everyone affected by the flooding <b>tonight</b>"
    bot.intake.store([make_message(hostile), make_message(quiet)])
    bot.intake.process_pending()
    async with _client(bot) as client:
        page = await client.get("/")
        health = await client.get("/healthz")
    bot.engine.dispose()
    assert page.status_code == 200
    assert "SR-000001" in page.text
    assert "We logged your downed tree report as ticket SR-000001" in page.text
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert" in page.text
    # What the bot left quiet is listed with its topic, escaped too.
    quiet_table = page.text.split('<table id="quiet">')[1].split("</table>")[0]
    assert '<a href="/?topic=flooding">flooding</a>' in quiet_table
    assert "affected by the flooding &lt;b&gt;tonight&lt;/b&gt;" in quiet_table
    assert "tree down" not in quiet_table
    assert health.json()["status"] == "ok"
    assert health.json()["tickets"] == 1
    assert health.json()["outbox_pending"] == 1


async def test_quiet_messages_filter_by_topic(sqlite_engine: Engine, make_message) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.database.url = db_url(sqlite_engine)
    bot = build(settings, env={}, connectors={})
    bot.intake.store(
        [
            make_message("Thoughts and prayers to everyone affected by the flooding"),
            make_message("Officials said 4,000 homes lost power after the storm, PECO says"),
        ]
    )
    bot.intake.process_pending()
    async with _client(bot) as client:
        everything = await client.get("/")
        flooding = await client.get("/", params={"topic": "flooding"})
        odd = await client.get("/", params={"topic": "<script>"})
    bot.engine.dispose()

    def quiet(page: httpx.Response) -> str:
        return page.text.split('<table id="quiet">')[1].split("</table>")[0]

    assert "affected by the flooding" in quiet(everything)
    assert "lost power" in quiet(everything)
    assert "affected by the flooding" in quiet(flooding)
    assert "lost power" not in quiet(flooding)
    assert "Messages left quiet: flooding" in flooding.text
    assert odd.status_code == 200
    assert "None yet." in quiet(odd)
    assert "<script>" not in odd.text.split("<body>")[1]


async def test_webhook_refuses_bad_secret_and_bad_body(sqlite_engine: Engine) -> None:
    settings = Settings()
    settings.database.url = db_url(sqlite_engine)
    settings.platforms.telegram.enabled = True
    settings.platforms.telegram.mode = "webhook"
    bot = build(settings, env={"TELEGRAM_WEBHOOK_SECRET": "s3cret"}, connectors={})
    update = {"update_id": 7, "message": {"message_id": 3, "date": 1, "text": "tree down",
              "chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": False,
              "first_name": "R"}}}  # fmt: skip
    async with _client(bot) as client:
        assert (await client.post("/telegram/webhook", json=update)).status_code == 401
        wrong = {"X-Telegram-Bot-Api-Secret-Token": "nope"}
        assert (
            await client.post("/telegram/webhook", json=update, headers=wrong)
        ).status_code == 401
        good = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
        bad = await client.post("/telegram/webhook", content=b"{not json", headers=good)
        assert bad.status_code == 400
        for _ in range(2):  # Telegram redelivers: stored once.
            ok = await client.post("/telegram/webhook", json=update, headers=good)
            assert ok.status_code == 200
    assert bot.intake.pending_count() == 1
    bot.engine.dispose()


def test_telegram_webhook_mode_end_to_end(
    sqlite_engine: Engine, x_sim: XSimulator, tg_sim: TelegramSimulator
) -> None:
    port = _free_port()
    settings = bot_settings(db_url(sqlite_engine), x_sim, tg_sim)
    settings.platforms.x.enabled = False
    settings.platforms.telegram.mode = "webhook"
    settings.web.enabled = True
    settings.web.port = port
    settings.web.public_url = f"http://127.0.0.1:{port}"
    bot = build(settings, env={**ENV, "TELEGRAM_WEBHOOK_SECRET": "hook-secret"})
    messages = [m for m in first_wave(40) if m.platform == "telegram"]
    with BotThread(bot):
        wait_for(lambda: tg_sim.webhook_url is not None, 20, what="the webhook registration")
        post(x_sim, tg_sim, messages)
        expected = sum(m.answered for m in messages)
        wait_for(lambda: len(tg_sim.sent()) >= expected, 30, what="replies in webhook mode")
        health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).json()
    check_outcome(x_sim, tg_sim, messages)
    assert tg_sim.webhook_dropped == []
    assert health["platforms"]["telegram"]["state"] == "running"
    assert all(r["status"] == 200 for r in tg_sim.webhook_log)


def test_webhook_mode_without_secret_stops_telegram_with_a_reason(
    sqlite_engine: Engine, x_sim: XSimulator, tg_sim: TelegramSimulator
) -> None:
    settings = bot_settings(db_url(sqlite_engine), x_sim, tg_sim)
    settings.platforms.telegram.mode = "webhook"
    bot = build(settings, env=ENV)
    with BotThread(bot):
        wait_for(
            lambda: (
                bot.status.get("telegram") is not None
                and bot.status["telegram"].state == "stopped"
            ),
            20,
            what="telegram stopped",
        )
        assert "public_url" in bot.status["telegram"].detail
        msg = Msg("x", "someone", "@philly311 tree down at 5th and Market", "report")
        post(x_sim, tg_sim, [msg])
        wait_for(lambda: len(x_sim.posts()) == 1, 20, what="X still replying")
