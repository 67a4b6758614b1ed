"""How long the triage takes to build when the bot starts, cold and from the lexicon cache.

Run: ``python -m bench.startup [--rounds 3]``. Each round builds the triage the bot builds
(``bootstrap.build_triager``: 17 lexicons, the intent model, the place finder) in a fresh
subprocess, first with an empty cache directory (the reference: every lexicon list laid out
and compiled by ``re``, as on a first start or after a lexicon edit), then twice over the
cache that the first start left (every restart after it). It prints the median seconds of
each and their ratio. Target: a restart builds its triage in at most a quarter of the cold
time, and under half a second on the reference machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]

_BUILD = """
import time
from bot.bootstrap import build_triager
from bot.config import Settings
settings = Settings()
start = time.perf_counter()
triager = build_triager(settings)
triager.triage("smell of gas at 5th and Market")
print(time.perf_counter() - start)
"""


def _build_seconds(cache_dir: str) -> float:
    env = dict(os.environ, CRISISBOT_CACHE_DIR=cache_dir)
    out = subprocess.run(
        [sys.executable, "-c", _BUILD], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="crisisbot-bench-") as cache:
            cold.append(_build_seconds(cache))
            warm += [_build_seconds(cache), _build_seconds(cache)]
    cold_s, warm_s = statistics.median(cold), statistics.median(warm)
    ratio = warm_s / cold_s
    print(f"triage build, cold (reference): {cold_s:.3f} s  (median of {len(cold)})")
    print(f"triage build, from the cache:   {warm_s:.3f} s  (median of {len(warm)})")
    verdict = "PASS" if ratio <= 0.25 else "FAIL"
    print(f"ratio restart/cold: {ratio:.3f}  (target <= 0.25) {verdict}")


if __name__ == "__main__":
    main()
