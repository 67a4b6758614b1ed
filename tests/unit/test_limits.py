"""SendBudget: sliding windows and per-chat spacing, on a fake monotonic clock."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.delivery.limits import SendBudget, Window


class FakeMonotonic:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_fresh_budget_allows_a_send() -> None:
    budget = SendBudget([Window(30, 1.0)], clock=FakeMonotonic())
    assert budget.wait_time() == 0.0
    assert budget.wait_time("chat") == 0.0


def test_window_fills_then_frees_when_the_oldest_send_leaves() -> None:
    clock = FakeMonotonic()
    budget = SendBudget([Window(3, 10.0)], clock=clock)
    for _ in range(3):
        assert budget.wait_time() == 0.0
        budget.record()
        clock.advance(1.0)
    # Sends at 1000, 1001, 1002; now 1003: the first leaves the window at 1010.
    assert budget.wait_time() == pytest.approx(7.0)
    clock.advance(6.999)
    assert budget.wait_time() > 0
    clock.advance(0.001)
    assert budget.wait_time() == 0.0
    budget.record()
    assert budget.wait_time() == pytest.approx(1.0)  # the 1001 send leaves at 1011


def test_the_strictest_of_several_windows_wins() -> None:
    # X-style: per-15-minute and per-24-hour caps.
    clock = FakeMonotonic()
    budget = SendBudget([Window(5, 900.0), Window(7, 86_400.0)], clock=clock)
    for _ in range(5):
        budget.record()
    assert budget.wait_time() == pytest.approx(900.0)
    clock.advance(900.0)
    budget.record()
    budget.record()
    # 7 in 24 h now: the 15-minute window has room, the day does not.
    assert budget.wait_time() == pytest.approx(86_400.0 - 900.0)


def test_per_chat_spacing() -> None:
    clock = FakeMonotonic()
    budget = SendBudget([Window(30, 1.0)], per_chat_seconds=1.0, clock=clock)
    budget.record("alice")
    assert budget.wait_time("alice") == pytest.approx(1.0)
    assert budget.wait_time("bob") == 0.0
    assert budget.wait_time() == 0.0  # the global window still has room
    clock.advance(0.4)
    assert budget.wait_time("alice") == pytest.approx(0.6)
    clock.advance(0.6)
    assert budget.wait_time("alice") == 0.0


def test_seed_counts_sends_from_before_a_restart() -> None:
    clock = FakeMonotonic()
    budget = SendBudget([Window(2, 60.0)], clock=clock)
    budget.seed([clock.now - 30.0, clock.now - 50.0, clock.now - 100.0])
    # Two sends inside the last minute: full until the older (-50 s) leaves in 10 s.
    assert budget.wait_time() == pytest.approx(10.0)


@settings(max_examples=150, deadline=None)
@given(
    limit=st.integers(min_value=1, max_value=8),
    seconds=st.floats(min_value=0.5, max_value=60.0),
    steps=st.lists(st.floats(min_value=0.0, max_value=20.0), min_size=1, max_size=60),
)
def test_obeying_wait_time_never_exceeds_the_window(
    limit: int, seconds: float, steps: list[float]
) -> None:
    clock = FakeMonotonic()
    budget = SendBudget([Window(limit, seconds)], clock=clock)
    sends: list[float] = []
    for step in steps:
        clock.advance(step)
        wait = budget.wait_time()
        if wait > 0:
            clock.advance(wait)
            assert budget.wait_time() == 0.0
        budget.record()
        sends.append(clock.now)
        # A send exactly `seconds` ago has left the window (tolerate float rounding).
        inside = [t for t in sends if t > clock.now - seconds + 1e-6]
        assert len(inside) <= limit


def test_groups_and_channels_get_their_own_slower_spacing() -> None:
    now = [0.0]
    budget = SendBudget(
        [Window(30, 1.0)], per_chat_seconds=1.0, group_seconds=3.06,
        is_group=lambda chat: chat.startswith(("-", "@")), clock=lambda: now[0],
    )  # fmt: skip
    for chat in ("5001", "@phl_alerts", "-1001500000001"):
        budget.record(chat)
    now[0] = 1.0
    assert budget.wait_time("5001") == 0.0  # a private chat: 1 message a second
    assert budget.wait_time("@phl_alerts") == pytest.approx(2.06)  # a channel: 20 a minute
    assert budget.wait_time("-1001500000001") == pytest.approx(2.06)
    # Twenty-one posts to one channel never fit in a minute.
    times = []
    now[0] = 10.0
    for _ in range(21):
        now[0] += budget.wait_time("@phl_alerts")
        budget.record("@phl_alerts")
        times.append(now[0])
    assert times[20] - times[0] > 60.0
