"""A native-speaker review of the sixteen non-English lexicons, pinned by its own examples.

Session 12 asked a reviewer per language group to read every list of ``<lang>.toml`` and
report entries that are wrong (a word that is not the language's, an everyday idiom read as a
danger, a word matched inside a longer one, an "all clear" that ignores a negation) and the
most important wordings no entry matched (breathing trouble, fainting, stroke, seizures,
electric shock, someone hit by a car, a child "I can't find", no heat). Each finding came with
messages its list must match and messages it must not. A second round, later in the session,
read only the entries written after the first (false alarms such as a callback phone number
read as a ticket number, "thanks in advance" read as thanks, "no era un simulacro" read as a
drill). ``tests/data/lexicon_review.jsonl`` holds the examples the final lists decide as the
reviewers asked: 2,528 of 2,539 (one was narrowed on purpose, a Korean explosion told in the
past tense; ten are decided by another entry of the same list). 1,369 of them fail with
session 11's lexicons (548e1f2).

Each case is checked against the list itself, loaded as the bot loads it (word boundaries,
whole-word lists), so an edit that brings back a false alarm or loses a wording fails here
with the reviewer's reason, before any corpus figure moves.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from bot.config import DEFAULT_CATEGORIES
from bot.triage.pipeline import load_lexicon

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "data" / "lexicon_review.jsonl"
LEXICONS = ROOT / "bot" / "triage" / "lexicons"


def _cases() -> dict[str, list[dict[str, Any]]]:
    by_lang: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with open(CASES, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                by_lang[row["lang"]].append(row)
    return dict(by_lang)


ALL = _cases()


def test_every_reviewed_language_has_cases() -> None:
    assert sorted(ALL) == sorted(
        ["ar", "bn", "es", "fr", "hi", "ht", "it", "km", "ko", "pl", "pt", "ru", "sq", "uk",
         "vi", "zh"]
    )  # fmt: skip
    assert sum(len(v) for v in ALL.values()) >= 2500


@pytest.mark.parametrize("lang", sorted(ALL))
def test_reviewed_lists_decide_as_the_reviewer_asked(lang: str) -> None:
    lexicon = load_lexicon(LEXICONS / f"{lang}.toml", tuple(DEFAULT_CATEGORIES))
    categories = dict(lexicon.categories)
    wrong = []
    for row in ALL[lang]:
        name = row["list"]
        pattern = categories.get(name) if name in DEFAULT_CATEGORIES else getattr(lexicon, name)
        assert pattern is not None, (lang, name)
        if bool(pattern.search(row["text"].lower())) is not row["match"]:
            must = "must match" if row["match"] else "must not match"
            wrong.append((name, row["text"], must, row["why"]))
    assert not wrong, wrong
