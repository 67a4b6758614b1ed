"""Triage quality on events never seen in training, against a TF-IDF + logistic baseline.

Run: ``python -m bench.triage_quality``. For each fold, both the bot's model and the baseline
are trained on every other event and score the held-out event's messages; the pooled
predictions are scored by ../shared/eval/triage_eval.py's own ``score``. Disaster Response
folds are its events (Haiti earthquake, Sandy, Pakistan floods, news); the 27 CrisisLex
events are held out in groups (each group's events are never seen by its model). Also prints
the in-sample figures (trained on everything) next to them, as the README table shows, and
"other messages of the same events": trained on one fixed half of every event's messages
(md5 of the id even) and scored on the other half. Rules were revised reading errors of the
even half only, so the odd half is also the check that a revision generalises.
"request_f1_direct" is request F1 on residents' direct messages alone (the eval's request F1
also counts news items).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bench.devdata import DATA, TRAIN_CATEGORY, Item, bucket, load_all
from bench.train import CATEGORY_PRIORITY, train
from bot.config import DEFAULT_CATEGORIES
from bot.triage.pipeline import RuleTriage

EVAL = DATA.parent / "eval" / "triage_eval.py"
TARGETS = {
    "request_f1": 0.75,
    "emergency_recall": 0.80,
    "emergency_precision": 0.30,
    "category_accuracy": 0.85,
    "news_quiet": 0.95,
    "offtopic_quiet": 0.95,
    "t26_quiet": 0.95,
}
Predict = Callable[[list[str]], list[dict[str, Any]]]


def _eval_module() -> Any:
    spec = importlib.util.spec_from_file_location("triage_eval", EVAL)
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def folds(items: Sequence[Item], crisislex_groups: int) -> list[set[str]]:
    """Sets of events held out together."""
    dr_events = sorted({it.event for it in items if it.task.startswith("dr")})
    other = sorted({it.event for it in items} - set(dr_events))
    groups = [set(other[i::crisislex_groups]) for i in range(crisislex_groups)]
    return [{e} for e in dr_events] + [g for g in groups if g]


def ours(train_items: Sequence[Item]) -> Predict:
    triager = RuleTriage(DEFAULT_CATEGORIES, model=train(train_items))

    def predict(texts: list[str]) -> list[dict[str, Any]]:
        return [triager.triage(t).as_json() for t in texts]

    return predict


def baseline(train_items: Sequence[Item]) -> Predict:
    """TF-IDF (word 1-2 grams) + logistic regression, the same labels and training data."""
    texts = [it.text for it in train_items]
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x = vec.fit_transform(texts)
    is_dr = np.array([it.task.startswith("dr") for it in train_items])
    req = LogisticRegression(max_iter=2000, class_weight="balanced")
    req.fit(x, [int(it.request and it.task.startswith("dr")) for it in train_items])
    em = LogisticRegression(max_iter=2000, class_weight="balanced")
    em.fit(x[is_dr], [int(it.emergency) for it, d in zip(train_items, is_dr, strict=True) if d])
    rows = [i for i, it in enumerate(train_items) if it.task.startswith("dr") and it.cats]
    labels = [
        TRAIN_CATEGORY[next(c for c in CATEGORY_PRIORITY if c in train_items[i].cats)]
        for i in rows
    ]
    cat = LogisticRegression(max_iter=2000).fit(x[rows], labels)

    def predict(batch: list[str]) -> list[dict[str, Any]]:
        xb = vec.transform(batch)
        p_req = req.predict_proba(xb)[:, 1]
        p_em = em.predict_proba(xb)[:, 1]
        cats = cat.predict(xb)
        out = []
        for pr, pe, c in zip(p_req, p_em, cats, strict=True):
            intent = (
                "emergency" if pe >= 0.5 else "service_request" if pr >= 0.5 else "not_actionable"
            )
            # Its category for every message, as the bot names a quiet message's topic.
            out.append({"intent": intent, "category": str(c)})
        return out

    return predict


def run(items: Sequence[Item], eval_items: list[dict[str, Any]], fold_sets: list[set[str]],
        make: Callable[[Sequence[Item]], Predict]) -> dict[str, dict[str, Any]]:  # fmt: skip
    """Pooled held-out predictions for every eval item with a known event."""
    event_of = {it.id: it.event for it in items}
    preds: dict[str, dict[str, Any]] = {}
    for held in fold_sets:
        predict = make([it for it in items if it.event not in held])
        todo = [e for e in eval_items if event_of.get(e["id"]) in held]
        for e, p in zip(todo, predict([e["text"] for e in todo]), strict=True):
            preds[e["id"]] = p
    return preds


def direct_request_f1(
    eval_items: Sequence[dict[str, Any]], preds: dict[str, dict[str, Any]]
) -> float:
    """Request F1 on Disaster Response direct messages only (residents writing in): the
    eval's request F1 also counts news items, most of which must stay quiet."""
    actionable = {"emergency", "service_request", "question"}
    tp = fp = fn = 0
    for e in eval_items:
        if e.get("task") != "dr" or not e.get("direct") or e["id"] not in preds:
            continue
        flagged = preds[e["id"]].get("intent") in actionable
        tp += int(flagged and e["request"])
        fp += int(flagged and not e["request"])
        fn += int(not flagged and e["request"])
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def half(item_id: str) -> int:
    """0 for the half whose errors may be read while revising rules, 1 for the other."""
    return bucket(item_id, 2)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--groups", type=int, default=5, help="CrisisLex event groups")
    ap.add_argument("--skip-baseline", action="store_true", help="only the bot's own figures")
    args = ap.parse_args(argv)
    if not EVAL.exists() or not DATA.is_dir():
        raise SystemExit(f"needs {DATA} and {EVAL}")
    ev = _eval_module()
    items = load_all()
    eval_items = ev.load_disaster_response(str(DATA)) + ev.load_crisislex(str(DATA))
    ids = {it.id for it in items}
    eval_items = [e for e in eval_items if e["id"] in ids]
    fold_sets = folds(items, args.groups)
    print(f"{len(items)} dev messages, {len(eval_items)} scored, {len(fold_sets)} folds")
    results: dict[str, dict[str, float]] = defaultdict(dict)
    makers: list[tuple[str, Callable[[Sequence[Item]], Predict]]] = [("bot", ours)]
    if not args.skip_baseline:
        makers.append(("baseline", baseline))
    for name, make in makers:
        t0 = time.perf_counter()
        preds = run(items, eval_items, fold_sets, make)
        results[f"{name} (unseen events)"] = ev.score(eval_items, preds)
        results[f"{name} (unseen events)"]["request_f1_direct"] = direct_request_f1(
            eval_items, preds
        )
        print(f"  {name}: leave-events-out done in {time.perf_counter() - t0:.0f}s")
    predict = ours([it for it in items if half(it.id) == 0])
    odd = [e for e in eval_items if half(e["id"]) == 1]
    preds = dict(zip([e["id"] for e in odd], predict([e["text"] for e in odd]), strict=True))
    results["bot (other messages)"] = ev.score(odd, preds)
    results["bot (other messages)"]["request_f1_direct"] = direct_request_f1(odd, preds)
    predict = ours(items)
    preds = dict(
        zip([e["id"] for e in eval_items], predict([e["text"] for e in eval_items]), strict=True)
    )
    results["bot (in-sample)"] = ev.score(eval_items, preds)
    results["bot (in-sample)"]["request_f1_direct"] = direct_request_f1(eval_items, preds)
    keys = ["request_f1", "request_precision", "request_recall", "request_f1_direct",
            "request_original_f1",
            "emergency_recall", "emergency_precision", "category_accuracy", "news_quiet",
            "offtopic_quiet", "t26_quiet"]  # fmt: skip
    names = list(results)
    print(f"\n{'metric':24s}" + "".join(f"{n:>26s}" for n in names) + f"{'target':>10s}")
    for k in keys:
        row = "".join(f"{results[n].get(k, float('nan')):26.3f}" for n in names)
        target = TARGETS.get(k)
        print(f"{k:24s}{row}{(f'{target:10.2f}' if target else ''):>10s}")
    bot = results[names[0]]
    base = results.get("baseline (unseen events)", {})
    print()
    for k in ("request_f1", "emergency_recall", "category_accuracy") if base else ():
        verdict = "beats" if bot[k] > base[k] else "DOES NOT beat"
        print(f"bot {verdict} the baseline on {k}: {bot[k]:.3f} vs {base[k]:.3f}")
    for k, t in TARGETS.items():
        print(
            f"unseen-event target {k} >= {t}: {'PASS' if bot[k] >= t else 'FAIL'} ({bot[k]:.3f})"
        )


if __name__ == "__main__":
    main()
