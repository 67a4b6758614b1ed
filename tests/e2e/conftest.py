"""Fixtures for whole-bot tests: both simulators and settings pointing at them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bot.config import Settings
from bot.connectors.telegram.settings import TelegramSettings
from bot.connectors.x.settings import XSettings
from bot.sim.telegram import TelegramSimulator
from bot.sim.x import DEFAULT_RATE_LIMITS, XSimulator
from tests.e2e.driver import TOKEN


@pytest.fixture
def x_sim() -> Iterator[XSimulator]:
    """A fresh X API v2 simulator for @philly311 (generous request budgets)."""
    generous = dict.fromkeys(DEFAULT_RATE_LIMITS, 100000)
    sim = XSimulator(account_handle="philly311", rate_limits=generous)
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture
def tg_sim() -> Iterator[TelegramSimulator]:
    """A fresh Telegram Bot API simulator."""
    sim = TelegramSimulator(token=TOKEN, bot_username="philly311_bot")
    sim.start()
    yield sim
    sim.stop()


def bot_settings(
    db_url: str, x: XSimulator, tg: TelegramSimulator, *, timeout: float = 5.0
) -> Settings:
    """Settings for a bot on ``db_url`` talking to both simulators, tuned for fast tests."""
    settings = Settings()
    settings.database.url = db_url
    settings.web.enabled = False
    settings.platforms.x = XSettings(
        enabled=True, api_base_url=x.base_url, poll_interval_seconds=0.2,
        timeout_seconds=timeout, default_retry_after_seconds=1.0,
        posts_per_15min=10_000, posts_per_24h=100_000,
    )  # fmt: skip
    settings.platforms.telegram = TelegramSettings(
        enabled=True, api_base_url=tg.base_url, poll_timeout_seconds=1,
        timeout_seconds=timeout, default_retry_after_seconds=1.0,
        per_chat_per_second=1000.0, messages_per_second=1000.0, per_group_per_minute=60_000.0,
    )  # fmt: skip
    settings.intake.idle_sleep_seconds = 0.05
    settings.delivery.idle_sleep_seconds = 0.05
    settings.delivery.base_backoff_seconds = 0.2
    settings.delivery.max_backoff_seconds = 2.0
    settings.delivery.verify_grace_seconds = 3.0
    return settings


def db_url(engine: Engine) -> str:
    """The URL of a test engine, password included, for the bot's own engine."""
    return engine.url.render_as_string(hide_password=False)
