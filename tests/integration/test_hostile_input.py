"""Hostile and odd resident text: stored safely, never executed, never echoed back.

Property tests run on SQLite (one database per module; every example uses unique ids); a fixed
set of hostile strings also runs on PostgreSQL, which refuses NUL in text columns.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from bot.db.engine import make_engine
from bot.db.migrate import ensure_schema
from bot.db.models import INBOX, OUTBOX, TICKETS
from bot.domain.messages import InboundMessage
from bot.services.intake import IntakeService
from bot.services.templates import ReplyTemplates
from bot.services.text import clean_text
from bot.triage.pipeline import RuleTriage

STORM = [
    "Tree down at 2314 S Broad St",
    "We are trapped, water rising at 5th and Market",
    "status SR-000001",
    "Where is the nearest shelter?",
    "no power 700 block of S 9th St",
    "/start",
    "/status",
    "",
]
FRAGMENTS = [
    "{{ 7*7 }}",
    "{% for x in range(10) %}x{% endfor %}",
    "{{ config }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{# comment #}",
    "'; DROP TABLE inbox_messages; --",
    '" OR 1=1; --',
    "Robert'); DELETE FROM outbox; --",
    "crisis start hurricane",
    "/crisis start",
    "/crisis confirm",
    "/approve 1",
    "\x00",
    "\x00\x01\x02\x1b[31m",
    "\u202e\u202d",
    "🌊🌪️🔥🆘",
    "مساعدة! الماء يرتفع في منزلنا",
    "עזרה! יש הצפה ברחוב",
    "\r\n\t",
    "%s %d %(x)s {0} {n}",
    "<script>alert(1)</script>",
    "\ufeff\u200b\u200d",
]
FIXED_HOSTILE = [
    "\x00",
    "tree down \x00 at 2314 S Broad St",
    "{{ 7*7 }} trapped at 5th and Market",
    "'; DROP TABLE inbox_messages; -- pothole at Broad & Erie",
    "🌊" * 500,
    "مساعدة! الماء يرتفع، نحن محاصرون في 5th and Market",
    "/crisis start {{ config }}",
    "x" * 10_000,
]

arbitrary = st.text(st.characters(min_codepoint=0), max_size=300)
composed = st.lists(
    st.one_of(st.sampled_from(STORM), st.sampled_from(FRAGMENTS), arbitrary),
    min_size=1, max_size=6,
).map(" ".join)  # fmt: skip
long_text = st.builds(
    lambda seed, n: (seed * (10_000 // max(len(seed), 1) + 1))[:n],
    st.sampled_from([*STORM[:5], *FRAGMENTS]).filter(bool),
    st.integers(min_value=9_000, max_value=10_050),
)
emoji_only = st.text(st.sampled_from("🌊🌪️🔥🆘😱🙏❤️🏚️⚡💧🚒🚑"), min_size=1, max_size=200)
rtl = st.text(st.characters(min_codepoint=0x0590, max_codepoint=0x06FF), min_size=1,
              max_size=200)  # fmt: skip
anything = st.one_of(arbitrary, composed, long_text, emoji_only, rtl)

_ids = itertools.count()


@pytest.fixture(scope="module")
def module_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'db.sqlite'}")
    try:
        ensure_schema(engine)
        yield engine
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def module_intake(
    module_engine: Engine, triager: RuleTriage, templates: ReplyTemplates
) -> IntakeService:
    return IntakeService(module_engine, triager, templates)


def message(text: str, **fields: Any) -> InboundMessage:
    n = next(_ids)
    values: dict[str, Any] = {
        "platform": "telegram", "external_id": f"hostile-{n}", "author_id": f"author-{n}",
        "chat_id": f"chat-{n}", "text": text, "received_at": datetime.now(UTC),
        "reply_ref": str(n), "raw": {"text": text},
    }  # fmt: skip
    values.update(fields)
    return InboundMessage(**values)


def known_hashes(templates: ReplyTemplates, template_id: str, language: str) -> set[str]:
    variant = templates.version(template_id, language)
    note = templates.version("fallback_note", templates.fallback_language)
    fallback = hashlib.sha256((variant.content_hash + note.content_hash).encode()).hexdigest()
    return {variant.content_hash, fallback}


def expected_render(engine: Engine, templates: ReplyTemplates, out: Any, inbox: Any) -> str:
    """Render the outbox row's template again from what the database says."""
    variables: dict[str, str | int] = {}
    language = inbox.language
    if out.ticket_id is not None:
        with engine.connect() as conn:
            ticket = conn.execute(select(TICKETS).where(TICKETS.c.id == out.ticket_id)).one()
        variables["ticket_number"] = ticket.number
        if out.template_id == "confirmation":
            variables["category"] = ticket.category
        if out.template_id == "status":
            variables["status"] = ticket.status
            variables["updated"] = ticket.updated_at.strftime("%Y-%m-%d %H:%M")
        if out.template_id == "location_received":
            language = ticket.language
    if out.template_id == "status_not_found":
        match = re.search(r"SR-\d+|(?<= )\?(?= )", out.text)
        assert match is not None
        variables["ticket_ref"] = match.group(0)
    return templates.render(out.template_id, language, **variables).text


