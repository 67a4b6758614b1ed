"""The composition root: builds engine, services, connectors and web app from the settings.

Nothing here runs at import time; :func:`build` wires, :meth:`Bot.run` runs until stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Engine

from bot.config import ConfigError, Settings
from bot.connectors.base import AuthFailed, Connector, ConnectorError
from bot.db.engine import make_engine
from bot.db.migrate import ensure_schema
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limits import SendBudget, Window
from bot.domain.registry import REPLIES
from bot.domain.staff import SYSTEM_INSTALL, SYSTEM_SCHEDULER
from bot.domain.tickets import TicketNumbering
from bot.services.announcements import AnnouncementService
from bot.services.intake import IntakeService, Outcome
from bot.services.listener import Listener, sleep_or_stop
from bot.services.registry import EXERCISE_PREFIX, RegistryService
from bot.services.sources import SourcesError, load_sources
from bot.services.templates import ReplyTemplates
from bot.services.users import UserService
from bot.triage import RuleTriage
from bot.triage.gazetteer import Gazetteer, Locator
from bot.triage.pipeline import Triager
from scheduler.runner import AnnouncementScheduler

_LOGGER = logging.getLogger(__name__)

# Adding a platform: its connector package, one line here, and its table in the config.
CONNECTOR_FACTORIES: dict[str, Callable[[Settings, Mapping[str, str]], Connector]] = {}


def _x_factory(settings: Settings, env: Mapping[str, str]) -> Connector:
    from bot.connectors.x.connector import XConnector

    x = settings.platforms.x
    return XConnector(x, env, default_retry_after=x.default_retry_after_seconds)


def _telegram_factory(settings: Settings, env: Mapping[str, str]) -> Connector:
    from bot.connectors.telegram.connector import TelegramConnector

    return TelegramConnector(settings.platforms.telegram, env)


CONNECTOR_FACTORIES["x"] = _x_factory
CONNECTOR_FACTORIES["telegram"] = _telegram_factory


def enabled_platforms(settings: Settings) -> list[str]:
    """Names of the platforms switched on in the config."""
    out = []
    if settings.platforms.x.enabled:
        out.append("x")
    if settings.platforms.telegram.enabled:
        out.append("telegram")
    return out


def is_telegram_group(chat_id: str) -> bool:
    """Groups and channels: negative ids (``-100...``) and public ``@usernames``."""
    return chat_id.startswith(("-", "@"))


def budgets_for(settings: Settings, platforms: list[str]) -> dict[str, SendBudget]:
    """Send budgets from the configured platform limits."""
    out: dict[str, SendBudget] = {}
    if "x" in platforms:
        x = settings.platforms.x
        out["x"] = SendBudget(
            [Window(x.posts_per_15min, 900.0), Window(x.posts_per_24h, 86400.0)],
            clock=time.monotonic,
        )
    if "telegram" in platforms:
        tg = settings.platforms.telegram
        out["telegram"] = SendBudget(
            [Window(max(1, int(tg.messages_per_second)), 1.0)],
            per_chat_seconds=1.0 / tg.per_chat_per_second,
            # A little over 60/20 s, so no 60-second window ever holds a 21st message.
            group_seconds=60.0 / tg.per_group_per_minute * 1.02,
            is_group=is_telegram_group,
            clock=time.monotonic,
        )
    return out


def build_triager(settings: Settings) -> Triager:
    """The configured triage (rules over the city's lexicons for now)."""
    locator = Locator()
    if settings.gazetteer.directory:
        try:
            locator = Locator(Gazetteer.load(Path(settings.gazetteer.directory)))
        except (OSError, ValueError) as exc:
            _LOGGER.error(
                "gazetteer at %s unusable (%s); places keep their written form",
                settings.gazetteer.directory, exc,
            )  # fmt: skip
    return RuleTriage(
        settings.category_codes, max_chars=settings.intake.max_text_chars, locator=locator
    )


_LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def exercise_problems(settings: Settings, env: Mapping[str, str]) -> list[str]:
    """Why exercise mode may not start with this configuration (empty: it may).

    Exercise mode never holds live endpoints or credentials: every enabled platform's API
    URL must be a loopback address (the simulators), and every credential it names must be a
    simulator credential (``sim-...``; Telegram ``<bot id>:sim-...``).
    """
    problems = []
    x, tg = settings.platforms.x, settings.platforms.telegram
    checks: list[tuple[str, bool, str, list[tuple[str, str]]]] = [
        ("x", x.enabled, x.api_base_url,
         [("bearer_token_env", x.bearer_token_env), ("consumer_key_env", x.consumer_key_env),
          ("consumer_secret_env", x.consumer_secret_env),
          ("access_token_env", x.access_token_env),
          ("access_token_secret_env", x.access_token_secret_env)]),
        ("telegram", tg.enabled, tg.api_base_url, [("token_env", tg.token_env)]),
    ]  # fmt: skip
    for platform, enabled, url, secrets in checks:
        host = (urlsplit(url).hostname or "").lower()
        if enabled and host not in _LOOPBACK_HOSTS and not host.startswith("127."):
            problems.append(
                f"platforms.{platform}.api_base_url is {url}, a live endpoint; in exercise "
                "mode posts go only to the simulators on 127.0.0.1"
            )
        for key, var in secrets:
            value = env.get(var, "")
            if value and not (
                value.startswith("sim-") or value.partition(":")[2].startswith("sim-")
            ):
                problems.append(
                    f"${var} (platforms.{platform}.{key}) holds what looks like a live "
                    "credential; exercise mode takes only simulator credentials (sim-...)"
                )
    return problems


def build_registry(settings: Settings, engine: Engine) -> RegistryService:
    """The registry, with the trusted sources validated (a bad file stops the bot)."""
    path = settings.announcements.approved_sources
    try:
        sources = load_sources(Path(path) if path else None)
    except SourcesError as exc:
        raise ConfigError(str(exc)) from exc
    return RegistryService(
        engine, sources, exercise=settings.exercise.enabled,
        categories=settings.category_codes, phone_311=settings.intake.phone_311,
    )  # fmt: skip


def install_defaults(settings: Settings, engine: Engine, registry: RegistryService) -> None:
    """System accounts, then the shipped reply set and cancel text, approved at install."""
    users = UserService(engine)
    users.ensure_system(SYSTEM_INSTALL)
    users.ensure_system(SYSTEM_SCHEDULER)
    for line in registry.load_shipped(settings.templates_path):
        _LOGGER.info("registry: %s", line)


def approved_reply_templates(settings: Settings, registry: RegistryService) -> ReplyTemplates:
    """The reply templates the bot may send: the registry's newest approved reply set."""
    current = registry.current(REPLIES)
    if current is None:
        raise ConfigError("the registry has no approved reply set; run `crisisbot db upgrade`")
    return ReplyTemplates(
        settings.templates_path, phone_311=settings.intake.phone_311,
        variants=current.variants, approved_as=(current.label, current.content_hash),
        prefix=f"{EXERCISE_PREFIX} " if settings.exercise.enabled else "",
    )  # fmt: skip


def build_intake(
    settings: Settings, engine: Engine, templates: ReplyTemplates | None = None
) -> IntakeService:
    """The intake service for ``settings`` on ``engine``."""
    if templates is None:
        templates = ReplyTemplates(settings.templates_path, phone_311=settings.intake.phone_311)
    return IntakeService(
        engine,
        build_triager(settings),
        templates,
        numbering=TicketNumbering(settings.tickets.number_format),
        max_text_chars=settings.intake.max_text_chars,
    )


@dataclass
class PlatformStatus:
    """What the console and /healthz show about one platform."""

    state: str = "starting"
    detail: str = ""


@dataclass
class Bot:
    """Everything ``crisisbot run`` runs, wired together."""

    settings: Settings
    engine: Engine
    intake: IntakeService
    dispatcher: Dispatcher
    connectors: dict[str, Connector]
    status: dict[str, PlatformStatus] = field(default_factory=dict)
    listeners: dict[str, Listener] = field(default_factory=dict)
    env: Mapping[str, str] = field(default_factory=dict)
    registry: RegistryService | None = None
    announcements: AnnouncementService | None = None
    scheduler: AnnouncementScheduler | None = None
    on_outcome: Callable[[Outcome], None] | None = None
    stop_event: asyncio.Event = field(default_factory=asyncio.Event)
    _work: asyncio.Event = field(default_factory=asyncio.Event)

    def notify_stored(self, _count: int = 0) -> None:
        """Wake the intake worker: new inbox rows are waiting."""
        self._work.set()

    async def run(self, *, serve_web: bool = True) -> None:
        """Run listeners, the intake worker, the dispatchers and the web app until stopped."""
        await asyncio.to_thread(self.dispatcher.seed_budgets)
        tasks = [asyncio.create_task(self._intake_worker(), name="intake")]
        if self.registry is not None:
            tasks.append(asyncio.create_task(self._follow_replies(), name="replies"))
        if self.announcements is not None and self.scheduler is None:
            self.scheduler = AnnouncementScheduler(
                self.announcements, on_posted=self.dispatcher.wake,
                sync_seconds=self.settings.announcements.sync_seconds,
            )  # fmt: skip
            self.scheduler.start()
        for name in self.connectors:
            tasks.append(asyncio.create_task(self._platform(name), name=f"platform-{name}"))
        server = None
        if serve_web and self.settings.web.enabled:
            from bot.web.app import serve

            server = await serve(self)
        try:
            await self.stop_event.wait()
        finally:
            if server is not None:
                server.should_exit = True
            if self.scheduler is not None:
                self.scheduler.shutdown()
            self._work.set()
            self.dispatcher.wake()
            done, pending = await asyncio.wait(tasks, timeout=15)
            for task in pending:
                task.cancel()
            for task in done:
                if not task.cancelled() and task.exception() is not None:
                    _LOGGER.error("task %s failed: %s", task.get_name(), task.exception())
            if server is not None:
                await server.wait_closed()
            for connector in self.connectors.values():
                try:
                    await connector.stop()
                except Exception:
                    _LOGGER.exception("stopping %s failed", connector.platform)
            self.engine.dispose()

    async def _follow_replies(self, every: float = 5.0) -> None:
        """Switch to a newly approved reply set without a restart."""
        assert self.registry is not None
        registry = self.registry
        while not self.stop_event.is_set():
            await sleep_or_stop(self.stop_event, every)
            try:
                current = await asyncio.to_thread(registry.current, REPLIES)
            except Exception:
                _LOGGER.exception("registry: cannot read the reply set; keeping the current one")
                continue
            approved_as = self.intake.templates.approved_as
            if current is None or (approved_as and approved_as[1] == current.content_hash):
                continue
            self.intake.templates = approved_reply_templates(self.settings, registry)
            _LOGGER.info("replies: now using %s, approved by %s", current.label,
                         current.decided_by)  # fmt: skip

    def stop(self) -> None:
        """Ask :meth:`run` to finish (signal-safe)."""
        self.stop_event.set()

    async def _intake_worker(self) -> None:
        # One thread for intake: ticket numbers come from per-thread blocks, so a pool of
        # threads would hand residents numbers from several blocks (SR-000001, SR-000101...).
        loop = asyncio.get_running_loop()
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="intake")
        try:
            await self._intake_loop(loop, executor)
        finally:
            executor.shutdown(wait=False)

    async def _intake_loop(
        self, loop: asyncio.AbstractEventLoop, executor: ThreadPoolExecutor
    ) -> None:
        idle = self.settings.intake.idle_sleep_seconds
        batch = self.settings.intake.batch_size
        backoff = self.settings.delivery.base_backoff_seconds
        while not self.stop_event.is_set():
            self._work.clear()
            try:
                outcomes = await loop.run_in_executor(executor, self.intake.process_pending, batch)
            except Exception:
                # The database is unreachable or locked: nothing was claimed, retry later.
                _LOGGER.exception("intake worker: processing failed; retry in %.1fs", backoff)
                await sleep_or_stop(self.stop_event, backoff)
                backoff = min(backoff * 2, self.settings.delivery.max_backoff_seconds)
                continue
            backoff = self.settings.delivery.base_backoff_seconds
            if outcomes:
                self.dispatcher.wake()
                if self.on_outcome is not None:
                    for outcome in outcomes:
                        self.on_outcome(outcome)
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._work.wait(), timeout=idle)

    async def _platform(self, name: str) -> None:
        connector = self.connectors[name]
        status = self.status.setdefault(name, PlatformStatus())
        backoff = 1.0
        while not self.stop_event.is_set():
            try:
                await connector.start()
                break
            except AuthFailed as exc:
                status.state, status.detail = "stopped", f"credentials refused: {exc}"
                _LOGGER.error("%s: credentials refused, connector stopped: %s", name, exc)
                return
            except ConnectorError as exc:
                status.state, status.detail = "retrying", str(exc)
                _LOGGER.warning("%s: cannot start (%s); retry in %.0fs", name, exc, backoff)
                await sleep_or_stop(self.stop_event, backoff)
                backoff = min(backoff * 2, 60.0)
        if self.stop_event.is_set():
            return
        if not self._polls(name) and not await self._register_webhook(name, connector):
            return
        status.state, status.detail = "running", ""
        _LOGGER.info("%s: connected", name)
        jobs = [self.dispatcher.run(name, self.stop_event)]
        if self._polls(name):
            listener = Listener(
                connector,
                self.intake,
                poll_interval=self._poll_interval(name),
                on_stored=self.notify_stored,
                base_backoff=self.settings.delivery.base_backoff_seconds,
                max_backoff=self.settings.delivery.max_backoff_seconds,
            )
            self.listeners[name] = listener
            jobs.append(self._listen(name, listener))
        await asyncio.gather(*jobs)

    async def _listen(self, name: str, listener: Listener) -> None:
        await listener.run(self.stop_event)
        if listener.stopped_reason is not None:
            # One failing platform stops itself; the others keep working.
            self.status[name] = PlatformStatus("stopped", listener.stopped_reason)
            self.dispatcher.state[name].stopped_reason = listener.stopped_reason

    async def _register_webhook(self, name: str, connector: Connector) -> bool:
        """Point Telegram at ``[web] public_url``/telegram/webhook with the secret token."""
        tg = self.settings.platforms.telegram
        secret = self.env.get(tg.secret_token_env, "")
        public = self.settings.web.public_url
        status = self.status[name]
        if not secret or not public:
            status.state = "stopped"
            status.detail = (
                f"webhook mode needs [web] public_url and the secret in ${tg.secret_token_env}"
            )
            _LOGGER.error("%s: %s", name, status.detail)
            return False
        set_webhook = getattr(connector, "set_webhook", None)
        if set_webhook is None:
            status.state, status.detail = "stopped", "connector has no webhook mode"
            return False
        url = public.rstrip("/") + "/telegram/webhook"
        backoff = self.settings.delivery.base_backoff_seconds
        while not self.stop_event.is_set():
            try:
                await set_webhook(url, secret)
                _LOGGER.info("%s: webhook registered at %s", name, url)
                return True
            except AuthFailed as exc:
                status.state, status.detail = "stopped", f"credentials refused: {exc}"
                return False
            except ConnectorError as exc:
                _LOGGER.warning("%s: cannot set the webhook (%s); retrying", name, exc)
                await sleep_or_stop(self.stop_event, backoff)
                backoff = min(backoff * 2, self.settings.delivery.max_backoff_seconds)
        return False

    def _polls(self, name: str) -> bool:
        return not (name == "telegram" and self.settings.platforms.telegram.mode == "webhook")

    def _poll_interval(self, name: str) -> float:
        if name == "x":
            return self.settings.platforms.x.poll_interval_seconds
        return 0.0  # Telegram long-polls: getUpdates waits for news itself.


