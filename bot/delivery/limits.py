"""Rate limiters for platform budgets: sliding windows and per-chat spacing."""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Window:
    """At most ``limit`` sends per ``seconds``."""

    limit: int
    seconds: float


class SendBudget:
    """Sliding-window budgets (e.g. 30/s; X's per-15-min and per-24-h caps) and chat spacing.

    The budget is seeded from the send times already in the database, so a restart does not
    hand out a fresh allowance.
    """

    def __init__(
        self,
        windows: Iterable[Window],
        *,
        per_chat_seconds: float = 0.0,
        group_seconds: float = 0.0,
        is_group: Callable[[str], bool] | None = None,
        clock: Callable[[], float],
    ) -> None:
        self.windows = tuple(windows)
        self.per_chat_seconds = per_chat_seconds
        # Groups and channels have their own, slower limit (Telegram: 20 messages a minute).
        self.group_seconds = group_seconds
        self.is_group = is_group
        self._clock = clock
        self._sent: deque[float] = deque()
        self._last_by_chat: dict[str, float] = {}
        self._longest = max((w.seconds for w in self.windows), default=0.0)

    def seed(self, times: Iterable[float]) -> None:
        """Record sends made before this process started (monotonic-clock times)."""
        for t in sorted(times):
            self._sent.append(t)

    def _trim(self, now: float) -> None:
        while self._sent and self._sent[0] <= now - self._longest:
            self._sent.popleft()

    def wait_time(self, chat_id: str | None = None) -> float:
        """Seconds until one more send fits every window (0 when it fits now)."""
        now = self._clock()
        self._trim(now)
        sent = list(self._sent)
        wait = 0.0
        for window in self.windows:
            inside = len(sent) - bisect.bisect_right(sent, now - window.seconds)
            if inside >= window.limit:
                # The send ``limit`` places from the newest must leave the window first.
                wait = max(wait, sent[-window.limit] + window.seconds - now)
        if chat_id is not None and (spacing := self._spacing(chat_id)):
            last = self._last_by_chat.get(chat_id)
            if last is not None:
                wait = max(wait, last + spacing - now)
        return max(wait, 0.0)

    def _spacing(self, chat_id: str) -> float:
        if self.group_seconds and self.is_group is not None and self.is_group(chat_id):
            return max(self.per_chat_seconds, self.group_seconds)
        return self.per_chat_seconds

    def record(self, chat_id: str | None = None) -> None:
        """Count one send now."""
        now = self._clock()
        self._sent.append(now)
        if chat_id is not None and self._spacing(chat_id):
            self._last_by_chat[chat_id] = now
            if len(self._last_by_chat) > 100_000:
                cutoff = now - max(self.per_chat_seconds, self.group_seconds)
                self._last_by_chat = {c: t for c, t in self._last_by_chat.items() if t > cutoff}