def check(engine: Engine, intake: IntakeService, text: str) -> Any:
    """Store and process ``text``; assert every invariant; return the stored inbox row."""
    msg = message(text)
    assert intake.store([msg]) == 1
    outcome = intake.process_next()
    assert outcome is not None
    assert outcome.intent != "error", outcome
    with engine.connect() as conn:
        inbox = conn.execute(
            select(INBOX).where(INBOX.c.platform == msg.platform,
                                INBOX.c.external_id == msg.external_id)
        ).one()  # fmt: skip
        replies = conn.execute(select(OUTBOX).where(OUTBOX.c.inbox_id == inbox.id)).all()
    assert inbox.status == "done"
    assert inbox.id == outcome.inbox_id
    assert inbox.text == clean_text(text)
    assert "\x00" not in inbox.text
    assert len(replies) <= 1
    for out in replies:
        templates = intake.templates
        assert out.template_id in templates.template_ids()
        assert out.content_hash in known_hashes(templates, out.template_id, out.language)
        assert out.template_version == templates.version(out.template_id, out.language).version
        assert out.text == expected_render(engine, templates, out, inbox)
        assert "{{" not in out.text
        assert "{%" not in out.text
        if len(text.strip()) > 12:
            assert text.strip() not in out.text
    return inbox


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=anything)
def test_any_text_is_stored_processed_and_never_echoed(
    module_engine: Engine, module_intake: IntakeService, text: str
) -> None:  # fmt: skip
    check(module_engine, module_intake, text)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=long_text)
def test_ten_thousand_character_messages(
    module_engine: Engine, module_intake: IntakeService, text: str
) -> None:  # fmt: skip
    assert len(text) >= 9_000
    check(module_engine, module_intake, text)


@pytest.mark.parametrize("text", FIXED_HOSTILE + FRAGMENTS)
def test_fixed_hostile_strings(
    module_engine: Engine, module_intake: IntakeService, text: str
) -> None:
    check(module_engine, module_intake, text)


def test_crisis_commands_from_residents_do_nothing_special(
    module_engine: Engine, module_intake: IntakeService
) -> None:
    for text in ("/crisis start hurricane", "crisis start", "/approve 1", "/standdown"):
        inbox = check(module_engine, module_intake, text)
        assert inbox.intent in ("not_actionable", "service_request", "question")


def test_nul_becomes_the_replacement_character(
    module_engine: Engine, module_intake: IntakeService
) -> None:
    inbox = check(module_engine, module_intake, "tree\x00down")
    assert inbox.text == "tree\ufffddown"
    assert inbox.raw == {"text": "tree\ufffddown"}


def test_lone_surrogates_are_replaced_not_refused() -> None:
    # Not valid UTF-8, so no database can store them: clean_text replaces each with '?'.
    assert clean_text("tree \ud800 down \udfff") == "tree ? down ?"
    assert clean_text("ok 🌊") == "ok 🌊"


def test_lone_surrogate_message_is_stored(
    module_engine: Engine, module_intake: IntakeService
) -> None:
    inbox = check(module_engine, module_intake, "Tree down \ud83c at 2314 S Broad St")
    assert inbox.text == "Tree down ? at 2314 S Broad St"


@pytest.mark.parametrize("text", FIXED_HOSTILE, ids=range(len(FIXED_HOSTILE)))
def test_hostile_strings_on_both_backends(
    engine: Engine, triager: RuleTriage, templates: ReplyTemplates, text: str
) -> None:
    intake = IntakeService(engine, triager, templates)
    inbox = check(engine, intake, text)
    if "\x00" in text:
        assert "\ufffd" in inbox.text
        assert inbox.raw["text"] == text.replace("\x00", "\ufffd")
    # The tables survived the SQL fragments.
    with engine.connect() as conn:
        assert conn.execute(select(INBOX.c.id)).first() is not None
