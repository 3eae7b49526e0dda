"""Readers while the task worker does bulk side work: a cached article's p99 through the production front.

``toasoan setup --demo`` loads the demo paper and leaves several hundred tasks for the worker (entity suggestions,
image work, search entries: bulk work at low priority). This bench starts the production front on loopback
(``deploy/prod-local.sh``: nginx, gunicorn, the task workers, the scheduler... on ports from ``SIDE_WORK_BENCH_PORT``)
on a throw-away PostgreSQL database (``<DATABASE_URL name>_sidework``, dropped at the end), measures the article's
response times while nothing runs, runs ``setup --demo``, then measures them again while the worker drains the queue
(the queue is read with one SQL query every 2 s, no extra Django process), and once more after.

Run as root the supervisor starts the worker in the idle CPU group (docs/operations.md); otherwise the worker runs
at the normal level and the run says so. The reader is wrk (see import_bench.Reader). Needs nginx and wrk
(Debian's packages), PostgreSQL and Redis.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/side_work_bench.py

Ends with ``target side_work_reader_p99_ratio: X (goal <= 1.5) PASS|FAIL`` (p99 while the worker works over p99
before); the figures go to bench/data/side_work/last_run.json.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import import_bench as common  # noqa: E402 - the front, the reader and the throw-away database

GOAL = 1.5
PORT = int(os.environ.get("SIDE_WORK_BENCH_PORT", "24180"))  # the front's; +1 and +2 for its refresh and gunicorn
DRAIN_LIMIT = 600.0  # seconds: the run stops measuring (and says so) if the queue is not empty by then


def queued(url: str) -> int:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        return conn.execute("SELECT COUNT(*) FROM django_tasks_database_dbtaskresult "
                            "WHERE status IN ('READY', 'RUNNING')").fetchone()[0]


def main() -> int:
    missing = common.front_missing()
    if missing:
        print(f"side work bench: {missing}", file=sys.stderr)
        return 2
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        print("side work bench: cần DATABASE_URL (PostgreSQL) và REDIS_URL, ví dụ "
              "DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/5",
              file=sys.stderr)
        return 2
    base = os.environ["DATABASE_URL"]
    extra, name = common.postgres_env(base, suffix="sidework")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev", "PYTHONPATH": str(common.ROOT), **extra}
    server = None
    folder = Path(tempfile.mkdtemp(prefix="side-work-bench-"))
    try:
        subprocess.run([*common.TOASOAN, "setup"], env=env, check=True, stdout=subprocess.DEVNULL, cwd=common.ROOT)
        server, url = common.front_with_article(env, folder, port=PORT)
        common.fetch(url)
        idle = common.sample_idle(url, 20)
        started = time.perf_counter()
        subprocess.run([*common.TOASOAN, "setup", "--demo"], env=env, check=True, stdout=subprocess.DEVNULL,
                       cwd=common.ROOT)
        setup_seconds = time.perf_counter() - started
        waiting = queued(env["DATABASE_URL"])
        reader = common.Reader(url)
        started = time.perf_counter()
        left = waiting
        while left and time.perf_counter() - started < DRAIN_LIMIT:
            time.sleep(2)
            left = queued(env["DATABASE_URL"])
        drain_seconds = time.perf_counter() - started
        working = reader.stop()
        after = common.sample_idle(url, 20)
        supervise_log = (folder / "prod" / "supervise.log").read_text(encoding="utf-8", errors="replace")
        behind = "nhóm CPU nhàn rỗi" not in supervise_log
    finally:
        if server is not None:
            server.stop()  # before its folder (pid files) goes
        common.drop_postgres(base, name)
        shutil.rmtree(folder, ignore_errors=True)
    result = {
        "idle": dataclasses.asdict(idle), "working": dataclasses.asdict(working), "after": dataclasses.asdict(after),
        "queued_after_setup": waiting, "left": left,
        "setup_demo_seconds": round(setup_seconds, 1), "drain_seconds": round(drain_seconds, 1),
        "worker_in_idle_group": behind, "load_average": os.getloadavg(),
    }
    out = HERE / "data" / "side_work"
    out.mkdir(parents=True, exist_ok=True)
    (out / "last_run.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"setup --demo left {waiting} tasks; the worker drained them in {drain_seconds:.0f} s"
          f"{'' if not left else f' ({left} still queued: measuring stopped at {DRAIN_LIMIT:.0f} s)'}; "
          f"the worker {'in the idle CPU group' if behind else 'at the normal level (not root)'}")
    print(f"reader: cached article p99 {idle.p99:.2f} ms before, {working.p99:.2f} ms while the worker works, "
          f"{after.p99:.2f} ms after ({idle.requests}, {working.requests} and {after.requests} requests, "
          f"{idle.errors + working.errors + after.errors} errors; the reader's client "
          f"{'at real-time priority' if common.reader_ahead() else 'at ordinary priority'})")
    ratio = working.p99 / idle.p99
    print(f"target side_work_reader_p99_ratio: {ratio:.2f} (goal <= {GOAL}) {'PASS' if ratio <= GOAL else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
