"""Ticket numbers: formatting the database sequence and parsing what residents type."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.tickets import TicketNumbering
from bot.triage.pipeline import find_ticket_ref


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "SR-000001"), (123, "SR-000123"), (999_999, "SR-999999"), (1_234_567, "SR-1234567")],
)
def test_default_format(n: int, expected: str) -> None:
    assert TicketNumbering().format(n) == expected


def test_custom_format() -> None:
    assert TicketNumbering("PHL-{n:08d}").format(42) == "PHL-00000042"


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("SR-000123", 123),
        ("sr 123", 123),
        ("000123", 123),
        ("#SR000123", 123),
        ("SR-1234567", 1_234_567),
        ("SR-", None),
        ("", None),
        ("no digits here", None),
        ("1" * 19, None),  # longer than any sequence value: not a ticket
    ],
)
def test_parse(ref: str, expected: int | None) -> None:
    assert TicketNumbering().parse(ref) == expected


@given(st.integers(min_value=1, max_value=10**15))
def test_format_parse_round_trip(n: int) -> None:
    numbering = TicketNumbering()
    assert numbering.parse(numbering.format(n)) == n


@given(st.integers(min_value=1, max_value=10**12))
def test_triage_finds_the_number_in_a_sentence(n: int) -> None:
    number = TicketNumbering().format(n)
    ref = find_ticket_ref(f"any update on {number}? thanks")
    assert ref is not None
    assert TicketNumbering().parse(ref) == n


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("status SR-000123", "000123"),
        ("status sr 123", "123"),
        ("what about Sr#4567", "4567"),
        ("SR12 is too short", None),
        ("call 215-686-8686", None),
        ("SR-000123abc", "000123"),  # glued to words, as Chinese and Korean write it
        ("XSR-000123", None),
    ],
)
def test_find_ticket_ref(text: str, digits: str | None) -> None:
    assert find_ticket_ref(text) == digits
