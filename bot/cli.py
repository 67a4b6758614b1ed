"""The ``crisisbot`` command: run, demo, db upgrade, triage."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
import sys
from pathlib import Path
from typing import Any

import click

from bot.cli_staff import register as register_staff_commands
from bot.config import ConfigError, Settings, load_settings

_LOGGER = logging.getLogger("bot")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        datefmt="%H:%M:%S",
    )
    # Client libraries log request URLs and headers (tokens) at INFO/DEBUG.
    for noisy in ("httpx", "httpcore", "tweepy", "requests_oauthlib", "oauthlib", "urllib3",
                  "telegram", "apscheduler", "aiohttp.access", "alembic"):  # fmt: skip
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _settings(config: str | None) -> Settings:
    try:
        return load_settings(config)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Debug logging.")
def main(verbose: bool) -> None:
    """Crisis-communication bot for a city's 311 service."""
    _setup_logging(verbose)


async def _run_until_signal(bot: Any, *, serve_web: bool = True) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, bot.stop)
    await bot.run(serve_web=serve_web)


@main.command()
@click.option("--config", "config", type=click.Path(dir_okay=False), help="TOML settings file.")
def run(config: str | None) -> None:
    """Run the bot: listen, triage, ticket, reply, serve the console."""
    from bot.bootstrap import build

    settings = _settings(config)
    try:
        bot = build(settings)
    except ConfigError as exc:  # e.g. exercise mode with a live endpoint: one clear line
        raise click.ClickException(str(exc)) from exc
    _LOGGER.info(
        "crisisbot running: platforms %s, console http://%s:%s/",
        ", ".join(bot.connectors) or "none",
        settings.web.host,
        settings.web.port,
    )
    asyncio.run(_run_until_signal(bot))
    _LOGGER.info("crisisbot stopped")


@main.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="TOML settings file.")
def db_upgrade(config: str | None) -> None:
    """Create or migrate the schema to the newest revision."""
    from bot.db.engine import make_engine
    from bot.db.migrate import current_revision, upgrade

    settings = _settings(config)
    engine = make_engine(settings.database.url)
    try:
        upgrade(engine)
        click.echo(f"database at revision {current_revision(engine)}")
    finally:
        engine.dispose()


@main.command()
@click.option("--config", "config", type=click.Path(dir_okay=False), help="TOML settings file.")
def triage(config: str | None) -> None:
    """Triage JSON Lines {"id","text"} from stdin; one JSON object per line on stdout."""
    from bot.bootstrap import build_triager

    settings = _settings(config)
    triager = build_triager(settings)
    out = sys.stdout
    for lineno, line in enumerate(sys.stdin, 1):
        line = line.strip()
        if not line:
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            out.write(json.dumps({"id": None, "line": lineno, "error": f"bad JSON: {exc}"}) + "\n")
            continue
        text = item.get("text")
        result_id = item.get("id")
        if not isinstance(text, str):
            out.write(json.dumps({"id": result_id, "error": "'text' must be a string"}) + "\n")
            continue
        hint = item.get("language") if isinstance(item.get("language"), str) else None
        result = triager.triage(text, language_hint=hint)
        out.write(json.dumps({"id": result_id, **result.as_json()}, ensure_ascii=False) + "\n")
    out.flush()


@main.command()
@click.option("--port", default=8311, show_default=True, help="Console port.")
@click.option("--db", "db_path", default="var/demo.db", show_default=True,
              help="SQLite file (recreated at each start).")  # fmt: skip
@click.option("--speed", default=1.0, show_default=True, help="Script speed factor.")
def demo(port: int, db_path: str, speed: float) -> None:
    """A storm evening in Philadelphia on simulated X and Telegram (what `make run` runs)."""
    from bot.demo import run_demo

    path = Path(db_path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    run_demo(port=port, db_path=path, speed=speed)


register_staff_commands(main)

if __name__ == "__main__":  # pragma: no cover
    main()
