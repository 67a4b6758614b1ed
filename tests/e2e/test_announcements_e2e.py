"""Announcements end to end: the real tweepy and python-telegram-bot against both simulators.

Staff draft, a second person approves, a coordinator schedules; the bot posts exactly the
approved words, once per channel and language, at the scheduled time, threads an Update and
the pre-approved Cancel under the original, and never sends a row whose hash is not an
approved version's. A recurring schedule survives ``kill -9`` without doubling or skipping a
still-valid occurrence; exercise mode refuses live endpoints and credentials and prefixes
every post. Each on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, insert, select

from bot.bootstrap import build
from bot.cli import main
from bot.db.models import ANNOUNCEMENT_RUNS, ANNOUNCEMENTS, OUTBOX
from bot.domain.registry import Version
from bot.domain.staff import Actor
from bot.services.announcements import AnnouncementError, AnnouncementService
from bot.services.registry import RegistryService
from bot.services.sources import load_sources
from bot.services.users import UserService
from bot.sim.telegram import TelegramSimulator
from bot.sim.x import XSimulator
from tests.e2e.conftest import bot_settings, db_url
from tests.e2e.driver import ENV, BotThread, wait_for

ROOT = Path(__file__).resolve().parents[2]
CHANNEL = "@phl_alerts"
LANGS = ("en", "es")
ALERT = {
    "en": "FLOOD WARNING for {{ area }} until 11:45 PM. Turn Around, Don't Drown. Call 911 "
    "if a life is in danger; report flooding to 311.",
    "es": "AVISO DE INUNDACIÓN para {{ area }} hasta las 11:45 PM. No cruce calles "
    "inundadas. Llame al 911 si una vida corre peligro; reporte inundaciones al 311.",
}
UPDATE = {
    "en": "UPDATE: the flood warning for {{ area }} now runs until 2:00 AM. Stay off "
    "flooded streets.",
    "es": "ACTUALIZACIÓN: el aviso de inundación para {{ area }} sigue hasta las 2:00 AM. "
    "No transite por calles inundadas.",
}


# -- building blocks ------------------------------------------------------------------------
@dataclass
class Staff:
    """Three people: one drafts, a second approves, a third schedules."""

    drafter: Actor
    approver: Actor
    coordinator: Actor
    tokens: dict[str, str]


def _staff(engine: Engine) -> Staff:
    users = UserService(engine)
    tokens = {
        name: users.add(name, role)
        for name, role in (("dora", "drafter"), ("abe", "approver"), ("cole", "coordinator"))
    }
    actors = [users.authenticate(tokens[n]) for n in ("dora", "abe", "cole")]
    return Staff(*actors, tokens=tokens)


def _content(variants: dict[str, str], *, channels: list[str] | None = None) -> dict[str, Any]:
    return {
        "variants": dict(variants),
        "variables": {"area": {"value": "Eastwick, Manayunk"}},
        "meta": {
            "event": "Flood Warning", "severity": "Severe", "urgency": "Immediate",
            "certainty": "Likely", "channels": channels or ["x", "telegram"],
            "languages": list(LANGS), "sources": ["nws_phi", "phl_oem"],
            "expires": (datetime.now(UTC) + timedelta(hours=6)).isoformat(),
        },
    }  # fmt: skip


def _approved(
    registry: RegistryService, staff: Staff, name: str, variants: dict[str, str], **kw: Any
) -> Version:
    """Drafted by the drafter, submitted, approved by the approver (two people)."""
    draft = registry.create_draft(staff.drafter, name, _content(variants, **kw))
    registry.submit(staff.drafter, draft.label)
    approved = registry.approve(staff.approver, draft.label, note="checked against NWS")
    assert (approved.author, approved.decided_by) == ("dora", "abe")
    return approved


def _texts(registry: RegistryService, version: Version, *, prefix: str = "") -> dict[str, str]:
    """What each language variant of ``version`` posts."""
    values = registry.resolve_values(version, {})
    return {lang: prefix + registry.render(version, lang, values) for lang in LANGS}


def _outbox(engine: Engine, announcement_id: int) -> list[Any]:
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(OUTBOX)
                .where(OUTBOX.c.announcement_id == announcement_id)
                .order_by(OUTBOX.c.id)
            ).all()
        )


def _runs(engine: Engine, announcement_id: int) -> list[Any]:
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(ANNOUNCEMENT_RUNS)
                .where(ANNOUNCEMENT_RUNS.c.announcement_id == announcement_id)
                .order_by(ANNOUNCEMENT_RUNS.c.due_at)
            ).all()
        )


def _x_time(post: dict[str, Any]) -> float:
    return datetime.fromisoformat(post["created_at"].replace("Z", "+00:00")).timestamp()


@pytest.fixture
def channel_sims(
    x_sim: XSimulator, tg_sim: TelegramSimulator
) -> tuple[XSimulator, TelegramSimulator]:
    """Both simulators, X refusing duplicate text as X does, and the city's alert channel."""
    x_sim.reject_duplicates = True
    tg_sim.add_channel(CHANNEL, title="Philadelphia Alerts")
    return x_sim, tg_sim


