"""Configuration: defaults, TOML, CRISISBOT__* overrides, errors that name the key, secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_CATEGORIES, ConfigError, Settings, load_settings, require_secret


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "crisisbot.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_defaults_without_file_or_env() -> None:
    settings = load_settings(env={})
    assert settings.database.url == "sqlite:///var/crisisbot.db"
    assert settings.web.host == "127.0.0.1"
    assert settings.web.port == 8311
    assert settings.tickets.number_format == "SR-{n:06d}"
    assert settings.category_codes == DEFAULT_CATEGORIES
    assert settings.platforms.x.enabled is False
    assert settings.platforms.telegram.token_env == "TELEGRAM_BOT_TOKEN"


def test_defaults_do_not_read_the_process_environment_when_env_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CRISISBOT__WEB__PORT", "9999")
    assert load_settings(env={}).web.port == 8311
    assert load_settings().web.port == 9999


def test_toml_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
templates_dir = "/srv/templates"

[database]
url = "postgresql+psycopg://bot@db/crisisbot"

[web]
port = 8080
public_url = "https://311bot.phila.example"

[platforms.telegram]
enabled = true
token_env = "PHL_TELEGRAM_TOKEN"

[tickets]
number_format = "PHL-{n:07d}"

[intake]
batch_size = 25
""",
    )
    settings = load_settings(path, env={})
    assert settings.database.url == "postgresql+psycopg://bot@db/crisisbot"
    assert settings.web.port == 8080
    assert settings.web.public_url == "https://311bot.phila.example"
    assert settings.platforms.telegram.enabled is True
    assert settings.platforms.telegram.token_env == "PHL_TELEGRAM_TOKEN"
    assert settings.tickets.number_format == "PHL-{n:07d}"
    assert settings.intake.batch_size == 25
    assert settings.templates_dir == "/srv/templates"
    # Untouched sections keep their defaults.
    assert settings.delivery.batch_size == 50


def test_env_overrides_win_over_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[database]\nurl = "sqlite:///from-file.db"\n[web]\nport = 8080\n')
    env = {
        "CRISISBOT__DATABASE__URL": "postgresql://bot@127.0.0.1/crisisbot",
        "CRISISBOT__WEB__PORT": "9090",
        "CRISISBOT__DATABASE__ECHO": "true",
        "CRISISBOT__PLATFORMS__X__ENABLED": "1",
        "CRISISBOT__PLATFORMS__X__POSTS_PER_15MIN": "50",
        "UNRELATED": "ignored",
        "CRISISBOT_SINGLE_UNDERSCORE": "ignored too",
    }
    settings = load_settings(path, env=env)
    assert settings.database.url == "postgresql://bot@127.0.0.1/crisisbot"
    assert settings.database.echo is True
    assert settings.web.port == 9090
    assert settings.platforms.x.enabled is True
    assert settings.platforms.x.posts_per_15min == 50


def test_env_override_keys_are_case_insensitive() -> None:
    settings = load_settings(env={"crisisbot__web__port": "1234", "CRISISBOT__Web__Host": "::1"})
    # Only the upper-case prefix is ours; the key path after it is case-insensitive.
    assert settings.web.port == 8311
    assert settings.web.host == "::1"


@pytest.mark.parametrize(
    ("body", "env", "names"),
    [
        ("[database]\nurll = 'sqlite:///x.db'\n", {}, ["database.urll", "Extra inputs"]),
        ("[databse]\nurl = 'sqlite:///x.db'\n", {}, ["databse"]),
        ("[web]\nport = 'eighty'\n", {}, ["web.port"]),
        ("[web]\nport = 70000\n", {}, ["web.port"]),
        ("[database]\nurl = 'mysql://x'\n", {}, ["database.url", "sqlite"]),
        ("", {"CRISISBOT__WEB__PORTT": "1"}, ["web.portt"]),
        ("", {"CRISISBOT__DELIVERY__BATCH_SIZE": "many"}, ["delivery.batch_size"]),
        ("", {"CRISISBOT__DATABASE__ECHO": "maybe"}, ["database.echo"]),
        ("[platforms.x]\nbearer_token = 'AAAA'\n", {}, ["platforms.x.bearer_token"]),
        ("[platforms.telegram]\nmode = 'carrier-pigeon'\n", {}, ["platforms.telegram.mode"]),
        ("[[services]]\ncode = 'pothole'\nname = 'Pothole'\n", {}, ["services", "other"]),
    ],
)
def test_invalid_values_name_the_key(
    tmp_path: Path, body: str, env: dict[str, str], names: list[str]
) -> None:
    path = write(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_settings(path, env=env)
    message = str(info.value)
    assert str(path) in message
    for name in names:
        assert name in message


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[database\nurl = \n")
    with pytest.raises(ConfigError, match="not valid TOML") as info:
        load_settings(path, env={})
    assert str(path) in str(info.value)
    assert "line 1" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(ConfigError, match="not found") as info:
        load_settings(missing, env={})
    assert str(missing) in str(info.value)


@pytest.mark.parametrize(
    "fmt",
    [
        "SR-{x}",  # unknown field
        "SR-{0}",  # positional
        "SR-{n:06d",  # unbalanced
        "SR-{n:s}",  # wrong spec for an integer
        "SR-FIXED",  # no {n}: every ticket would get the same number
    ],
)
def test_bad_number_format(fmt: str) -> None:
    with pytest.raises(ConfigError, match=r"tickets\.number_format"):
        load_settings(env={"CRISISBOT__TICKETS__NUMBER_FORMAT": fmt})


def test_bad_number_pattern() -> None:
    with pytest.raises(ConfigError, match=r"tickets\.number_pattern"):
        load_settings(env={"CRISISBOT__TICKETS__NUMBER_PATTERN": "SR-(\\d+"})


def test_secrets_are_named_never_given() -> None:
    settings = Settings()
    # The file holds the *name* of the variable; the value comes only from the environment.
    var = settings.platforms.telegram.token_env
    assert var == "TELEGRAM_BOT_TOKEN"
    env = {var: "123456:ABC-token"}
    assert require_secret(env, var, "platforms.telegram.token_env") == "123456:ABC-token"


@pytest.mark.parametrize("env", [{}, {"X_BEARER_TOKEN": ""}])
def test_missing_secret_names_key_and_variable_but_no_value(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError) as info:
        require_secret(env, "X_BEARER_TOKEN", "platforms.x.bearer_token_env")
    message = str(info.value)
    assert "platforms.x.bearer_token_env" in message
    assert "X_BEARER_TOKEN" in message


def test_inline_secret_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "[platforms.telegram]\ntoken = '123456:ABC-SECRET'\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path, env={})
    assert "platforms.telegram.token" in str(info.value)
    # The error names the key without echoing the secret back into logs.
    assert "ABC-SECRET" not in str(info.value)
