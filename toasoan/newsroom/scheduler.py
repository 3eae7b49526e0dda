"""Publishing to the minute: approved stories go live, expiring ones come down, exactly once.

Each due item is handled in its own transaction after locking its row with
``SELECT … FOR UPDATE SKIP LOCKED`` (PostgreSQL), so any number of workers can run side by side: a row
being handled by one worker is invisible to the others, and once committed it is no longer due
(publishing clears ``approved_go_live_at``; taking down sets ``live = False``). On SQLite the
``IMMEDIATE`` transactions of the settings serialise writers, which gives the same guarantee.

Curated front slots expire by the clock (readers' fronts leave them out once ``expires_at`` has passed); each
pass also announces (``core.signals.front_slot_expired``) the slots whose time came since the previous pass, so
the page cache drops the fronts that still show them. The first pass looks back ``SLOT_LOOKBACK``, longer than
a cached page can live, so slots that expired while the site was down are announced too.

``run_due`` is called at start (honouring, once, what fell due while the site was down) and then every
few seconds by ``toasoan run_scheduler``, which ``toasoan serve`` starts beside the web server.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import close_old_connections, transaction
from django.utils import timezone
from wagtail.models import Page, Revision

logger = logging.getLogger(__name__)

SLOT_LOOKBACK = timedelta(minutes=15)  # > the page cache's lifetime plus its stale window (toasoan.caching.conf)
# A pass that failed (the database restarting) is tried again after this, not a whole interval later: a story
# due during a database restart goes live as soon as the database answers.
RETRY_AFTER_FAILURE = 0.5


@dataclass
class SchedulerRun:
    published: list[int] = field(default_factory=list)  # page ids
    expired: list[int] = field(default_factory=list)
    slots_expired: list[int] = field(default_factory=list)  # FrontSlot ids
    now: datetime | None = None  # the time this pass read the clock

    def __bool__(self) -> bool:
        return bool(self.published or self.expired or self.slots_expired)


def _publish_next(*, now: datetime, seen: set[int]) -> int | None:
    with transaction.atomic():
        revision = (
            Revision.objects.filter(approved_go_live_at__isnull=False, approved_go_live_at__lte=now)
            .exclude(pk__in=seen)
            .select_for_update(skip_locked=True)
            .order_by("approved_go_live_at", "pk")
            .first()
        )
        if revision is None:
            return None
        # Wagtail compares the go-live time with the clock again: a revision whose time was moved later in
        # the meantime is re-scheduled rather than published; ``seen`` keeps one pass from retrying it.
        seen.add(revision.pk)
        revision.publish(log_action="wagtail.publish.scheduled")
        return int(revision.object_id)


def _expire_next(*, now: datetime) -> int | None:
    with transaction.atomic():
        page = (
            Page.objects.filter(live=True, expire_at__isnull=False, expire_at__lte=now)
            .select_for_update(skip_locked=True)
            .order_by("expire_at", "pk")
            .first()
        )
        if page is None:
            return None
        page.specific.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
        return page.pk


def _announce_expired_slots(*, since: datetime, now: datetime) -> list[int]:
    from toasoan.core.signals import front_slot_expired
    from toasoan.home.models import FrontSlot

    slots = list(FrontSlot.objects.filter(expires_at__gt=since, expires_at__lte=now).select_related("front"))
    for slot in slots:
        front_slot_expired.send(sender=FrontSlot, slot=slot)
        logger.info("Hết hạn vị trí trên trang nhất: %s", slot.pk)
    return [slot.pk for slot in slots]


def run_due(*, now: datetime | None = None, limit: int = 500, slots_since: datetime | None = None) -> SchedulerRun:
    """Publish every approved revision whose time has come, take down every expired page, and announce the
    front slots that expired after ``slots_since`` (default: ``SLOT_LOOKBACK`` ago)."""
    now = now or timezone.now()
    run = SchedulerRun(now=now)
    seen: set[int] = set()
    for _ in range(limit):
        page_id = _publish_next(now=now, seen=seen)
        if page_id is None:
            break
        run.published.append(page_id)
        logger.info("Đã đăng theo lịch: trang %s", page_id)
    for _ in range(limit):
        page_id = _expire_next(now=now)
        if page_id is None:
            break
        run.expired.append(page_id)
        logger.info("Đã gỡ bài hết hạn: trang %s", page_id)
    run.slots_expired = _announce_expired_slots(since=slots_since or now - SLOT_LOOKBACK, now=now)
    _announce_pass(now=now)
    return run


def _announce_pass(*, now: datetime) -> None:
    """Other apps' periodic work (core.signals.scheduler_pass); a failing receiver never stops publishing."""
    from toasoan.core.signals import scheduler_pass

    for receiver, result in scheduler_pass.send_robust(sender=SchedulerRun, now=now):
        if isinstance(result, Exception):
            logger.error("Lỗi trong việc định kỳ %s", getattr(receiver, "__qualname__", receiver), exc_info=result)


def run_forever(*, interval: float = 15.0, should_stop: Callable[[], bool] = lambda: False,
                on_run: Callable[[SchedulerRun], None] | None = None) -> None:
    """Loop until ``should_stop()``: run at once (catching up after downtime), then every ``interval`` s
    (``RETRY_AFTER_FAILURE`` s after a pass that failed)."""
    previous: datetime | None = None
    while not should_stop():
        close_old_connections()
        pause = interval
        try:
            run = run_due(slots_since=previous)
        except Exception:  # a bad page or a restarting database must not stop the newsroom's clock
            logger.exception("Lỗi khi đăng bài theo lịch")
            pause = min(interval, RETRY_AFTER_FAILURE)
        else:
            previous = run.now
            if on_run is not None:
                on_run(run)
        deadline = time.monotonic() + pause
        while time.monotonic() < deadline and not should_stop():
            time.sleep(min(0.5, interval))
