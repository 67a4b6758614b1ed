"""The vetted-message registry on SQLite and PostgreSQL: the two-person rule, roles, tokens,
and every reason approval is refused, each with the message staff see."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, update

from bot.db.models import REG_VERSIONS
from bot.domain.registry import ApprovalRefused, RegistryError, Status
from bot.domain.staff import Actor, NotAllowed, Role
from bot.services.registry import RegistryService
from bot.services.sources import load_sources
from bot.services.users import AuthError, UserError, UserService
from tests.integration.clock import NOW, Clock

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def registry(engine: Engine, clock: Clock) -> RegistryService:
    return RegistryService(engine, load_sources(), clock=clock, categories=("pothole", "other"))


@pytest.fixture
def users(engine: Engine) -> UserService:
    return UserService(engine)


@pytest.fixture
def staff(users: UserService) -> dict[str, Actor]:
    out = {}
    for name, role in (("alice", "drafter"), ("dan", "drafter"), ("bob", "approver"),
                       ("ann", "admin"), ("carol", "coordinator")):  # fmt: skip
        out[name] = users.authenticate(users.add(name, role))
    return out


def content(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "variants": {
            "en": "Shelter open at {{ shelter }}. Details: phila.gov/ready",
            "es": "Refugio abierto en {{ shelter }}. Detalles: phila.gov/ready",
        },
        "variables": {"shelter": {"value": "Roxborough High School, 6498 Ridge Ave"}},
        "meta": {
            "event": "Emergency Shelter Open", "severity": "Moderate",
            "urgency": "Immediate", "certainty": "Observed",
            "expires": (NOW + timedelta(hours=12)).isoformat(),
            "channels": ["x", "telegram"], "languages": ["en", "es"],
            "sources": ["phl_oem"],
        },
    }  # fmt: skip
    for key, value in overrides.items():
        if key in base["meta"]:
            base["meta"][key] = value
        else:
            base[key] = value
    return base


def submitted(registry: RegistryService, author: Actor, body: dict[str, Any]) -> str:
    version = registry.create_draft(author, "shelter", body)
    registry.submit(author, version.label)
    return version.label


# -- the two-person rule and roles --------------------------------------------------------------
def test_a_second_person_approves_and_the_version_records_who(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    label = submitted(registry, staff["alice"], content())
    approved = registry.approve(staff["bob"], label, note="checked against OEM's list")
    assert approved.status is Status.APPROVED
    assert (approved.author, approved.decided_by) == ("alice", "bob")
    assert registry.current("shelter") == approved
    assert registry.is_approved_hash(approved.content_hash)


def test_an_author_cannot_approve_their_own_draft_even_as_admin(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    label = submitted(registry, staff["ann"], content())
    with pytest.raises(NotAllowed, match="ann wrote shelter@v1 and cannot approve it"):
        registry.approve(staff["ann"], label)
    with pytest.raises(NotAllowed, match="cannot reject it"):
        registry.reject(staff["ann"], label, "second thoughts")
    assert registry.get(label).status is Status.SUBMITTED
    assert registry.approve(staff["bob"], label).decided_by == "bob"


def test_a_drafter_cannot_approve_anyone_s_draft(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    label = submitted(registry, staff["alice"], content())
    with pytest.raises(NotAllowed, match=r"dan \(drafter\) may not approve messages"):
        registry.approve(staff["dan"], label)
    with pytest.raises(NotAllowed, match="may not reject"):
        registry.reject(staff["dan"], label, "no")


def test_roles_that_may_not_draft_or_submit(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    with pytest.raises(NotAllowed, match="may not write drafts"):
        registry.create_draft(staff["bob"], "shelter", content())
    with pytest.raises(NotAllowed, match="may not write drafts"):
        registry.create_draft(staff["carol"], "shelter", content())
    version = registry.create_draft(staff["alice"], "shelter", content())
    with pytest.raises(NotAllowed, match="alice's draft; only they submit it"):
        registry.submit(staff["dan"], version.label)


def test_unknown_and_revoked_tokens_are_refused(users: UserService) -> None:
    token = users.add("erin", "approver")
    assert users.authenticate(token) == Actor("erin", Role.APPROVER)
    with pytest.raises(AuthError, match="unknown or has been revoked"):
        users.authenticate("cbt_" + "x" * 43)
    with pytest.raises(AuthError, match="no token"):
        users.authenticate(None)
    users.revoke("erin")
    with pytest.raises(AuthError, match="unknown or has been revoked"):
        users.authenticate(token)
    with pytest.raises(UserError, match="already revoked"):
        users.revoke("erin")


def test_tokens_are_stored_hashed_and_system_accounts_cannot_log_in(
    engine: Engine, users: UserService
) -> None:
    from bot.db.models import USERS
    from bot.domain.staff import SYSTEM_INSTALL

    token = users.add("frank", "coordinator")
    users.ensure_system(SYSTEM_INSTALL)
    with engine.connect() as conn:
        stored = conn.execute(select(USERS.c.token_hash).where(USERS.c.name == "frank")).scalar()
    assert stored is not None
    assert token not in stored
    assert len(stored) == 64
    with pytest.raises(UserError, match="unknown role 'mayor'"):
        users.add("gina", "mayor")
    with pytest.raises(UserError, match="already exists"):
        users.add("frank", "drafter")
    with pytest.raises(UserError, match="system accounts"):
        users.add("sys", "system")


# -- approval refused, with a precise message ----------------------------------------------------
def refused(registry: RegistryService, staff: dict[str, Actor], body: dict[str, Any]) -> str:
    label = submitted(registry, staff["alice"], body)
    with pytest.raises(ApprovalRefused) as info:
        registry.approve(staff["bob"], label)
    assert registry.get(label).status is Status.SUBMITTED
    return "\n".join(info.value.problems)


def test_refused_for_a_missing_variable(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    problems = refused(registry, staff, content(variables={}))
    assert "missing variable: the 'en' variant uses '{{ shelter }}'" in problems


def test_refused_for_an_unknown_variable(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    body = content()
    body["variables"]["pets"] = {"value": "yes"}
    assert "unknown variable: 'pets' is given but no variant uses it" in refused(
        registry, staff, body
    )


def test_refused_for_a_link_to_an_unlisted_domain(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    body = content()
    body["variants"]["es"] = "Refugio abierto en {{ shelter }}. https://bit.ly/3xYz shelter"
    problems = refused(registry, staff, body)
    assert "link to an unlisted domain: 'es' variant links https://bit.ly/3xYz" in problems
    assert "bit.ly is not in approved_sources.yaml" in problems
    # Subdomains of listed domains are fine; look-alikes are not.
    body = content()
    body["variants"]["en"] = "Open at {{ shelter }}: https://alerts.weather.gov/x evil-phila.gov"
    problems = refused(registry, staff, body)
    assert "evil-phila.gov" in problems
    assert "alerts.weather.gov" not in problems


def test_refused_for_an_unlisted_cited_source_or_mention(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    body = content(sources=["phl_oem", "some_blog"])
    body["variants"]["en"] = "Shelter open at {{ shelter }}, says @RandomStormChaser"
    problems = refused(registry, staff, body)
    assert "source 'some_blog' is not in approved_sources.yaml" in problems
    assert "mentions @RandomStormChaser" in problems


def test_refused_at_281_weighted_characters_on_x_and_accepted_at_280(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    body = content(variables={})
    body["variants"] = {"en": "a" * 281, "es": "b" * 280}
    problems = refused(registry, staff, body)
    assert "too long for X: 'en' variant is 281 weighted characters (limit 280)" in problems
    assert "'es' variant" not in problems
    # CJK characters weigh two: 141 of them are 282.
    body = content(variables={}, languages=["en", "zh"])
    body["variants"] = {"en": "short", "zh": "避" * 141}
    assert "'zh' variant is 282 weighted characters" in refused(registry, staff, body)


def test_a_telegram_only_message_may_be_longer_than_a_post(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    body = content(variables={}, channels=["telegram"])
    body["variants"] = {"en": "a" * 1000, "es": "b" * 4097}
    problems = refused(registry, staff, body)
    assert "too long for Telegram: 'es' variant is 4097 characters (limit 4096)" in problems
    assert "'en'" not in problems
    assert "X" not in problems


def test_refused_when_expired(
    registry: RegistryService, staff: dict[str, Actor], clock: Clock
) -> None:
    label = submitted(registry, staff["alice"], content())
    clock.now = NOW + timedelta(hours=13)
    with pytest.raises(ApprovalRefused, match=r"expired: it expired at 2026-11-24T06:00:00"):
        registry.approve(staff["bob"], label)


def test_refused_for_a_missing_promised_language(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    body = content(languages=["en", "es", "vi"])
    problems = refused(registry, staff, body)
    assert "missing language: the message promises 'vi' but has no 'vi' variant" in problems


def test_exercise_mode_counts_the_prefix_in_the_length(
    engine: Engine, staff: dict[str, Actor], clock: Clock
) -> None:
    registry = RegistryService(engine, load_sources(), clock=clock, exercise=True)
    body = content(variables={})
    body["variants"] = {"en": "a" * 275, "es": "b" * 271}
    problems = refused(registry, staff, body)
    assert "'en' variant is 284 weighted characters with the EXERCISE prefix" in problems
    assert "'es'" not in problems


def test_a_refusal_is_audited_and_a_fixed_version_passes(
    engine: Engine, registry: RegistryService, staff: dict[str, Actor]
) -> None:
    from bot.services import audit

    refused(registry, staff, content(languages=["en", "es", "vi"]))
    entries = audit.recent(engine, subject_type="message", subject_id="shelter@v1")
    assert entries[0].action == "message.approval_refused"
    assert "promises 'vi'" in entries[0].detail["problems"][0]
    fixed = registry.create_draft(staff["alice"], "shelter", content())
    registry.submit(staff["alice"], fixed.label)
    assert registry.approve(staff["bob"], fixed.label).number == 2


# -- versions --------------------------------------------------------------------------------
def test_versions_are_immutable_and_identical_content_is_refused(
    engine: Engine, registry: RegistryService, staff: dict[str, Actor]
) -> None:
    v1 = registry.create_draft(staff["alice"], "shelter", content())
    with pytest.raises(RegistryError, match="nothing changed: identical to shelter@v1"):
        registry.create_draft(staff["dan"], "shelter", content())
    registry.submit(staff["alice"], v1.label)
    approved = registry.approve(staff["bob"], v1.label)
    with pytest.raises(RegistryError, match="approved; only a submitted version"):
        registry.approve(staff["ann"], v1.label)
    # An edit made behind the registry's back is caught before anything is rendered.
    tampered = dict(approved.content)
    tampered["variants"] = {**approved.variants, "en": "Everyone evacuate now"}
    with engine.begin() as conn:
        conn.execute(
            update(REG_VERSIONS).where(REG_VERSIONS.c.id == approved.id).values(content=tampered)
        )
    with pytest.raises(RegistryError, match="content does not match its hash"):
        registry.render(registry.get(v1.label), "en", {"shelter": "x"})


def test_diff_shows_what_changed_between_versions(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    registry.create_draft(staff["alice"], "shelter", content())
    body = content()
    body["variants"]["en"] = "Shelter OPEN at {{ shelter }}. Details: phila.gov/ready"
    registry.create_draft(staff["alice"], "shelter", body)
    diff = registry.diff("shelter")
    assert "-  en: 'Shelter open at" in diff
    assert "+  en: 'Shelter OPEN at" in diff
    assert "-  es:" not in diff
    assert "+  es:" not in diff


def test_choices_are_approved_with_the_message_and_only_they_can_be_posted(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    body = content()
    body["variables"] = {"shelter": {"choices": ["South Philadelphia HS", "Roxborough HS"]}}
    label = submitted(registry, staff["alice"], body)
    version = registry.approve(staff["bob"], label)
    assert registry.resolve_values(version, {"shelter": "Roxborough HS"}) == {
        "shelter": "Roxborough HS"
    }
    with pytest.raises(RegistryError, match="not an approved choice"):
        registry.resolve_values(version, {"shelter": "My House"})
    with pytest.raises(RegistryError, match="needs --var shelter="):
        registry.resolve_values(version, {})


def test_values_cannot_smuggle_template_code(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    body = content()
    body["variables"]["shelter"] = {"value": "{{ ''.__class__ }}"}
    with pytest.raises(RegistryError, match="values are text, not template code"):
        registry.create_draft(staff["alice"], "shelter", body)


# -- shipped defaults ----------------------------------------------------------------------
def test_shipped_replies_load_as_approved_once_and_edits_need_approval(
    engine: Engine, registry: RegistryService, staff: dict[str, Actor], tmp_path: Path
) -> None:
    import shutil

    done = registry.load_shipped()
    assert done == [
        "replies@v1 loaded as approved by system:install",
        "cancel@v1 loaded as approved by system:install",
    ]
    assert registry.load_shipped() == []
    replies = registry.current("replies")
    assert replies is not None
    assert replies.decided_by == "system:install"
    assert "confirmation.km" in replies.variants
    # A deployment whose shipped files changed: the new text waits for a person.
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "templates" / "replies" / "welcome.en.j2").write_text(
        "Hello from Philly311. Tell us what is wrong and where.", encoding="utf-8"
    )
    assert registry.load_shipped(tmp_path / "templates") == [
        "replies@v2 submitted for approval (shipped files changed)"
    ]
    assert registry.current("replies") == replies
    approved = registry.approve(staff["bob"], "replies@v2")
    assert registry.current("replies") == approved
    # A staff edit of a reply is a draft like any other.
    edited = dict(approved.content)
    edited["variants"] = {**approved.variants, "welcome.en": "Hi! {{ mayor }}"}
    draft = registry.create_draft(staff["alice"], "replies", edited)
    registry.submit(staff["alice"], draft.label)
    with pytest.raises(ApprovalRefused, match="reply 'welcome.en' uses '{{ mayor }}'"):
        registry.approve(staff["bob"], draft.label)


def test_only_an_exact_render_of_an_approved_version_is_reproduced(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    label = submitted(registry, staff["alice"], content())
    draft_hash = registry.get(label).content_hash
    values = {"shelter": "Roxborough High School, 6498 Ridge Ave"}
    recipe = {"variants": ["es"], "values": values, "prefix": ""}
    text = "Refugio abierto en Roxborough High School, 6498 Ridge Ave. Detalles: phila.gov/ready"
    assert not registry.reproduces(draft_hash, text, recipe)  # submitted, not approved
    digest = registry.approve(staff["bob"], label).content_hash
    assert registry.reproduces(digest, text, recipe)
    assert registry.reproduces(digest, "EXERCISE " + text, {**recipe, "prefix": "EXERCISE "})
    assert not registry.reproduces(digest, text + " Evacuate now.", recipe)
    assert not registry.reproduces(digest, "URGENT " + text, {**recipe, "prefix": "URGENT "})
    assert not registry.reproduces(digest, text, {**recipe, "variants": ["fr"]})
    assert not registry.reproduces(digest, text, {**recipe, "values": {}})
    assert not registry.reproduces(digest, text, None)
    assert not registry.reproduces("0" * 64, text, recipe)


def test_an_exported_version_reads_back_identical_and_diffs_line_by_line(
    registry: RegistryService, staff: dict[str, Actor]
) -> None:
    import yaml

    from bot.services.registry import export_yaml

    registry.load_shipped()
    for name in ("replies", "cancel"):
        version = registry.current(name)
        assert version is not None
        exported = export_yaml(version)
        assert yaml.safe_load(exported) == version.content, name
    replies = registry.current("replies")
    assert replies is not None
    # Literal blocks: one variant's line changed is one line of diff, not a re-folded block.
    edited = dict(replies.content)
    source = replies.variants["welcome.en"]
    edited["variants"] = {**replies.variants, "welcome.en": source.replace("911", "9-1-1")}
    draft = registry.create_draft(staff["alice"], "replies", edited)
    diff = registry.diff("replies")
    changed = [
        line for line in diff.splitlines()
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]  # fmt: skip
    assert len(changed) == 2, diff
    assert draft.number == 2
