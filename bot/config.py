"""The bot's configuration: one typed object from a TOML file plus environment variables.

Secrets never appear in the file: it names the environment variable that holds each one.
Every value can be overridden by ``CRISISBOT__SECTION__KEY`` environment variables
(e.g. ``CRISISBOT__DATABASE__URL``), which is how containers and CI set them.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.connectors.telegram.settings import TelegramSettings
from bot.connectors.x.settings import XSettings

ENV_PREFIX = "CRISISBOT__"

DEFAULT_CATEGORIES: tuple[str, ...] = (
    "downed_tree",
    "flooding",
    "power_outage",
    "downed_wires",
    "street_light",
    "traffic_signal",
    "pothole",
    "road_blocked",
    "trash",
    "illegal_dumping",
    "abandoned_vehicle",
    "graffiti",
    "building_damage",
    "sewer_water",
    "snow_ice",
    "shelter",
    "food_water",
    "other",
)


class ConfigError(Exception):
    """The configuration is unusable; the message names the offending key."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DatabaseSettings(_Section):
    """``[database]``."""

    url: str = "sqlite:///var/crisisbot.db"
    echo: bool = False

    @field_validator("url")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("must be a sqlite:/// or postgresql+<driver>:// URL")
        return value


class WebSettings(_Section):
    """``[web]``: the console, health and webhook endpoints."""

    enabled: bool = True
    host: str = "127.0.0.1"
    port: int = Field(default=8311, ge=0, le=65535)
    public_url: str | None = None


class PlatformsSettings(_Section):
    """``[platforms]``: one table per connector."""

    x: XSettings = Field(default_factory=XSettings)
    telegram: TelegramSettings = Field(default_factory=TelegramSettings)


class ServiceType(_Section):
    """One entry of the city's Open311 service list."""

    code: str
    name: str


def _default_services() -> list[ServiceType]:
    return [ServiceType(code=c, name=c.replace("_", " ").capitalize()) for c in DEFAULT_CATEGORIES]


