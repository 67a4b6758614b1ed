"""Triage results: what the bot understood of one message."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Intent(StrEnum):
    """What the resident wants."""

    EMERGENCY = "emergency"
    SERVICE_REQUEST = "service_request"
    QUESTION = "question"
    STATUS_QUERY = "status_query"
    NOT_ACTIONABLE = "not_actionable"

    @property
    def actionable(self) -> bool:
        """True when the message opens a ticket."""
        return self in (Intent.EMERGENCY, Intent.SERVICE_REQUEST, Intent.QUESTION)


class Priority:
    """Ticket and outbox priorities: lower is more urgent."""

    LIFE_SAFETY = 0
    FOLLOW_UP = 1
    NORMAL = 2
    LOW = 3
    ANNOUNCEMENT = 5


@dataclass(frozen=True, slots=True)
class Location:
    """A place found in a message.

    Attributes:
        text: the span as written.
        kind: ``address``, ``block``, ``intersection``, ``segment`` (a street between two
            others: "Broad between Erie and Allegheny"), ``landmark``, ``road``,
            ``neighborhood`` (named in the text; with a gazetteer), ``place`` (a named area or
            point found by the token model), ``coordinates``.
        normalized: canonical form (e.g. ``"5TH ST & MARKET ST"``), when known.
        latitude: latitude, when known.
        longitude: longitude, when known.
        neighborhood: the city neighborhood the place lies in, when known.
    """

    text: str
    kind: str
    normalized: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    neighborhood: str | None = None


@dataclass(frozen=True, slots=True)
class TriageResult:
    """Intent, category, language, place and priority of one message.

    ``category`` is the service of the ticket an actionable message opens. A message that
    opens none (``not_actionable``) still has a ``topic``: the service it is about, named by
    the lexicon or, in English, guessed by the model. Staff reviewing what the bot left quiet
    filter on it; it never opens or routes a ticket.
    """

    intent: Intent
    category: str | None
    language: str
    location: Location | None
    priority: int
    ticket_ref: str | None = None
    command: str | None = None
    text_key: str | None = None
    simhash: int = 0
    place_key: str | None = None
    topic: str | None = None

    @property
    def service(self) -> str | None:
        """The ticket's category, or for a quiet message the topic it is about."""
        return self.category if self.category is not None else self.topic

    def as_json(self) -> dict[str, object]:
        """The ``crisisbot triage`` output shape (without the id)."""
        loc: dict[str, object] | None = None
        if self.location is not None:
            loc = {"text": self.location.text, "kind": self.location.kind}
            if self.location.normalized:
                loc["normalized"] = self.location.normalized
            if self.location.neighborhood:
                loc["neighborhood"] = self.location.neighborhood
            if self.location.latitude is not None:
                loc["lat"] = self.location.latitude
                loc["lon"] = self.location.longitude
        return {
            "intent": self.intent.value,
            "category": self.service,
            "language": self.language,
            "location": loc,
            "priority": self.priority,
            "dedupe": {
                "text": self.text_key,
                "simhash": f"{self.simhash:016x}",
                "place": self.place_key,
            },
        }