def build(
    settings: Settings,
    *,
    env: Mapping[str, str] | None = None,
    connectors: Mapping[str, Connector] | None = None,
    migrate: bool = True,
) -> Bot:
    """Wire a :class:`Bot` from ``settings`` (secrets from ``env``, default os.environ)."""
    environ = os.environ if env is None else env
    if settings.exercise.enabled:
        problems = exercise_problems(settings, environ)
        if problems:
            raise ConfigError("exercise mode refuses to start:\n  " + "\n  ".join(problems))
    engine = make_engine(settings.database.url, echo=settings.database.echo)
    if migrate and ensure_schema(engine):
        _LOGGER.info("database schema created or upgraded")
    registry = build_registry(settings, engine)
    install_defaults(settings, engine, registry)
    status: dict[str, PlatformStatus] = {}
    if connectors is None:
        built: dict[str, Connector] = {}
        for name in enabled_platforms(settings):
            try:
                built[name] = CONNECTOR_FACTORIES[name](settings, environ)
            except AuthFailed as exc:
                # A missing secret stops this platform only; the others start normally.
                _LOGGER.error("%s: not started: %s", name, exc)
                status[name] = PlatformStatus("stopped", str(exc))
        connectors = built
    intake = build_intake(settings, engine, approved_reply_templates(settings, registry))
    delivery = settings.delivery
    dispatcher = Dispatcher(
        engine,
        connectors,
        budgets_for(settings, list(connectors)),
        approved=registry.reproduces,
        base_backoff=delivery.base_backoff_seconds,
        max_backoff=delivery.max_backoff_seconds,
        max_rate_limit_wait=delivery.max_rate_limit_wait_seconds,
        idle_sleep=delivery.idle_sleep_seconds,
        verify_grace=delivery.verify_grace_seconds,
    )
    targets = dict(settings.announcements.channels)
    if "x" in connectors:
        targets.setdefault("x", "timeline")
    announcements = AnnouncementService(
        engine, registry, {k: v for k, v in targets.items() if k.split(".")[0] in connectors},
        exercise=settings.exercise.enabled,
        late_after=timedelta(seconds=settings.announcements.late_after_seconds),
        timezone=settings.announcements.timezone,
    )  # fmt: skip
    return Bot(
        settings, engine, intake, dispatcher, dict(connectors), status=status, env=environ,
        registry=registry, announcements=announcements,
    )  # fmt: skip
