"""A Telegram Bot API simulator: getUpdates long polling, sendMessage and webhooks on 127.0.0.1.

Residents write to the bot in private chats. Public channels (``add_channel``) take the bot's
posts when it administers them: ``sendMessage`` with ``chat_id`` ``"@username"`` or the
channel's ``-100...`` id answers a channel post (``sender_chat`` is the channel, no ``from``);
replies to an earlier post of the channel thread under it. As on Telegram, the bot gets no
update for its own posts.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import aiohttp
from aiohttp import web

from bot.sim.base import (
    Fault,
    FaultInjector,
    ThreadedServer,
    drop_connection,
    garbage,
    html_error,
    json_response,
)

_LOGGER = logging.getLogger(__name__)

JSONDict = dict[str, Any]

MAX_MESSAGE_LENGTH = 4096
"""Telegram's limit on a text message, in UTF-16 code units after entity parsing."""

# Telegram's default when allowed_updates was never set: every type but these three.
_NOT_DEFAULT_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
_SECRET_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?")
_CHANNEL_USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
_FIRST_CHANNEL_ID = -1_001_500_000_001
_METHODS = ("getMe", "getUpdates", "sendMessage", "setWebhook", "deleteWebhook", "getWebhookInfo")
_METHODS_BY_LOWER = {m.lower(): m for m in _METHODS}


