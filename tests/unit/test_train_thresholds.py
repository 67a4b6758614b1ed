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
