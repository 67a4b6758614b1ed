"""The hash-chained audit log on SQLite and PostgreSQL: ``verify`` finds edits made directly in
the database, deletions and insertions, and the chain stays whole under concurrent writers."""

from __future__ import annotations

import threading

from click.testing import CliRunner
from sqlalchemy import Engine, delete, insert, select, update

from bot.db.models import AUDIT
from bot.domain.audit import GENESIS
from bot.services import audit


def write(engine: Engine, n: int, actor: str = "alice") -> None:
    for i in range(n):
        with engine.begin() as conn:
            audit.append(
                conn,
                actor=actor,
                action="message.drafted",
                subject_type="message",
                subject_id=f"m{i}",
                detail={"i": i, "text": "Refugio — 避难所"},
            )


def test_an_intact_chain_verifies(engine: Engine) -> None:
    write(engine, 5)
    report = audit.verify(engine)
    assert report.ok, report.problems
    assert report.entries == 5
    with engine.connect() as conn:
        first = conn.execute(select(AUDIT).order_by(AUDIT.c.seq).limit(1)).one()
    assert (first.seq, first.prev_hash) == (1, GENESIS)


def test_a_row_edited_in_the_database_is_found(engine: Engine) -> None:
    write(engine, 5)
    with engine.begin() as conn:
        conn.execute(update(AUDIT).where(AUDIT.c.seq == 3).values(actor="mallory"))
    report = audit.verify(engine)
    assert not report.ok
    assert report.problems == [
        "entry #3 (id 3, message.drafted by mallory): contents changed after it was written"
    ]


def test_an_edited_detail_and_a_rehashed_row_are_both_found(engine: Engine) -> None:
    write(engine, 4)
    with engine.begin() as conn:
        conn.execute(update(AUDIT).where(AUDIT.c.seq == 2).values(detail={"i": 99}))
        # Recomputing one row's hash does not help: the next row no longer follows it.
        conn.execute(update(AUDIT).where(AUDIT.c.seq == 4).values(hash="f" * 64))
    problems = audit.verify(engine).problems
    assert any(p.startswith("entry #2 ") and "contents changed" in p for p in problems)
    assert any(p.startswith("entry #4 ") for p in problems)


def test_deleted_and_inserted_rows_are_found(engine: Engine) -> None:
    write(engine, 5)
    with engine.begin() as conn:
        conn.execute(delete(AUDIT).where(AUDIT.c.seq == 2))
        conn.execute(
            insert(AUDIT).values(
                at=audit.utcnow(),
                actor="mallory",
                action="x",
                subject_type="y",
                subject_id="z",
                detail={},
            )
        )
    write(engine, 1)  # the chain goes on after a row written around it
    problems = audit.verify(engine).problems
    assert "entry #2: missing (next entry is #3): deleted?" in problems
    assert not any(p.startswith("entry #6") for p in problems)
    assert any("not in the chain" in p for p in problems)


def test_concurrent_writers_keep_one_chain(engine: Engine) -> None:
    threads = [threading.Thread(target=write, args=(engine, 15, f"w{i}")) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report = audit.verify(engine)
    assert report.ok, report.problems[:3]
    assert report.entries == 60


def test_the_cli_verify_command_exits_non_zero_on_a_broken_chain(
    sqlite_engine: Engine, tmp_path: object
) -> None:
    from bot.cli import main

    url = sqlite_engine.url.render_as_string(hide_password=False)
    write(sqlite_engine, 3)
    env = {"CRISISBOT__DATABASE__URL": url}
    ok = CliRunner().invoke(main, ["audit", "verify"], env=env)
    assert ok.exit_code == 0, ok.output
    assert "audit chain intact" in ok.output
    with sqlite_engine.begin() as conn:
        conn.execute(update(AUDIT).where(AUDIT.c.seq == 1).values(action="message.approved"))
    broken = CliRunner().invoke(main, ["audit", "verify"], env=env)
    assert broken.exit_code == 1
    assert "BROKEN entry #1" in broken.output
    assert "contents changed after it was written" in broken.output
