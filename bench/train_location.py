"""Train the token model of bot/triage/location.py on HarveyNER and score it (reproducible).

    .venv/bin/python bench/train_location.py --data ../shared/data            # train + write
    .venv/bin/python bench/train_location.py --data ../shared/data --eval-only

Training reads only ``harveyner/tweets.train.bio``. Epochs and the span threshold are chosen on
a fixed fifth of the training tweets (every fifth tweet), then the model is retrained on all of
them. ``tweets.dev.bio`` is read only to report the final score, exactly as
../shared/eval/triage_eval.py reads and scores it (tweet-level P/R/F1 of ``location.text``).
The artefact is bot/triage/data/location_model.json (derived weights; attribution in its
header). Deterministic: fixed order, fixed shuffling seed, no third-party code.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.triage import location as loc  # noqa: E402

ATTRIBUTION = (
    "Derived weights (no text) of a binary averaged perceptron trained by "
    "bench/train_location.py on HarveyNER tweets.train.bio: Chen, Xu, Zhang and Huang, "
    "'Crossroads, Buildings and Neighborhoods: A Dataset for Fine-grained Location "
    "Recognition', NAACL 2022, https://github.com/brickee/HarveyNER (fd0af22); no licence "
    "stated upstream, cited as the authors ask."
)


def load_eval(data: Path) -> ModuleType:
    """The shared evaluation script, imported so reading and scoring match it exactly."""
    path = data.parent / "eval" / "triage_eval.py"
    spec = importlib.util.spec_from_file_location("triage_eval", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_bio(path: Path) -> list[tuple[list[str], list[str]]]:
    """(tokens, labels) per tweet, read the way triage_eval.load_harveyner reads them."""
    out: list[tuple[list[str], list[str]]] = []
    tokens: list[str] = []
    labels: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens:
                out.append((tokens, labels))
            tokens, labels = [], []
            continue
        parts = line.split()
        if parts[0] == "-DOCSTART-":
            continue
        tokens.append(parts[0])
        labels.append(parts[-1] if len(parts) > 1 else "O")
    if tokens:
        out.append((tokens, labels))
    return out


def to_item(n: int, tokens: list[str], labels: list[str]) -> dict[str, object]:
    """The evaluation's item shape: text and gold spans (token lists)."""
    spans: list[list[str]] = []
    cur: list[str] = []
    for tok, lab in zip(tokens, labels, strict=True):
        if lab.startswith("B-") or (lab.startswith("I-") and not cur):
            if cur:
                spans.append(cur)
            cur = [tok]
        elif lab.startswith("I-"):
            cur.append(tok)
        else:
            if cur:
                spans.append(cur)
            cur = []
    if cur:
        spans.append(cur)
    return {"id": f"hv-{n}", "text": " ".join(tokens), "task": "loc", "spans": spans}


def examples(
    tokens: list[str], labels: list[str], drop: frozenset[str] = frozenset()
) -> tuple[list[list[str]], list[int]]:
    """Features and +1/-1 labels of the tokens the *inference* tokenizer sees in the text."""
    text = " ".join(tokens)
    owner: list[int] = []
    for k, tok in enumerate(tokens):
        owner.extend([k] * (len(tok) + 1))
    words, ys = [], []
    for m in loc._TOKEN.finditer(text):
        if m.group().startswith("http"):
            continue
        words.append(m.group())
        ys.append(1 if labels[owner[m.start()]] != "O" else -1)
    feats = loc.token_features(words)
    if drop:
        feats = [[f for f in fs if f.partition("=")[0] not in drop] for fs in feats]
    return feats, ys


def train(
    data: list[tuple[list[list[str]], list[int]]], epochs: int, seed: int = 13
) -> dict[str, float]:
    """Averaged binary perceptron (the usual lazy-averaging trick)."""
    w: dict[str, float] = defaultdict(float)
    total: dict[str, float] = defaultdict(float)
    stamp: dict[str, int] = defaultdict(int)
    t = 0
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for idx in order:
            feats, ys = data[idx]
            for f, y in zip(feats, ys, strict=True):
                t += 1
                s = sum(w.get(x, 0.0) for x in f)
                if y * s <= 0:
                    for x in f:
                        total[x] += (t - stamp[x]) * w[x]
                        stamp[x] = t
                        w[x] += y
    out = {}
    for x, v in w.items():
        avg = (total[x] + (t - stamp[x]) * v) / t
        if abs(avg) >= 1e-3:
            out[x] = round(avg, 4)
    return out


def prune(weights: dict[str, float], minimum: float) -> dict[str, float]:
    """Drop the weights too small to matter (keeps the artefact small)."""
    return {k: v for k, v in weights.items() if abs(v) >= minimum}


def predict(model: loc.TokenModel, items: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    pred: dict[str, dict[str, object]] = {}
    for it in items:
        found = loc.find_street_form(str(it["text"])) or loc.find_place_name(
            str(it["text"]), model
        )
        pred[str(it["id"])] = {"location": {"text": found.text} if found else None}
    return pred


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=loc.MODEL_PATH)
    ap.add_argument(
        "--drop", default="", help="ablation: feature templates to leave out, e.g. w,pw"
    )
    ap.add_argument("--min-weight", type=float, default=0.05, help="prune smaller weights")
    ap.add_argument("--eval-only", action="store_true", help="score the committed model on dev")
    args = ap.parse_args()
    te = load_eval(args.data)
    harvey = args.data / "harveyner"
    if not args.eval_only:
        tweets = read_bio(harvey / "tweets.train.bio")
        drop = frozenset(x for x in args.drop.split(",") if x)
        feats = [examples(t, lab, drop) for t, lab in tweets]
        items = [to_item(n, t, lab) for n, (t, lab) in enumerate(tweets)]
        fit = [x for n, x in enumerate(feats) if n % 5]
        held = [x for n, x in enumerate(items) if n % 5 == 0]
        best = (-1.0, 0, 0.0)
        for epochs in (3, 6, 10):
            weights = prune(train(fit, epochs), args.min_weight)
            for threshold in (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0):
                res = te.score(held, predict(loc.TokenModel(weights, threshold), held))
                print(
                    f"epochs={epochs:2d} threshold={threshold:4.2f} held-out train "
                    f"P={res['location_precision']:.3f} R={res['location_recall']:.3f} "
                    f"F1={res['location_f1']:.3f}"
                )
                if res["location_f1"] > best[0]:
                    best = (res["location_f1"], epochs, threshold)
        print(f"chosen on held-out train: epochs={best[1]} threshold={best[2]} F1={best[0]:.3f}")
        weights = prune(train(feats, best[1]), args.min_weight)
        payload = {
            "_attribution": ATTRIBUTION,
            "epochs": best[1],
            "threshold": best[2],
            "dropped_templates": sorted(drop),
            "min_weight": args.min_weight,
            "weights": dict(sorted(weights.items())),
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
        )
        print(f"wrote {args.out} ({len(weights)} weights, {args.out.stat().st_size} bytes)")
    model = loc.TokenModel.load(args.out)
    assert model is not None, f"no model at {args.out}"
    dev = te.load_harveyner(str(args.data))
    start = time.perf_counter()
    res = te.score(dev, predict(model, dev))
    per = (time.perf_counter() - start) / max(1, len(dev)) * 1e6
    print(
        f"dev ({len(dev)} tweets): P={res['location_precision']:.3f} "
        f"R={res['location_recall']:.3f} F1={res['location_f1']:.3f}  ({per:.0f} us/tweet)"
    )


if __name__ == "__main__":
    main()
