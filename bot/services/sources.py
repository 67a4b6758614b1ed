"""``approved_sources.yaml``: the only sources announcements may cite, link or mention.

Loaded and validated when the bot starts and when a message is approved; a bad file is a
:class:`SourcesError` naming the entry and field, and the bot refuses to start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

DEFAULT_SOURCES_FILE = Path(__file__).resolve().parents[2] / "approved_sources.yaml"
_ID = re.compile(r"^[a-z0-9_]{2,40}$")
_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_HANDLE = re.compile(r"^[A-Za-z0-9_]{1,32}$")


class SourcesError(ValueError):
    """The approved-sources file is missing, unreadable or invalid."""


class _Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str = Field(min_length=3, max_length=200)
    domains: list[str] = Field(min_length=1)
    handles: dict[str, str] = Field(default_factory=dict)
    feeds: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("must be 2-40 lowercase letters, digits or underscores")
        return value

    @field_validator("domains")
    @classmethod
    def _domains(cls, value: list[str]) -> list[str]:
        out = []
        for domain in value:
            domain = domain.strip().lower()
            if not _DOMAIN.match(domain):
                raise ValueError(f"{domain!r} is not a domain name (no scheme, no path)")
            out.append(domain)
        return out

    @field_validator("handles")
    @classmethod
    def _handles(cls, value: dict[str, str]) -> dict[str, str]:
        for platform, handle in value.items():
            if platform not in ("x", "telegram", "mastodon", "bluesky", "facebook"):
                raise ValueError(f"unknown platform {platform!r}")
            if not _HANDLE.match(handle.lstrip("@")):
                raise ValueError(f"{handle!r} is not a handle")
        return {p: h.lstrip("@") for p, h in value.items()}

    @field_validator("feeds")
    @classmethod
    def _feeds(cls, value: list[str]) -> list[str]:
        for feed in value:
            parts = urlsplit(feed)
            if parts.scheme != "https" or not parts.hostname:
                raise ValueError(f"{feed!r}: feeds must be https:// URLs")
        return value


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[_Source] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class ApprovedSources:
    """The validated file: lookups by id, domain and handle."""

    names: dict[str, str]
    domains: frozenset[str]
    handles: frozenset[str]
    path: Path

    def has_source(self, source_id: str) -> bool:
        """Whether ``source_id`` is listed."""
        return source_id in self.names

    def allows_host(self, host: str) -> bool:
        """Whether ``host`` is a listed domain or a subdomain of one."""
        host = host.lower().rstrip(".")
        if host.startswith("www."):
            host = host[4:]
        parts = host.split(".")
        return any(".".join(parts[i:]) in self.domains for i in range(len(parts) - 1))

    def allows_handle(self, handle: str) -> bool:
        """Whether ``@handle`` belongs to a listed source (case-insensitive)."""
        return handle.lstrip("@").lower() in self.handles


def load_sources(path: Path | None = None) -> ApprovedSources:
    """Read and validate the file.

    Raises:
        SourcesError: with the file, the entry and the field at fault.
    """
    where = path or DEFAULT_SOURCES_FILE
    try:
        raw = yaml.safe_load(where.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SourcesError(f"approved sources file not found: {where}") from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SourcesError(f"{where}: cannot read it as YAML: {exc}") from exc
    try:
        parsed = _File.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{where} is invalid:"]
        for err in exc.errors():
            loc = list(err["loc"])
            if len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
                entries = raw.get("sources") if isinstance(raw, dict) else None
                entry = entries[loc[1]] if isinstance(entries, list) else None
                ident = entry.get("id") if isinstance(entry, dict) else None
                loc[1] = f"{loc[1]} ({ident})" if ident else loc[1]
            lines.append(f"  {'.'.join(str(p) for p in loc)}: {err['msg']}")
        raise SourcesError("\n".join(lines)) from exc
    ids = [s.id for s in parsed.sources]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SourcesError(f"{where}: duplicate source id(s): {', '.join(duplicates)}")
    return ApprovedSources(
        names={s.id: s.name for s in parsed.sources},
        domains=frozenset(d for s in parsed.sources for d in s.domains),
        handles=frozenset(h.lower() for s in parsed.sources for h in s.handles.values()),
        path=where,
    )
