"""``make run``: a storm evening in Philadelphia on simulated X and Telegram.

Both platform simulators run in this process on 127.0.0.1; the bot talks to them with the
real tweepy and python-telegram-bot over HTTP, exactly as it would to the live APIs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import signal
import threading
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bot.bootstrap import Bot, build
from bot.config import Settings
from bot.connectors.telegram.settings import TelegramSettings
from bot.connectors.x.settings import XSettings
from bot.services.intake import Outcome
from bot.sim.telegram import TelegramSimulator
from bot.sim.x import XSimulator

_LOGGER = logging.getLogger("bot.demo")

ALERTS_CHANNEL = "@phl311_alerts"
DEMO_TOKEN = "123456:DEMO-TOKEN"  # noqa: S105 - the simulator's token, not a secret
DEMO_ENV = {
    "X_BEARER_TOKEN": "demo-bearer",
    "X_CONSUMER_KEY": "demo-consumer-key",
    "X_CONSUMER_SECRET": "demo-consumer-secret",
    "X_ACCESS_TOKEN": "demo-access-token",
    "X_ACCESS_TOKEN_SECRET": "demo-access-secret",
    "TELEGRAM_BOT_TOKEN": DEMO_TOKEN,
}


@dataclass(frozen=True)
class Line:
    """One resident's message in the script."""

    platform: str  # "x" or "telegram"
    who: str  # X handle or Telegram user id
    text: str
    lang: str | None = "en"


STORM_EVENING: tuple[Line, ...] = (
    Line("x", "kensington_mom", "@philly311 big tree down across Frankford Ave at Cumberland St, no cars getting through"),
    Line("telegram", "5001", "/start"),
    Line("telegram", "5001", "Power is out on the 700 block of S 9th St since 7pm"),
    Line("x", "southphilly_joe", "@philly311 water coming into basements at 2314 S Broad St, storm drain totally clogged"),
    Line("telegram", "5002", "Hay un árbol caído en 5th y Lehigh, bloquea la calle", "es"),
    Line("x", "fishtown_dan", "@philly311 sparking wires on the ground at Broad & Erie!! kids nearby"),
    Line("telegram", "5003", "my neighbor is trapped in her car, water is rising fast at Main St and Shurs Ln"),
    Line("x", "random_fan", "@philly311 thoughts and prayers to everyone out in this storm"),
    Line("telegram", "5004", "Street light knocked out and a pothole filling with water"),
    Line("x", "manayunk_sue", "@philly311 where is the nearest warming shelter open tonight?"),
    Line("telegram", "5004", "4th and Spring Garden"),
    Line("telegram", "5001", "status?"),
    Line("x", "kensington_mom", "@philly311 status SR-000001"),
    Line("telegram", "5005", "Traffic signal is out at 52nd and Market, cars going every which way"),
    Line("x", "news_bot_99", "@philly311 BREAKING: storm totals updated, see our live blog"),
    Line("telegram", "5006", "Я чую запах газу в під'їзді на 1500 Spruce St", "uk"),
    Line("x", "germantown_al", "@philly311 roof of the church on Germantown Ave collapsed, debris all over the sidewalk"),
    Line("telegram", "5002", "status SR-000005", "es"),
)  # fmt: skip

_FILLER_PLACES = ("Broad & Girard", "5th and Market", "22nd and Walnut", "Castor Ave & Cottman Ave",
                  "1200 block of N 2nd St", "Ridge Ave and Midvale Ave", "Lancaster Ave & 40th St")  # fmt: skip
_FILLER = (
    "tree limbs down blocking the street at {place}",
    "no power since the storm at {place}",
    "flooding at {place}, water over the curb",
    "traffic light out at {place}",
    "status?",
    "stay safe everyone, what a night",
)


class _Printer:
    """Prints what the bot does, as a person watching would want it."""

    def __init__(self, x: XSimulator, tg: TelegramSimulator) -> None:
        self.x, self.tg = x, tg
        self.seen_x = 0
        self.seen_tg = 0
        self.lock = threading.Lock()

    def outcome(self, outcome: Outcome) -> None:
        if outcome.ticket_number and outcome.template_id not in ("status", "location_received"):
            print(
                f"  ticket  {outcome.ticket_number}  {outcome.intent:<16} reply: {outcome.template_id}"
            )
        elif outcome.template_id:
            print(f"  {outcome.intent:<24} reply: {outcome.template_id}")
        else:
            print(f"  {outcome.intent:<24} (no reply: not actionable)")

    def poll_posts(self) -> None:
        with self.lock:
            posts = self.x.posts()
            for post in posts[self.seen_x :]:
                parent = post.get("in_reply_to_tweet_id")
                where = f"X reply to {parent}" if parent else "X post"
                print(f"  -> {where}: {post['text']}")
            self.seen_x = len(posts)
            sent = self.tg.sent()
            for msg in sent[self.seen_tg :]:
                print(f"  -> Telegram chat {msg['chat_id']}: {msg['text']}")
            self.seen_tg = len(sent)


