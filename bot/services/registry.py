"""The vetted-message registry: drafts, the two-person approval and the checks behind it.

Every word the bot posts is a render of an approved version held here: announcements, the
cancel text and the reply set. Versions are immutable (their content and hash are written
once); only the workflow fields change, always forward: draft -> submitted -> approved |
rejected. Every entry point (CLI, console, API) goes through :class:`RegistryService`, which
checks the actor's role and the two-person rule itself.
"""

from __future__ import annotations

import difflib
import itertools
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from jinja2 import StrictUndefined, Template, TemplateError, meta
from jinja2.sandbox import ImmutableSandboxedEnvironment
from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.db.models import REG_MESSAGES, REG_VERSIONS, DbRow, utcnow
from bot.domain.registry import (
    CERTAINTY,
    CHANNELS,
    DEFAULT_CANCEL,
    NAME,
    REPLIES,
    SEVERITY,
    URGENCY,
    ApprovalRefused,
    Kind,
    RegistryError,
    Status,
    Version,
    content_hash,
)
from bot.domain.staff import SYSTEM_INSTALL, Actor, NotAllowed, Permission
from bot.services import audit
from bot.services.sources import ApprovedSources

_LOGGER = logging.getLogger(__name__)
_MESSAGES, _VERSIONS = REG_MESSAGES, REG_VERSIONS

DEFAULT_TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
X_MAX_WEIGHTED = 280
TELEGRAM_MAX = 4_096
MAX_SOURCE_CHARS = 20_000
MAX_VALUE_CHARS = 500
MAX_COMBINATIONS = 64
EXERCISE_PREFIX = "EXERCISE"
LANGUAGES = (
    "en", "es", "zh", "vi", "ru", "ko", "ar", "fr", "ht", "pt", "it", "pl", "uk", "bn", "hi",
    "sq", "km",
)  # fmt: skip
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_REPLY_KEY = re.compile(r"^(?P<id>[a-z0-9_]+)\.(?P<lang>[a-z]{2,3})$")
_MENTION = re.compile(r"(?<![\w@])@(\w+)")

# Variables the bot computes for each reply template (never resident text), with the
# realistic values the length check renders them with.
REPLY_VARIABLES: dict[str, tuple[str, ...]] = {
    "ask_location": ("ticket_number",),
    "confirmation": ("category", "ticket_number"),
    "emergency": ("ticket_number",),
    "fallback_note": (),
    "location_received": ("ticket_number",),
    "question": ("ticket_number",),
    "status": ("status", "ticket_number", "updated"),
    "status_none": (),
    "status_not_found": ("ticket_ref",),
    "welcome": (),
}
_ALWAYS = ("phone_311",)
# Filled by the scheduler for every announcement post: the local time the occurrence was due
# ("18:30"). A message repeated on X needs it, since X refuses a post identical to an earlier one.
ISSUED_AT = "issued_at"
_ANNOUNCEMENT_SYSTEM = {ISSUED_AT: "23:59"}
TICKET_STATES = ("open", "awaiting_location", "in_progress", "closed")


def _weighted_length(text: str) -> int:
    # twitter-text takes half a second to import: only the approval checks need it.
    from twitter_text import parse_tweet

    return int(parse_tweet(text).weightedLength)


def _urls(text: str) -> list[str]:
    from twitter_text import extract_urls

    return list(extract_urls(text))


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise RegistryError("times must carry a time zone")
    return value.astimezone(UTC)


