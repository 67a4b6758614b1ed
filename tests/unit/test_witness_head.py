"""The witness head: life safety in residents' own words that no rule names.

It is trained by bench/train.py on the resident corpora whose errors were read (never on the
newest, never-read set) and only adds emergencies the rules missed; questions, jokes,
headlines and "everyone is ok" stay out of its reach.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.train import READ_NOT_TRAINED, WITNESS_SETS
from bot.domain.triage import Intent
from bot.triage.model import BinaryHead
from bot.triage.pipeline import RuleTriage

from .heads import assert_head_round_trips, with_head
from .test_resident_corpus import FLOORS, NEVER_READ

QUIET = "grandpop is sitting in the kitchen and the floor is cold"


def _with_head(head: BinaryHead | None) -> RuleTriage:
    return with_head("witness", head)


def test_shipped_head_round_trips(tmp_path: Path) -> None:
    assert_head_round_trips("witness", "my dad is on the floor and wont talk right", tmp_path)


def test_head_adds_what_the_rules_miss() -> None:
    floor = BinaryHead(-5.0, {"u:floor": 3.0, "u:kitchen": 3.0})
    assert _with_head(None).triage(QUIET).intent is not Intent.EMERGENCY
    result = _with_head(floor).triage(QUIET)
    assert result.intent is Intent.EMERGENCY
    assert result.category == "other"


@pytest.mark.parametrize(
    "text",
    [
        "is the kitchen floor at the rec center open for the cooling center?",
        "lol grandpop been on the kitchen floor dancing since this morning",
        "BREAKING: kitchen floor collapses at a restaurant in Delaware County, officials say",
        "grandpop slipped on the kitchen floor this morning but he's ok now",
    ],
)
def test_head_stays_out_of_questions_jokes_headlines_and_safe_news(text: str) -> None:
    floor = BinaryHead(-5.0, {"u:floor": 3.0, "u:kitchen": 3.0})
    assert _with_head(floor).triage(text).intent is not Intent.EMERGENCY, text


def test_head_never_trains_on_the_never_read_set() -> None:
    assert set(WITNESS_SETS) <= set(FLOORS)
    assert not set(WITNESS_SETS) & set(NEVER_READ)
    assert not set(READ_NOT_TRAINED) & (set(NEVER_READ) | set(WITNESS_SETS))
    assert set(FLOORS) - set(WITNESS_SETS) == set(NEVER_READ) | set(READ_NOT_TRAINED)
