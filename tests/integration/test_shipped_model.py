"""The shipped triage model is what ``make train`` (``python -m bench.train``) writes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from bench.devdata import DATA
from bench.train import main as train_main
from bot.triage.model import MODEL_PATH

# CI has ../shared/data beside the clone; a laptop without it skips, with this reason.
pytestmark = pytest.mark.skipif(
    not DATA.is_dir() and not os.environ.get("CI"),
    reason=f"needs the dev data in {DATA}",
)


def _weights(head: dict[str, Any]) -> dict[str, list[float]]:
    return {k: v if isinstance(v, list) else [v] for k, v in head["weights"].items()}


def _close(a: dict[str, Any], b: dict[str, Any], tol: float) -> bool:
    """Same heads up to floating-point noise of another CPU: features at the weight cutoff
    may come and go, and rounded weights may differ in their last place."""
    if a["thresholds"].keys() != b["thresholds"].keys():
        return False
    if any(abs(a["thresholds"][k] - b["thresholds"][k]) > tol for k in a["thresholds"]):
        return False
    for name in ("request", "emergency", "category", "char_category", "resident"):
        if (name in a) != (name in b):
            return False
        if name not in a:
            continue
        wa, wb = _weights(a[name]), _weights(b[name])
        shared = wa.keys() & wb.keys()
        if len(wa.keys() ^ wb.keys()) > 0.001 * max(len(wa), len(wb)):
            return False
        if any(abs(x - y) > tol for k in shared for x, y in zip(wa[k], wb[k], strict=True)):
            return False
    return True


def test_make_train_reproduces_the_shipped_model(tmp_path: Path) -> None:
    out = tmp_path / "intent_model.json"
    train_main(["--out", str(out)])
    if out.read_bytes() == MODEL_PATH.read_bytes():
        return  # the same bytes, as on the machine that trained it
    fresh = json.loads(out.read_text(encoding="utf-8"))
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    # A change to training or to the rules it calls must ship a new model.
    assert _close(fresh, shipped, tol=0.002), (
        "bot/triage/data/intent_model.json is stale: run `make train` and commit it"
    )


def test_the_comparison_sees_a_stale_model() -> None:
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert _close(shipped, shipped, tol=0.002)
    moved = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    moved["thresholds"]["emergency"] += 0.01
    assert not _close(moved, shipped, tol=0.002)
    reweighted = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    name = next(iter(reweighted["request"]["weights"]))
    reweighted["request"]["weights"][name] += 0.1
    assert not _close(reweighted, shipped, tol=0.002)
