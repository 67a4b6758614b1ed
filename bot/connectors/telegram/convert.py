"""Pure conversions between Telegram Bot API update payloads and the bot's message DTOs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bot.domain.messages import InboundMessage

if TYPE_CHECKING:
    from telegram import Update

PLATFORM = "telegram"


def update_to_dict(update: Mapping[str, Any] | Update) -> dict[str, Any]:
    """The JSON dict of an update, whether given as a dict or a ``telegram.Update``."""
    if isinstance(update, Mapping):
        return dict(update)
    return update.to_dict(recursive=True)


def inbound_from_update(update: Mapping[str, Any] | Update) -> InboundMessage | None:
    """Turn one update into an :class:`InboundMessage`, or ``None`` if the bot ignores it.

    Only new messages in private chats that carry text (commands included, verbatim) or a
    location share are kept. Edited messages, channel posts, group messages, other update
    types and messages with neither text nor location return ``None``; the caller still
    advances its cursor past them.

    Args:
        update: the update as the Bot API sends it (a dict) or as python-telegram-bot parsed it.

    Returns:
        The message, or ``None``.
    """
    raw = update_to_dict(update)
    message = raw.get("message")
    if not isinstance(message, Mapping):
        return None
    chat = message.get("chat")
    sender = message.get("from")
    if not isinstance(chat, Mapping) or chat.get("type") != "private":
        return None
    if not isinstance(sender, Mapping) or sender.get("is_bot"):
        return None
    text = message.get("text")
    location = message.get("location")
    latitude: float | None = None
    longitude: float | None = None
    if isinstance(location, Mapping):
        try:
            latitude = float(location["latitude"])
            longitude = float(location["longitude"])
        except (KeyError, TypeError, ValueError):
            return None
    if not isinstance(text, str):
        if latitude is None:
            return None
        text = ""
    try:
        chat_id = int(chat["id"])
        message_id = int(message["message_id"])
        author_id = int(sender["id"])
        received_at = datetime.fromtimestamp(int(message["date"]), tz=UTC)
    except (KeyError, TypeError, ValueError):
        return None
    username = sender.get("username")
    language = sender.get("language_code")
    return InboundMessage(
        platform=PLATFORM,
        external_id=f"{chat_id}:{message_id}",
        author_id=str(author_id),
        chat_id=str(chat_id),
        text=text,
        received_at=received_at,
        author_handle=username if isinstance(username, str) and username else None,
        reply_ref=str(message_id),
        language_hint=language if isinstance(language, str) and language else None,
        latitude=latitude,
        longitude=longitude,
        raw=raw,
    )


def webhook_update(body: bytes) -> InboundMessage | None:
    """Parse a webhook POST body into an :class:`InboundMessage` (``None``: ignored update).

    Raises:
        ValueError: the body is not a JSON object with an integer ``update_id``.
    """
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"Telegram webhook body is not valid JSON: {exc}") from exc
    if not isinstance(payload, dict):
        raise ValueError("Telegram webhook body must be a JSON object (an Update)")
    update_id = payload.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        raise ValueError("Telegram webhook body has no integer 'update_id'")
    return inbound_from_update(payload)


def update_id_of(update: Mapping[str, Any] | Update) -> int:
    """The ``update_id`` of an update in either form."""
    if isinstance(update, Mapping):
        return int(update["update_id"])
    return int(update.update_id)
