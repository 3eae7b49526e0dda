"""The task worker that survives database restarts and takes back tasks a dead worker left RUNNING.

django-tasks' database worker stops at the first ``OperationalError`` that is not a lock (a PostgreSQL
restart of one second is enough) and a task whose worker died stays RUNNING forever. This worker:

* waits and tries again when the database does not answer — while claiming a task, and while writing a
  task's result (so a task finished during a restart is recorded once the database is back, not run again);
* reports itself every few seconds in a :class:`~toasoan.ops.models.Heartbeat` row (from a thread, so a long
  task does not make it look dead), naming the task it is running;
* every few seconds, puts back in the queue each task RUNNING for longer than ``TOASOAN_TASK_RECLAIM_SECONDS``
  whose worker no longer reports it (killed, out of memory, lost its result during a restart); a task taken
  back ``TOASOAN_TASK_MAX_ATTEMPTS`` times is marked failed instead;
* puts back in the queue (READY, ``run_after`` a few seconds later) a task that failed because the database
  stopped answering — in its own queries or while its result was written — rather than marking it failed, up to
  ``TOASOAN_TASK_MAX_ATTEMPTS`` runs; a task failing with an exception of its own is marked failed as before.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from psycopg import OperationalError as PsycopgOperationalError

from toasoan.ops import conf
from toasoan.ops.models import Heartbeat
from toasoan.ops.services import beat, forget

logger = logging.getLogger(__name__)
DATABASE_DOWN = (OperationalError, InterfaceError)
CONNECTION_LOST = (*DATABASE_DOWN, PsycopgOperationalError)  # a task may also use psycopg directly
RECLAIMED_EXCEPTION = "toasoan.ops.worker.TaskAbandonedError"


class TaskAbandonedError(Exception):
    """Recorded on a task that was taken back from dead workers too many times."""


def close_connections() -> None:
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except Exception:  # a dead socket may refuse even to close
            logger.debug("closing a broken connection", exc_info=True)


def retry_while_database_down(action: Callable[[], Any], *, what: str, give_up_after: float = 60.0,
                              should_stop: Callable[[], bool] = lambda: False) -> Any:
    """``action()``, tried again (fresh connection, growing pause up to 2 s) while the database is down."""
    deadline = time.monotonic() + give_up_after
    pause = 0.1
    while True:
        try:
            return action()
        except DATABASE_DOWN as exc:
            if time.monotonic() >= deadline or should_stop():
                raise
            logger.warning("CSDL không trả lời khi %s (%s); thử lại sau %.1f giây", what, type(exc).__name__, pause)
            close_connections()
            time.sleep(pause)
            pause = min(2.0, pause * 2)


def reclaim_stuck_tasks(*, now=None) -> tuple[int, int]:
    """Put back RUNNING tasks no live worker reports; returns ``(requeued, failed)``."""
    now = now or timezone.now()
    started_before = now - timedelta(seconds=conf.reclaim_seconds())
    alive = dict(Heartbeat.objects.filter(kind=Heartbeat.Kind.WORKER,
                                          seen_at__gte=now - timedelta(seconds=conf.stale_seconds()))
                 .values_list("name", "current_task"))
    requeued = failed = 0
    for task in DBTaskResult.objects.running().filter(started_at__lt=started_before).only(
            "id", "worker_ids", "started_at", "status"):
        worker = task.worker_ids[-1] if task.worker_ids else ""
        if alive.get(f"worker:{worker}") == str(task.id):
            continue  # still being run: a long task of a live worker
        still_running = DBTaskResult.objects.filter(pk=task.pk, status="RUNNING", started_at=task.started_at)
        if len(task.worker_ids) >= conf.max_attempts():
            failed += still_running.update(
                status="FAILED", finished_at=now, exception_class_path=RECLAIMED_EXCEPTION,
                traceback=f"Tác vụ bị bỏ dở {len(task.worker_ids)} lần (tiến trình chạy nó đã dừng)")
            logger.error("Tác vụ %s bị bỏ dở %d lần: đánh dấu thất bại", task.pk, len(task.worker_ids))
        else:
            count = still_running.update(status="READY", started_at=None)
            requeued += count
            if count:
                logger.warning("Lấy lại tác vụ %s bị bỏ dở (tiến trình %s không còn chạy nó)", task.pk, worker)
    return requeued, failed


def requeue_after_database_error(task: DBTaskResult, exc: BaseException, *, now: datetime | None = None) -> bool:
    """Put back in the queue ``task``, which failed with ``exc``, when the database was lost under it.

    ``True`` when it was requeued (READY, ``run_after`` ``TOASOAN_TASK_RETRY_SECONDS`` times its runs so far);
    ``False`` for an exception of the task's own, or once it has run ``TOASOAN_TASK_MAX_ATTEMPTS`` times (each
    claim appends to ``worker_ids``): the caller then marks it failed.
    """
    attempts = len(task.worker_ids)
    if not isinstance(exc, CONNECTION_LOST) or attempts >= conf.max_attempts():
        return False
    now = now or timezone.now()
    task.status, task.started_at, task.finished_at = "READY", None, None
    task.run_after = now + timedelta(seconds=conf.retry_seconds() * attempts)
    task.save(update_fields=["status", "started_at", "finished_at", "run_after"])
    logger.warning("Tác vụ %s mất kết nối CSDL (%s) ở lần chạy %d: đưa lại vào hàng đợi", task.pk,
                   type(exc).__name__, attempts)
    return True


class ResilientWorker(Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.current_task_id = ""
        self.started_at = timezone.now()
        self.heartbeat_name = f"worker:{self.worker_id}"
        self._stop_heartbeat = threading.Event()

    # --- heartbeat
    def _beat(self) -> None:
        beat(name=self.heartbeat_name, kind=Heartbeat.Kind.WORKER, started_at=self.started_at,
             current_task=self.current_task_id, queues=",".join(self.queue_names))

    def _heartbeat_loop(self) -> None:
        """Its own thread (and database connection): report alive, then take back what dead workers left."""
        while not self._stop_heartbeat.wait(conf.heartbeat_seconds()):
            try:
                self._beat()
                reclaim_stuck_tasks()
            except Exception as exc:  # the database is down: the main loop waits for it too
                logger.warning("Không ghi được nhịp tim (%s)", type(exc).__name__)
                close_connections()
        close_connections()

    # --- loop
    def run(self) -> None:
        retry_while_database_down(self._beat, what="báo nhịp tim", give_up_after=float("inf"),
                                  should_stop=lambda: not self.running)
        thread = threading.Thread(target=self._heartbeat_loop, name="heartbeat", daemon=True)
        thread.start()
        pause = 0.1
        try:
            while self.running:
                try:
                    reclaim_stuck_tasks()  # at start: what a killed worker (this one's predecessor) left
                    super().run()
                    return  # --batch or --max-tasks reached
                except DATABASE_DOWN as exc:
                    if not self.running:
                        return
                    logger.warning("CSDL không trả lời (%s); tiến trình tác vụ chờ %.1f giây rồi thử lại",
                                   type(exc).__name__, pause)
                    close_connections()
                    time.sleep(pause)
                    pause = min(2.0, pause * 2)
                else:
                    pause = 0.1
        finally:
            self._stop_heartbeat.set()
            thread.join(timeout=5)
            try:
                forget(name=self.heartbeat_name)
            except Exception:
                logger.debug("heartbeat row left behind", exc_info=True)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.current_task_id = str(db_task_result.id)
        set_failed = db_task_result.set_failed

        def requeue_or_fail(exc: BaseException) -> None:
            if isinstance(exc, CONNECTION_LOST):
                close_connections()  # the connection the task broke is of no use to what follows
            if not requeue_after_database_error(db_task_result, exc):
                set_failed(exc)

        db_task_result.set_failed = requeue_or_fail
        for name in ("set_successful", "set_failed"):
            write = getattr(db_task_result, name)
            setattr(db_task_result, name, self._durable(write, name))
        try:
            super().run_task(db_task_result)
        finally:
            self.current_task_id = ""

    def _durable(self, write: Callable[..., None], name: str) -> Callable[..., None]:
        """The result of a task that ran is written once the database answers again (up to a minute)."""

        def durable(*args, **kwargs) -> None:
            retry_while_database_down(lambda: write(*args, **kwargs), what=f"ghi kết quả tác vụ ({name})")

        return durable
