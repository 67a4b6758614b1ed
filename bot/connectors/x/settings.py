"""Settings of the X (Twitter API v2) connector: the ``[platforms.x]`` table."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class XSettings(BaseModel):
    """``[platforms.x]``: secrets are named by environment variable, never given inline."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = False
    api_base_url: str = "https://api.twitter.com"
    account_handle: str = "philly311"
    bearer_token_env: str = "X_BEARER_TOKEN"
    consumer_key_env: str = "X_CONSUMER_KEY"
    consumer_secret_env: str = "X_CONSUMER_SECRET"
    access_token_env: str = "X_ACCESS_TOKEN"
    access_token_secret_env: str = "X_ACCESS_TOKEN_SECRET"
    poll_interval_seconds: float = Field(default=60.0, gt=0)
    timeout_seconds: float = Field(default=10.0, gt=0)
    max_pages_per_poll: int = Field(default=50, ge=1)
    # Wait after a 429 that carries no x-rate-limit-reset header.
    default_retry_after_seconds: float = Field(default=60.0, gt=0)
    # Posting budget of the configured API tier (X: POST /2/tweets per 15 minutes and 24 h).
    posts_per_15min: int = Field(default=100, ge=1)
    posts_per_24h: int = Field(default=10000, ge=1)
