"""Helpers for the tests of the model heads trained on the resident corpora (witness, report)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bot.config import DEFAULT_CATEGORIES
from bot.triage.model import BinaryHead, IntentModel, features
from bot.triage.pipeline import RuleTriage, shipped_model


def with_head(name: str, head: BinaryHead | None) -> RuleTriage:
    """The shipped triage with its ``name`` head replaced by ``head``, which flags at 0.5 in
    English and in the other languages."""
    model = shipped_model()
    assert model is not None
    thresholds = {**model.thresholds, name: 0.5, f"{name}_other": 0.5}
    changed = dataclasses.replace(model, thresholds=thresholds, **{name: head})
    return RuleTriage(DEFAULT_CATEGORIES, model=changed)


def assert_head_round_trips(name: str, text: str, tmp_path: Path) -> None:
    """The shipped model has a ``name`` head with thresholds in [0.5, 1), and dumping and
    loading it keeps its score of ``text``."""
    model = shipped_model()
    assert model is not None
    head = getattr(model, name)
    assert head is not None, f"the shipped model has a {name} head"
    assert 0.5 <= model.thresholds[name] < 1.0
    assert 0.5 <= model.thresholds[f"{name}_other"] < 1.0
    path = tmp_path / "m.json"
    model.dump(path)
    again = getattr(IntentModel.load(path), name)
    assert again is not None
    feats = features(text)
    assert again.score(feats) == head.score(feats)
