"""The X (Twitter API v2) connector: tweepy.Client behind our Connector port."""

from __future__ import annotations

import asyncio
import html
import logging
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import requests
import tweepy
from requests.adapters import HTTPAdapter
from requests.models import PreparedRequest, Response
from requests.utils import get_environ_proxies

from bot.connectors.base import (
    AuthFailed,
    ConnectorError,
    RateLimited,
    Rejected,
    Unavailable,
)
from bot.connectors.x.convert import (
    PLATFORM,
    payload_of,
    replied_to_id,
    tweet_to_inbound,
    users_by_id,
)
from bot.connectors.x.settings import XSettings
from bot.domain.messages import FetchResult, InboundMessage, OutboundRequest, SendResult

_LOGGER = logging.getLogger(__name__)

# tweepy.BaseClient.request hard-codes this host.
TWEEPY_HOST = "https://api.twitter.com"

_TWEET_FIELDS = [
    "created_at",
    "lang",
    "conversation_id",
    "author_id",
    "in_reply_to_user_id",
    "referenced_tweets",
]
# 403 problem types that mean "these credentials may not do this", not "this post is refused".
_AUTH_PROBLEMS = (
    "unsupported-authentication",
    "client-not-enrolled",
    "client-forbidden",
    "oauth1-permissions",
)
_URL_RE = re.compile(r"https?://\S+")

T = TypeVar("T")


class _RewritingAdapter(HTTPAdapter):
    """Sends tweepy's ``https://api.twitter.com`` requests to ``base_url``, always with a timeout.

    tweepy has neither a base-URL nor a timeout setting; without a timeout a stalled connection
    blocks a worker thread forever. No retries here: a retried POST could post twice.
    """

    def __init__(self, base_url: str, timeout: float) -> None:
        super().__init__(max_retries=0)
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout

    def send(
        self,
        request: PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float, float] | tuple[float, None] | None = None,
        verify: bool | str = True,
        cert: bytes | str | tuple[bytes | str, bytes | str] | None = None,
        proxies: Mapping[str, str] | None = None,
    ) -> Response:
        """Rewrite the host, then send with the configured timeout."""
        url = request.url or ""
        if url.startswith(TWEEPY_HOST) and self._base_url != TWEEPY_HOST:
            request.url = self._base_url + url[len(TWEEPY_HOST) :]
            # requests chose proxies for api.twitter.com; choose again for the real target.
            proxies = get_environ_proxies(request.url)
        return super().send(
            request,
            stream=stream,
            timeout=self._timeout,
            verify=verify,
            cert=cert,
            proxies=proxies,
        )


def _read_secret(env: Mapping[str, str], name: str, *, required: bool = True) -> str | None:
    value = env.get(name)
    if value:
        return value
    if required:
        raise AuthFailed(f"X credential missing: environment variable {name} is not set")
    return None


def _problem(exc: tweepy.HTTPException) -> dict[str, Any]:
    try:
        body = exc.response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _is_auth_forbidden(exc: tweepy.HTTPException) -> bool:
    body = _problem(exc)
    marker = f"{body.get('type', '')} {body.get('reason', '')}"
    if any(problem in marker for problem in _AUTH_PROBLEMS):
        return True
    # v1.1-style code 453: "You currently have access to a subset of X API V2 endpoints".
    return 453 in exc.api_codes


def _normalized(text: str) -> str:
    # X returns text HTML-escaped and with links wrapped in t.co.
    return _URL_RE.sub("<url>", html.unescape(text)).strip()


