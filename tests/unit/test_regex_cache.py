"""The compiled-lexicon cache: a restarted bot reads its lexicons' engine code from disk, and
what it reads matches exactly what ``re.compile`` would have built.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from bot.config import DEFAULT_CATEGORIES
from bot.triage import lexicon_regex, regex_cache
from bot.triage.pipeline import LEXICON_DIR, RuleTriage, _parsed_lexicon

CORPUS = Path(__file__).parents[1] / "data" / "resident_corpus"


def _texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(CORPUS.glob("*.jsonl"))[:6]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"].lower())
    return texts


def _lists() -> list[tuple[list[str], bool]]:
    """Every list of every shipped lexicon, with whether it is searched at word starts."""
    out: list[tuple[list[str], bool]] = []
    for path in sorted(LEXICON_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        bounded = data.get("word_boundaries", True) is not False
        lists = [v for v in data.values() if isinstance(v, list)]
        lists += list(data.get("categories", {}).values())
        out += [(v, bounded) for v in lists if v and all(isinstance(e, str) for e in v)]
    return out


@pytest.fixture
def fresh_shared(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty cache directory behind ``regex_cache.shared()``."""
    monkeypatch.setattr(regex_cache, "_shared", regex_cache.RegexCache(tmp_path))
    return tmp_path


def test_a_second_start_reads_every_lexicon_from_the_cache(fresh_shared: Path) -> None:
    # Each RuleTriage below compiles as a new process would (this one keeps parsed lexicons).
    _parsed_lexicon.cache_clear()
    RuleTriage(DEFAULT_CATEGORIES, use_model=False)
    first = regex_cache.shared()
    assert first.misses > 300
    assert first.hits == 0
    assert first.path is not None
    assert first.path.exists()

    # The next process: a new cache object over the same directory.
    second = regex_cache.RegexCache(fresh_shared)
    regex_cache._shared = second
    _parsed_lexicon.cache_clear()
    rules = RuleTriage(DEFAULT_CATEGORIES, use_model=False)
    assert second.misses == 0
    assert second.hits == first.misses
    result = rules.triage("smell of gas at 5th and Market, my son can't breathe")
    assert result.intent.value == "emergency"


def test_patterns_from_the_cache_match_as_re_compile_does(tmp_path: Path) -> None:
    texts = _texts()
    writer = regex_cache.RegexCache(tmp_path)
    lists = _lists()
    layouts = [lexicon_regex._layout(entries, bounded) for entries, bounded in lists]
    for text in layouts:
        writer.compile(text, re.M)
    writer.save()
    reader = regex_cache.RegexCache(tmp_path)
    checked = 0
    for text in layouts:
        cached = reader.compile(text, re.M)
        plain = re.compile(text, re.M)
        assert (cached.pattern, cached.flags, cached.groups) == (
            plain.pattern,
            plain.flags,
            plain.groups,
        )
        for message in texts:
            found = cached.search(message)
            expected = plain.search(message)
            assert (found and found.span()) == (expected and expected.span()), (text, message)
            checked += 1
    assert reader.misses == 0
    assert reader.hits == len(layouts)
    assert checked > 100_000


@pytest.mark.parametrize(
    "content",
    [b"", b"not a cache", b"\x78\x01garbage", b"\x00" * 4096],
    ids=["empty", "text", "bad-zlib", "zeros"],
)
def test_an_unreadable_cache_is_ignored_and_rewritten(tmp_path: Path, content: bytes) -> None:
    cache = regex_cache.RegexCache(tmp_path)
    assert cache.path is not None
    cache.path.write_bytes(content)
    pattern = cache.compile(r"\b(?:gas|smoke)\b", re.M)
    assert pattern.search("i smell gas")
    assert cache.misses == 1
    cache.save()
    again = regex_cache.RegexCache(tmp_path)
    assert again.compile(r"\b(?:gas|smoke)\b", re.M).search("smoke here")
    assert again.hits == 1


def test_engine_code_that_was_tampered_with_is_compiled_again(tmp_path: Path) -> None:
    text = r"\b(?:gas|smoke)(?<=\bgas) leak"
    writer = regex_cache.RegexCache(tmp_path)
    writer.compile(text, re.M)
    writer.save()
    reader = regex_cache.RegexCache(tmp_path)
    reader._load()
    key = (text, int(re.M))
    flags, _code, groups, index, names = reader._stored[key]  # type: ignore[misc]
    # Valid in shape, nonsense to the engine: it refuses the code, and the cache compiles.
    reader._stored[key] = (flags, b"\xff\xff\xff\x7f" * 8, groups, index, names)
    pattern = reader.compile(text, re.M)
    assert pattern.search("a gas leak")
    assert not pattern.search("a smoke leak")
    assert reader.misses == 1
    assert reader.hits == 0


def test_a_bad_entry_is_still_reported_as_a_regex_error(tmp_path: Path) -> None:
    cache = regex_cache.RegexCache(tmp_path)
    with pytest.raises(re.error):
        cache.compile("(unclosed", re.M)


def test_an_edited_layout_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_cache, "_shared", regex_cache.RegexCache(tmp_path))
    lexicon_regex.compile_entries(["downed tree", "tree down"])
    regex_cache.shared().save()
    reader = regex_cache.RegexCache(tmp_path)
    monkeypatch.setattr(regex_cache, "_shared", reader)
    built: list[str] = []

    def layout(patterns: list[str], bounded: bool) -> str:
        built.append("x")
        return "tree"

    monkeypatch.setattr(lexicon_regex, "_layout", layout)
    lexicon_regex.compile_entries(["downed tree", "tree down"])
    assert built == []  # same entries, same code: the stored layout
    monkeypatch.setattr(lexicon_regex, "_SOURCE", "another version of the layout code")
    lexicon_regex.compile_entries(["downed tree", "tree down"])
    assert built == ["x"]


def test_no_writable_directory_means_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file, not a directory")
    cache = regex_cache.RegexCache(blocked / "cache")
    assert cache.compile("gas", re.M).search("gas")
    cache.save()  # logged, not raised
    assert not (blocked / "cache").exists()


def test_the_cache_directory() -> None:
    assert regex_cache.default_directory({"CRISISBOT_CACHE_DIR": "off"}) is None
    assert regex_cache.default_directory({"CRISISBOT_CACHE_DIR": "/x/y"}) == Path("/x/y")
    assert regex_cache.default_directory({"XDG_CACHE_HOME": "/c"}) == Path("/c/crisisbot")
    assert regex_cache.RegexCache(None).path is None
