"""An X API v2 simulator: the endpoints tweepy.Client uses, on 127.0.0.1, with injected faults.

Endpoints (wire format as in the X API v2 reference):

- ``GET /2/users/me``: the city account (user context only).
- ``GET /2/users/by/username/{username}``.
- ``GET /2/users/{id}/mentions``: ``since_id``, ``until_id``, ``max_results`` (5..100, default
  10), ``pagination_token``, ``tweet.fields``, ``expansions=author_id`` (``includes.users``).
- ``GET /2/users/{id}/tweets``: the account's own posts, same parameters.
- ``POST /2/tweets``: ``{"text", "reply": {"in_reply_to_tweet_id"}}`` -> 201 (user context only).

Fault route keys for :attr:`XSimulator.faults` (``"*"`` matches all of them)::

    "GET /2/users/me"
    "GET /2/users/by/username/:username"
    "GET /2/users/:id/mentions"
    "GET /2/users/:id/tweets"
    "POST /2/tweets"

Fault semantics: ``"drop"`` and ``"garbage"`` answer without processing the request (a dropped
POST posts nothing); ``"delay"`` sleeps, then processes and answers normally, so a POST whose
client timed out is still posted, as on the real X; ``"429"`` sets ``x-rate-limit-reset`` a
second or two ahead, ``"429_bare"`` sends no reset header.

Realism notes: every request needs an ``Authorization`` header (Bearer or OAuth 1.0a; signatures
are not verified), app-only Bearer is refused with 403 on user-context endpoints, a reply to an
unknown tweet is refused with 403 as X does ("deleted or not visible"), text that is empty or
over 280 weighted characters gets 400, and each route has a 15-minute request budget reported
in the ``x-rate-limit-*`` headers and enforced with 429.

Control surface for other processes: ``POST /_sim/mentions`` ``{"author_handle", "text",
"lang", "in_reply_to"}`` -> ``{"id"}``; ``GET /_sim/posts`` -> ``{"posts": [...]}``.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import math
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from bot.sim.base import (
    Fault,
    FaultInjector,
    Handler,
    ThreadedServer,
    drop_connection,
    garbage,
    html_error,
    json_response,
)

_LOGGER = logging.getLogger(__name__)

_TWITTER_EPOCH_MS = 1288834974657
_WINDOW_SECONDS = 15 * 60
_MAX_WEIGHTED_LENGTH = 280
_UNDETERMINED_LANG = "und"

ROUTE_ME = "GET /2/users/me"
ROUTE_BY_USERNAME = "GET /2/users/by/username/:username"
ROUTE_MENTIONS = "GET /2/users/:id/mentions"
ROUTE_USER_TWEETS = "GET /2/users/:id/tweets"
ROUTE_CREATE_TWEET = "POST /2/tweets"

# Per 15-minute window, roughly X's documented per-user limits on the paid tiers.
DEFAULT_RATE_LIMITS: Mapping[str, int] = {
    ROUTE_ME: 75,
    ROUTE_BY_USERNAME: 900,
    ROUTE_MENTIONS: 450,
    ROUTE_USER_TWEETS: 900,
    ROUTE_CREATE_TWEET: 200,
}

_PROBLEM_UNAUTHORIZED = {
    "title": "Unauthorized",
    "type": "about:blank",
    "status": 401,
    "detail": "Unauthorized",
}
_PROBLEM_TOO_MANY = {
    "title": "Too Many Requests",
    "detail": "Too Many Requests",
    "type": "about:blank",
    "status": 429,
}
_PROBLEM_SERVER_ERROR = {
    "title": "Internal Server Error",
    "detail": "Internal Server Error",
    "type": "about:blank",
    "status": 500,
}
_PROBLEM_APP_ONLY = {
    "title": "Unsupported Authentication",
    "detail": (
        "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  "
        "Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context]."
    ),
    "type": "https://api.twitter.com/2/problems/unsupported-authentication",
    "status": 403,
}

try:  # twitter-text-parser gives X's weighted length (URLs count 23, CJK counts 2).
    from twitter_text import parse_tweet as _parse_tweet
except ImportError:  # pragma: no cover - it is a declared dependency
    _parse_tweet = None


def weighted_length(text: str) -> int:
    """X's weighted character count of ``text`` (plain ``len`` without twitter-text)."""
    if _parse_tweet is None:  # pragma: no cover
        return len(text)
    return int(_parse_tweet(text).weightedLength)


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{int(ts * 1000) % 1000:03d}Z"
    )


