"""A reply set approved while the bot runs is used without a restart; a draft never is."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.bootstrap import build
from bot.config import Settings
from bot.domain.staff import Actor, Role


async def test_the_running_bot_switches_to_a_newly_approved_reply_set(tmp_path: Path) -> None:
    settings = Settings()
    settings.database.url = f"sqlite:///{tmp_path / 'bot.db'}"
    bot = build(settings, env={}, connectors={})
    registry = bot.registry
    assert registry is not None
    shipped = registry.current("replies")
    assert shipped is not None
    assert bot.intake.templates.approved_as == (shipped.label, shipped.content_hash)
    alice, bob = Actor("alice", Role.DRAFTER), Actor("bob", Role.APPROVER)
    edited = dict(shipped.content)
    welcome = "Philly311 here. Tell us what is wrong and where."
    edited["variants"] = {**shipped.variants, "welcome.en": welcome}
    draft = registry.create_draft(alice, "replies", edited)
    follower = asyncio.create_task(bot._follow_replies(every=0.05))
    try:
        await asyncio.sleep(0.3)
        assert bot.intake.templates.approved_as == (shipped.label, shipped.content_hash)
        registry.submit(alice, draft.label)
        approved = registry.approve(bob, draft.label)
        for _ in range(100):
            if bot.intake.templates.approved_as == (approved.label, approved.content_hash):
                break
            await asyncio.sleep(0.05)
        rendered = bot.intake.templates.render("welcome", "en")
        assert rendered.text == welcome
        assert rendered.content_hash == approved.content_hash
    finally:
        bot.stop()
        await follower
        bot.engine.dispose()
