"""How a lexicon's list of entries becomes one fast regular expression.

A list is searched once per message, and the English life-safety list alone holds more than
300 entries, so how the alternation is laid out decides most of triage's speed. Python's
``re`` tries the alternatives of a branch one by one at every word start; it skips an
alternative cheaply only when it opens with a plain character that is not the one at hand.
So the entries are compiled as a trie of the plain words they open with: ``smell of gas``,
``smoke`` and ``sparks`` share one ``s`` and then one ``sm``, and at a word start the engine
follows one path instead of trying every entry. To give most entries such a head:

- a group of words an entry opens with is spelt out, in the order the engine tries them
  (``(someone|somebody) trapped`` -> ``someone trapped``, ``somebody trapped``);
- a zero-width check an entry opens with (``\\b``, ``^``, a lookbehind) moves behind the
  head as a lookbehind that checks the same thing (``(?<!no )smoke`` -> ``smoke(?<!no smoke)``).

Every entry keeps its meaning: a message matches the compiled list exactly where it matched
the plain alternation, at the same start (checked on every list of every lexicon against the
resident corpus by the tests).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.triage import regex_cache

# Python's own regex parser reads an entry's first characters (see first_chars).
_SRE_PARSER: Any = importlib.import_module("re._parser")
_SRE: Any = importlib.import_module("re._constants")
_SPECIAL = frozenset("\\.^$*+?{}[]()|")
_QUANTIFIER = frozenset("*+?{")
# An entry is spelt out into at most this many (its later groups stay as written) ...
_MAX_VARIANTS = 32
# ... and only while its plain head is shorter than this: a longer head already picks one
# path through the trie.
_SHORT_HEAD = 4
# A list whose words open with at most this many letters is searched letter by letter (the
# engine's scan for a set of characters) instead of stopping at every word start.
_FEW_LETTERS = 8
# This module's own text: a stored layout (see regex_cache) was made by the same code.
try:
    _SOURCE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
except OSError:  # no source beside the code: nothing stored is reused
    _SOURCE = os.urandom(16).hex()


def lower_pattern(pattern: str) -> str:
    """``pattern`` in lower case, escapes kept (``\\S`` stays ``\\S``)."""
    out: list[str] = []
    escaped = False
    for ch in pattern:
        out.append(ch if escaped else ch.lower())
        escaped = not escaped and ch == "\\"
    return "".join(out)


def non_capturing(pattern: str) -> str:
    """``pattern`` with its plain groups made non-capturing (``(a|b)`` -> ``(?:a|b)``; an
    escaped ``\\(`` or a ``(`` inside a character class is left alone).

    Nothing reads a lexicon match's groups, and the regex engine cannot skip an alternative
    that opens with a capturing group on its first character.
    """
    # just after each "(" that opens a plain group
    cuts = [
        i + 1 for i, ch, _ in _structure(pattern) if ch == "(" and pattern[i + 1 : i + 2] != "?"
    ]
    pieces = [pattern[a:b] for a, b in zip([0, *cuts], [*cuts, len(pattern)], strict=True)]
    return "?:".join(pieces)


def boundary(pattern: str) -> str:
    """``\\b`` for an entry that starts a word, "" for one that opens with a literal
    non-word character (Spanish '¿'), where a \\b would demand a word character before it."""
    first = pattern[:1]
    if first and not first.isalnum() and first not in "_([\\^.":
        return ""
    return "\\b"


def whole_words(entries: list[str]) -> list[str]:
    """Entries that must end a word ("i" in "I", not in "it"): pronouns, people, voice."""
    return [f"(?:{p})(?!\\w)" for p in entries]


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with; None when any can, or when it
    may match the empty string (or the parser says something this reading does not know)."""
    try:
        parsed = _SRE_PARSER.parse(pattern)
    except re.error:
        return None
    chars, nullable = _first_of(list(parsed))
    return None if chars is None or nullable else frozenset(chars)


def _first_of(ops: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """(first characters or None for any, whether the sequence may match nothing)."""
    c = _SRE
    out: set[str] = set()
    for op, av in ops:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # \b, ^, lookarounds consume nothing
        if op is c.LITERAL:
            out.add(chr(av))
            return out, False
        if op is c.IN:
            for kind, arg in av:
                if kind is c.LITERAL:
                    out.add(chr(arg))
                elif kind is c.RANGE and arg[1] - arg[0] < 64:
                    out.update(chr(x) for x in range(arg[0], arg[1] + 1))
                else:
                    return None, False
            return out, False
        if op is c.SUBPATTERN:
            branches = [list(av[3])]
        elif op is c.BRANCH:
            branches = [list(b) for b in av[1]]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            branches = [list(av[2])]
        else:
            return None, False
        nullable = False
        for branch in branches:
            chars, empty = _first_of(branch)
            if chars is None:
                return None, False
            out |= chars
            nullable = nullable or empty
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0:
            nullable = True
        if not nullable:
            return out, False
    return out, True


def _structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """Each character of ``pattern`` from ``start`` that is neither escaped nor inside a
    character class, with the depth of the groups it stands in after it is read."""
    depth = 0
    escaped = in_class = False
    for i in range(start, len(pattern)):
        ch = pattern[i]
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth


def _closing(pattern: str, start: int) -> int | None:
    """The index of the ``)`` that closes the group opened at ``start``."""
    closes = (i for i, ch, depth in _structure(pattern, start) if ch == ")" and not depth)
    return next(closes, None)


def alternatives(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|``."""
    cuts = [i for i, ch, depth in _structure(pattern) if ch == "|" and not depth]
    return [pattern[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)], strict=True)]


def head(pattern: str) -> tuple[list[str], list[str], int]:
    """How an entry opens: (its leading zero-width checks, ``\\b``, ``^`` or lookbehinds;
    the plain characters after them, escapes undone; where the rest of the entry starts).

    A character a quantifier follows is left to the rest ("gas(es)?" opens with "gas",
    "fires?" with "fire").
    """
    checks: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith("\\b", i):
            checks.append("\\b")
            i += 2
        elif pattern[i] == "^":
            checks.append("^")
            i += 1
        elif pattern.startswith(("(?<!", "(?<="), i):
            close = _closing(pattern, i)
            if close is None:
                return [], [], 0
            checks.append(pattern[i : close + 1])
            i = close + 1
        else:
            break
    chars: list[str] = []
    ends: list[int] = []
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n and not pattern[i + 1].isalnum():
            chars.append(pattern[i + 1])
            i += 2
        elif ch not in _SPECIAL:
            chars.append(ch)
            i += 1
        else:
            break
        ends.append(i)
    if chars and i < n and pattern[i] in _QUANTIFIER:
        chars.pop()
        ends.pop()
    return checks, chars, ends[-1] if ends else i


def _behind(check: str, plain: str) -> str:
    """A zero-width check made before the plain head ``plain``, made after it instead."""
    if check in ("\\b", "^"):
        return f"(?<={check}{plain})"
    return f"{check[:4]}(?:{check[4:-1]}){plain})"


def _spell_once(pattern: str) -> list[str] | None:
    """``pattern`` with the group after its head spelt out, in the order the engine tries its
    alternatives ("(?:a|b)?c" -> "ac", "bc", "c"); None when no plain group follows the head
    or its quantifier is not a greedy ``?``."""
    _checks, _chars, cut = head(pattern)
    rest = pattern[cut:]
    if not rest.startswith("(?:"):
        return None
    close = _closing(rest, 0)
    if close is None:
        return None
    after = rest[close + 1 :]
    optional = after[:1] == "?"
    if after[:1] in ("*", "+", "{") or (optional and after[1:2] in ("?", "+")):
        return None
    if optional:
        after = after[1:]
    opening = pattern[:cut]
    out = [opening + alt + after for alt in alternatives(rest[3:close])]
    if optional:
        out.append(opening + after)
    return out


def variants(pattern: str) -> list[str]:
    """An entry as entries that together match what it matches, in the order it would, with
    the groups after a short head spelt out."""
    out = alternatives(pattern)
    i = 0
    while i < len(out):
        _checks, chars, _cut = head(out[i])
        spelt = _spell_once(out[i]) if len(chars) < _SHORT_HEAD else None
        if spelt is None or len(out) - 1 + len(spelt) > _MAX_VARIANTS:
            i += 1
            continue
        out[i : i + 1] = spelt
    return out


def _literal(ch: str) -> str:
    return "\\" + ch if ch in _SPECIAL else ch


class _Node:
    """A trie node: its alternatives in the order entries first reached them, each either a
    plain character leading to another node or the regex that ends an entry."""

    __slots__ = ("children", "items")

    def __init__(self) -> None:
        self.items: list[str | tuple[str, _Node]] = []
        self.children: dict[str, _Node] = {}

    def insert(self, chars: list[str], rest: str) -> None:
        node = self
        for ch in chars:
            child = node.children.get(ch)
            if child is None:
                child = node.children[ch] = _Node()
                node.items.append((ch, child))
            node = child
        if rest not in node.items:
            node.items.append(rest)

    def alternatives(self) -> list[str]:
        return [
            item if isinstance(item, str) else _literal(item[0]) + item[1].tail()
            for item in self.items
        ]

    def tail(self) -> str:
        alts = self.alternatives()
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"


def _guarded(entry: str) -> str:
    """An entry with no plain head, behind a lookahead for the characters it can start with,
    when those are known."""
    chars = first_chars(entry)
    if not chars:
        return f"(?:{entry})"
    escaped = "".join("\\" + c if c in "\\]^-[" else c for c in sorted(chars))
    return f"(?=[{escaped}])(?:{entry})"


def compile_entries(patterns: list[str], bounded: bool = True) -> re.Pattern[str] | None:
    """One pattern for a lexicon list, matched against lower-cased text; None for no entries.

    Entries are lower-cased here and the text once per message: case-insensitive matching
    (``re.I``) of long alternations is about three times slower in Python's ``re``. With
    ``bounded`` (every language but those written without spaces, zh and km), an entry that
    starts with a word matches only at a word start.
    """
    if not patterns:
        return None
    cache = regex_cache.shared()
    key = (_SOURCE, bounded, tuple(patterns))
    return cache.compile(cache.layout(key, lambda: _layout(patterns, bounded)), re.M)


def _layout(patterns: list[str], bounded: bool) -> str:
    """The text of compile_entries's pattern."""
    roots = {True: _Node(), False: _Node()}
    loose: dict[bool, list[str]] = {True: [], False: []}
    for entry in patterns:
        entry = non_capturing(lower_pattern(entry))
        word = bounded and bool(boundary(entry))
        for variant in variants(entry):
            checks, chars, cut = head(variant)
            if not chars:
                loose[word].append(variant)
                continue
            plain = "".join(map(_literal, chars))
            # In a word list the whole trie stands behind one \b.
            behind = "".join(_behind(c, plain) for c in checks if not (word and c == "\\b"))
            roots[word].insert(chars, behind + variant[cut:])
    parts: list[str] = []
    for word in (True, False):
        root, rest = roots[word], [_guarded(v) for v in loose[word]]
        if word and not rest and 0 < len(root.children) <= _FEW_LETTERS:
            # No \b up front: the pattern opens with plain letters, which the engine scans
            # for; each checks its word start after it. (Every entry here has a head, so the
            # root holds letters only, in the order the entries reached them.)
            parts += [
                _literal(ch) + f"(?<=\\b{_literal(ch)})" + node.tail()
                for ch, node in root.children.items()
            ]
            continue
        alts = root.alternatives() + rest
        if alts:
            parts.append(f"\\b(?:{'|'.join(alts)})" if word else "|".join(alts))
    return "|".join(parts)
