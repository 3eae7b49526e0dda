"""The deposit task: on the high-priority path of the task queue, so records follow publications closely."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

from toasoan.record import services

logger = logging.getLogger(__name__)

DEPOSIT_TASK_PRIORITY = 50  # above the default (0) of index updates and image renditions


RETRY_SECONDS = (10, 30, 60, 300, 900)  # then every 15 minutes, until the record is stored


@task(priority=DEPOSIT_TASK_PRIORITY)
def write_deposit(request_id: int) -> int | None:
    """Write the record of one deposit request. On failure (disk full, database down) the request stays open
    and the task queues itself again later; ``toasoan deposit retry`` does the same for any left open."""
    try:
        record = services.write_request(request_id=request_id)
    except Exception:
        logger.exception("Chưa lưu được bản lưu chiểu của yêu cầu %s; sẽ thử lại", request_id)
        _retry_later(request_id=request_id)
        raise
    return None if record is None else record.seq


def _retry_later(*, request_id: int) -> None:
    backend = task_backends[write_deposit.backend]
    if not backend.supports_defer:
        return
    attempts = services.attempts_of(request_id=request_id)
    delay = RETRY_SECONDS[min(attempts, len(RETRY_SECONDS)) - 1] if attempts else RETRY_SECONDS[0]
    try:
        write_deposit.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(request_id=request_id)
    except Exception:
        logger.exception("Không xếp lại được tác vụ lưu chiểu %s", request_id)


@task(priority=DEPOSIT_TASK_PRIORITY)
def retry_deposits() -> int:
    written, _failed = services.retry_open_requests()
    return written


def enqueue_request(*, request_id: int) -> None:
    try:
        write_deposit.enqueue(request_id=request_id)
    except Exception:  # the request row stays open: `toasoan deposit retry` (and the scheduler) pick it up
        logger.exception("Không xếp được tác vụ lưu chiểu cho yêu cầu %s", request_id)


def request_and_enqueue(**kwargs) -> None:
    """:func:`services.request_deposit` in this transaction, and its task once it commits."""
    pending = services.request_deposit(**kwargs)
    if pending is not None:
        transaction.on_commit(lambda: enqueue_request(request_id=pending.pk))
