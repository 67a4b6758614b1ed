"""The comms staff's commands: ``users``, ``messages``, ``announce`` and ``audit``.

``users`` acts on the server's database directly (whoever runs it can read the config); every
other command acts as the user whose token is in ``CRISISBOT_TOKEN`` and is checked by the
services, exactly as the console will be. Errors are one clear line and a non-zero exit code:
1 for a refused or invalid request, 3 for a missing, unknown or revoked token or a role that
does not allow the action.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click
import yaml
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine

from bot.config import ConfigError, Settings, load_settings
from bot.domain.registry import ApprovalRefused, RegistryError, Version
from bot.domain.staff import HUMAN_ROLES, Actor, NotAllowed, Permission
from bot.services import audit as audit_log
from bot.services.announcements import AnnouncementError, AnnouncementInfo, AnnouncementService
from bot.services.registry import RegistryService, export_yaml
from bot.services.users import AuthError, UserError, UserService

TOKEN_ENV = "CRISISBOT_TOKEN"  # noqa: S105 - the variable's name, not a token
EXIT_REFUSED = 1
EXIT_AUTH = 3
_console = Console(highlight=False, soft_wrap=True)
_CONFIG = click.option(
    "--config", "config", type=click.Path(dir_okay=False), help="TOML settings file."
)


class Refused(click.ClickException):
    """A request the services refused; printed as one line, exit code 1 or 3."""

    def __init__(self, message: str, code: int = EXIT_REFUSED) -> None:
        super().__init__(message)
        self.exit_code = code  # type: ignore[misc]


@dataclass
class Services:
    """What a staff command needs, built from the config."""

    settings: Settings
    engine: Engine
    registry: RegistryService
    users: UserService
    announcements: AnnouncementService

    def actor(self) -> Actor:
        """The user whose token is in ``CRISISBOT_TOKEN``."""
        try:
            return self.users.authenticate(os.environ.get(TOKEN_ENV))
        except AuthError as exc:
            raise Refused(str(exc), EXIT_AUTH) from exc


@contextmanager
def services(config: str | None) -> Iterator[Services]:
    """Open the database (migrated, defaults installed) and build the services."""
    from bot.bootstrap import build_registry, enabled_platforms, install_defaults
    from bot.db.engine import make_engine
    from bot.db.migrate import ensure_schema

    try:
        settings = load_settings(config)
        engine = make_engine(settings.database.url)
    except ConfigError as exc:
        raise Refused(str(exc)) from exc
    try:
        ensure_schema(engine)
        registry = build_registry(settings, engine)
        install_defaults(settings, engine, registry)
        targets = dict(settings.announcements.channels)
        platforms = enabled_platforms(settings)
        if "x" in platforms:
            targets.setdefault("x", "timeline")
        announcements = AnnouncementService(
            engine, registry,
            {k: v for k, v in targets.items() if k.split(".")[0] in platforms},
            exercise=settings.exercise.enabled,
            late_after=timedelta(seconds=settings.announcements.late_after_seconds),
            timezone=settings.announcements.timezone,
        )  # fmt: skip
        yield Services(settings, engine, registry, UserService(engine), announcements)
    except ConfigError as exc:
        raise Refused(str(exc)) from exc
    except (NotAllowed, AuthError) as exc:
        raise Refused(str(exc), EXIT_AUTH) from exc
    except ApprovalRefused as exc:
        raise Refused(str(exc)) from exc
    except (RegistryError, AnnouncementError, UserError) as exc:
        raise Refused(str(exc)) from exc
    finally:
        engine.dispose()


def _values(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r}: write --var name=value", param_hint="--var")
        out[key.strip()] = value
    return out


_RELATIVE = re.compile(r"^\+(\d+)\s*([smhd])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_time(text: str, zone: str, now: datetime | None = None) -> datetime:
    """``now``, ``+90s``/``+5m``/``+2h``, ``18:30`` (today, local) or ISO 8601."""
    now = now or datetime.now(UTC)
    text = text.strip()
    if text == "now":
        return now
    if match := _RELATIVE.match(text):
        return now + timedelta(seconds=int(match[1]) * _UNITS[match[2]])
    local = ZoneInfo(zone)
    if re.match(r"^\d{1,2}:\d{2}$", text):
        hours, minutes = (int(p) for p in text.split(":"))
        today = now.astimezone(local).date()
        try:
            return datetime(today.year, today.month, today.day, hours, minutes, tzinfo=local)
        except ValueError:
            raise click.BadParameter(f"{text!r} is not a time of day") from None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{text!r}: give now, +10m, 18:30 or 2026-11-23T18:30 (local time unless a "
            "zone is given)"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=local)


def parse_every(text: str) -> timedelta:
    """``N`` minutes, or ``90s`` / ``15m`` / ``2h``."""
    match = re.match(r"^(\d+)\s*([smhd]?)$", text.strip())
    if not match or int(match[1]) == 0:
        raise click.BadParameter(f"{text!r}: give minutes (15) or 90s, 15m, 2h")
    return timedelta(seconds=int(match[1]) * _UNITS[match[2] or "m"])


def _when(value: datetime | None, zone: str) -> str:
    if value is None:
        return "-"
    return value.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M:%S %Z")


def _version_table(versions: list[Version], title: str) -> Table:
    table = Table(title=title)
    for col in ("message", "version", "status", "author", "decided by", "hash", "languages"):
        table.add_column(col)
    for v in versions:
        langs = v.languages or sorted({k.rsplit(".", 1)[-1] for k in v.variants})
        table.add_row(
            v.name, f"v{v.number}", str(v.status), v.author, v.decided_by or "-",
            v.content_hash[:12], ",".join(langs[:8]) + ("..." if len(langs) > 8 else ""),
        )  # fmt: skip
    return table


# -- users ----------------------------------------------------------------------------------
@click.group()
def users() -> None:
    """Staff accounts (run on the server; no token needed)."""


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice([r.value for r in HUMAN_ROLES]))
@_CONFIG
def users_add(name: str, role: str, config: str | None) -> None:
    """Create a user and print their token, once."""
    with services(config) as svc:
        token = svc.users.add(name, role)
    _console.print(f"created {name} ({role}). Their token, shown only now:")
    click.echo(token)


@users.command("list")
@_CONFIG
def users_list(config: str | None) -> None:
    """Every user and their role."""
    with services(config) as svc:
        rows = svc.users.all()
        zone = svc.settings.announcements.timezone
    table = Table(title="users")
    for col in ("name", "role", "created", "by", "revoked"):
        table.add_column(col)
    for u in rows:
        table.add_row(u.name, u.role, _when(u.created_at, zone), u.created_by,
                      _when(u.revoked_at, zone) if u.revoked_at else "")  # fmt: skip
    _console.print(table)


@users.command("revoke")
@click.argument("name")
@_CONFIG
def users_revoke(name: str, config: str | None) -> None:
    """Revoke a user's token for good."""
    with services(config) as svc:
        svc.users.revoke(name)
    _console.print(f"revoked {name}")


