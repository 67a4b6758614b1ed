"""Drive the simulators like residents, and read back what the bot answered."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from bot.sim.telegram import TelegramSimulator
from bot.sim.x import XSimulator
from tests.e2e.storm import TICKET, Msg

TOKEN = "123456:E2E-TOKEN"
ENV = {
    "X_BEARER_TOKEN": "e2e-bearer",
    "X_CONSUMER_KEY": "e2e-ck",
    "X_CONSUMER_SECRET": "e2e-cs",
    "X_ACCESS_TOKEN": "e2e-at",
    "X_ACCESS_TOKEN_SECRET": "e2e-ats",
    "TELEGRAM_BOT_TOKEN": TOKEN,
}


def post(x: XSimulator, tg: TelegramSimulator, messages: Iterable[Msg]) -> None:
    """Residents send ``messages``; each gets its platform reference."""
    for m in messages:
        if m.platform == "x":
            m.ref = x.add_mention(m.author, m.text, lang=m.lang)
        else:
            update_id = tg.add_message(int(m.author), m.text, language_code=m.lang)
            m.ref = f"{m.author}:{tg.message_id_of(update_id)}"


def replies(x: XSimulator, tg: TelegramSimulator) -> dict[str, list[str]]:
    """Every reply the bot posted, by the platform reference it answers."""
    out: dict[str, list[str]] = {}
    for p in x.posts():
        out.setdefault(str(p.get("in_reply_to_tweet_id")), []).append(p["text"])
    for s in tg.sent():
        out.setdefault(f"{s['chat_id']}:{s.get('reply_to_message_id')}", []).append(s["text"])
    return out


def wait_for(
    condition: Callable[[], bool],
    timeout: float,
    *,
    interval: float = 0.1,
    what: str | Callable[[], str] = "",
) -> None:
    """Poll ``condition`` until it holds; fail with ``what`` after ``timeout`` seconds.

    ``what`` may be a callable, read only on failure: a bot's log then shows what happened
    while waiting, not what it said before.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    said = what() if callable(what) else what
    raise AssertionError(f"timed out after {timeout}s waiting for {said}")


def answered_count(x: XSimulator, tg: TelegramSimulator, messages: list[Msg]) -> int:
    """How many of ``messages`` that should be answered have at least one reply."""
    got = replies(x, tg)
    return sum(1 for m in messages if m.answered and got.get(m.ref))


def ticket_numbers(x: XSimulator, tg: TelegramSimulator, messages: list[Msg]) -> dict[str, str]:
    """``"<platform>:<author>"`` -> the ticket number the reply to their report named."""
    got = replies(x, tg)
    out: dict[str, str] = {}
    for m in messages:
        if m.actionable and got.get(m.ref):
            match = TICKET.search(got[m.ref][0])
            if match:
                out[f"{m.platform}:{m.author}"] = match.group(0)
    return out


def check_outcome(
    x: XSimulator,
    tg: TelegramSimulator,
    messages: list[Msg],
    *,
    uncertain_refs: set[str] = frozenset(),  # type: ignore[assignment]
) -> dict[str, Any]:
    """Assert the rules of the product on what residents received; returns counts.

    Every message that should be answered got exactly one reply (a reply whose delivery the
    bot recorded as unknown may be missing, never doubled); actionable ones name a ticket;
    emergencies put the 911 guidance before the ticket; status queries name the right
    ticket and nothing about other residents; chatter gets nothing.
    """
    got = replies(x, tg)
    seen_tickets: dict[str, str] = {}
    counts = {"answered": 0, "missing_uncertain": 0, "quiet": 0}
    for m in messages:
        texts = got.get(m.ref, [])
        where = f"{m.kind} {m.platform}:{m.author} {m.text!r}"
        if not m.answered:
            assert texts == [], f"chatter got a reply: {where}: {texts}"
            counts["quiet"] += 1
            continue
        if not texts and m.ref in uncertain_refs:
            counts["missing_uncertain"] += 1
            continue
        assert len(texts) == 1, f"expected exactly one reply to {where}, got {texts}"
        text = texts[0]
        counts["answered"] += 1
        numbers = TICKET.findall(text)
        if m.actionable:
            assert numbers, f"no ticket number in the reply to {where}: {text}"
            assert numbers[0] not in seen_tickets, f"ticket {numbers[0]} given twice"
            seen_tickets[numbers[0]] = m.ref
        if m.kind == "emergency":
            assert "911" in text, text
            assert text.index("911") < text.index(numbers[0]), f"911 must come first: {text}"
        if m.kind in ("status_own", "status_latest"):
            assert numbers == [m.expect_ticket] or set(numbers) == {m.expect_ticket}, (where, text)
            assert "could not find" not in text.lower()
            assert "no encontramos" not in text.lower()
        if m.kind == "status_other":
            # Named only to say it is not theirs; no status of someone else's ticket.
            assert "could not find" in text.lower(), (where, text)
            assert "crew" not in text, (where, text)
            assert "closed" not in text, (where, text)
        if m.kind == "status_none":
            assert not numbers, (where, text)
    return counts


class BotThread:
    """Runs a wired :class:`bot.bootstrap.Bot` in its own thread and event loop."""

    def __init__(self, bot: Any) -> None:
        import asyncio  # noqa: PLC0415
        import threading  # noqa: PLC0415

        self.bot = bot
        self.loop = asyncio.new_event_loop()
        self.error: BaseException | None = None

        def main() -> None:
            asyncio.set_event_loop(self.loop)
            try:
                self.loop.run_until_complete(bot.run())
            except BaseException as exc:  # reported by stop()
                self.error = exc
            finally:
                self.loop.close()

        self.thread = threading.Thread(target=main, name="bot", daemon=True)

    def __enter__(self) -> BotThread:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Ask the bot to stop and wait for it; re-raise what it died of."""
        if self.thread.is_alive():
            self.loop.call_soon_threadsafe(self.bot.stop)
            self.thread.join(30)
        assert not self.thread.is_alive(), "the bot did not stop within 30 s"
        if self.error is not None:
            raise self.error
