"""The Telegram connector: polling, webhooks and sends through python-telegram-bot's ``Bot``."""

from __future__ import annotations

import contextlib
import datetime as dtm
import json
import logging
import os
import warnings
from collections.abc import Awaitable, Mapping
from typing import Any, TypeVar

import httpx
from telegram import Bot, ReplyParameters
from telegram._utils.types import ODVInput  # PTB's own alias for do_request's signature
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest, RequestData
from telegram.warnings import PTBDeprecationWarning

from bot.connectors.base import (
    AuthFailed,
    ConnectorError,
    RateLimited,
    Rejected,
    Unavailable,
)
from bot.connectors.telegram.convert import inbound_from_update
from bot.connectors.telegram.settings import TelegramSettings
from bot.domain.messages import FetchResult, InboundMessage, OutboundRequest, SendResult

_LOGGER = logging.getLogger(__name__)
_T = TypeVar("_T")

DEFAULT_RETRY_AFTER = 5.0
"""Seconds to wait after a 429 that carries no ``retry_after`` (a proxy's, not Telegram's)."""

ALLOWED_UPDATES = ["message"]

# httpx logs every request URL at INFO, and python-telegram-bot puts the token in the URL.
logging.getLogger("httpx").setLevel(logging.WARNING)


class _TokenRedactor(logging.Filter):
    """Replaces bot tokens in log records of the loggers that may print them.

    ``telegram.Bot`` logs its API URL, token included, at DEBUG when it is built.
    """

    def __init__(self) -> None:
        super().__init__()
        self.tokens: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message without any known token; never drops a record."""
        if not self.tokens:
            return True
        message = record.getMessage()
        redacted = message
        for token in self.tokens:
            redacted = redacted.replace(token, "<token>")
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


_REDACTOR = _TokenRedactor()
for _name in (
    "httpx",
    "telegram.Bot",
    "telegram.request.BaseRequest",
    "telegram.request.HTTPXRequest",
):
    logging.getLogger(_name).addFilter(_REDACTOR)


class _RateLimitedResponse(TelegramError):
    """A 429 seen at the HTTP layer, with the ``retry_after`` Telegram sent (if any)."""

    def __init__(self, retry_after: float | None) -> None:
        super().__init__("Too Many Requests (429)")
        self.retry_after = retry_after


class _ServerErrorResponse(TelegramError):
    """A 5xx answer: Telegram (or its proxy) answered, and did not act on the request."""

    def __init__(self, status: int) -> None:
        super().__init__(f"server error ({status})")
        self.status = status


class _Request(HTTPXRequest):
    """``HTTPXRequest`` that turns every 429 into :class:`_RateLimitedResponse`.

    python-telegram-bot 22 raises ``RetryAfter`` only when the body carries
    ``parameters.retry_after``; a bare 429 (from a proxy, or a body it cannot parse) becomes a
    ``NetworkError`` indistinguishable from a 5xx. Building ``RetryAfter`` also emits a
    ``PTBDeprecationWarning`` unless ``PTB_TIMEDELTA`` is set. Deciding here, where the status
    code is still known, avoids both. ``TelegramError`` subclasses pass through PTB unchanged.
    """

    def __init__(self, timeout: float) -> None:
        super().__init__(
            connect_timeout=timeout,
            read_timeout=timeout,
            write_timeout=timeout,
            pool_timeout=timeout,
        )

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = HTTPXRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = HTTPXRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = HTTPXRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = HTTPXRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """See :meth:`telegram.request.HTTPXRequest.do_request`."""
        code, payload = await super().do_request(
            url,
            method,
            request_data=request_data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )
        if code == 429:
            raise _RateLimitedResponse(_retry_after_from_body(payload))
        if code >= 500:
            raise _ServerErrorResponse(code)
        return code, payload


class _UpdatesRequest(_Request):
    """The ``getUpdates`` client; keeps the last batch exactly as Telegram sent it.

    PTB's ``Update`` objects add defaults and enums on the way back to a dict; the inbox keeps
    the wire JSON for audit and re-processing.
    """

    def __init__(self, timeout: float) -> None:
        super().__init__(timeout)
        self.last_batch: dict[int, dict[str, Any]] = {}

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = HTTPXRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = HTTPXRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = HTTPXRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = HTTPXRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """See :meth:`telegram.request.HTTPXRequest.do_request`."""
        self.last_batch = {}
        code, payload = await super().do_request(
            url,
            method,
            request_data=request_data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )
        if code == 200:
            with contextlib.suppress(ValueError, TypeError, KeyError):
                result = json.loads(payload)["result"]
                self.last_batch = {int(u["update_id"]): u for u in result if isinstance(u, dict)}
        return code, payload


def _retry_after_from_body(payload: bytes) -> float | None:
    try:
        body = json.loads(payload)
        value = body["parameters"]["retry_after"]
    except (ValueError, KeyError, TypeError):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    return None


def _retry_after_seconds(exc: RetryAfter) -> float:
    """``RetryAfter.retry_after`` is an ``int`` or a ``timedelta`` depending on PTB_TIMEDELTA."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: int | float | dtm.timedelta = exc.retry_after
    if isinstance(value, dtm.timedelta):
        return value.total_seconds()
    return float(value)