def _running_bot(engine: Engine, x: XSimulator, tg: TelegramSimulator) -> BotThread:
    settings = bot_settings(db_url(engine), x, tg)
    settings.announcements.channels = {"telegram": CHANNEL}
    settings.announcements.sync_seconds = 0.2
    return BotThread(build(settings, env=ENV))


# -- 1. schedule, post once everywhere at the right time, update, cancel ----------------------
def test_announce_update_cancel_on_both_platforms(
    engine: Engine, channel_sims: tuple[XSimulator, TelegramSimulator]
) -> None:
    x, tg = channel_sims
    staff = _staff(engine)
    registry = RegistryService(engine, load_sources())
    alert = _approved(registry, staff, "flood_alert", ALERT)
    update = _approved(registry, staff, "flood_update", UPDATE)
    with _running_bot(engine, x, tg) as runner:
        bot = runner.bot
        assert bot.announcements is not None
        assert bot.registry is not None
        cancel = bot.registry.current("cancel")
        assert cancel is not None
        assert cancel.decided_by == "system:install"
        at = datetime.now(UTC) + timedelta(seconds=2)
        original = bot.announcements.announce(
            staff.coordinator, "flood_alert", at=at, channels=["x", "telegram"]
        )
        wait_for(
            lambda: len(x.posts()) >= 2 and len(tg.sent_to(CHANNEL)) >= 2,
            15,
            what="the announcement on X and Telegram",
        )
        expected = _texts(registry, alert)
        x_posts, tg_posts = x.posts(), tg.sent_to(CHANNEL)
        # Once per platform and language, the same words on both, none of them a reply.
        assert sorted(p["text"] for p in x_posts) == sorted(expected.values())
        assert sorted(p["text"] for p in tg_posts) == sorted(expected.values())
        assert all(p["in_reply_to_tweet_id"] is None for p in x_posts)
        assert all(p["reply_to_message_id"] is None for p in tg_posts)
        # Not before the scheduled time; a generous bound after it.
        due = at.timestamp()
        times = [_x_time(p) for p in x_posts] + [p["time"] for p in tg_posts]
        assert all(due - 0.001 <= t <= due + 5 for t in times), (due, times)
        x_by_lang = {
            lang: next(p for p in x_posts if p["text"] == expected[lang]) for lang in LANGS
        }
        tg_by_lang = {
            lang: next(p for p in tg_posts if p["text"] == expected[lang]) for lang in LANGS
        }

        # An Update threads under the original's post in the same language, on each platform.
        upd = bot.announcements.update(staff.coordinator, original.id, "flood_update")
        wait_for(
            lambda: len(x.posts()) >= 4 and len(tg.sent_to(CHANNEL)) >= 4,
            15,
            what="the update on X and Telegram",
        )
        upd_texts = _texts(registry, update)
        for lang in LANGS:
            (x_reply,) = x.replies_to(x_by_lang[lang]["id"])
            assert x_reply["text"] == upd_texts[lang]
            (tg_reply,) = [
                p
                for p in tg.sent_to(CHANNEL)
                if p["reply_to_message_id"] == tg_by_lang[lang]["message_id"]
            ]
            assert tg_reply["text"] == upd_texts[lang]

        # A Cancel posts the pre-approved cancel text, threaded under the original.
        cancelled = bot.announcements.cancel(staff.coordinator, original.id)
        assert (cancelled.kind, cancelled.references_id) == ("cancel", original.id)
        wait_for(
            lambda: len(x.posts()) >= 6 and len(tg.sent_to(CHANNEL)) >= 6,
            15,
            what="the cancel on X and Telegram",
        )
        cancel_texts = _texts(registry, cancel)
        assert cancel_texts["en"].startswith("CANCELLED")
        for lang in LANGS:
            x_thread = x.replies_to(x_by_lang[lang]["id"])
            assert [p["text"] for p in x_thread] == [upd_texts[lang], cancel_texts[lang]]
            tg_thread = [
                p["text"]
                for p in tg.sent_to(CHANNEL)
                if p["reply_to_message_id"] == tg_by_lang[lang]["message_id"]
            ]
            assert tg_thread == [upd_texts[lang], cancel_texts[lang]]
        assert bot.announcements.get(original.id).status == "cancelled"
        # Withdrawn for good: neither a second cancel nor an update can post under it now.
        with pytest.raises(AnnouncementError, match="already cancelled"):
            bot.announcements.cancel(staff.coordinator, original.id)
        for ref in (original.id, upd.id):
            with pytest.raises(AnnouncementError, match="was cancelled"):
                bot.announcements.update(staff.coordinator, ref, "flood_update")
        time.sleep(0.5)  # nothing more may follow: no stray post after the cancel
    assert len(x.posts()) == 6
    assert len(tg.sent()) == 6

    # Every row carries the hash of the approved version it renders, and was sent once.
    for ann_id, version in ((original.id, alert), (upd.id, update), (cancelled.id, cancel)):
        rows = _outbox(engine, ann_id)
        assert sorted((r.platform, r.language) for r in rows) == sorted(
            (p, lang) for p in ("telegram", "x") for lang in LANGS
        )
        for row in rows:
            assert row.status == "sent", row
            assert row.content_hash == version.content_hash
            assert (row.template_id, row.template_version) == (version.name, f"v{version.number}")
            assert row.text == _texts(registry, version)[row.language]
    x_ids = {p["id"] for p in x.posts()}
    tg_ids = {str(p["message_id"]) for p in tg.sent()}
    for ann_id in (original.id, upd.id, cancelled.id):
        for row in _outbox(engine, ann_id):
            assert row.platform_post_id in (x_ids if row.platform == "x" else tg_ids)
    (run,) = _runs(engine, original.id)
    assert (run.outcome, run.late) == ("posted", False)


