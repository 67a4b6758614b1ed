"""Approved reply templates: sandboxed Jinja2 renders of files under ``templates/replies``.

Resident text is never template source and never a template variable: callers pass only
values the bot computed (ticket numbers, category codes, dates), and every variable is checked
to be a plain scalar before it reaches the sandbox.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

DEFAULT_TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
MAX_SOURCE_CHARS = 20_000
MAX_OUTPUT_CHARS = 4_096
_NAME = re.compile(r"^(?P<id>[a-z0-9_]+)\.(?P<lang>[a-z]{2,3})\.j2$")


class TemplateNotFound(LookupError):
    """No variant of the template exists, not even the fallback language's."""


class RenderError(ValueError):
    """A template could not be rendered (missing variable, bad value, output too long)."""


@dataclass(frozen=True, slots=True)
class TemplateVersion:
    """One language variant of one template, identified by the hash of its source."""

    template_id: str
    language: str
    source: str
    content_hash: str

    @property
    def version(self) -> str:
        """Short, stable version label derived from the content hash."""
        return self.content_hash[:12]


@dataclass(frozen=True, slots=True)
class RenderedText:
    """The output of one render with the provenance the outbox row records."""

    text: str
    template_id: str
    language: str
    version: str
    content_hash: str
    fell_back: bool
    # How to reproduce ``text`` from the approved version: the variants rendered, joined by a
    # newline, with these values, after this prefix. The dispatcher re-renders it before it
    # sends anything (``RegistryService.reproduces``).
    recipe: dict[str, Any] = field(default_factory=dict)


class ReplyTemplates:
    """Loads ``<template_id>.<lang>.j2`` files once and renders them in a sandbox."""

    def __init__(
        self,
        directory: Path | None = None,
        *,
        fallback_language: str = "en",
        phone_311: str = "311",
        variants: Mapping[str, str] | None = None,
        approved_as: tuple[str, str] | None = None,
        prefix: str = "",
    ) -> None:
        """Load from ``variants`` (``"<id>.<lang>" -> source``: the registry's approved reply
        set, with ``approved_as = (label, content_hash)``) or else from ``directory``.

        With ``approved_as`` every render carries the approved version's label and hash, the
        provenance the dispatcher checks. ``prefix`` starts every text (exercise mode).
        """
        self.directory = (directory or DEFAULT_TEMPLATES_DIR) / "replies"
        self.fallback_language = fallback_language
        self.phone_311 = phone_311
        self.approved_as = approved_as
        self.prefix = prefix
        self._env = ImmutableSandboxedEnvironment(
            undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
        )
        self._versions: dict[tuple[str, str], TemplateVersion] = {}
        self._compiled: dict[tuple[str, str], object] = {}
        if variants is None:
            if not self.directory.is_dir():
                raise TemplateNotFound(f"no reply templates at {self.directory}")
            variants = {
                path.name[: -len(".j2")]: path.read_text(encoding="utf-8")
                for path in sorted(self.directory.glob("*.j2"))
            }
        for key, source in variants.items():
            self._add(key, source)

    def _add(self, name: str, source: str) -> None:
        match = _NAME.match(f"{name}.j2")
        if not match:
            raise RenderError(f"{name}: name must be <template_id>.<lang>.j2")
        if len(source) > MAX_SOURCE_CHARS:
            raise RenderError(f"{name}: template source over {MAX_SOURCE_CHARS} characters")
        key = (match.group("id"), match.group("lang"))
        digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
        self._versions[key] = TemplateVersion(key[0], key[1], source, digest)
        try:
            self._compiled[key] = self._env.from_string(source)
        except TemplateError as exc:
            raise RenderError(f"{name}.j2: {exc}") from exc

    def languages(self, template_id: str) -> list[str]:
        """Languages that have a variant of ``template_id``."""
        return sorted(lang for tid, lang in self._versions if tid == template_id)

    def template_ids(self) -> list[str]:
        """Every template id."""
        return sorted({tid for tid, _ in self._versions})

    def version(self, template_id: str, language: str) -> TemplateVersion:
        """The variant used for ``language`` (or the fallback language's)."""
        key = (template_id, language)
        if key not in self._versions:
            key = (template_id, self.fallback_language)
        if key not in self._versions:
            raise TemplateNotFound(f"no template {template_id!r}")
        return self._versions[key]

    def render(self, template_id: str, language: str, **variables: str | int) -> RenderedText:
        """Render ``template_id`` in ``language`` (falling back to English + the 311 line)."""
        for name, value in variables.items():
            if not isinstance(value, str | int) or isinstance(value, bool):
                raise RenderError(f"variable {name!r} must be a string or an integer")
        variables.setdefault("phone_311", self.phone_311)
        tv = self.version(template_id, language)
        fell_back = tv.language != language
        text = self._render(tv, variables)
        content_hash = tv.content_hash
        parts = [f"{tv.template_id}.{tv.language}"]
        if fell_back and (note_key := ("fallback_note", self.fallback_language)) in self._versions:
            note = self._versions[note_key]
            parts.append(f"{note.template_id}.{note.language}")
            text = f"{text}\n{self._render(note, variables)}"
            content_hash = hashlib.sha256(
                (tv.content_hash + note.content_hash).encode("ascii")
            ).hexdigest()
        version = tv.version
        if self.approved_as is not None:
            version, content_hash = self.approved_as
        recipe = {"variants": parts, "values": dict(variables), "prefix": self.prefix}
        return RenderedText(
            self.prefix + text, template_id, tv.language, version, content_hash, fell_back, recipe
        )

    def _render(self, tv: TemplateVersion, variables: dict[str, str | int]) -> str:
        template = self._compiled[(tv.template_id, tv.language)]
        try:
            text: str = template.render(**variables)  # type: ignore[attr-defined]
        except TemplateError as exc:
            raise RenderError(f"{tv.template_id}.{tv.language}: {exc}") from exc
        text = text.strip()
        if not text:
            raise RenderError(f"{tv.template_id}.{tv.language} rendered empty")
        if len(text) > MAX_OUTPUT_CHARS:
            raise RenderError(f"{tv.template_id}.{tv.language} rendered over {MAX_OUTPUT_CHARS}")
        return text
