"""Every reply template exists in every city language, renders, and fits on X and Telegram.

The translations keep the English template's variables and label keys, put the 911 guidance
before the ticket number, and keep the literal ``status SR-...`` command residents type.
"""

from __future__ import annotations

import ast
import re
from functools import cache

import pytest
from jinja2 import meta
from jinja2.sandbox import ImmutableSandboxedEnvironment
from twitter_text import parse_tweet

from bot.config import DEFAULT_CATEGORIES
from bot.services.templates import DEFAULT_TEMPLATES_DIR, ReplyTemplates
from bot.triage.language import PHILADELPHIA_LANGUAGES

LANGUAGES = (
    "en", "es", "zh", "vi", "ru", "ko", "ar", "fr", "ht",
    "pt", "it", "pl", "uk", "bn", "hi", "sq", "km",
)  # fmt: skip
TEMPLATE_IDS = (
    "ask_location",
    "confirmation",
    "emergency",
    "location_received",
    "question",
    "status",
    "status_none",
    "status_not_found",
    "welcome",
)
REPLIES = DEFAULT_TEMPLATES_DIR / "replies"
X_MAX_WEIGHTED = 280
TELEGRAM_MAX = 4_096

TICKET = "SR-004821"
TICKET_REF = "SR-000123"
PHONE_311 = "311 (or 215-686-8686)"
UPDATED = "2026-11-23 19:42"
BASE: dict[str, dict[str, str]] = {
    "ask_location": {"ticket_number": TICKET},
    "confirmation": {"ticket_number": TICKET},
    "emergency": {"ticket_number": TICKET},
    "location_received": {"ticket_number": TICKET},
    "question": {"ticket_number": TICKET, "phone_311": PHONE_311},
    "status": {"ticket_number": TICKET, "updated": UPDATED},
    "status_none": {},
    "status_not_found": {"ticket_ref": TICKET_REF, "phone_311": PHONE_311},
    "welcome": {},
}
_LABELS = re.compile(r"\{%-?\s*set\s+labels\s*=\s*(\{.*?\})\s*-?%\}", re.DOTALL)
_ENV = ImmutableSandboxedEnvironment()


@pytest.fixture(scope="module")
def reply_templates() -> ReplyTemplates:
    return ReplyTemplates(phone_311=PHONE_311)


@cache
def _source(template_id: str, language: str) -> str:
    """The variant's own source (never the fallback language's)."""
    return (REPLIES / f"{template_id}.{language}.j2").read_text(encoding="utf-8")


def labels(template_id: str, language: str) -> dict[str, str]:
    """The ``{% set labels = {...} %}`` dict of a template's source."""
    match = _LABELS.search(_source(template_id, language))
    assert match, f"{template_id}.{language} has no labels dict"
    parsed = ast.literal_eval(match.group(1))
    assert isinstance(parsed, dict)
    return parsed


CATEGORY_CODES = tuple(labels("confirmation", "en"))
STATUS_CODES = tuple(labels("status", "en"))


def variants(template_id: str) -> list[dict[str, str]]:
    """Realistic variables for one template: every category / status code where it has one."""
    base = BASE[template_id]
    if template_id == "confirmation":
        return [{**base, "category": code} for code in CATEGORY_CODES]
    if template_id == "status":
        return [{**base, "status": code} for code in STATUS_CODES]
    return [base]


def all_renders() -> list[tuple[str, str, dict[str, str]]]:
    return [
        (tid, lang, values)
        for tid in TEMPLATE_IDS
        for lang in LANGUAGES
        for values in variants(tid)
    ]


def _id(case: tuple[str, str, dict[str, str]]) -> str:
    tid, lang, values = case
    extra = values.get("category") or values.get("status")
    return f"{tid}.{lang}" + (f"-{extra}" if extra else "")


# -- the set of templates and languages ------------------------------------------------------
def test_languages_are_the_detectors_languages() -> None:
    assert sorted(LANGUAGES) == sorted(PHILADELPHIA_LANGUAGES)


def test_template_ids_are_the_known_ones(reply_templates: ReplyTemplates) -> None:
    assert sorted([*TEMPLATE_IDS, "fallback_note"]) == reply_templates.template_ids()