# -- 2. nothing without an approved hash leaves the bot ---------------------------------------
def _forge(
    engine: Engine, key: str, platform: str, chat: str, text: str, digest: str,
    render: dict[str, Any] | None = None,
) -> int:  # fmt: skip
    """An outbox row written straight into the database, around every service."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        row_id: int = conn.execute(
            insert(OUTBOX)
            .values(
                platform=platform, chat_id=chat, reply_ref=None, text=text, language="en",
                template_id="flood_alert", template_version="v1", content_hash=digest,
                idempotency_key=key, priority=0, status="pending", attempts=0,
                next_attempt_at=now, created_at=now, render=render,
            )
            .returning(OUTBOX.c.id)
        ).scalar_one()  # fmt: skip
    return row_id


def test_a_row_without_an_approved_hash_is_never_sent(
    engine: Engine, channel_sims: tuple[XSimulator, TelegramSimulator]
) -> None:
    x, tg = channel_sims
    staff = _staff(engine)
    registry = RegistryService(engine, load_sources())
    _approved(registry, staff, "flood_alert", ALERT)
    # A real hash, but of a version nobody approved yet: submitted, waiting for a second person.
    waiting = registry.create_draft(staff.drafter, "flood_update", _content(UPDATE))
    registry.submit(staff.drafter, waiting.label)
    made_up = hashlib.sha256(b"EVACUATE NOW").hexdigest()
    forged = {
        _forge(engine, "forged-x", "x", "timeline", "EVACUATE NOW: all of Center City", made_up),
        _forge(engine, "forged-tg", "telegram", CHANNEL, "EVACUATE NOW: Eastwick", made_up),
    }
    with _running_bot(engine, x, tg) as runner:
        bot = runner.bot
        assert bot.announcements is not None
        wait_for(lambda: tg.calls("getUpdates") > 0, 15, what="the bot to connect")
        # One more while it runs, with the pending version's genuine hash; then a real one.
        forged.add(
            _forge(engine, "forged-pending", "telegram", CHANNEL, "UPDATE: not approved yet",
                   waiting.content_hash)
        )  # fmt: skip
        # The approved version's own hash and a plausible recipe, but other words: refused too.
        approved = registry.get("flood_alert@v1")
        recipe = {"variants": ["en"], "values": {}, "prefix": ""}
        forged.add(
            _forge(engine, "forged-approved-hash", "telegram", CHANNEL,
                   "EVACUATE NOW: the whole city", approved.content_hash, recipe)
        )  # fmt: skip
        real = bot.announcements.announce(staff.coordinator, "flood_alert")

        def settled() -> bool:
            with engine.connect() as conn:
                states = dict(conn.execute(select(OUTBOX.c.id, OUTBOX.c.status)).all())
            mine = [r for r in _outbox(engine, real.id) if r.status == "sent"]
            return all(states[i] == "failed" for i in forged) and len(mine) == 4

        wait_for(settled, 15, what="the forged rows refused and the approved one posted")
    with engine.connect() as conn:
        refused = conn.execute(select(OUTBOX).where(OUTBOX.c.id.in_(forged))).all()
    for row in refused:
        assert row.status == "failed"
        assert "not a render of an approved version" in (row.last_error or ""), row.last_error
        assert row.platform_post_id is None
        assert row.sent_at is None
    # The simulators saw the approved words only, never a forged one.
    posted = [p["text"] for p in x.posts()] + [p["text"] for p in tg.sent()]
    assert sorted(posted) == sorted(
        2 * list(_texts(registry, registry.get("flood_alert@v1")).values())
    )
    assert not {r.text for r in refused} & set(posted)
    assert not any("EVACUATE" in t or "not approved" in t for t in posted)


# -- subprocess runs of `crisisbot run` -------------------------------------------------------
def _config(
    path: Path,
    url: str,
    x: XSimulator,
    tg: TelegramSimulator,
    *,
    x_url: str | None = None,
    exercise: bool = False,
) -> Path:
    path.write_text(
        f"""
