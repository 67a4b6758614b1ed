"""Alembic migrations create exactly the schema the models describe, on both backends."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, select

from bot.db.migrate import alembic_config, current_revision, head_revision
from bot.db.models import TICKETS, Base
from bot.services.intake import IntakeService


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    assert current_revision(engine) == head_revision(engine)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []


def test_downgrade_and_upgrade_again(sqlite_engine: Engine) -> None:
    cfg = alembic_config(sqlite_engine)
    command.downgrade(cfg, "0001")
    assert current_revision(sqlite_engine) == "0001"
    command.upgrade(cfg, "head")
    assert current_revision(sqlite_engine) == head_revision(sqlite_engine)


def test_ticket_keeps_normalised_place_and_dedupe_keys(
    intake: IntakeService, make_message, engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    intake.store([make_message("Tree down blocking the road at 5th and Market, please help")])
    intake.process_pending()
    with engine.connect() as conn:
        row = conn.execute(select(TICKETS)).one()
    assert row.location_text == "5th and Market"
    assert row.location_normalized
    assert row.place_key == f"downed_tree@{row.location_normalized}"
    assert row.text_key
    assert row.simhash
    assert len(row.simhash) == 16


def test_two_processes_take_separate_blocks_of_ticket_numbers(
    engine: Engine, triager, templates, make_message
) -> None:  # type: ignore[no-untyped-def]
    first, second = (
        IntakeService(engine, triager, templates),
        IntakeService(engine, triager, templates),
    )
    numbers = []
    for i in range(6):
        service = first if i % 2 == 0 else second
        service.store(
            [make_message(f"Tree down blocking the road at {i + 1}00 block of S 9th St")]
        )
        (outcome,) = service.process_pending()
        numbers.append(outcome.ticket_number)
    assert len(set(numbers)) == 6
    assert numbers[0] == "SR-000001"
    assert numbers[1] == "SR-000051"  # the second process's first block
    assert numbers[2] == "SR-000002"