def _settings(port: int, db_path: Path, x: XSimulator, tg: TelegramSimulator) -> Settings:
    settings = Settings()
    settings.database.url = f"sqlite:///{db_path}"
    settings.web.port = port
    settings.platforms.x = XSettings(
        enabled=True, api_base_url=x.base_url, account_handle="philly311",
        poll_interval_seconds=1.0, timeout_seconds=5.0,
    )  # fmt: skip
    settings.platforms.telegram = TelegramSettings(
        enabled=True, api_base_url=tg.base_url, poll_timeout_seconds=2, timeout_seconds=5.0
    )
    settings.announcements.channels = {"telegram": ALERTS_CHANNEL}
    # The city's street files, when a checkout has them beside it (the repo ships no copy).
    city = Path(__file__).resolve().parents[2] / "shared" / "data" / "philadelphia"
    if city.is_dir():
        settings.gazetteer.directory = str(city)
    return settings


def _stage_announcement(bot: Bot) -> None:
    """The comms team's side: a shelter announcement drafted, approved by a second person and
    scheduled a few seconds into the evening, in English and Spanish, on X and Telegram."""
    from bot.services.registry import DEFAULT_TEMPLATES_DIR, load_announcement_template
    from bot.services.users import UserService

    if bot.registry is None or bot.announcements is None:
        return
    users = UserService(bot.engine)
    drafter, approver, coordinator = (
        users.authenticate(users.add(name, role))
        for name, role in (("demo.drafter", "drafter"), ("demo.approver", "approver"),
                           ("demo.coordinator", "coordinator"))
    )  # fmt: skip
    content = load_announcement_template(DEFAULT_TEMPLATES_DIR / "announcements", "shelter_open")
    content["meta"].pop("expires_in_hours", None)
    content["meta"]["languages"] = ["en", "es"]
    content["variants"] = {k: v for k, v in content["variants"].items() if k in ("en", "es")}
    content["variables"] = {
        k: {"choices": v["choices"]} for k, v in content["variables"].items() if "choices" in v
    }
    version = bot.registry.create_draft(drafter, "shelter_tonight", content)
    bot.registry.submit(drafter, version.label)
    bot.registry.approve(approver, version.label)
    at = bot.announcements.clock() + timedelta(seconds=8)
    bot.announcements.announce(
        coordinator, "shelter_tonight", at=at,
        values={"shelter": "South Philadelphia High School, 2101 S Broad St"},
    )  # fmt: skip
    print(f"Comms: {version.label} drafted by {drafter.name}, approved by {approver.name}, "
          f"scheduled by {coordinator.name} for X and {ALERTS_CHANNEL} in 8 s")  # fmt: skip


def _say(x: XSimulator, tg: TelegramSimulator, line: Line) -> None:
    if line.platform == "x":
        print(f"\n@{line.who} on X: {line.text}")
        x.add_mention(line.who, line.text, lang=line.lang)
    else:
        print(f"\nTelegram {line.who}: {line.text}")
        tg.add_message(int(line.who), line.text, language_code=line.lang)


async def _script(bot: Bot, x: XSimulator, tg: TelegramSimulator, printer: _Printer,
                  speed: float) -> None:  # fmt: skip
    rng = random.Random(311)
    lines = list(STORM_EVENING)
    i = 0
    while not bot.stop_event.is_set():
        if i < len(lines):
            line = lines[i]
        else:
            text = rng.choice(_FILLER).format(place=rng.choice(_FILLER_PLACES))
            if rng.random() < 0.5:
                line = Line("x", f"resident{rng.randint(1, 400)}", f"@philly311 {text}")
            else:
                line = Line("telegram", str(6000 + rng.randint(1, 400)), text)
        _say(x, tg, line)
        i += 1
        for _ in range(4):
            await asyncio.sleep(0.5 / speed if i < len(lines) else 2.0 / speed)
            printer.poll_posts()


def run_demo(*, port: int, db_path: Path, speed: float = 1.0) -> None:
    """Start both simulators and the bot; feed the script until Ctrl-C."""
    x = XSimulator(account_handle="philly311")
    tg = TelegramSimulator(token=DEMO_TOKEN, bot_username="philly311_bot")
    tg.add_channel(ALERTS_CHANNEL, title="Philly311 alerts")
    x.start()
    tg.start()
    try:
        settings = _settings(port, db_path, x, tg)
        bot = build(settings, env=DEMO_ENV)
        printer = _Printer(x, tg)
        bot.on_outcome = printer.outcome
        print(f"Simulated X at {x.base_url}, simulated Telegram at {tg.base_url}")
        print(f"Console: http://{settings.web.host}:{settings.web.port}/   (Ctrl-C stops)")
        _stage_announcement(bot)

        async def main() -> None:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError):
                    loop.add_signal_handler(sig, bot.stop)
            script = asyncio.create_task(_script(bot, x, tg, printer, speed))
            try:
                await bot.run()
            finally:
                script.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await script

        asyncio.run(main())
        print("\nStopped cleanly.")
    finally:
        x.stop()
        tg.stop()
