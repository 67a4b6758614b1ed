"""Starlette app served by the bot's own process: ``/``, ``/healthz``, the Telegram webhook."""

from __future__ import annotations

import asyncio
import hmac
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import uvicorn
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import func, literal, select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from bot.connectors.telegram.convert import webhook_update
from bot.db.models import InboxMessage, OutboxItem, ServiceRequest
from bot.domain.triage import Intent

if TYPE_CHECKING:
    from bot.bootstrap import Bot

_LOGGER = logging.getLogger(__name__)
_PAGES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=select_autoescape(default=True),
)
MAX_WEBHOOK_BYTES = 1_000_000


def _recent(bot: Bot, limit: int = 50, topic: str | None = None) -> dict[str, Any]:
    with bot.engine.connect() as conn:
        tickets = conn.execute(
            select(ServiceRequest.__table__).order_by(ServiceRequest.id.desc()).limit(limit)
        ).all()
        replies = conn.execute(
            select(OutboxItem.__table__).order_by(OutboxItem.id.desc()).limit(limit)
        ).all()
        # What the bot read and left without a ticket, so staff can catch a missed report.
        # The value inline, not bound: a partial index serves only a query whose WHERE
        # visibly implies the index's own.
        quiet_query = select(InboxMessage.__table__).where(
            InboxMessage.intent == literal(Intent.NOT_ACTIONABLE.value, literal_execute=True)
        )
        if topic:
            quiet_query = quiet_query.where(InboxMessage.category == topic)
        quiet = conn.execute(quiet_query.order_by(InboxMessage.id.desc()).limit(limit)).all()
        counts = _counts(conn)
    return {
        "tickets": tickets, "replies": replies, "quiet": quiet, "topic": topic, "counts": counts,
    }  # fmt: skip


def _counts(conn: Any) -> dict[str, int]:
    inbox = dict(
        conn.execute(select(InboxMessage.status, func.count()).group_by(InboxMessage.status)).all()
    )
    outbox = dict(
        conn.execute(select(OutboxItem.status, func.count()).group_by(OutboxItem.status)).all()
    )
    tickets = conn.execute(select(func.count()).select_from(ServiceRequest)).scalar() or 0
    return {
        "inbox_new": int(inbox.get("new", 0)),
        "inbox_failed": int(inbox.get("failed", 0)),
        "inbox_done": int(inbox.get("done", 0)),
        "tickets": int(tickets),
        "outbox_pending": int(outbox.get("pending", 0)) + int(outbox.get("sending", 0)),
        "outbox_sent": int(outbox.get("sent", 0)),
        "outbox_failed": int(outbox.get("failed", 0)),
        "outbox_uncertain": int(outbox.get("uncertain", 0)),
    }


def _health_counts(bot: Bot) -> dict[str, int]:
    with bot.engine.connect() as conn:
        return _counts(conn)


def create_app(bot: Bot) -> Starlette:
    """The ASGI application for ``bot``."""
    secret_var = bot.settings.platforms.telegram.secret_token_env
    webhook_secret = bot.env.get(secret_var, "")

    async def index(request: Request) -> Response:
        # ?topic=flooding: only the quiet messages about that service.
        topic = request.query_params.get("topic", "")[:64] or None
        data = await asyncio.to_thread(_recent, bot, 50, topic)
        page = _PAGES.get_template("index.html").render(
            **data, platforms=bot.status, dispatch=bot.dispatcher.state
        )
        return HTMLResponse(page)

    async def healthz(_request: Request) -> Response:
        try:
            counts = await asyncio.to_thread(_health_counts, bot)
        except Exception as exc:  # the database is down: say so, with a 503
            _LOGGER.warning("health check: database unavailable: %s", exc)
            return JSONResponse({"status": "error", "database": "unavailable"}, status_code=503)
        platforms = {n: {"state": s.state, "detail": s.detail} for n, s in bot.status.items()}
        return JSONResponse({"status": "ok", "database": "ok", "platforms": platforms, **counts})

    async def telegram_webhook(request: Request) -> Response:
        tg = bot.settings.platforms.telegram
        if not tg.enabled or tg.mode != "webhook":
            return JSONResponse({"error": "webhook mode is off"}, status_code=404)
        given = request.headers.get("x-telegram-bot-api-secret-token", "")
        if not webhook_secret or not hmac.compare_digest(given.encode(), webhook_secret.encode()):
            return JSONResponse({"error": "bad secret token"}, status_code=401)
        body = await request.body()
        if len(body) > MAX_WEBHOOK_BYTES:
            return JSONResponse({"error": "body too large"}, status_code=413)
        try:
            message = webhook_update(body)
        except ValueError as exc:
            # Telegram would redeliver a 5xx forever; a malformed body will never get better.
            return JSONResponse({"error": str(exc)}, status_code=400)
        if message is not None:
            # Stored (committed) before the 200 that acknowledges it to Telegram.
            new = await asyncio.to_thread(bot.intake.store, [message])
            if new:
                bot.notify_stored(new)
        return JSONResponse({"ok": True})

    return Starlette(
        routes=[
            Route("/", index),
            Route("/healthz", healthz),
            Route("/telegram/webhook", telegram_webhook, methods=["POST"]),
        ]
    )


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: the bot's run loop owns SIGINT/SIGTERM."""

    def install_signal_handlers(self) -> None:  # pragma: no cover - older uvicorn
        return

    def capture_signals(self) -> Any:
        import contextlib

        return contextlib.nullcontext()


class WebServer:
    """A running uvicorn server inside the bot's event loop."""

    def __init__(self, server: _Server, task: asyncio.Task[None]) -> None:
        self._server = server
        self._task = task

    @property
    def should_exit(self) -> bool:
        """Whether shutdown was requested."""
        return bool(self._server.should_exit)

    @should_exit.setter
    def should_exit(self, value: bool) -> None:
        self._server.should_exit = value

    async def wait_closed(self) -> None:
        """Wait for uvicorn to finish."""
        await asyncio.wait([self._task], timeout=10)


async def serve(bot: Bot) -> WebServer:
    """Start serving on ``[web] host:port``; returns once the socket is listening."""
    config = uvicorn.Config(
        create_app(bot),
        host=bot.settings.web.host,
        port=bot.settings.web.port,
        log_level="warning",
        lifespan="off",
        access_log=False,
    )
    server = _Server(config)
    task = asyncio.create_task(server.serve(), name="web")
    for _ in range(200):
        if server.started or task.done():
            break
        await asyncio.sleep(0.05)
    if task.done() and task.exception() is not None:
        raise RuntimeError(
            f"web console could not listen on {bot.settings.web.host}:{bot.settings.web.port}"
        ) from task.exception()
    return WebServer(server, task)
