"""How bench.train picks the emergency head's threshold (no data needed)."""

from __future__ import annotations

import numpy as np

from bench.train import _threshold_for_precision, _threshold_for_recall


def test_precision_floor_counts_the_rules_flags_too() -> None:
    # Two rule flags (one right), then head scores high to low: right, wrong, wrong, right.
    scores = np.array([0.0, 0.0, 0.9, 0.8, 0.7, 0.6])
    gold = np.array([1, 0, 1, 0, 0, 1])
    rules = np.array([True, True, False, False, False, False])
    # Flagging down to 0.9: 2 of 3 right; to 0.8: 2 of 4; to 0.7: 2 of 5; to 0.6: 3 of 6.
    assert _threshold_for_precision(scores, gold, rules, 0.5) == 0.6
    assert _threshold_for_precision(scores, gold, rules, 0.6) == 0.9
    # No cut is that precise: the head adds nothing.
    assert _threshold_for_precision(scores, gold, rules, 0.9) == 1.0


def test_recall_threshold() -> None:
    scores = np.array([0.1, 0.2, 0.3, 0.4, 0.9])
    gold = np.array([1, 1, 1, 1, 0])
    assert _threshold_for_recall(scores, gold, 1.0) == 0.1
    assert _threshold_for_recall(scores, gold, 0.5) == 0.3


def test_direct_request_f1_leaves_news_out() -> None:
    from bench.triage_quality import direct_request_f1

    items = [
        {"id": "a", "task": "dr", "direct": True, "request": True},
        {"id": "b", "task": "dr", "direct": True, "request": True},
        {"id": "c", "task": "dr", "direct": True, "request": False},
        {"id": "n", "task": "dr", "direct": False, "request": True},  # news: not counted
        {"id": "t", "task": "t6_off"},
    ]
    preds = {
        "a": {"intent": "service_request"},
        "b": {"intent": "not_actionable"},
        "c": {"intent": "emergency"},
        "n": {"intent": "not_actionable"},
        "t": {"intent": "service_request"},
    }
    # one right, one missed, one false alarm: precision 1/2, recall 1/2
    assert direct_request_f1(items, preds) == 0.5
    assert direct_request_f1([], {}) == 0.0
