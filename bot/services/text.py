"""Make resident text safe to store on every backend without losing what they wrote."""

from __future__ import annotations

from typing import Any

MAX_STORED_CHARS = 65_536


def clean_text(text: str, limit: int = MAX_STORED_CHARS) -> str:
    """Replace NUL (PostgreSQL text cannot hold it) and lone surrogates; cap the length."""
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    text = text.encode("utf-8", "replace").decode("utf-8")
    if len(text) > limit:
        text = text[:limit]
    return text


def clean_json(value: Any) -> Any:
    """:func:`clean_text` applied to every string in a JSON-like structure."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)): clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v) for v in value]
    return value