[database]
url = "{url}"
[web]
enabled = false
[platforms.x]
enabled = true
api_base_url = "{x_url or x.base_url}"
poll_interval_seconds = 0.2
timeout_seconds = 5
posts_per_15min = 10000
posts_per_24h = 100000
[platforms.telegram]
enabled = true
api_base_url = "{tg.base_url}"
poll_timeout_seconds = 1
timeout_seconds = 5
messages_per_second = 1000
per_chat_per_second = 1000
per_group_per_minute = 60000
[intake]
idle_sleep_seconds = 0.05
[delivery]
idle_sleep_seconds = 0.05
base_backoff_seconds = 0.2
max_backoff_seconds = 2
verify_grace_seconds = 1
[announcements]
channels = {{ telegram = "{CHANNEL}" }}
sync_seconds = 0.2
[exercise]
enabled = {"true" if exercise else "false"}
""",
        encoding="utf-8",
    )
    return path


SIM_ENV = {
    "X_BEARER_TOKEN": "sim-bearer",
    "X_CONSUMER_KEY": "sim-ck",
    "X_CONSUMER_SECRET": "sim-cs",
    "X_ACCESS_TOKEN": "sim-at",
    "X_ACCESS_TOKEN_SECRET": "sim-ats",
    "TELEGRAM_BOT_TOKEN": "123456:sim-exercise",
}
# Should a refused start ever try to connect, it reaches no one.
NOWHERE = {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}


def _start(config: Path, log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    environ = {**os.environ, **(env or ENV), "PYTHONUNBUFFERED": "1"}
    environ.pop("CRISISBOT_TOKEN", None)
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--config", str(config)],
            cwd=ROOT,
            env=environ,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop(proc: subprocess.Popen[bytes], log: Path) -> None:
    """SIGTERM and a clean exit."""
    proc.send_signal(signal.SIGTERM)
    proc.wait(30)
    assert proc.returncode == 0, log.read_text()[-3000:]


def _cli(config: Path, token: str | None, *args: str) -> Result:
    """``crisisbot ARGS --config CONFIG`` in-process, as the user whose token is given."""
    return CliRunner().invoke(
        main, [*args, "--config", str(config)], env={"CRISISBOT_TOKEN": token}
    )


def _up(tg: TelegramSimulator, log: Path, proc: subprocess.Popen[bytes], polls: int = 0) -> None:
    """Wait until the bot polls Telegram (its scheduler started just before).

    ``polls`` is the count of polls before this process started: a restarted bot is up when
    it polls itself, not when its killed predecessor did.
    """
    wait_for(
        lambda: tg.calls("getUpdates") > polls or proc.poll() is not None,
        60,
        what=lambda: f"the bot to start (log: {log.read_text()[-2000:]})",
    )
    assert proc.poll() is None, log.read_text()[-3000:]


# -- 3. kill -9 during a recurring schedule ---------------------------------------------------
EVERY = 2
# Occurrences at +0, +2, ..., +24 s: long enough that some come due on time after the restart
# (the bot takes about 6 s to start, most of it compiling the 17 lexicons).
SPAN = 24


@pytest.mark.slow
def test_restart_during_a_recurring_schedule(
    engine: Engine, channel_sims: tuple[XSimulator, TelegramSimulator], tmp_path: Path
) -> None:
    # Recurring on Telegram only: X refuses a repeat of the same text as a duplicate, and a
    # recurring announcement repeats its words.
    x, tg = channel_sims
    config = _config(tmp_path / "bot.toml", db_url(engine), x, tg)
    log = tmp_path / "bot.log"
    staff = _staff(engine)
    registry = RegistryService(engine, load_sources())
    alert = _approved(registry, staff, "flood_alert", ALERT)

    proc = _start(config, log)
    try:
        _up(tg, log, proc)
        now = datetime.now(UTC)
        start = now.replace(microsecond=now.microsecond // 1000 * 1000) + timedelta(seconds=1)
        until = start + timedelta(seconds=SPAN)
        made = _cli(
            config, staff.tokens["cole"], "announce", "flood_alert", "--at", start.isoformat(),
            "--every", f"{EVERY}s", "--until", until.isoformat(), "--channels", "telegram",
        )  # fmt: skip
        assert made.exit_code == 0, made.output
        ann_id = int(made.output.split("announcement ", 1)[1].split(":", 1)[0])
        # Two occurrences out and recorded as sent, then the power cord.
        wait_for(
            lambda: sum(r.status == "sent" for r in _outbox(engine, ann_id)) >= 4,
            15,
            what=lambda: f"two occurrences posted (log: {log.read_text()[-2000:]})",
        )
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    killed_at = time.time()
    # Stay down until a second occurrence has come due (about 4 s; with the start-up, ~7 s),
    # however fast the restart is.
    with engine.connect() as conn:
        missed = conn.execute(
            select(ANNOUNCEMENTS.c.next_due_at).where(ANNOUNCEMENTS.c.id == ann_id)
        ).scalar_one()
    time.sleep(max(0.0, missed.timestamp() + EVERY + 0.1 - time.time()))
    restarted_at = time.time()
    polls = tg.calls("getUpdates")
    proc = _start(config, log)
    try:
        _up(tg, log, proc, polls)
        wait_for(
            lambda: bool(_runs(engine, ann_id)) and _runs(engine, ann_id)[-1].due_at == until,
            SPAN + 15,
            what=lambda: f"the last occurrence (log: {log.read_text()[-2000:]})",
        )
        wait_for(
            lambda: all(r.status == "sent" for r in _outbox(engine, ann_id)),
            10,
            what="the last occurrence's posts",
        )
    finally:
        _stop(proc, log)

    runs = _runs(engine, ann_id)
    # Every occurrence is accounted for exactly once: none skipped silently, none doubled.
    assert [r.due_at for r in runs] == [
        start + timedelta(seconds=s) for s in range(0, SPAN + 1, EVERY)
    ]
    before = [r for r in runs if r.ran_at.timestamp() < killed_at]
    after_restart = [r for r in runs if r.ran_at.timestamp() > restarted_at]
    assert len(before) >= 2
    assert len(before) + len(after_restart) == len(runs)
    assert all((r.outcome, r.late) == ("posted", False) for r in before)
    # The first fire after the restart catches up in one transaction: the occurrences due
    # while the bot was down are superseded, the newest of them is posted, flagged late.
    catch_up = [r for r in after_restart if r.ran_at == after_restart[0].ran_at]
    assert len(catch_up) >= 2, runs
    assert all((r.outcome, r.late) == ("superseded", True) for r in catch_up[:-1])
    assert (catch_up[-1].outcome, catch_up[-1].late) == ("posted", True)
    # After it, each occurrence fires alone (none superseded, so before the next one came
    # due) and unflagged: on time again.
    on_time = after_restart[len(catch_up) :]
    assert on_time, runs
    assert all((r.outcome, r.late) == ("posted", False) for r in on_time)
    assert len({r.ran_at for r in on_time}) == len(on_time)

    # One Telegram post per posted occurrence and language, from one outbox row each.
    posted = [r for r in runs if r.outcome == "posted"]
    rows = _outbox(engine, ann_id)
    expected = _texts(registry, alert)
    by_due: dict[int, list[str]] = {}
    for row in rows:
        assert (row.status, row.content_hash, row.text) == (
            "sent", alert.content_hash, expected[row.language]
        )  # fmt: skip
        by_due.setdefault(int(row.idempotency_key.split(":")[2]), []).append(row.language)
    assert {k: sorted(v) for k, v in by_due.items()} == {
        int(r.due_at.timestamp() * 1000): sorted(LANGS) for r in posted
    }
    channel_posts = {str(p["message_id"]): p for p in tg.sent_to(CHANNEL)}
    assert len(channel_posts) == len(tg.sent()) == len(rows) == 2 * len(posted)
    assert {r.platform_post_id for r in rows} == set(channel_posts)
    due_of = {int(r.due_at.timestamp() * 1000): r for r in posted}
    for row in rows:
        post = channel_posts[row.platform_post_id]
        run = due_of[int(row.idempotency_key.split(":")[2])]
        assert post["text"] == row.text
        # Never before its time; on time, or (the catch-up) right after the restart.
        assert post["time"] >= max(run.due_at.timestamp(), run.ran_at.timestamp()) - 0.001
        assert post["time"] <= run.ran_at.timestamp() + 5
        if run in on_time or run in before:
            assert post["time"] <= run.due_at.timestamp() + 5
    assert x.posts() == []


# -- 4. exercise mode -------------------------------------------------------------------------
LIVE_URL = "platforms.x.api_base_url is https://api.twitter.com, a live endpoint"
LIVE_TOKEN = (
    "$TELEGRAM_BOT_TOKEN (platforms.telegram.token_env) holds what looks like a live credential"
)


def test_exercise_mode_refuses_a_live_url_or_token(
    x_sim: XSimulator, tg_sim: TelegramSimulator, tmp_path: Path
) -> None:
    # Refused before the database is opened, so one backend says it all.
    url = f"sqlite:///{tmp_path / 'never.db'}"
    live_url = _config(
        tmp_path / "url.toml", url, x_sim, tg_sim, exercise=True, x_url="https://api.twitter.com"
    )
    sim_urls = _config(tmp_path / "token.toml", url, x_sim, tg_sim, exercise=True)
    live_token = {**SIM_ENV, "TELEGRAM_BOT_TOKEN": "123456:ABC-real-looking"}
    cases = [
        (live_url, {**SIM_ENV, **NOWHERE}, LIVE_URL, tmp_path / "url.log"),
        (sim_urls, {**live_token, **NOWHERE}, LIVE_TOKEN, tmp_path / "token.log"),
    ]
    procs = [_start(config, log, env) for config, env, _, log in cases]
    try:
        for proc in procs:
            proc.wait(60)
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
    for proc, (_, _, problem, log) in zip(procs, cases, strict=True):
        out = log.read_text()
        assert proc.returncode != 0, out
        assert "exercise mode refuses to start" in out, out
        assert problem in out, out
        assert "Traceback" not in out, out
    assert LIVE_TOKEN not in cases[0][3].read_text()
    assert LIVE_URL not in cases[1][3].read_text()
    # They stopped before any contact with a platform (or the database).
    assert x_sim.request_log == []
    assert tg_sim.request_log == []
    assert not (tmp_path / "never.db").exists()


@pytest.fixture
def exercise_tg() -> Iterator[TelegramSimulator]:
    """A Telegram simulator whose bot token is a simulator credential, with the channel."""
    sim = TelegramSimulator(token=SIM_ENV["TELEGRAM_BOT_TOKEN"], bot_username="philly311_bot")
    sim.start()
    sim.add_channel(CHANNEL)
    yield sim
    sim.stop()


def test_exercise_mode_prefixes_every_post(
    engine: Engine, x_sim: XSimulator, exercise_tg: TelegramSimulator, tmp_path: Path
) -> None:
    x, tg = x_sim, exercise_tg
    x.reject_duplicates = True
    config = _config(tmp_path / "exercise.toml", db_url(engine), x, tg, exercise=True)
    log = tmp_path / "bot.log"
    staff = _staff(engine)
    # Approved in exercise mode: the length checks count the prefix.
    registry = RegistryService(engine, load_sources(), exercise=True)
    alert = _approved(registry, staff, "flood_alert", ALERT)
    proc = _start(config, log, SIM_ENV)
    try:
        _up(tg, log, proc)
        made = _cli(config, staff.tokens["cole"], "announce", "flood_alert")
        assert made.exit_code == 0, made.output
        # A schedule written without the exercise flag is marked by the exercise bot all the
        # same.
        plain = AnnouncementService(engine, registry, {"telegram": CHANNEL})
        plain.announce(staff.coordinator, "flood_alert", channels=["telegram"])
        tg.add_message(5001, "Tree down blocking the street at 5th and Market", language_code="en")
        x.add_mention("resident_a", "@philly311 tree down blocking 5th and Market", lang="en")
        wait_for(
            lambda: len(x.posts()) >= 3 and len(tg.sent()) >= 5,
            20,
            what=lambda: f"the announcements and both replies (log: {log.read_text()[-2000:]})",
        )
        time.sleep(0.3)
    finally:
        _stop(proc, log)
    posts = [p["text"] for p in x.posts()] + [p["text"] for p in tg.sent()]
    assert len(posts) == 8, posts
    assert all(t.startswith("EXERCISE ") for t in posts), posts
    expected = set(_texts(registry, alert, prefix="EXERCISE ").values())
    assert sorted(p["text"] for p in tg.sent_to(CHANNEL)) == sorted(2 * list(expected))
    assert {p["text"] for p in x.posts() if p["in_reply_to_tweet_id"] is None} == expected
    replies = [p for p in x.posts() if p["in_reply_to_tweet_id"]] + tg.sent_to(5001)
    assert len(replies) == 2
    assert all(r["text"].startswith("EXERCISE ") for r in replies)
    with engine.connect() as conn:
        hashes = set(conn.execute(select(OUTBOX.c.content_hash)).scalars())
        flags = sorted(conn.execute(select(ANNOUNCEMENTS.c.exercise)).scalars())
    assert all(registry.is_approved_hash(h) for h in hashes)
    assert flags == [False, True]  # the CLI's schedule is an exercise one, the other not


# -- the staff CLI: the two-person rule, roles and tokens ---------------------------------------
def test_cli_approval_refusals_and_exit_codes(tmp_path: Path) -> None:
    config = tmp_path / "cli.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "cli.db"}"\n'
        "[platforms.x]\nenabled = false\n[platforms.telegram]\nenabled = false\n",
        encoding="utf-8",
    )
    tokens = {}
    for name, role in (("ann", "admin"), ("dan", "drafter"), ("bob", "approver"),
                       ("carol", "approver")):  # fmt: skip
        made = _cli(config, None, "users", "add", name, "--role", role)
        assert made.exit_code == 0, made.output
        tokens[name] = made.output.strip().splitlines()[-1]
        assert tokens[name].startswith("cbt_")
    for args in (("messages", "new", "shelter", "--template", "shelter_open"),
                 ("messages", "submit", "shelter@v1")):  # fmt: skip
        done = _cli(config, tokens["ann"], *args)
        assert done.exit_code == 0, done.output

    own = _cli(config, tokens["ann"], "messages", "approve", "shelter@v1")
    assert own.exit_code != 0
    assert "ann wrote shelter@v1 and cannot approve it" in own.output
    assert "two-person rule" in own.output
    drafter = _cli(config, tokens["dan"], "messages", "approve", "shelter@v1")
    assert drafter.exit_code == 3, drafter.output
    assert "dan (drafter) may not approve messages" in drafter.output
    unknown = _cli(config, "cbt_" + "x" * 43, "messages", "approve", "shelter@v1")
    assert unknown.exit_code == 3, unknown.output
    assert "token refused: it is unknown or has been revoked" in unknown.output
    assert _cli(config, None, "users", "revoke", "bob").exit_code == 0
    revoked = _cli(config, tokens["bob"], "messages", "approve", "shelter@v1")
    assert revoked.exit_code == 3, revoked.output
    assert "token refused" in revoked.output
    missing = _cli(config, None, "messages", "approve", "shelter@v1")
    assert missing.exit_code == 3, missing.output

    # None of that moved it; a second person with a valid approver token can.
    shown = _cli(config, tokens["carol"], "messages", "show", "shelter@v1")
    assert "submitted" in shown.output.splitlines()[0], shown.output
    approved = _cli(config, tokens["carol"], "messages", "approve", "shelter@v1")
    assert approved.exit_code == 0, approved.output
    assert "shelter@v1 approved by carol" in approved.output
