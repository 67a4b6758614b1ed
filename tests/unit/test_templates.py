"""Reply templates: every approved variant renders; bad variables are refused; fallback works."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bot.config import DEFAULT_CATEGORIES
from bot.services.templates import (
    MAX_OUTPUT_CHARS,
    RenderError,
    ReplyTemplates,
    TemplateNotFound,
)

# Realistic values for every variable any template uses.
VALUES: dict[str, dict[str, str | int]] = {
    "ask_location": {"ticket_number": "SR-000123"},
    "confirmation": {"ticket_number": "SR-000123", "category": "downed_tree"},
    "emergency": {"ticket_number": "SR-000124"},
    "fallback_note": {},
    "location_received": {"ticket_number": "SR-000125"},
    "question": {"ticket_number": "SR-000126"},
    "status": {"ticket_number": "SR-000127", "status": "open", "updated": "2026-11-23 14:05"},
    "status_none": {},
    "status_not_found": {"ticket_ref": "SR-000999"},
    "welcome": {},
}


@pytest.fixture(scope="module")
def reply_templates() -> ReplyTemplates:
    return ReplyTemplates(phone_311="311 (or 215-686-8686)")


def test_every_template_has_values_in_this_test(reply_templates: ReplyTemplates) -> None:
    assert sorted(VALUES) == reply_templates.template_ids()


@pytest.mark.parametrize("template_id", sorted(VALUES))
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_template_renders(
    reply_templates: ReplyTemplates, template_id: str, language: str
) -> None:
    rendered = reply_templates.render(template_id, language, **VALUES[template_id])
    assert rendered.text
    assert "{{" not in rendered.text
    assert "{%" not in rendered.text
    assert "}}" not in rendered.text
    assert len(rendered.text) <= MAX_OUTPUT_CHARS
    for value in VALUES[template_id].values():
        if isinstance(value, str) and value.startswith("SR-"):
            assert value in rendered.text
    variant = reply_templates.version(template_id, language)
    assert rendered.template_id == template_id
    assert rendered.version == variant.version == variant.content_hash[:12]
    if language in reply_templates.languages(template_id):
        assert not rendered.fell_back
        assert rendered.language == language
        assert rendered.content_hash == variant.content_hash


def test_hash_is_the_sha256_of_the_source(reply_templates: ReplyTemplates) -> None:
    variant = reply_templates.version("confirmation", "es")
    path = reply_templates.directory / "confirmation.es.j2"
    assert variant.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("category", DEFAULT_CATEGORIES)
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_category_has_a_label(
    reply_templates: ReplyTemplates, category: str, language: str
) -> None:
    text = reply_templates.render(
        "confirmation", language, ticket_number="SR-000001", category=category
    ).text
    # A human label, never the code and never the catch-all label for a known category.
    assert "_" not in text
    if category != "other":
        assert "service request" not in text
        assert "solicitud de servicio" not in text


@pytest.mark.parametrize("status", ["open", "awaiting_location", "in_progress", "closed"])
def test_status_labels(reply_templates: ReplyTemplates, status: str) -> None:
    text = reply_templates.render(
        "status", "en", ticket_number="SR-000001", status=status, updated="2026-11-23 14:05"
    ).text
    assert "_" not in text
    assert "(updated 2026-11-23 14:05 UTC)" in text


@pytest.mark.parametrize("template_id", ["confirmation", "status", "status_not_found"])
def test_missing_variable_raises(reply_templates: ReplyTemplates, template_id: str) -> None:
    values = dict(VALUES[template_id])
    values.pop(next(iter(values)))
    with pytest.raises(RenderError, match=template_id):
        reply_templates.render(template_id, "en", **values)


@pytest.mark.parametrize(
    "value",
    [["SR-1"], {"a": 1}, ("SR-1",), None, 1.5, True, b"SR-1", object()],
)
def test_non_scalar_variable_is_refused(reply_templates: ReplyTemplates, value: object) -> None:
    with pytest.raises(RenderError, match="ticket_number"):
        reply_templates.render("emergency", "en", ticket_number=value)  # type: ignore[arg-type]


def test_variables_are_data_not_template_source(reply_templates: ReplyTemplates) -> None:
    payload = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} {{ config }}"
    text = reply_templates.render("emergency", "en", ticket_number=payload).text
    assert payload in text
    assert "49" not in text


# Languages the city does not (yet) have approved translations for.
@pytest.mark.parametrize("language", ["de", "ja", "tl", "xx"])
def test_fallback_to_english_adds_the_311_line(
    reply_templates: ReplyTemplates, language: str
) -> None:
    rendered = reply_templates.render("confirmation", language, **VALUES["confirmation"])
    english = reply_templates.render("confirmation", "en", **VALUES["confirmation"])
    assert rendered.fell_back
    assert rendered.language == "en"
    assert rendered.text.startswith(english.text)
    assert rendered.text.endswith("For help in your language, call 311 (or 215-686-8686).")
    note = reply_templates.version("fallback_note", "en")
    expected = hashlib.sha256(
        (reply_templates.version("confirmation", "en").content_hash + note.content_hash).encode()
    ).hexdigest()
    assert rendered.content_hash == expected
    assert rendered.content_hash != english.content_hash
    assert "{{" not in rendered.text


def test_unknown_template(reply_templates: ReplyTemplates) -> None:
    with pytest.raises(TemplateNotFound):
        reply_templates.render("no_such_template", "en")


def test_bad_template_files_are_refused_at_load(tmp_path: Path) -> None:
    (tmp_path / "replies").mkdir()
    (tmp_path / "replies" / "broken.en.j2").write_text("Hello {{ name ", encoding="utf-8")
    with pytest.raises(RenderError, match="broken.en.j2"):
        ReplyTemplates(tmp_path)


def test_sandbox_refuses_unsafe_attribute_access(tmp_path: Path) -> None:
    (tmp_path / "replies").mkdir()
    source = "{{ ticket_number.__class__.__mro__[1].__subclasses__() }}"
    (tmp_path / "replies" / "evil.en.j2").write_text(source, encoding="utf-8")
    templates = ReplyTemplates(tmp_path)
    with pytest.raises(RenderError):
        templates.render("evil", "en", ticket_number="SR-1")


def test_output_cap(tmp_path: Path) -> None:
    (tmp_path / "replies").mkdir()
    source = "{% for i in range(5000) %}xx{% endfor %}"
    (tmp_path / "replies" / "long.en.j2").write_text(source, encoding="utf-8")
    with pytest.raises(RenderError, match="over"):
        ReplyTemplates(tmp_path).render("long", "en")
