"""A clock the registry and announcement tests move by hand."""

from __future__ import annotations

from datetime import UTC, datetime

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


class Clock:
    """Callable like ``utcnow``; set ``now`` to move time."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now
