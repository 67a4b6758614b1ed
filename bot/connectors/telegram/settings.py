"""Settings of the Telegram Bot API connector: the ``[platforms.telegram]`` table."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class TelegramSettings(BaseModel):
    """``[platforms.telegram]``: the token is named by environment variable."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = False
    api_base_url: str = "https://api.telegram.org"
    token_env: str = "TELEGRAM_BOT_TOKEN"
    mode: Literal["polling", "webhook"] = "polling"
    secret_token_env: str = "TELEGRAM_WEBHOOK_SECRET"
    # Wait after a 429 that carries no retry_after (e.g. from a proxy).
    default_retry_after_seconds: float = Field(default=5.0, gt=0)
    poll_timeout_seconds: int = Field(default=10, ge=0, le=50)
    timeout_seconds: float = Field(default=10.0, gt=0)
    # Telegram's documented limits: about 30 messages/s overall, 1/s per private chat.
    messages_per_second: float = Field(default=30.0, gt=0)
    per_chat_per_second: float = Field(default=1.0, gt=0)
    # ... and 20 a minute in one group or channel (the city's announcement channel).
    per_group_per_minute: float = Field(default=20.0, gt=0)
