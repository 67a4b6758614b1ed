"""A small linear text model (word uni- and bigrams) for request, emergency and category.

Trained on real crisis messages by ``python -m bench.train`` (see README: data and
attribution); the weights ship inside the package as JSON, nothing is downloaded. Scoring is
a dictionary lookup per feature, so it costs a few microseconds per message.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).with_name("data") / "intent_model.json"
_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"@\w+")
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+", re.UNICODE)
MAX_TOKENS = 200


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; URLs and @handles dropped, digits collapsed."""
    text = _HANDLE.sub(" ", _URL.sub(" ", text[:4000].lower()))
    out = []
    for tok in _TOKEN.findall(text):
        out.append("<num>" if tok.isdigit() else tok)
        if len(out) >= MAX_TOKENS:
            break
    return out


def features(text: str) -> set[str]:
    """Binary features: unigrams and bigrams."""
    toks = tokens(text)
    feats = {f"u:{t}" for t in toks}
    feats.update(f"b:{a} {b}" for a, b in itertools.pairwise(toks))
    if not toks:
        feats.add("empty")
    return feats


CHAR_SIZES = (2, 3, 4)
CHAR_TOKENS = 60  # the opening words carry the need; a forwarded article costs no more


@functools.lru_cache(maxsize=65536)
def _word_grams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    n = len(padded)
    return tuple({padded[i : i + k] for k in CHAR_SIZES for i in range(n - k + 1)})


def char_features(text: str) -> set[str]:
    """Character 2-4-grams inside each word (padded with spaces): spelling variants, typos
    and word forms a word model never saw share most of their grams. Bounded cache."""
    feats: set[str] = set()
    for tok in tokens(text)[:CHAR_TOKENS]:
        feats.update(_word_grams(tok))
    return feats


# The character category head's class for chatter about nothing the city serves.
NO_TOPIC = "none"


@dataclass(frozen=True, slots=True)
class BinaryHead:
    """Logistic regression over binary features."""

    bias: float
    weights: dict[str, float]

    def score(self, feats: Iterable[str]) -> float:
        """Probability of the positive class."""
        w = self.weights
        z = self.bias + sum(w.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@dataclass(frozen=True, slots=True)
class MulticlassHead:
    """Multinomial logistic regression over binary features."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def best(self, feats: Iterable[str], *, skip: str | None = None) -> tuple[str, float]:
        """The most likely class (other than ``skip``) and its probability."""
        z = list(self.bias)
        for f in feats:
            row = self.weights.get(f)
            if row is not None:
                for i, v in enumerate(row):
                    z[i] += v
        top = max(z)
        exps = [math.exp(v - top) for v in z]
        i = max(
            (k for k in range(len(z)) if self.classes[k] != skip or len(z) == 1),
            key=z.__getitem__,
        )
        return self.classes[i], exps[i] / sum(exps)


@dataclass(frozen=True, slots=True)
class IntentModel:
    """The three heads and the decision thresholds chosen on training folds only."""

    request: BinaryHead
    emergency: BinaryHead
    category: MulticlassHead
    thresholds: dict[str, float]
    meta: dict[str, Any]
    # Character n-gram category head; when present it replaces the word one.
    char_category: MulticlassHead | None = None
    # "A resident writing about their own situation" vs off-topic chatter (word features);
    # when present it gates the model's emergency route in place of "asks".
    resident: BinaryHead | None = None

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> IntentModel:
        """Read a model written by :meth:`dump`."""
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        cat = data["category"]
        return cls(
            request=BinaryHead(data["request"]["bias"], data["request"]["weights"]),
            emergency=BinaryHead(data["emergency"]["bias"], data["emergency"]["weights"]),
            category=MulticlassHead(
                tuple(cat["classes"]),
                tuple(cat["bias"]),
                {k: tuple(v) for k, v in cat["weights"].items()},
            ),
            thresholds=dict(data["thresholds"]),
            meta=dict(data.get("meta", {})),
            char_category=_multiclass(data.get("char_category")),
            resident=_binary(data.get("resident")),
        )

    def dump(self, path: Path) -> None:
        """Write the model as compact JSON."""
        data = {
            "meta": self.meta,
            "thresholds": self.thresholds,
            "request": {"bias": self.request.bias, "weights": self.request.weights},
            "emergency": {"bias": self.emergency.bias, "weights": self.emergency.weights},
            "category": {
                "classes": list(self.category.classes),
                "bias": list(self.category.bias),
                "weights": {k: list(v) for k, v in self.category.weights.items()},
            },
        }
        if self.char_category is not None:
            data["char_category"] = {
                "classes": list(self.char_category.classes),
                "bias": list(self.char_category.bias),
                "weights": {k: list(v) for k, v in self.char_category.weights.items()},
            }
        if self.resident is not None:
            data["resident"] = {"bias": self.resident.bias, "weights": self.resident.weights}
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _multiclass(data: dict[str, Any] | None) -> MulticlassHead | None:
    if data is None:
        return None
    return MulticlassHead(
        tuple(data["classes"]),
        tuple(data["bias"]),
        {k: tuple(v) for k, v in data["weights"].items()},
    )


def _binary(data: dict[str, Any] | None) -> BinaryHead | None:
    if data is None:
        return None
    return BinaryHead(data["bias"], data["weights"])
