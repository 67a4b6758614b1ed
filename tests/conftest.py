"""Shared fixtures: the offline guard, SQLite and PostgreSQL engines, and intake building blocks.

PostgreSQL tests run against a real server (``CRISISBOT_TEST_POSTGRES_URL``, default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``). Each test session creates its own
database there and drops it at the end; tables are truncated before every test. When the
server cannot be reached the PostgreSQL variants are skipped, except in CI (``CI`` set) or
with ``CRISISBOT_REQUIRE_POSTGRES=1``, where that is a failure.
"""

from __future__ import annotations

import ipaddress
import itertools
import os
import socket
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from bot.config import DEFAULT_CATEGORIES
from bot.db.engine import make_engine
from bot.db.migrate import ensure_schema
from bot.db.models import Base
from bot.domain.messages import InboundMessage
from bot.services.intake import IntakeService
from bot.services.templates import ReplyTemplates
from bot.triage.pipeline import RuleTriage

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


# -- no test reaches the internet ---------------------------------------------------------
def _is_loopback(family: int, address: Any) -> bool:
    if family == getattr(socket, "AF_UNIX", object()):
        return True
    if not isinstance(address, tuple) or not address:
        return False
    host = address[0]
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).split("%", 1)[0]  # IPv6 zone id
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False  # a host name other than localhost: never resolved, never allowed
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


class NetworkAccessBlocked(RuntimeError):
    """A test tried to open a connection to a non-loopback address."""


@pytest.fixture(autouse=True, scope="session")
def _offline_guard() -> Iterator[None]:
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def connect(self: socket.socket, address: Any) -> None:
        if not _is_loopback(self.family, address):
            raise NetworkAccessBlocked(f"test tried to connect to {address!r}")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if not _is_loopback(self.family, address):
            raise NetworkAccessBlocked(f"test tried to connect to {address!r}")
        return real_connect_ex(self, address)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", connect)
        mp.setattr(socket.socket, "connect_ex", connect_ex)
        yield


# -- the compiled-lexicon cache: one of the suite's own, not the user's ------------------
_CACHE_DIR: tempfile.TemporaryDirectory[str] | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Every bot the suite starts (in-process or a subprocess) shares a fresh cache directory
    (see bot/triage/regex_cache.py), unless CRISISBOT_CACHE_DIR is set."""
    global _CACHE_DIR
    if "CRISISBOT_CACHE_DIR" not in os.environ:
        _CACHE_DIR = tempfile.TemporaryDirectory(prefix="crisisbot-cache-")
        os.environ["CRISISBOT_CACHE_DIR"] = _CACHE_DIR.name


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CACHE_DIR is not None:
        os.environ.pop("CRISISBOT_CACHE_DIR", None)
        _CACHE_DIR.cleanup()


# -- databases ----------------------------------------------------------------------------
@pytest.fixture
def sqlite_engine(tmp_path: Any) -> Iterator[Engine]:
    """A fresh, migrated SQLite file database (WAL, as in production)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'crisisbot.db'}")
    try:
        ensure_schema(engine)
        yield engine
    finally:
        engine.dispose()


def _postgres_required() -> bool:
    return bool(os.environ.get("CI")) or os.environ.get("CRISISBOT_REQUIRE_POSTGRES") == "1"


@pytest.fixture(scope="session")
def _pg_session_engine() -> Iterator[Engine]:
    base_url = make_url(os.environ.get("CRISISBOT_TEST_POSTGRES_URL", DEFAULT_PG_URL))
    if base_url.drivername in ("postgresql", "postgres"):
        base_url = base_url.set(drivername="postgresql+psycopg")
    admin = create_engine(
        base_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
    )
    name = f"crisisbot_test_{uuid.uuid4().hex[:16]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        where = base_url.render_as_string(hide_password=True)
        reason = f"PostgreSQL not reachable at {where}: {type(exc).__name__}: {exc}"
        if _postgres_required():
            pytest.fail(f"{reason} (required: CI or CRISISBOT_REQUIRE_POSTGRES=1)")
        pytest.skip(f"{reason}; set CRISISBOT_TEST_POSTGRES_URL to run the PostgreSQL tests")
    engine = make_engine(base_url.set(database=name).render_as_string(hide_password=False))
    try:
        ensure_schema(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_engine(_pg_session_engine: Engine) -> Iterator[Engine]:
    """The session's PostgreSQL database, emptied (identities restarted) for this test."""
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with _pg_session_engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield _pg_session_engine
    # Connections checked back in; nothing a test opened outlives it.
    _pg_session_engine.pool.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Engine:
    """The same test on SQLite and on PostgreSQL."""
    name = "sqlite_engine" if request.param == "sqlite" else "pg_engine"
    result: Engine = request.getfixturevalue(name)
    return result


# -- intake building blocks ---------------------------------------------------------------
@pytest.fixture(scope="session")
def triager() -> RuleTriage:
    """The rule triage with the default service list; its language model loads once."""
    rules = RuleTriage(DEFAULT_CATEGORIES)
    rules.triage("warm up the language model")
    return rules


@pytest.fixture(scope="session")
def templates() -> ReplyTemplates:
    """The repository's approved reply templates."""
    return ReplyTemplates(phone_311="311 (or 215-686-8686)")


@pytest.fixture
def intake(engine: Engine, triager: RuleTriage, templates: ReplyTemplates) -> IntakeService:
    """An intake service on the parametrized engine."""
    return IntakeService(engine, triager, templates)


MessageFactory = Callable[..., InboundMessage]
_ids = itertools.count(1)


@pytest.fixture
def make_message() -> MessageFactory:
    """Build an :class:`InboundMessage` with unique ids; override any field by keyword."""

    def build(text: str, **fields: Any) -> InboundMessage:
        n = next(_ids)
        values: dict[str, Any] = {
            "platform": "telegram",
            "external_id": f"ext-{uuid.uuid4().hex}-{n}",
            "author_id": "resident-1",
            "chat_id": "chat-1",
            "text": text,
            "received_at": datetime.now(UTC),
            "reply_ref": str(n),
        }
        values.update(fields)
        return InboundMessage(**values)

    return build
