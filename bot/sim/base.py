"""Shared machinery of the simulators: a threaded aiohttp server and per-route fault injection.

Each simulator runs its own event loop in a daemon thread, so tests and the demo can drive it
from synchronous code and the bot under test (in the same process or another) talks to it
over real HTTP on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Literal, TypeVar

from aiohttp import web

_LOGGER = logging.getLogger(__name__)

_T = TypeVar("_T")

FaultKind = Literal[
    "429",  # 429 with the platform's reset information (X x-rate-limit-reset, TG retry_after)
    "429_bare",  # 429 with no reset header / no retry_after
    "500_json",  # 5xx with a JSON error body
    "502_html",  # 5xx with an HTML body, as a proxy in front of the API sends it
    "delay",  # answer only after ``delay`` seconds (past the client's timeout)
    "drop",  # close the TCP connection without answering
    "garbage",  # 200 with a body that is not JSON
    "401",  # credentials refused
]


@dataclass(slots=True)
class Fault:
    """One fault to apply to the next matching request."""

    kind: FaultKind
    delay: float = 15.0
    retry_after: int = 1


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class FaultInjector:
    """Queues of faults per route; ``"*"`` matches every route. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[str, deque[Fault]] = {}
        self._persistent: dict[str, Fault] = {}
        self.applied: list[tuple[str, FaultKind]] = []

    def inject(self, route: str, fault: Fault, times: int = 1) -> None:
        """Apply ``fault`` to the next ``times`` requests on ``route`` (``"*"``: any route)."""
        with self._lock:
            self._queues.setdefault(route, deque()).extend([fault] * times)

    def set_persistent(self, route: str, fault: Fault | None) -> None:
        """Apply ``fault`` to every request on ``route`` until cleared with ``None``."""
        with self._lock:
            if fault is None:
                self._persistent.pop(route, None)
            else:
                self._persistent[route] = fault

    def clear(self) -> None:
        """Forget every queued and persistent fault."""
        with self._lock:
            self._queues.clear()
            self._persistent.clear()

    def take(self, route: str) -> Fault | None:
        """Pop the fault for this request, if any."""
        with self._lock:
            for key in (route, "*"):
                if key in self._persistent:
                    fault = self._persistent[key]
                    self.applied.append((route, fault.kind))
                    return fault
            for key in (route, "*"):
                queue = self._queues.get(key)
                if queue:
                    fault = queue.popleft()
                    self.applied.append((route, fault.kind))
                    return fault
        return None

    def pending(self) -> int:
        """How many one-shot faults are still queued."""
        with self._lock:
            return sum(len(q) for q in self._queues.values())


async def drop_connection(request: web.Request) -> web.StreamResponse:
    """Close the client's connection without sending a byte, like a crashed proxy."""
    transport = request.transport
    if transport is not None:
        transport.abort()
    # aiohttp needs a response object; the connection is already gone.
    return web.Response(status=500)


def html_error(status: int) -> web.Response:
    """An HTML error page, as a load balancer in front of an API returns it."""
    body = (
        f"<html><head><title>{status}</title></head>"
        f"<body><h1>{status} {HTTPStatus(status).phrase}</h1></body></html>"
    )
    return web.Response(status=status, text=body, content_type="text/html")


def garbage() -> web.Response:
    """A 200 whose body is not JSON."""
    return web.Response(status=200, text='{"ok": tru', content_type="application/json")


def json_response(
    payload: object, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """JSON response with compact separators, as the platforms send it."""
    return web.Response(
        status=status,
        text=json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
        content_type="application/json",
        headers=headers,
    )


class ThreadedServer:
    """Runs an aiohttp application on 127.0.0.1 in a daemon thread with its own loop."""

    def __init__(self, app: web.Application, host: str = "127.0.0.1", port: int = 0) -> None:
        self._app = app
        self._host = host
        self._port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._started = threading.Event()
        self._error: BaseException | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` once started."""
        return f"http://{self._host}:{self.port}"

    def start(self) -> None:
        """Start serving; returns when the socket is listening."""
        self._thread = threading.Thread(target=self._run, name="sim-server", daemon=True)
        self._thread.start()
        self._started.wait(10)
        if self._error is not None:
            raise RuntimeError("simulator failed to start") from self._error

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._serve())
        except BaseException as exc:  # pragma: no cover - reported to start()
            self._error = exc
            self._started.set()
            loop.close()
            return
        self._started.set()
        loop.run_forever()
        loop.run_until_complete(self._shutdown())
        loop.close()

    async def _serve(self) -> None:
        self._runner = web.AppRunner(self._app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        self.port = sockets[0].getsockname()[1] if sockets else self._port

    async def _shutdown(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        # Handlers still running (a long poll, a delayed answer) would otherwise be destroyed
        # pending when the loop closes ("Task was destroyed but it is pending!").
        current = asyncio.current_task()
        leftovers = [t for t in asyncio.all_tasks() if t is not current]
        for task in leftovers:
            task.cancel()
        await asyncio.gather(*leftovers, return_exceptions=True)
        loop = asyncio.get_running_loop()
        await loop.shutdown_asyncgens()

    def call(self, fn: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
        """Run a coroutine factory on the server's loop and wait for its result."""
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(fn(), self._loop).result(30)

    def stop(self) -> None:
        """Stop serving and join the thread."""
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop = None


def now() -> float:
    """Wall-clock seconds (separate so tests could patch it)."""
    return time.time()