def _invalid_request(message: str, parameters: dict[str, list[str]] | None = None) -> web.Response:
    error: dict[str, Any] = {"message": message}
    if parameters:
        error["parameters"] = parameters
    return json_response(
        {
            "errors": [error],
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": "https://api.twitter.com/2/problems/invalid-request",
        },
        status=400,
    )


def _forbidden(detail: str) -> web.Response:
    return json_response(
        {"detail": detail, "type": "about:blank", "title": "Forbidden", "status": 403},
        status=403,
    )


def _not_found_error(value: str, resource_type: str, parameter: str) -> dict[str, Any]:
    label = "id" if parameter == "id" else "username"
    return {
        "value": value,
        "detail": f"Could not find {resource_type} with {label}: [{value}].",
        "title": "Not Found Error",
        "resource_type": resource_type,
        "parameter": parameter,
        "resource_id": value,
        "type": "https://api.twitter.com/2/problems/resource-not-found",
    }


def _encode_token(until_id: int) -> str:
    return base64.b32encode(f"u{until_id}".encode()).decode().rstrip("=").lower()


def _decode_token(token: str) -> int | None:
    try:
        padded = token.upper() + "=" * (-len(token) % 8)
        raw = base64.b32decode(padded).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    if not raw.startswith("u") or not raw[1:].isdigit():
        return None
    return int(raw[1:])


@dataclass(slots=True)
class _Tweet:
    id: int
    text: str
    author_id: str
    created_at: float
    lang: str
    conversation_id: int
    in_reply_to_tweet_id: int | None = None
    in_reply_to_user_id: str | None = None

    def to_json(self, fields: set[str]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": str(self.id),
            "text": self.text,
            "edit_history_tweet_ids": [str(self.id)],
        }
        if "created_at" in fields:
            out["created_at"] = _iso(self.created_at)
        if "author_id" in fields:
            out["author_id"] = self.author_id
        if "lang" in fields:
            out["lang"] = self.lang
        if "conversation_id" in fields:
            out["conversation_id"] = str(self.conversation_id)
        if "in_reply_to_user_id" in fields and self.in_reply_to_user_id is not None:
            out["in_reply_to_user_id"] = self.in_reply_to_user_id
        if "referenced_tweets" in fields and self.in_reply_to_tweet_id is not None:
            out["referenced_tweets"] = [
                {"type": "replied_to", "id": str(self.in_reply_to_tweet_id)}
            ]
        return out


@dataclass(slots=True)
class _Window:
    started: float
    used: int = 0


@dataclass(slots=True)
class _State:
    users: dict[str, dict[str, str]] = field(default_factory=dict)
    tweets: dict[int, _Tweet] = field(default_factory=dict)
    mentions: list[int] = field(default_factory=list)
    posts: list[int] = field(default_factory=list)
    windows: dict[str, _Window] = field(default_factory=dict)


