"""The task worker survives a PostgreSQL restart and takes back tasks a dead worker left RUNNING.

The restart test runs the real ``toasoan db_worker`` against a PostgreSQL cluster of its own on a free port
(``toasoan.ops.localdb``), never the shared server; it is skipped when ``initdb`` is absent.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from toasoan.ops.localdb import LocalPostgres, postgres_bin
from toasoan.ops.services import beat
from toasoan.ops.worker import RECLAIMED_EXCEPTION, reclaim_stuck_tasks, requeue_after_database_error

REPO = Path(__file__).resolve().parents[2]
TASK = "toasoan.search.tasks.update_article_index"
PROBE = "tests.ops.worker_tasks"  # importable by the worker started from the repository
NOOP = f"{PROBE}.noop"


def _running_task(*, worker: str, minutes_ago: float, attempts: int = 1) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status="RUNNING", started_at=now - timedelta(minutes=minutes_ago), task_path=TASK, backend_name="default",
        args_kwargs={"args": [], "kwargs": {"article_id": 1}}, run_after=now - timedelta(minutes=minutes_ago),
        worker_ids=[f"earlier-{i}" for i in range(attempts - 1)] + [worker])


def test_reclaim_requeues_tasks_of_dead_workers_and_leaves_live_ones(db, settings):
    settings.TOASOAN_TASK_RECLAIM_SECONDS = 60
    settings.TOASOAN_TASK_MAX_ATTEMPTS = 3
    now = timezone.now()
    dead = _running_task(worker="killed", minutes_ago=5)
    long_running = _running_task(worker="alive", minutes_ago=5)
    beat(name="worker:alive", kind="worker", started_at=now, current_task=str(long_running.pk))
    lost_result = _running_task(worker="restarted", minutes_ago=5)  # alive, but no longer running it
    beat(name="worker:restarted", kind="worker", started_at=now, current_task="")
    recent = _running_task(worker="killed", minutes_ago=0.1)  # not yet past the timeout
    poison = _running_task(worker="killed", minutes_ago=5, attempts=3)

    assert reclaim_stuck_tasks() == (2, 1)

    statuses = {t.pk: t.status for t in DBTaskResult.objects.all()}
    assert statuses[dead.pk] == "READY" and statuses[lost_result.pk] == "READY"
    assert statuses[long_running.pk] == "RUNNING" and statuses[recent.pk] == "RUNNING"
    poison.refresh_from_db()
    assert poison.status == "FAILED" and poison.exception_class_path == RECLAIMED_EXCEPTION
    assert "3 lần" in poison.traceback
    assert reclaim_stuck_tasks() == (0, 0)  # nothing twice


def test_only_a_lost_database_requeues_a_failed_task_and_only_a_few_times(db, settings):
    import psycopg
    from django.db import InterfaceError, OperationalError

    settings.TOASOAN_TASK_MAX_ATTEMPTS = 3
    settings.TOASOAN_TASK_RETRY_SECONDS = 5
    now = timezone.now()
    lost = [_running_task(worker="w", minutes_ago=1, attempts=n) for n in (1, 2)]
    assert requeue_after_database_error(lost[0], OperationalError("server closed the connection"), now=now)
    assert requeue_after_database_error(lost[1], psycopg.OperationalError("terminating connection"), now=now)
    for task, attempts in zip(lost, (1, 2), strict=True):
        task.refresh_from_db()
        assert task.status == "READY" and task.started_at is None
        assert task.run_after == now + timedelta(seconds=5 * attempts)  # later each time
    spent = _running_task(worker="w", minutes_ago=1, attempts=3)
    own = _running_task(worker="w", minutes_ago=1)
    assert not requeue_after_database_error(spent, InterfaceError("connection already closed"), now=now)
    assert not requeue_after_database_error(own, ValueError("lỗi của chính tác vụ"), now=now)
    assert not requeue_after_database_error(own, KeyboardInterrupt(), now=now)
    assert set(DBTaskResult.objects.filter(pk__in=[spent.pk, own.pk]).values_list("status", flat=True)) == {"RUNNING"}


# --- the real worker against its own PostgreSQL cluster ---------------------------------------------------

@pytest.fixture(scope="module")
def cluster():
    if postgres_bin() is None:
        pytest.skip("initdb is absent (/usr/lib/postgresql/*/bin): no PostgreSQL cluster of our own to restart")
    # A free port: CI runs the SQLite and PostgreSQL passes side by side, each with its own cluster.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    pg = LocalPostgres.create(port=port)
    env = _env(pg)
    for app in ("django_tasks_database", "ops"):  # the worker's tables only: the whole schema takes minutes
        subprocess.run([sys.executable, "-m", "toasoan.cli", "migrate", app, "--noinput"], env=env,
                       cwd=REPO, check=True, capture_output=True)
    yield pg
    pg.destroy()


def _env(pg: LocalPostgres) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev", "DATABASE_URL": pg.url(),
           "TASKS_BACKEND": "django_tasks_db.DatabaseBackend", "TOASOAN_HEARTBEAT_SECONDS": "0.5",
           "TOASOAN_TASK_RECLAIM_SECONDS": "2", "DB_CONN_MAX_AGE": "60"}
    env.pop("REDIS_URL", None)
    return env


def _sql(pg: LocalPostgres, query: str, *params):
    import psycopg

    with psycopg.connect(pg.url(), autocommit=True) as conn:
        rows = conn.execute(query, params)
        return rows.fetchall() if rows.description else None


def _enqueue(pg: LocalPostgres, *, status="READY", worker_ids=(), started_minutes_ago=None, path=NOOP,
             kwargs=None) -> str:
    task_id = str(uuid.uuid4())
    _sql(pg, "INSERT INTO django_tasks_database_dbtaskresult (id, status, enqueued_at, started_at, args_kwargs, "
             "priority, task_path, worker_ids, queue_name, backend_name, run_after, exception_class_path, traceback)"
             " VALUES (%s, %s, now(), now() - make_interval(mins => %s), %s, 0, %s, %s, 'default', 'default',"
             " now() - interval '1 second', '', '')",
         task_id, status, started_minutes_ago or 0,
         json.dumps({"args": [], "kwargs": kwargs or {"article_id": 999999}}), path, json.dumps(list(worker_ids)))
    return task_id


def _status(pg: LocalPostgres, task_id: str) -> tuple[str, list]:
    status, workers = _sql(pg, "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE id = %s",
                           task_id)[0]
    return status, workers


def _wait_status(pg, task_id, wanted="SUCCESSFUL", timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if _status(pg, task_id)[0] == wanted:
                return
        except Exception as exc:  # the cluster is restarting
            print("not yet:", type(exc).__name__)
        time.sleep(0.1)
    raise AssertionError(f"task {task_id} is {_status(pg, task_id)}, not {wanted}")


@pytest.fixture
def worker(cluster, tmp_path):
    log_path = tmp_path / "worker.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "toasoan.cli", "db_worker", "--interval", "0.2", "--no-startup-delay", "-v", "2"],
            env=_env(cluster), cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
        process.log_path = log_path
        yield process
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
    print(log_path.read_text())  # shown when the test fails


def test_the_worker_keeps_working_across_a_postgresql_restart(cluster, worker):
    first = _enqueue(cluster)
    _wait_status(cluster, first)
    # Down for two seconds: the worker (polling every second) meets the missing database at least once.
    cluster.stop()
    time.sleep(2)
    cluster.start()
    time.sleep(1)  # the worker polls the restarted database at least once more
    assert worker.poll() is None, "the worker exited on the restart"
    second = _enqueue(cluster)
    _wait_status(cluster, second, timeout=20)
    assert worker.poll() is None
    assert "CSDL không trả lời" in worker.log_path.read_text()  # the restart did reach the worker
    beats = _sql(cluster, "SELECT name, now() - seen_at < interval '5 seconds' FROM ops_heartbeat"
                          " WHERE kind = 'worker'")
    assert beats and all(fresh for _name, fresh in beats)


def test_the_worker_takes_back_a_task_its_killed_predecessor_left_running(cluster, worker):
    stuck = _enqueue(cluster, status="RUNNING", worker_ids=["killed-worker"], started_minutes_ago=10)
    _wait_status(cluster, stuck, timeout=20)
    workers = _status(cluster, stuck)[1]
    assert workers[0] == "killed-worker" and len(workers) == 2  # run again, once, by the live worker


def _wait(predicate, timeout=20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_task_cut_off_by_a_postgresql_restart_is_run_again_and_its_own_errors_still_fail(cluster, worker,
                                                                                        tmp_path):
    gate = tmp_path / "gate"
    gate.mkdir()
    marker = f"restart-🗞️-{uuid.uuid4().hex[:8]}"
    cut_off = _enqueue(cluster, path=f"{PROBE}.write_after_gate", kwargs={"gate": str(gate), "marker": marker})
    _wait(lambda: (gate / "started-0").exists())  # running, its connection open
    cluster.stop()  # fast: the task's connection is cut
    (gate / "go").touch()  # its write meets the missing database
    _wait(lambda: "ghi kết quả tác vụ (set_failed)" in worker.log_path.read_text())  # its failure waits for it
    cluster.start()
    _wait_status(cluster, cut_off, timeout=30)
    assert (gate / "started-1").exists() and not (gate / "started-2").exists()  # run twice: cut off, then done
    assert len(_status(cluster, cut_off)[1]) == 2
    assert _sql(cluster, "SELECT count(*) FROM ops_heartbeat WHERE name = %s", f"effect:{marker}") == [(1,)]

    own_error = _enqueue(cluster, path=f"{PROBE}.refuse")
    _wait_status(cluster, own_error, wanted="FAILED")
    assert len(_status(cluster, own_error)[1]) == 1  # not retried
    assert _sql(cluster, "SELECT exception_class_path FROM django_tasks_database_dbtaskresult WHERE id = %s",
                own_error) == [("builtins.ValueError",)]
