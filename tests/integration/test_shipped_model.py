"""The shipped triage model is what ``make train`` (``python -m bench.train``) writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.devdata import DATA
from bench.train import main as train_main
from bot.triage.model import MODEL_PATH

# CI has ../shared/data beside the clone; a laptop without it skips, with this reason.
pytestmark = pytest.mark.skipif(
    not DATA.is_dir() and not os.environ.get("CI"),
    reason=f"needs the dev data in {DATA}",
)


def test_make_train_reproduces_the_shipped_model(tmp_path: Path) -> None:
    out = tmp_path / "intent_model.json"
    train_main(["--out", str(out)])
    # Byte for byte: a change to training or to the rules it calls must ship a new model.
    assert out.read_bytes() == MODEL_PATH.read_bytes(), (
        "bot/triage/data/intent_model.json is stale: run `make train` and commit it"
    )
