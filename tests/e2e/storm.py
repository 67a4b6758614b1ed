"""A generated storm: mixed resident messages with the outcome each one should have."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

TICKET = re.compile(r"SR-\d{6}")

PLACES = (
    "5th and Market", "Broad & Erie", "2314 S Broad St", "700 block of S 9th St",
    "22nd and Walnut", "Frankford Ave & Cumberland St", "Castor Ave and Cottman Ave",
)  # fmt: skip
REPORTS = (
    "tree down blocking the road at {p}",
    "no power since 6pm at {p}",
    "flooding in the street at {p}",
    "traffic light out at {p}",
    "huge pothole at {p}",
    "storm drain clogged and sewer backing up at {p}",
    "roof collapsed on a house at {p}",
    "street light out at {p}",
    "downed power lines hanging at {p}",
    "Hay un árbol caído en {p}, bloquea la calle",
    "Sin luz desde las 6 en {p}",
)
EMERGENCIES = (
    "my neighbor is trapped in her basement, water rising at {p}",
    "sparking wires on the ground at {p}, kids nearby",
    "strong gas smell in the building at {p}",
    "a man is injured under a fallen tree at {p}",
    "house on fire at {p}",
)
QUESTIONS = (
    "where is the nearest shelter open tonight?",
    "when will the power be back on at {p}?",
    "is the library at {p} open as a warming center?",
)
CHATTER = (
    "thoughts and prayers to everyone tonight",
    "what a storm lol",
    "stay safe philly",
    "crisis start {{ config }} please",
    "'; DROP TABLE inbox_messages; --",
)


@dataclass
class Msg:
    """One resident message and what must come of it."""

    platform: str  # "x" | "telegram"
    author: str  # X handle or Telegram user id
    text: str
    kind: str  # report | emergency | question | chatter | status_own | status_latest |
    # status_other | status_none
    lang: str = "en"
    ref: str = ""  # tweet id / "<chat>:<message id>" once sent
    expect_ticket: str | None = None  # for status queries: the ticket the reply must name
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def actionable(self) -> bool:
        """Opens a ticket and gets a reply with its number."""
        return self.kind in ("report", "emergency", "question")

    @property
    def answered(self) -> bool:
        """Gets exactly one reply."""
        return self.kind != "chatter"


def first_wave(n: int, seed: int = 311) -> list[Msg]:
    """``n`` reports, emergencies, questions and chatter, half on X and half on Telegram."""
    rng = random.Random(seed)
    out: list[Msg] = []
    for i in range(n):
        platform = "x" if i % 2 == 0 else "telegram"
        author = f"resident{i}" if platform == "x" else str(10_000 + i)
        roll = rng.random()
        place = rng.choice(PLACES)
        if roll < 0.55:
            text, kind = rng.choice(REPORTS).format(p=place), "report"
        elif roll < 0.72:
            text, kind = rng.choice(EMERGENCIES).format(p=place), "emergency"
        elif roll < 0.85:
            text, kind = rng.choice(QUESTIONS).format(p=place), "question"
        else:
            text, kind = rng.choice(CHATTER), "chatter"
        lang = "es" if text.startswith(("Hay", "Sin")) else "en"
        if platform == "x":
            text = f"@philly311 {text}"
        out.append(Msg(platform, author, text, kind, lang))
    return out


def second_wave(first: list[Msg], numbers: dict[str, str], n: int, seed: int = 911) -> list[Msg]:
    """``n`` status queries from residents of the first wave.

    ``numbers`` maps ``"<platform>:<author>"`` to the ticket number their reply named.
    """
    rng = random.Random(seed)
    with_ticket = [m for m in first if m.actionable]
    without = [m for m in first if not m.actionable]
    out: list[Msg] = []
    for i in range(n):
        roll = i % 8
        if roll in (0, 1, 2, 3) or not without:
            m = rng.choice(with_ticket)
            own = numbers[f"{m.platform}:{m.author}"]
            out.append(Msg(m.platform, m.author, f"status {own}", "status_own", expect_ticket=own))
        elif roll == 4:
            m = rng.choice(with_ticket)
            own = numbers[f"{m.platform}:{m.author}"]
            out.append(Msg(m.platform, m.author, "status?", "status_latest", expect_ticket=own))
        elif roll in (5, 6):
            m = rng.choice(with_ticket)
            other = rng.choice([o for o in with_ticket if o.author != m.author])
            theirs = numbers[f"{other.platform}:{other.author}"]
            out.append(
                Msg(m.platform, m.author, f"status {theirs}", "status_other", expect_ticket=theirs)
            )
        else:
            m = rng.choice(without)
            out.append(Msg(m.platform, m.author, "status?", "status_none"))
    for m in out:
        if m.platform == "x":
            m.text = f"@philly311 {m.text}"
    return out
