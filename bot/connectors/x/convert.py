"""Pure conversions between X API v2 payloads (as tweepy returns them) and our message DTOs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from bot.domain.messages import InboundMessage

PLATFORM = "x"

# X's "lang" values that are not languages: undetermined, no linguistic content, media only,
# hashtags only, cashtags only, mentions only, and the like.
NON_LANGUAGE_CODES = frozenset({"und", "zxx", "qme", "qht", "qam", "qct", "qst", "art"})


def payload_of(obj: Any) -> dict[str, Any]:
    """The raw JSON dict behind a tweepy model (``Tweet``/``User`` keep it in ``.data``).

    Args:
        obj: a tweepy model or an already plain dict.

    Returns:
        A shallow copy of the API's JSON object.
    """
    # tweepy models are Mappings too, but they map to *parsed* attributes (``created_at`` as a
    # datetime, ``id`` as an int); the wire JSON is in ``.data``.
    data = getattr(obj, "data", None)
    if isinstance(data, Mapping):
        return dict(data)
    if isinstance(obj, Mapping):
        return dict(obj)
    raise TypeError(f"not an X API object: {type(obj).__name__}")


def users_by_id(users: Iterable[Any] | None) -> dict[str, dict[str, Any]]:
    """Index ``includes.users`` by user id.

    Args:
        users: the ``users`` list of a response's ``includes`` (tweepy ``User`` or dicts).

    Returns:
        Mapping of user id to the user's JSON object.
    """
    out: dict[str, dict[str, Any]] = {}
    for user in users or ():
        payload = payload_of(user)
        out[str(payload["id"])] = payload
    return out


def parse_created_at(value: str | None, *, default: datetime | None = None) -> datetime:
    """Parse X's ``created_at`` (``2024-05-01T12:00:00.000Z``) into an aware UTC datetime.

    Args:
        value: the ISO 8601 string, or ``None`` when the field was not requested.
        default: what to return when ``value`` is missing; ``now`` when not given.

    Returns:
        The timestamp in UTC.
    """
    if not value:
        return default if default is not None else datetime.now(tz=UTC)
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def language_hint(lang: str | None) -> str | None:
    """X's ``lang`` if it names a language, else ``None``."""
    if not lang or lang.lower() in NON_LANGUAGE_CODES:
        return None
    return lang


def tweet_to_inbound(
    tweet: Any, users: Mapping[str, Mapping[str, Any]], *, fetched_at: datetime | None = None
) -> InboundMessage:
    """Turn one mention into an :class:`InboundMessage`; the text is kept exactly as received.

    Args:
        tweet: a tweepy ``Tweet`` or the tweet's JSON dict (needs ``author_id``).
        users: ``includes.users`` indexed by id (see :func:`users_by_id`).
        fetched_at: the time to use when the tweet has no ``created_at``.

    Returns:
        The platform-neutral message; ``raw`` is the tweet's JSON object.

    Raises:
        ValueError: the tweet has no ``author_id`` (the request did not ask for it).
    """
    raw = payload_of(tweet)
    author_id = raw.get("author_id")
    if not author_id:
        raise ValueError(f"tweet {raw.get('id')} has no author_id")
    author = users.get(str(author_id), {})
    handle = author.get("username")
    return InboundMessage(
        platform=PLATFORM,
        external_id=str(raw["id"]),
        author_id=str(author_id),
        chat_id=str(author_id),
        text=str(raw.get("text", "")),
        received_at=parse_created_at(raw.get("created_at"), default=fetched_at),
        author_handle=str(handle) if handle else None,
        reply_ref=str(raw["id"]),
        language_hint=language_hint(raw.get("lang")),
        raw=raw,
    )


def replied_to_id(tweet: Any) -> str | None:
    """The id of the tweet that ``tweet`` replies to, from ``referenced_tweets``."""
    raw = payload_of(tweet)
    for ref in raw.get("referenced_tweets") or ():
        if isinstance(ref, Mapping) and ref.get("type") == "replied_to":
            return str(ref.get("id"))
    return None