class _ApiError(Exception):
    """An error answer in the Bot API's JSON shape."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _error(status: int, description: str, parameters: JSONDict | None = None) -> web.Response:
    payload: JSONDict = {"ok": False, "error_code": status, "description": description}
    if parameters:
        payload["parameters"] = parameters
    return json_response(payload, status=status)


def _ok(result: object, description: str | None = None) -> web.Response:
    payload: JSONDict = {"ok": True, "result": result}
    if description is not None:
        payload["description"] = description
    return json_response(payload)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _update_type(update: Mapping[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "unknown")


class TelegramSimulator:
    """The Bot API of one bot, with residents in private chats, faults and webhooks.

    Resident-side methods (``add_message`` ...) and inspection (``sent()`` ...) are thread-safe
    and may be called from any thread while the bot under test talks HTTP to :attr:`base_url`.

    Args:
        token: the only token the simulated API accepts.
        bot_username: the bot's ``@username`` (without ``@``).
        port: TCP port on 127.0.0.1; ``0`` picks a free one.
        webhook_attempts: how many times one update is POSTed to a webhook that fails.
        webhook_retry_delay: seconds between webhook redeliveries.
    """

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",  # noqa: S107 - the simulator's own test token
        bot_username: str = "philly311_bot",
        port: int = 0,
        *,
        webhook_attempts: int = 3,
        webhook_retry_delay: float = 0.2,
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        self.bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1
        self.faults = FaultInjector()
        self.auth_fail = False
        self.webhook_attempts = webhook_attempts
        self.webhook_retry_delay = webhook_retry_delay
        self._lock = threading.Lock()
        self._next_update_id = 100_001
        self._updates: list[JSONDict] = []
        self._message_ids: dict[int, int] = {}
        self._messages: dict[tuple[int, int], JSONDict] = {}
        self._last_message_id: dict[int, int] = {}
        self._chats: dict[int, JSONDict] = {}
        # Public channels: lowercased username -> chat id; the ids the bot may post in.
        self._channel_ids: dict[str, int] = {}
        self._channel_admin: set[int] = set()
        self._next_channel_id = _FIRST_CHANNEL_ID
        self._blocked: set[int] = set()
        self._sent: list[JSONDict] = []
        self._request_log: list[JSONDict] = []
        self._webhook_log: list[JSONDict] = []
        self._webhook_dropped: list[JSONDict] = []
        self._allowed_updates: frozenset[str] | None = None
        self._webhook_url = ""
        self._webhook_secret: str | None = None
        self._webhook_last_error: tuple[int, str] | None = None
        self._poll_generation = 0
        # Event-loop-only state, created on the server's loop.
        self._wakeup: asyncio.Event | None = None
        self._closing = False
        self._worker: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self._api: dict[str, Callable[[JSONDict], Awaitable[web.Response]]] = {
            "getMe": self._api_getMe,
            "getUpdates": self._api_getUpdates,
            "sendMessage": self._api_sendMessage,
            "setWebhook": self._api_setWebhook,
            "deleteWebhook": self._api_deleteWebhook,
            "getWebhookInfo": self._api_getWebhookInfo,
        }
        self._server = ThreadedServer(self._build_app(), port=port)

    # ----------------------------------------------------------------- lifecycle
    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``: the bot's ``api_base_url``."""
        return self._server.base_url

    def start(self) -> TelegramSimulator:
        """Start serving; returns ``self`` once the socket listens."""
        self._server.start()
        return self

    def stop(self) -> None:
        """Stop serving: wakes long polls, stops webhook delivery, closes sockets."""
        self._server.stop()

    def __enter__(self) -> TelegramSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _build_app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token:[^/]+}/{method}", self._handle_api)
        app.router.add_post("/_sim/messages", self._ctl_add_message)
        app.router.add_post("/_sim/locations", self._ctl_add_location)
        app.router.add_get("/_sim/sent", self._ctl_sent)
        app.router.add_get("/_sim/updates", self._ctl_updates)
        app.router.add_post("/_sim/faults", self._ctl_fault)
        app.router.add_delete("/_sim/faults", self._ctl_clear_faults)
        app.on_startup.append(self._on_startup)
        app.on_shutdown.append(self._on_shutdown)
        app.on_cleanup.append(self._on_cleanup)
        return app

    async def _on_startup(self, _app: web.Application) -> None:
        self._wakeup = asyncio.Event()
        self._worker = asyncio.create_task(self._webhook_worker(), name="tg-sim-webhook")

    async def _on_shutdown(self, _app: web.Application) -> None:
        self._closing = True
        self._wake()

    async def _on_cleanup(self, _app: web.Application) -> None:
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
        if self._session is not None:
            await self._session.close()

    def _wake(self) -> None:
        """Wake long polls and the webhook worker (runs on the server's loop)."""
        if self._wakeup is not None:
            self._wakeup.set()
            self._wakeup = asyncio.Event()

    def _notify(self) -> None:
        loop = self._server._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._wake)

    # ---------------------------------------------------------------- residents
    def _user(
        self, user_id: int, first_name: str, username: str | None, language_code: str | None
    ) -> JSONDict:
        user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username is not None:
            user["username"] = username
        if language_code is not None:
            user["language_code"] = language_code
        return user

    def _bot_user(self) -> JSONDict:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Philly 311",
            "username": self.bot_username,
        }

    def _new_message_id(self, chat_id: int) -> int:
        message_id = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = message_id
        return message_id

    def _queue_update(self, kind: str, payload: JSONDict) -> int:
        """Append an update (caller holds the lock) and wake the loop."""
        update_id = self._next_update_id
        self._next_update_id += 1
        self._updates.append({"update_id": update_id, kind: payload})
        return update_id

    def _resident_message(
        self,
        user_id: int,
        *,
        first_name: str,
        username: str | None,
        language_code: str | None,
        reply_to_message_id: int | None,
        content: JSONDict,
    ) -> int:
        with self._lock:
            chat: JSONDict = {"id": user_id, "type": "private", "first_name": first_name}
            if username is not None:
                chat["username"] = username
            self._chats[user_id] = chat
            message_id = self._new_message_id(user_id)
            message: JSONDict = {
                "message_id": message_id,
                "from": self._user(user_id, first_name, username, language_code),
                "chat": chat,
                "date": int(time.time()),
                **content,
            }
            if reply_to_message_id is not None:
                replied = self._messages.get((user_id, reply_to_message_id))
                if replied is not None:
                    message["reply_to_message"] = dict(replied)
            self._messages[(user_id, message_id)] = message
            update_id = self._queue_update("message", message)
            self._message_ids[update_id] = message_id
        self._notify()
        return update_id

    def add_message(
        self,
        user_id: int,
        text: str,
        *,
        first_name: str = "Resident",
        username: str | None = None,
        language_code: str | None = "en",
        reply_to_message_id: int | None = None,
    ) -> int:
        """A resident writes ``text`` to the bot in their private chat.

        A leading ``/command`` gets a ``bot_command`` entity, as Telegram clients add it.

        Returns:
            The new update's ``update_id``.
        """
        content: JSONDict = {"text": text}
        match = _COMMAND_RE.match(text)
        if match:
            content["entities"] = [
                {"offset": 0, "length": _utf16_len(match.group(0)), "type": "bot_command"}
            ]
        return self._resident_message(
            user_id,
            first_name=first_name,
            username=username,
            language_code=language_code,
            reply_to_message_id=reply_to_message_id,
            content=content,
        )

    def add_command(
        self,
        user_id: int,
        command: str,
        *,
        first_name: str = "Resident",
        username: str | None = None,
        language_code: str | None = "en",
    ) -> int:
        """A resident sends a command such as ``/start`` or ``/status SR-000123``."""
        if not _COMMAND_RE.match(command):
            raise ValueError(f"not a bot command: {command!r}")
        return self.add_message(
            user_id,
            command,
            first_name=first_name,
            username=username,
            language_code=language_code,
        )

    def add_location(
        self,
        user_id: int,
        latitude: float,
        longitude: float,
        *,
        first_name: str = "Resident",
        username: str | None = None,
        language_code: str | None = "en",
        horizontal_accuracy: float | None = None,
    ) -> int:
        """A resident shares a location (a message without text)."""
        location: JSONDict = {"latitude": latitude, "longitude": longitude}
        if horizontal_accuracy is not None:
            location["horizontal_accuracy"] = horizontal_accuracy
        return self._resident_message(
            user_id,
            first_name=first_name,
            username=username,
            language_code=language_code,
            reply_to_message_id=None,
            content={"location": location},
        )

    def add_update(self, kind: str, payload: JSONDict) -> int:
        """Queue any other update verbatim, e.g. ``("edited_message", {...})`` or a group post."""
        if kind not in _UPDATE_TYPES:
            raise ValueError(f"unknown update type: {kind!r}")
        with self._lock:
            update_id = self._queue_update(kind, payload)
        self._notify()
        return update_id

    def add_channel(
        self, username: str, *, title: str | None = None, bot_is_admin: bool = True
    ) -> int:
        """A public channel ``@username``; the bot posts in it only as an administrator.

        Returns:
            The channel's chat id (``-100...``), which ``sendMessage`` accepts as well.
        """
        name = username.removeprefix("@")
        if not _CHANNEL_USERNAME_RE.match(name):
            raise ValueError(f"not a channel username: {username!r}")
        with self._lock:
            if name.lower() in self._channel_ids:
                raise ValueError(f"channel @{name} exists already")
            chat_id = self._next_channel_id
            self._next_channel_id -= 1
            self._chats[chat_id] = {
                "id": chat_id,
                "type": "channel",
                "title": title or name,
                "username": name,
            }
            self._channel_ids[name.lower()] = chat_id
            if bot_is_admin:
                self._channel_admin.add(chat_id)
        return chat_id

    def block_bot(self, user_id: int, blocked: bool = True) -> None:
        """The resident blocks (or unblocks) the bot: sendMessage answers 403."""
        with self._lock:
            if blocked:
                self._blocked.add(user_id)
            else:
                self._blocked.discard(user_id)

    # --------------------------------------------------------------- inspection
    def message_id_of(self, update_id: int) -> int:
        """The ``message_id`` of the resident message that update ``update_id`` carried."""
        with self._lock:
            return self._message_ids[update_id]

    def sent(self) -> list[JSONDict]:
        """Messages the bot sent: ``message_id, chat_id, text, reply_to_message_id, date``.

        ``time`` is when the simulator took it (``date`` has whole seconds, as Telegram's).
        """
        with self._lock:
            return [dict(m) for m in self._sent]

    def sent_to(self, chat_id: int | str) -> list[JSONDict]:
        """Messages the bot sent to one chat (a channel may be named ``"@username"``)."""
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            with self._lock:
                found = self._channel_ids.get(chat_id[1:].lower())
            if found is None:
                return []
            chat_id = found
        return [m for m in self.sent() if str(m["chat_id"]) == str(chat_id)]

    def pending_updates(self) -> list[JSONDict]:
        """Updates not yet confirmed by an offset (or delivered to the webhook)."""
        with self._lock:
            return [dict(u) for u in self._updates]

    @property
    def request_log(self) -> list[JSONDict]:
        """Every API call seen: ``method``, ``params``, ``fault`` (kind or ``None``), ``time``."""
        with self._lock:
            return [dict(r) for r in self._request_log]

    @property
    def webhook_log(self) -> list[JSONDict]:
        """Every webhook delivery attempt: ``update_id``, ``status`` (``None``: no answer)."""
        with self._lock:
            return [dict(r) for r in self._webhook_log]

    @property
    def webhook_dropped(self) -> list[JSONDict]:
        """Updates given up on after ``webhook_attempts`` failed deliveries."""
        with self._lock:
            return [dict(u) for u in self._webhook_dropped]

    @property
    def webhook_url(self) -> str:
        """The webhook URL currently set, or ``""``."""
        with self._lock:
            return self._webhook_url

    def calls(self, method: str) -> int:
        """How many requests reached ``method``."""
        return sum(1 for r in self.request_log if r["method"] == method)

    # ---------------------------------------------------------------- Bot API
    async def _params(self, request: web.Request) -> JSONDict:
        params: JSONDict = dict(request.query)
        if request.method != "POST" or not request.body_exists:
            return params
        if request.content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise _ApiError(400, "Bad Request: request body must be a JSON object")
            params.update(body)
        else:
            # python-telegram-bot sends application/x-www-form-urlencoded (multipart for
            # uploads) with every non-string value JSON-encoded.
            form = await request.post()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
        return params

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        method = _METHODS_BY_LOWER.get(request.match_info["method"].lower())
        route = method or request.match_info["method"]
        fault = self.faults.take(route)
        entry: JSONDict = {"method": route, "params": {}, "fault": None, "time": time.time()}
        if fault is not None:
            entry["fault"] = fault.kind
            with self._lock:
                self._request_log.append(entry)
            answer = await self._apply_fault(request, fault)
            if answer is not None:
                return answer
        try:
            params = await self._params(request)
        except (ValueError, _ApiError):
            params = {}
            if fault is None:
                with self._lock:
                    self._request_log.append(entry)
            return _error(400, "Bad Request: can't parse request body")
        entry["params"] = params
        if fault is None:
            with self._lock:
                self._request_log.append(entry)
        if self.auth_fail or request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        if method is None:
            return _error(404, "Not Found")
        try:
            return await self._api[method](params)
        except _ApiError as exc:
            return _error(exc.status, exc.description)

    async def _apply_fault(self, request: web.Request, fault: Fault) -> web.StreamResponse | None:
        """Answer with the fault, or ``None`` to go on processing (``delay``)."""
        kind = fault.kind
        if kind == "drop":
            return await drop_connection(request)
        if kind == "delay":
            await asyncio.sleep(fault.delay)
            return None
        if kind == "429":
            return _error(
                429,
                f"Too Many Requests: retry after {fault.retry_after}",
                {"retry_after": fault.retry_after},
            )
        if kind == "429_bare":
            return _error(429, "Too Many Requests")
        if kind == "500_json":
            return _error(500, "Internal Server Error")
        if kind == "502_html":
            return html_error(502)
        if kind == "garbage":
            return garbage()
        if kind == "401":
            return _error(401, "Unauthorized")
        raise AssertionError(f"unknown fault kind {kind!r}")

    async def _api_getMe(self, _params: JSONDict) -> web.Response:
        return _ok(
            {
                **self._bot_user(),
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
                "can_connect_to_business": False,
                "has_main_web_app": False,
            }
        )

    def _take_updates(self, offset: int | None, limit: int) -> list[JSONDict]:
        """Confirm updates below ``offset`` and return up to ``limit`` (lock held by caller)."""
        if offset is not None:
            if offset < 0:
                # A negative offset keeps the last -offset updates and forgets the rest.
                self._updates = self._updates[offset:]
            else:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
        allowed = self._allowed_updates
        # Telegram never delivers updates of types the bot did not ask for.
        self._updates = [
            u
            for u in self._updates
            if (
                _update_type(u) in allowed
                if allowed
                else _update_type(u) not in _NOT_DEFAULT_UPDATES
            )
        ]
        return [dict(u) for u in self._updates[:limit]]

    async def _api_getUpdates(self, params: JSONDict) -> web.Response:
        offset = _opt_int(params, "offset")
        limit = min(max(_opt_int(params, "limit") or 100, 1), 100)
        timeout = max(_opt_float(params, "timeout") or 0.0, 0.0)
        allowed = _opt_json(params, "allowed_updates")
        with self._lock:
            if self._webhook_url:
                raise _ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            if allowed is not None:
                if not isinstance(allowed, list):
                    raise _ApiError(400, "Bad Request: can't parse allowed updates")
                self._allowed_updates = frozenset(str(a) for a in allowed) or None
            self._poll_generation += 1
            generation = self._poll_generation
            self._wake()  # an older long poll still waiting answers 409, as Telegram's does
            updates = self._take_updates(offset, limit)
        deadline = asyncio.get_running_loop().time() + timeout
        while not updates and not self._closing:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0 or self._wakeup is None:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), remaining)
            with self._lock:
                if self._poll_generation != generation:
                    raise _ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; "
                        "make sure that only one bot instance is running",
                    )
                # The offset was applied already; only newly arrived updates can show up.
                updates = self._take_updates(None, limit)
        return _ok(updates)

    async def _api_sendMessage(self, params: JSONDict) -> web.Response:
        raw_chat = params.get("chat_id")
        text = params.get("text")
        if raw_chat is None or raw_chat == "":
            raise _ApiError(400, "Bad Request: chat_id is empty")
        if not isinstance(text, str) or not text.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        if _utf16_len(text) > MAX_MESSAGE_LENGTH:
            raise _ApiError(400, "Bad Request: message is too long")
        reply_to, allow_without = _reply_target(params)
        with self._lock:
            chat_id = self._chat_id(raw_chat)
            chat = self._chats.get(chat_id) if chat_id is not None else None
            if chat_id is None or chat is None:
                raise _ApiError(400, "Bad Request: chat not found")
            channel = chat["type"] == "channel"
            if channel and chat_id not in self._channel_admin:
                raise _ApiError(400, "Bad Request: need administrator rights in the channel chat")
            if chat_id in self._blocked:
                raise _ApiError(403, "Forbidden: bot was blocked by the user")
            replied = self._messages.get((chat_id, reply_to)) if reply_to is not None else None
            if reply_to is not None and replied is None and not allow_without:
                raise _ApiError(400, "Bad Request: message to be replied not found")
            message_id = self._new_message_id(chat_id)
            message: JSONDict = {"message_id": message_id}
            # A channel post is signed by the channel itself; it has no "from".
            message.update({"sender_chat": chat} if channel else {"from": self._bot_user()})
            message.update({"chat": chat, "date": int(time.time()), "text": text})
            if replied is not None:
                message["reply_to_message"] = {
                    k: v for k, v in replied.items() if k != "reply_to_message"
                }
            self._messages[(chat_id, message_id)] = message
            self._sent.append(
                {
                    "message_id": message_id,
                    "chat_id": chat_id,
                    "text": text,
                    "reply_to_message_id": reply_to if replied is not None else None,
                    "date": message["date"],
                    "time": time.time(),
                }
            )
        return _ok(message)

    def _chat_id(self, raw: object) -> int | None:
        """The numeric id behind ``chat_id``: a number, or ``"@username"`` of a channel."""
        if isinstance(raw, str) and raw.startswith("@"):
            return self._channel_ids.get(raw[1:].lower())
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            return None
        try:
            return int(raw)
        except ValueError:
            return None

    async def _api_setWebhook(self, params: JSONDict) -> web.Response:
        url = params.get("url")
        if not isinstance(url, str):
            raise _ApiError(400, "Bad Request: bad webhook: URL is empty")
        secret = params.get("secret_token")
        if secret is not None and (
            not isinstance(secret, str) or not _SECRET_TOKEN_RE.match(secret)
        ):
            raise _ApiError(
                400, "Bad Request: bad webhook: secret token contains unallowed characters"
            )
        # Unlike Telegram, plain http:// on any port is accepted: receivers here are local.
        if url and not url.startswith(("http://", "https://")):
            raise _ApiError(400, "Bad Request: bad webhook: invalid webhook URL specified")
        allowed = _opt_json(params, "allowed_updates")
        with self._lock:
            was = self._webhook_url
            self._webhook_url = url
            self._webhook_secret = secret if url else None
            if isinstance(allowed, list):
                self._allowed_updates = frozenset(str(a) for a in allowed) or None
            if _opt_bool(params, "drop_pending_updates"):
                self._updates.clear()
        self._wake()
        if not url:
            return _ok(True, "Webhook was deleted" if was else "Webhook is already deleted")
        return _ok(True, "Webhook is already set" if was == url else "Webhook was set")

    async def _api_deleteWebhook(self, params: JSONDict) -> web.Response:
        with self._lock:
            was = self._webhook_url
            self._webhook_url = ""
            self._webhook_secret = None
            if _opt_bool(params, "drop_pending_updates"):
                self._updates.clear()
        self._wake()
        return _ok(True, "Webhook was deleted" if was else "Webhook is already deleted")

    async def _api_getWebhookInfo(self, _params: JSONDict) -> web.Response:
        with self._lock:
            info: JSONDict = {
                "url": self._webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }
            if self._webhook_url:
                info["max_connections"] = 40
                info["ip_address"] = "127.0.0.1"
            if self._webhook_last_error is not None:
                info["last_error_date"], info["last_error_message"] = self._webhook_last_error
            if self._allowed_updates is not None:
                info["allowed_updates"] = sorted(self._allowed_updates)
        return _ok(info)

    # ----------------------------------------------------------------- webhooks
    async def _webhook_worker(self) -> None:
        """Deliver pending updates one at a time, in order, while a webhook is set."""
        while not self._closing:
            with self._lock:
                url, secret = self._webhook_url, self._webhook_secret
                self._take_updates(None, 1)
                update = dict(self._updates[0]) if url and self._updates else None
            if update is None:
                if self._wakeup is not None:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._wakeup.wait(), 1.0)
                continue
            delivered = False
            for attempt in range(1, self.webhook_attempts + 1):
                status, error = await self._post_update(url, secret, update)
                with self._lock:
                    self._webhook_log.append(
                        {"update_id": update["update_id"], "status": status, "attempt": attempt}
                    )
                    if error is not None:
                        self._webhook_last_error = (int(time.time()), error)
                if status is not None and 200 <= status < 300:
                    delivered = True
                    break
                if self._closing or self.webhook_url != url:
                    break
                await asyncio.sleep(self.webhook_retry_delay)
            with self._lock:
                if self._webhook_url != url and not delivered:
                    continue  # the webhook changed: deliver again to the new one
                self._updates = [u for u in self._updates if u["update_id"] != update["update_id"]]
                if not delivered:
                    self._webhook_dropped.append(update)

    async def _post_update(
        self, url: str, secret: str | None, update: JSONDict
    ) -> tuple[int | None, str | None]:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))
        headers = {"Content-Type": "application/json"}
        if secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        body = json.dumps(update, ensure_ascii=False, separators=(",", ":"))
        try:
            async with self._session.post(url, data=body.encode(), headers=headers) as resp:
                await resp.read()
                if 200 <= resp.status < 300:
                    return resp.status, None
                return resp.status, f"Wrong response from the webhook: {resp.status} {resp.reason}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            _LOGGER.debug("webhook delivery failed: %s", exc)
            return None, "Connection refused"

    # ------------------------------------------------------------ control HTTP
    async def _ctl_add_message(self, request: web.Request) -> web.Response:
        body = await request.json()
        update_id = await asyncio.to_thread(
            self.add_message,
            int(body["user_id"]),
            str(body["text"]),
            first_name=str(body.get("first_name", "Resident")),
            username=body.get("username"),
            language_code=body.get("language_code", "en"),
            reply_to_message_id=body.get("reply_to_message_id"),
        )
        return json_response({"update_id": update_id})

    async def _ctl_add_location(self, request: web.Request) -> web.Response:
        body = await request.json()
        update_id = await asyncio.to_thread(
            self.add_location,
            int(body["user_id"]),
            float(body["latitude"]),
            float(body["longitude"]),
            language_code=body.get("language_code", "en"),
        )
        return json_response({"update_id": update_id})

    async def _ctl_sent(self, request: web.Request) -> web.Response:
        chat_id = request.query.get("chat_id")
        return json_response(self.sent_to(chat_id) if chat_id else self.sent())

    async def _ctl_updates(self, _request: web.Request) -> web.Response:
        return json_response(self.pending_updates())

    async def _ctl_fault(self, request: web.Request) -> web.Response:
        body = await request.json()
        fault = Fault(
            kind=body["kind"],
            delay=float(body.get("delay", 15.0)),
            retry_after=int(body.get("retry_after", 1)),
        )
        self.faults.inject(str(body.get("route", "*")), fault, int(body.get("times", 1)))
        return json_response({"ok": True})

    async def _ctl_clear_faults(self, _request: web.Request) -> web.Response:
        self.faults.clear()
        return json_response({"ok": True})


