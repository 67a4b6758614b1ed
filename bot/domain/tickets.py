"""Ticket numbers: human-friendly, derived from a database-assigned sequence."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TicketNumbering:
    """Formats and parses ticket numbers (default ``SR-000123``).

    The sequence value ``n`` comes from the database (the ticket row's identity), so numbers
    are unique across processes without any coordination in the bot.
    """

    number_format: str = "SR-{n:06d}"

    def format(self, n: int) -> str:
        """``123`` -> ``"SR-000123"``."""
        return self.number_format.format(n=n)

    def parse(self, ref: str) -> int | None:
        """The sequence value in a reference a resident typed (``"sr 123"``, ``"000123"``)."""
        digits = re.sub(r"\D", "", ref)
        if not digits or len(digits) > 18:
            return None
        return int(digits)
