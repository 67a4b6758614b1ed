"""The report head: something for the city to do, in residents' own words, that no rule lists.

bench/train.py trains it on the resident corpora whose errors were read (never on the newest,
never-read set) and on off-topic tweets; it may only open a report on a message the rules
left quiet, and never on a joke, a headline, a retweet or "everyone is ok".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_CATEGORIES
from bot.domain.triage import Intent
from bot.triage.model import BinaryHead
from bot.triage.pipeline import RuleTriage

from .heads import assert_head_round_trips, with_head

LEANING = BinaryHead(
    -5.0, {"u:leaning": 3.0, "u:sidewalk": 3.0, "u:inclinada": 3.0, "u:acera": 3.0}
)
REPORT = "the big thing behind the rec center is leaning over the sidewalk again"


def _with_head(head: BinaryHead | None) -> RuleTriage:
    return with_head("report", head)


def test_shipped_head_round_trips(tmp_path: Path) -> None:
    assert_head_round_trips("report", REPORT, tmp_path)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (REPORT, "en"),
        ("la cosa grande de la 5 y Lehigh está inclinada sobre la acera otra vez", "es"),
    ],
)
def test_head_opens_what_the_rules_leave_quiet(text: str, language: str) -> None:
    assert _with_head(None).triage(text).intent is Intent.NOT_ACTIONABLE
    result = _with_head(LEANING).triage(text)
    assert result.intent is Intent.SERVICE_REQUEST
    assert result.language == language
    assert result.category in DEFAULT_CATEGORIES


def test_head_never_makes_an_emergency_or_silences_one() -> None:
    text = "my neighbor is trapped under the tree leaning on the sidewalk at 5th and Market"
    assert _with_head(LEANING).triage(text).intent is Intent.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "lol the big thing behind the rec center is leaning over the sidewalk again",
        "BREAKING: big thing behind the rec center leaning over sidewalk, officials say",
        "RT @6abc: the big thing behind the rec center is leaning over the sidewalk again",
        "the big thing behind the rec center was leaning on the sidewalk but everyone is ok now",
    ],
)
def test_head_stays_out_of_jokes_headlines_retweets_and_safe_news(text: str) -> None:
    assert _with_head(LEANING).triage(text).intent is Intent.NOT_ACTIONABLE, text


def test_other_languages_need_a_service_or_a_place() -> None:
    """No model names the service in other languages: a report the head would open there
    needs the service or the place in the words."""
    text = "la cosa grande detrás del centro está inclinada sobre la acera otra vez"
    assert _with_head(LEANING).triage(text).intent is Intent.NOT_ACTIONABLE


@pytest.mark.parametrize("text", ["5th and Market", "at Broad & Erie", "2314 S Broad St"])
def test_a_place_alone_opens_nothing(text: str) -> None:
    """A place alone answers the bot's "where?" for a report already open (intake completes
    that ticket); the head must not turn it into a new report."""
    places = BinaryHead(-5.0, {"u:market": 9.0, "u:erie": 9.0, "u:broad": 9.0, "u:<num>": 9.0})
    assert _with_head(places).triage(text).intent is Intent.NOT_ACTIONABLE