class TelegramConnector:
    """The Telegram Bot API behind the :class:`bot.connectors.base.Connector` port.

    It uses ``telegram.Bot`` directly, never ``Application``/``Updater``: the updater
    acknowledges updates before handlers run, and the bot must commit each message before it
    acknowledges it. This class does not loop, sleep or retry; callers do.

    Args:
        settings: the ``[platforms.telegram]`` table.
        env: where to read the token from (default ``os.environ``).

    Raises:
        AuthFailed: the token's environment variable is missing or empty.
    """

    platform = "telegram"

    def __init__(self, settings: TelegramSettings, env: Mapping[str, str] | None = None) -> None:
        environ = os.environ if env is None else env
        token = environ.get(settings.token_env, "").strip()
        if not token:
            raise AuthFailed(
                f"Telegram bot token missing: set the environment variable {settings.token_env}"
            )
        self._settings = settings
        self._token = token
        _REDACTOR.tokens.add(token)  # before Bot() logs its URL
        request = _Request(settings.timeout_seconds)
        # Bot.get_updates adds its ``timeout`` to this read timeout by itself, so a long poll
        # gets poll_timeout_seconds + timeout_seconds before the client gives up.
        self._updates_request = _UpdatesRequest(settings.timeout_seconds)
        self._bot = Bot(
            token=token,
            base_url=f"{settings.api_base_url.rstrip('/')}/bot",
            request=request,
            get_updates_request=self._updates_request,
        )

    @property
    def bot(self) -> Bot:
        """The underlying python-telegram-bot ``Bot`` (for webhook setup tools)."""
        return self._bot

    async def start(self) -> None:
        """Open the HTTP clients and check the token with ``getMe``.

        Raises:
            AuthFailed: Telegram refused the token.
            ConnectorError: another failure (see :meth:`_call`).
        """
        try:
            await self._call("getMe", self._bot.initialize(), auth=True)
        except ConnectorError:
            await self._bot.shutdown()
            raise
        _LOGGER.info("Telegram connector started as @%s", self._bot.username)

    async def stop(self) -> None:
        """Close the HTTP clients; safe to call twice or without :meth:`start`."""
        await self._bot.shutdown()

    async def fetch(self, cursor: str | None) -> FetchResult:
        """Long-poll ``getUpdates`` past ``cursor`` (which acknowledges everything up to it).

        Args:
            cursor: the last ``update_id`` the caller committed, or ``None`` at first start.

        Returns:
            The private-chat messages and the new cursor: the last ``update_id`` seen,
            ignored updates included, or ``cursor`` unchanged when nothing came.
        """
        offset = int(cursor) + 1 if cursor else None
        updates = await self._call(
            "getUpdates",
            self._bot.get_updates(
                offset=offset,
                timeout=self._settings.poll_timeout_seconds,
                allowed_updates=ALLOWED_UPDATES,
            ),
        )
        messages: list[InboundMessage] = []
        new_cursor = cursor
        raw_batch = self._updates_request.last_batch
        for update in updates:
            converted = inbound_from_update(raw_batch.get(update.update_id) or update)
            if converted is not None:
                messages.append(converted)
            new_cursor = str(update.update_id)
        if updates:
            _LOGGER.debug(
                "getUpdates: %s updates, %s messages, cursor %s",
                len(updates),
                len(messages),
                new_cursor,
            )
        return FetchResult(messages=messages, cursor=new_cursor)

    async def send(self, request: OutboundRequest) -> SendResult:
        """Send ``request.text`` as plain text, threaded under ``reply_ref`` when given.

        Raises:
            RateLimited: flood control; wait ``retry_after`` seconds.
            Rejected: the chat is gone, the bot was blocked, or the text is invalid.
            Unavailable: 5xx, timeout, dropped connection or unreadable answer.
            AuthFailed: the token was revoked.
        """
        if request.reply_ref and not request.reply_ref.isdigit():
            raise Rejected(
                f"Telegram sendMessage: reply_ref {request.reply_ref!r} is no message id"
            )
        reply = (
            ReplyParameters(message_id=int(request.reply_ref), allow_sending_without_reply=True)
            if request.reply_ref
            else None
        )
        # Private chats and groups have numeric ids; a public channel may be "@name".
        chat_id: int | str = (
            int(request.chat_id) if request.chat_id.lstrip("-").isdigit() else request.chat_id
        )
        message = await self._call(
            "sendMessage",
            self._bot.send_message(chat_id=chat_id, text=request.text, reply_parameters=reply),
        )
        return SendResult(platform_post_id=str(message.message_id))

    async def set_webhook(self, url: str, secret: str | None) -> None:
        """Switch to webhook mode: Telegram POSTs updates to ``url`` with ``secret``."""
        await self._call(
            "setWebhook",
            self._bot.set_webhook(url=url, secret_token=secret, allowed_updates=ALLOWED_UPDATES),
        )

    async def delete_webhook(self) -> None:
        """Leave webhook mode (pending updates are kept for ``getUpdates``)."""
        await self._call("deleteWebhook", self._bot.delete_webhook())

    async def _call(self, method: str, call: Awaitable[_T], *, auth: bool = False) -> _T:
        """Await one Bot API call, translating python-telegram-bot's errors at the boundary.

        ``auth`` marks the token check, where a 403 means the token rather than one chat.
        """
        try:
            return await call
        except TelegramError as exc:
            raise self._translate(method, exc, auth=auth) from self._safe_cause(exc)

    def _translate(self, method: str, exc: TelegramError, *, auth: bool) -> ConnectorError:
        """Map one PTB exception to the port's error; the order matters (see below)."""
        what = f"Telegram {method}"
        if isinstance(exc, _RateLimitedResponse):
            retry = (
                exc.retry_after
                if exc.retry_after is not None
                else self._settings.default_retry_after_seconds
            )
            return RateLimited(retry, f"{what}: too many requests")
        if isinstance(exc, RetryAfter):
            return RateLimited(_retry_after_seconds(exc), f"{what}: flood control")
        if isinstance(exc, InvalidToken):
            return AuthFailed(f"{what}: the bot token was refused (401)")
        if isinstance(exc, Forbidden):
            if auth:
                return AuthFailed(f"{what}: forbidden: {self._scrub(exc)}")
            return Rejected(f"{what}: {self._scrub(exc)}")
        # BadRequest and TimedOut are subclasses of NetworkError: test them first.
        if isinstance(exc, BadRequest):
            return Rejected(f"{what}: {self._scrub(exc)}")
        if isinstance(exc, Conflict):
            return Unavailable(
                f"{what}: conflict ({self._scrub(exc)}); another instance is polling "
                "with this token, or a webhook is set"
            )
        if isinstance(exc, _ServerErrorResponse):
            return Unavailable(f"{what}: {exc.message}")
        # Only a send can be half-done; for it, any failure after the request may have been
        # written (read timeout, dropped connection, unreadable 2xx) leaves its fate unknown.
        posting = method == "sendMessage"
        if isinstance(exc, TimedOut):
            never_sent = isinstance(exc.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout)
            return Unavailable(f"{what}: timed out", maybe_delivered=posting and not never_sent)
        # NetworkError: HTML bodies, dropped connections. The bare TelegramError is what
        # PTB raises for a 2xx body that is not JSON ("Invalid server response").
        never_sent = isinstance(exc.__cause__, httpx.ConnectError)
        return Unavailable(
            f"{what}: {self._scrub(exc)}", maybe_delivered=posting and not never_sent
        )

    def _safe_cause(self, exc: BaseException) -> BaseException | None:
        """``exc``, or the first exception down its chain that does not show the token."""
        current: BaseException | None = exc
        while current is not None and self._token in str(current):
            current = current.__cause__
        return current

    def _scrub(self, exc: BaseException) -> str:
        return str(exc).replace(self._token, "<token>")
