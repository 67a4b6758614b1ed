"""Dedupe keys for grouping reports of one incident (used by the crisis issue's incidents).

* ``text_key``: the same words after removing what retweets and copy-paste change (``RT``,
  @handles, links, case, punctuation, spacing), hashed; equal keys are the same text.
* ``simhash``: a 64-bit SimHash over word 2-shingles; texts whose hashes differ in a few bits
  (see :func:`near_duplicate`) are near-identical (an added word, a typo).
* ``place_key``: the same category at the same normalised place.
"""

from __future__ import annotations

import hashlib
import itertools
import re

import numpy as np

_RT = re.compile(r"^\s*rt\b[:\s]*", re.I)
_NOISE = re.compile(r"https?://\S+|www\.\S+|@\w+|#")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Random pairs differ in ~32 of 64 bits (sd 4); one added word in a tweet moves ~8.
NEAR_BITS = 10


def normalise(text: str) -> list[str]:
    """The words that survive retweeting and copy-paste."""
    text = _NOISE.sub(" ", _RT.sub("", text[:4000])).lower()
    return _WORD.findall(text)


def text_key(text: str) -> str | None:
    """Hash of the normalised words; None when nothing is left (emoji only, a bare link)."""
    words = normalise(text)
    if not words:
        return None
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).hexdigest()


def simhash(text: str) -> int:
    """64-bit SimHash of word 2-shingles (single words for one-word texts)."""
    words = normalise(text)
    shingles = [f"{a} {b}" for a, b in itertools.pairwise(words)] or words
    if not shingles:
        return 0
    digests = b"".join(
        hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest() for s in shingles[:400]
    )
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8)).reshape(-1, 64)
    majority = bits.sum(axis=0) * 2 > bits.shape[0]
    return int.from_bytes(np.packbits(majority).tobytes(), "big")


def near_duplicate(a: int, b: int, bits: int = NEAR_BITS) -> bool:
    """True when two SimHashes differ in at most ``bits`` bits."""
    return (a ^ b).bit_count() <= bits


def place_key(category: str | None, normalized_place: str | None) -> str | None:
    """``downed_tree@N 5TH ST & MARKET ST``; None unless both are known."""
    if not category or category == "other" or not normalized_place:
        return None
    return f"{category}@{normalized_place}"
