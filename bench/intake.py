"""Intake throughput: inbox -> triage -> ticket -> outbox, against raw inserts in the same run.

Run: ``.venv/bin/python -m bench.intake [--n 5000] [--profile]`` (or ``python bench/intake.py``).

The pipeline is timed on a temporary SQLite file database (WAL, the production PRAGMAs). The
reference then writes the same rows the pipeline wrote (inbox update, ticket insert + number
update, outbox insert, audit inserts; one transaction per message) into a fresh database with
the same engine settings, so the ratio says what triage, rendering and the service's own
bookkeeping cost on top of the unavoidable database work. Targets: >= 1000 msg/s and a
pipeline/reference ratio >= 0.25. Exit code 0 regardless: a benchmark reports.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # python bench/intake.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, bindparam, insert, select, update

from bot.config import DEFAULT_CATEGORIES
from bot.db.engine import make_engine
from bot.db.migrate import ensure_schema
from bot.db.models import AUDIT, INBOX, OUTBOX, TICKETS
from bot.domain.messages import InboundMessage
from bot.services.intake import IntakeService
from bot.services.templates import ReplyTemplates
from bot.triage.pipeline import RuleTriage

TARGET_RATE = 1000.0
TARGET_RATIO = 0.25

STREETS = [
    "Broad",
    "Market",
    "Chestnut",
    "Walnut",
    "Spruce",
    "Lehigh",
    "Erie",
    "Girard",
    "Washington",
    "Passyunk",
    "Frankford",
    "Germantown",
    "Ridge",
    "Oregon",
    "Snyder",
]
ORDINALS = ["2nd", "5th", "9th", "11th", "13th", "22nd", "33rd", "52nd", "63rd"]
SUFFIXES = ["St", "Ave"]
REPORTS = [
    "Huge tree down blocking the road at {place}",
    "Basement flooded, water everywhere at {place}",
    "No power on our block since last night, {place}",
    "Wires down on the sidewalk near {place}",
    "Traffic light out at {place}, cars not stopping",
    "Big pothole opened up at {place}",
    "Storm drain clogged and the street is a lake at {place}",
    "Árbol caído bloqueando la calle en {place}",
    "Se fue la luz en {place} desde anoche",
    "Trash cans blown all over {place}",
]
NO_PLACE = ["Tree down blocking our street", "Our basement is flooding", "No power since 6pm"]
EMERGENCIES = [
    "We are trapped in the attic, water rising, {place}",
    "I smell gas really strong at {place}",
    "Power lines sparking on the ground at {place}, kids nearby",
    "Estamos atrapados en el segundo piso en {place}",
]
QUESTIONS = [
    "Where is the nearest shelter open tonight?",
    "When will trash pickup resume?",
    "¿Dónde está el refugio más cercano?",
    "Is it safe to drive on Broad St?",
]
STATUS = ["status SR-{n:06d}", "status?", "/status", "any update on my report SR-{n:06d}"]
CHATTER = ["Thoughts and prayers Philly", "Stay safe everyone!! 🙏", "lol this storm is wild",
           "NWS: Flash Flood Warning in effect for Philadelphia County until 11 PM",
           "Thank you firefighters for everything tonight", "/start"]  # fmt: skip


def place(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        dirn = rng.choice(["", "N ", "S "])
        return f"{rng.randint(100, 6999)} {dirn}{rng.choice(STREETS)} {rng.choice(SUFFIXES)}"
    if kind == 1:
        return f"{rng.randint(1, 69)}00 block of S {rng.choice(ORDINALS)} St"
    joiner = rng.choice(["and", "&", "y"])
    return f"{rng.choice(ORDINALS)} {joiner} {rng.choice(STREETS)}"


def build_messages(n: int, seed: int = 311) -> list[InboundMessage]:
    """A storm evening's mix: reports, emergencies, questions, status, chatter."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    out: list[InboundMessage] = []
    for i in range(n):
        roll = rng.random()
        author = f"resident-{rng.randrange(max(n // 3, 1))}"
        if roll < 0.45:
            text = rng.choice(REPORTS).format(place=place(rng))
        elif roll < 0.52:
            text = rng.choice(NO_PLACE)
        elif roll < 0.60:
            text = rng.choice(EMERGENCIES).format(place=place(rng))
        elif roll < 0.70:
            text = rng.choice(QUESTIONS)
        elif roll < 0.80:
            text = rng.choice(STATUS).format(n=rng.randint(1, max(i, 1)))
        else:
            text = rng.choice(CHATTER)
        out.append(InboundMessage(
            platform=rng.choice(["x", "telegram"]), external_id=str(10_000_000 + i),
            author_id=author, chat_id=author, text=text, received_at=now,
            reply_ref=str(20_000_000 + i),
            language_hint=rng.choice([None, None, "en", "es"]),
        ))  # fmt: skip
    return out


@dataclass
class Plan:
    """What the pipeline wrote for one inbox row, for the reference to write again."""

    inbox_id: int
    ticket: dict[str, object] | None
    outbox: dict[str, object] | None
    audits: list[dict[str, object]]
    done: dict[str, object]


