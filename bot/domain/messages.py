"""Platform-neutral inbound and outbound message value objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """One message from a resident, as a connector hands it to the inbox.

    Attributes:
        platform: connector name, e.g. ``"x"`` or ``"telegram"``.
        external_id: the platform's id for this message, unique per platform
            (X: tweet id; Telegram: ``"<chat_id>:<message_id>"``).
        author_id: the platform's id of the sender.
        author_handle: the sender's public handle, if any (never a phone number).
        chat_id: where a reply goes (Telegram chat id; X: the author's id).
        text: the message text exactly as received (data, never a template or a command).
        reply_ref: the platform id a reply should thread under (tweet id / message id).
        language_hint: a language code the platform offers (Telegram ``language_code``,
            X ``lang``), or ``None``.
        received_at: when the platform says the message was sent (UTC).
        latitude: latitude of a location share, if any.
        longitude: longitude of a location share, if any.
        raw: the platform payload, kept for audit and re-processing.
    """

    platform: str
    external_id: str
    author_id: str
    chat_id: str
    text: str
    received_at: datetime
    author_handle: str | None = None
    reply_ref: str | None = None
    language_hint: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one poll of a platform returned.

    ``cursor`` is the value to store *together with* the messages; the connector only
    acknowledges the platform (Telegram ``offset``, X ``since_id``) on the next fetch, after
    the caller has committed both.
    """

    messages: list[InboundMessage]
    cursor: str | None


@dataclass(frozen=True, slots=True)
class OutboundRequest:
    """One rendered, approved text to send.

    Attributes:
        platform: connector name.
        chat_id: Telegram chat id or channel; for X the resident's user id (unused by the API).
        text: the rendered text of an approved template version.
        reply_ref: platform id to reply to (tweet id / Telegram message id), or ``None``.
        idempotency_key: unique key of the outbox row this request comes from.
    """

    platform: str
    chat_id: str
    text: str
    reply_ref: str | None
    idempotency_key: str


@dataclass(frozen=True, slots=True)
class SendResult:
    """The platform's acknowledgement of a post."""

    platform_post_id: str
