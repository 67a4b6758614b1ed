"""Triage speed on the development messages, one core, against a reference in the same run.

Run: ``python -m bench.triage [--n 20000]``. The reference is a single pass of lower-casing
and word tokenising the same texts (the least any triage must do), so the ratio shows what
language, rules, model and place-finding cost on top. Target: >= 2,000 messages/s. Memory:
the process's peak RSS growth while triaging is printed too, and its growth over the second
half of the messages, which must stay near zero: every cache is bounded (``--n 60000`` runs
past the word caches' bound). Without ../shared/data, generated storm messages are used.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.devdata import load_all
from bot.bootstrap import build_triager
from bot.config import Settings

_WORDS = re.compile(r"\w+")


def _texts(n: int) -> list[str]:
    texts = [it.text for it in load_all()]
    if not texts:
        texts = [f"tree down at {i} block of S 9th St, please send a crew" for i in range(1000)]
    return (texts * (n // len(texts) + 1))[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=20_000)
    args = ap.parse_args()
    texts = _texts(args.n)
    triager = build_triager(Settings())
    for t in texts[:200]:  # load the language model, the lexicons and the weights
        triager.triage(t)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    half = len(texts) // 2
    start = time.perf_counter()
    for t in texts[:half]:
        triager.triage(t)
    rss_half = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for t in texts[half:]:
        triager.triage(t)
    triage_s = time.perf_counter() - start
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    start = time.perf_counter()
    for t in texts:
        _WORDS.findall(t.lower())
    ref_s = time.perf_counter() - start

    rate = len(texts) / triage_s
    print(f"messages: {len(texts)}")
    print(f"triage   : {rate:10.0f} msg/s ({triage_s * 1e6 / len(texts):.0f} us/msg)")
    print(f"reference: {len(texts) / ref_s:10.0f} msg/s (lower + tokenise)")
    print(f"ratio triage/reference: {ref_s / triage_s:.4f}")
    print(f"peak RSS growth while triaging: {(rss1 - rss0) / 1024:.1f} MiB "
          f"({(rss1 - rss_half) / 1024:.1f} MiB in the second half)")  # fmt: skip
    print(f"target >= 2000 msg/s on one core: {'PASS' if rate >= 2000 else 'FAIL'}")


if __name__ == "__main__":
    main()
