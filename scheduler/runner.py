"""The announcement scheduler: APScheduler 3's AsyncIOScheduler with an in-memory job store.

The database is the truth. At start, and every ``sync_seconds`` after (schedules are created by
the CLI, in another process), the job store is rebuilt from the active schedules: one
date-triggered job per schedule at its next due time. A job only calls
:meth:`AnnouncementService.fire`, which decides in a transaction what is due; so a job that
fires twice, late, or in two processes posts nothing twice. No job is ever pickled.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger

from bot.services.announcements import AnnouncementService

_LOGGER = logging.getLogger(__name__)
_SYNC_JOB = "sync"


class AnnouncementScheduler:
    """Keeps one APScheduler job per active schedule, rebuilt from the database."""

    def __init__(
        self,
        service: AnnouncementService,
        *,
        on_posted: Callable[[], None] | None = None,
        sync_seconds: float = 1.0,
    ) -> None:
        self.service = service
        self.on_posted = on_posted
        self.sync_seconds = sync_seconds
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._due: dict[int, datetime] = {}
        self.fired = 0
        self.errors = 0

    def start(self) -> None:
        """Start on the running event loop and build the job store."""
        self._scheduler.start()
        self._scheduler.add_job(
            self.sync, "interval", seconds=self.sync_seconds, id=_SYNC_JOB,
            max_instances=1, coalesce=True, next_run_time=datetime.now(UTC),
        )  # fmt: skip

    def shutdown(self) -> None:
        """Stop; jobs are not kept anywhere but memory, so nothing is left behind."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    def jobs(self) -> dict[int, datetime]:
        """Schedule id -> the time its job will fire (for the console and tests)."""
        return dict(self._due)

    async def sync(self) -> None:
        """Make the job store match the database's active schedules."""
        try:
            due = await asyncio.to_thread(self.service.due_times)
        except Exception:
            self.errors += 1
            _LOGGER.exception("scheduler: cannot read the schedules; will retry")
            return
        for ann_id in set(self._due) - set(due):
            self._remove(ann_id)
        for ann_id, when in due.items():
            if self._due.get(ann_id) == when:
                continue
            self._due[ann_id] = when
            self._scheduler.add_job(
                self._fire, DateTrigger(run_date=when, timezone=UTC), args=[ann_id],
                id=f"announcement:{ann_id}", replace_existing=True,
                misfire_grace_time=None, coalesce=True, max_instances=1,
            )  # fmt: skip

    def _remove(self, ann_id: int) -> None:
        self._due.pop(ann_id, None)
        job = self._scheduler.get_job(f"announcement:{ann_id}")
        if job is not None:
            job.remove()

    async def _fire(self, ann_id: int) -> None:
        self._due.pop(ann_id, None)
        try:
            written = await asyncio.to_thread(self.service.fire, ann_id)
        except Exception:
            self.errors += 1
            _LOGGER.exception("announcement %s: could not be posted; will retry", ann_id)
            return
        if written:
            self.fired += 1
            if self.on_posted is not None:
                self.on_posted()
        # The next occurrence (or a retry) is picked up by the next sync.
        await self.sync()