class TicketSettings(_Section):
    """``[tickets]``: how ticket numbers look.

    ``number_format`` is a Python format string over ``n`` (the database-assigned sequence),
    e.g. ``"SR-{n:06d}"`` -> ``SR-000123``.
    """

    number_format: str = "SR-{n:06d}"
    number_pattern: str = r"SR-?\d{3,}"

    @field_validator("number_format")
    @classmethod
    def _has_n(cls, value: str) -> str:
        try:
            one, two = value.format(n=1), value.format(n=2)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"must be a format string using {{n}}: {exc}") from exc
        if one == two:
            # Without {n} every ticket gets the same number (and the unique index refuses it).
            raise ValueError("must be a format string using {n}")
        return value

    @field_validator("number_pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from exc
        return value


class IntakeSettings(_Section):
    """``[intake]``: the worker that turns inbox rows into tickets and replies."""

    batch_size: int = Field(default=100, ge=1)
    idle_sleep_seconds: float = Field(default=0.2, gt=0)
    max_text_chars: int = Field(default=10000, ge=1)
    default_language: str = "en"
    phone_311: str = "311 (or 215-686-8686)"


class DeliverySettings(_Section):
    """``[delivery]``: the outbox dispatcher."""

    batch_size: int = Field(default=50, ge=1)
    idle_sleep_seconds: float = Field(default=0.2, gt=0)
    max_backoff_seconds: float = Field(default=300.0, gt=0)
    base_backoff_seconds: float = Field(default=1.0, gt=0)
    max_rate_limit_wait_seconds: float = Field(default=900.0, gt=0)
    # After a send whose fate is unknown, how long to wait before looking for the post.
    verify_grace_seconds: float = Field(default=10.0, gt=0)


class GazetteerSettings(_Section):
    """``[gazetteer]``: the city's street, landmark and neighborhood files.

    ``directory`` holds ``passyunk_*.csv`` and ``philadelphia-neighborhoods.geojson`` (see
    README); unset, places keep their written form and get no neighborhood.
    """

    directory: str | None = None


class ExerciseSettings(_Section):
    """``[exercise]``: rehearse a storm on the simulators.

    When enabled the bot refuses to start with a live platform URL (anything but a loopback
    address) or a live credential (exercise credentials start with ``sim-``, Telegram's
    ``<bot id>:sim-``), and every text it sends starts with ``EXERCISE``.
    """

    enabled: bool = False


class AnnouncementSettings(_Section):
    """``[announcements]``: where announcements are posted and how the scheduler runs.

    ``channels`` maps a platform to its target: ``x`` posts on the bot's own timeline (any
    value), ``telegram`` is the public channel (``"@phl_alerts"`` or ``"-100..."``); a key
    ``"telegram.es"`` sends one language elsewhere. A platform without a target gets no
    announcements.
    """

    channels: dict[str, str] = Field(default_factory=dict)
    # Occurrences posted later than this after their due time are flagged "late".
    late_after_seconds: float = Field(default=60.0, gt=0)
    # How often the scheduler re-reads schedules written by other processes (the CLI).
    sync_seconds: float = Field(default=1.0, gt=0, le=60)
    # Local time zone for times given without one (``--at 18:30``).
    timezone: str = "America/New_York"
    # The trusted-sources file; unset = approved_sources.yaml shipped with the bot.
    approved_sources: str | None = None

    @field_validator("channels")
    @classmethod
    def _known_channels(cls, value: dict[str, str]) -> dict[str, str]:
        for key, target in value.items():
            platform = key.split(".", 1)[0]
            if platform not in ("x", "telegram"):
                raise ValueError(f"{key!r}: channels are x or telegram (optionally .<lang>)")
            if not target.strip():
                raise ValueError(f"{key!r}: empty target")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value


class Settings(_Section):
    """The whole configuration."""

    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    platforms: PlatformsSettings = Field(default_factory=PlatformsSettings)
    tickets: TicketSettings = Field(default_factory=TicketSettings)
    intake: IntakeSettings = Field(default_factory=IntakeSettings)
    delivery: DeliverySettings = Field(default_factory=DeliverySettings)
    gazetteer: GazetteerSettings = Field(default_factory=GazetteerSettings)
    exercise: ExerciseSettings = Field(default_factory=ExerciseSettings)
    announcements: AnnouncementSettings = Field(default_factory=AnnouncementSettings)
    services: list[ServiceType] = Field(default_factory=_default_services)
    templates_dir: str | None = None

    @field_validator("services")
    @classmethod
    def _has_other(cls, value: list[ServiceType]) -> list[ServiceType]:
        codes = [s.code for s in value]
        if len(set(codes)) != len(codes):
            raise ValueError("service codes must be unique")
        if "other" not in codes:
            raise ValueError("the service list must contain 'other'")
        return value

    @property
    def templates_path(self) -> Path | None:
        """Folder holding ``replies/``; None means the templates shipped with the bot."""
        return Path(self.templates_dir) if self.templates_dir else None

    @property
    def category_codes(self) -> tuple[str, ...]:
        """Codes of the configured services, in order."""
        return tuple(s.code for s in self.services)


def _env_overrides(env: Mapping[str, str]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for key, value in env.items():
        if not key.startswith(ENV_PREFIX):
            continue
        parts = [p.lower() for p in key[len(ENV_PREFIX) :].split("__") if p]
        node = tree
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return tree


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _describe(exc: ValidationError, source: str) -> str:
    lines = [f"invalid configuration in {source}:"]
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        lines.append(f"  {key}: {err['msg']}")
    return "\n".join(lines)


def load_settings(
    path: str | Path | None = None, env: Mapping[str, str] | None = None
) -> Settings:
    """Load settings from ``path`` (TOML) and ``CRISISBOT__*`` environment variables.

    Raises:
        ConfigError: the file is missing or unreadable, or a key is unknown or invalid.
    """
    environ = os.environ if env is None else env
    data: dict[str, Any] = {}
    source = "defaults and CRISISBOT__* environment variables"
    if path is not None:
        source = f"{path} and CRISISBOT__* environment variables"
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError as exc:
            raise ConfigError(f"configuration file not found: {path}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    data = _merge(data, _env_overrides(environ))
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, source)) from exc


def require_secret(env: Mapping[str, str], var: str, key: str) -> str:
    """Read a secret from the environment variable ``var`` that config key ``key`` names."""
    value = env.get(var, "")
    if not value:
        raise ConfigError(f"{key} names the environment variable {var}, which is not set")
    return value
