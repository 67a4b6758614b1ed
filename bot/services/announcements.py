"""Announcements: approved versions scheduled onto channels, updated and cancelled (CAP).

A schedule is a row; each occurrence that comes due becomes one ``announcement_runs`` row
(unique per schedule and due time) and, in the same transaction, one outbox row per channel
and language, all carrying the approved version's hash. So an occurrence is posted once
through crashes, restarts and several processes.

After downtime: an occurrence still valid (not expired, not past ``until``, not superseded by
a newer occurrence of the same schedule) is posted late and flagged ``late``; occurrences
superseded while the bot was down are recorded as ``superseded``, not posted in a burst.

An Update or a Cancel references the original (CAP ``references``): it is posted as a reply
under the original's newest post on each channel, in the same language. The bot never
retweets, quotes or forwards anything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, insert, select, update

from bot.db.models import ANNOUNCEMENT_RUNS, ANNOUNCEMENTS, OUTBOX, DbRow, utcnow
from bot.domain.registry import DEFAULT_CANCEL, Kind, RegistryError, Status, Version
from bot.domain.staff import SYSTEM_SCHEDULER, Actor, Permission
from bot.services import audit
from bot.services.registry import EXERCISE_PREFIX, ISSUED_AT, RegistryService

_LOGGER = logging.getLogger(__name__)
_ANN, _RUNS, _OUTBOX = ANNOUNCEMENTS, ANNOUNCEMENT_RUNS, OUTBOX
MIN_EVERY = timedelta(seconds=1)
ACTIVE = "scheduled"
# How long an unsent original may hold back its update before the update posts unthreaded.
THREAD_WAIT = timedelta(minutes=10)
_PRIORITY = {"cancel": 3, "update": 4, "alert": 5}


def _audit(
    conn: Connection,
    actor: str,
    action: str,
    announcement_id: int,
    *,
    detail: dict[str, Any] | None = None,
    at: datetime,
) -> None:
    audit.append(
        conn, actor=actor, action=f"announcement.{action}", subject_type="announcement",
        subject_id=announcement_id, detail=detail, at=at,
    )  # fmt: skip


class AnnouncementError(ValueError):
    """A schedule request is invalid; the message says what to change."""


@dataclass(frozen=True, slots=True)
class AnnouncementInfo:
    """One schedule, as ``crisisbot announce list`` shows it."""

    id: int
    label: str
    kind: str
    references_id: int | None
    channels: list[str]
    languages: list[str]
    start_at: datetime
    every_seconds: int | None
    until_at: datetime | None
    expires_at: datetime | None
    status: str
    next_due_at: datetime | None
    created_by: str
    posts: dict[str, int]


class AnnouncementService:
    """Schedule, update, cancel and stand down announcements; turn due ones into outbox rows."""

    def __init__(
        self,
        engine: Engine,
        registry: RegistryService,
        targets: Mapping[str, str],
        *,
        exercise: bool = False,
        late_after: timedelta = timedelta(seconds=60),
        timezone: str = "America/New_York",
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.engine = engine
        self.registry = registry
        # "x" / "telegram" -> where posts go; "telegram.es" overrides one language.
        self.targets = dict(targets)
        self.exercise = exercise
        self.late_after = late_after
        self.zone = ZoneInfo(timezone)
        self.clock = clock

    # -- staff use cases --------------------------------------------------------------------
    def announce(
        self,
        actor: Actor,
        message: str,
        *,
        at: datetime | None = None,
        every: timedelta | None = None,
        until: datetime | None = None,
        channels: list[str] | None = None,
        values: Mapping[str, str] | None = None,
    ) -> AnnouncementInfo:
        """Schedule an approved announcement: now, at a time, or every N until a time."""
        actor.require(Permission.ANNOUNCE, "schedule announcements")
        version = self._approved(message)
        return self._schedule(
            actor, version, "alert", None, at, every, until, channels, values or {}
        )

    def update(
        self,
        actor: Actor,
        original_id: int,
        message: str,
        *,
        at: datetime | None = None,
        values: Mapping[str, str] | None = None,
    ) -> AnnouncementInfo:
        """Post an approved update as a reply under the original's posts."""
        actor.require(Permission.ANNOUNCE, "update announcements")
        original = self._row(original_id)
        if original.kind == "cancel":
            raise AnnouncementError(
                f"announcement {original_id} is a cancel; update the announcement it cancelled"
            )
        root = original.references_id or original.id
        if original.status == "cancelled" or self._row(root).status == "cancelled":
            raise AnnouncementError(f"announcement {root} was cancelled")
        version = self._approved(message)
        return self._schedule(
            actor, version, "update", root, at, None, None, list(original.channels), values or {}
        )

    def cancel(self, actor: Actor, original_id: int) -> AnnouncementInfo:
        """Stop the announcement and its updates, and post the pre-approved cancel text.

        Returns the cancel's schedule, or the original (stood down) when nothing of it had
        been posted yet.
        """
        actor.require(Permission.ANNOUNCE, "cancel announcements")
        original = self._row(original_id)
        root_id = original.references_id or original.id
        root = self._row(root_id)
        if root.status == "cancelled":
            raise AnnouncementError(f"announcement {root_id} is already cancelled")
        root_version = self._version_by_id(root.version_id)
        cancel_name = str(root_version.meta.get("cancel") or DEFAULT_CANCEL)
        cancel = self._approved(cancel_name)
        missing = [lang for lang in root.languages if lang not in cancel.variants]
        if missing:
            raise AnnouncementError(
                f"{cancel.label} has no {', '.join(missing)} variant; "
                "the cancel must speak every language the original did"
            )
        if not self._posted_anything(root_id):
            # Nothing went out, so there is nothing to withdraw publicly: just stop it.
            self.stand_down(actor, root_id, reason="cancelled before anything was posted")
            return self.get(root_id)
        now = self.clock()
        with self.engine.begin() as conn:
            # The original is cancelled whatever its schedule's state (a one-shot that went
            # out is "done"): a second cancel, or an update, of it is then refused.
            done = conn.execute(
                update(_ANN)
                .where(_ANN.c.id == root_id, _ANN.c.status != "cancelled")
                .values(status="cancelled", next_due_at=None)
            )
            if done.rowcount != 1:
                raise AnnouncementError(f"announcement {root_id} is already cancelled")
            conn.execute(
                update(_ANN)
                .where(_ANN.c.references_id == root_id, _ANN.c.status == ACTIVE)
                .values(status="cancelled", next_due_at=None)
            )
            _audit(
                conn,
                actor.name,
                "cancelled",
                root_id,
                detail={"cancel_text": cancel.label},
                at=now,
            )
        return self._schedule(
            actor,
            cancel,
            "cancel",
            root_id,
            None,
            None,
            None,
            list(root.channels),
            {},
            languages=list(root.languages),
        )

    def stand_down(self, actor: Actor, announcement_id: int, *, reason: str = "") -> None:
        """Stop a schedule without posting anything more."""
        actor.require(Permission.ANNOUNCE, "stand announcements down")
        now = self.clock()
        with self.engine.begin() as conn:
            done = conn.execute(
                update(_ANN)
                .where(_ANN.c.id == announcement_id, _ANN.c.status == ACTIVE)
                .values(status="stood_down", next_due_at=None)
            )
            if done.rowcount != 1:
                raise AnnouncementError(f"announcement {announcement_id} is not scheduled")
            _audit(
                conn,
                actor.name,
                "stood_down",
                announcement_id,
                detail={"reason": reason[:500]},
                at=now,
            )

    def all(self, *, active_only: bool = False) -> list[AnnouncementInfo]:
        """Schedules, newest first."""
        query = select(_ANN).order_by(_ANN.c.id.desc())
        if active_only:
            query = query.where(_ANN.c.status == ACTIVE)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [self._info(r) for r in rows]

    def get(self, announcement_id: int) -> AnnouncementInfo:
        """One schedule."""
        return self._info(self._row(announcement_id))

    # -- the scheduler's side -----------------------------------------------------------------
    def due_times(self) -> dict[int, datetime]:
        """Every active schedule's next due time: the scheduler's job store is built from it."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(_ANN.c.id, _ANN.c.next_due_at).where(
                    _ANN.c.status == ACTIVE, _ANN.c.next_due_at.is_not(None)
                )
            ).all()
        return {r.id: r.next_due_at for r in rows}

    def fire(self, announcement_id: int) -> int:
        """Post whatever of this schedule is due now; returns the outbox rows written."""
        now = self.clock()
        with self.engine.begin() as conn:
            row = conn.execute(
                select(_ANN).where(_ANN.c.id == announcement_id).with_for_update()
            ).first()
            if row is None or row.status != ACTIVE or row.next_due_at is None:
                return 0
            if row.next_due_at > now:
                return 0
            return self._fire(conn, row, now)

    def _fire(self, conn: Connection, row: DbRow, now: datetime) -> int:
        due = self._due_occurrences(row, now)
        latest = due[-1]
        for skipped in due[:-1]:
            self._record_run(conn, row.id, skipped, now, "superseded", late=True)
        if len(due) > 1:
            _audit(
                conn,
                SYSTEM_SCHEDULER.name,
                "superseded",
                row.id,
                detail={
                    "occurrences": len(due) - 1,
                    "first": due[0].isoformat(),
                    "last": due[-2].isoformat(),
                },
                at=now,
            )
        if row.expires_at is not None and now >= row.expires_at:
            self._end(
                conn, row.id, latest, now, run="expired", status="expired", action="expired",
                late=True, detail={"expired_at": row.expires_at.isoformat()},
            )  # fmt: skip
            return 0
        refs: dict[tuple[str, str], str | None] = {}
        if row.references_id is not None:
            resolved = self._thread_refs(conn, row, now)
            if resolved is None:
                # The original's post is still on its way: try again shortly.
                self._set_next(conn, row.id, now + timedelta(seconds=2), ACTIVE)
                return 0
            refs = resolved
        if row.exercise and not self.exercise:
            # Rehearsal schedules never reach live accounts, even if the mode was switched.
            self._end(
                conn, row.id, latest, now, run="refused", status="stood_down",
                action="exercise_stood_down", late=False,
                detail={"why": "scheduled in exercise mode"},
            )  # fmt: skip
            _LOGGER.warning("announcement %s: an exercise schedule, stood down (live)", row.id)
            return 0
        version = self._version_by_id(row.version_id, conn)
        values = {**row.values, ISSUED_AT: latest.astimezone(self.zone).strftime("%H:%M")}
        # Posted in place of superseded occurrences (the bot was down): late, whatever the delay.
        late = now - latest > self.late_after or len(due) > 1
        written = 0
        for platform in row.channels:
            for lang in row.languages:
                text = self.registry.render(version, lang, values)
                prefix = ""
                # A bot in exercise mode marks every post, whoever scheduled it and how.
                if row.exercise or self.exercise:
                    prefix = f"{EXERCISE_PREFIX} "
                    text = prefix + text
                key = f"ann:{row.id}:{int(latest.timestamp() * 1000)}:{platform}:{lang}"
                conn.execute(
                    insert(_OUTBOX).values(
                        platform=platform,
                        chat_id=self._target(platform, lang),
                        reply_ref=refs.get((platform, lang)),
                        text=text,
                        render={"variants": [lang], "values": values, "prefix": prefix},
                        language=lang,
                        template_id=version.name,
                        template_version=f"v{version.number}",
                        content_hash=version.content_hash,
                        idempotency_key=key,
                        priority=_PRIORITY.get(row.kind, 5),
                        status="pending",
                        attempts=0,
                        next_attempt_at=now,
                        announcement_id=row.id,
                        created_at=now,
                    )
                )
                written += 1
        self._record_run(conn, row.id, latest, now, "posted", late=late)
        following = self._next_occurrence(row, latest)
        self._set_next(conn, row.id, following, ACTIVE if following else "done")
        unthreaded = sorted(f"{p}/{lang}" for (p, lang), ref in refs.items() if ref is None)
        _audit(
            conn,
            SYSTEM_SCHEDULER.name,
            "posted",
            row.id,
            detail={
                "due": latest.isoformat(),
                "late": late,
                "rows": written,
                "version": version.label,
                "hash": version.content_hash,
                "unthreaded": unthreaded,
            },
            at=now,
        )
        if late:
            _LOGGER.warning("announcement %s: posted late (due %s)", row.id, latest.isoformat())
        return written

    def _due_occurrences(self, row: DbRow, now: datetime) -> list[datetime]:
        first: datetime = row.next_due_at
        if not row.every_seconds:
            return [first]
        step = timedelta(seconds=row.every_seconds)
        limit = now if row.until_at is None else min(now, row.until_at)
        count = max(0, int((limit - first) / step)) + 1 if limit >= first else 1
        # Only the newest few are materialised; older ones are summarised as superseded.
        count_kept = min(count, 50)
        start = first + step * (count - count_kept)
        return [start + step * i for i in range(count_kept)]

    def _next_occurrence(self, row: DbRow, latest: datetime) -> datetime | None:
        if not row.every_seconds:
            return None
        following: datetime = latest + timedelta(seconds=row.every_seconds)
        if row.until_at is not None and following > row.until_at:
            return None
        if row.expires_at is not None and following >= row.expires_at:
            return None
        return following

    def _thread_refs(
        self, conn: Connection, row: DbRow, now: datetime
    ) -> dict[tuple[str, str], str | None] | None:
        """The newest post of the original per channel and language; None = wait for it."""
        refs: dict[tuple[str, str], str | None] = {}
        for platform in row.channels:
            for lang in row.languages:
                post = conn.execute(
                    select(_OUTBOX.c.status, _OUTBOX.c.platform_post_id, _OUTBOX.c.created_at)
                    .where(
                        _OUTBOX.c.announcement_id == row.references_id,
                        _OUTBOX.c.platform == platform,
                        _OUTBOX.c.language == lang,
                    )
                    .order_by(_OUTBOX.c.id.desc())
                    .limit(1)
                ).first()
                if post is None:
                    refs[(platform, lang)] = None
                elif post.status == "sent":
                    refs[(platform, lang)] = post.platform_post_id
                elif post.status in ("pending", "sending", "verify") and (
                    now - post.created_at < THREAD_WAIT
                ):
                    return None
                else:
                    refs[(platform, lang)] = None
        return refs

    # -- helpers ------------------------------------------------------------------------------
    def _schedule(
        self,
        actor: Actor,
        version: Version,
        kind: str,
        references_id: int | None,
        at: datetime | None,
        every: timedelta | None,
        until: datetime | None,
        channels: list[str] | None,
        values: Mapping[str, str],
        *,
        languages: list[str] | None = None,
    ) -> AnnouncementInfo:
        now = self.clock()
        start = at or now
        if start.tzinfo is None or (until is not None and until.tzinfo is None):
            raise AnnouncementError("times must carry a time zone")
        if start < now - timedelta(minutes=1):
            # "--at 18:30" typed at 19:00 is a mistake, not a request to post late.
            raise AnnouncementError(
                f"--at {start.astimezone(self.zone):%Y-%m-%d %H:%M %Z} has passed; give a "
                "future time (or leave --at out to post now)"
            )
        expires = version.expires
        if expires is not None and expires <= now:
            raise AnnouncementError(f"{version.label} expired at {expires.isoformat()}")
        if expires is not None and start >= expires:
            raise AnnouncementError(
                f"{version.label} expires at {expires.isoformat()}, "
                "before the first post would go out"
            )
        if every is not None:
            if every < MIN_EVERY:
                raise AnnouncementError("--every must be at least 1 second")
            if until is None and expires is None:
                raise AnnouncementError(
                    "a recurring announcement needs --until (or a message "
                    "that expires): it must stop by itself"
                )
        if until is not None and until <= start:
            raise AnnouncementError("--until must be after the first post")
        chosen = list(channels or version.channels)
        for channel in chosen:
            if channel not in version.channels:
                raise AnnouncementError(
                    f"{version.label} is approved for {', '.join(version.channels)}, not {channel}"
                )
            if channel not in self.targets:
                raise AnnouncementError(
                    f"no {channel} channel is configured ([announcements] {channel} = ...)"
                )
        langs = languages or version.languages
        if every is not None and "x" in chosen and not self.registry.uses(version, ISSUED_AT):
            raise AnnouncementError(
                f"X refuses a post identical to an earlier one, so a message repeated on X "
                f"must show the time ({{{{ {ISSUED_AT} }}}}) in every language and "
                f"{version.label} does not; repeat it with --channels telegram, or approve a "
                "version with the time"
            )
        try:
            resolved = self.registry.resolve_values(version, values)
            for lang in langs:
                self.registry.render(version, lang, {**resolved, ISSUED_AT: "00:00"})
        except RegistryError as exc:
            raise AnnouncementError(str(exc)) from exc
        with self.engine.begin() as conn:
            ann_id = conn.execute(
                insert(_ANN)
                .values(
                    version_id=version.id,
                    kind=kind,
                    references_id=references_id,
                    values=resolved,
                    channels=chosen,
                    languages=langs,
                    start_at=start,
                    every_seconds=int(every.total_seconds()) if every else None,
                    until_at=until,
                    expires_at=expires,
                    status=ACTIVE,
                    next_due_at=start,
                    exercise=self.exercise,
                    created_by=actor.name,
                    created_at=now,
                )
                .returning(_ANN.c.id)
            ).scalar_one()
            _audit(
                conn,
                actor.name,
                f"{kind}_scheduled",
                ann_id,
                detail={
                    "version": version.label,
                    "hash": version.content_hash,
                    "references": references_id,
                    "channels": chosen,
                    "at": start.isoformat(),
                    "every_seconds": int(every.total_seconds()) if every else None,
                    "until": until.isoformat() if until else None,
                    "values": dict(resolved),
                },
                at=now,
            )
        return self.get(ann_id)

    def _approved(self, message: str) -> Version:
        try:
            if "@" in message:
                version = self.registry.get(message)
            else:
                current = self.registry.current(message)
                if current is None:
                    self.registry.get(message)  # raises for an unknown name
                    raise AnnouncementError(f"{message} has no approved version yet")
                version = current
        except RegistryError as exc:
            raise AnnouncementError(str(exc)) from exc
        if version.status is not Status.APPROVED:
            raise AnnouncementError(f"{version.label} is {version.status}, not approved")
        if version.kind is not Kind.ANNOUNCEMENT:
            raise AnnouncementError(f"{version.label} is not an announcement")
        return version

    def _version_by_id(self, version_id: int, conn: Connection | None = None) -> Version:
        # Read on the caller's connection: fire() holds the write transaction (on SQLite a
        # second connection would wait for it until busy_timeout, then fail "locked").
        return self.registry.by_id(version_id, conn)

    def _target(self, platform: str, lang: str) -> str:
        return self.targets.get(f"{platform}.{lang}") or self.targets[platform]

    def _row(self, announcement_id: int) -> DbRow:
        with self.engine.connect() as conn:
            row = conn.execute(select(_ANN).where(_ANN.c.id == announcement_id)).first()
        if row is None:
            raise AnnouncementError(f"no announcement {announcement_id}")
        return row

    def _posted_anything(self, announcement_id: int) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(
                    select(_RUNS.c.id).where(
                        _RUNS.c.announcement_id == announcement_id, _RUNS.c.outcome == "posted"
                    )
                ).first()
                is not None
            )

    @staticmethod
    def _record_run(
        conn: Connection, ann_id: int, due: datetime, now: datetime, outcome: str, *, late: bool
    ) -> None:
        conn.execute(
            insert(_RUNS).values(
                announcement_id=ann_id, due_at=due, ran_at=now, outcome=outcome, late=late
            )
        )

    def _end(
        self,
        conn: Connection,
        ann_id: int,
        due: datetime,
        now: datetime,
        *,
        run: str,
        status: str,
        action: str,
        late: bool,
        detail: dict[str, Any],
    ) -> None:
        """Close a schedule at its due time ``due`` without posting: the run is recorded, the
        schedule gets its final ``status``, and the scheduler's reason is audited."""
        self._record_run(conn, ann_id, due, now, run, late=late)
        self._set_next(conn, ann_id, None, status)
        _audit(
            conn, SYSTEM_SCHEDULER.name, action, ann_id,
            detail={"due": due.isoformat(), **detail}, at=now,
        )  # fmt: skip

    @staticmethod
    def _set_next(conn: Connection, ann_id: int, when: datetime | None, status: str) -> None:
        conn.execute(
            update(_ANN).where(_ANN.c.id == ann_id).values(next_due_at=when, status=status)
        )

    def _info(self, row: DbRow) -> AnnouncementInfo:
        with self.engine.connect() as conn:
            counts: dict[str, int] = {}
            for (status,) in conn.execute(
                select(_OUTBOX.c.status).where(_OUTBOX.c.announcement_id == row.id)
            ).all():
                counts[status] = counts.get(status, 0) + 1
        version = self._version_by_id(row.version_id)
        return AnnouncementInfo(
            id=row.id,
            label=version.label,
            kind=row.kind,
            references_id=row.references_id,
            channels=list(row.channels),
            languages=list(row.languages),
            start_at=row.start_at,
            every_seconds=row.every_seconds,
            until_at=row.until_at,
            expires_at=row.expires_at,
            status=row.status,
            next_due_at=row.next_due_at,
            created_by=row.created_by,
            posts=counts,
        )


def as_dict(info: AnnouncementInfo) -> dict[str, Any]:
    """JSON-friendly form of an :class:`AnnouncementInfo`."""
    out: dict[str, Any] = {}
    for name in info.__slots__:
        value = getattr(info, name)
        out[name] = value.isoformat() if isinstance(value, datetime) else value
    return out