# -- messages --------------------------------------------------------------------------------
@click.group()
def messages() -> None:
    """The vetted-message registry: drafts, approval, history."""


@messages.command("new")
@click.argument("name")
@click.option("--template", help="Start from templates/announcements/<TEMPLATE>.yaml.")
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False),
              help="A YAML file (as `messages show --export` prints).")  # fmt: skip
@click.option("--var", "pairs", multiple=True, help="name=value, repeatable.")
@click.option("--expires", help="When the message stops being true (e.g. +12h, ISO time).")
@_CONFIG
def messages_new(
    name: str, template: str | None, file: str | None, pairs: tuple[str, ...],
    expires: str | None, config: str | None,
) -> None:  # fmt: skip
    """Write a new draft version of NAME."""
    if bool(template) == bool(file):
        raise click.UsageError("give exactly one of --template or --file")
    with services(config) as svc:
        actor = svc.actor()
        zone = svc.settings.announcements.timezone
        when = parse_time(expires, zone) if expires else None
        if template:
            version = svc.registry.draft_from_template(
                actor, name, template, _values(pairs), expires=when,
                templates_dir=svc.settings.templates_path,
            )  # fmt: skip
        else:
            assert file is not None
            try:
                content = yaml.safe_load(Path(file).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
                raise Refused(f"{file}: {exc}") from exc
            if not isinstance(content, dict):
                raise Refused(f"{file}: a YAML mapping expected")
            if pairs:
                variables = content.setdefault("variables", {})
                for key, value in _values(pairs).items():
                    variables[key] = {"value": value}
            if when is not None:
                content.setdefault("meta", {})["expires"] = when.isoformat()
            version = svc.registry.create_draft(actor, name, content)
        problems = svc.registry.check(version)
    _console.print(f"draft {version.label} written ({version.content_hash[:12]})")
    for problem in problems:
        _console.print(f"  [yellow]would block approval:[/] {problem}")


@messages.command("list")
@_CONFIG
def messages_list(config: str | None) -> None:
    """The newest version of every message."""
    with services(config) as svc:
        svc.actor()
        versions = svc.registry.newest()
    _console.print(_version_table(versions, "registry"))


@messages.command("show")
@click.argument("ref")
@click.option("--export", is_flag=True, help="Print the YAML to edit and feed to `new --file`.")
@click.option("--all", "history", is_flag=True, help="Every version of the message.")
@_CONFIG
def messages_show(ref: str, export: bool, history: bool, config: str | None) -> None:
    """A message (NAME or NAME@vN): metadata, variables and every language variant."""
    with services(config) as svc:
        svc.actor()
        if history:
            _console.print(_version_table(svc.registry.versions(ref.split("@")[0]), ref))
            return
        version = svc.registry.get(ref)
        zone = svc.settings.announcements.timezone
    if export:
        click.echo(export_yaml(version), nl=False)
        return
    _console.print(f"[bold]{version.label}[/]  {version.status}  hash {version.content_hash}")
    _console.print(f"author {version.author}; decided by {version.decided_by or '-'} "
                   f"at {_when(version.decided_at, zone)}")  # fmt: skip
    if version.decision_note:
        _console.print(f"note: {version.decision_note}")
    for key, value in sorted(version.meta.items()):
        _console.print(f"  {key}: {value}")
    for var, spec in sorted(version.variables.items()):
        _console.print(f"  variable {var}: {spec}")
    for key, source in sorted(version.variants.items()):
        _console.print(f"[bold]--- {key}[/]")
        click.echo(source.rstrip("\n"))


@messages.command("diff")
@click.argument("name")
@click.argument("old", required=False, type=int)
@click.argument("new", required=False, type=int)
@_CONFIG
def messages_diff(name: str, old: int | None, new: int | None, config: str | None) -> None:
    """What changed between two versions (default: the two newest)."""
    with services(config) as svc:
        svc.actor()
        text = svc.registry.diff(name, old, new)
    click.echo(text or "no differences", nl=not text)


@messages.command("submit")
@click.argument("ref")
@_CONFIG
def messages_submit(ref: str, config: str | None) -> None:
    """Send your draft to an approver."""
    with services(config) as svc:
        version, problems = svc.registry.submit(svc.actor(), ref)
    _console.print(f"{version.label} submitted for approval")
    for problem in problems:
        _console.print(f"  [yellow]an approver will be refused:[/] {problem}")


@messages.command("approve")
@click.argument("ref")
@click.option("--note", help="Why, for the record.")
@_CONFIG
def messages_approve(ref: str, note: str | None, config: str | None) -> None:
    """Approve someone else's submitted version (every check must pass)."""
    with services(config) as svc:
        version = svc.registry.approve(svc.actor(), ref, note=note)
    _console.print(f"{version.label} approved by {version.decided_by} "
                   f"({version.content_hash[:12]})")  # fmt: skip


@messages.command("reject")
@click.argument("ref")
@click.option("--reason", required=True, help="What the author must change.")
@_CONFIG
def messages_reject(ref: str, reason: str, config: str | None) -> None:
    """Send a submitted version back to its author."""
    with services(config) as svc:
        version = svc.registry.reject(svc.actor(), ref, reason)
    _console.print(f"{version.label} rejected: {reason}")


# -- announce --------------------------------------------------------------------------------
class _DefaultGroup(click.Group):
    """A group whose unknown first word is the argument of its default command."""

    default_command = "post"

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = [self.default_command, *args]
        return super().resolve_command(ctx, args)


def _print_announcement(info: AnnouncementInfo, zone: str) -> None:
    every = f", every {info.every_seconds}s until {_when(info.until_at, zone)}" if (
        info.every_seconds
    ) else ""  # fmt: skip
    refs = f" (references {info.references_id})" if info.references_id else ""
    _console.print(
        f"announcement {info.id}: {info.kind} {info.label}{refs} on "
        f"{','.join(info.channels)} in {','.join(info.languages)}; "
        f"{info.status}, next {_when(info.next_due_at, zone)}{every}"
    )


@click.group(cls=_DefaultGroup)
def announce() -> None:
    """Post approved announcements: `announce MESSAGE --at ... --every ... --until ...`."""


@announce.command("post")
@click.argument("message")
@click.option("--at", "at", help="now (default), +10m, 18:30, or an ISO time.")
@click.option("--every", help="Repeat every N minutes (or 90s, 2h).")
@click.option("--until", help="Last time a repeat may go out.")
@click.option("--channels", help="Comma-separated: x,telegram (default: all the message's).")
@click.option("--var", "pairs", multiple=True, help="name=value for an approved choice.")
@_CONFIG
def announce_post(
    message: str, at: str | None, every: str | None, until: str | None,
    channels: str | None, pairs: tuple[str, ...], config: str | None,
) -> None:  # fmt: skip
    """Schedule MESSAGE (NAME or NAME@vN; its newest approved version by default)."""
    with services(config) as svc:
        zone = svc.settings.announcements.timezone
        info = svc.announcements.announce(
            svc.actor(), message,
            at=parse_time(at, zone) if at else None,
            every=parse_every(every) if every else None,
            until=parse_time(until, zone) if until else None,
            channels=[c.strip() for c in channels.split(",") if c.strip()] if channels else None,
            values=_values(pairs),
        )  # fmt: skip
    _print_announcement(info, zone)


@announce.command("update")
@click.argument("announcement", type=int)
@click.argument("message")
@click.option("--at", "at", help="now (default), +10m, 18:30, or an ISO time.")
@click.option("--var", "pairs", multiple=True, help="name=value for an approved choice.")
@_CONFIG
def announce_update(
    announcement: int, message: str, at: str | None, pairs: tuple[str, ...], config: str | None
) -> None:
    """Post approved MESSAGE as an update threaded under ANNOUNCEMENT's posts."""
    with services(config) as svc:
        zone = svc.settings.announcements.timezone
        info = svc.announcements.update(
            svc.actor(), announcement, message,
            at=parse_time(at, zone) if at else None, values=_values(pairs),
        )  # fmt: skip
    _print_announcement(info, zone)


@announce.command("cancel")
@click.argument("announcement", type=int)
@_CONFIG
def announce_cancel(announcement: int, config: str | None) -> None:
    """Withdraw ANNOUNCEMENT: stop it and post the pre-approved cancel text under it."""
    with services(config) as svc:
        zone = svc.settings.announcements.timezone
        info = svc.announcements.cancel(svc.actor(), announcement)
    _print_announcement(info, zone)


@announce.command("stop")
@click.argument("announcement", type=int)
@click.option("--reason", default="", help="For the record.")
@_CONFIG
def announce_stop(announcement: int, reason: str, config: str | None) -> None:
    """Stand a schedule down: no more posts, nothing withdrawn."""
    with services(config) as svc:
        svc.announcements.stand_down(svc.actor(), announcement, reason=reason)
    _console.print(f"announcement {announcement} stood down")


@announce.command("list")
@click.option("--active", is_flag=True, help="Only schedules still running.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@_CONFIG
def announce_list(active: bool, as_json: bool, config: str | None) -> None:
    """Schedules, newest first, with their posts per state."""
    from bot.services.announcements import as_dict

    with services(config) as svc:
        svc.actor()
        infos = svc.announcements.all(active_only=active)
        zone = svc.settings.announcements.timezone
    if as_json:
        for info in infos:
            sys.stdout.write(json.dumps(as_dict(info)) + "\n")
        return
    table = Table(title="announcements")
    for col in ("id", "kind", "message", "refs", "channels", "status", "next", "posts", "by"):
        table.add_column(col)
    for i in infos:
        table.add_row(
            str(i.id), i.kind, i.label, str(i.references_id or ""), ",".join(i.channels),
            i.status, _when(i.next_due_at, zone),
            " ".join(f"{k}:{v}" for k, v in sorted(i.posts.items())), i.created_by,
        )  # fmt: skip
    _console.print(table)


# -- audit -----------------------------------------------------------------------------------
class _AuditGroup(click.Group):
    """``audit`` alone (or with options) lists; ``audit verify`` checks."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0].startswith("-") and args[0] not in ("--help", "-h")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_AuditGroup, invoke_without_command=False)
def audit() -> None:
    """The append-only audit log: `audit` lists, `audit verify` checks the hash chain."""


@audit.command("list")
@click.option("--limit", default=50, show_default=True)
@click.option("--subject", help="type:id, e.g. message:shelter_open@v2 or announcement:4")
@click.option("--actor", help="Only this user's actions.")
@_CONFIG
def audit_list(limit: int, subject: str | None, actor: str | None, config: str | None) -> None:
    """The newest entries."""
    with services(config) as svc:
        user = svc.actor()
        if not user.can(Permission.AUDIT):
            raise Refused(f"{user.name} ({user.role}) may not read the audit log", EXIT_AUTH)
        kind, _, ident = (subject or "").partition(":")
        rows = audit_log.recent(svc.engine, limit=limit, subject_type=kind or None,
                                subject_id=ident or None, actor=actor)  # fmt: skip
        zone = svc.settings.announcements.timezone
    table = Table(title="audit log (newest first)")
    for col in ("#", "when", "who", "action", "subject", "detail"):
        table.add_column(col)
    for r in rows:
        detail = json.dumps(r.detail, ensure_ascii=False)
        table.add_row(str(r.seq), _when(r.at, zone), r.actor, r.action,
                      f"{r.subject_type}:{r.subject_id}",
                      detail if len(detail) < 100 else detail[:97] + "...")  # fmt: skip
    _console.print(table)


@audit.command("verify")
@_CONFIG
def audit_verify(config: str | None) -> None:
    """Recompute the hash chain; exit 1 and name each entry that was changed or removed."""
    with services(config) as svc:
        report = audit_log.verify(svc.engine)
    if report.ok:
        _console.print(f"audit chain intact: {report.entries} entries")
        return
    for problem in report.problems:
        _console.print(f"[red]BROKEN[/] {problem}")
    raise Refused(
        f"audit chain broken: {len(report.problems)} problem(s) in {report.entries} entries"
    )


def register(main: click.Group) -> None:
    """Add the staff commands to ``crisisbot``."""
    for command in (users, messages, announce, audit):
        main.add_command(command)
