"""The connector port and the errors every connector translates platform failures into."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from bot.domain.messages import FetchResult, OutboundRequest, SendResult


class ConnectorError(Exception):
    """A platform call failed; subclasses say what the caller should do about it."""


class RateLimited(ConnectorError):
    """The platform said 429: wait ``retry_after`` seconds before the next call."""

    def __init__(self, retry_after: float, message: str = "rate limited") -> None:
        super().__init__(f"{message} (retry after {retry_after:.1f}s)")
        self.retry_after = retry_after


class AuthFailed(ConnectorError):
    """401/403 on credentials: the connector must stop until an operator fixes them."""


class Rejected(ConnectorError):
    """The platform refused this one request for good (400, 404, blocked chat)."""


class Unavailable(ConnectorError):
    """5xx, a timeout, a dropped connection or a garbage body: retry with backoff.

    ``maybe_delivered`` is True when the request may have reached the platform and been
    acted on (a read timeout, a connection dropped after the request was written, a garbage
    answer to a post): a send must then be reconciled, not blindly repeated.
    """

    def __init__(self, message: str, *, maybe_delivered: bool = False) -> None:
        super().__init__(message)
        self.maybe_delivered = maybe_delivered


class NotSupported(ConnectorError):
    """The platform cannot do what was asked (e.g. polling on a webhook-only setup)."""


@runtime_checkable
class Connector(Protocol):
    """What every platform connector offers the services."""

    platform: str

    async def start(self) -> None:
        """Open clients and check credentials (raises :class:`AuthFailed`)."""

    async def stop(self) -> None:
        """Close clients; idempotent."""

    async def fetch(self, cursor: str | None) -> FetchResult:
        """Return messages newer than ``cursor`` and the cursor to store with them.

        Calling ``fetch`` with a cursor acknowledges everything up to it on the platform, so
        callers pass only a cursor they have committed together with its messages.
        """

    async def send(self, request: OutboundRequest) -> SendResult:
        """Post ``request.text``; raise a :class:`ConnectorError` subclass on failure."""


@runtime_checkable
class Reconciling(Protocol):
    """A connector that can look up its own posts, to settle a send whose fate is unknown."""

    async def find_post(self, reply_ref: str | None, text: str) -> str | None:
        """The id of an existing post replying to ``reply_ref`` with ``text``, or None."""
