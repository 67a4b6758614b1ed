"""Announcement schedules on SQLite and PostgreSQL, with a controlled clock: what becomes an
outbox row when, after downtime, on update and cancel, and in exercise mode."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select, update

from bot.db.models import ANNOUNCEMENT_RUNS, OUTBOX
from bot.domain.staff import Actor, Role
from bot.services.announcements import AnnouncementError, AnnouncementService
from bot.services.registry import RegistryService
from bot.services.sources import load_sources
from bot.services.users import UserService
from tests.integration.clock import NOW, Clock

ALICE = Actor("alice", Role.DRAFTER)
BOB = Actor("bob", Role.APPROVER)
CAROL = Actor("carol", Role.COORDINATOR)
TARGETS = {"x": "timeline", "telegram": "@phl_alerts", "telegram.es": "@phl_alertas"}


@pytest.fixture
def clock() -> Clock:
    return Clock()


def services(
    engine: Engine, clock: Clock, *, exercise: bool = False
) -> tuple[RegistryService, AnnouncementService]:
    registry = RegistryService(engine, load_sources(), clock=clock, exercise=exercise)
    registry.load_shipped()
    announcements = AnnouncementService(engine, registry, TARGETS, exercise=exercise, clock=clock)
    return registry, announcements


def approve(registry: RegistryService, name: str, variants: dict[str, str], **meta: Any) -> str:
    body = {
        "variants": variants,
        "variables": {"shelter": {"choices": ["Roxborough HS", "South Philadelphia HS"]}},
        "meta": {"expires": (NOW + timedelta(hours=6)).isoformat(),
                 "languages": sorted(variants), **meta},
    }  # fmt: skip
    if not any("shelter" in v for v in variants.values()):
        body["variables"] = {}
    version = registry.create_draft(ALICE, name, body)
    registry.submit(ALICE, version.label)
    return registry.approve(BOB, version.label).content_hash


@pytest.fixture
def world(engine: Engine, clock: Clock) -> tuple[RegistryService, AnnouncementService, str]:
    registry, announcements = services(engine, clock)
    digest = approve(registry, "shelter", {"en": "Shelter open at {{ shelter }}.",
                                           "es": "Refugio abierto en {{ shelter }}."})  # fmt: skip
    return registry, announcements, digest


def rows(engine: Engine, announcement_id: int) -> list[Any]:
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(OUTBOX).where(OUTBOX.c.announcement_id == announcement_id)
                .order_by(OUTBOX.c.id)
            ).all()
        )  # fmt: skip


def runs(engine: Engine, announcement_id: int) -> list[tuple[str, str, bool]]:
    with engine.connect() as conn:
        return [
            (r.due_at.strftime("%H:%M"), r.outcome, r.late)
            for r in conn.execute(
                select(ANNOUNCEMENT_RUNS)
                .where(ANNOUNCEMENT_RUNS.c.announcement_id == announcement_id)
                .order_by(ANNOUNCEMENT_RUNS.c.due_at)
            ).all()
        ]


def mark_sent(engine: Engine, announcement_id: int) -> None:
    with engine.begin() as conn:
        for row in conn.execute(
            select(OUTBOX.c.id).where(OUTBOX.c.announcement_id == announcement_id)
        ).all():
            conn.execute(
                update(OUTBOX).where(OUTBOX.c.id == row.id)
                .values(status="sent", platform_post_id=f"post-{row.id}")
            )  # fmt: skip


def test_one_post_per_channel_and_language_at_the_due_time(
    engine: Engine, clock: Clock, world: Any
) -> None:
    _registry, announcements, digest = world
    info = announcements.announce(
        CAROL, "shelter", at=NOW + timedelta(minutes=5), values={"shelter": "Roxborough HS"}
    )
    assert announcements.fire(info.id) == 0  # not due yet
    clock.now = NOW + timedelta(minutes=5)
    assert announcements.fire(info.id) == 4
    assert announcements.fire(info.id) == 0  # fired once, then done
    posted = {(r.platform, r.language): (r.chat_id, r.text) for r in rows(engine, info.id)}
    assert posted == {
        ("x", "en"): ("timeline", "Shelter open at Roxborough HS."),
        ("x", "es"): ("timeline", "Refugio abierto en Roxborough HS."),
        ("telegram", "en"): ("@phl_alerts", "Shelter open at Roxborough HS."),
        ("telegram", "es"): ("@phl_alertas", "Refugio abierto en Roxborough HS."),
    }
    assert {r.content_hash for r in rows(engine, info.id)} == {digest}
    assert {r.template_version for r in rows(engine, info.id)} == {"v1"}
    assert announcements.get(info.id).status == "done"
    assert runs(engine, info.id) == [("18:05", "posted", False)]


def test_only_coordinators_schedule_and_only_approved_words(
    engine: Engine, clock: Clock, world: Any
) -> None:
    registry, announcements, _ = world
    with pytest.raises(PermissionError, match="may not schedule"):
        announcements.announce(ALICE, "shelter", values={"shelter": "Roxborough HS"})
    with pytest.raises(AnnouncementError, match="not an approved choice"):
        announcements.announce(CAROL, "shelter", values={"shelter": "My Basement"})
    draft = registry.create_draft(ALICE, "draft_only", {"variants": {"en": "Hello"}})
    with pytest.raises(AnnouncementError, match="draft_only has no approved version yet"):
        announcements.announce(CAROL, "draft_only")
    with pytest.raises(AnnouncementError, match="draft_only@v1 is draft, not approved"):
        announcements.announce(CAROL, draft.label)
    with pytest.raises(AnnouncementError, match="no message 'nope'"):
        announcements.announce(CAROL, "nope")


def test_recurring_posts_every_interval_until_the_end(
    engine: Engine, clock: Clock, world: Any
) -> None:
    _registry, announcements, _ = world
    info = announcements.announce(
        CAROL, "shelter", every=timedelta(minutes=10), until=NOW + timedelta(minutes=30),
        channels=["telegram"], values={"shelter": "Roxborough HS"},
    )  # fmt: skip
    for minute in (0, 10, 20, 30, 40):
        clock.now = NOW + timedelta(minutes=minute)
        announcements.fire(info.id)
    assert [r[:2] for r in runs(engine, info.id)] == [
        ("18:00", "posted"), ("18:10", "posted"), ("18:20", "posted"), ("18:30", "posted"),
    ]  # fmt: skip
    assert len(rows(engine, info.id)) == 8
    assert announcements.get(info.id).status == "done"


def test_after_downtime_the_newest_valid_occurrence_goes_out_late_and_is_flagged(
    engine: Engine, clock: Clock, world: Any
) -> None:
    registry, announcements, _ = world
    values = {"shelter": "Roxborough HS"}
    with pytest.raises(AnnouncementError, match=r"X refuses a post identical to an earlier"):
        announcements.announce(
            CAROL, "shelter", every=timedelta(minutes=10), until=NOW + timedelta(hours=1),
            channels=["x"], values=values,
        )  # fmt: skip
    timed = {"en": "{{ issued_at }}: shelter open at {{ shelter }}.",
             "es": "{{ issued_at }}: refugio en {{ shelter }}."}  # fmt: skip
    approve(registry, "shelter_timed", timed)
    info = announcements.announce(
        CAROL, "shelter_timed", every=timedelta(minutes=10), until=NOW + timedelta(hours=1),
        channels=["x"], values=values,
    )  # fmt: skip
    announcements.fire(info.id)
    clock.now = NOW + timedelta(minutes=34)  # down from 18:05 to 18:34
    announcements.fire(info.id)
    assert runs(engine, info.id) == [
        ("18:00", "posted", False), ("18:10", "superseded", True),
        ("18:20", "superseded", True), ("18:30", "posted", True),
    ]  # fmt: skip
    # 2 occurrences x 2 languages, no burst; each says when it was issued (New York time).
    assert [r.text for r in rows(engine, info.id)] == [
        "13:00: shelter open at Roxborough HS.", "13:00: refugio en Roxborough HS.",
        "13:30: shelter open at Roxborough HS.", "13:30: refugio en Roxborough HS.",
    ]  # fmt: skip
    assert announcements.get(info.id).next_due_at == NOW + timedelta(minutes=40)


def test_a_schedule_missed_past_its_expiry_is_not_posted(
    engine: Engine, clock: Clock, world: Any
) -> None:
    _registry, announcements, _ = world
    info = announcements.announce(
        CAROL, "shelter", at=NOW + timedelta(hours=1), values={"shelter": "Roxborough HS"}
    )
    clock.now = NOW + timedelta(hours=7)  # the message expired at 24:00
    assert announcements.fire(info.id) == 0
    assert runs(engine, info.id) == [("19:00", "expired", True)]
    assert announcements.get(info.id).status == "expired"
    assert rows(engine, info.id) == []


def test_schedules_are_refused_when_they_could_not_stop_or_are_expired(
    engine: Engine, clock: Clock, world: Any
) -> None:
    _registry, announcements, _ = world
    values = {"shelter": "Roxborough HS"}
    with pytest.raises(AnnouncementError, match="before the first post"):
        announcements.announce(CAROL, "shelter", at=NOW + timedelta(hours=7), values=values)
    with pytest.raises(AnnouncementError, match="no mastodon channel|not mastodon"):
        announcements.announce(CAROL, "shelter", channels=["mastodon"], values=values)
    with pytest.raises(AnnouncementError, match=r"--at 2026-11-23 12:00 EST has passed"):
        announcements.announce(CAROL, "shelter", at=NOW - timedelta(hours=1), values=values)
    clock.now = NOW + timedelta(hours=7)
    with pytest.raises(AnnouncementError, match="shelter@v1 expired at"):
        announcements.announce(CAROL, "shelter", values=values)


def test_update_and_cancel_thread_under_the_original_posts(
    engine: Engine, clock: Clock, world: Any
) -> None:
    registry, announcements, _ = world
    full = {"en": "UPDATE: {{ shelter }} is full.", "es": "ACTUALIZACIÓN: {{ shelter }} lleno."}
    approve(registry, "shelter_full", full)
    original = announcements.announce(CAROL, "shelter", values={"shelter": "Roxborough HS"})
    announcements.fire(original.id)
    upd = announcements.update(CAROL, original.id, "shelter_full",
                               values={"shelter": "Roxborough HS"})  # fmt: skip
    assert announcements.fire(upd.id) == 0  # the original is not on the platforms yet
    assert rows(engine, upd.id) == []
    mark_sent(engine, original.id)
    clock.now = NOW + timedelta(seconds=3)
    assert announcements.fire(upd.id) == 4
    by_key = {(r.platform, r.language): r for r in rows(engine, original.id)}
    for row in rows(engine, upd.id):
        assert row.reply_ref == by_key[(row.platform, row.language)].platform_post_id
    assert announcements.get(upd.id).references_id == original.id

    cancel = announcements.cancel(CAROL, upd.id)  # cancelling an update cancels the alert
    assert cancel.kind == "cancel"
    assert cancel.references_id == original.id
    assert announcements.get(original.id).status == "cancelled"
    mark_sent(engine, upd.id)
    announcements.fire(cancel.id)
    cancel_version = registry.current("cancel")
    assert cancel_version is not None
    cancel_rows = rows(engine, cancel.id)
    assert {r.content_hash for r in cancel_rows} == {cancel_version.content_hash}
    assert {(r.language, r.text) for r in cancel_rows} == {
        ("en", registry.render(cancel_version, "en", {})),
        ("es", registry.render(cancel_version, "es", {})),
    }
    for row in cancel_rows:
        assert row.reply_ref == by_key[(row.platform, row.language)].platform_post_id
    with pytest.raises(AnnouncementError, match="already cancelled"):
        announcements.cancel(CAROL, original.id)


def test_cancel_stops_a_recurring_schedule(engine: Engine, clock: Clock, world: Any) -> None:
    _registry, announcements, _ = world
    info = announcements.announce(
        CAROL, "shelter", every=timedelta(minutes=10), until=NOW + timedelta(hours=2),
        channels=["telegram"], values={"shelter": "Roxborough HS"},
    )  # fmt: skip
    announcements.fire(info.id)
    mark_sent(engine, info.id)
    announcements.cancel(CAROL, info.id)
    clock.now = NOW + timedelta(minutes=30)
    assert announcements.fire(info.id) == 0
    assert announcements.get(info.id).status == "cancelled"


def test_cancelling_before_anything_was_posted_just_stands_it_down(
    engine: Engine, clock: Clock, world: Any
) -> None:
    _registry, announcements, _ = world
    info = announcements.announce(
        CAROL, "shelter", at=NOW + timedelta(hours=1), values={"shelter": "Roxborough HS"}
    )
    assert announcements.cancel(CAROL, info.id).status == "stood_down"
    clock.now = NOW + timedelta(hours=1)
    assert announcements.fire(info.id) == 0
    assert rows(engine, info.id) == []


def test_concurrent_fires_post_an_occurrence_once(
    engine: Engine, clock: Clock, world: Any
) -> None:
    _registry, announcements, _ = world
    info = announcements.announce(CAROL, "shelter", values={"shelter": "Roxborough HS"})
    results: list[int] = []
    errors: list[BaseException] = []

    def fire() -> None:
        try:
            results.append(announcements.fire(info.id))
        except BaseException as exc:  # a lost race may fail; it must not double
            errors.append(exc)

    threads = [threading.Thread(target=fire) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results)[-1] == 4
    assert sum(results) == 4
    assert len(rows(engine, info.id)) == 4


def test_exercise_mode_prefixes_every_post(engine: Engine, clock: Clock) -> None:
    registry, announcements = services(engine, clock, exercise=True)
    approve(registry, "drill", {"en": "Shelter drill at {{ shelter }}."})
    info = announcements.announce(CAROL, "drill", values={"shelter": "Roxborough HS"})
    announcements.fire(info.id)
    texts = {r.text for r in rows(engine, info.id)}
    assert texts == {"EXERCISE Shelter drill at Roxborough HS."}


def test_users_exist_for_the_audit_trail(engine: Engine) -> None:
    # The services take Actors; the CLI makes them from tokens (tests/e2e cover the CLI).
    users = UserService(engine)
    token = users.add("carol", "coordinator")
    assert users.authenticate(token) == CAROL


def test_an_exercise_schedule_never_posts_once_the_bot_runs_live(
    engine: Engine, clock: Clock
) -> None:
    registry, drill = services(engine, clock, exercise=True)
    approve(registry, "drill", {"en": "Shelter drill."})
    info = drill.announce(CAROL, "drill", at=NOW + timedelta(minutes=5))
    live = AnnouncementService(engine, registry, TARGETS, exercise=False, clock=clock)
    clock.now = NOW + timedelta(minutes=5)
    assert live.fire(info.id) == 0
    assert live.get(info.id).status == "stood_down"
    assert rows(engine, info.id) == []
    assert runs(engine, info.id) == [("18:05", "refused", False)]
