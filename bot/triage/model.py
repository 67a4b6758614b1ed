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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

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
# Words whose gram rows a character head keeps (then starts afresh), and whose grams are kept:
# about 1 KB a word, so both stay under 20 MB however many new words a storm brings.
_WORD_CACHE = 16384


@functools.lru_cache(maxsize=_WORD_CACHE)
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
    # The weights as one row per feature: a message's hundreds of character grams are summed
    # in one array operation instead of a Python loop per gram and class.
    _rows: dict[str, int] = field(init=False, repr=False, compare=False)
    _matrix: np.ndarray[Any, np.dtype[np.float64]] = field(init=False, repr=False, compare=False)
    _cache: dict[str, np.ndarray[Any, np.dtype[np.intp]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        names = list(self.weights)
        matrix = np.zeros((len(names) + 1, len(self.classes)), dtype=np.float64)
        if names:
            matrix[:-1] = np.array([self.weights[n] for n in names], dtype=np.float64)
        # The last row is the bias: every message adds it once.
        matrix[-1] = self.bias
        object.__setattr__(self, "_rows", {n: i for i, n in enumerate(names)})
        object.__setattr__(self, "_matrix", matrix)
        object.__setattr__(self, "_cache", {})

    def best(self, feats: Iterable[str], *, skip: str | None = None) -> tuple[str, float]:
        """The most likely class (other than ``skip``) and its probability."""
        rows = self._rows
        index = [rows[f] for f in feats if f in rows]
        index.append(len(rows))
        return self._best(np.array(index, dtype=np.intp), skip)

    def best_chars(self, text: str, *, skip: str | None = None) -> tuple[str, float]:
        """:meth:`best` over ``char_features(text)``, looking up each word's grams once:
        the rows of a word's grams are cached, so a message costs a lookup per word."""
        words = tokens(text)[:CHAR_TOKENS]
        if not words:
            return self._best(np.array([len(self._rows)], dtype=np.intp), skip)
        parts = [self._word_rows(w) for w in words]
        # A gram shared by two words counts once, as in the set of char_features (sorted
        # and deduplicated by hand: np.unique costs twice as much on arrays this small).
        index = np.sort(np.concatenate(parts))
        if len(index) > 1:
            index = index[np.concatenate(([True], index[1:] != index[:-1]))]
        return self._best(index, skip)

    def _word_rows(self, word: str) -> np.ndarray[Any, np.dtype[np.intp]]:
        cache = self._cache
        found = cache.get(word)
        if found is None:
            if len(cache) >= _WORD_CACHE:
                cache.clear()
            rows = self._rows
            # Every word's rows include the bias row, which np.unique keeps once.
            found = np.array(
                [rows[g] for g in _word_grams(word) if g in rows] + [len(rows)], dtype=np.intp
            )
            cache[word] = found
        return found

    def _best(
        self, index: np.ndarray[Any, np.dtype[np.intp]], skip: str | None
    ) -> tuple[str, float]:
        # A handful of classes: plain floats are faster than array calls from here on.
        z: list[float] = self._matrix.take(index, axis=0).sum(axis=0).tolist()
        top = max(z)
        exps = [math.exp(v - top) for v in z]
        total = sum(exps)
        if skip is not None and skip in self.classes and len(self.classes) > 1:
            z[self.classes.index(skip)] = -math.inf
        i = max(range(len(z)), key=z.__getitem__)
        return self.classes[i], exps[i] / total


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
    # Life safety in a resident's own words, learnt from the resident corpora the rules were
    # read against (word features); when present it may add an emergency the rules missed.
    witness: BinaryHead | None = None
    # Something for the city to do (a report, a question, a follow-up, life safety) vs chatter,
    # learnt from the same corpora and off-topic tweets; when present it may open a report
    # that the rules left quiet.
    report: BinaryHead | None = None

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
            witness=_binary(data.get("witness")),
            report=_binary(data.get("report")),
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
        if self.witness is not None:
            data["witness"] = {"bias": self.witness.bias, "weights": self.witness.weights}
        if self.report is not None:
            data["report"] = {"bias": self.report.bias, "weights": self.report.weights}
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
