"""The deposit task: on the high-priority path of the task queue, so records follow publications closely."""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import task

from toasoan.record import services

logger = logging.getLogger(__name__)

DEPOSIT_TASK_PRIORITY = 50  # above the default (0) of index updates and image renditions


@task(priority=DEPOSIT_TASK_PRIORITY)
def write_deposit(request_id: int) -> int | None:
    """Write the record of one deposit request; a failure leaves the request open for the retry loop."""
    record = services.write_request(request_id=request_id)
    return None if record is None else record.seq


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