class XConnector:
    """Polls the city account's mentions and posts replies through the X API v2.

    Args:
        settings: the ``[platforms.x]`` table.
        env: where secrets are looked up (default ``os.environ``).
        default_retry_after: seconds to wait after a 429 without ``x-rate-limit-reset``.
        find_post_pages: pages of the account's own timeline :meth:`find_post` reads.

    Raises:
        AuthFailed: a required credential's environment variable is not set.
    """

    platform = PLATFORM

    def __init__(
        self,
        settings: XSettings,
        env: Mapping[str, str] | None = None,
        *,
        default_retry_after: float = 60.0,
        find_post_pages: int = 2,
    ) -> None:
        env = os.environ if env is None else env
        consumer_key = _read_secret(env, settings.consumer_key_env)
        consumer_secret = _read_secret(env, settings.consumer_secret_env)
        access_token = _read_secret(env, settings.access_token_env)
        access_token_secret = _read_secret(env, settings.access_token_secret_env)
        bearer_token = _read_secret(env, settings.bearer_token_env, required=False)
        # At DEBUG, tweepy logs full request headers and oauthlib logs the consumer key and
        # access token while signing: keep them quiet whatever the root level is.
        for name in ("tweepy", "requests_oauthlib", "oauthlib"):
            logging.getLogger(name).setLevel(logging.WARNING)
        self._settings = settings
        self._default_retry_after = default_retry_after
        self._find_post_pages = find_post_pages
        self._client: Any = tweepy.Client(
            bearer_token=bearer_token,
            consumer_key=consumer_key,
            consumer_secret=consumer_secret,
            access_token=access_token,
            access_token_secret=access_token_secret,
            wait_on_rate_limit=False,
        )
        self._client.session.mount(
            TWEEPY_HOST + "/", _RewritingAdapter(settings.api_base_url, settings.timeout_seconds)
        )
        self._account_id: str | None = None
        self._closed = False

    @property
    def account_id(self) -> str | None:
        """The city account's user id, known after :meth:`start`."""
        return self._account_id

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Check the credentials and learn the account id (``GET /2/users/me``).

        Raises:
            AuthFailed: the credentials were refused.
            ConnectorError: any other failure, translated.
        """
        response = await self._call(self._client.get_me, user_auth=True)
        if response.data is None:
            raise AuthFailed(f"X did not return the authenticated user: {response.errors}")
        user = payload_of(response.data)
        self._account_id = str(user["id"])
        handle = user.get("username", "")
        if handle.lower() != self._settings.account_handle.lower():
            _LOGGER.warning(
                "X credentials belong to @%s, configured account is @%s",
                handle,
                self._settings.account_handle,
            )
        _LOGGER.info("X connector started for @%s (id %s)", handle, self._account_id)

    async def stop(self) -> None:
        """Close the HTTP session; idempotent."""
        if not self._closed:
            self._closed = True
            self._client.session.close()

    # ------------------------------------------------------------------ inbound

    async def fetch(self, cursor: str | None) -> FetchResult:
        """Fetch mentions newer than ``cursor``, following every page, oldest first.

        The cursor is normally the newest tweet id seen. When a backlog is larger than
        ``max_pages_per_poll`` pages, X pages from newest to oldest, so the cursor becomes
        ``"<since>:<until>:<newest>"``: the next fetch backfills the older gap before moving on.
        Treat it as opaque.

        Raises:
            ConnectorError: translated platform failure; nothing was consumed.
        """
        account_id = self._require_started()
        since, until, newest = _parse_cursor(cursor)
        messages: list[InboundMessage] = []
        users: dict[str, dict[str, Any]] = {}
        tweets: list[Any] = []
        token: str | None = None
        complete = False
        for _page in range(self._settings.max_pages_per_poll):
            params: dict[str, Any] = {
                "max_results": 100,
                "tweet_fields": _TWEET_FIELDS,
                "expansions": ["author_id"],
                "user_fields": ["username"],
                "user_auth": True,
            }
            if since is not None:
                params["since_id"] = since
            if until is not None:
                params["until_id"] = until
            if token is not None:
                params["pagination_token"] = token
            response = await self._call(self._client.get_users_mentions, account_id, **params)
            if response.data is None and response.errors:
                raise Rejected(f"X refused the mentions request: {response.errors}")
            tweets.extend(response.data or ())
            users.update(users_by_id((response.includes or {}).get("users")))
            token = (response.meta or {}).get("next_token")
            if not token:
                complete = True
                break

        fetched_at = datetime.now(tz=UTC)
        ids = [int(payload_of(t)["id"]) for t in tweets]
        for tweet in tweets:
            if str(payload_of(tweet).get("author_id")) == account_id:
                continue
            messages.append(tweet_to_inbound(tweet, users, fetched_at=fetched_at))
        messages.sort(key=lambda m: int(m.external_id))

        newest_seen = max([*ids, *([int(newest)] if newest else [])], default=None)
        if complete:
            new_cursor = str(newest_seen) if newest_seen is not None else cursor
        else:
            _LOGGER.warning(
                "X mentions backlog exceeds %d pages; backfilling on the next poll",
                self._settings.max_pages_per_poll,
            )
            new_cursor = f"{since or ''}:{min(ids)}:{newest_seen}"
        _LOGGER.debug("fetched %d X mentions, cursor %s", len(messages), new_cursor)
        return FetchResult(messages=messages, cursor=new_cursor)

    # ------------------------------------------------------------------ outbound

    async def send(self, request: OutboundRequest) -> SendResult:
        """Post ``request.text``, as a reply to ``request.reply_ref`` when given.

        Raises:
            RateLimited: 429; wait ``retry_after`` seconds.
            Rejected: X refused this post (too long, duplicate, parent tweet gone).
            AuthFailed: the credentials were refused.
            Unavailable: 5xx, timeout, dropped connection or garbage; the post may or may
                not exist, so check with :meth:`find_post` before retrying.
        """
        response = await self._call(
            self._client.create_tweet,
            text=request.text,
            in_reply_to_tweet_id=request.reply_ref,
            user_auth=True,
            posting=True,
        )
        data = response.data if response.data is not None else {}
        post_id = data.get("id") if isinstance(data, Mapping) else None
        if not post_id:
            raise Unavailable("X accepted the post but returned no id")
        _LOGGER.info("posted to X: %s (reply to %s)", post_id, request.reply_ref)
        return SendResult(platform_post_id=str(post_id))

    async def find_post(self, reply_ref: str | None, text: str) -> str | None:
        """Find an earlier post of ours with this text (replying to ``reply_ref``, if given).

        Used after a crash between sending and recording, so a retry does not reply twice.
        Text is compared after undoing X's HTML escaping and t.co link wrapping.

        Returns:
            The post's id, or ``None`` if the recent timeline has no such post.
        """
        account_id = self._require_started()
        wanted = _normalized(text)
        token: str | None = None
        for _page in range(self._find_post_pages):
            params: dict[str, Any] = {
                "max_results": 100,
                "tweet_fields": ["referenced_tweets", "in_reply_to_user_id", "created_at"],
                "user_auth": True,
            }
            if token is not None:
                params["pagination_token"] = token
            response = await self._call(self._client.get_users_tweets, account_id, **params)
            for tweet in response.data or ():
                raw = payload_of(tweet)
                if replied_to_id(raw) != reply_ref:
                    continue
                if _normalized(str(raw.get("text", ""))) == wanted:
                    return str(raw["id"])
            token = (response.meta or {}).get("next_token")
            if not token:
                break
        return None

    # ------------------------------------------------------------------ plumbing

    def _require_started(self) -> str:
        if self._account_id is None:
            raise ConnectorError("XConnector.start() has not completed")
        return self._account_id

    async def _call(
        self, fn: Callable[..., T], *args: Any, posting: bool = False, **kwargs: Any
    ) -> T:
        """Run a blocking tweepy call in a thread and translate its failures.

        Args:
            fn: the tweepy method.
            *args: its positional arguments.
            posting: a 403 on a post means "this post is refused" unless it is about auth;
                on reads it always means the credentials lack access.
            **kwargs: its keyword arguments.
        """
        if self._closed:
            raise Unavailable("X connector is stopped")
        try:
            return await asyncio.to_thread(fn, *args, **kwargs)
        except tweepy.TooManyRequests as e:
            raise RateLimited(self._retry_after(e.reset_time), "X rate limit") from e
        except tweepy.Unauthorized as e:
            raise AuthFailed(f"X refused the credentials: {e}") from e
        except tweepy.Forbidden as e:
            if _is_auth_forbidden(e) or not posting:
                raise AuthFailed(f"X refused access: {e}") from e
            raise Rejected(f"X refused the post: {e}") from e
        except (tweepy.BadRequest, tweepy.NotFound) as e:
            raise Rejected(f"X refused the request: {e}") from e
        except tweepy.TwitterServerError as e:
            raise Unavailable(f"X server error: {e}") from e
        except tweepy.HTTPException as e:
            status = e.response.status_code
            if 400 <= status < 500:
                raise Rejected(f"X refused the request: {e}") from e
            raise Unavailable(f"X answered {status}: {e}") from e
        except requests.ConnectTimeout as e:
            # Never connected: the request cannot have reached X.
            raise Unavailable(f"X connect timed out: {type(e).__name__}") from e
        except requests.Timeout as e:
            raise Unavailable(
                f"X timed out after {self._settings.timeout_seconds}s", maybe_delivered=posting
            ) from e
        except requests.ConnectionError as e:
            # A dropped connection after the request went out may still have posted.
            raise Unavailable(
                f"X connection failed: {type(e).__name__}", maybe_delivered=posting
            ) from e
        except (requests.RequestException, ValueError) as e:
            # requests.JSONDecodeError (a ValueError) on a body that is not JSON.
            raise Unavailable(
                f"X sent an unreadable answer: {type(e).__name__}", maybe_delivered=posting
            ) from e
        except tweepy.TweepyException as e:
            raise Unavailable(f"X call failed: {e}") from e

    def _retry_after(self, reset_time: int | None) -> float:
        if reset_time is None:
            return self._default_retry_after
        return max(1.0, reset_time - time.time())


def _parse_cursor(cursor: str | None) -> tuple[str | None, str | None, str | None]:
    """Split a cursor into (since_id, until_id, newest_id); see :meth:`XConnector.fetch`."""
    if not cursor:
        return None, None, None
    if ":" not in cursor:
        return cursor, None, None
    since, until, newest = (part or None for part in cursor.split(":", 2))
    return since, until, newest


__all__: Sequence[str] = ("XConnector",)
