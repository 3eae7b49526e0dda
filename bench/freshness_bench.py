"""Freshness under a backlog (issue 19, point 7): a story published while ≥ 5,000 background tasks are queued.

In the same run, twice, on the same database:

* baseline — the publication's tasks placed as before this change (queue ``default``, priority 0) behind the
  backlog, one worker of every queue;
* now — as the code places them (queue ``publication``, priority 50; the backlog's tasks at -50 because bulk
  commands enqueue inside ``bulk_work()``), with the two workers of ``make prod-local``: ``worker`` (every
  queue) and ``publisher`` (publication only).

The backlog is real work: index updates of the existing articles (``update_article_index``). The clock starts
at ``publish()`` and stops when the story is both found by the site search and listed on its section page.

    DATABASE_URL=postgres://…/ws_ops .venv/bin/python bench/freshness_bench.py [--backlog 5000] [--timeout 60]

Without DATABASE_URL a throwaway SQLite database is migrated in a temporary folder. Ends with target lines.
"""

from __future__ import annotations

import argparse
import os
import random
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup_django() -> dict[str, str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    os.environ.pop("REDIS_URL", None)  # local memory cache: the listing is rendered in this process
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="toasoan-fresh-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/db.sqlite3"
        os.environ["TOASOAN_VAR_DIR"] = folder
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return dict(os.environ)


def _workers(env: dict[str, str], layout: str) -> list[subprocess.Popen]:
    argv = [sys.executable, "-m", "toasoan.cli", "db_worker", "--no-startup-delay", "--interval", "0.5"]
    queues = [["--queue-name", "*"]] + ([["--queue-name", "publication"]] if layout == "now" else [])
    return [subprocess.Popen([*argv, *q], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL) for q in queues]


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def _fill_backlog(article_ids: list[int], count: int, *, bulk: bool) -> None:
    from django_tasks_db.models import DBTaskResult

    from toasoan.core.queue import bulk_work, enqueue
    from toasoan.search.tasks import update_article_index

    DBTaskResult.objects.filter(status="READY").delete()
    if bulk:
        with bulk_work():
            for i in range(count):
                enqueue(update_article_index, article_id=article_ids[i % len(article_ids)], urgent=True)
    else:
        for i in range(count):
            update_article_index.using(priority=0).enqueue(article_id=article_ids[i % len(article_ids)])


def _run(layout: str, *, env, section, article_ids, backlog: int, timeout: float) -> tuple[float | None, int]:
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    from toasoan.news.models import ArticlePage
    from toasoan.ops.models import Heartbeat
    from toasoan.search import services

    _fill_backlog(article_ids, backlog, bulk=layout == "now")
    Heartbeat.objects.filter(kind="worker").delete()
    workers = _workers(env, layout)
    deadline = time.monotonic() + 120
    while Heartbeat.objects.filter(kind="worker").count() < len(workers) and time.monotonic() < deadline:
        time.sleep(0.2)  # every worker started (its first heartbeat) and busy with the backlog
    time.sleep(2)
    client = Client(HTTP_HOST="127.0.0.1")
    client.get(section.url)  # templates loaded: the clock measures the data, not the first render
    token = "".join(random.choice(string.ascii_lowercase) for _ in range(9))
    title = f"Tin kiểm tra độ tươi {token}"
    story = section.add_child(instance=ArticlePage(title=title, sapo="Bài đo độ tươi của chỉ mục.", live=False))
    revision = story.save_revision()
    import toasoan.core.queue
    import toasoan.news.renditions

    placement = toasoan.core.queue.placement
    if layout == "baseline":  # where the publication's tasks went before this change
        toasoan.core.queue.placement = toasoan.news.renditions.placement = lambda *, urgent: ("default", 0)
    began = time.monotonic()
    try:
        revision.publish()
    finally:
        toasoan.core.queue.placement = toasoan.news.renditions.placement = placement
    found = listed = None
    while time.monotonic() - began < timeout and (found is None or listed is None):
        if found is None and story.pk in [hit.article.pk for hit in services.search(query=token).hits]:
            found = time.monotonic() - began
        if listed is None and token in client.get(section.url).content.decode():
            listed = time.monotonic() - began
        time.sleep(0.05)
    left = DBTaskResult.objects.filter(status="READY").count()
    _stop(workers)
    ArticlePage.objects.get(pk=story.pk).delete()
    DBTaskResult.objects.filter(status="READY").delete()
    both = None if found is None or listed is None else max(found, listed)
    print(f"{layout}: searchable after {found if found is None else round(found, 2)} s, listed after "
          f"{listed if listed is None else round(listed, 2)} s; {left} tasks still queued then")
    return both, left


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backlog", type=int, default=5000)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    env = _setup_django()
    from toasoan.home.services import ensure_section, ensure_site_structure
    from toasoan.news.models import ArticlePage

    ensure_site_structure()
    section = ensure_section(title="Thời sự", slug="thoi-su")
    article_ids = list(ArticlePage.objects.live().values_list("pk", flat=True)[:200])
    if not article_ids:
        seed = section.add_child(instance=ArticlePage(title="Bài nền cho hàng đợi", sapo="Bài nền.", live=False))
        seed.save_revision().publish()
        article_ids = [seed.pk]
    print(f"database {env['DATABASE_URL'].split('@')[-1]}, backlog {args.backlog} index updates over "
          f"{len(article_ids)} articles")
    baseline, _ = _run("baseline", env=env, section=section, article_ids=article_ids, backlog=args.backlog,
                       timeout=args.timeout)
    now, left = _run("now", env=env, section=section, article_ids=article_ids, backlog=args.backlog,
                     timeout=args.timeout)
    base_value = baseline if baseline is not None else args.timeout
    if now is not None:
        print(f"ratio baseline/now: {base_value / max(now, 0.01):.1f}x"
              f"{' (baseline hit the timeout: at least)' if baseline is None else ''}")
    value = now if now is not None else float("inf")
    print(f"target fresh_after_publish_seconds: {value:.2f} (goal <= 5) {'PASS' if value <= 5 else 'FAIL'}")
    print(f"target backlog_still_queued: {left} (goal >= 1000) {'PASS' if left >= 1000 else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