def collect_plans(engine: Engine) -> tuple[list[Plan], dict[str, int]]:
    with engine.connect() as conn:
        inbox = conn.execute(select(INBOX).order_by(INBOX.c.id)).mappings().all()
        tickets = {r["inbox_id"]: dict(r) for r in conn.execute(select(TICKETS)).mappings().all()}
        outbox = {r["inbox_id"]: dict(r) for r in conn.execute(select(OUTBOX)).mappings().all()}
        audits: dict[int, list[dict[str, object]]] = {}
        for r in conn.execute(select(AUDIT)).mappings().all():
            key = int(r["detail"].get("inbox_id", -1))
            audits.setdefault(key, []).append(dict(r))
    plans = []
    for row in inbox:
        done = {k: row[k] for k in ("processed_at", "intent", "category", "language")}
        plans.append(Plan(row["id"], tickets.get(row["id"]), outbox.get(row["id"]),
                          audits.get(row["id"], []), done))  # fmt: skip
    counts = {
        "inbox": len(inbox), "tickets": len(tickets), "outbox": len(outbox),
        "audit": sum(len(v) for v in audits.values()),
    }  # fmt: skip
    return plans, counts


_REF_DONE = (
    update(INBOX).where(INBOX.c.id == bindparam("inbox_id"))
    .values(status="done", processed_at=bindparam("processed_at"), intent=bindparam("intent"),
            category=bindparam("category"), language=bindparam("language"),
            ticket_id=bindparam("tid"))
)  # fmt: skip
_REF_TICKET = insert(TICKETS).returning(TICKETS.c.id)
_REF_NUMBER = (
    update(TICKETS).where(TICKETS.c.id == bindparam("ticket_id")).values(number=bindparam("n"))
)
_REF_OUTBOX = insert(OUTBOX)
_REF_AUDIT = insert(AUDIT)
_REF_CLAIM = select(INBOX).where(INBOX.c.id == bindparam("inbox_id"))


def run_reference(engine: Engine, plans: list[Plan]) -> float:
    """The same writes as the pipeline, one transaction per message; returns seconds."""
    started = time.perf_counter()
    for plan in plans:
        with engine.begin() as conn:
            conn.execute(_REF_CLAIM, {"inbox_id": plan.inbox_id}).first()
            tid = None
            if plan.ticket is not None:
                values = {k: v for k, v in plan.ticket.items() if k not in ("id", "number")}
                tid = conn.execute(_REF_TICKET, values).scalar_one()
                conn.execute(_REF_NUMBER, {"ticket_id": tid, "n": f"SR-{tid:06d}"})
            if plan.outbox is not None:
                values = {k: v for k, v in plan.outbox.items() if k != "id"}
                values["ticket_id"] = tid if plan.ticket is not None else None
                conn.execute(_REF_OUTBOX, values)
            for audit in plan.audits:
                conn.execute(_REF_AUDIT, {k: v for k, v in audit.items() if k != "id"})
            conn.execute(_REF_DONE, {"inbox_id": plan.inbox_id, "tid": tid, **plan.done})
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="messages (default 5000)")
    parser.add_argument("--profile", action="store_true", help="cProfile the pipeline run")
    args = parser.parse_args(argv)

    messages = build_messages(args.n)
    triager = RuleTriage(DEFAULT_CATEGORIES)
    templates = ReplyTemplates()
    with tempfile.TemporaryDirectory(prefix="crisisbot-bench-") as tmp:
        pipeline_engine = make_engine(f"sqlite:///{Path(tmp) / 'pipeline.db'}")
        reference_engine = make_engine(f"sqlite:///{Path(tmp) / 'reference.db'}")
        try:
            ensure_schema(pipeline_engine)
            ensure_schema(reference_engine)
            intake = IntakeService(pipeline_engine, triager, templates)
            for start in range(0, len(messages), 500):
                intake.store(messages[start : start + 500])
            triager.triage("warm up: load the language model before timing")

            profiler = cProfile.Profile() if args.profile else None
            started = time.perf_counter()
            if profiler is not None:
                profiler.enable()
            processed = 0
            while batch := intake.process_pending(limit=1000):
                processed += len(batch)
            if profiler is not None:
                profiler.disable()
            pipeline_seconds = time.perf_counter() - started
            errors = intake.pending_count()

            plans, counts = collect_plans(pipeline_engine)
            # The reference starts from the same stored inbox (storing is not timed).
            IntakeService(reference_engine, triager, templates).store(messages)
            reference_seconds = run_reference(reference_engine, plans)
            _, ref_counts = collect_plans(reference_engine)
        finally:
            pipeline_engine.dispose()
            reference_engine.dispose()

    pipeline_rate = processed / pipeline_seconds
    reference_rate = len(plans) / reference_seconds
    ratio = pipeline_rate / reference_rate
    print(f"messages: {processed} processed ({errors} left new); rows written: {counts}")
    if ref_counts != counts:
        print(f"WARNING: reference wrote {ref_counts}")
    print(f"pipeline : {pipeline_rate:9.1f} msg/s ({pipeline_seconds:.2f} s)")
    print(f"reference: {reference_rate:9.1f} msg/s ({reference_seconds:.2f} s, raw inserts)")
    print(f"ratio pipeline/reference: {ratio:.3f}")
    rate_ok = pipeline_rate >= TARGET_RATE
    ratio_ok = ratio >= TARGET_RATIO
    print(f"target >= {TARGET_RATE:.0f} msg/s: {'PASS' if rate_ok else 'FAIL'}")
    print(f"target ratio >= {TARGET_RATIO}: {'PASS' if ratio_ok else 'FAIL'}")
    if profiler is not None:
        print("note: profiled run; the profiler slows the pipeline, so its rate is not a result")
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