def _opt_json(params: Mapping[str, Any], key: str) -> Any:
    value = params.get(key)
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise _ApiError(400, f"Bad Request: can't parse {key} JSON object") from None
    return value


def _opt_int(params: Mapping[str, Any], key: str) -> int | None:
    value = params.get(key)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _ApiError(400, f"Bad Request: invalid {key} specified") from None


def _opt_float(params: Mapping[str, Any], key: str) -> float | None:
    value = params.get(key)
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise _ApiError(400, f"Bad Request: invalid {key} specified") from None


def _opt_bool(params: Mapping[str, Any], key: str) -> bool:
    value = params.get(key)
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


def _reply_target(params: Mapping[str, Any]) -> tuple[int | None, bool]:
    """The message id to reply to and whether a missing one may be ignored."""
    reply_parameters = _opt_json(params, "reply_parameters")
    if isinstance(reply_parameters, dict) and "message_id" in reply_parameters:
        try:
            message_id = int(reply_parameters["message_id"])
        except (TypeError, ValueError):
            raise _ApiError(400, "Bad Request: invalid reply parameters") from None
        return message_id, bool(reply_parameters.get("allow_sending_without_reply", False))
    if reply_parameters is not None:
        raise _ApiError(400, "Bad Request: invalid reply parameters")
    return _opt_int(params, "reply_to_message_id"), _opt_bool(
        params, "allow_sending_without_reply"
    )
