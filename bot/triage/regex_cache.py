"""Compiled lexicon patterns kept on disk, so a restarted bot is back in a moment.

The 17 shipped lexicons compile to about 800 long patterns, and Python's ``re`` spends most
of the bot's start-up parsing them (over a second: its parser and code generator are written
in Python). A bot restarted after a crash in the middle of a storm should be answering
again at once, so the engine code that ``re`` produces for each pattern is kept in a cache
file and handed straight to the engine (``_sre.compile``) on the next start.

- The cache is keyed by the pattern text and flags, so an edited lexicon simply misses and
  is compiled the usual way; nothing in the cache can give an entry another meaning.
- The file is named after the interpreter and its regex engine's version
  (``cache_tag``, ``_sre.MAGIC``, ``_sre.CODESIZE``): another Python never reads it.
- The engine validates the code it is given; a cache that is corrupt, truncated or
  unreadable is ignored (and rewritten), never trusted.
- With no writable cache directory, patterns are compiled as before.

The directory is ``$CRISISBOT_CACHE_DIR``, else ``$XDG_CACHE_HOME/crisisbot``, else
``~/.cache/crisisbot``; ``CRISISBOT_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import array
import importlib
import logging
import marshal
import os
import re
import sys
import tempfile
import threading
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

_LOGGER = logging.getLogger(__name__)

_SRE: Any = importlib.import_module("_sre")
_PARSER: Any = importlib.import_module("re._parser")
_COMPILER: Any = importlib.import_module("re._compiler")

# Entries kept in the file: those used by the last process that saved it first, then older
# ones up to this many (tests and cities with several lexicon directories share one file).
MAX_ENTRIES = 20_000

# What the engine needs beside the pattern: flags, code, groups, groupindex, indexgroup.
_Compiled = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def default_directory(env: dict[str, str] | None = None) -> Path | None:
    """Where the cache lives (None: nowhere, the cache is off)."""
    env = dict(os.environ) if env is None else env
    chosen = env.get("CRISISBOT_CACHE_DIR", "")
    if chosen.lower() in ("off", "none", "0"):
        return None
    if chosen:
        return Path(chosen)
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crisisbot"


def _file_name() -> str:
    tag = sys.implementation.cache_tag or sys.implementation.name
    return f"lexicon-regex-{tag}-{_SRE.MAGIC}-{_SRE.CODESIZE}.bin"


def _code_for(pattern: str, flags: int) -> _Compiled:
    """What ``re`` would hand its engine for ``pattern`` (its ``_compiler.compile``)."""
    parsed = _PARSER.parse(pattern, flags)
    # Plain ints: the opcodes are named int subclasses, which marshal does not write.
    code = [int(op) for op in _COMPILER._code(parsed, flags)]
    groupindex: dict[str, int] = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _engine(pattern: str, compiled: _Compiled) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = compiled
    result: re.Pattern[str] = _SRE.compile(pattern, flags, code, groups, groupindex, indexgroup)
    return result


# The engine's code words, stored as machine words (a quarter of marshal's size for ints).
_WORD = next((t for t in "IL" if array.array(t).itemsize == _SRE.CODESIZE), "")


def _packed(compiled: _Compiled) -> tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]:
    flags, code, groups, groupindex, indexgroup = compiled
    return flags, array.array(_WORD, code).tobytes(), groups, groupindex, indexgroup


def _unpacked(entry: object) -> _Compiled | None:
    """A stored entry of the right shape, unpacked (the engine checks the code itself)."""
    if not (isinstance(entry, tuple) and len(entry) == 5):
        return None
    flags, code, groups, groupindex, indexgroup = entry
    if not (
        isinstance(flags, int)
        and isinstance(code, bytes)
        and len(code) % _SRE.CODESIZE == 0
        and isinstance(groups, int)
        and isinstance(groupindex, dict)
        and isinstance(indexgroup, tuple)
    ):
        return None
    words = array.array(_WORD)
    words.frombytes(code)
    return flags, words.tolist(), groups, groupindex, indexgroup


class RegexCache:
    """Patterns compiled once, by this process or an earlier one.

    Two levels: ``layout`` keeps the text a lexicon list compiles to (built by
    ``lexicon_regex``, keyed by that module's own source, so a change to how lists are laid
    out misses), and ``compile`` keeps the engine code for a pattern text.
    """

    def __init__(self, directory: Path | None) -> None:
        self.path = directory / _file_name() if directory is not None and _WORD else None
        self.hits = 0
        self.misses = 0
        self._lock = threading.RLock()
        self._stored: dict[tuple[str, int], object] = {}
        self._used: dict[tuple[str, int], _Compiled] = {}
        self._stored_layouts: dict[object, str] = {}
        self._layouts: dict[object, str] = {}
        self._dirty = False
        self._loaded = False

    def _load(self) -> None:
        self._loaded = True
        if self.path is None:
            return
        try:
            # Our own file, in our own cache directory (0600); marshal builds plain data
            # here, and every value is type-checked below and its code by the engine.
            data = marshal.loads(zlib.decompress(self.path.read_bytes()))  # noqa: S302
        except FileNotFoundError:
            return
        except (OSError, ValueError, EOFError, TypeError, zlib.error) as exc:
            _LOGGER.info("regex cache %s unreadable (%s); compiling afresh", self.path, exc)
            return
        if not (isinstance(data, tuple) and len(data) == 2):
            return
        patterns, layouts = data
        if isinstance(patterns, dict):
            self._stored = {
                key: value
                for key, value in patterns.items()
                if isinstance(key, tuple)
                and len(key) == 2
                and isinstance(key[0], str)
                and isinstance(key[1], int)
            }
        if isinstance(layouts, dict):
            self._stored_layouts = {k: v for k, v in layouts.items() if isinstance(v, str)}

    def layout(self, key: tuple[object, ...], build: Callable[[], str]) -> str:
        """The pattern text stored under ``key`` (made of strings, ints and tuples), else
        ``build()``'s, stored."""
        with self._lock:
            if not self._loaded:
                self._load()
            text = self._layouts.get(key)
            if text is None:
                text = self._stored_layouts.get(key)
                if text is None:
                    text = build()
                    self._dirty = True
                self._layouts[key] = text
            return text

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """``re.compile(pattern, flags)``, from the cache when it holds the pattern."""
        key = (pattern, int(flags))
        with self._lock:
            if not self._loaded:
                self._load()
            compiled = self._used.get(key)
            if compiled is None and key in self._stored:
                compiled = _unpacked(self._stored[key])
        if compiled is not None:
            try:
                result = _engine(pattern, compiled)
            except (RuntimeError, TypeError, ValueError, OverflowError):
                # Code the engine refuses ("invalid SRE code"): compile it again.
                compiled = None
            else:
                with self._lock:
                    self.hits += 1
                    self._used[key] = compiled
                return result
        try:
            compiled = _code_for(pattern, int(flags))
            result = _engine(pattern, compiled)
        except re.error:
            raise  # a bad entry is the lexicon's error, reported as re.compile reports it
        except Exception as exc:  # an interpreter whose re internals differ
            _LOGGER.debug("regex cache cannot build %r directly (%s)", pattern[:60], exc)
            return re.compile(pattern, flags)
        with self._lock:
            self.misses += 1
            self._used[key] = compiled
            self._dirty = True
        return result

    def save(self) -> None:
        """Write what this process used (and older entries, up to MAX_ENTRIES in all) when
        any of it was new."""
        with self._lock:
            if self.path is None or not self._dirty:
                return
            patterns: dict[tuple[str, int], object] = {
                key: _packed(value) for key, value in self._used.items()
            }
            for key, value in self._stored.items():
                if len(patterns) >= MAX_ENTRIES:
                    break
                patterns.setdefault(key, value)
            layouts: dict[object, str] = dict(self._layouts)
            for lkey, text in self._stored_layouts.items():
                if len(layouts) >= MAX_ENTRIES:
                    break
                layouts.setdefault(lkey, text)
            self._dirty = False
            blob = marshal.dumps((patterns, layouts))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".regex-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(zlib.compress(blob, 1))
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            _LOGGER.info("regex cache not saved to %s (%s)", self.path, exc)
            return
        with self._lock:
            self._stored, self._stored_layouts = patterns, layouts


_shared: RegexCache | None = None
_shared_lock = threading.Lock()


def shared() -> RegexCache:
    """The process's cache, in the default directory."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = RegexCache(default_directory())
        return _shared
