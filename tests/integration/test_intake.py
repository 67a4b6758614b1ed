"""Intake on real databases (SQLite and PostgreSQL): store once, process once, reply once."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from bot.db.models import AUDIT, INBOX, OUTBOX, TICKETS
from bot.domain.triage import Priority
from bot.services import intake as intake_module
from bot.services.intake import MAX_ATTEMPTS, IntakeService
from bot.services.templates import ReplyTemplates
from bot.triage.pipeline import RuleTriage
from tests.conftest import MessageFactory


def rows(engine: Engine, table: Any, *where: Any) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(table).where(*where).order_by(table.c.id)))


def count(engine: Engine, table: Any, *where: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar())


def process_one(intake: IntakeService, make_message: MessageFactory, text: str, **kw: Any) -> Any:
    intake.store([make_message(text, **kw)])
    outcome = intake.process_next()
    assert outcome is not None
    return outcome


# -- storing --------------------------------------------------------------------------------
def test_store_is_idempotent_and_saves_the_cursor(
    intake: IntakeService, engine: Engine, make_message: MessageFactory
) -> None:
    first = make_message("Tree down at 2314 S Broad St", external_id="1001")
    second = make_message("No power at 5th and Market", external_id="1002")
    assert intake.store([first, second], platform="telegram", cursor="1002") == 2
    assert intake.cursor("telegram") == "1002"
    # The platform delivers the same updates again (acknowledgement lost): nothing doubles.
    again = make_message("Tree down at 2314 S Broad St", external_id="1001")
    assert intake.store([again, second], platform="telegram", cursor="1003") == 0
    assert intake.cursor("telegram") == "1003"
    assert count(engine, INBOX) == 2
    # Same external id on another platform is another message.
    assert intake.store([make_message("hello", platform="x", external_id="1001")]) == 1
    assert count(engine, INBOX) == 3
    assert intake.cursor("x") is None
    assert intake.pending_count() == 3


def test_store_and_cursor_share_one_transaction(
    intake: IntakeService, engine: Engine, make_message: MessageFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    def boom(*_: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(intake, "_save_cursor", boom)
    with pytest.raises(RuntimeError):
        intake.store([make_message("Tree down at 2314 S Broad St")], platform="x", cursor="9")
    # Neither the message nor the cursor: the connector will fetch them again.
    assert count(engine, INBOX) == 0
    monkeypatch.undo()
    assert intake.cursor("x") is None


# -- processing -----------------------------------------------------------------------------
def test_report_with_place_opens_a_ticket_and_queues_a_confirmation(
    intake: IntakeService, engine: Engine, make_message: MessageFactory,
    templates: ReplyTemplates,
) -> None:  # fmt: skip
    outcome = process_one(
        intake, make_message, "Huge tree down blocking the street at 2314 S Broad St",
        reply_ref="555", chat_id="chat-9",
    )  # fmt: skip
    assert outcome.template_id == "confirmation"
    assert outcome.ticket_number == "SR-000001"
    [ticket] = rows(engine, TICKETS)
    assert ticket.number == outcome.ticket_number
    assert ticket.status == "open"
    assert ticket.category == "downed_tree"
    assert ticket.location_text == "2314 S Broad St"
    [out] = rows(engine, OUTBOX)
    variant = templates.version("confirmation", "en")
    assert out.template_id == "confirmation"
    assert out.template_version == variant.version
    assert out.content_hash == variant.content_hash
    assert (
        out.text
        == templates.render(
            "confirmation", "en", ticket_number="SR-000001", category="downed_tree"
        ).text
    )
    assert out.status == "pending"
    assert out.priority == Priority.NORMAL
    assert (out.platform, out.chat_id, out.reply_ref) == ("telegram", "chat-9", "555")
    assert out.ticket_id == ticket.id
    [inbox] = rows(engine, INBOX)
    assert inbox.status == "done"
    assert inbox.ticket_id == ticket.id
    assert inbox.intent == "service_request"
    assert [a.action for a in rows(engine, AUDIT)] == ["ticket.created"]


def test_spanish_report_gets_a_spanish_reply(
    intake: IntakeService, engine: Engine, make_message: MessageFactory,
    templates: ReplyTemplates,
) -> None:  # fmt: skip
    process_one(intake, make_message, "Árbol caído bloqueando la calle en 5th y Lehigh",
                language_hint="es")  # fmt: skip
    [out] = rows(engine, OUTBOX)
    assert out.language == "es"
    assert out.content_hash == templates.version("confirmation", "es").content_hash
    assert "Registramos" in out.text


def test_emergency_reply_leads_with_911(
    intake: IntakeService, engine: Engine, make_message: MessageFactory
) -> None:
    outcome = process_one(
        intake, make_message, "We are trapped in the attic with water rising, 2314 S Broad St"
    )
    assert outcome.template_id == "emergency"
    [out] = rows(engine, OUTBOX)
    assert out.text.startswith("If anyone is in danger, call 911 now.")
    assert outcome.ticket_number in out.text
    assert out.priority == Priority.LIFE_SAFETY == 0
    [ticket] = rows(engine, TICKETS)
    assert ticket.priority == Priority.LIFE_SAFETY
    assert ticket.intent == "emergency"


def test_report_without_place_asks_then_the_follow_up_completes_the_same_ticket(
    intake: IntakeService, engine: Engine, make_message: MessageFactory
) -> None:
    first = process_one(intake, make_message, "There is a huge tree down blocking our street",
                        author_id="alice", chat_id="c-alice")  # fmt: skip
    assert first.template_id == "ask_location"
    [ticket] = rows(engine, TICKETS)
    assert ticket.status == "awaiting_location"
    # Someone else's place does not complete Alice's ticket.
    other = process_one(intake, make_message, "Pothole at Broad & Erie", author_id="bob")
    assert other.template_id == "confirmation"
    follow = process_one(intake, make_message, "5th and Market", author_id="alice",
                         chat_id="c-alice")  # fmt: skip
    assert follow.completed_ticket
    assert follow.template_id == "location_received"
    assert follow.ticket_number == first.ticket_number
    assert count(engine, TICKETS) == 2  # Alice's and Bob's; no third
    [done] = rows(engine, TICKETS, TICKETS.c.id == ticket.id)
    assert done.status == "open"
    assert done.location_text == "5th and Market"
    replies = rows(engine, OUTBOX, OUTBOX.c.chat_id == "c-alice")
    assert [r.template_id for r in replies] == ["ask_location", "location_received"]
    assert replies[0].priority == Priority.FOLLOW_UP
    assert first.ticket_number in replies[1].text


def test_status_of_own_ticket(
    intake: IntakeService, engine: Engine, make_message: MessageFactory
) -> None:
    made = process_one(intake, make_message, "Pothole at 2314 S Broad St", author_id="alice")
    asked = process_one(intake, make_message, f"status {made.ticket_number}", author_id="alice")
    assert asked.template_id == "status"
    assert asked.ticket_number == made.ticket_number
    reply = rows(engine, OUTBOX)[-1]
    assert made.ticket_number in reply.text
    assert "received, waiting for a crew" in reply.text
    # Without a number: the latest ticket of this author.
    latest = process_one(intake, make_message, "status?", author_id="alice")
    assert latest.template_id == "status"
    assert latest.ticket_number == made.ticket_number


def test_status_of_someone_elses_ticket_reveals_nothing(
    intake: IntakeService, engine: Engine, make_message: MessageFactory
) -> None:
    made = process_one(intake, make_message, "Flooded basement at 2314 S Broad St",
                       author_id="alice")  # fmt: skip
    asked = process_one(intake, make_message, f"status {made.ticket_number}", author_id="mallory")
    assert asked.template_id == "status_not_found"
    reply = rows(engine, OUTBOX)[-1]
    assert reply.template_id == "status_not_found"
    assert reply.ticket_id is None
    for detail in ("Broad", "flood", "received", "waiting", "crew", "open"):
        assert detail.lower() not in reply.text.lower()
    # Same author id on another platform is another person.
    cross = process_one(intake, make_message, f"status {made.ticket_number}", author_id="alice",
                        platform="x")  # fmt: skip
    assert cross.template_id == "status_not_found"


def test_status_with_no_tickets(
    intake: IntakeService, engine: Engine, make_message: MessageFactory
) -> None:
    outcome = process_one(intake, make_message, "status?", author_id="newcomer")
    assert outcome.template_id == "status_none"
    assert count(engine, TICKETS) == 0
    assert rows(engine, OUTBOX)[0].template_id == "status_none"


def test_unknown_number_is_not_found(
    intake: IntakeService, engine: Engine, make_message: MessageFactory
) -> None:
    outcome = process_one(intake, make_message, "status SR-424242")
    assert outcome.template_id == "status_not_found"
    assert "SR-424242" in rows(engine, OUTBOX)[0].text


@pytest.mark.parametrize(
    "text", ["Thoughts and prayers to everyone in Philly tonight", "lol this storm is wild", ""]
)
def test_chatter_gets_no_reply(
    intake: IntakeService, engine: Engine, make_message: MessageFactory, text: str
) -> None:
    outcome = process_one(intake, make_message, text)
    assert outcome.template_id is None
    assert count(engine, OUTBOX) == 0
    assert count(engine, TICKETS) == 0
    assert rows(engine, INBOX)[0].status == "done"


def test_a_quiet_message_is_stored_with_its_topic_and_opens_nothing(
    intake: IntakeService, engine: Engine, make_message: MessageFactory
) -> None:
    outcome = process_one(
        intake, make_message, "Thoughts and prayers to everyone affected by the flooding"
    )
    assert outcome.intent == "not_actionable"
    assert outcome.template_id is None
    assert count(engine, TICKETS) == 0
    assert count(engine, OUTBOX) == 0
    [inbox] = rows(engine, INBOX)
    # Staff reviewing what the bot left quiet can find every flooding message.
    assert (inbox.status, inbox.intent, inbox.category) == ("done", "not_actionable", "flooding")


def test_start_command_gets_the_welcome(
    intake: IntakeService, engine: Engine, make_message: MessageFactory
) -> None:
    process_one(intake, make_message, "/start")
    [out] = rows(engine, OUTBOX)
    assert out.template_id == "welcome"
    assert count(engine, TICKETS) == 0


def test_ticket_numbers_are_unique(
    intake: IntakeService, engine: Engine, make_message: MessageFactory
) -> None:
    texts = [
        "Pothole at 2314 S Broad St", "Tree down at 5th and Market",
        "Trapped in the basement at Broad & Erie", "Where is the nearest shelter?",
    ]  # fmt: skip
    intake.store([make_message(texts[i % 4], author_id=f"a{i}") for i in range(40)])
    outcomes = intake.process_pending(limit=100)
    assert len(outcomes) == 40
    numbers = [t.number for t in rows(engine, TICKETS)]
    assert len(numbers) == 40
    assert len(set(numbers)) == 40
    assert all(n and n.startswith("SR-") for n in numbers)
    assert intake.process_next() is None


# -- failures -------------------------------------------------------------------------------
def test_crash_mid_transaction_rolls_back_and_the_next_run_processes_it(
    intake: IntakeService, engine: Engine, make_message: MessageFactory,
    templates: ReplyTemplates, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    real_render = templates.render
    calls = Counter[str]()

    def render_once_broken(*args: Any, **kwargs: Any) -> Any:
        calls["render"] += 1
        if calls["render"] == 1:
            raise RuntimeError("simulated crash after the ticket insert")
        return real_render(*args, **kwargs)

    monkeypatch.setattr(templates, "render", render_once_broken)
    intake.store([make_message("Tree down blocking the road at 2314 S Broad St")])
    failed = intake.process_next()
    assert failed is not None
    assert failed.intent == "error"
    [inbox] = rows(engine, INBOX)
    assert inbox.status == "new"
    assert inbox.attempts == 1
    assert "simulated crash" in inbox.last_error
    # The ticket insert was rolled back with the rest of the unit of work.
    assert count(engine, TICKETS) == 0
    assert count(engine, OUTBOX) == 0
    assert count(engine, AUDIT) == 0

    done = intake.process_next()
    assert done is not None
    assert done.template_id == "confirmation"
    [inbox] = rows(engine, INBOX)
    assert inbox.status == "done"
    assert count(engine, TICKETS) == 1
    assert count(engine, OUTBOX) == 1


def test_poison_message_is_failed_and_visible_after_max_attempts(
    intake: IntakeService, engine: Engine, make_message: MessageFactory,
    triager: RuleTriage, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    real_triage = triager.triage

    def triage(text: str, **kwargs: Any) -> Any:
        if "POISON" in text:
            raise ValueError("triage cannot handle this")
        return real_triage(text, **kwargs)

    monkeypatch.setattr(triager, "triage", triage)
    intake.store([make_message("POISON pothole at 2314 S Broad St"),
                  make_message("Pothole at Broad & Erie")])  # fmt: skip
    outcomes = intake.process_pending(limit=50)
    assert [o.intent for o in outcomes].count("error") == MAX_ATTEMPTS
    poison, healthy = rows(engine, INBOX)
    assert poison.status == "failed"
    assert poison.attempts == MAX_ATTEMPTS
    assert "triage cannot handle this" in poison.last_error
    assert healthy.status == "done"
    assert intake.pending_count() == 0
    audit = rows(engine, AUDIT, AUDIT.c.action == "inbox.failed")
    assert [a.subject_id for a in audit] == [str(poison.id)]
    assert count(engine, OUTBOX, OUTBOX.c.inbox_id == poison.id) == 0


# -- concurrency (PostgreSQL: FOR UPDATE SKIP LOCKED) --------------------------------------
@pytest.mark.postgres
def test_concurrent_workers_process_each_row_exactly_once(
    pg_engine: Engine, triager: RuleTriage, templates: ReplyTemplates,
    make_message: MessageFactory,
) -> None:  # fmt: skip
    texts = [
        "Tree down blocking the road at 2314 S Broad St",
        "Trapped on the second floor, water rising, 700 block of S 9th St",
        "Where is the nearest shelter open tonight?",
        "Thoughts and prayers to everyone in Philly tonight",
        "No power since last night at 5th and Market",
        "lol this storm is wild",
    ]
    messages = [make_message(texts[i % len(texts)], author_id=f"r{i}") for i in range(300)]
    workers = [IntakeService(pg_engine, triager, templates) for _ in range(3)]
    assert workers[0].store(messages) == 300
    expected_replies = sum(1 for m in messages if triager.triage(m.text).intent.actionable)
    results: list[list[Any]] = [[] for _ in workers]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(workers))

    def work(i: int) -> None:
        try:
            barrier.wait()
            while batch := workers[i].process_pending(limit=25):
                results[i].extend(batch)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    processed = [o.inbox_id for r in results for o in r]
    assert all(o.intent != "error" for r in results for o in r)
    assert len(processed) == 300
    assert len(set(processed)) == 300
    assert sum(1 for r in results if r) >= 2, "the work was not shared between workers"
    assert count(pg_engine, INBOX, INBOX.c.status == "done") == 300
    per_inbox = Counter(r.inbox_id for r in rows(pg_engine, OUTBOX))
    assert len(per_inbox) == expected_replies
    assert set(per_inbox.values()) == {1}
    numbers = [t.number for t in rows(pg_engine, TICKETS)]
    assert len(numbers) == len(set(numbers)) == expected_replies


def test_intake_module_has_sane_limits() -> None:
    assert intake_module.MAX_ATTEMPTS >= 2
