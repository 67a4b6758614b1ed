"""``approved_sources.yaml`` validation, and the exercise-mode start-up check."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bootstrap import build, exercise_problems
from bot.config import ConfigError, Settings
from bot.connectors.telegram.settings import TelegramSettings
from bot.connectors.x.settings import XSettings
from bot.services.sources import SourcesError, load_sources

GOOD = """
sources:
  - id: nws_phi
    name: National Weather Service Mount Holly
    domains: [weather.gov]
    handles: {x: NWS_MountHolly}
    feeds: ["https://api.weather.gov/alerts/active.atom?zone=PAZ071"]
"""


def test_the_shipped_file_is_valid_and_answers_lookups() -> None:
    sources = load_sources()
    assert sources.has_source("nws_phi")
    assert sources.allows_host("forecast.weather.gov")
    assert sources.allows_host("WWW.PHILA.GOV")
    assert not sources.allows_host("phila.gov.evil.com")
    assert not sources.allows_host("notphila.gov")
    assert sources.allows_handle("@philly311")
    assert not sources.allows_handle("@philly311_fake")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources: []", "sources: List should have at least 1 item"),
        ("sources:\n  - id: Bad Id\n    name: Someone\n    domains: [a.org]",
         "sources.0 (Bad Id).id: Value error, must be 2-40 lowercase letters"),
        ("sources:\n  - id: x1\n    name: Someone\n    domains: [https://a.org/x]",
         "sources.0 (x1).domains: Value error, 'https://a.org/x' is not a domain name"),
        ("sources:\n  - id: x1\n    name: Someone\n    domains: [a.org]\n    feeds: [http://a.org/f]",
         "feeds must be https:// URLs"),
        ("sources:\n  - id: x1\n    name: Someone\n    domains: [a.org]\n    colour: red",
         "sources.0 (x1).colour: Extra inputs are not permitted"),
        (GOOD + "  - {id: nws_phi, name: Again NWS, domains: [weather.gov]}\n",
         "duplicate source id(s): nws_phi"),
        ("sources: [unclosed", "cannot read it as YAML"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_with_the_entry_and_field(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "approved_sources.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesError) as info:
        load_sources(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_a_bad_sources_file_stops_the_bot(tmp_path: Path) -> None:
    path = tmp_path / "approved_sources.yaml"
    path.write_text("sources: []", encoding="utf-8")
    settings = Settings()
    settings.database.url = f"sqlite:///{tmp_path / 'b.db'}"
    settings.announcements.approved_sources = str(path)
    with pytest.raises(ConfigError, match="approved_sources.yaml is invalid"):
        build(settings, env={}, connectors={})


def exercise_settings(x_url: str, tg_url: str) -> Settings:
    settings = Settings()
    settings.exercise.enabled = True
    settings.platforms.x = XSettings(enabled=True, api_base_url=x_url)
    settings.platforms.telegram = TelegramSettings(enabled=True, api_base_url=tg_url)
    return settings


def test_exercise_mode_accepts_only_simulators() -> None:
    sims = exercise_settings("http://127.0.0.1:8001", "http://localhost:8002")
    env = {"TELEGRAM_BOT_TOKEN": "123456:sim-exercise", "X_BEARER_TOKEN": "sim-bearer"}
    assert exercise_problems(sims, env) == []


def test_exercise_mode_refuses_a_live_url() -> None:
    live = exercise_settings("https://api.twitter.com", "http://127.0.0.1:8002")
    assert exercise_problems(live, {}) == [
        "platforms.x.api_base_url is https://api.twitter.com, a live endpoint; in exercise "
        "mode posts go only to the simulators on 127.0.0.1"
    ]
    proxied = exercise_settings("http://127.0.0.1:8001", "https://tg-proxy.phila.gov")
    assert "platforms.telegram.api_base_url" in exercise_problems(proxied, {})[0]


def test_exercise_mode_refuses_a_live_credential() -> None:
    sims = exercise_settings("http://127.0.0.1:8001", "http://127.0.0.1:8002")
    env = {"TELEGRAM_BOT_TOKEN": "7012345678:AAH4kLrealLookingTokenValue0123456789",
           "X_ACCESS_TOKEN": "1234-abcdef"}  # fmt: skip
    problems = exercise_problems(sims, env)
    assert len(problems) == 2
    assert problems[0].startswith("$X_ACCESS_TOKEN (platforms.x.access_token_env) holds")
    assert problems[1].startswith("$TELEGRAM_BOT_TOKEN (platforms.telegram.token_env) holds")


def test_build_refuses_to_start_an_exercise_with_a_live_endpoint(tmp_path: Path) -> None:
    settings = exercise_settings("https://api.twitter.com", "http://127.0.0.1:8002")
    settings.database.url = f"sqlite:///{tmp_path / 'b.db'}"
    with pytest.raises(ConfigError, match="exercise mode refuses to start"):
        build(settings, env={}, connectors={})
    assert not (tmp_path / "b.db").exists()  # refused before anything was opened
