"""Approved messages: the content of a registry version, its hash and its workflow.

Pure: no I/O. A version's content is plain JSON, so the same bytes are hashed on every backend:

``{"kind": "announcement" | "replies",
   "variants": {key: jinja source},      # announcement: language; replies: "<id>.<language>"
   "variables": {name: {"value": str} | {"choices": [str, ...]}},
   "meta": {"event", "severity", "urgency", "certainty", "headline", "expires" (ISO 8601),
            "channels": [...], "languages": [...], "sources": [...], "cancel": name}}``
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

NAME = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
REPLIES = "replies"
DEFAULT_CANCEL = "cancel"

# CAP 1.2 vocabularies (OASIS Common Alerting Protocol, section 3.2.2).
SEVERITY = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
URGENCY = ("Immediate", "Expected", "Future", "Past", "Unknown")
CERTAINTY = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
CHANNELS = ("x", "telegram")


class Kind(StrEnum):
    """What a registry entry holds."""

    ANNOUNCEMENT = "announcement"
    REPLIES = "replies"


class Status(StrEnum):
    """draft -> submitted -> approved | rejected; a version never goes back."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


class RegistryError(ValueError):
    """A registry request is invalid (unknown message, wrong state, bad content)."""


class ApprovalRefused(RegistryError):
    """Approval checks failed; ``problems`` names each one precisely."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("approval refused:\n" + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems


def content_hash(name: str, content: dict[str, Any]) -> str:
    """SHA-256 of the entry's name and content in canonical JSON."""
    body = json.dumps(
        {"name": name, "content": content},
        ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False,
    )  # fmt: skip
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a registry entry, as the services hand it around."""

    id: int
    name: str
    kind: Kind
    number: int
    status: Status
    content: dict[str, Any]
    content_hash: str
    author: str
    created_at: datetime
    submitted_by: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_note: str | None = None

    @property
    def label(self) -> str:
        """``name@vN``: how staff refer to it."""
        return f"{self.name}@v{self.number}"

    @property
    def meta(self) -> dict[str, Any]:
        """The CAP-style metadata."""
        meta: dict[str, Any] = self.content.get("meta", {})
        return meta

    @property
    def variants(self) -> dict[str, str]:
        """Variant key -> template source."""
        variants: dict[str, str] = self.content.get("variants", {})
        return variants

    @property
    def variables(self) -> dict[str, dict[str, Any]]:
        """Variable name -> ``{"value": ...}`` or ``{"choices": [...]}``."""
        variables: dict[str, dict[str, Any]] = self.content.get("variables", {})
        return variables

    @property
    def expires(self) -> datetime | None:
        """When the message stops being true, if it says."""
        raw = self.meta.get("expires")
        return datetime.fromisoformat(raw) if isinstance(raw, str) else None

    @property
    def languages(self) -> list[str]:
        """The languages this message promises."""
        return list(self.meta.get("languages", []))

    @property
    def channels(self) -> list[str]:
        """The channels this message may be posted to."""
        return list(self.meta.get("channels", []))