def test_label_codes_cover_the_configured_categories() -> None:
    assert set(DEFAULT_CATEGORIES) <= set(CATEGORY_CODES)
    assert set(STATUS_CODES) == {"open", "awaiting_location", "in_progress", "closed"}


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_language_has_its_own_variant(
    reply_templates: ReplyTemplates, template_id: str
) -> None:
    assert set(LANGUAGES) <= set(reply_templates.languages(template_id))


# -- structure: same variables, same label keys ----------------------------------------------
@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_same_variables_as_english(template_id: str, language: str) -> None:
    def variables(lang: str) -> set[str]:
        return meta.find_undeclared_variables(_ENV.parse(_source(template_id, lang)))

    assert variables(language) == variables("en")


@pytest.mark.parametrize("template_id", ["confirmation", "status"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_label_dicts_have_the_english_keys(template_id: str, language: str) -> None:
    translated = labels(template_id, language)
    english = labels(template_id, "en")
    assert list(translated) == list(english)
    assert all(value.strip() for value in translated.values())
    assert len(set(translated.values())) == len(translated), "two codes share a label"


@pytest.mark.parametrize("language", LANGUAGES)
def test_confirmation_default_label_is_the_other_label(language: str) -> None:
    default = re.search(r'labels\.get\(category,\s*"([^"]*)"\)', _source("confirmation", language))
    assert default
    assert default.group(1) == labels("confirmation", language)["other"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_category_renders_its_own_label(
    reply_templates: ReplyTemplates, language: str
) -> None:
    texts = {
        code: reply_templates.render(
            "confirmation", language, ticket_number=TICKET, category=code
        ).text
        for code in CATEGORY_CODES
    }
    other = texts["other"]
    for code, text in texts.items():
        assert labels("confirmation", language)[code] in text
        if code != "other":
            assert text != other, f"{code} renders the catch-all label"
    assert len(set(texts.values())) == len(texts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_status_renders_its_own_label(
    reply_templates: ReplyTemplates, language: str
) -> None:
    texts = {
        code: reply_templates.render(
            "status", language, ticket_number=TICKET, status=code, updated=UPDATED
        ).text
        for code in STATUS_CODES
    }
    for code, text in texts.items():
        assert labels("status", language)[code] in text
    assert len(set(texts.values())) == len(texts)
    unknown = reply_templates.render(
        "status", language, ticket_number=TICKET, status="no_such_status", updated=UPDATED
    ).text
    assert unknown not in texts.values()


# -- every render ----------------------------------------------------------------------------
@pytest.mark.parametrize("case", all_renders(), ids=_id)
def test_render(reply_templates: ReplyTemplates, case: tuple[str, str, dict[str, str]]) -> None:
    template_id, language, values = case
    rendered = reply_templates.render(template_id, language, **values)
    text = rendered.text

    assert not rendered.fell_back
    assert rendered.language == language
    for marker in ("{{", "}}", "{%", "%}", "{#"):
        assert marker not in text
    assert len(text) <= TELEGRAM_MAX
    weighted = parse_tweet(text).weightedLength
    assert weighted <= X_MAX_WEIGHTED, f"{weighted} weighted characters: {text}"

    for name in ("ticket_number", "ticket_ref", "updated", "phone_311"):
        if name in values:
            assert values[name] in text, name

    english_source = _source(template_id, "en")
    if '"status {{ ticket_number }}"' in english_source:
        assert f'"status {TICKET}"' in text
    elif '"status"' in english_source:
        assert '"status"' in text
    if english_source.rstrip().endswith("Philly311"):
        assert "Philly311" in text
    if "911" in english_source:
        assert "911" in text
    if language != "en":
        english = reply_templates.render(template_id, "en", **values).text
        assert text != english


@pytest.mark.parametrize("language", LANGUAGES)
def test_emergency_puts_911_before_the_ticket(
    reply_templates: ReplyTemplates, language: str
) -> None:
    text = reply_templates.render("emergency", language, ticket_number=TICKET).text
    assert "911" in text
    assert text.index("911") < text.index(TICKET)
    assert text.index("911") < 80, "the 911 guidance must open the message"
    assert "311" in text.replace("Philly311", "")