class RegistryService:
    """Use cases of the registry; one transaction each, audited."""

    def __init__(
        self,
        engine: Engine,
        sources: ApprovedSources,
        *,
        exercise: bool = False,
        categories: Iterable[str] = ("other",),
        phone_311: str = "311",
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.engine = engine
        self.sources = sources
        self.exercise = exercise
        self.categories = tuple(categories)
        self.phone_311 = phone_311
        self.clock = clock
        self._env = ImmutableSandboxedEnvironment(
            undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
        )
        self._approved: set[str] = set()
        self._compiled: dict[str, Template] = {}
        self._verified: dict[str, Version] = {}

    # -- reading ----------------------------------------------------------------------------
    def get(self, ref: str) -> Version:
        """``name`` (its newest version) or ``name@vN`` / ``name@N``."""
        name, _, number = ref.partition("@")
        with self.engine.connect() as conn:
            query = self._select().where(_MESSAGES.c.name == name)
            if number:
                try:
                    n = int(number.lstrip("v"))
                except ValueError:
                    raise RegistryError(f"{ref!r}: a version is written name@v3") from None
                query = query.where(_VERSIONS.c.number == n)
            row = conn.execute(query.order_by(_VERSIONS.c.number.desc()).limit(1)).first()
        if row is None:
            raise RegistryError(f"no message {ref!r} in the registry")
        return self._version(row)

    def by_id(self, version_id: int, conn: Connection | None = None) -> Version:
        """One version by its row id, read on ``conn`` when the caller holds a transaction.

        On SQLite every transaction takes the write lock (BEGIN IMMEDIATE), so a second
        connection opened inside a writer's transaction would wait for that writer forever.
        """
        query = self._select().where(_VERSIONS.c.id == version_id)
        if conn is not None:
            return self._version(conn.execute(query).one())
        with self.engine.connect() as own:
            return self._version(own.execute(query).one())

    def current(self, name: str) -> Version | None:
        """The newest approved version of ``name``: the one the bot uses."""
        with self.engine.connect() as conn:
            return self._current(conn, name)

    def _current(self, conn: Connection, name: str) -> Version | None:
        row = conn.execute(
            self._select()
            .where(_MESSAGES.c.name == name, _VERSIONS.c.status == Status.APPROVED.value)
            .order_by(_VERSIONS.c.number.desc())
            .limit(1)
        ).first()
        return self._version(row) if row is not None else None

    def versions(self, name: str) -> list[Version]:
        """Every version of ``name``, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                self._select().where(_MESSAGES.c.name == name).order_by(_VERSIONS.c.number)
            ).all()
        if not rows:
            raise RegistryError(f"no message {name!r} in the registry")
        return [self._version(r) for r in rows]

    def newest(self) -> list[Version]:
        """The newest version of every entry."""
        with self.engine.connect() as conn:
            newest = (
                select(_VERSIONS.c.message_id, func.max(_VERSIONS.c.number).label("n"))
                .group_by(_VERSIONS.c.message_id)
                .subquery()
            )
            rows = conn.execute(
                self._select()
                .join(
                    newest,
                    (newest.c.message_id == _VERSIONS.c.message_id)
                    & (newest.c.n == _VERSIONS.c.number),
                )
                .order_by(_MESSAGES.c.name)
            ).all()
        return [self._version(r) for r in rows]

    def is_approved_hash(self, digest: str) -> bool:
        """Whether ``digest`` is the hash of an approved version (cached once true)."""
        if digest in self._approved:
            return True
        with self.engine.connect() as conn:
            found = conn.execute(
                select(_VERSIONS.c.id).where(
                    _VERSIONS.c.content_hash == digest,
                    _VERSIONS.c.status == Status.APPROVED.value,
                )
            ).first()
        if found is not None:
            self._approved.add(digest)
        return found is not None

    def reproduces(self, digest: str, text: str, recipe: Mapping[str, Any] | None) -> bool:
        """Whether ``text`` is exactly what the approved version ``digest`` renders by
        ``recipe``: the dispatcher's last check before anything reaches a platform."""
        if not recipe or not self.is_approved_hash(digest):
            return False
        version = self._verified.get(digest)
        if version is None:
            with self.engine.connect() as conn:
                row = conn.execute(
                    self._select().where(_VERSIONS.c.content_hash == digest)
                ).first()
            if row is None:
                return False
            version = self._version(row)
            if content_hash(version.name, version.content) != digest:
                _LOGGER.error("%s: content does not match its hash", version.label)
                return False
            self._verified[digest] = version
        try:
            keys = list(recipe["variants"])
            values = {str(k): v for k, v in dict(recipe["values"]).items()}
            prefix = str(recipe.get("prefix", ""))
            if any(k not in version.variants for k in keys) or not keys:
                return False
            if prefix not in ("", f"{EXERCISE_PREFIX} "):
                return False
            if not all(isinstance(v, str | int) and not isinstance(v, bool)
                       for v in values.values()):  # fmt: skip
                return False
            parts = [self._render_source(version.variants[k], values) for k in keys]
        except (KeyError, TypeError, ValueError, RegistryError):
            return False
        return prefix + "\n".join(parts) == text

    def diff(self, name: str, a: int | None = None, b: int | None = None) -> str:
        """Unified diff between two versions (default: the two newest)."""
        versions = self.versions(name)
        by_number = {v.number: v for v in versions}
        new = by_number.get(b) if b is not None else versions[-1]
        old = by_number.get(a) if a is not None else (versions[-2] if len(versions) > 1 else None)
        if new is None or (a is not None and old is None):
            raise RegistryError(f"{name}: no such version")
        before = export_yaml(old) if old is not None else ""
        after = export_yaml(new)
        return "".join(
            difflib.unified_diff(
                before.splitlines(keepends=True), after.splitlines(keepends=True),
                fromfile=old.label if old else "(nothing)", tofile=new.label,
            )
        )  # fmt: skip

    # -- the workflow ------------------------------------------------------------------------
    def create_draft(
        self, actor: Actor, name: str, content: Mapping[str, Any], *, note: str | None = None
    ) -> Version:
        """Store a new draft version of ``name`` (created on first use)."""
        actor.require(Permission.DRAFT, "write drafts")
        clean = self._validate_shape(name, content)
        return self._insert(actor, name, clean, Status.DRAFT, note=note)

    def draft_from_template(
        self,
        actor: Actor,
        name: str,
        template: str,
        values: Mapping[str, str],
        *,
        expires: datetime | None = None,
        templates_dir: Path | None = None,
    ) -> Version:
        """A draft from ``templates/announcements/<template>.yaml`` and its language files."""
        actor.require(Permission.DRAFT, "write drafts")
        content = load_announcement_template(
            (templates_dir or DEFAULT_TEMPLATES_DIR) / "announcements", template
        )
        hours = content["meta"].pop("expires_in_hours", None)
        if expires is not None:
            content["meta"]["expires"] = _utc(expires).isoformat()
        elif isinstance(hours, int | float):
            content["meta"]["expires"] = (self.clock() + timedelta(hours=hours)).isoformat()
        for key, value in values.items():
            spec = content["variables"].get(key)
            if spec is None:
                spec = content["variables"][key] = {}
            spec.pop("choices", None)
            spec.pop("description", None)
            spec["value"] = value
        for spec in content["variables"].values():
            spec.pop("description", None)
        return self.create_draft(actor, name, content, note=f"from template {template}")

    def submit(self, actor: Actor, ref: str) -> tuple[Version, list[str]]:
        """Send a draft for approval; returns it and the problems an approver will hit."""
        actor.require(Permission.SUBMIT, "submit drafts")
        version = self.get(ref)
        if version.author != actor.name and actor.role != "admin":
            raise NotAllowed(f"{version.label} is {version.author}'s draft; only they submit it")
        if version.status is not Status.DRAFT:
            raise RegistryError(f"{version.label} is {version.status}, not a draft")
        now = self.clock()
        with self.engine.begin() as conn:
            self._transition(conn, version, Status.DRAFT, submitted_by=actor.name,
                             submitted_at=now, status=Status.SUBMITTED.value)  # fmt: skip
            audit.append(conn, actor=actor.name, action="message.submitted",
                         subject_type="message", subject_id=version.label,
                         detail={"hash": version.content_hash}, at=now)  # fmt: skip
        return self.get(version.label), self.check(version)

    def approve(self, actor: Actor, ref: str, *, note: str | None = None) -> Version:
        """Approve a submitted version: a second person, and only if every check passes."""
        actor.require(Permission.APPROVE, "approve messages")
        version = self.get(ref)
        self._second_person(actor, version, "approve")
        if version.status is not Status.SUBMITTED:
            raise RegistryError(f"{version.label} is {version.status}; only a submitted "
                                "version can be approved")  # fmt: skip
        problems = self.check(version)
        now = self.clock()
        if problems:
            with self.engine.begin() as conn:
                audit.append(conn, actor=actor.name, action="message.approval_refused",
                             subject_type="message", subject_id=version.label,
                             detail={"problems": problems}, at=now)  # fmt: skip
            raise ApprovalRefused(problems)
        with self.engine.begin() as conn:
            self._transition(conn, version, Status.SUBMITTED, status=Status.APPROVED.value,
                             decided_by=actor.name, decided_at=now,
                             decision_note=note)  # fmt: skip
            audit.append(conn, actor=actor.name, action="message.approved",
                         subject_type="message", subject_id=version.label,
                         detail={"hash": version.content_hash, "author": version.author},
                         at=now)  # fmt: skip
        self._approved.add(version.content_hash)
        return self.get(version.label)

    def reject(self, actor: Actor, ref: str, reason: str) -> Version:
        """Send a submitted version back with a reason; the author drafts a new version."""
        actor.require(Permission.APPROVE, "reject messages")
        if not reason.strip():
            raise RegistryError("a rejection needs a reason the author can act on")
        version = self.get(ref)
        self._second_person(actor, version, "reject")
        if version.status is not Status.SUBMITTED:
            raise RegistryError(f"{version.label} is {version.status}; only a submitted "
                                "version can be rejected")  # fmt: skip
        now = self.clock()
        with self.engine.begin() as conn:
            self._transition(conn, version, Status.SUBMITTED, status=Status.REJECTED.value,
                             decided_by=actor.name, decided_at=now,
                             decision_note=reason[:2000])  # fmt: skip
            audit.append(conn, actor=actor.name, action="message.rejected",
                         subject_type="message", subject_id=version.label,
                         detail={"reason": reason[:500]}, at=now)  # fmt: skip
        return self.get(version.label)

    @staticmethod
    def _second_person(actor: Actor, version: Version, verb: str) -> None:
        if actor.name == version.author:
            raise NotAllowed(
                f"{actor.name} wrote {version.label} and cannot {verb} it: "
                "a second person must (two-person rule)"
            )

    # -- shipped defaults --------------------------------------------------------------------
    def load_shipped(self, templates_dir: Path | None = None) -> list[str]:
        """Load the shipped reply set and cancel text, approved by the system account.

        Only at install (no version yet). When the files later differ from every version, the
        new text is stored as a version *submitted* by the system account: it is used only
        after a person approves it. Returns what was done, one line per entry.
        """
        root = templates_dir or DEFAULT_TEMPLATES_DIR
        done = []
        shipped = {
            REPLIES: load_reply_set(root / "replies"),
            DEFAULT_CANCEL: load_announcement_template(root / "announcements", DEFAULT_CANCEL),
        }
        for name, content in shipped.items():
            clean = self._validate_shape(name, content)
            digest = content_hash(name, clean)
            with self.engine.connect() as conn:
                known = conn.execute(
                    select(_VERSIONS.c.id).where(_VERSIONS.c.content_hash == digest)
                ).first()
                any_version = conn.execute(
                    select(_VERSIONS.c.id)
                    .join(_MESSAGES, _MESSAGES.c.id == _VERSIONS.c.message_id)
                    .where(_MESSAGES.c.name == name)
                ).first()
            if known is not None:
                continue
            if any_version is None:
                problems = self._problems(name, clean, self.clock())
                if problems:
                    raise ApprovalRefused([f"shipped {name}: {p}" for p in problems])
                v = self._insert(SYSTEM_INSTALL, name, clean, Status.APPROVED,
                                 note="shipped default, loaded at install")  # fmt: skip
                done.append(f"{v.label} loaded as approved by {SYSTEM_INSTALL.name}")
            else:
                v = self._insert(SYSTEM_INSTALL, name, clean, Status.SUBMITTED,
                                 note="shipped files changed; needs approval")  # fmt: skip
                _LOGGER.warning("%s: the shipped files changed; %s awaits approval",
                                name, v.label)  # fmt: skip
                done.append(f"{v.label} submitted for approval (shipped files changed)")
        return done

    # -- the checks --------------------------------------------------------------------------
    def check(self, version: Version) -> list[str]:
        """Every reason approval would be refused now; empty when it would pass."""
        return self._problems(version.name, version.content, self.clock())

    def _problems(self, name: str, content: Mapping[str, Any], now: datetime) -> list[str]:
        kind = Kind(content["kind"])
        if kind is Kind.REPLIES:
            return self._reply_problems(content)
        problems: list[str] = []
        meta_: dict[str, Any] = content["meta"]
        variants: dict[str, str] = content["variants"]
        variables: dict[str, dict[str, Any]] = content["variables"]
        expires = meta_.get("expires")
        if expires is not None and datetime.fromisoformat(expires) <= now:
            problems.append(f"expired: it expired at {expires} (now {now.isoformat()})")
        for lang in meta_["languages"]:
            if lang not in variants:
                problems.append(f"missing language: the message promises '{lang}' "
                                f"but has no '{lang}' variant")  # fmt: skip
        for lang in variants:
            if lang not in meta_["languages"]:
                problems.append(f"variant '{lang}' is not among the promised languages")
        for source in meta_.get("sources", []):
            if not self.sources.has_source(source):
                problems.append(f"source '{source}' is not in {self.sources.path.name}")
        before_variables = len(problems)
        used: dict[str, set[str]] = {}
        for lang, source in variants.items():
            names, error = self._variables_of(source)
            if error:
                problems.append(f"variant '{lang}': {error}")
                continue
            names -= set(_ANNOUNCEMENT_SYSTEM)
            used[lang] = names
            for var in sorted(names):
                if var not in variables:
                    problems.append(f"missing variable: the '{lang}' variant uses "
                                    f"'{{{{ {var} }}}}' but no value or choices are "
                                    "given")  # fmt: skip
        everywhere = set().union(*used.values()) if used else set()
        for var, spec in variables.items():
            if var not in everywhere:
                problems.append(f"unknown variable: '{var}' is given but no variant uses it")
            elif "value" not in spec and not spec.get("choices"):
                problems.append(f"missing variable: '{var}' has neither a value nor choices")
        if len(problems) > before_variables:
            return problems  # the variants cannot be rendered until the variables are right
        for lang, source in variants.items():
            for values in self._combinations(variables):
                text = self._render_source(source, {**_ANNOUNCEMENT_SYSTEM, **values})
                problems.extend(self._text_problems(text, f"'{lang}' variant",
                                                    meta_["channels"]))  # fmt: skip
        return list(dict.fromkeys(problems))

    def _reply_problems(self, content: Mapping[str, Any]) -> list[str]:
        problems: list[str] = []
        variants: dict[str, str] = content["variants"]
        ids: dict[str, set[str]] = {}
        for key in variants:
            match = _REPLY_KEY.match(key)
            if match is None:
                problems.append(f"reply variant key {key!r}: write it <template>.<language>")
                continue
            ids.setdefault(match["id"], set()).add(match["lang"])
        for tid, langs in sorted(ids.items()):
            if tid not in REPLY_VARIABLES:
                problems.append(f"unknown reply template '{tid}'")
            if "en" not in langs:
                problems.append(f"reply '{tid}' has no English variant (the fallback)")
        for tid in REPLY_VARIABLES:
            if tid not in ids:
                problems.append(f"missing reply template '{tid}'")
        for lang in content["meta"].get("languages", []):
            # The fallback note is only ever added to the English fallback text.
            for tid in sorted(set(ids) - {"fallback_note"}):
                if lang not in ids[tid]:
                    problems.append(f"missing language: reply '{tid}' has no '{lang}' variant")
        if problems:
            return problems
        for key, source in sorted(variants.items()):
            tid = key.split(".", 1)[0]
            names, error = self._variables_of(source)
            if error:
                problems.append(f"reply '{key}': {error}")
                continue
            allowed = set(REPLY_VARIABLES[tid]) | set(_ALWAYS)
            for var in sorted(names - allowed):
                problems.append(f"unknown variable: reply '{key}' uses '{{{{ {var} }}}}', "
                                f"which the bot does not provide for '{tid}'")  # fmt: skip
            if names - allowed:
                continue
            for values in self._reply_samples(tid):
                text = self._render_source(source, values)
                problems.extend(self._text_problems(text, f"reply '{key}'", list(CHANNELS)))
        return list(dict.fromkeys(problems))

    def _reply_samples(self, tid: str) -> list[dict[str, str]]:
        base = {"ticket_number": "SR-0004821", "ticket_ref": "SR-000123",
                "updated": "2026-11-23 19:42", "phone_311": self.phone_311}  # fmt: skip
        if tid == "confirmation":
            return [{**base, "category": c} for c in self.categories]
        if tid == "status":
            return [{**base, "status": s} for s in TICKET_STATES]
        return [base]

    def _variables_of(self, source: str) -> tuple[set[str], str | None]:
        if len(source) > MAX_SOURCE_CHARS:
            return set(), f"template source over {MAX_SOURCE_CHARS} characters"
        try:
            names = meta.find_undeclared_variables(self._env.parse(source))
        except TemplateError as exc:
            return set(), f"template error: {exc}"
        return set(names), None

    def _combinations(self, variables: Mapping[str, Mapping[str, Any]]) -> list[dict[str, str]]:
        options: list[list[tuple[str, str]]] = []
        for var, spec in sorted(variables.items()):
            values = [spec["value"]] if "value" in spec else list(spec.get("choices", []))
            options.append([(var, str(v)) for v in values])
        combos = 1
        for opt in options:
            combos *= max(1, len(opt))
        if combos > MAX_COMBINATIONS:
            # Too many to render each: the longest value of every variable bounds the length.
            options = [[max(opt, key=lambda kv: _weighted_length(kv[1]))]
                       for opt in options]  # fmt: skip
        return [dict(c) for c in itertools.product(*options)]

    def _render_source(self, source: str, values: Mapping[str, str]) -> str:
        try:
            template = self._compiled.get(source)
            if template is None:
                if len(self._compiled) > 4_096:
                    self._compiled.clear()
                template = self._compiled[source] = self._env.from_string(source)
            return template.render(**values).strip()
        except TemplateError as exc:
            raise RegistryError(f"render failed: {exc}") from exc

    def uses(self, version: Version, variable: str) -> bool:
        """Whether every variant of ``version`` uses ``variable``."""
        return all(variable in self._variables_of(src)[0] for src in version.variants.values())

    def _text_problems(self, text: str, what: str, channels: list[str]) -> list[str]:
        problems = []
        if not text:
            problems.append(f"{what} renders empty")
        posted = f"{EXERCISE_PREFIX} {text}" if self.exercise else text
        if "x" in channels:
            weighted = _weighted_length(posted)
            if weighted > X_MAX_WEIGHTED:
                extra = " with the EXERCISE prefix" if self.exercise else ""
                problems.append(f"too long for X: {what} is {weighted} weighted characters"
                                f"{extra} (limit {X_MAX_WEIGHTED})")  # fmt: skip
        if "telegram" in channels:
            units = len(posted.encode("utf-16-le")) // 2
            if units > TELEGRAM_MAX:
                problems.append(f"too long for Telegram: {what} is {units} characters "
                                f"(limit {TELEGRAM_MAX})")  # fmt: skip
        for url in _urls(text):
            host = re.sub(r"^[a-z]+://", "", url, flags=re.I).split("/", 1)[0].split(":", 1)[0]
            if not self.sources.allows_host(host):
                problems.append(f"link to an unlisted domain: {what} links {url} and "
                                f"{host} is not in {self.sources.path.name}")  # fmt: skip
        for handle in _MENTION.findall(text):
            if not self.sources.allows_handle(handle):
                problems.append(f"mention of an unlisted account: {what} mentions @{handle}, "
                                f"which is not in {self.sources.path.name}")  # fmt: skip
        return problems

    # -- rendering for the outbox --------------------------------------------------------------
    def render(self, version: Version, key: str, values: Mapping[str, str]) -> str:
        """The text of one variant of an approved version, with approved values only."""
        if version.status is not Status.APPROVED:
            raise RegistryError(f"{version.label} is {version.status}, not approved")
        if content_hash(version.name, version.content) != version.content_hash:
            raise RegistryError(f"{version.label}: content does not match its hash")
        source = version.variants.get(key)
        if source is None:
            raise RegistryError(f"{version.label} has no variant {key!r}")
        return self._render_source(source, values)

    def resolve_values(self, version: Version, chosen: Mapping[str, str]) -> dict[str, str]:
        """Fixed values plus announce-time choices; refuses anything not approved."""
        out: dict[str, str] = {}
        for var in chosen:
            if var not in version.variables:
                raise RegistryError(f"{version.label} has no variable {var!r}")
        for var, spec in version.variables.items():
            if "value" in spec:
                if var in chosen and chosen[var] != spec["value"]:
                    raise RegistryError(f"{var!r} is fixed in {version.label}: "
                                        f"{spec['value']!r}")  # fmt: skip
                out[var] = str(spec["value"])
            elif var in chosen:
                if chosen[var] not in spec.get("choices", []):
                    allowed = ", ".join(repr(c) for c in spec.get("choices", []))
                    raise RegistryError(f"{chosen[var]!r} is not an approved choice for "
                                        f"{var!r}; choose one of {allowed}")  # fmt: skip
                out[var] = chosen[var]
            else:
                allowed = ", ".join(repr(c) for c in spec.get("choices", []))
                raise RegistryError(f"{version.label} needs --var {var}=... (one of {allowed})")
        return out

    # -- storage ------------------------------------------------------------------------------
    def _insert(
        self, actor: Actor, name: str, content: dict[str, Any], status: Status,
        *, note: str | None,
    ) -> Version:  # fmt: skip
        digest = content_hash(name, content)
        now = self.clock()
        kind = content["kind"]
        try:
            with self.engine.begin() as conn:
                msg = conn.execute(
                    select(_MESSAGES.c.id, _MESSAGES.c.kind).where(_MESSAGES.c.name == name)
                ).first()
                if msg is None:
                    new_msg = insert(_MESSAGES).values(
                        name=name, kind=kind, created_at=now, created_by=actor.name
                    )
                    msg_id = conn.execute(new_msg.returning(_MESSAGES.c.id)).scalar_one()
                else:
                    if msg.kind != kind:
                        raise RegistryError(f"{name!r} holds {msg.kind}, not {kind}")
                    msg_id = msg.id
                same = conn.execute(
                    select(_VERSIONS.c.number).where(_VERSIONS.c.content_hash == digest)
                ).first()
                if same is not None:
                    raise RegistryError(f"nothing changed: identical to {name}@v{same.number}")
                number = (
                    conn.execute(
                        select(func.max(_VERSIONS.c.number)).where(
                            _VERSIONS.c.message_id == msg_id
                        )
                    ).scalar()
                    or 0
                ) + 1
                decided = status is Status.APPROVED
                conn.execute(
                    insert(_VERSIONS).values(
                        message_id=msg_id, number=number, content=content, content_hash=digest,
                        author=actor.name, created_at=now, status=status.value,
                        submitted_by=actor.name if status is not Status.DRAFT else None,
                        submitted_at=now if status is not Status.DRAFT else None,
                        decided_by=actor.name if decided else None,
                        decided_at=now if decided else None, decision_note=note,
                    )
                )  # fmt: skip
                audit.append(conn, actor=actor.name, action=f"message.{status.value}",
                             subject_type="message", subject_id=f"{name}@v{number}",
                             detail={"hash": digest, "note": note}, at=now)  # fmt: skip
        except IntegrityError as exc:
            raise RegistryError(f"{name}: another version was stored at the same time; "
                                f"try again ({exc.orig})") from None  # fmt: skip
        return self.get(f"{name}@v{number}")

    def _transition(
        self, conn: Connection, version: Version, expected: Status, **values: Any
    ) -> None:
        done = conn.execute(
            update(_VERSIONS)
            .where(_VERSIONS.c.id == version.id, _VERSIONS.c.status == expected.value)
            .values(**values)
        )
        if done.rowcount != 1:
            raise RegistryError(f"{version.label} changed meanwhile; look at it again")

    @staticmethod
    def _select() -> Any:
        return select(_VERSIONS, _MESSAGES.c.name, _MESSAGES.c.kind).join(
            _MESSAGES, _MESSAGES.c.id == _VERSIONS.c.message_id
        )

    @staticmethod
    def _version(row: DbRow) -> Version:
        return Version(
            id=row.id, name=row.name, kind=Kind(row.kind), number=row.number,
            status=Status(row.status), content=row.content, content_hash=row.content_hash,
            author=row.author, created_at=row.created_at, submitted_by=row.submitted_by,
            decided_by=row.decided_by, decided_at=row.decided_at,
            decision_note=row.decision_note,
        )  # fmt: skip

    def _validate_shape(self, name: str, content: Mapping[str, Any]) -> dict[str, Any]:
        """Structure only (the approval checks judge the words): a clear error per field."""
        if not NAME.match(name):
            raise RegistryError(f"name {name!r}: 2-64 lowercase letters, digits or '_', "
                                "starting with a letter")  # fmt: skip
        if not isinstance(content, Mapping):
            raise RegistryError("content must be a mapping")
        unknown = set(content) - {"kind", "variants", "variables", "meta"}
        if unknown:
            raise RegistryError(f"unknown field(s): {', '.join(sorted(unknown))}")
        kind_raw = content.get("kind", Kind.REPLIES if name == REPLIES else Kind.ANNOUNCEMENT)
        try:
            kind = Kind(kind_raw)
        except ValueError:
            raise RegistryError(f"kind {kind_raw!r}: announcement or replies") from None
        if (kind is Kind.REPLIES) != (name == REPLIES):
            raise RegistryError(f"the reply set is the entry named {REPLIES!r}, and only it")
        variants = content.get("variants")
        if not isinstance(variants, Mapping) or not variants:
            raise RegistryError("variants: give at least one language variant")
        for key, source in variants.items():
            if not isinstance(key, str) or not isinstance(source, str):
                raise RegistryError(f"variant {key!r}: text expected")
            if kind is Kind.ANNOUNCEMENT and not _LANGUAGE.match(key):
                raise RegistryError(f"variant {key!r}: a language code (en, es, zh, ...)")
            if len(source) > MAX_SOURCE_CHARS:
                raise RegistryError(f"variant {key!r}: over {MAX_SOURCE_CHARS} characters")
        variables = content.get("variables") or {}
        if not isinstance(variables, Mapping):
            raise RegistryError("variables: a mapping of name -> {value} or {choices}")
        clean_vars: dict[str, dict[str, Any]] = {}
        for var, spec in variables.items():
            if not isinstance(var, str) or not re.match(r"^[a-z_][a-z0-9_]{0,40}$", var):
                raise RegistryError(f"variable name {var!r}: lowercase letters, digits, '_'")
            if not isinstance(spec, Mapping) or not set(spec) <= {"value", "choices"}:
                raise RegistryError(f"variable {var!r}: give value: or choices:")
            entry: dict[str, Any] = {}
            if "value" in spec:
                entry["value"] = self._plain(var, spec["value"])
            if "choices" in spec:
                choices = spec["choices"]
                if not isinstance(choices, list) or not choices:
                    raise RegistryError(f"variable {var!r}: choices must be a non-empty list")
                entry["choices"] = [self._plain(var, c) for c in choices]
            clean_vars[var] = entry
        meta_raw = content.get("meta") or {}
        if not isinstance(meta_raw, Mapping):
            raise RegistryError("meta: a mapping")
        meta_ = dict(meta_raw)
        allowed = {"event", "severity", "urgency", "certainty", "headline", "expires",
                   "channels", "languages", "sources", "cancel", "expires_in_hours"}  # fmt: skip
        extra = set(meta_) - allowed
        if extra:
            raise RegistryError(f"meta: unknown field(s) {', '.join(sorted(extra))}")
        for field, vocab in (("severity", SEVERITY), ("urgency", URGENCY),
                             ("certainty", CERTAINTY)):  # fmt: skip
            if field in meta_ and meta_[field] not in vocab:
                raise RegistryError(f"meta.{field} {meta_[field]!r}: one of {', '.join(vocab)}")
        if "expires" in meta_ and meta_["expires"] is not None:
            raw = meta_["expires"]
            when = raw if isinstance(raw, datetime) else None
            if when is None:
                try:
                    when = datetime.fromisoformat(str(raw))
                except ValueError:
                    raise RegistryError(f"meta.expires {raw!r}: an ISO 8601 time") from None
            meta_["expires"] = _utc(when).isoformat()
        langs = meta_.get("languages")
        if kind is Kind.ANNOUNCEMENT:
            if langs is None:
                langs = sorted(variants)
            if not isinstance(langs, list) or not all(
                isinstance(x, str) and _LANGUAGE.match(x) for x in langs
            ):
                raise RegistryError("meta.languages: a list of language codes")
            meta_["languages"] = langs
            channels = meta_.setdefault("channels", list(CHANNELS))
            if (
                not isinstance(channels, list)
                or not channels
                or not set(channels) <= set(CHANNELS)
            ):
                raise RegistryError(f"meta.channels: a list drawn from {', '.join(CHANNELS)}")
            sources = meta_.setdefault("sources", [])
            if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
                raise RegistryError("meta.sources: a list of source ids")
        elif langs is not None and not isinstance(langs, list):
            raise RegistryError("meta.languages: a list of language codes")
        return {"kind": kind.value, "variants": dict(variants), "variables": clean_vars,
                "meta": meta_}  # fmt: skip

    @staticmethod
    def _plain(var: str, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise RegistryError(f"variable {var!r}: values are text")
        text = str(value)
        if len(text) > MAX_VALUE_CHARS:
            raise RegistryError(f"variable {var!r}: over {MAX_VALUE_CHARS} characters")
        if "{{" in text or "{%" in text:
            raise RegistryError(f"variable {var!r}: values are text, not template code")
        return text


# -- files ------------------------------------------------------------------------------------
def load_reply_set(directory: Path) -> dict[str, Any]:
    """``templates/replies/<id>.<lang>.j2`` as the content of the ``replies`` entry."""
    if not directory.is_dir():
        raise RegistryError(f"no reply templates at {directory}")
    variants = {}
    for path in sorted(directory.glob("*.j2")):
        key = path.name[: -len(".j2")]
        if not _REPLY_KEY.match(key):
            raise RegistryError(f"{path}: name must be <template_id>.<lang>.j2")
        variants[key] = path.read_text(encoding="utf-8")
    langs = sorted({k.split(".", 1)[1] for k in variants if not k.startswith("fallback_note")})
    return {"kind": Kind.REPLIES.value, "variants": variants, "variables": {},
            "meta": {"languages": langs}}  # fmt: skip


def load_announcement_template(directory: Path, template: str) -> dict[str, Any]:
    """``templates/announcements/<template>.yaml`` plus its ``<template>.<lang>.j2`` files."""
    if not NAME.match(template):
        raise RegistryError(f"template name {template!r} is not valid")
    meta_path = directory / f"{template}.yaml"
    try:
        raw = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        known = sorted(p.stem for p in directory.glob("*.yaml"))
        raise RegistryError(
            f"no announcement template {template!r}; known: {', '.join(known)}"
        ) from None
    except yaml.YAMLError as exc:
        raise RegistryError(f"{meta_path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise RegistryError(f"{meta_path}: a mapping expected")
    variables = raw.pop("variables", None) or {}
    variants = {}
    for path in sorted(directory.glob(f"{template}.*.j2")):
        lang = path.name[len(template) + 1 : -len(".j2")]
        if _LANGUAGE.match(lang):
            variants[lang] = path.read_text(encoding="utf-8")
    return {"kind": Kind.ANNOUNCEMENT.value, "variants": variants,
            "variables": {k: dict(v or {}) for k, v in variables.items()},
            "meta": raw}  # fmt: skip


class _ExportDumper(yaml.SafeDumper):
    """Multi-line text as literal blocks: what staff edit reads as written, diffs by line."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ExportDumper.add_representer(str, _text)


def export_yaml(version: Version) -> str:
    """A version as the YAML staff edit and feed back with ``messages new --file``."""
    return yaml.dump(
        {"kind": version.content["kind"], "meta": version.meta,
         "variables": version.variables, "variants": version.variants},
        Dumper=_ExportDumper, allow_unicode=True, sort_keys=True, width=100,
    )  # fmt: skip