class XSimulator:
    """A thread-hosted X API v2 server; every public method is thread-safe.

    Args:
        account_handle: the city account's handle (without ``@``).
        port: TCP port on 127.0.0.1; ``0`` picks a free one.
        rate_limits: requests per 15-minute window per route key (see the module docstring);
            unspecified routes use :data:`DEFAULT_RATE_LIMITS`.
        reject_duplicates: refuse (403) a post whose text equals an earlier post, as X does.
    """

    def __init__(
        self,
        account_handle: str = "philly311",
        port: int = 0,
        *,
        rate_limits: Mapping[str, int] | None = None,
        reject_duplicates: bool = False,
    ) -> None:
        self.account_handle = account_handle
        self.faults = FaultInjector()
        self.auth_fail = False
        self.reject_duplicates = reject_duplicates
        self.request_log: list[tuple[str, str, int]] = []
        self._rate_limits = {**DEFAULT_RATE_LIMITS, **(rate_limits or {})}
        self._lock = threading.Lock()
        self._state = _State()
        self._last_id = 0
        self._next_user_id = 1_480_000_001
        self.account_id = self._ensure_user(account_handle)
        self._server = ThreadedServer(self._build_app(), port=port)

    # ----------------------------------------------------------------- lifecycle

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` once started: the ``api_base_url`` for the connector."""
        return self._server.base_url

    def start(self) -> None:
        """Start serving; returns once the socket is listening."""
        self._server.start()
        _LOGGER.info("X simulator for @%s on %s", self.account_handle, self.base_url)

    def stop(self) -> None:
        """Stop serving."""
        self._server.stop()

    def __enter__(self) -> XSimulator:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ----------------------------------------------------------------- control API

    def add_user(self, handle: str, name: str | None = None) -> str:
        """Create (or find) a user by handle and return its id."""
        with self._lock:
            return self._ensure_user(handle, name)

    def add_mention(
        self,
        author_handle: str,
        text: str,
        *,
        lang: str | None = None,
        in_reply_to: str | None = None,
    ) -> str:
        """Publish a tweet by ``author_handle`` that shows in the account's mentions.

        The text is stored exactly as given (write the ``@philly311`` yourself).

        Args:
            author_handle: the resident's handle; a user is created on first use.
            text: the tweet text.
            lang: the BCP 47 code X would detect; ``None`` gives ``"und"``.
            in_reply_to: id of an existing tweet this one answers (threads the conversation).

        Returns:
            The new tweet's id.

        Raises:
            KeyError: ``in_reply_to`` is not a known tweet.
        """
        with self._lock:
            author_id = self._ensure_user(author_handle)
            parent = None
            if in_reply_to is not None:
                parent = self._state.tweets[int(in_reply_to)]
            tweet = self._new_tweet(text, author_id, lang or _UNDETERMINED_LANG, parent)
            self._state.mentions.append(tweet.id)
            return str(tweet.id)

    def posts(self) -> list[dict[str, Any]]:
        """What the account posted, oldest first: id, text, in_reply_to_tweet_id, created_at."""
        with self._lock:
            return [self._post_dict(self._state.tweets[i]) for i in self._state.posts]

    def replies_to(self, tweet_id: str) -> list[dict[str, Any]]:
        """The account's posts that reply to ``tweet_id``, oldest first."""
        return [p for p in self.posts() if p["in_reply_to_tweet_id"] == str(tweet_id)]

    def reset_rate_limits(self) -> None:
        """Start a fresh 15-minute window on every route."""
        with self._lock:
            self._state.windows.clear()

    # ----------------------------------------------------------------- state helpers (locked)

    def _ensure_user(self, handle: str, name: str | None = None) -> str:
        for user in self._state.users.values():
            if user["username"].lower() == handle.lower():
                return user["id"]
        user_id = str(self._next_user_id)
        self._next_user_id += 1
        self._state.users[user_id] = {"id": user_id, "name": name or handle, "username": handle}
        return user_id

    def _next_snowflake(self, now: float) -> int:
        candidate = (int(now * 1000) - _TWITTER_EPOCH_MS) << 22
        self._last_id = max(candidate, self._last_id + 1)
        return self._last_id

    def _new_tweet(self, text: str, author_id: str, lang: str, parent: _Tweet | None) -> _Tweet:
        now = time.time()
        tweet_id = self._next_snowflake(now)
        tweet = _Tweet(
            id=tweet_id,
            text=text,
            author_id=author_id,
            created_at=now,
            lang=lang,
            conversation_id=parent.conversation_id if parent else tweet_id,
            in_reply_to_tweet_id=parent.id if parent else None,
            in_reply_to_user_id=parent.author_id if parent else None,
        )
        self._state.tweets[tweet_id] = tweet
        return tweet

    @staticmethod
    def _post_dict(tweet: _Tweet) -> dict[str, Any]:
        return {
            "id": str(tweet.id),
            "text": tweet.text,
            "in_reply_to_tweet_id": (
                str(tweet.in_reply_to_tweet_id) if tweet.in_reply_to_tweet_id else None
            ),
            "created_at": _iso(tweet.created_at),
        }

    def _rate_limit(self, route: str) -> tuple[dict[str, str], bool]:
        """Count one request on ``route``; return its headers and whether it is over budget."""
        limit = self._rate_limits.get(route, 900)
        now = time.time()
        with self._lock:
            window = self._state.windows.get(route)
            if window is None or now >= window.started + _WINDOW_SECONDS:
                window = self._state.windows[route] = _Window(started=now)
            window.used += 1
            remaining = max(0, limit - window.used)
            over = window.used > limit
        headers = {
            "x-rate-limit-limit": str(limit),
            "x-rate-limit-remaining": str(remaining),
            "x-rate-limit-reset": str(math.ceil(window.started + _WINDOW_SECONDS)),
        }
        return headers, over

    # ----------------------------------------------------------------- HTTP app

    def _build_app(self) -> web.Application:
        app = web.Application(middlewares=[self._middleware])
        app.router.add_get("/2/users/me", self._get_me)
        app.router.add_get("/2/users/by/username/{username}", self._get_by_username)
        app.router.add_get("/2/users/{id}/mentions", self._get_mentions)
        app.router.add_get("/2/users/{id}/tweets", self._get_user_tweets)
        app.router.add_post("/2/tweets", self._post_tweet)
        app.router.add_post("/_sim/mentions", self._sim_add_mention)
        app.router.add_get("/_sim/posts", self._sim_posts)
        return app

    @staticmethod
    def _route_key(request: web.Request) -> str:
        resource = request.match_info.route.resource
        canonical = resource.canonical if resource is not None else request.path
        canonical = canonical.replace("{id}", ":id").replace("{username}", ":username")
        return f"{request.method} {canonical}"

    def _log(self, request: web.Request, status: int) -> None:
        with self._lock:
            self.request_log.append((request.method, request.path, status))

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith("/2/"):
            return await handler(request)
        route = self._route_key(request)
        fault = self.faults.take(route)
        if fault is not None and fault.kind == "drop":
            self._log(request, 0)
            return await drop_connection(request)
        response = await self._answer(request, route, fault, handler)
        self._log(request, response.status)
        return response

    async def _answer(
        self, request: web.Request, route: str, fault: Fault | None, handler: Handler
    ) -> web.StreamResponse:
        if fault is not None and fault.kind == "delay":
            # X has the whole request before it stalls: read the body now, so the request
            # still completes after the client has hung up.
            await request.read()
            await asyncio.sleep(fault.delay)
            fault = None
        headers, over_budget = self._rate_limit(route)
        response: web.StreamResponse
        if fault is not None and fault.kind == "429":
            reset = math.ceil(time.time()) + max(1, fault.retry_after)
            headers.update({"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)})
            response = json_response(_PROBLEM_TOO_MANY, status=429)
        elif fault is not None and fault.kind == "429_bare":
            headers = {}
            response = json_response(_PROBLEM_TOO_MANY, status=429)
        elif fault is not None and fault.kind == "500_json":
            response = json_response(_PROBLEM_SERVER_ERROR, status=500)
        elif fault is not None and fault.kind == "502_html":
            response = html_error(502)
        elif fault is not None and fault.kind == "garbage":
            response = garbage()
        elif (fault is not None and fault.kind == "401") or not self._authorized(request):
            response = json_response(_PROBLEM_UNAUTHORIZED, status=401)
        elif over_budget:
            response = json_response(_PROBLEM_TOO_MANY, status=429)
        else:
            try:
                response = await handler(request)
            except web.HTTPException:
                raise
            except Exception:
                _LOGGER.exception("X simulator handler failed on %s", route)
                response = json_response(_PROBLEM_SERVER_ERROR, status=500)
        response.headers.update(headers)
        return response

    def _authorized(self, request: web.Request) -> bool:
        if self.auth_fail:
            return False
        return request.headers.get("Authorization", "").startswith(("Bearer ", "OAuth "))

    @staticmethod
    def _is_user_context(request: web.Request) -> bool:
        return request.headers.get("Authorization", "").startswith("OAuth ")

    def _user_json(self, user_id: str) -> dict[str, str]:
        return dict(self._state.users[user_id])

    async def _get_me(self, request: web.Request) -> web.StreamResponse:
        if not self._is_user_context(request):
            return json_response(_PROBLEM_APP_ONLY, status=403)
        with self._lock:
            return json_response({"data": self._user_json(self.account_id)})

    async def _get_by_username(self, request: web.Request) -> web.StreamResponse:
        username = request.match_info["username"]
        with self._lock:
            for user_id, user in self._state.users.items():
                if user["username"].lower() == username.lower():
                    return json_response({"data": self._user_json(user_id)})
        return json_response({"errors": [_not_found_error(username, "user", "username")]})

    async def _get_mentions(self, request: web.Request) -> web.StreamResponse:
        user_id = request.match_info["id"]
        with self._lock:
            known = user_id in self._state.users
            ids = list(self._state.mentions) if user_id == self.account_id else []
        if not known:
            return json_response({"errors": [_not_found_error(user_id, "user", "id")]})
        return self._timeline(request, ids)

    async def _get_user_tweets(self, request: web.Request) -> web.StreamResponse:
        user_id = request.match_info["id"]
        with self._lock:
            known = user_id in self._state.users
            ids = [i for i, t in self._state.tweets.items() if t.author_id == user_id]
        if not known:
            return json_response({"errors": [_not_found_error(user_id, "user", "id")]})
        return self._timeline(request, ids)

    def _timeline(self, request: web.Request, ids: list[int]) -> web.Response:
        query = request.query
        raw_max = query.get("max_results", "10")
        if not raw_max.isdigit() or not 5 <= int(raw_max) <= 100:
            return _invalid_request(
                f"The `max_results` query parameter value [{raw_max}] is not between 5 and 100",
                {"max_results": [raw_max]},
            )
        max_results = int(raw_max)
        bounds: dict[str, int] = {}
        for name in ("since_id", "until_id"):
            value = query.get(name)
            if value is None:
                continue
            if not value.isdigit():
                return _invalid_request(
                    f"The `{name}` query parameter value [{value}] is not valid", {name: [value]}
                )
            bounds[name] = int(value)
        token = query.get("pagination_token")
        if token is not None:
            until = _decode_token(token)
            if until is None:
                return _invalid_request(
                    f"The `pagination_token` query parameter value [{token}] is not valid",
                    {"pagination_token": [token]},
                )
            bounds["until_id"] = min(until, bounds.get("until_id", until))
        since = bounds.get("since_id", 0)
        until_id = bounds.get("until_id")
        fields = set(filter(None, query.get("tweet.fields", "").split(",")))
        expansions = set(filter(None, query.get("expansions", "").split(",")))

        selected = sorted(
            (i for i in ids if i > since and (until_id is None or i < until_id)), reverse=True
        )
        page = selected[:max_results]
        if not page:
            return json_response({"meta": {"result_count": 0}})
        with self._lock:
            tweets = [self._state.tweets[i] for i in page]
            data = [t.to_json(fields) for t in tweets]
            users = []
            if "author_id" in expansions:
                seen: list[str] = []
                for tweet in tweets:
                    if tweet.author_id not in seen:
                        seen.append(tweet.author_id)
                users = [self._user_json(uid) for uid in seen]
        meta: dict[str, Any] = {
            "result_count": len(page),
            "newest_id": str(page[0]),
            "oldest_id": str(page[-1]),
        }
        if len(selected) > len(page):
            meta["next_token"] = _encode_token(page[-1])
        body: dict[str, Any] = {"data": data}
        if users:
            body["includes"] = {"users": users}
        body["meta"] = meta
        return json_response(body)

    async def _post_tweet(self, request: web.Request) -> web.StreamResponse:
        if not self._is_user_context(request):
            return json_response(_PROBLEM_APP_ONLY, status=403)
        try:
            payload = await request.json()
        except ValueError:
            return _invalid_request("Request body is not valid JSON")
        if not isinstance(payload, dict):
            return _invalid_request("Request body must be a JSON object")
        text = payload.get("text")
        reply = payload.get("reply")
        if not isinstance(text, str) or not text.strip():
            return _invalid_request("$.text: must not be empty", {"text": [str(text or "")]})
        if weighted_length(text) > _MAX_WEIGHTED_LENGTH:
            return _invalid_request(
                "Your Tweet text is too long. For more information on how X's character "
                "limits work, head here: https://help.x.com/en/using-x/how-to-tweet#character-limit",
                {"text": [text]},
            )
        parent_id: int | None = None
        if reply is not None:
            raw_parent = reply.get("in_reply_to_tweet_id") if isinstance(reply, dict) else None
            if not isinstance(raw_parent, str) or not raw_parent.isdigit():
                return _invalid_request(
                    "$.reply.in_reply_to_tweet_id: string [0-9]{1,19} expected",
                    {"reply.in_reply_to_tweet_id": [str(raw_parent)]},
                )
            parent_id = int(raw_parent)
        with self._lock:
            parent = self._state.tweets.get(parent_id) if parent_id is not None else None
            if parent_id is not None and parent is None:
                detail = "You attempted to reply to a Tweet that is deleted or not visible to you."
                return _forbidden(detail)
            if self.reject_duplicates and any(
                self._state.tweets[i].text == text for i in self._state.posts
            ):
                return _forbidden("You are not allowed to create a Tweet with duplicate content.")
            tweet = self._new_tweet(text, self.account_id, _UNDETERMINED_LANG, parent)
            self._state.posts.append(tweet.id)
        return json_response(
            {
                "data": {
                    "id": str(tweet.id),
                    "text": tweet.text,
                    "edit_history_tweet_ids": [str(tweet.id)],
                }
            },
            status=201,
        )

    # ----------------------------------------------------------------- /_sim/ control

    async def _sim_add_mention(self, request: web.Request) -> web.StreamResponse:
        try:
            payload = await request.json()
            tweet_id = self.add_mention(
                str(payload["author_handle"]),
                str(payload["text"]),
                lang=payload.get("lang"),
                in_reply_to=payload.get("in_reply_to"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            return json_response({"error": f"bad request: {exc!r}"}, status=400)
        return json_response({"id": tweet_id}, status=201)

    async def _sim_posts(self, request: web.Request) -> web.StreamResponse:
        return json_response({"posts": self.posts()})
